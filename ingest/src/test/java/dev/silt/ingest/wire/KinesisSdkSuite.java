package dev.silt.ingest.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.silt.ingest.MutableClock;
import dev.silt.ingest.stream.ShardLogOptions;
import dev.silt.ingest.stream.StreamService;
import dev.silt.ingest.stream.StreamServiceOptions;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamDescription;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * The real AWS SDK for Java v2 against a {@link KinesisServer} over an in-process {@link StreamService} with an
 * injected clock. Subclasses pick the protocol (CBOR, the SDK's default, or JSON) by setting {@code
 * aws.cborEnabled} before the client is built, and every test checks which content type actually went both ways.
 */
abstract class KinesisSdkSuite {
    static final long START = Instant.parse("2026-11-23T06:00:00Z").toEpochMilli();
    static final int SHARD_LIMIT = 50;

    static MutableClock clock;
    static Path dataDir;
    static StreamService service;
    static KinesisServer server;
    static KinesisClient kinesis;
    static SdkClients.ContentTypes contentTypes;
    static String expectedContentType;
    static boolean useCbor;

    static StreamServiceOptions serviceOptions(boolean limits) {
        return StreamServiceOptions.defaults()
                .withoutDelays()
                .withShardLimit(SHARD_LIMIT)
                .withThroughputLimits(limits)
                .withShardLogOptions(ShardLogOptions.defaults().withSegmentBytes(4096));
    }

    static void start(boolean cbor) throws IOException {
        clock = new MutableClock(START);
        dataDir = Files.createTempDirectory("silt-kinesis-sdk");
        service = StreamService.open(dataDir, serviceOptions(false), clock, null);
        server = KinesisServer.over(service, Map.of("silt.ingest.wire.port", "0"), clock)
                .start();
        expectedContentType = cbor ? "application/x-amz-cbor-1.1" : "application/x-amz-json-1.1";
        contentTypes = new SdkClients.ContentTypes();
        useCbor = cbor;
        kinesis = newClient(server.endpoint());
    }

    /**
     * The SDK reads {@code aws.cborEnabled} when a client is built (a client built after the property is cleared
     * sends CBOR again, which the content-type check after each test would catch), so it is set only around
     * building.
     */
    static KinesisClient newClient(java.net.URI endpoint) {
        System.setProperty("aws.cborEnabled", Boolean.toString(useCbor));
        try {
            return SdkClients.client(endpoint, "AKIDSILT", "secret", contentTypes);
        } finally {
            System.clearProperty("aws.cborEnabled");
        }
    }

    @AfterAll
    static void stop() throws IOException {
        if (kinesis != null) {
            kinesis.close();
        }
        if (server != null) {
            server.close();
        }
        if (service != null) {
            service.close();
        }
        deleteTree(dataDir);
    }

