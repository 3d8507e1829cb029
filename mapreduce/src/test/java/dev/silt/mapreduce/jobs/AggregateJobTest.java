package dev.silt.mapreduce.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.silt.mapreduce.job.JobResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The aggregate job on the LocalJobRunner, with and without its combiner. */
class AggregateJobTest {
    @TempDir
    Path tmp;

    @Test
    void combinerSwitchChangesTheShuffleNotTheAnswer() throws Exception {
        Random r = new Random(11);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            ObjectNode e = JobHarness.event(r, 2, List.of("US", "DE", "JP"));
            e.put("bytes", r.nextInt(100_000));
            lines.add(e.toString());
        }
        Path in = tmp.resolve("in");
        JobHarness.land(in, lines);

        JobResult with = aggregate(in, tmp.resolve("with"), "1");
        JobResult without = aggregate(in, tmp.resolve("without"), "0");

        assertEquals(JobHarness.lines(tmp.resolve("with"), "part-"), JobHarness.lines(tmp.resolve("without"), "part-"));
        assertEquals(400, with.mapOutputRecords());
        assertTrue(with.combineInputRecords() > 0);
        assertTrue(with.combineOutputRecords() < with.combineInputRecords());
        assertEquals(0, without.combineInputRecords());
        assertTrue(
                with.mapOutputMaterializedBytes() < without.mapOutputMaterializedBytes(),
                with.mapOutputMaterializedBytes() + " vs " + without.mapOutputMaterializedBytes());
    }

    private static JobResult aggregate(Path in, Path out, String combiner) throws Exception {
        return JobHarness.run(
                        JobHarness.localConf(),
                        0,
                        "aggregate",
                        "-D",
                        "silt.mr.combiner=" + combiner,
                        "--in",
                        in.toString(),
                        "--out",
                        out.toString(),
                        "--group-by",
                        "country,status",
                        "--metrics",
                        "count,sum:bytes,avg:latency_ms,max:latency_ms")
                .result();
    }
}
