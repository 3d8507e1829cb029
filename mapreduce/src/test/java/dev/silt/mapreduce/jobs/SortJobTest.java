package dev.silt.mapreduce.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The sort job on the LocalJobRunner: the concatenated parts are the input sorted as computed here. */
class SortJobTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "--key {0} desc={1}")
    @CsvSource({"bytes, false", "bytes, true", "session, false", "session, true", "ts, false"})
    void concatenatedPartsAreGloballySorted(String key, boolean desc) throws Exception {
        Random r = new Random(7);
        List<ObjectNode> good = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            good.add(JobHarness.event(r, 4, List.of("US", "DE")));
        }
        good.get(0).put("bytes", 0L);
        good.get(1).put("session", "s-\u00e9t\u00e9"); // non-ASCII: UTF-8 byte order
        List<String> lines = good.stream().map(ObjectNode::toString).collect(Collectors.toList());
        lines.add("{broken");
        Path in = tmp.resolve("in");
        JobHarness.land(in, lines);
        Path out = tmp.resolve("out");
        Configuration conf = JobHarness.localConf();
        conf.setLong("silt.mr.sort.sample.size", 200);
        List<String> args = new ArrayList<>(List.of(
                "sort",
                "--in",
                in.toString(),
                "--out",
                out.toString(),
                "--key",
                key,
                "--reducers",
                "3",
                "--max-split-size",
                "65536"));
        if (desc) {
            args.add("--desc");
        }
        JobHarness.run(conf, 0, args.toArray(new String[0]));

        List<String> actual = JobHarness.lines(out, "part-r-");
        // no good record lost or duplicated
        JobHarness.assertSameItems(
                good.stream().map(n -> JobHarness.tree(n.toString())).collect(Collectors.toList()),
                actual.stream().map(JobHarness::tree).collect(Collectors.toList()));
        // the keys, in output order, are the expected order
        Comparator<JsonNode> order = expectedOrder(key, desc);
        List<JsonNode> nodes = actual.stream().map(JobHarness::tree).collect(Collectors.toList());
        for (int i = 1; i < nodes.size(); i++) {
            int at = i;
            assertTrue(
                    order.compare(nodes.get(i - 1), nodes.get(i)) <= 0,
                    () -> "out of order at line " + at + ": "
                            + nodes.get(at - 1).get(key) + " then "
                            + nodes.get(at).get(key));
        }
        List<Path> parts = JobHarness.files(out, "part-r-");
        assertEquals(3, parts.size(), "the sample has enough distinct keys for every reducer");
        for (Path p : parts) {
            assertTrue(Files.size(p) > 0, p + " is empty: the boundaries do not spread the keys");
        }
        assertEquals(1, JobHarness.quarantine(out).size());
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(
                    List.of("in", "out"),
                    s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList()),
                    "the partition file and staging are gone");
        }
    }

    /** Numbers numerically, strings by UTF-8 bytes, absent (or null) first in both directions. */
    private static Comparator<JsonNode> expectedOrder(String key, boolean desc) {
        return (a, b) -> {
            JsonNode x = a.get(key);
            JsonNode y = b.get(key);
            boolean xa = x == null || x.isNull();
            boolean ya = y == null || y.isNull();
            if (xa || ya) {
                return Boolean.compare(!xa, !ya);
            }
            int c;
            if (x.isNumber()) {
                c = Long.compare(x.asLong(), y.asLong());
            } else if (key.equals("ts")) {
                c = x.asText().compareTo(y.asText()); // fixed-width ISO instants order as text
            } else {
                c = java.util.Arrays.compareUnsigned(
                        x.asText().getBytes(StandardCharsets.UTF_8), y.asText().getBytes(StandardCharsets.UTF_8));
            }
            return desc ? -c : c;
        };
    }
}