    static void deleteTree(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    @AfterEach
    void everyExchangeUsedTheChosenProtocol() {
        assertFalse(contentTypes.requests.isEmpty());
        for (String type : contentTypes.requests) {
            assertEquals(expectedContentType, type, "request content type");
        }
        for (String type : contentTypes.responses) {
            assertEquals(expectedContentType, type, "response content type: the server answers in kind");
        }
    }

    static SdkBytes bytes(String s) {
        return SdkBytes.fromString(s, StandardCharsets.UTF_8);
    }

    static String text(Record r) {
        return r.data().asUtf8String();
    }

    static void create(String name, int shards) {
        kinesis.createStream(b -> b.streamName(name).shardCount(shards));
        service.runMaintenance();
        assertEquals(
                StreamStatus.ACTIVE,
                kinesis.describeStreamSummary(b -> b.streamName(name))
                        .streamDescriptionSummary()
                        .streamStatus());
    }

    static String iterator(String stream, String shardId, ShardIteratorType type, String sequence, Instant at) {
        return kinesis.getShardIterator(b -> b.streamName(stream)
                        .shardId(shardId)
                        .shardIteratorType(type)
                        .startingSequenceNumber(sequence)
                        .timestamp(at))
                .shardIterator();
    }

    static List<Record> readAll(String iterator) {
        List<Record> out = new ArrayList<>();
        String it = iterator;
        while (it != null) {
            String current = it;
            GetRecordsResponse r = kinesis.getRecords(b -> b.shardIterator(current));
            out.addAll(r.records());
            if (r.records().isEmpty() && r.millisBehindLatest() == 0) {
                break;
            }
            it = r.nextShardIterator();
        }
        return out;
    }

    @Test
    void streamLifecycleAndMetadata() {
        Instant created = clock.instant();
        create("life", 2);
        StreamDescription d = kinesis.describeStream(b -> b.streamName("life")).streamDescription();
        assertEquals("life", d.streamName());
        assertTrue(d.streamARN().endsWith(":stream/life"), d.streamARN());
        assertEquals(2, d.shards().size());
        assertEquals(created, d.streamCreationTimestamp());
        assertEquals(24, d.retentionPeriodHours());
        assertEquals(
                BigInteger.ZERO, new BigInteger(d.shards().get(0).hashKeyRange().startingHashKey()));
        assertEquals(
                BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE),
                new BigInteger(d.shards().get(1).hashKeyRange().endingHashKey()));
        assertNotNull(d.shards().get(0).sequenceNumberRange().startingSequenceNumber());
        assertNull(d.shards().get(0).sequenceNumberRange().endingSequenceNumber());

        var summary = kinesis.describeStreamSummary(b -> b.streamName("life")).streamDescriptionSummary();
        assertEquals(2, summary.openShardCount());
        assertEquals(created, summary.streamCreationTimestamp());
        assertTrue(kinesis.listStreams(b -> {}).streamNames().contains("life"));
        var listed = kinesis.listStreams(b -> {}).streamSummaries().stream()
                .filter(s -> s.streamName().equals("life"))
                .findFirst()
                .orElseThrow();
        assertEquals(created, listed.streamCreationTimestamp());
        assertEquals(2, kinesis.listShards(b -> b.streamName("life")).shards().size());
        assertEquals(
                1,
                kinesis.listShards(b -> b.streamName("life").maxResults(1))
                        .shards()
                        .size());

        kinesis.addTagsToStream(b -> b.streamName("life").tags(Map.of("team", "data", "tier", "gold")));
        assertEquals(
                2, kinesis.listTagsForStream(b -> b.streamName("life")).tags().size());
        kinesis.removeTagsFromStream(b -> b.streamName("life").tagKeys("tier"));
        var tags = kinesis.listTagsForStream(b -> b.streamName("life")).tags();
        assertEquals(1, tags.size());
        assertEquals("team", tags.get(0).key());
        assertEquals("data", tags.get(0).value());

        kinesis.increaseStreamRetentionPeriod(b -> b.streamName("life").retentionPeriodHours(48));
        assertEquals(
                48,
                kinesis.describeStreamSummary(b -> b.streamName("life"))
                        .streamDescriptionSummary()
                        .retentionPeriodHours());
        kinesis.decreaseStreamRetentionPeriod(b -> b.streamName("life").retentionPeriodHours(24));

        kinesis.deleteStream(b -> b.streamName("life"));
        service.runMaintenance();
        assertFalse(kinesis.listStreams(b -> {}).streamNames().contains("life"));
        assertError("ResourceNotFoundException", () -> kinesis.describeStream(b -> b.streamName("life")));
    }

