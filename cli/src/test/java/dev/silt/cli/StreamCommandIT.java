package dev.silt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.silt.ingest.client.KinesisHttpClient;
import dev.silt.ingest.consumer.ShardDescription;
import dev.silt.ingest.wire.KinesisServer;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code silt stream …} against the real stream server, started in this JVM on an ephemeral port. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class StreamCommandIT {
    @TempDir
    static Path tmp;

    private static KinesisServer server;
    private static String endpoint;
    private static KinesisHttpClient client;

    @BeforeAll
    static void start() throws IOException {
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("silt.ingest.wire.port", "0");
        // Status changes after 50 ms: short, but long enough that --wait really has to wait.
        conf.put("silt.ingest.stream.create.delay.ms", "50");
        conf.put("silt.ingest.stream.update.delay.ms", "50");
        conf.put("silt.ingest.stream.delete.delay.ms", "50");
        conf.put("silt.ingest.stream.maintenance.interval.ms", "10");
        server = KinesisServer.open(conf, tmp.resolve("streams")).start();
        endpoint = server.endpoint().toString();
        client = new KinesisHttpClient(server.endpoint(), Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    private static CliRun silt(String... args) {
        return CliRun.run(withEndpoint(args));
    }

    private static CliRun siltWithInput(String stdin, String... args) {
        return CliRun.withInput(stdin, withEndpoint(args));
    }

    private static String[] withEndpoint(String[] args) {
        String[] all = new String[args.length + 2];
        all[0] = "-D";
        all[1] = "silt.stream.endpoint=" + endpoint;
        System.arraycopy(args, 0, all, 2, args.length);
        return all;
    }

    private static CliRun ok(CliRun r) {
        assertEquals(0, r.code(), r::toString);
        return r;
    }

    /** JSON lines of {@code users} users; {@code n} numbers them from {@code from}. */
    private static List<String> events(int from, int count, int users) {
        List<String> lines = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            lines.add("{\"user\":\"u" + (i % users) + "\",\"n\":" + i + ",\"text\":\"é ✓ " + i + "\"}");
        }
        return lines;
    }

    private static String stdin(List<String> lines) {
        return String.join("\n", lines) + "\n";
    }

    /** Every expected line exactly once, and each user's lines in the order they were put. */
    private static void assertSameLinesInOrderPerUser(List<String> expected, List<String> got) throws IOException {
        assertEquals(expected.size(), got.size(), "line count");
        assertEquals(new java.util.TreeSet<>(expected), new java.util.TreeSet<>(got));
        ObjectMapper json = new ObjectMapper();
        Map<String, List<Long>> perUser = new LinkedHashMap<>();
        for (String line : got) {
            JsonNode n = json.readTree(line);
            perUser.computeIfAbsent(n.get("user").asText(), u -> new ArrayList<>())
                    .add(n.get("n").asLong());
        }
        for (Map.Entry<String, List<Long>> e : perUser.entrySet()) {
            List<Long> sorted = new ArrayList<>(e.getValue());
            sorted.sort(Comparator.naturalOrder());
            assertEquals(sorted, e.getValue(), "order of " + e.getKey());
        }
    }

    @Test
    void createPutTailReshardAndTailAgain() throws IOException {
        CliRun created = ok(silt("stream", "create", "clicks", "--shards", "2", "--wait"));
        assertTrue(created.out().contains("created stream 'clicks' with 2 shards"), created::toString);
        assertTrue(created.out().contains("stream 'clicks' is ACTIVE"), created::toString);
        CliRun list = ok(silt("stream", "list"));
        assertTrue(list.out().lines().anyMatch(l -> l.startsWith("clicks") && l.contains("ACTIVE")), list::toString);

        List<String> first = events(0, 1200, 37);
        CliRun put = ok(siltWithInput(stdin(first), "stream", "put", "clicks", "--key-field", "user"));
        assertTrue(put.out().startsWith("put 1,200 records to 'clicks' in 3 calls"), put::toString);

        CliRun tail = ok(silt("stream", "tail", "clicks"));
        assertSameLinesInOrderPerUser(first, tail.out().lines().toList());

        // Split, merge and scale; new records go to the children; tail follows the lineage.
        ok(silt("stream", "split", "clicks", "0", "--wait"));
        List<String> second = events(1200, 500, 37);
        ok(siltWithInput(stdin(second), "stream", "put", "clicks", "--key-field", "user"));
        List<ShardDescription> open = openShards("clicks");
        assertEquals(3, open.size());
        CliRun merged = ok(silt(
                "stream", "merge", "clicks", open.get(0).shardId(), open.get(1).shardId(), "--wait"));
        assertTrue(merged.out().startsWith("merged "), merged::toString);
        List<String> third = events(1700, 300, 37);
        ok(siltWithInput(stdin(third), "stream", "put", "clicks", "--key-field", "user"));
        CliRun scaled = ok(silt("stream", "scale", "clicks", "4", "--wait"));
        assertTrue(scaled.out().startsWith("scaling 'clicks' from 2 to 4 open shards"), scaled::toString);
        List<String> fourth = events(2000, 400, 37);
        ok(siltWithInput(stdin(fourth), "stream", "put", "clicks", "--key-field", "user"));
        assertEquals(4, openShards("clicks").size());

        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        all.addAll(third);
        all.addAll(fourth);
        CliRun again = ok(silt("stream", "tail", "clicks", "--from", "trim-horizon"));
        assertSameLinesInOrderPerUser(all, again.out().lines().toList());

        CliRun latest = ok(silt("stream", "tail", "clicks", "--from", "latest"));
        assertEquals("", latest.out(), "nothing arrived after the start");
        CliRun future = silt("stream", "tail", "clicks", "--from", "2100-01-01T00:00:00Z");
        assertEquals(Silt.USAGE, future.code(), future::toString);
        assertTrue(future.err().startsWith("silt: --from 2100-01-01T00:00:00Z is in the future"), future::toString);
        CliRun past = ok(silt("stream", "tail", "clicks", "--from", "2000-01-01T00:00"));
        assertSameLinesInOrderPerUser(all, past.out().lines().toList());

        CliRun limited = ok(silt("stream", "tail", "clicks", "--limit", "5"));
        assertEquals(5, limited.out().lines().count(), limited::toString);
        CliRun json = ok(silt("stream", "tail", "clicks", "--format", "json", "--limit", "3"));
        List<String> objects = json.out().lines().toList();
        assertEquals(3, objects.size(), json::toString);
        JsonNode o = new ObjectMapper().readTree(objects.get(0));
        assertTrue(all.contains(o.get("data").asText()), o::toString);
        assertEquals(
                new ObjectMapper().readTree(o.get("data").asText()).get("user").asText(),
                o.get("key").asText());
        assertTrue(o.get("seq").asText().matches("\\d{20,}"), o::toString);
        assertTrue(o.get("shard").asText().startsWith("shardId-"), o::toString);
        assertTrue(o.get("time").asText().endsWith("Z"), o::toString);

        CliRun described = ok(silt("stream", "describe", "clicks"));
        String d = described.out();
        assertTrue(d.contains("status       ACTIVE"), d);
        assertTrue(d.contains("retention    24 hours"), d);
        assertTrue(d.contains("shards       4 open, "), d);
        assertTrue(d.lines().anyMatch(l -> l.startsWith("shardId-000000000000  closed  ") && l.contains(" 50.0%")), d);
        // Lineage: a merged shard names both parents.
        assertTrue(d.lines().anyMatch(l -> l.contains(" + ")), d);
    }

    @Test
    void tailFollowsNewRecordsUntilItsLimit() throws Exception {
        ok(silt("stream", "create", "live", "--shards", "2", "--wait"));
        java.util.concurrent.atomic.AtomicReference<CliRun> following =
                new java.util.concurrent.atomic.AtomicReference<>();
        Thread t = new Thread(() -> following.set(silt("stream", "tail", "live", "--follow", "--limit", "30")));
        t.start();
        List<String> lines = events(0, 30, 4);
        // In three puts, so the tail sees records arrive while it follows.
        for (int i = 0; i < 3; i++) {
            ok(siltWithInput(
                    stdin(lines.subList(i * 10, i * 10 + 10)), "stream", "put", "live", "--key-field", "user"));
        }
        t.join(60_000);
        assertFalse(t.isAlive(), "tail --follow --limit stops after its records");
        CliRun r = ok(following.get());
        assertSameLinesInOrderPerUser(lines, r.out().lines().toList());
    }

    @Test
    void retentionGoesUpAndDown() throws IOException {
        ok(silt("stream", "create", "ret", "--wait"));
        CliRun up = ok(silt("stream", "retention", "ret", "48"));
        assertEquals("retention of 'ret' is now 48 hours (was 24)\n", up.out());
        assertTrue(ok(silt("stream", "describe", "ret")).out().contains("retention    48 hours (2 days)"));
        CliRun down = ok(silt("stream", "retention", "ret", "24"));
        assertEquals("retention of 'ret' is now 24 hours (was 48)\n", down.out());
        CliRun same = ok(silt("stream", "retention", "ret", "24"));
        assertEquals("retention of 'ret' is already 24 hours\n", same.out());
    }

    @Test
    void aPartitionKeyKeepsEveryLineInOrderAndTheDefaultSpreadsThem() throws IOException {
        ok(silt("stream", "create", "keys", "--shards", "3", "--wait"));
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 700; i++) {
            lines.add("line " + i);
        }
        ok(siltWithInput(stdin(lines) + "\n\n", "stream", "put", "keys", "--partition-key", "one"));
        assertEquals(lines, ok(silt("stream", "tail", "keys")).out().lines().toList());

        CliRun spread = ok(siltWithInput("a\n\nb\r\nc\n", "stream", "put", "keys"));
        assertTrue(spread.out().contains("put 3 records"), spread::toString);
        assertTrue(spread.out().contains("1 empty lines skipped"), spread::toString);
        List<String> all = ok(silt("stream", "tail", "keys")).out().lines().toList();
        assertEquals(703, all.size());
        assertTrue(all.containsAll(List.of("a", "b", "c")), all::toString);
    }

    @Test
    void aBadLineStopsThePutAndEverythingBeforeItIsThereOnce() throws IOException {
        ok(silt("stream", "create", "bad", "--shards", "2", "--wait"));
        List<String> good = events(0, 620, 5);
        List<String> input = new ArrayList<>(good);
        input.add("not json");
        input.addAll(events(620, 10, 5));
        CliRun put = siltWithInput(stdin(input), "stream", "put", "bad", "--key-field", "user");
        assertEquals(Silt.FAILED, put.code(), put::toString);
        assertTrue(
                put.err()
                        .startsWith("silt: error: line 621 is not JSON, so it has no field 'user'; 620 lines were"
                                + " acknowledged, 1 were not (the first is line 621)"),
                put::toString);
        assertFalse(put.err().contains("\tat "));
        assertSameLinesInOrderPerUser(
                good, ok(silt("stream", "tail", "bad")).out().lines().toList());

        CliRun missing = siltWithInput("{\"n\":1}\n", "stream", "put", "bad", "--key-field", "user");
        assertEquals(Silt.FAILED, missing.code());
        assertTrue(
                missing.err().startsWith("silt: error: line 1 has no field 'user' with a value; 0 lines"),
                missing::toString);
    }

    @Test
    void unknownStreamsAndShardsAreOneLine() {
        for (String[] args : new String[][] {
            {"stream", "describe", "nope"},
            {"stream", "tail", "nope"},
            {"stream", "retention", "nope", "48"},
            {"stream", "split", "nope", "0"}
        }) {
            CliRun r = silt(args);
            assertEquals(Silt.FAILED, r.code(), r::toString);
            String first = r.err().lines().findFirst().orElse("");
            assertTrue(
                    first.startsWith("silt: error: ") && first.contains("nope") && first.contains("not found"),
                    r::toString);
            assertFalse(r.err().contains("\tat "), r::toString);
        }
        CliRun put = siltWithInput("x\n", "stream", "put", "nope");
        assertEquals(Silt.FAILED, put.code(), put::toString);
        assertTrue(put.err().contains("0 lines were acknowledged, 1 were not"), put::toString);

        ok(silt("stream", "create", "few", "--wait"));
        CliRun shard = silt("stream", "split", "few", "7");
        assertEquals(Silt.FAILED, shard.code());
        assertTrue(
                shard.err().startsWith("silt: error: stream 'few' has no shard shardId-000000000007"), shard::toString);
        CliRun at = silt("stream", "split", "few", "0", "--at", "0");
        assertEquals(Silt.USAGE, at.code(), at::toString);
        assertTrue(at.err().startsWith("silt: --at must be above 0"), at::toString);
        CliRun exists = silt("stream", "create", "few");
        assertEquals(Silt.FAILED, exists.code());
        assertTrue(exists.err().contains("(ResourceInUseException)"), exists::toString);
    }

    private static List<ShardDescription> openShards(String stream) throws IOException {
        List<ShardDescription> open = new ArrayList<>();
        for (ShardDescription s : client.listShards(stream)) {
            if (s.isOpen()) {
                open.add(s);
            }
        }
        open.sort(Comparator.comparing(ShardDescription::startingHashKey, Comparator.<BigInteger>naturalOrder()));
        return open;
    }
}
