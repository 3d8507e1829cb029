package dev.silt.mapreduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.silt.mapreduce.event.Reason;
import dev.silt.mapreduce.job.JobResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The aggregate job end to end on the local job runner over an input tree with every kind of bad record: the good
 * records are aggregated, each bad one lands in the quarantine with its reason and origin, and the commit rules hold.
 */
class BadInputTest {
    private static final int RECORD_MAX = 64 << 10;
    private static final String[] COUNTRIES = {"US", "DE", "FR", "JP", "BR", "IN"};
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;

    private static Path in;
    /** Good lines by hour folder, e.g. {@code 03}. */
    private static final Map<String, List<String>> GOOD = new TreeMap<>();
    /** Every bad record the quarantine must report. */
    private static final List<Bad> BAD = new ArrayList<>();

    /**
     * A bad record: its file (relative to the input root), offset, reason, and its exact bytes, or {@code null}
     * when only a prefix of {@code prefixOf} is known (a record cut by damage).
     */
    record Bad(String file, long offset, Reason reason, byte[] bytes, byte[] prefixOf) {}

    /** Appends lines to one input file, remembering offsets. */
    private static final class FileBuilder {
        final String name;
        final String hour;
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        FileBuilder(String hour, String name) {
            this.hour = hour;
            this.name = "2026/01/01/" + hour + "/" + name;
        }

        FileBuilder good(String line) {
            GOOD.computeIfAbsent(hour, h -> new ArrayList<>()).add(line);
            bytes.writeBytes((line + "\n").getBytes(StandardCharsets.UTF_8));
            return this;
        }

        FileBuilder bad(Reason reason, byte[] line) {
            BAD.add(new Bad(name, bytes.size(), reason, line, null));
            bytes.writeBytes(line);
            bytes.write('\n');
            return this;
        }

        FileBuilder bad(Reason reason, String line) {
            return bad(reason, line.getBytes(StandardCharsets.UTF_8));
        }

        void write(byte[] content) throws IOException {
            Path p = in.resolve(name);
            Files.createDirectories(p.getParent());
            Files.write(p, content);
        }

        void write() throws IOException {
            write(bytes.toByteArray());
        }
    }

    private static String event(Random random, String hour, String extra) {
        return String.format(
                Locale.ROOT,
                "{\"ts\":\"2026-01-01T%s:%02d:%02d.%03dZ\",\"user\":\"u%07d\",\"session\":\"s-%08x\",\"method\":\"GET\","
                        + "\"url\":\"/p/%d\",\"referrer\":null,\"status\":%d,\"bytes\":%d,\"latency_ms\":%d,"
                        + "\"country\":\"%s\"%s}",
                hour,
                random.nextInt(60),
                random.nextInt(60),
                random.nextInt(1000),
                random.nextInt(10_000_000),
                random.nextInt(),
                random.nextInt(1000),
                random.nextBoolean() ? 200 : 404,
                random.nextInt(100_000),
                random.nextInt(2000),
                COUNTRIES[random.nextInt(COUNTRIES.length)],
                extra);
    }

