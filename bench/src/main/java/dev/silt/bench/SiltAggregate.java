package dev.silt.bench;

import dev.silt.mapreduce.MapReduceKeys;
import dev.silt.mapreduce.SiltJobs;
import dev.silt.mapreduce.job.JobResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/** silt's {@code aggregate} job, run in-process through {@link SiltJobs#execute} as {@code silt mr} runs it. */
final class SiltAggregate implements Contender {
    private final String groupBy;
    private final String metrics;
    private final boolean combiner;
    private final long splitBytes;

    SiltAggregate(String groupBy, String metrics, boolean combiner, long splitBytes) {
        this.groupBy = groupBy;
        this.metrics = metrics;
        this.combiner = combiner;
        this.splitBytes = splitBytes;
    }

    @Override
    public String name() {
        return "aggregate " + groupBy + (combiner ? "" : " (no combiner)");
    }

    @Override
    public RunFigures run(Configuration conf, Path input, Path output, long inputBytes) throws Exception {
        List<String> args = new ArrayList<>(List.of("aggregate"));
        args.addAll(List.of("-D", MapReduceKeys.SPLIT_MAX_BYTES.key() + "=" + splitBytes));
        if (!combiner) {
            args.addAll(List.of("-D", MapReduceKeys.COMBINER.key() + "=0"));
        }
        args.addAll(List.of(
                "--in", input.toString(), "--out", output.toString(), "--group-by", groupBy, "--metrics", metrics));
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream sink = new PrintStream(captured, true, StandardCharsets.UTF_8);

        long t0 = System.nanoTime();
        SiltJobs.Execution e = SiltJobs.execute(new Configuration(conf), args.toArray(new String[0]), sink, sink);
        long wall = System.nanoTime() - t0;
        if (e.exitCode() != 0) {
            throw new IllegalStateException(name() + " failed with exit code " + e.exitCode() + ":\n"
                    + captured.toString(StandardCharsets.UTF_8));
        }
        JobResult r = e.result();
        return new RunFigures(
                name(),
                wall,
                inputBytes,
                r.recordsRead(),
                r.mapOutputRecords(),
                r.mapOutputBytes(),
                r.combineInputRecords(),
                r.combineOutputRecords(),
                r.mapOutputMaterializedBytes(),
                r.shuffleBytes(),
                r.spilledRecords(),
                r.outputRecords());
    }
}
