package dev.silt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole quickstart with the real jobs on the LocalJobRunner. */
class QuickstartIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void everyStageSucceedsAndLeavesItsOutput() throws IOException {
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
        assertTrue(r.out().contains("[ingest] events put into silt stream"), r::toString);
        assertEveryGeneratedEventLandedOnce(tmp.resolve("quickstart"));
    }

    /**
     * The generated lines, as put into the stream, against what the delivery landed: data files under {@code
     * lake/raw} (gzip, the default) plus the raw records of the error output, as multisets.
     */
    private static void assertEveryGeneratedEventLandedOnce(Path base) throws IOException {
        Map<String, Integer> generated = new HashMap<>();
        for (Path f : files(base.resolve("gen"))) {
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                generated.merge(line, 1, Integer::sum);
            }
        }
        assertEquals(
                20_000, generated.values().stream().mapToInt(Integer::intValue).sum());
        Map<String, Integer> landed = new HashMap<>();
        List<Path> data = files(base.resolve("lake/raw"));
        assertTrue(data.size() >= 6, "hourly files: " + data);
        for (Path f : data) {
            assertTrue(
                    f.toString().matches(".*/raw/\\d{4}/\\d{2}/\\d{2}/\\d{2}/clickstream-.*\\.json\\.gz"),
                    f.toString());
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(new GZIPInputStream(Files.newInputStream(f)), StandardCharsets.UTF_8))) {
                in.lines().forEach(line -> landed.merge(line, 1, Integer::sum));
            }
        }
        int errors = 0;
        for (Path f : files(base.resolve("lake/errors"))) {
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                JsonNode error = JSON.readTree(line);
                String raw = error.has("rawData")
                        ? error.get("rawData").asText()
                        : new String(
                                Base64.getDecoder()
                                        .decode(error.get("rawDataBase64").asText()),
                                StandardCharsets.UTF_8);
                landed.merge(raw, 1, Integer::sum);
                errors++;
            }
        }
        assertTrue(errors > 0, "the malformed events without a usable timestamp go to the error output");
        assertEquals(generated.size(), landed.size(), "distinct lines");
        for (Map.Entry<String, Integer> e : generated.entrySet()) {
            assertEquals(e.getValue(), landed.get(e.getKey()), "landed count of " + e.getKey());
        }
        for (Path f : files(base.resolve("lake/_delivery"))) {
            assertTrue(f.toString().contains("/checkpoints/"), "left behind: " + f);
        }
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith(".")
                            && !p.getFileName().toString().startsWith("_"))
                    .sorted()
                    .toList();
        }
    }
}
