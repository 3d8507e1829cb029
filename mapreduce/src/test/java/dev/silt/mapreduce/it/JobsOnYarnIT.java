package dev.silt.mapreduce.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.silt.mapreduce.gen.ClickstreamGenerator;
import dev.silt.mapreduce.gen.ClickstreamOptions;
import dev.silt.mapreduce.gen.Compression;
import dev.silt.mapreduce.gen.CountryDimension;
import dev.silt.mapreduce.gen.GenerationStats;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every job of the job jar on HDFS + YARN, submitted as {@code hadoop jar} does, each output checked against
 * {@link Reference}'s straightforward computation over the same input. The input mixes gzip, zstd and plain files,
 * with a split size small enough that plain files are cut into several splits, and malformed lines from the
 * generator.
 */
class JobsOnYarnIT {
    private static final Pattern RECORDS =
            Pattern.compile("records\\s+read ([\\d,]+)\\s+valid ([\\d,]+)\\s+quarantined ([\\d,]+)");
    private static final Pattern COMPRESSED = Pattern.compile("compressed files read whole: ([\\d,]+)");

    @TempDir
    static java.nio.file.Path work;

    static YarnCluster cluster;
    static File jar;
    static FileSystem fs;
    static Reference ref;
    static long generatedMalformed;
    static String inputs = "/raw/gz,/raw/zst,/raw/plain";

    @BeforeAll
    static void start() throws Exception {
        jar = new File(System.getProperty("silt.job.jar", "target/silt-mapreduce.jar"));
        cluster = YarnCluster.start(work);
        fs = cluster.fs();
        URI base = fs.getUri();
        generatedMalformed += generate(base.resolve("/raw/gz"), 25_000, Compression.GZIP, "2026-01-01T00:00:00Z", 2);
        generatedMalformed += generate(base.resolve("/raw/zst"), 15_000, Compression.ZSTD, "2026-01-01T02:00:00Z", 1);
        generatedMalformed += generate(base.resolve("/raw/plain"), 10_000, Compression.NONE, "2026-01-01T03:00:00Z", 1);
        CountryDimension.write(cluster.conf(), new Path("/dim/" + CountryDimension.FILE_NAME));
        ref = Reference.read(fs, new Path("/raw"));
    }

    private static long generate(URI out, long events, Compression c, String start, int hours) throws IOException {
        GenerationStats s = new ClickstreamGenerator(ClickstreamOptions.builder()
                        .events(events)
                        .output(out)
                        .seed(events + hours)
                        .compression(c)
                        .hours(hours)
                        .start(Instant.parse(start))
                        .filesPerHour(1)
                        .malformedFraction(0.002)
                        .users(3_000)
                        .build())
                .generate(cluster.conf());
        return s.malformedLines();
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    /**
     * Runs a job with its map and reduce tasks in containers of their own: the full YARN path, and the way to check
     * partitioners across several reducers. It costs a JVM per task, so only some jobs run this way.
     */
    private static YarnCluster.Run run(String job, String out, String... args) throws Exception {
        return submit(false, job, out, args);
    }

    /**
     * Runs a job as an uber job: submitted to YARN the same way, its tasks run inside the application master's
     * container (one reducer at most), which saves a JVM start per task on a two-core machine.
     */
    private static YarnCluster.Run runUber(String job, String out, String... args) throws Exception {
        return submit(true, job, out, args);
    }

    private static YarnCluster.Run submit(boolean uber, String job, String out, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(job));
        if (uber) {
            all.addAll(List.of("-D", "mapreduce.job.ubertask.enable=true", "-D", "mapreduce.job.ubertask.maxmaps=32"));
        }
        all.addAll(List.of("--in", inputs, "--out", out, "--max-split-size", "1000000"));
        all.addAll(List.of(args));
        YarnCluster.Run r = cluster.hadoopJar(jar, all.toArray(new String[0]));
        assertEquals(0, r.exitCode(), () -> job + " failed:\n" + r.stdout() + "\n" + tail(r.stderr()));
        assertTrue(
                r.stderr().contains("Submitted application") || r.stdout().contains("Submitted application"),
                "the job must run on YARN, not the local runner");
        // The join reads the dimension's rows as well; they count as records read and valid.
        long dimensionRows = job.equals("join") ? dimensionRows() : 0;
        checkSummary(r.stdout(), job.equals("etl") ? ref.schemaMisfits : 0, dimensionRows);
        long schema = job.equals("etl") ? ref.schemaMisfits : 0;
        assertEquals(ref.malformed + schema, lines(new Path(out, "_quarantine")).size(), "quarantined lines");
        return r;
    }