    @Test
    void putAndReadWithEveryIteratorType() {
        create("iter", 1);
        String shard = "shardId-000000000000";
        Instant t0 = clock.instant();
        PutRecordResponse first = kinesis.putRecord(
                b -> b.streamName("iter").partitionKey("user-1").data(bytes("r1")));
        assertEquals(shard, first.shardId());
        clock.advance(1000);
        Instant t1 = clock.instant();
        PutRecordsResponse batch = kinesis.putRecords(b -> b.streamName("iter")
                .records(
                        PutRecordsRequestEntry.builder()
                                .partitionKey("user-2")
                                .data(bytes("r2"))
                                .build(),
                        PutRecordsRequestEntry.builder()
                                .partitionKey("user-3")
                                .data(SdkBytes.fromByteArray(new byte[] {0, (byte) 0xff, 10, 13}))
                                .build()));
        assertEquals(0, batch.failedRecordCount());
        assertEquals(2, batch.records().size());
        clock.advance(1000);
        Instant t2 = clock.instant();
        kinesis.putRecord(b -> b.streamName("iter").partitionKey("user-4").data(bytes("r4")));

        List<Record> all = readAll(iterator("iter", shard, ShardIteratorType.TRIM_HORIZON, null, null));
        assertEquals(4, all.size());
        assertEquals("r1", text(all.get(0)));
        assertEquals(first.sequenceNumber(), all.get(0).sequenceNumber());
        assertEquals("user-1", all.get(0).partitionKey());
        assertEquals(t0, all.get(0).approximateArrivalTimestamp());
        assertEquals(t1, all.get(1).approximateArrivalTimestamp());
        assertArrayEquals(new byte[] {0, (byte) 0xff, 10, 13}, all.get(2).data().asByteArray());
        assertEquals(t2, all.get(3).approximateArrivalTimestamp());
        assertEquals(batch.records().get(1).sequenceNumber(), all.get(2).sequenceNumber());

        String r2 = all.get(1).sequenceNumber();
        List<Record> atR2 = readAll(iterator("iter", shard, ShardIteratorType.AT_SEQUENCE_NUMBER, r2, null));
        assertEquals(3, atR2.size());
        assertEquals("r2", text(atR2.get(0)));
        assertEquals("r4", text(atR2.get(2)));
        List<Record> after = readAll(iterator("iter", shard, ShardIteratorType.AFTER_SEQUENCE_NUMBER, r2, null));
        assertEquals(2, after.size());
        assertEquals("r4", text(after.get(1)));
        List<Record> fromT1 = readAll(iterator("iter", shard, ShardIteratorType.AT_TIMESTAMP, null, t1));
        assertEquals(3, fromT1.size());
        assertEquals("r2", text(fromT1.get(0)));

        String latest = iterator("iter", shard, ShardIteratorType.LATEST, null, null);
        GetRecordsResponse none = kinesis.getRecords(b -> b.shardIterator(latest));
        assertTrue(none.records().isEmpty());
        kinesis.putRecord(b -> b.streamName("iter").partitionKey("user-5").data(bytes("r5")));
        GetRecordsResponse five = kinesis.getRecords(b -> b.shardIterator(none.nextShardIterator()));
        assertEquals(1, five.records().size());
        assertEquals("r5", text(five.records().get(0)));

        GetRecordsResponse limited = kinesis.getRecords(
                b -> b.shardIterator(iterator("iter", shard, ShardIteratorType.TRIM_HORIZON, null, null))
                        .limit(2));
        assertEquals(2, limited.records().size());
        GetRecordsResponse rest = kinesis.getRecords(b -> b.shardIterator(limited.nextShardIterator()));
        assertEquals("r2", text(limited.records().get(1)));
        assertEquals(3, rest.records().size());
    }

    @Test
    void explicitHashKeysPickTheShard() {
        create("hash", 2);
        String low = kinesis.putRecord(b -> b.streamName("hash")
                        .partitionKey("a")
                        .explicitHashKey("0")
                        .data(bytes("x")))
                .shardId();
        String high = kinesis.putRecord(b -> b.streamName("hash")
                        .partitionKey("a")
                        .explicitHashKey(BigInteger.ONE
                                .shiftLeft(128)
                                .subtract(BigInteger.ONE)
                                .toString())
                        .data(bytes("y")))
                .shardId();
        assertEquals("shardId-000000000000", low);
        assertEquals("shardId-000000000001", high);
    }