    @BeforeAll
    static void writeInput() throws IOException {
        in = tmp.resolve("in");
        Random random = new Random(2026L);

        // Hour 03: bad lines among good ones. The first two lines make a long good line with multi-byte text and a
        // short bad line read into the same reused buffer: the quarantine must keep exactly the bad line's bytes.
        FileBuilder a = new FileBuilder("03", "a.json");
        String longGood = "{\"ua\":\"" + "\u00fc".repeat(300) + "\","
                + event(random, "03", "").substring(1);
        byte[] longGoodBytes = longGood.getBytes(StandardCharsets.UTF_8);
        StringBuilder shortBad = new StringBuilder("{\"broken\"");
        while ((longGoodBytes[shortBad.length()] & 0xC0) != 0x80) {
            shortBad.append(' ');
        }
        a.good(longGood).bad(Reason.MALFORMED_JSON, shortBad.toString());
        for (int i = 0; i < 150; i++) {
            a.good(event(random, "03", i % 10 == 0 ? ",\"extra\":{\"nested\":[1,2]}" : ""));
            switch (i) {
                case 20 -> a.bad(
                        Reason.MALFORMED_JSON,
                        "{\"ts\":\"2026-01-01T03:00:00.000Z\",\"user\":\"u0000001\",\"url\":\"/x\",\"sta");
                case 40 -> a.bad(Reason.MISSING_FIELD, event(random, "03", "").replaceAll(",\"country\":\"..\"", ""));
                case 60 -> a.bad(
                        Reason.BAD_VALUE, event(random, "03", "").replaceAll("\"bytes\":\\d+", "\"bytes\":\"12\""));
                case 80 -> {
                    byte[] b = event(random, "03", "").getBytes(StandardCharsets.UTF_8);
                    int c = indexOf(b, "\"country\":\"") + "\"country\":\"".length();
                    b[c] = (byte) 0xFF;
                    b[c + 1] = (byte) 0xFE;
                    a.bad(Reason.INVALID_UTF8, b);
                }
                default -> {}
            }
        }
        a.write();

        // Hour 04: an empty file, a good file, and a gzip file cut in the middle.
        new FileBuilder("04", "empty.json").write();
        FileBuilder c = new FileBuilder("04", "c.json");
        for (int i = 0; i < 100; i++) {
            c.good(event(random, "04", ""));
        }
        c.write();
        writeTruncatedGzip(random);

        // Hour 05: a file of one huge (otherwise valid) line, and a good file.
        FileBuilder huge = new FileBuilder("05", "huge.json");
        String hugeLine = event(random, "05", ",\"ua\":\"" + "z".repeat(3 * RECORD_MAX) + "\"");
        huge.bad(Reason.RECORD_TOO_LONG, hugeLine);
        BAD.set(
                BAD.size() - 1,
                new Bad(huge.name, 0, Reason.RECORD_TOO_LONG, null, hugeLine.getBytes(StandardCharsets.UTF_8)));
        huge.write();
        FileBuilder d = new FileBuilder("05", "d.json");
        for (int i = 0; i < 100; i++) {
            d.good(event(random, "05", ""));
        }
        d.write();
    }

