package dev.silt.mapreduce.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.TimestampColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.orc.OrcFile;
import org.apache.orc.Reader;
import org.apache.orc.RecordReader;
import org.apache.orc.StripeStatistics;
import org.apache.orc.TimestampColumnStatistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ETL job on the LocalJobRunner, its ORC files read back with orc-core's own reader. */
class EtlJobTest {
    private static final String[] COLUMNS = {
        "ts", "user", "session", "method", "url", "referrer", "status", "bytes", "latency_ms", "country", "ua"
    };

    @TempDir
    Path tmp;

    @Test
    void writesOneTimeOrderedOrcFilePerHour() throws Exception {
        Random r = new Random(3);
        List<ObjectNode> good = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            good.add(JobHarness.event(r, 5, List.of("US", "DE", "JP")));
        }
        good.get(0).put("ts", "2026-01-01T22:59:59.999Z"); // hour edges
        good.get(1).put("ts", "2026-01-01T23:00:00.000Z");
        good.get(2).put("latency_ms", (long) Integer.MAX_VALUE);
        List<String> lines = good.stream().map(ObjectNode::toString).collect(Collectors.toList());
        List<String> misfits = List.of(
                with(good.get(3), "status", 99),
                with(good.get(4), "latency_ms", 1L + Integer.MAX_VALUE),
                with(good.get(5), "country", "us"),
                with(good.get(6), "country", "USA"));
        lines.addAll(misfits);
        lines.add("[1,2,3]");
        Path in = tmp.resolve("in");
        JobHarness.land(in, lines);
        Path out = tmp.resolve("out");
        JobHarness.run(
                JobHarness.localConf(),
                0,
                "etl",
                "--in",
                in.toString(),
                "--out",
                out.toString(),
                "--reducers",
                "3",
                "--max-split-size",
                "65536");

        Map<String, List<JsonNode>> expected = new TreeMap<>();
        for (ObjectNode e : good) {
            Instant ts = Instant.parse(e.get("ts").asText());
            String partition = String.format(
                    "dt=%s/hr=%02d",
                    ts.atZone(ZoneOffset.UTC).toLocalDate(),
                    ts.atZone(ZoneOffset.UTC).getHour());
            expected.computeIfAbsent(partition, k -> new ArrayList<>()).add(JobHarness.tree(e.toString()));
        }
        List<String> files;
        try (Stream<Path> s = Files.walk(out)) {
            files = s.filter(Files::isRegularFile)
                    .map(p -> out.relativize(p).toString())
                    .filter(p -> !p.startsWith("_") && !p.endsWith(".crc") && !p.contains("/."))
                    .sorted()
                    .collect(Collectors.toList());
        }
        assertEquals(5, expected.size(), "5 hours, over a change of date");
        assertEquals(expected.size(), files.size(), files.toString());
        for (String f : files) {
            assertTrue(f.matches("dt=\\d{4}-\\d\\d-\\d\\d/hr=\\d\\d/part-r-\\d{5}\\.orc"), f);
            String partition = f.substring(0, f.lastIndexOf('/'));
            List<JsonNode> rows =
                    readRows(out.resolve(f), expected.get(partition).size());
            JobHarness.assertSameItems(expected.get(partition), rows);
            for (int i = 1; i < rows.size(); i++) {
                assertTrue(rows.get(i - 1)
                                .get("ts")
                                .asText()
                                .compareTo(rows.get(i).get("ts").asText())
                        <= 0);
            }
        }

