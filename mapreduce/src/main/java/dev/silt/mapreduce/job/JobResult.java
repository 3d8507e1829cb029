package dev.silt.mapreduce.job;

import dev.silt.mapreduce.event.Reason;
import dev.silt.mapreduce.input.InputCounters;
import java.io.PrintStream;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.TaskCounter;

/**
 * What a finished job did, read from its counters: enough to see the reduce work and what was quarantined.
 *
 * <p>{@code mapOutputMaterializedBytes} is what the map side left on disk for the shuffle (after the combiner and any
 * map output compression); {@code shuffleBytes} is what the reducers fetched; {@code spilledRecords} counts records
 * written to spill files on both sides, so it exceeds the map output when spills are merged more than once.
 */
public record JobResult(
        String job,
        Path output,
        long elapsedMillis,
        long recordsRead,
        long recordsValid,
        long quarantined,
        Map<Reason, Long> quarantinedBy,
        long mapTasks,
        long compressedFiles,
        long mapOutputRecords,
        long mapOutputBytes,
        long combineInputRecords,
        long combineOutputRecords,
        long mapOutputMaterializedBytes,
        long spilledRecords,
        long shuffleBytes,
        long outputRecords) {

    static JobResult of(String job, Path output, long elapsedMillis, Counters c, boolean mapOnly, long mapTasks) {
        Map<Reason, Long> by = new EnumMap<>(Reason.class);
        for (Reason r : Reason.values()) {
            long v = c.findCounter(r).getValue();
            if (v > 0) {
                by.put(r, v);
            }
        }
        return new JobResult(
                job,
                output,
                elapsedMillis,
                c.findCounter(RecordCounters.READ).getValue(),
                c.findCounter(RecordCounters.VALID).getValue(),
                c.findCounter(RecordCounters.QUARANTINED).getValue(),
                Map.copyOf(by),
                mapTasks,
                c.findCounter(InputCounters.COMPRESSED_FILES).getValue(),
                c.findCounter(TaskCounter.MAP_OUTPUT_RECORDS).getValue(),
                c.findCounter(TaskCounter.MAP_OUTPUT_BYTES).getValue(),
                c.findCounter(TaskCounter.COMBINE_INPUT_RECORDS).getValue(),
                c.findCounter(TaskCounter.COMBINE_OUTPUT_RECORDS).getValue(),
                c.findCounter(TaskCounter.MAP_OUTPUT_MATERIALIZED_BYTES).getValue(),
                c.findCounter(TaskCounter.SPILLED_RECORDS).getValue(),
                c.findCounter(TaskCounter.REDUCE_SHUFFLE_BYTES).getValue(),
                mapOnly
                        ? c.findCounter(TaskCounter.MAP_OUTPUT_RECORDS).getValue()
                        : c.findCounter(TaskCounter.REDUCE_OUTPUT_RECORDS).getValue());
    }

    /** Share of the map output records that the combiner removed, in [0, 1]; 0 without a combiner. */
    public double combineReduction() {
        return combineInputRecords == 0 ? 0 : 1.0 - (double) combineOutputRecords / combineInputRecords;
    }

    public void print(PrintStream out) {
        out.printf(Locale.ROOT, "%s: %s in %.1f s%n", job, output, elapsedMillis / 1000.0);
        out.printf(
                Locale.ROOT,
                "  records     read %,d  valid %,d  quarantined %,d%s%n",
                recordsRead,
                recordsValid,
                quarantined,
                quarantinedBy.isEmpty() ? "" : " " + describe(quarantinedBy));
        out.printf(
                Locale.ROOT,
                "  map         splits %,d  (compressed files read whole: %,d)  output records %,d  bytes %,d%n",
                mapTasks,
                compressedFiles,
                mapOutputRecords,
                mapOutputBytes);
        if (combineInputRecords > 0) {
            out.printf(
                    Locale.ROOT,
                    "  combine     in %,d  out %,d  (%.1f%% of map output records removed)%n",
                    combineInputRecords,
                    combineOutputRecords,
                    100 * combineReduction());
        }
        // Materialized bytes are what the map side wrote for the shuffle: after the combiner, on disk.
        out.printf(
                Locale.ROOT,
                "  shuffle     %,d bytes written by maps, %,d bytes fetched by reducers%n",
                mapOutputMaterializedBytes,
                shuffleBytes);
        out.printf(Locale.ROOT, "  output      %,d records%n", outputRecords);
    }

    private static String describe(Map<Reason, Long> by) {
        StringBuilder sb = new StringBuilder("(");
        by.forEach((r, v) -> sb.append(sb.length() > 1 ? ", " : "")
                .append(r.code())
                .append(' ')
                .append(v));
        return sb.append(')').toString();
    }
}
