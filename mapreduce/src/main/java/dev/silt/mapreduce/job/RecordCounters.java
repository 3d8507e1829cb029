package dev.silt.mapreduce.job;

/** Records seen by the map side of every job, as Hadoop counters in the group {@code RecordCounters}. */
public enum RecordCounters {
    /** Every line (or reader fault) handed to a mapper. */
    READ,
    /** Lines that parsed and validated. */
    VALID,
    /** Lines written to the quarantine output instead; per-reason counts are in the group {@code Reason}. */
    QUARANTINED
}