        List<JsonNode> q = JobHarness.quarantine(out);
        assertEquals(5, q.size());
        List<String> mismatched = q.stream()
                .filter(n -> n.get("reason").asText().equals("schema_mismatch"))
                .map(n -> n.get("record").asText())
                .sorted()
                .collect(Collectors.toList());
        assertEquals(misfits.stream().sorted().collect(Collectors.toList()), mismatched);
        assertTrue(q.stream().anyMatch(n -> n.get("detail").asText().contains("not two upper-case ASCII letters")));
    }

    private static String with(ObjectNode e, String field, Object value) {
        ObjectNode c = e.deepCopy();
        c.set(field, JobHarness.JSON.valueToTree(value));
        return c.toString();
    }

    /** Reads a file back as JSON objects like the input, checking schema, row count and statistics on the way. */
    private static List<JsonNode> readRows(Path file, int expectedRows) throws Exception {
        Configuration conf = new Configuration();
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(file.toUri());
        List<JsonNode> rows = new ArrayList<>();
        try (Reader reader =
                OrcFile.createReader(path, OrcFile.readerOptions(conf).useUTCTimestamp(true))) {
            assertEquals(OrcHourWriter.SCHEMA.toString(), reader.getSchema().toString());
            assertEquals(
                    "struct<ts:timestamp,user:string,session:string,method:string,url:string,referrer:string,"
                            + "status:int,bytes:bigint,latency_ms:int,country:string,ua:string>",
                    reader.getSchema().toString());
            assertEquals(expectedRows, reader.getNumberOfRows());
            VectorizedRowBatch batch = reader.getSchema().createRowBatch();
            try (RecordReader rr = reader.rows()) {
                while (rr.nextBatch(batch)) {
                    for (int row = 0; row < batch.size; row++) {
                        rows.add(toJson(batch, row));
                    }
                }
            }
            long minTs = rows.stream()
                    .mapToLong(n -> Instant.parse(n.get("ts").asText()).toEpochMilli())
                    .min()
                    .orElseThrow();
            long maxTs = rows.stream()
                    .mapToLong(n -> Instant.parse(n.get("ts").asText()).toEpochMilli())
                    .max()
                    .orElseThrow();
            List<StripeStatistics> stripes = reader.getStripeStatistics();
            assertTrue(stripes.size() >= 1);
            TimestampColumnStatistics ts =
                    (TimestampColumnStatistics) stripes.get(0).getColumnStatistics()[1];
            assertEquals(minTs, ts.getMinimumUTC().getTime());
            assertEquals(maxTs, ts.getMaximumUTC().getTime());
        }
        return rows;
    }

    private static JsonNode toJson(VectorizedRowBatch batch, int row) {
        ObjectNode n = JobHarness.JSON.createObjectNode();
        TimestampColumnVector ts = (TimestampColumnVector) batch.cols[0];
        n.put("ts", iso(ts.getTime(row)));
        for (int c = 1; c < COLUMNS.length; c++) {
            if (!batch.cols[c].noNulls && batch.cols[c].isNull[row]) {
                // the input omits session when absent and writes referrer as null
                if (COLUMNS[c].equals("referrer")) {
                    n.putNull("referrer");
                }
                continue;
            }
            if (batch.cols[c] instanceof LongColumnVector) {
                n.put(COLUMNS[c], ((LongColumnVector) batch.cols[c]).vector[row]);
            } else {
                n.put(COLUMNS[c], ((BytesColumnVector) batch.cols[c]).toString(row));
            }
        }
        return JobHarness.tree(n.toString());
    }

    private static String iso(long millis) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
                .withZone(ZoneOffset.UTC)
                .format(Instant.ofEpochMilli(millis));
    }

    @Test
    void timestampsReadAsUtcWallClockInAnyTimeZone() throws Exception {
        Path in = tmp.resolve("in");
        String ts = "2026-03-29T01:30:00.250Z"; // a DST switch day in Europe
        JobHarness.land(
                in,
                List.of("{\"ts\":\"" + ts + "\",\"user\":\"u0000001\",\"url\":\"/\",\"status\":200,\"bytes\":1,"
                        + "\"latency_ms\":2,\"country\":\"DE\"}"));
        Path out = tmp.resolve("out");
        JobHarness.run(JobHarness.localConf(), 0, "etl", "--in", in.toString(), "--out", out.toString());
        Path file;
        try (Stream<Path> s = Files.walk(out.resolve("dt=2026-03-29/hr=01"))) {
            file = s.filter(p -> p.toString().endsWith(".orc")).findFirst().orElseThrow();
        }
        TimeZone saved = TimeZone.getDefault();
        try {
            // A reader in another zone, with default options, sees the UTC wall-clock time: what engines that
            // treat ORC `timestamp` as a local date-time (Hive, Trino, Spark) show.
            TimeZone.setDefault(TimeZone.getTimeZone("Europe/Berlin"));
            try (Reader reader = OrcFile.createReader(
                    new org.apache.hadoop.fs.Path(file.toUri()), OrcFile.readerOptions(new Configuration()))) {
                VectorizedRowBatch batch = reader.getSchema().createRowBatch();
                try (RecordReader rr = reader.rows()) {
                    assertTrue(rr.nextBatch(batch));
                }
                LocalDateTime wall = ((TimestampColumnVector) batch.cols[0])
                        .asScratchTimestamp(0)
                        .toLocalDateTime();
                assertEquals(LocalDateTime.parse("2026-03-29T01:30:00.250"), wall);
            }
        } finally {
            TimeZone.setDefault(saved);
        }
        assertEquals(List.of(), Files.readAllLines(out.resolve("_SUCCESS"), StandardCharsets.UTF_8), "an empty marker");
    }
}