    @Test
    void reshardingKeepsEveryRecordOnceAndInOrderPerKeyForALineageReader() {
        create("reshard", 2);
        Map<String, Integer> written = new LinkedHashMap<>();
        putRound("reshard", written);
        List<Shard> open = openShards("reshard");
        Shard first = open.get(0);
        BigInteger start = new BigInteger(first.hashKeyRange().startingHashKey());
        BigInteger end = new BigInteger(first.hashKeyRange().endingHashKey());
        String middle = start.add(end).shiftRight(1).toString();
        kinesis.splitShard(
                b -> b.streamName("reshard").shardToSplit(first.shardId()).newStartingHashKey(middle));
        service.runMaintenance();
        putRound("reshard", written);
        open = openShards("reshard");
        assertEquals(3, open.size());
        String a = open.get(0).shardId();
        String b2 = open.get(1).shardId();
        kinesis.mergeShards(b -> b.streamName("reshard").shardToMerge(a).adjacentShardToMerge(b2));
        service.runMaintenance();
        putRound("reshard", written);
        assertEquals(2, openShards("reshard").size());
        var update = kinesis.updateShardCount(
                b -> b.streamName("reshard").targetShardCount(4).scalingType("UNIFORM_SCALING"));
        assertEquals(4, update.targetShardCount());
        service.runMaintenance();
        putRound("reshard", written);
        assertEquals(4, openShards("reshard").size());

        Map<String, List<Integer>> seen = LineageReader.read(kinesis, "reshard");
        assertEquals(written.keySet(), seen.keySet());
        for (Map.Entry<String, Integer> e : written.entrySet()) {
            List<Integer> got = seen.get(e.getKey());
            assertEquals(e.getValue(), got.size(), "records of " + e.getKey());
            for (int i = 0; i < got.size(); i++) {
                assertEquals(i, got.get(i), "order of " + e.getKey());
            }
        }
    }

