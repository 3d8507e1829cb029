package dev.silt.mapreduce.input;

/** What the input side did, reported as Hadoop counters in the group {@code Input}. */
public enum InputCounters {
    /** Compressed files; each was read whole by one task because compressed streams cannot be split. */
    COMPRESSED_FILES,
    /** Splits of uncompressed files. */
    PLAIN_SPLITS
}
