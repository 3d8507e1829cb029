package dev.silt.ingest.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.silt.ingest.MutableClock;
import dev.silt.ingest.delivery.DeliveryStreamException.Reason;
import dev.silt.ingest.delivery.DeliveryStreamStatus.State;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The delivery-stream manager on the local file system, driven by hand (no background runners). */
class DeliveryStreamsTest {
    private static final Map<String, String> PLAIN = Map.of("silt.ingest.delivery.compression", "NONE");

    @TempDir
    Path tmp;

    private final MutableClock clock = new MutableClock(1_790_000_000_000L);

    private DeliveryStreams open(List<DeliverySourceFactory> factories) throws IOException {
        return DeliveryStreams.open(tmp.resolve("defs"), Map.of(), clock, new Configuration(), factories, false);
    }

    private String dest(String name) {
        return tmp.resolve("lake-" + name).toUri().toString();
    }

    private List<String> landed(String name) throws IOException {
        Path dir = tmp.resolve("lake-" + name);
        if (!Files.exists(dir)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile)
                    .filter(f -> !dir.relativize(f).toString().startsWith("_delivery"))
                    .sorted()
                    .collect(Collectors.toList())) {
                out.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aRestartRestoresDefinitionsAndResumesTheRunningStreams() throws IOException {
        List<String> firstIds = new ArrayList<>();
        try (DeliveryStreams streams = open(List.of())) {
            streams.create("a", dest("a"), SourceSpec.DIRECT_PUT, PLAIN, true);
            streams.create("b", dest("b"), SourceSpec.DIRECT_PUT, PLAIN, true);
            for (int i = 0; i < 3; i++) {
                firstIds.add(streams.putRecord("a", bytes("{\"a\":" + i + "}")));
            }
            streams.putRecord("b", bytes("{\"b\":0}"));
            streams.stop("b");
            assertEquals(List.of("{\"b\":0}"), landed("b"), "stop lands what was accepted");
            // Closing lands what "a" accepted without a single poll having run.
        }
        assertEquals(List.of("{\"a\":0}", "{\"a\":1}", "{\"a\":2}"), landed("a"));
        assertTrue(Files.exists(tmp.resolve("defs/a.delivery.json")));

        try (DeliveryStreams streams = open(List.of())) {
            assertEquals(List.of("a", "b"), streams.list());
            assertEquals(State.ACTIVE, streams.describe("a").state());
            assertEquals(State.STOPPED, streams.describe("b").state());
            assertEquals(PLAIN, streams.describe("a").definition().settings());
            String id = streams.putRecord("a", bytes("{\"a\":3}"));
            assertFalse(firstIds.contains(id), "record ids of a new start never repeat an earlier one's");
            DeliveryStreamException stopped =
                    assertThrows(DeliveryStreamException.class, () -> streams.putRecord("b", bytes("{}")));
            assertEquals(Reason.IN_USE, stopped.reason());
            assertTrue(stopped.getMessage().contains("silt deliver start b"), stopped::getMessage);
            streams.start("b");
            streams.putRecord("b", bytes("{\"b\":1}"));
            assertEquals(2, streams.runOnce("a") + streams.runOnce("b"));
            assertEquals(1, streams.describe("a").metrics().recordsIn(), "this run read only what it was given");
        }
        assertEquals(List.of("{\"a\":0}", "{\"a\":1}", "{\"a\":2}", "{\"a\":3}"), landed("a"), "each record once");
        assertEquals(List.of("{\"b\":0}", "{\"b\":1}"), landed("b"));
    }

    @Test
    void anInterruptedDefinitionWriteLeavesTheOldDefinition() throws IOException {
        try (DeliveryStreams streams = open(List.of())) {
            streams.create("a", dest("a"), SourceSpec.DIRECT_PUT, PLAIN, false);
        }
        Path torn = tmp.resolve("defs/a.delivery.json.tmp");
        Files.writeString(torn, "{\"formatVersion\":1,\"na", StandardCharsets.UTF_8);
        try (DeliveryStreams streams = open(List.of())) {
            assertEquals(State.STOPPED, streams.describe("a").state());
            assertFalse(Files.exists(torn), "the torn temporary file is removed");
        }
    }

    @Test
    void aNewerDefinitionFormatIsAClearError() throws IOException {
        Files.createDirectories(tmp.resolve("defs"));
        Files.writeString(
                tmp.resolve("defs/x.delivery.json"),
                "{\"formatVersion\":99,\"name\":\"x\",\"destination\":\"file:///tmp/x\"}",
                StandardCharsets.UTF_8);
        IOException e = assertThrows(IOException.class, () -> open(List.of()));
        assertTrue(e.getMessage().contains("format version 99"), e::getMessage);
    }

    @Test
    void sourcesWithoutAFactoryAreRefusedAndNothingIsCreated() throws IOException {
        try (DeliveryStreams streams = open(List.of())) {
            DeliveryStreamException e = assertThrows(
                    DeliveryStreamException.class,
                    () -> streams.create("s", dest("s"), SourceSpec.parse("stream:clicks"), PLAIN, true));
            assertEquals(Reason.INVALID_ARGUMENT, e.reason());
            assertTrue(
                    e.getMessage().contains("stream:clicks") && e.getMessage().contains("not available"));
            assertThrows(
                    DeliveryStreamException.class,
                    () -> streams.create("k", dest("k"), SourceSpec.parse("kafka:h:9092/t"), PLAIN, true));
            assertEquals(List.of(), streams.list());
        }
        try (Stream<Path> files = Files.list(tmp.resolve("defs"))) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void aPluggedInFactoryFeedsTheStreamAndItsAbsenceFailsTheRestoreOfThatStreamOnly() throws IOException {
        List<byte[]> records = List.of(bytes("{\"s\":0}"), bytes("{\"s\":1}"));
        DeliverySourceFactory streamSources = new DeliverySourceFactory() {
            @Override
            public SourceSpec.Kind kind() {
                return SourceSpec.Kind.STREAM;
            }

            @Override
            public DeliverySource open(SourceSpec spec, DeliveryConfig config) {
                assertEquals("clicks", spec.target());
                return new ListSource(records, clock.millis());
            }
        };
        try (DeliveryStreams streams = open(List.of(streamSources))) {
            streams.create("s", dest("s"), SourceSpec.parse("stream:clicks"), PLAIN, true);
            streams.create("d", dest("d"), SourceSpec.DIRECT_PUT, PLAIN, true);
            assertEquals(2, streams.runOnce("s"));
            DeliveryStreamException notDirect =
                    assertThrows(DeliveryStreamException.class, () -> streams.putRecord("s", bytes("{}")));
            assertEquals(Reason.INVALID_ARGUMENT, notDirect.reason());
        }
        assertEquals(List.of("{\"s\":0}", "{\"s\":1}"), landed("s"));
        try (DeliveryStreams streams = open(List.of())) {
            DeliveryStreamStatus s = streams.describe("s");
            assertEquals(State.FAILED, s.state());
            assertTrue(s.failure().contains("not available"), s::failure);
            assertEquals(State.ACTIVE, streams.describe("d").state(), "the other streams start all the same");
        }
        // With the factory back, the stream resumes after what it landed: nothing twice.
        try (DeliveryStreams streams = open(List.of(streamSources))) {
            assertEquals(State.ACTIVE, streams.describe("s").state());
            streams.runOnce("s");
            assertEquals(0, streams.describe("s").metrics().recordsIn(), "the source resumed after the landed records");
        }
        assertEquals(List.of("{\"s\":0}", "{\"s\":1}"), landed("s"));
    }

    @Test
    void badNamesSettingsAndDestinationsNameWhatIsWrong() throws IOException {
        try (DeliveryStreams streams = open(List.of())) {
            DeliveryStreamException key = assertThrows(
                    DeliveryStreamException.class,
                    () -> streams.create(
                            "a", dest("a"), SourceSpec.DIRECT_PUT, Map.of("silt.ingest.wire.port", "1"), true));
            assertTrue(key.getMessage().contains("silt.ingest.wire.port"), key::getMessage);
            DeliveryStreamException range = assertThrows(
                    DeliveryStreamException.class,
                    () -> streams.create(
                            "a",
                            dest("a"),
                            SourceSpec.DIRECT_PUT,
                            Map.of("silt.ingest.delivery.buffer.size.mb", "0"),
                            true));
            assertTrue(range.getMessage().contains("silt.ingest.delivery.buffer.size.mb"), range::getMessage);
            DeliveryStreamException name = assertThrows(
                    DeliveryStreamException.class,
                    () -> streams.create("no/slash", dest("a"), SourceSpec.DIRECT_PUT, PLAIN, true));
            assertTrue(name.getMessage().contains("no/slash"), name::getMessage);
            DeliveryStreamException uri = assertThrows(
                    DeliveryStreamException.class,
                    () -> streams.create("a", "just a path", SourceSpec.DIRECT_PUT, PLAIN, true));
            assertTrue(uri.getMessage().contains("just a path"), uri::getMessage);
            DeliveryStreamException fs = assertThrows(
                    DeliveryStreamException.class,
                    () -> streams.create("a", "nosuchfs://x/y", SourceSpec.DIRECT_PUT, PLAIN, true));
            assertTrue(fs.getMessage().contains("cannot start"), fs::getMessage);
            assertEquals(List.of(), streams.list());
            streams.create("a", dest("a"), SourceSpec.DIRECT_PUT, PLAIN, true);
            DeliveryStreamException twice = assertThrows(
                    DeliveryStreamException.class,
                    () -> streams.create("a", dest("a"), SourceSpec.DIRECT_PUT, PLAIN, true));
            assertEquals(Reason.IN_USE, twice.reason());
            assertEquals(
                    Reason.NOT_FOUND,
                    assertThrows(DeliveryStreamException.class, () -> streams.stop("zz"))
                            .reason());
        }
    }

    @Test
    void sourceSpecsParseAndPrintBack() {
        assertEquals(SourceSpec.DIRECT_PUT, SourceSpec.parse("direct-put"));
        assertEquals("stream:clicks", SourceSpec.parse(" stream:clicks ").toString());
        SourceSpec kafka = SourceSpec.parse("kafka:h1:9092,h2:9092/events");
        assertEquals("h1:9092,h2:9092", kafka.target());
        assertEquals("events", kafka.topic());
        assertEquals(kafka, SourceSpec.parse(kafka.toString()));
        for (String bad : List.of("", "stream:", "kafka:events", "kafka:h:1/", "s3://x")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SourceSpec.parse(bad));
            assertNotNull(e.getMessage());
        }
        assertNotEquals(DeliveryStreams.recordId(1, 5), DeliveryStreams.recordId(2, 5));
    }
}
