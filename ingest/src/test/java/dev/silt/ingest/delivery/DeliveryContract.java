package dev.silt.ingest.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.silt.ingest.MutableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * What every destination file system must do for a delivery stream. Subclassed per file system: local, HDFS
 * ({@code MiniDFSCluster}) and S3 ({@code s3a} against s3proxy).
 */
abstract class DeliveryContract {
    static final ObjectMapper JSON = new ObjectMapper();
    /** 2026-11-23T05:10:00Z */
    static final long T0 = 1_795_410_600_000L;

    private static final AtomicInteger RUN = new AtomicInteger();

    /** The base URI under which each test gets its own destination, ending with '/'. */
    protected abstract String baseUri();

    protected abstract Configuration hadoopConf();

    protected MutableClock clock;
    protected String dest;
    protected FileSystem fs;
    private final List<DeliveryStream> opened = new ArrayList<>();

    @BeforeEach
    void setUpDestination(TestInfo info) throws IOException {
        clock = new MutableClock(T0);
        dest = baseUri() + info.getTestMethod().orElseThrow().getName() + "-" + RUN.incrementAndGet() + "/";
        fs = FileSystem.newInstance(new Path(dest).toUri(), hadoopConf());
    }

    @AfterEach
    void closeStreams() throws IOException {
        for (DeliveryStream s : opened) {
            try {
                s.close();
            } catch (IOException | RuntimeException e) {
                // already closed by the test, or deliberately crashed
            }
        }
        fs.close();
    }

    Map<String, String> conf(String... keyValues) {
        Map<String, String> conf = new HashMap<>();
        conf.put("silt.ingest.delivery.buffer.interval.seconds", "900");
        conf.put("silt.ingest.delivery.idle.flush.seconds", "900");
        for (int i = 0; i < keyValues.length; i += 2) {
            conf.put(keyValues[i], keyValues[i + 1]);
        }
        return conf;
    }

    DeliveryStream open(String stream, Map<String, String> conf, DeliverySource source) throws IOException {
        return open(stream, conf, source, RecordTransform.identity(), DeliverySink.none(), dest);
    }

    DeliveryStream open(
            String stream,
            Map<String, String> conf,
            DeliverySource source,
            RecordTransform transform,
            DeliverySink sink,
            String destination)
            throws IOException {
        DeliveryStream s = DeliveryStream.builder(DeliveryConfig.of(stream, conf), destination)
                .source(source)
                .transform(transform)
                .sink(sink)
                .clock(clock)
                .hadoopConf(hadoopConf())
                .open();
        opened.add(s);
        return s;
    }

    DirectPutSource directPut() {
        return new DirectPutSource(clock, 64L << 20, 1 << 20);
    }

    Path root() {
        return new Path(dest);
    }

    List<Path> landed() throws IOException {
        return LandedFiles.list(fs, root());
    }

