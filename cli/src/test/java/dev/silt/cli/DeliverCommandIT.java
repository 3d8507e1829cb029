package dev.silt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.silt.ingest.wire.KinesisServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code silt deliver …} against the real server (streams and delivery streams), in this JVM on an ephemeral port. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DeliverCommandIT {
    @TempDir
    static Path tmp;

    private static KinesisServer server;
    private static String endpoint;

    @BeforeAll
    static void start() throws IOException {
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("silt.ingest.wire.port", "0");
        server = KinesisServer.open(conf, tmp.resolve("streams"), tmp.resolve("delivery"))
                .start();
        endpoint = server.endpoint().toString();
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

    /** Every line of the data files under {@code dest}, in file-name order (the delivery's state left out). */
    static List<String> landed(Path dest) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dest)) {
            for (Path f : files.filter(Files::isRegularFile)
                    .filter(f -> !dest.relativize(f).toString().startsWith("_delivery"))
                    .sorted()
                    .collect(Collectors.toList())) {
                lines.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
            }
        }
        return lines;
    }

    @Test
    void createPutDescribeStopStartAndDelete() throws IOException {
        Path lake = tmp.resolve("lake");
        CliRun created = ok(silt(
                "deliver", "create", "clicks", "--to", lake.toString(), "--compression", "none", "--buffer-mb", "1"));
        assertTrue(created.out().contains("created delivery stream 'clicks'"), created::toString);
        assertTrue(created.out().contains(lake.toUri().toString()), created::toString);

        List<String> events = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            events.add("{\"user\":\"u" + (i % 7) + "\",\"n\":" + i + ",\"text\":\"é ✓\"}");
        }
        CliRun put = ok(CliRun.withInput(
                String.join("\n", events) + "\n\n", withEndpoint(new String[] {"deliver", "put", "clicks"})));
        assertTrue(put.out().contains("put 1,200 records to delivery stream 'clicks' in 3 calls"), put::toString);
        assertTrue(put.out().contains("1 empty lines skipped"), put::toString);

        CliRun list = ok(silt("deliver", "list"));
        assertTrue(
                list.out()
                        .lines()
                        .anyMatch(l -> l.startsWith("clicks") && l.contains("ACTIVE") && l.contains("direct-put")),
                list::toString);

        CliRun stopped = ok(silt("deliver", "stop", "clicks"));
        assertTrue(stopped.out().contains("STOPPED"), stopped::toString);
        assertEquals(events, landed(lake), "every line landed once, in order");

        CliRun described = ok(silt("deliver", "describe", "clicks"));
        String out = described.out();
        assertTrue(out.contains("status        STOPPED"), out);
        assertTrue(out.contains("records in    1,200"), out);
        assertTrue(out.contains("records out   1,200 in"), out);
        assertTrue(out.contains("buffer        1 MiB or 300 s"), out);
        assertTrue(out.contains("UNCOMPRESSED"), out);

        CliRun refused = CliRun.withInput("{\"late\":1}\n", withEndpoint(new String[] {"deliver", "put", "clicks"}));
        assertEquals(1, refused.code(), refused::toString);
        assertTrue(refused.err().contains("not running"), refused::toString);

        ok(silt("deliver", "start", "clicks"));
        ok(CliRun.withInput("{\"again\":1}\n", withEndpoint(new String[] {"deliver", "put", "clicks"})));
        CliRun deleted = ok(silt("deliver", "delete", "clicks"));
        assertTrue(deleted.out().contains("deleted delivery stream 'clicks'"), deleted::toString);
        List<String> all = new ArrayList<>(events);
        all.add("{\"again\":1}");
        assertEquals(all, landed(lake), "delete lands what the stream held first");

        CliRun gone = silt("deliver", "describe", "clicks");
        assertEquals(1, gone.code(), gone::toString);
        assertTrue(gone.err().contains("clicks") && gone.err().contains("ResourceNotFoundException"), gone::toString);
    }

    @Test
    void mistakesNameWhatIsWrong() {
        CliRun noTo = silt("deliver", "create", "x");
        assertEquals(2, noTo.code(), noTo::toString);
        assertTrue(noTo.err().contains("--to"), noTo::toString);

        CliRun badSource =
                silt("deliver", "create", "x", "--to", tmp.resolve("x").toString(), "--source", "stream:s");
        assertEquals(1, badSource.code(), badSource::toString);
        assertTrue(
                badSource.err().contains("stream:s") && badSource.err().contains("Create the stream first"),
                badSource::toString);

        CliRun badKey =
                silt("deliver", "create", "x", "--to", tmp.resolve("x").toString(), "--set", "silt.ingest.nope=1");
        assertEquals(1, badKey.code(), badKey::toString);
        assertTrue(badKey.err().contains("silt.ingest.nope"), badKey::toString);

        CliRun badFormat =
                silt("deliver", "create", "x", "--to", tmp.resolve("x").toString(), "--format", "csv");
        assertEquals(1, badFormat.code(), badFormat::toString);
        assertTrue(badFormat.err().contains("silt.ingest.delivery.format"), badFormat::toString);

        CliRun unknown = silt("deliver", "crete");
        assertEquals(2, unknown.code(), unknown::toString);
        assertTrue(unknown.err().contains("did you mean 'create'"), unknown::toString);

        CliRun list = ok(silt("deliver", "list"));
        assertTrue(!list.out().contains("x "), list::toString);
    }
}