    private static long dimensionRows() throws IOException {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                fs.open(new Path("/dim/" + CountryDimension.FILE_NAME)), StandardCharsets.UTF_8))) {
            return r.lines().count() - 1;
        }
    }

    private static void checkSummary(String stdout, long schemaMisfits, long dimensionRows) {
        Matcher m = RECORDS.matcher(stdout);
        assertTrue(m.find(), () -> "no summary in:\n" + stdout);
        assertEquals(ref.lines + dimensionRows, number(m.group(1)), "records read");
        assertEquals(ref.events.size() - schemaMisfits + dimensionRows, number(m.group(2)), "records valid");
        assertEquals(ref.malformed + schemaMisfits, number(m.group(3)), "records quarantined");
        Matcher c = COMPRESSED.matcher(stdout);
        assertTrue(c.find());
        assertEquals(ref.compressedFiles, number(c.group(1)), "each compressed file is one split");
    }

    private static long number(String s) {
        return Long.parseLong(s.replace(",", ""));
    }

    private static String tail(String s) {
        return s.length() > 6000 ? s.substring(s.length() - 6000) : s;
    }

    /** Every line of every part file (or file) under {@code dir}, in file-name order. */
    static List<String> lines(Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        FileStatus[] files = fs.listStatus(dir);
        java.util.Arrays.sort(files, Comparator.comparing(f -> f.getPath().getName()));
        for (FileStatus f : files) {
            if (f.isDirectory()
                    || f.getPath().getName().startsWith("_")
                    || f.getPath().getName().startsWith(".")) {
                continue;
            }
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(fs.open(f.getPath()), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    out.add(line);
                }
            }
        }
        return out;
    }

    @Test
    void referenceSeesTheGeneratedMalformedLines() {
        assertEquals(generatedMalformed, ref.malformed + ref.schemaMisfits, "broken lines and schema misfits");
        assertTrue(ref.schemaMisfits > 0 && ref.malformed > 0);
        assertEquals(50_000, ref.lines);
    }

    @Test
    void aggregate() throws Exception {
        run(
                "aggregate",
                "/out/aggregate",
                "--group-by",
                "country,status",
                "--metrics",
                "count,sum:bytes,min:latency_ms,max:latency_ms,avg:bytes",
                "--reducers",
                "2");
        Map<String, long[]> groups = new TreeMap<>();
        for (Reference.Event e : ref.events) {
            long[] g = groups.computeIfAbsent(
                    e.country() + "\t" + e.status(), k -> new long[] {0, 0, Long.MAX_VALUE, Long.MIN_VALUE});
            g[0]++;
            g[1] += e.bytes();
            g[2] = Math.min(g[2], e.latencyMs());
            g[3] = Math.max(g[3], e.latencyMs());
        }
        Set<String> expected = new HashSet<>();
        groups.forEach((k, g) -> expected.add(String.format(
                Locale.ROOT, "%s\t%d\t%d\t%d\t%d\t%.4f", k, g[0], g[1], g[2], g[3], (double) g[1] / g[0])));
        List<String> actual = lines(new Path("/out/aggregate"));
        assertEquals(expected.size(), actual.size(), "one line per group");
        assertEquals(expected, new HashSet<>(actual));
    }

    @Test
    void topn() throws Exception {
        runUber("topn", "/out/topn", "--group-by", "country", "--order-by", "latency_ms", "--n", "5");
        Map<String, List<Long>> expected = new TreeMap<>();
        ref.events.stream()
                .collect(Collectors.groupingBy(Reference.Event::country))
                .forEach((country, es) -> expected.put(
                        country,
                        es.stream()
                                .map(Reference.Event::latencyMs)
                                .sorted(Comparator.reverseOrder())
                                .limit(5)
                                .collect(Collectors.toList())));
        Map<String, List<Long>> actual = new TreeMap<>();
        for (String line : lines(new Path("/out/topn"))) {
            String[] f = line.split("\t", 4);
            List<Long> values = actual.computeIfAbsent(f[0], k -> new ArrayList<>());
            assertEquals(values.size() + 1, Integer.parseInt(f[1]), "ranks count up: " + line);
            values.add(Long.parseLong(f[2]));
            assertTrue(f[3].contains("\"latency_ms\":" + f[2]), "the event carries its value: " + line);
        }
        assertEquals(expected, actual);
    }

    @Test
    void sessionize() throws Exception {
        long gap = 30 * 60_000L;
        runUber("sessionize", "/out/sessionize", "--gap", "30m");
        Set<String> expected = new HashSet<>();
        Map<String, List<Reference.Event>> byUser =
                ref.events.stream().collect(Collectors.groupingBy(Reference.Event::user));
        byUser.forEach((user, es) -> {
            es.sort(Comparator.comparingLong(Reference.Event::ts));
            int session = 0;
            int from = 0;
            for (int i = 1; i <= es.size(); i++) {
                if (i == es.size() || es.get(i).ts() - es.get(i - 1).ts() > gap) {
                    long bytes = 0;
                    for (int k = from; k < i; k++) {
                        bytes += es.get(k).bytes();
                    }
                    expected.add(user + "\t" + session++ + "\t"
                            + Instant.ofEpochMilli(es.get(from).ts()) + "\t"
                            + Instant.ofEpochMilli(es.get(i - 1).ts()) + "\t" + (i - from) + "\t" + bytes);
                    from = i;
                }
            }
        });
        Set<String> actual = new HashSet<>();
        for (String line : lines(new Path("/out/sessionize"))) {
            String[] f = line.split("\t");
            actual.add(f[0] + "\t" + f[1] + "\t" + Instant.parse(f[2]) + "\t" + Instant.parse(f[3]) + "\t" + f[5] + "\t"
                    + f[6]);
        }
        assertEquals(expected.size(), actual.size(), "session count");
        assertEquals(expected, actual);
    }

    @Test
    void distinct() throws Exception {
        runUber("distinct", "/out/distinct", "--group-by", "country", "--count", "user");
        Map<String, Set<String>> exact = new HashMap<>();
        for (Reference.Event e : ref.events) {
            exact.computeIfAbsent(e.country(), k -> new HashSet<>()).add(e.user());
        }
        List<String> actual = lines(new Path("/out/distinct"));
        assertEquals(exact.size(), actual.size(), "one line per group");
        double rse = dev.silt.mapreduce.jobs.Distinct.relativeStandardError(12);
        int withinBounds = 0;
        for (String line : actual) {
            String[] f = line.split("\t");
            long truth = exact.get(f[0]).size();
            long estimate = Long.parseLong(f[1]);
            long lower = Long.parseLong(f[2]);
            long upper = Long.parseLong(f[3]);
            assertTrue(lower <= estimate && estimate <= upper, line);
            assertTrue(Math.abs(estimate - truth) <= Math.max(2, 4 * rse * truth), line + " vs exact " + truth);
            if (lower <= truth && truth <= upper) {
                withinBounds++;
            }
        }
        assertTrue(withinBounds >= 0.8 * actual.size(), "95% bounds hold for most groups: " + withinBounds);
    }

    @Test
    void joinReduceSide() throws Exception {
        run(
                "join",
                "/out/join-reduce",
                "--dim",
                "/dim/" + CountryDimension.FILE_NAME,
                "--dim-key",
                "code",
                "--on",
                "country",
                "--type",
                "left",
                "--strategy",
                "reduce",
                "--reducers",
                "2");
        checkJoin(lines(new Path("/out/join-reduce")), true);
    }

    @Test
    void joinMapSide() throws Exception {
        runUber(
                "join",
                "/out/join-map",
                "--dim",
                "/dim/" + CountryDimension.FILE_NAME,
                "--dim-key",
                "code",
                "--on",
                "country",
                "--strategy",
                "map");
        checkJoin(lines(new Path("/out/join-map")), false);
    }

    /**
     * Every valid event with a matching country exactly once, carrying the country's name and region; for a left
     * join, the events without a match (malformed country codes) too, with nulls.
     */
    private static void checkJoin(List<String> out, boolean left) throws IOException {
        Map<String, String[]> dim = new HashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                fs.open(new Path("/dim/" + CountryDimension.FILE_NAME)), StandardCharsets.UTF_8))) {
            r.readLine();
            String line;
            while ((line = r.readLine()) != null) {
                String[] f = line.split(",", -1);
                dim.put(f[0], f);
            }
        }
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        Map<String, Integer> expected = new HashMap<>();
        int rows = 0;
        for (Reference.Event e : ref.events) {
            String[] d = dim.get(e.country());
            if (d == null && !left) {
                continue;
            }
            String name = d == null ? "null" : d[1];
            String region = d == null ? "null" : d[2];
            expected.merge(e.user() + "|" + e.ts() + "|" + e.url() + "|" + name + "|" + region, 1, Integer::sum);
            rows++;
        }
        assertTrue(rows < ref.events.size() || left, "some events have no match");
        Map<String, Integer> actual = new HashMap<>();
        for (String line : out) {
            com.fasterxml.jackson.databind.JsonNode n = json.readTree(line);
            long ts = Instant.parse(n.get("ts").asText()).toEpochMilli();
            actual.merge(
                    n.get("user").asText() + "|" + ts + "|" + n.get("url").asText() + "|"
                            + n.get("country_name").asText() + "|"
                            + n.get("country_region").asText(),
                    1,
                    Integer::sum);
        }
        assertEquals(rows, out.size(), "one joined row per matching event");
        assertEquals(expected, actual);
    }

    @Test
    void etlWritesOrcReadableByOrcCore() throws Exception {
        runUber("etl", "/out/etl");
        Map<String, Long> expected = new TreeMap<>();
        for (Reference.Event e : ref.events) {
            if (!e.fitsSchema()) {
                continue;
            }
            String hour = Instant.ofEpochMilli(e.ts()).toString().substring(0, 13);
            expected.merge("dt=" + hour.substring(0, 10) + "/hr=" + hour.substring(11, 13), 1L, Long::sum);
        }
        Map<String, Long> actual = new TreeMap<>();
        org.apache.hadoop.fs.RemoteIterator<org.apache.hadoop.fs.LocatedFileStatus> files =
                fs.listFiles(new Path("/out/etl"), true);
        while (files.hasNext()) {
            Path p = files.next().getPath();
            if (!p.getName().endsWith(".orc")) {
                continue;
            }
            org.apache.orc.Reader reader = org.apache.orc.OrcFile.createReader(
                    p, org.apache.orc.OrcFile.readerOptions(cluster.conf()).filesystem(fs));
            assertEquals(
                    "struct<ts:timestamp,user:string,session:string,method:string,url:string,referrer:string,"
                            + "status:int,bytes:bigint,latency_ms:int,country:string,ua:string>",
                    reader.getSchema().toString());
            String partition =
                    p.getParent().getParent().getName() + "/" + p.getParent().getName();
            actual.merge(partition, reader.getNumberOfRows(), Long::sum);
        }
        assertEquals(expected, actual, "rows per dt/hr partition");
    }

    @Test
    void totalOrderSortAcrossReducers() throws Exception {
        run("sort", "/out/sort", "--key", "bytes", "--desc", "--reducers", "3");
        List<String> out = lines(new Path("/out/sort"));
        assertEquals(ref.events.size(), out.size());
        long previous = Long.MAX_VALUE;
        Pattern bytes = Pattern.compile("\"bytes\":(\\d+)");
        for (String line : out) {
            Matcher m = bytes.matcher(line);
            assertTrue(m.find(), line);
            long v = Long.parseLong(m.group(1));
            assertTrue(v <= previous, "globally sorted, descending: " + v + " after " + previous);
            previous = v;
        }
        assertEquals(
                ref.events.stream().map(Reference.Event::line).sorted().collect(Collectors.toList()),
                out.stream().sorted().collect(Collectors.toList()),
                "the same lines, none lost or duplicated");
        long parts = java.util.Arrays.stream(fs.listStatus(new Path("/out/sort")))
                .filter(f -> f.getPath().getName().startsWith("part-r-"))
                .count();
        assertEquals(3, parts, "three reducers, three ranges");
    }
}