    List<Path> landedData() throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : landed()) {
            if (!p.toString().contains("/errors/")) {
                out.add(p);
            }
        }
        return out;
    }

    List<String> allLines(List<Path> files) throws IOException {
        List<String> out = new ArrayList<>();
        for (Path p : files) {
            out.addAll(LandedFiles.lines(fs, p));
        }
        return out;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A JSON record of exactly {@code size} bytes. */
    static byte[] sized(int i, int size) {
        String head = String.format(Locale.ROOT, "{\"i\":%d,\"pad\":\"", i);
        return utf8(head + "x".repeat(size - head.length() - 2) + "\"}");
    }

    void assertNoStateLeft(String stream) throws IOException {
        Path state = new Path(root(), "_delivery/" + stream);
        for (Path p : LandedFiles.listAll(fs, state)) {
            assertTrue(p.toString().contains("/checkpoints/"), "left behind: " + p);
        }
    }

    // ------------------------------------------------------------------ buffering

    @Test
    void sizeHintLandsAFullBufferWithoutWaiting() throws IOException {
        DirectPutSource source = directPut();
        DeliveryStream s = open("sized", conf("silt.ingest.delivery.buffer.size.mb", "1"), source);
        for (int i = 0; i < 1100; i++) {
            source.putRecord(sized(i, 1000));
        }
        while (s.runOnce() > 0) {}
        List<Path> files = landedData();
        assertEquals(1, files.size(), files.toString());
        // 1 MiB / 1000 bytes: the 1049th record fills the buffer
        assertEquals(1049, LandedFiles.lines(fs, files.get(0)).size());
        s.flushAll();
        files = landedData();
        assertEquals(2, files.size());
        List<String> lines = allLines(files);
        assertEquals(1100, lines.size());
        for (int i = 0; i < 1100; i++) {
            assertEquals(new String(sized(i, 1000), StandardCharsets.UTF_8), lines.get(i));
        }
        assertEquals(1100, s.metrics().recordsOut());
        assertEquals(2, s.metrics().filesOut());
    }

    @Test
    void intervalHintLandsOnTheInjectedClock() throws IOException {
        DirectPutSource source = directPut();
        DeliveryStream s = open("interval", conf("silt.ingest.delivery.buffer.interval.seconds", "60"), source);
        for (int i = 0; i < 10; i++) {
            source.putRecord(sized(i, 100));
        }
        s.runOnce();
        assertEquals(0, landedData().size());
        clock.advance(59_000);
        s.runOnce();
        assertEquals(0, landedData().size());
        assertEquals(59_000, s.metrics().lagMillis());
        assertEquals(10, s.metrics().lagRecords());
        clock.advance(1_000);
        s.runOnce();
        assertEquals(1, landedData().size());
        assertEquals(10, LandedFiles.lines(fs, landedData().get(0)).size());
        assertEquals(0, s.metrics().lagMillis());
    }

    @Test
    void idleInputLandsEverything() throws IOException {
        DirectPutSource source = directPut();
        DeliveryStream s = open("idle", conf("silt.ingest.delivery.idle.flush.seconds", "10"), source);
        source.putRecord(utf8("{\"a\":1}"));
        s.runOnce();
        clock.advance(5_000);
        source.putRecord(utf8("{\"a\":2}"));
        s.runOnce();
        clock.advance(9_000);
        s.runOnce();
        assertEquals(0, landedData().size(), "input came 9 s ago, not yet idle");
        clock.advance(1_000);
        s.runOnce();
        assertEquals(List.of("{\"a\":1}", "{\"a\":2}"), allLines(landedData()));
        assertNoStateLeft("idle");
    }

    // ------------------------------------------------------------------ layout

    @Test
    void arrivalLayoutAndDeterministicNames() throws IOException {
        DirectPutSource source = directPut();
        DeliveryStream s = open("clicks", conf("silt.ingest.delivery.prefix", "raw/clicks/"), source);
        for (int i = 0; i < 3; i++) {
            source.putRecord(utf8("{\"i\":" + i + "}"));
        }
        s.runOnce();
        s.flushAll();
        List<Path> files = landed();
        assertEquals(1, files.size());
        // Object stores are never committed by rename.
        assertEquals(
                dest.startsWith("s3a:") ? DeliveryConfig.CommitMode.DIRECT : DeliveryConfig.CommitMode.RENAME,
                s.effectiveCommitMode());
        String expected = new Path(
                        root(),
                        "raw/clicks/2026/11/23/05/clicks-direct-put-2026-11-23-05-10-00-"
                                + "00000000000000000000-00000000000000000002.json.gz")
                .toString();
        assertEquals(fs.makeQualified(new Path(expected)), files.get(0));
    }

    @Test
    void eventTimeAndDynamicPartitions() throws IOException {
        DirectPutSource source = directPut();
        DeliveryStream s = open(
                "events",
                conf(
                        "silt.ingest.delivery.prefix",
                                "events/country=!{partitionKey:country}/!{timestamp:yyyy/MM/dd/HH}/",
                        "silt.ingest.delivery.time.field", "ts",
                        "silt.ingest.delivery.lateness.seconds", "3600",
                        "silt.ingest.delivery.compression", "NONE"),
                source);
        source.putRecord(utf8("{\"country\":\"de\",\"ts\":\"2026-11-23T05:01:00Z\"}"));
        source.putRecord(utf8("{\"country\":\"fr\",\"ts\":1795413540000}")); // 05:59 in epoch millis
        source.putRecord(utf8("{\"country\":\"de\",\"ts\":\"2026-11-23T01:30:00Z\"}")); // late: 3 h 40 min
        source.putRecord(utf8("{\"ts\":\"2026-11-23T05:02:00Z\"}"));
        source.putRecord(utf8("{\"country\":\"de\"}"));
        source.putRecord(utf8("{\"country\":\"a/b\",\"ts\":\"2026-11-23T05:03:00Z\"}"));
        source.putRecord(utf8("{\"country\":\"de\",\"ts\":\"2026-11-23T05:04:00Z\"}"));
        s.runOnce();
        s.flushAll();
        Map<String, List<String>> byDir = new TreeMap<>();
        for (Path p : landed()) {
            String rel =
                    p.toString().substring(fs.makeQualified(root()).toString().length() + 1);
            byDir.computeIfAbsent(rel.substring(0, rel.lastIndexOf('/') + 1), k -> new ArrayList<>())
                    .addAll(LandedFiles.lines(fs, p));
        }
        assertEquals(
                List.of(
                        "errors/malformed/2026/11/23/05/",
                        "events/country=de/2026/11/23/01/",
                        "events/country=de/2026/11/23/05/",
                        "events/country=fr/2026/11/23/05/"),
                new ArrayList<>(byDir.keySet()));
        assertEquals(2, byDir.get("events/country=de/2026/11/23/05/").size());
        assertEquals(1, byDir.get("events/country=de/2026/11/23/01/").size(), "late record in its own hour");
        assertEquals(1, s.metrics().lateRecords());
        List<String> reasons = new ArrayList<>();
        for (String line : byDir.get("errors/malformed/2026/11/23/05/")) {
            reasons.add(JSON.readTree(line).get("errorMessage").asText());
        }
        assertEquals(3, reasons.size());
        assertTrue(reasons.get(0).contains("partition key field 'country'"), reasons.toString());
        assertTrue(reasons.get(1).contains("event time field 'ts' is missing"), reasons.toString());
        assertTrue(reasons.get(2).contains("unfit for a path"), reasons.toString());
        assertEquals(4, s.metrics().recordsOut());
        assertEquals(3, s.metrics().errorRecords());
    }

    // ------------------------------------------------------------------ formats

    @Test
    void compressedJsonLinesReadBack() throws IOException {
        for (String codec : List.of("NONE", "GZIP", "ZSTD", "SNAPPY")) {
            DirectPutSource source = directPut();
            String sub = dest + codec.toLowerCase(Locale.ROOT) + "/";
            DeliveryStream s = open(
                    "c-" + codec.toLowerCase(Locale.ROOT),
                    conf("silt.ingest.delivery.compression", codec),
                    source,
                    RecordTransform.identity(),
                    DeliverySink.none(),
                    sub);
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                String r = "{\"i\":" + i + ",\"text\":\"" + "abc".repeat(i % 20) + "\"}";
                expected.add(r);
                source.putRecord(utf8(r + (i % 2 == 0 ? "\n" : ""))); // a trailing line break is not doubled
            }
            s.runOnce();
            s.flushAll();
            List<Path> files = LandedFiles.list(fs, new Path(sub));
            assertEquals(1, files.size(), codec);
            String ext = DeliveryConfig.Compression.valueOf(codec).extension();
            assertTrue(files.get(0).getName().endsWith(".json" + ext), files.toString());
            assertEquals(expected, LandedFiles.lines(fs, files.get(0)), codec);
        }
    }

    @Test
    void orcWithDeclaredSchemaAndViolationsToErrorOutput() throws IOException {
        DirectPutSource source = directPut();
        DeliveryStream s = open(
                "orc",
                conf(
                        "silt.ingest.delivery.format", "ORC",
                        "silt.ingest.delivery.compression", "ZSTD",
                        "silt.ingest.delivery.orc.schema",
                                "struct<user:string,n:bigint,ts:timestamp,ok:boolean,price:decimal(10,2)>"),
                source);
        // The first record of the hour does not fit: no buffer may be left behind empty.
        source.putRecord(utf8("[\"ann\"]"));
        source.putRecord(utf8("{\"user\":\"ann\",\"n\":1,\"ts\":\"2026-11-23T05:00:00Z\",\"ok\":true,\"price\":1.5}"));
        source.putRecord(utf8("{\"user\":\"bob\",\"n\":\"two\"}"));
        source.putRecord(utf8("{\"user\":\"cy\",\"n\":3,\"extra\":[1,2]}"));
        source.putRecord(utf8("not json"));
        source.putRecord(utf8("{\"user\":\"dee\",\"ok\":\"yes\"}"));
        source.putRecord(utf8("{\"user\":\"eve\",\"n\":5,\"ts\":1795410000000,\"price\":\"2.25\"}"));
        s.runOnce();
        s.flushAll();
        List<Path> data = landedData();
        assertEquals(1, data.size());
        assertTrue(data.get(0).getName().endsWith(".orc"));
        List<String> rows = LandedFiles.orcRows(fs, data.get(0), hadoopConf());
        assertEquals(3, rows.size(), rows.toString());
        assertTrue(rows.get(0).startsWith("\"ann\"|1|"), rows.get(0));
        assertTrue(rows.get(1).startsWith("\"cy\"|3|null"), rows.get(1));
        assertTrue(rows.get(2).startsWith("\"eve\"|5|") && rows.get(2).endsWith("|2.25"), rows.get(2));
        List<Path> errors = new ArrayList<>(landed());
        errors.removeAll(data);
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).toString().contains("/errors/format-conversion-failed/2026/11/23/05/"));
        List<String> lines = LandedFiles.lines(fs, errors.get(0));
        assertEquals(4, lines.size());
        assertTrue(lines.get(0).contains("not a JSON object"), lines.get(0));
        assertTrue(lines.get(1).contains("column 'n' expects bigint"), lines.get(1));
        assertTrue(lines.get(2).contains("not JSON"), lines.get(2));
        assertTrue(lines.get(3).contains("column 'ok' expects boolean"), lines.get(3));
    }

    @Test
    void parquetWithDeclaredSchemaAndViolationsToErrorOutput() throws IOException {
        DirectPutSource source = directPut();
        DeliveryStream s = open(
                "parquet",
                conf(
                        "silt.ingest.delivery.format", "PARQUET",
                        "silt.ingest.delivery.compression", "ZSTD",
                        "silt.ingest.delivery.parquet.schema",
                                "struct<user:string,n:bigint,ts:timestamp,ok:boolean,price:decimal(10,2),"
                                        + "day:date,geo:struct<lat:double,cc:string>>"),
                source);
        source.putRecord(utf8("{\"user\":\"ann\",\"n\":1,\"ts\":\"2026-11-23T05:00:00Z\",\"ok\":true,\"price\":1.5,"
                + "\"day\":\"2026-11-23\",\"geo\":{\"lat\":48.5,\"cc\":\"fr\"}}"));
        source.putRecord(utf8("{\"user\":\"bob\",\"n\":\"two\"}"));
        source.putRecord(utf8("{\"user\":\"cy\",\"n\":3,\"extra\":[1,2]}"));
        source.putRecord(utf8("not json"));
        source.putRecord(utf8("{\"user\":\"dee\",\"geo\":{\"lat\":\"north\"}}"));
        source.putRecord(utf8("{\"user\":\"eve\",\"n\":5,\"ts\":1795410000000,\"price\":\"2.25\"}"));
        s.runOnce();
        s.flushAll();
        List<Path> data = landedData();
        assertEquals(1, data.size());
        assertTrue(data.get(0).getName().endsWith(".parquet"), data.get(0).getName());
        List<String> rows = LandedFiles.parquetRows(data.get(0), hadoopConf());
        // ts as microseconds since the epoch, price as its unscaled value, day as days since the epoch
        assertEquals(
                List.of(
                        "ann|1|1795410000000000|true|150|20780|lat: 48.5 cc: fr",
                        "cy|3|null|null|null|null|null",
                        "eve|5|1795410000000000|null|225|null|null"),
                rows);
        String footer = LandedFiles.parquetFooter(data.get(0), hadoopConf());
        assertTrue(footer.contains("ZSTD"), footer);
        assertTrue(footer.contains("TIMESTAMP(MICROS,true)"), footer);
        assertTrue(footer.contains("DECIMAL(10,2)"), footer);
        List<Path> errors = new ArrayList<>(landed());
        errors.removeAll(data);
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).toString().contains("/errors/format-conversion-failed/2026/11/23/05/"));
        List<String> lines = LandedFiles.lines(fs, errors.get(0));
        assertEquals(3, lines.size());
        assertTrue(lines.get(0).contains("column 'n' expects bigint"), lines.get(0));
        assertTrue(lines.get(1).contains("not JSON"), lines.get(1));
        assertTrue(lines.get(2).contains("column 'geo.lat' expects double"), lines.get(2));
        assertNoStateLeft("parquet");
    }

    @Test
    void parquetCodecsAndCompactionKeepEveryRow() throws IOException {
        List<String> expected = new ArrayList<>();
        for (String codec : List.of("NONE", "SNAPPY", "GZIP")) {
            DirectPutSource source = directPut();
            DeliveryStream s = open(
                    "pq-" + codec.toLowerCase(Locale.ROOT),
                    conf(
                            "silt.ingest.delivery.buffer.interval.seconds", "0",
                            "silt.ingest.delivery.format", "PARQUET",
                            "silt.ingest.delivery.compression", codec,
                            "silt.ingest.delivery.prefix", codec + "/",
                            "silt.ingest.delivery.parquet.schema", "struct<f:int,i:int,s:string>"),
                    source);
            expected.clear();
            for (int f = 0; f < 3; f++) {
                for (int i = 0; i < 4; i++) {
                    source.putRecord(utf8("{\"f\":" + f + ",\"i\":" + i + ",\"s\":\"" + codec + "\"}"));
                    expected.add(f + "|" + i + "|" + codec);
                }
                s.runOnce();
                clock.advance(1_000);
            }
            String hour = codec + "/2026/11/23/05/";
            assertEquals(3, s.compact(hour), codec);
            List<Path> files = LandedFiles.list(fs, new Path(root(), hour));
            assertEquals(1, files.size(), files.toString());
            assertEquals(expected, LandedFiles.parquetRows(files.get(0), hadoopConf()), codec);
            String footer = LandedFiles.parquetFooter(files.get(0), hadoopConf());
            String named = codec.equals("NONE") ? "UNCOMPRESSED" : codec;
            assertTrue(footer.contains(named), footer);
        }
    }

    @Test
    void parquetNeedsASchema() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> DeliveryConfig.of("p", conf("silt.ingest.delivery.format", "PARQUET")));
        assertEquals("silt.ingest.delivery.parquet.schema must be set when the format is PARQUET", e.getMessage());
    }

    // ------------------------------------------------------------------ errors

    @Test
    void failedDroppedOversizeAndBinaryRecordsGoToTheErrorOutput() throws IOException {
        List<byte[]> records = new ArrayList<>();
        records.add(utf8("{\"k\":\"good-0\"}"));
        records.add(utf8("{\"k\":\"bad\"}"));
        records.add(utf8("{\"k\":\"drop\"}"));
        records.add(utf8("{\"k\":\"boom\"}"));
        records.add(sized(4, 2000));
        byte[] binary = {'b', 'a', 'd', (byte) 0xff, (byte) 0xfe, 0};
        records.add(binary);
        records.add(utf8("{\"k\":\"two\nlines\"}"));
        records.add(utf8("{\"k\":\"good-7\"}"));
        RecordTransform transform = r -> {
            String text = new String(r.data(), StandardCharsets.ISO_8859_1);
            if (text.contains("boom")) {
                throw new IllegalStateException("transform blew up");
            }
            if (text.contains("bad")) {
                return TransformResult.failed("bad record");
            }
            return text.contains("drop") ? TransformResult.dropped() : TransformResult.ok(r.data());
        };
        DeliveryStream s = open(
                "errs",
                conf("silt.ingest.record.max.bytes", "1024", "silt.ingest.delivery.compression", "NONE"),
                new ListSource(records, T0),
                transform,
                DeliverySink.none(),
                dest);
        s.runOnce();
        s.flushAll();
        assertEquals(List.of("{\"k\":\"good-0\"}", "{\"k\":\"good-7\"}"), allLines(landedData()));
        Map<String, List<JsonNode>> byType = new TreeMap<>();
        for (Path p : landed()) {
            if (p.toString().contains("/errors/")) {
                for (String line : LandedFiles.lines(fs, p)) {
                    JsonNode node = JSON.readTree(line);
                    byType.computeIfAbsent(node.get("errorOutputType").asText(), k -> new ArrayList<>())
                            .add(node);
                    assertTrue(p.toString()
                            .contains("/errors/" + node.get("errorOutputType").asText() + "/"));
                }
            }
        }
        assertEquals(List.of("malformed", "oversize", "processing-failed"), new ArrayList<>(byType.keySet()));
        List<JsonNode> failed = byType.get("processing-failed");
        assertEquals(3, failed.size());
        assertEquals("bad record", failed.get(0).get("errorMessage").asText());
        assertEquals("{\"k\":\"bad\"}", failed.get(0).get("rawData").asText());
        assertTrue(failed.get(1).get("errorMessage").asText().contains("transform blew up"));
        assertEquals(
                Base64.getEncoder().encodeToString(binary),
                failed.get(2).get("rawDataBase64").asText());
        assertEquals(5, failed.get(2).get("sequenceNumber").asLong());
        assertEquals(1, byType.get("oversize").size());
        assertTrue(byType.get("oversize").get(0).get("errorMessage").asText().contains("2000 bytes"));
        assertEquals(1, byType.get("malformed").size());
        assertEquals(1, s.metrics().droppedRecords());
        assertEquals(5, s.metrics().errorRecords());
        assertEquals(2, s.metrics().recordsOut());
        assertEquals(8, s.metrics().recordsIn());
    }

    // ------------------------------------------------------------------ compaction

    @Test
    void compactionMergesAnHourIntoOneFile() throws IOException {
        DirectPutSource source = directPut();
        DeliveryStream s = open(
                "compact",
                conf("silt.ingest.delivery.buffer.interval.seconds", "0", "silt.ingest.delivery.compression", "ZSTD"),
                source);
        List<String> expected = new ArrayList<>();
        for (int f = 0; f < 5; f++) {
            for (int i = 0; i < 3; i++) {
                String r = "{\"f\":" + f + ",\"i\":" + i + "}";
                expected.add(r);
                source.putRecord(utf8(r));
            }
            s.runOnce();
            clock.advance(1_000);
        }
        assertEquals(5, landedData().size());
        assertEquals(5, s.compact("2026/11/23/05/"));
        List<Path> after = landedData();
        assertEquals(1, after.size(), after.toString());
        assertTrue(after.get(0).getName().contains("-compacted-"));
        assertEquals(expected, allLines(after));
        assertNoStateLeft("compact");
        assertEquals(0, s.compact("2026/11/23/05/"), "one file: nothing to do");
        // the delivery keeps landing into the compacted hour
        source.putRecord(utf8("{\"after\":true}"));
        s.runOnce();
        assertEquals(2, landedData().size());
        assertEquals(16, allLines(landedData()).size());
    }

    // ------------------------------------------------------------------ restart

    @Test
    void restartAfterACrashBetweenCommitAndCheckpointLandsEverythingOnce() throws IOException {
        Map<String, String> conf = conf(
                "silt.ingest.delivery.buffer.interval.seconds", "0",
                "silt.ingest.delivery.poll.records", "50",
                "silt.ingest.delivery.compression", "GZIP");
        SequenceSource first = new SequenceSource(2, 600, 1_000);
        first.release(300);
        AtomicInteger landedCount = new AtomicInteger();
        DeliverySink crashing = o -> {
            if (landedCount.incrementAndGet() == 5) {
                throw new IOException("simulated crash after the commit, before the checkpoint");
            }
        };
        DeliveryStream a = open("restart", conf, first, RecordTransform.identity(), crashing, dest);
        assertThrows(IOException.class, () -> {
            while (a.runOnce() > 0) {}
        });
        // The process "dies": no flush, no close; its buffers are gone.
        a.fileSystem().close();
        // Leftovers of an unfinished write that a crash could leave.
        fs.create(new Path(root(), "_delivery/restart/tmp/p0/half-written.json.gz"))
                .close();

        SequenceSource second = new SequenceSource(2, 600, 1_000);
        List<LandedObject> reported = new ArrayList<>();
        DeliveryStream b = open("restart", conf, second, RecordTransform.identity(), reported::add, dest);
        assertTrue(reported.size() >= 1 && reported.get(0).records() == -1, "committed file re-reported: " + reported);
        assertEquals(
                0,
                LandedFiles.listAll(fs, new Path(root(), "_delivery/restart/tmp"))
                        .size());
        while (b.runOnce() > 0) {}
        b.close();
        Map<String, Integer> seen = new HashMap<>();
        for (String line : allLines(landedData())) {
            JsonNode node = JSON.readTree(line);
            seen.merge(node.get("p").asText() + "/" + node.get("seq").asLong(), 1, Integer::sum);
        }
        assertEquals(1200, seen.size(), "every record landed");
        seen.forEach((k, v) -> assertEquals(1, v, k + " landed " + v + " times"));
        assertNoStateLeft("restart");
    }

    @Test
    void directPutAfterACrashNeverReusesALandedPosition() throws IOException {
        Map<String, String> conf = conf(
                "silt.ingest.delivery.buffer.size.mb", "1",
                "silt.ingest.delivery.time.field", "ts",
                "silt.ingest.delivery.compression", "NONE");
        DirectPutSource first = directPut();
        DeliveryStream a = open("dp", conf, first);
        first.putRecord(utf8("{\"ts\":\"2026-11-23T01:00:00Z\",\"n\":0}"));
        String pad = "z".repeat(600_000);
        first.putRecord(utf8("{\"ts\":\"2026-11-23T05:00:00Z\",\"n\":1,\"pad\":\"" + pad + "\"}"));
        first.putRecord(utf8("{\"ts\":\"2026-11-23T05:00:00Z\",\"n\":2,\"pad\":\"" + pad + "\"}"));
        a.runOnce();
        assertEquals(1, landedData().size(), "the full 05 buffer landed, the 01 one waits");
        a.fileSystem().close(); // crash: the buffered 01 record was never landed and cannot be read again

        DirectPutSource second = directPut();
        DeliveryStream b = open("dp", conf, second);
        for (int n = 3; n < 7; n++) {
            second.putRecord(utf8("{\"ts\":\"2026-11-23T05:00:00Z\",\"n\":" + n + "}"));
        }
        b.runOnce();
        b.flushAll();
        List<Integer> ns = new ArrayList<>();
        for (String line : allLines(landedData())) {
            ns.add(JSON.readTree(line).get("n").asInt());
        }
        ns.sort(null);
        assertEquals(List.of(1, 2, 3, 4, 5, 6), ns, "nothing after the restart is taken for a landed record");
        assertEquals(0, b.metrics().skippedRecords());
    }
}