    private static void writeTruncatedGzip(Random random) throws IOException {
        FileBuilder b = new FileBuilder("04", "b.json.gz");
        List<String> lines = new ArrayList<>();
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            String line = event(random, "04", "");
            lines.add(line);
            all.append(line).append('\n');
        }
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(all.toString().getBytes(StandardCharsets.UTF_8));
        }
        byte[] cut = Arrays.copyOf(gz.toByteArray(), gz.size() / 2);
        // What survives is what a decoder independent of Hadoop can decode: its complete lines are good records.
        int decodable = decodableLength(cut);
        long offset = 0;
        for (String line : lines) {
            int length = line.getBytes(StandardCharsets.UTF_8).length + 1;
            if (offset + length > decodable) {
                BAD.add(new Bad(b.name, offset, Reason.TRUNCATED_INPUT, null, line.getBytes(StandardCharsets.UTF_8)));
                break;
            }
            GOOD.computeIfAbsent("04", h -> new ArrayList<>()).add(line);
            offset += length;
        }
        assertTrue(offset > 0 && offset < all.length(), "the cut must leave some lines and lose others");
        b.write(cut);
    }

    private static int decodableLength(byte[] damaged) {
        int n = 0;
        try (InputStream z = new GZIPInputStream(new ByteArrayInputStream(damaged))) {
            byte[] buf = new byte[1];
            while (z.read(buf) > 0) {
                n++;
            }
        } catch (IOException e) {
            // Expected: the stream is cut.
        }
        return n;
    }

    private static int indexOf(byte[] b, String s) {
        return new String(b, StandardCharsets.ISO_8859_1).indexOf(s);
    }

    private static Configuration conf() {
        Configuration conf = new Configuration();
        conf.set("fs.defaultFS", "file:///");
        conf.set("mapreduce.framework.name", "local");
        conf.set("hadoop.tmp.dir", tmp.resolve("hadoop-tmp").toString());
        conf.setLong(MapReduceKeys.RECORD_MAX_BYTES.key(), RECORD_MAX);
        return conf;
    }

    /** The outcome of one in-process run, with what it printed. */
    record Run(int exitCode, JobResult result, String out, String err) {}

    private static Run run(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        SiltJobs.Execution e;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream r = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            e = SiltJobs.execute(conf(), args, o, r);
        }
        return new Run(
                e.exitCode(), e.result(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String[] aggregate(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "aggregate",
                "--in",
                in.toString(),
                "--out",
                out.toString(),
                "--group-by",
                "country",
                "--metrics",
                "count,sum:bytes",
                "--max-split-size",
                "4096"));
        args.addAll(List.of(more));
        return args.toArray(new String[0]);
    }

    /** The expected output, computed from the good lines with a JSON library that knows nothing of the job. */
    private static Map<String, String> expectedAggregates(String... hours) throws IOException {
        Map<String, long[]> acc = new TreeMap<>();
        for (String hour : hours) {
            for (String line : GOOD.get(hour)) {
                JsonNode n = JSON.readTree(line);
                long[] a = acc.computeIfAbsent(n.get("country").asText(), k -> new long[2]);
                a[0]++;
                a[1] += n.get("bytes").asLong();
            }
        }
        Map<String, String> expected = new TreeMap<>();
        acc.forEach((k, v) -> expected.put(k, v[0] + "\t" + v[1]));
        return expected;
    }

    private static Map<String, String> outputAggregates(Path out) throws IOException {
        Map<String, String> actual = new TreeMap<>();
        try (Stream<Path> parts = Files.list(out)) {
            for (Path p : parts.filter(p -> p.getFileName().toString().startsWith("part-r-"))
                    .collect(Collectors.toList())) {
                for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
                    int tab = line.indexOf('\t');
                    assertNull(actual.put(line.substring(0, tab), line.substring(tab + 1)), "duplicate group " + line);
                }
            }
        }
        return actual;
    }

    private static List<JsonNode> quarantine(Path out) throws IOException {
        List<JsonNode> records = new ArrayList<>();
        Path dir = out.resolve("_quarantine");
        if (!Files.exists(dir)) {
            return records;
        }
        try (Stream<Path> parts = Files.list(dir)) {
            for (Path p : parts.filter(p -> p.getFileName().toString().startsWith("part-m-"))
                    .collect(Collectors.toList())) {
                for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
                    records.add(JSON.readTree(line));
                }
            }
        }
        return records;
    }

    private static List<String> hidden(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("."))
                    .collect(Collectors.toList());
        }
    }

    private static long goodCount(String... hours) {
        return Stream.of(hours).mapToLong(h -> GOOD.get(h).size()).sum();
    }

    private static void assertQuarantine(Path out, List<Bad> expected) throws IOException {
        List<JsonNode> actual = quarantine(out);
        Map<String, JsonNode> byOrigin = new HashMap<>();
        for (JsonNode n : actual) {
            String file = n.get("file").asText();
            assertTrue(file.startsWith("file:"), file);
            String relative = file.substring(file.indexOf("/2026/") + 1);
            assertNull(byOrigin.put(relative + "@" + n.get("offset").asLong(), n), "reported twice: " + n);
        }
        assertEquals(expected.size(), actual.size(), () -> actual.toString());
        for (Bad bad : expected) {
            JsonNode n = byOrigin.get(bad.file() + "@" + bad.offset());
            assertNotNull(n, () -> "no quarantine record for " + bad + " in " + byOrigin.keySet());
            assertEquals(bad.reason().code(), n.get("reason").asText(), n::toString);
            assertFalse(n.get("detail").asText().isBlank(), n::toString);
            byte[] kept = n.has("record")
                    ? n.get("record").asText().getBytes(StandardCharsets.UTF_8)
                    : Base64.getDecoder().decode(n.get("record_base64").asText());
            if (bad.bytes() != null) {
                assertEquals(bad.reason() == Reason.INVALID_UTF8, n.has("record_base64"), n::toString);
                assertEquals(
                        new String(bad.bytes(), StandardCharsets.ISO_8859_1),
                        new String(kept, StandardCharsets.ISO_8859_1),
                        n::toString);
                assertFalse(n.has("record_cut"), n::toString);
                assertEquals(bad.bytes().length, n.get("length").asInt(), n::toString);
            } else {
                byte[] whole = bad.prefixOf();
                assertTrue(
                        kept.length <= whole.length && Arrays.equals(whole, 0, kept.length, kept, 0, kept.length),
                        () -> "not a prefix of the damaged record: " + n);
            }
            if (bad.reason() == Reason.RECORD_TOO_LONG) {
                assertEquals(
                        MapReduceKeys.QUARANTINE_RECORD_BYTES.defaultLong(), kept.length, "kept bytes of a huge line");
                assertTrue(n.get("record_cut").asBoolean(), n::toString);
            }
        }
    }

    private static Map<Reason, Long> reasons(List<Bad> bad) {
        Map<Reason, Long> by = new EnumMap<>(Reason.class);
        bad.forEach(b -> by.merge(b.reason(), 1L, Long::sum));
        return by;
    }

    @Test
    void goodRecordsAreAggregatedAndEveryBadOneIsQuarantined() throws Exception {
        Path parent = Files.createDirectories(tmp.resolve("all"));
        Path out = parent.resolve("out");
        Run run = run(aggregate(out));
        assertEquals(0, run.exitCode(), run.err());

        assertEquals(expectedAggregates("03", "04", "05"), outputAggregates(out));
        assertTrue(Files.exists(out.resolve("_SUCCESS")));
        assertQuarantine(out, BAD);
        assertEquals(List.of(), hidden(parent), "staging left behind");

        JobResult r = run.result();
        assertEquals(goodCount("03", "04", "05"), r.recordsValid());
        assertEquals(BAD.size(), r.quarantined());
        assertEquals(r.recordsValid() + r.quarantined(), r.recordsRead());
        assertEquals(reasons(BAD), r.quarantinedBy());
        assertEquals(7, BAD.size());
        assertEquals(6, r.quarantinedBy().size());
        assertEquals(1, r.compressedFiles());
        assertEquals(COUNTRIES.length, r.outputRecords());
        assertTrue(r.mapTasks() > 7, "a.json is cut into several splits: " + r.mapTasks());
        assertTrue(run.out().contains("quarantined " + BAD.size()), run.out());
    }

    @Test
    void tooManyBadRecordsCommitNothing() throws Exception {
        Path parent = Files.createDirectories(tmp.resolve("ratio"));
        Path out = parent.resolve("out");
        Run run = run(aggregateWithGenericOptions(out, "-D", MapReduceKeys.QUARANTINE_MAX_RATIO.key() + "=0.0"));
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.err().contains(MapReduceKeys.QUARANTINE_MAX_RATIO.key()), run.err());
        assertTrue(run.err().contains("nothing was committed"), run.err());
        assertTrue(run.err().contains(Reason.TRUNCATED_INPUT.code()), run.err());
        assertNull(run.result());
        assertFalse(Files.exists(out));
        try (Stream<Path> s = Files.list(parent)) {
            assertEquals(List.of(), s.collect(Collectors.toList()), "no output and no staging");
        }
    }

    /** Generic options come right after the job name, as with {@code hadoop jar}. */
    private static String[] aggregateWithGenericOptions(Path out, String... generic) {
        String[] job = aggregate(out);
        List<String> args = new ArrayList<>();
        args.add(job[0]);
        args.addAll(List.of(generic));
        args.addAll(List.of(job).subList(1, job.length));
        return args.toArray(new String[0]);
    }

    @Test
    void existingOutputNeedsOverwriteWhichReplacesIt() throws Exception {
        Path parent = Files.createDirectories(tmp.resolve("overwrite"));
        Path out = Files.createDirectories(parent.resolve("out"));
        Path marker = Files.writeString(out.resolve("part-r-00000"), "OLD\t1\t1\n", StandardCharsets.UTF_8);

        Run refused = run(aggregate(out));
        assertEquals(2, refused.exitCode(), refused.err());
        assertTrue(refused.err().contains(out.toString()), refused.err());
        assertTrue(refused.err().contains("--overwrite"), refused.err());
        assertEquals("OLD\t1\t1\n", Files.readString(marker, StandardCharsets.UTF_8));
        assertEquals(List.of(), hidden(parent));

        // Replaced by a run over hours 04 and 05 only: hour 03 and its bad lines are not read.
        Run replaced = run(aggregate(out, "--overwrite", "--from", "2026-01-01T04", "--to", "2026-01-01T06"));
        assertEquals(0, replaced.exitCode(), replaced.err());
        assertEquals(expectedAggregates("04", "05"), outputAggregates(out));
        List<Bad> bad =
                BAD.stream().filter(b -> !b.file().startsWith("2026/01/01/03/")).collect(Collectors.toList());
        assertEquals(2, bad.size());
        assertQuarantine(out, bad);
        assertEquals(goodCount("04", "05"), replaced.result().recordsValid());
        assertEquals(reasons(bad), replaced.result().quarantinedBy());
        assertEquals(List.of(), hidden(parent), "staging or replaced output left behind");
        try (Stream<Path> s = Files.list(parent)) {
            assertEquals(List.of(out), s.collect(Collectors.toList()));
        }
    }

    @Test
    void badArgumentsAreNamed() throws Exception {
        Path out = tmp.resolve("args").resolve("out");
        String[][] cases = {
            {
                "unknown field 'nosuch'",
                "aggregate",
                "--in",
                in.toString(),
                "--out",
                out.toString(),
                "--group-by",
                "country,nosuch"
            },
            {"Missing required option: in", "aggregate", "--out", out.toString(), "--group-by", "country"},
            {"missing required option --group-by", "aggregate", "--in", in.toString(), "--out", out.toString()},
            {
                "unknown metric 'median:bytes'",
                "aggregate",
                "--in",
                in.toString(),
                "--out",
                out.toString(),
                "--group-by",
                "country",
                "--metrics",
                "count,median:bytes"
            },
            {
                "field 'country' is not numeric",
                "aggregate",
                "--in",
                in.toString(),
                "--out",
                out.toString(),
                "--group-by",
                "status",
                "--metrics",
                "sum:country"
            },
            {
                "--from and --to go together",
                "aggregate",
                "--in",
                in.toString(),
                "--out",
                out.toString(),
                "--group-by",
                "country",
                "--from",
                "2026-01-01T03"
            },
            {
                "--from 2026-01-01T05 must be before --to 2026-01-01T04",
                "aggregate",
                "--in",
                in.toString(),
                "--out",
                out.toString(),
                "--group-by",
                "country",
                "--from",
                "2026-01-01T05",
                "--to",
                "2026-01-01T04"
            },
            {
                "not an hour of the form yyyy-MM-ddTHH: '2026-01-01'",
                "aggregate",
                "--in",
                in.toString(),
                "--out",
                out.toString(),
                "--group-by",
                "country",
                "--from",
                "2026-01-01",
                "--to",
                "2026-01-02T00"
            },
            {
                "no input hours",
                "aggregate",
                "--in",
                in.toString(),
                "--out",
                out.toString(),
                "--group-by",
                "country",
                "--from",
                "2025-01-01T00",
                "--to",
                "2025-01-01T02"
            },
            {
                "does not exist",
                "aggregate",
                "--in",
                tmp.resolve("nowhere").toString(),
                "--out",
                out.toString(),
                "--group-by",
                "country"
            },
            {
                "--reducers must be at least 1",
                "aggregate",
                "--in",
                in.toString(),
                "--out",
                out.toString(),
                "--group-by",
                "country",
                "--reducers",
                "0"
            },
            {"unknown job 'nosuch'", "nosuch", "--in", in.toString()}
        };
        for (String[] c : cases) {
            Run run = run(Arrays.copyOfRange(c, 1, c.length));
            assertEquals(2, run.exitCode(), () -> String.join(" ", c) + "\n" + run.err());
            assertTrue(run.err().contains(c[0]), () -> "expected '" + c[0] + "' in: " + run.err());
            assertFalse(Files.exists(out), () -> "output created by " + String.join(" ", c));
        }
    }
}