    private static void putRound(String stream, Map<String, Integer> written) {
        List<PutRecordsRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String key = "key-" + (i % 20);
            int n = written.merge(key, 1, Integer::sum) - 1;
            entries.add(PutRecordsRequestEntry.builder()
                    .partitionKey(key)
                    .data(bytes(key + ":" + n))
                    .build());
        }
        PutRecordsResponse r = kinesis.putRecords(b -> b.streamName(stream).records(entries));
        assertEquals(0, r.failedRecordCount());
    }

    private static List<Shard> openShards(String stream) {
        List<Shard> open = new ArrayList<>();
        for (Shard s : kinesis.listShards(b -> b.streamName(stream)).shards()) {
            if (s.sequenceNumberRange().endingSequenceNumber() == null) {
                open.add(s);
            }
        }
        open.sort(Comparator.comparing(s -> new BigInteger(s.hashKeyRange().startingHashKey())));
        return open;
    }

    @Test
    void retentionTrimsByTheInjectedClock() {
        create("retained", 1);
        String shard = "shardId-000000000000";
        kinesis.putRecord(b -> b.streamName("retained").partitionKey("k").data(bytes("old")));
        clock.advance(25L * 3600 * 1000);
        service.runMaintenance();
        kinesis.putRecord(b -> b.streamName("retained").partitionKey("k").data(bytes("new")));
        List<Record> left = readAll(iterator("retained", shard, ShardIteratorType.TRIM_HORIZON, null, null));
        assertEquals(1, left.size());
        assertEquals("new", text(left.get(0)));
    }

    @Test
    void iteratorsExpireAfterFiveMinutes() {
        create("expiry", 1);
        kinesis.putRecord(b -> b.streamName("expiry").partitionKey("k").data(bytes("v")));
        String it = iterator("expiry", "shardId-000000000000", ShardIteratorType.TRIM_HORIZON, null, null);
        clock.advance(299_000);
        GetRecordsResponse fresh = kinesis.getRecords(b -> b.shardIterator(it));
        assertEquals(1, fresh.records().size());
        clock.advance(2_000);
        KinesisException e =
                assertError("ExpiredIteratorException", () -> kinesis.getRecords(b -> b.shardIterator(it)));
        assertTrue(e.awsErrorDetails().errorMessage().length() > 0);
        // The iterator handed out 2 s ago is still good.
        assertEquals(
                0,
                kinesis.getRecords(b -> b.shardIterator(fresh.nextShardIterator()))
                        .records()
                        .size());
    }

    @Test
    void everyServiceErrorReachesTheSdkByName() {
        create("errors", 1);
        KinesisException notFound =
                assertError("ResourceNotFoundException", () -> kinesis.describeStream(b -> b.streamName("nope")));
        assertTrue(notFound.awsErrorDetails().errorMessage().contains("nope"));
        assertError(
                "ResourceInUseException",
                () -> kinesis.createStream(b -> b.streamName("errors").shardCount(1)));
        kinesis.increaseStreamRetentionPeriod(b -> b.streamName("errors").retentionPeriodHours(48));
        assertError(
                "InvalidArgumentException",
                () -> kinesis.decreaseStreamRetentionPeriod(
                        b -> b.streamName("errors").retentionPeriodHours(72)));
        assertError(
                "InvalidArgumentException",
                () -> kinesis.getRecords(b -> b.shardIterator("AAAAAAAAAAFnotARealIteratorAtAll")));
        assertError(
                "ValidationException",
                () -> kinesis.putRecord(b ->
                        b.streamName("errors").partitionKey("k".repeat(257)).data(bytes("v"))));
        assertError(
                "LimitExceededException",
                () -> kinesis.createStream(b -> b.streamName("too-big").shardCount(SHARD_LIMIT + 1)));
        assertError(
                "ValidationException",
                () -> kinesis.getShardIterator(b ->
                        b.streamName("errors").shardId("shardId-000000000000").shardIteratorType("SOMEWHERE")));
    }

    @Test
    void throughputLimitsAreProvisionedThroughputExceeded() throws IOException {
        Path dir = Files.createTempDirectory("silt-kinesis-limits");
        try (StreamService limited = StreamService.open(dir, serviceOptions(true), clock, null);
                KinesisServer limitedServer = KinesisServer.over(limited, Map.of("silt.ingest.wire.port", "0"), clock)
                        .start();
                KinesisClient client = newClient(limitedServer.endpoint())) {
            client.createStream(b -> b.streamName("narrow").shardCount(1));
            limited.runMaintenance();
            List<PutRecordsRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                entries.add(PutRecordsRequestEntry.builder()
                        .partitionKey("k")
                        .data(bytes("v" + i))
                        .build());
            }
            int failed = 0;
            for (int round = 0; round < 3; round++) {
                PutRecordsResponse r =
                        client.putRecords(b -> b.streamName("narrow").records(entries));
                failed += r.failedRecordCount();
                r.records().stream()
                        .filter(e -> e.errorCode() != null)
                        .forEach(e -> assertEquals("ProvisionedThroughputExceededException", e.errorCode()));
            }
            assertTrue(failed >= 500, "1,500 records in one (frozen) second exceed 1,000 records/s: " + failed);
            assertError(
                    "ProvisionedThroughputExceededException",
                    () -> client.putRecord(
                            b -> b.streamName("narrow").partitionKey("k").data(bytes("more"))));
            String it = client.getShardIterator(b -> b.streamName("narrow")
                            .shardId("shardId-000000000000")
                            .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                    .shardIterator();
            KinesisException reads = assertThrows(KinesisException.class, () -> {
                for (int i = 0; i < 10; i++) {
                    client.getRecords(b -> b.shardIterator(it).limit(1));
                }
            });
            assertEquals(
                    "ProvisionedThroughputExceededException",
                    reads.awsErrorDetails().errorCode());
        } finally {
            deleteTree(dir);
        }
    }

    @Test
    void malformedRawRequestsGetTheirErrorsAndLeaveStoredRecordsAlone() throws IOException {
        create("raw", 1);
        for (int i = 0; i < 3; i++) {
            String v = "kept-" + i;
            kinesis.putRecord(b -> b.streamName("raw").partitionKey("k").data(bytes(v)));
        }
        String json = "application/x-amz-json-1.1";
        String cbor = "application/x-amz-cbor-1.1";
        String put = "Kinesis_20131202.PutRecord";
        com.fasterxml.jackson.databind.ObjectMapper cborMapper = new com.fasterxml.jackson.databind.ObjectMapper(
                new com.fasterxml.jackson.dataformat.cbor.CBORFactory());
        byte[] goodCbor = cborMapper.writeValueAsBytes(
                Map.of("StreamName", "raw", "PartitionKey", "k", "Data", "never".getBytes(StandardCharsets.UTF_8)));
        try (RawHttp http = new RawHttp(server.address())) {
            rawError(
                    http.post(put, json, utf8("{\"StreamName\":\"raw\",\"PartitionKey\":\"k\",\"Data\":")),
                    400,
                    "SerializationException");
            rawError(http.post(put, cbor, new byte[] {(byte) 0xff, (byte) 0xfe, 0x13}), 400, "SerializationException");
            rawError(
                    http.post(put, cbor, java.util.Arrays.copyOf(goodCbor, goodCbor.length - 4)),
                    400,
                    "SerializationException");
            rawError(
                    http.post(put, json, utf8("{\"StreamName\":\"raw\",\"PartitionKey\":\"k\",\"Data\":\"@@@\"}")),
                    400,
                    "SerializationException");
            rawError(
                    http.post(put, json, utf8("{\"StreamName\":\"raw\",\"PartitionKey\":\"k\"}")),
                    400,
                    "ValidationException");
            rawError(http.post("Kinesis_20131202.PutRecordz", json, utf8("{}")), 400, "UnknownOperationException");
            rawError(http.post(null, json, utf8("{}")), 400, "UnknownOperationException");
            rawError(http.post(put, "application/xml", utf8("<PutRecord/>")), 400, "SerializationException");
        }
        try (RawHttp http = new RawHttp(server.address())) {
            byte[] huge = new byte[server.maxRequestBytes() + 1];
            java.util.Arrays.fill(huge, (byte) 'x');
            rawError(http.post(put, json, huge), 413, "ValidationException");
            // The rest of the body was dropped and the connection goes on.
            assertEquals(
                    200,
                    http.post("Kinesis_20131202.DescribeStreamSummary", json, utf8("{\"StreamName\":\"raw\"}"))
                            .status());
        }
        try (RawHttp http = new RawHttp(server.address())) {
            http.sendRaw(new byte[] {0x16, 0x03, 0x01, 0x00, (byte) 0xa5, 0x01, '\r', '\n', '\r', '\n'});
            assertEquals(400, http.read().status());
            assertTrue(http.closedByServer());
        }
        List<Record> stored =
                readAll(iterator("raw", "shardId-000000000000", ShardIteratorType.TRIM_HORIZON, null, null));
        assertEquals(
                List.of("kept-0", "kept-1", "kept-2"),
                stored.stream().map(KinesisSdkSuite::text).toList());
        kinesis.putRecord(b -> b.streamName("raw").partitionKey("k").data(bytes("after")));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void rawError(RawHttp.Response r, int status, String type) {
        assertEquals(status, r.status(), r.text());
        assertTrue(
                new String(r.body(), StandardCharsets.ISO_8859_1).contains(type),
                type + " in " + new String(r.body(), StandardCharsets.ISO_8859_1));
    }

    static KinesisException assertError(String errorCode, org.junit.jupiter.api.function.Executable call) {
        KinesisException e = assertThrows(KinesisException.class, call);
        assertEquals(errorCode, e.awsErrorDetails().errorCode(), e.getMessage());
        assertEquals(400, e.statusCode());
        return e;
    }
}
