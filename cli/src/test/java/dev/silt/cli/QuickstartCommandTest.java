package dev.silt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quickstart's own work: generation, arguments per the job contract, reading results back, the summary.
 * The jobs are stood in for by a runner that writes outputs laid out as the contract says; the real jobs
 * run in {@code QuickstartIT}.
 */
class QuickstartCommandTest {
    @TempDir
    Path tmp;

    private final List<List<String>> calls = new ArrayList<>();

    private int fakeJob(String[] args) throws IOException {
        calls.add(List.of(args));
        List<String> a = List.of(args);
        Path out = Path.of(java.net.URI.create(a.get(a.indexOf("--out") + 1)));
        Files.createDirectories(out.resolve("_quarantine"));
        // The join writes each event as JSON with the dimension's columns added; other jobs write TSV.
        String rows = args[0].equals("join")
                ? "{\"country\":\"US\",\"country_region\":\"Americas\"}\n"
                        + "{\"country\":\"DE\",\"country_region\":\"Europe\"}\n"
                        + "{\"country\":\"FR\",\"country_region\":\"Europe\"}\n"
                : "US\t10\nIN\t4\n";
        Files.writeString(out.resolve("part-r-00000"), rows, StandardCharsets.UTF_8);
        Files.writeString(out.resolve("_quarantine/part-m-00000"), "{\"reason\":\"x\"}\n", StandardCharsets.UTF_8);
        Files.writeString(out.resolve("_SUCCESS"), "", StandardCharsets.UTF_8);
        return 0;
    }

    private CliRun quickstart(JobRunner runner) {
        return CliRun.run(
                runner,
                Map.of(),
                "-D",
                "silt.data.dir=" + tmp,
                "-D",
                "silt.quickstart.events=3000",
                "-D",
                "silt.quickstart.hours=2",
                "quickstart");
    }

    @Test
    void generatesRunsEveryJobPerTheContractAndSummarizes() throws IOException {
        Path old = Files.createDirectories(tmp.resolve("quickstart/old"));
        CliRun r = quickstart((conf, args) -> fakeJob(args));
        assertEquals(0, r.code(), r::toString);
        assertFalse(Files.exists(old), "an earlier quickstart is replaced");

        assertEquals(
                List.of("aggregate", "topn", "sessionize", "distinct", "join", "etl", "sort"),
                calls.stream().map(c -> c.get(0)).toList());
        String raw = tmp.resolve("quickstart/lake/raw").toUri().toString();
        for (List<String> call : calls) {
            assertEquals("--in", call.get(1));
            assertEquals(Path.of(java.net.URI.create(raw)), Path.of(java.net.URI.create(call.get(2))));
            assertEquals("--out", call.get(3));
        }
        assertTrue(String.join(" ", calls.get(1)).endsWith("--group-by country --order-by latency_ms --n 3"));
        List<String> join = calls.get(4);
        Path dim = Path.of(java.net.URI.create(join.get(join.indexOf("--dim") + 1)));
        assertTrue(Files.readString(dim, StandardCharsets.UTF_8).startsWith("code,name,region,population_millions"));
        assertTrue(Files.isDirectory(tmp.resolve("quickstart/lake/raw/2026/01/01/01")), "landed two hours: " + r);

        assertTrue(
                r.out().contains("[gen] clickstream: 3,000 events (3 malformed on purpose) over 2 hours"), r::toString);
        assertTrue(r.out().contains("      put 3,000 records; landed "), r::toString);
        assertTrue(r.out().contains("      | US 10"), "shows result lines: " + r);
        assertTrue(r.out().contains("by region: Europe 2, Americas 1"), r::toString);
        assertTrue(r.out().contains("2 records out, 1 quarantined"), r::toString);
        assertTrue(r.out().contains("Summary"), r::toString);
        assertTrue(
                r.out().lines().anyMatch(l -> l.matches("\\s+sort\\s+[0-9.]+ s\\s+(2,99[0-9]|3,000)\\s+2\\s+1\\s+ok")),
                r::toString);
    }

    @Test
    void failingJobsAreReportedAndTheExitCodeSaysSo() {
        CliRun r = quickstart((conf, args) -> {
            throw new IllegalArgumentException("unknown job '" + args[0] + "'");
        });
        assertEquals(Silt.FAILED, r.code(), r::toString);
        assertTrue(r.err().contains("silt: error: aggregate: unknown job 'aggregate'"), r::toString);
        assertTrue(r.err().contains("7 of 7 jobs failed"), r::toString);
        assertFalse(r.err().contains("\tat "), r::toString);
        assertTrue(
                r.out().lines().anyMatch(l -> l.matches("\\s+topn\\s+[0-9.]+ s\\s+3,000\\s+-\\s+-\\s+failed")),
                r::toString);
    }
}
