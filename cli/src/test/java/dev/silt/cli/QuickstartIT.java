package dev.silt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole quickstart with the real jobs on the LocalJobRunner. */
class QuickstartIT {
    @TempDir
    Path tmp;

    @Test
    void everyStageSucceedsAndLeavesItsOutput() {
        CliRun r = CliRun.run(
                JobRunner.IN_PROCESS,
                Map.of(),
                "-D",
                "silt.data.dir=" + tmp,
                "-D",
                "silt.quickstart.events=20000",
                "quickstart");
        assertEquals(0, r.code(), r::toString);
        for (String job : List.of("aggregate", "topn", "sessionize", "distinct", "join", "etl", "sort")) {
            Path out = tmp.resolve("quickstart/out/" + job);
            assertTrue(Files.exists(out.resolve("_SUCCESS")), job + " succeeded: " + r);
            assertTrue(r.out().lines().anyMatch(l -> l.matches("\\s+" + job + "\\s+.*\\sok")), job + ": " + r);
        }
        assertTrue(r.out().contains("by region: "), r::toString);
    }
}
