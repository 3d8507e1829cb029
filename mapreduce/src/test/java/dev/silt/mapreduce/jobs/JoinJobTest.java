package dev.silt.mapreduce.jobs;

import static dev.silt.mapreduce.jobs.JobHarness.counts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.silt.mapreduce.SiltJobs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The join job on the LocalJobRunner, both strategies and both types, against a join computed here. */
class JoinJobTest {
    /** The dimension's good rows as data: code, name, region, population. */
    private static final List<List<String>> ROWS = List.of(
            List.of("US", "United States", "Americas", "335.0"),
            List.of("US", "USA", "Americas", "335.0"), // duplicate key: two outputs per US event
            List.of("FR", "France, Republic of", "Europe", "68.2"),
            List.of("JP", "Japan \"Nippon\"", "Asia", "125.0"),
            List.of("BR", "Brazil", "Americas", "216.0"));

    /** CSV text with quoting, a CRLF line, a blank line and three bad rows (lines 4, 6, 7). */
    private static final String CSV = "code,name,region,population_millions\n"
            + "US,United States,Americas,335.0\n"
            + "US,USA,Americas,335.0\r\n"
            + "DE,Germany,Europe\n"
            + "FR,\"France, Republic of\",Europe,68.2\n"
            + ",Nowhere,None,0\n"
            + "BR,\"Brazil,Americas,216\n"
            + "\n"
            + "JP,\"Japan \"\"Nippon\"\"\",Asia,125.0\n"
            + "BR,Brazil,Americas,216.0\n";

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"map, inner", "map, left", "reduce, inner", "reduce, left"})
    void joinsEveryEventWithEveryMatchingRow(String strategy, String type) throws Exception {
        Random r = new Random(42);
        List<String> countries = List.of("US", "FR", "JP", "BR", "DE", "XX");
        List<ObjectNode> good = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            good.add(JobHarness.event(r, 3, countries));
        }
        List<String> lines = good.stream().map(ObjectNode::toString).collect(Collectors.toList());
        lines.add("this is not json");
        lines.add("{\"ts\":\"2026-01-01T22:10:00.000Z\",\"user\":\"u0000001\"}");
        Path in = tmp.resolve("in");
        JobHarness.land(in, lines);
        Path dim = tmp.resolve("countries.csv");
        Files.writeString(dim, CSV, StandardCharsets.UTF_8);
        Path out = tmp.resolve("out");

        Configuration conf = JobHarness.localConf();
        SiltJobs.Execution ex = JobHarness.run(
                conf,
                0,
                "join",
                "--in",
                in.toUri().toString(),
                "--out",
                out.toUri().toString(),
                "--dim",
                dim.toUri().toString(),
                "--dim-key",
                "code",
                "--on",
                "country",
                "--type",
                type,
                "--strategy",
                strategy,
                "--reducers",
                "3",
                // several map tasks: map-side, the bad rows must still be reported once
                "--max-split-size",
                "16384");

        List<JsonNode> expected = new ArrayList<>();
        for (ObjectNode e : good) {
            List<List<String>> matches = ROWS.stream()
                    .filter(row -> row.get(0).equals(e.get("country").asText()))
                    .collect(Collectors.toList());
            for (List<String> row : matches) {
                ObjectNode j = e.deepCopy();
                j.put("country_name", row.get(1));
                j.put("country_region", row.get(2));
                j.put("country_population_millions", row.get(3));
                expected.add(JobHarness.tree(j.toString()));
            }
            if (matches.isEmpty() && type.equals("left")) {
                ObjectNode j = e.deepCopy();
                j.putNull("country_name");
                j.putNull("country_region");
                j.putNull("country_population_millions");
                expected.add(JobHarness.tree(j.toString()));
            }
        }
        List<JsonNode> actual =
                JobHarness.lines(out, "part-").stream().map(JobHarness::tree).collect(Collectors.toList());
        JobHarness.assertSameItems(expected, actual);
        assertTrue(expected.size() > good.size() / 2, "the test data should match most events");
        assertEquals(
                strategy.equals("map") ? "part-m-" : "part-r-",
                JobHarness.files(out, "part-").get(0).getFileName().toString().substring(0, 7));

        List<JsonNode> q = JobHarness.quarantine(out);
        Map<String, Long> reasons =
                counts(q.stream().map(n -> n.get("reason").asText()).collect(Collectors.toList()));
        assertEquals(Map.of("bad_dimension_row", 3L, "malformed_json", 1L, "missing_field", 1L), reasons);
        List<String> dimDetails = q.stream()
                .filter(n -> n.get("reason").asText().equals("bad_dimension_row"))
                .peek(n -> assertTrue(n.get("file").asText().endsWith("countries.csv"), n.toString()))
                .map(n -> n.get("detail").asText().replaceAll(":.*", ""))
                .sorted()
                .collect(Collectors.toList());
        assertEquals(List.of("line 4", "line 6", "line 7"), dimDetails);
        assertTrue(q.stream().anyMatch(n -> n.get("record").asText().equals("BR,\"Brazil,Americas,216")));

        assertEquals(expected.size(), ex.result().outputRecords());
        assertEquals(good.size() + 2 + 8, ex.result().recordsRead(), "events, bad lines and dimension rows");
    }

    @Test
    void rejectsAKeyColumnTheHeaderLacks() throws Exception {
        Path in = tmp.resolve("in");
        JobHarness.land(
                in, List.of(JobHarness.event(new Random(1), 1, List.of("US")).toString()));
        Path dim = tmp.resolve("d.csv");
        Files.writeString(dim, CSV, StandardCharsets.UTF_8);
        JobHarness.run(
                JobHarness.localConf(),
                2,
                "join",
                "--in",
                in.toString(),
                "--out",
                tmp.resolve("out").toString(),
                "--dim",
                dim.toString(),
                "--dim-key",
                "iso",
                "--on",
                "country");
    }
}
