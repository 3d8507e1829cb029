package dev.silt.mapreduce;

/**
 * Every configuration key of the job suite, with its default and unit, in one place. Keys are read from the job's
 * Hadoop {@code Configuration} ({@code silt-site.xml}, {@code -conf}, {@code -D}).
 */
public enum MapReduceKeys {
    /** Target size of an input split, in bytes. Independent of the file system's block size. */
    SPLIT_MAX_BYTES("silt.mr.split.max.bytes", 128L * 1024 * 1024, "target input split size in bytes"),
    /** Longest accepted input line, in bytes; longer lines are quarantined, never silently skipped. */
    RECORD_MAX_BYTES("silt.mr.record.max.bytes", 1024L * 1024, "longest accepted input line in bytes"),
    /** Fraction of read records that may be quarantined before the job fails and commits nothing. */
    QUARANTINE_MAX_RATIO("silt.mr.quarantine.max.ratio", 0.05, "largest tolerated fraction of malformed records"),
    /** Bytes of a malformed record kept in the quarantine output. */
    QUARANTINE_RECORD_BYTES("silt.mr.quarantine.record.bytes", 4096L, "bytes of each bad record kept in quarantine"),
    /** Dimension files up to this size are joined map-side through the distributed cache. */
    JOIN_MAP_SIDE_MAX_BYTES("silt.mr.join.mapside.max.bytes", 25L * 1024 * 1024, "largest dimension joined map-side"),
    /** Number of keys sampled to choose the total-order sort's partition boundaries. */
    SORT_SAMPLE_SIZE("silt.mr.sort.sample.size", 10_000L, "keys sampled for total-order partition boundaries"),
    /** Whether jobs run their combiner; off only to measure what the combiner saves. */
    COMBINER("silt.mr.combiner", 1L, "run the job's combiner (1) or not (0)"),
    /** Default reducer count when a job is not told; 0 means "let the job decide". */
    REDUCERS("silt.mr.reducers", 0L, "reducers per job, 0 = job default");

    private final String key;
    private final Object defaultValue;
    private final String doc;

    MapReduceKeys(String key, Object defaultValue, String doc) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.doc = doc;
    }

    public String key() {
        return key;
    }

    public String doc() {
        return doc;
    }

    public long defaultLong() {
        return ((Number) defaultValue).longValue();
    }

    public double defaultDouble() {
        return ((Number) defaultValue).doubleValue();
    }

    public long getLong(org.apache.hadoop.conf.Configuration conf) {
        return conf.getLong(key, defaultLong());
    }

    public double getDouble(org.apache.hadoop.conf.Configuration conf) {
        return conf.getDouble(key, defaultDouble());
    }
}
