package dev.silt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SiltTest {
    @TempDir
    Path tmp;

    private static void assertUsage(CliRun r, String message) {
        assertEquals(Silt.USAGE, r.code(), r::toString);
        assertTrue(r.err().startsWith("silt: " + message), r::toString);
        assertTrue(r.err().contains("hint: "), r::toString);
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "--help|usage: silt [-D key=value]",
                "help|silt.data.dir",
                "gen --help|usage: silt gen <data set>",
                "gen clickstream --help|--files-per-hour <N>",
                "help gen clickstream|--malformed <F>",
                "gen countries --help|usage: silt gen countries --out URI",
                "mr --help|usage: silt [-D key=value]... mr <job>",
                "quickstart --help|silt.quickstart.events",
                "version --help|usage: silt version",
                "help version|usage: silt version"
            })
    void everyCommandHasHelp(String args, String expected) {
        CliRun r = CliRun.run(args.split(" "));
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains(expected), r::toString);
        assertEquals("", r.err());
    }

    @Test
    void noCommandPrintsUsageToStderr() {
        CliRun r = CliRun.run();
        assertEquals(Silt.USAGE, r.code());
        assertTrue(r.err().contains("Commands:"), r::toString);
    }

    @Test
    void unknownCommandSuggestsTheClosestOne() {
        assertUsage(CliRun.run("gne"), "unknown command 'gne' (did you mean 'gen'?)");
        assertUsage(CliRun.run("frobnicate"), "unknown command 'frobnicate'\n");
        assertUsage(CliRun.run("help", "nope"), "unknown command 'nope'");
    }

    @Test
    void unknownOptionsAreNamed() {
        assertUsage(CliRun.run("--bogus", "gen"), "unknown option '--bogus'");
        assertUsage(
                CliRun.run("gen", "clickstream", "--events", "1", "--out", "x", "--bogus"),
                "unknown option '--bogus' for 'silt gen clickstream'");
        // No silent abbreviations: --event is not --events.
        assertUsage(CliRun.run("gen", "clickstream", "--event", "1", "--out", "x"), "unknown option '--event'");
        assertUsage(CliRun.run("gen", "tables"), "unknown data set 'tables'");
        assertUsage(CliRun.run("version", "extra"), "unexpected argument 'extra' for 'silt version'");
    }

    @Test
    void badValuesAreUsageErrors() {
        String out = tmp.resolve("x").toString();
        assertUsage(CliRun.run("gen", "clickstream", "--out", out), "'silt gen clickstream' needs --events");
        assertUsage(CliRun.run("gen", "clickstream", "--events", "-5", "--out", out), "events must be >= 0, got -5");
        assertUsage(CliRun.run("gen", "clickstream", "--events", "ten", "--out", out), "not a number: --events ten");
        assertUsage(
                CliRun.run("gen", "clickstream", "--events", "1", "--out", out, "--compress", "lz4"),
                "unknown compression 'lz4' (expected one of none, gzip, zstd)");
        assertUsage(
                CliRun.run("gen", "clickstream", "--events", "1", "--out", out, "--malformed", "2"),
                "malformed fraction must be in [0, 1], got 2.0");
        assertUsage(
                CliRun.run("gen", "clickstream", "--events", "1", "--out", out, "--start", "yesterday"),
                "--start must look like 2026-01-01T00, got 'yesterday'");
        assertUsage(
                CliRun.run("gen", "clickstream", "--events"),
                "option '--events' of 'silt gen clickstream' needs a value");
    }

    @Test
    void mrNamesUnknownJobs() {
        assertUsage(CliRun.run("mr"), "'silt mr' needs a job name");
        assertUsage(CliRun.run("mr", "no-such-job", "--in", "x"), "unknown job 'no-such-job'");
    }

    @Test
    void defineOptionsReachTheConfiguration() {
        // A -D value is read by the command: a bad one is reported under its key.
        assertUsage(
                CliRun.run("-D", "silt.quickstart.events=lots", "quickstart"),
                "silt.quickstart.events must be a whole number, got 'lots'");
        assertUsage(CliRun.run("-Dsilt.quickstart.hours=x", "quickstart"), "silt.quickstart.hours must be");
        assertUsage(CliRun.run("-D", "novalue", "version"), "-D expects key=value, got 'novalue'");
        assertUsage(CliRun.run("-D"), "option '-D' needs a value");
    }

    @Test
    void runtimeFailureIsOneLineWithTraceOnlyWhenVerbose() throws IOException {
        Path blocker = Files.writeString(tmp.resolve("file"), "not a directory", StandardCharsets.UTF_8);
        String[] args = {
            "gen",
            "clickstream",
            "--events",
            "10",
            "--out",
            blocker.resolve("sub").toString()
        };
        CliRun quiet = CliRun.run(args);
        assertEquals(Silt.FAILED, quiet.code(), quiet::toString);
        List<String> lines = quiet.err().lines().toList();
        assertTrue(lines.get(0).startsWith("silt: error: "), quiet::toString);
        assertEquals(2, lines.size(), "the error and where to find details: " + quiet);
        assertFalse(quiet.err().contains("\tat "));

        CliRun verbose = CliRun.run(JobRunner.IN_PROCESS, Map.of(), concat("--verbose", args));
        assertEquals(Silt.FAILED, verbose.code());
        assertTrue(verbose.err().contains("\tat "), verbose::toString);
        CliRun debug = CliRun.run(JobRunner.IN_PROCESS, Map.of(CliKeys.DEBUG_ENV, "1"), args);
        assertTrue(debug.err().contains("\tat "), debug::toString);
    }

    @Test
    void versionNamesSiltHadoopAndJava() {
        CliRun r = CliRun.run("version");
        assertEquals(0, r.code());
        assertTrue(r.out().startsWith("silt "), r::toString);
        assertTrue(r.out().contains("hadoop 3."), r::toString);
        assertTrue(r.out().contains("java 17") || r.out().contains("java "), r::toString);
    }

    private static String[] concat(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
