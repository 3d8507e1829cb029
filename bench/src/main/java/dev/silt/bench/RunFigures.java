package dev.silt.bench;

/**
 * The figures of one job run: wall time and the task counters that show where the bytes went.
 *
 * @param contender the name of what ran, e.g. {@code wordcount}
 * @param wallNanos submit to commit, as the caller sees it
 * @param inputBytes bytes of the input files as stored
 * @param inputRecords lines the map side read
 * @param mapOutputRecords {@code MAP_OUTPUT_RECORDS}
 * @param mapOutputBytes {@code MAP_OUTPUT_BYTES} (serialized, before the combiner)
 * @param combineInputRecords {@code COMBINE_INPUT_RECORDS}
 * @param combineOutputRecords {@code COMBINE_OUTPUT_RECORDS}
 * @param materializedBytes {@code MAP_OUTPUT_MATERIALIZED_BYTES}: what the map side left for the shuffle
 * @param shuffleBytes {@code REDUCE_SHUFFLE_BYTES}: what the reducer fetched
 * @param spilledRecords {@code SPILLED_RECORDS}, map and reduce side
 * @param outputRecords records the job wrote
 */
record RunFigures(
        String contender,
        long wallNanos,
        long inputBytes,
        long inputRecords,
        long mapOutputRecords,
        long mapOutputBytes,
        long combineInputRecords,
        long combineOutputRecords,
        long materializedBytes,
        long shuffleBytes,
        long spilledRecords,
        long outputRecords) {

    double wallSeconds() {
        return wallNanos / 1e9;
    }

    /** Input megabytes (10^6 bytes) per second of wall time. */
    double inputMegabytesPerSecond() {
        return inputBytes / 1e6 / wallSeconds();
    }

    /** The same figures with another wall time (the median of several repetitions). */
    RunFigures withWallNanos(long nanos) {
        return new RunFigures(
                contender,
                nanos,
                inputBytes,
                inputRecords,
                mapOutputRecords,
                mapOutputBytes,
                combineInputRecords,
                combineOutputRecords,
                materializedBytes,
                shuffleBytes,
                spilledRecords,
                outputRecords);
    }
}
