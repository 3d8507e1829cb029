package dev.silt.ingest.wire.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.silt.ingest.stream.model.AddTagsToStreamRequest;
import dev.silt.ingest.stream.model.CreateStreamRequest;
import dev.silt.ingest.stream.model.DecreaseStreamRetentionPeriodRequest;
import dev.silt.ingest.stream.model.DeleteStreamRequest;
import dev.silt.ingest.stream.model.DescribeStreamRequest;
import dev.silt.ingest.stream.model.DescribeStreamSummaryRequest;
import dev.silt.ingest.stream.model.GetRecordsRequest;
import dev.silt.ingest.stream.model.GetShardIteratorRequest;
import dev.silt.ingest.stream.model.IncreaseStreamRetentionPeriodRequest;
import dev.silt.ingest.stream.model.ListShardsRequest;
import dev.silt.ingest.stream.model.ListStreamsRequest;
import dev.silt.ingest.stream.model.ListTagsForStreamRequest;
import dev.silt.ingest.stream.model.MergeShardsRequest;
import dev.silt.ingest.stream.model.PutRecordRequest;
import dev.silt.ingest.stream.model.PutRecordsRequest;
import dev.silt.ingest.stream.model.RemoveTagsFromStreamRequest;
import dev.silt.ingest.stream.model.ScalingType;
import dev.silt.ingest.stream.model.ShardFilter;
import dev.silt.ingest.stream.model.ShardFilterType;
import dev.silt.ingest.stream.model.ShardIteratorType;
import dev.silt.ingest.stream.model.SplitShardRequest;
import dev.silt.ingest.stream.model.StreamMode;
import dev.silt.ingest.stream.model.StreamModeDetails;
import dev.silt.ingest.stream.model.UpdateShardCountRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

/**
 * Every operation's request, as the real SDK marshals it in CBOR and in JSON, decodes to the service's request
 * record with every member in place. The SDK's request is caught before it leaves the client, so no server runs.
 */
class StreamRequestsTest {
    private static final Instant AT = Instant.ofEpochMilli(1795383477809L);
    private static final byte[] DATA = {0, 1, (byte) 0xfe, (byte) 0xff, '{', '"'};

    /** What the SDK was about to send; thrown to stop the call there. */
    private static final class Sent extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String target;
        final String contentType;
        final transient byte[] body;

        Sent(String target, String contentType, byte[] body) {
            super("captured", null, false, false);
            this.target = target;
            this.contentType = contentType;
            this.body = body;
        }
    }

    private static final class Catcher implements ExecutionInterceptor {
        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            byte[] body = context.requestBody()
                    .map(b -> {
                        try (InputStream in = b.contentStreamProvider().newStream()) {
                            return in.readAllBytes();
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .orElse(new byte[0]);
            throw new Sent(
                    context.httpRequest().firstMatchingHeader("X-Amz-Target").orElse(""),
                    context.httpRequest().firstMatchingHeader("Content-Type").orElse(""),
                    body);
        }
    }

    private static KinesisClient cbor;
    private static KinesisClient json;

    @BeforeAll
    static void clients() {
        cbor = client(true);
        json = client(false);
    }

    @AfterAll
    static void close() {
        cbor.close();
        json.close();
    }

    private static KinesisClient client(boolean useCbor) {
        System.setProperty("aws.cborEnabled", Boolean.toString(useCbor));
        try {
            return KinesisClient.builder()
                    .endpointOverride(URI.create("http://127.0.0.1:9"))
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "s")))
                    .httpClientBuilder(UrlConnectionHttpClient.builder())
                    .overrideConfiguration(
                            o -> o.addExecutionInterceptor(new Catcher()).retryStrategy(b -> b.maxAttempts(1)))
                    .build();
        } finally {
            System.clearProperty("aws.cborEnabled");
        }
    }

    /** Runs one SDK call, catches what it would have sent, and decodes it as the server does. */
    private static Members sent(WireProtocol protocol, String operation, Consumer<KinesisClient> call) {
        KinesisClient client = protocol == WireProtocol.CBOR ? cbor : json;
        Sent sent = null;
        try {
            call.accept(client);
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof Sent s) {
                    sent = s;
                }
            }
            if (sent == null) {
                throw e;
            }
        }
        if (sent == null) {
            throw new AssertionError("the call was not caught");
        }
        assertEquals(KinesisWire.TARGET_PREFIX + operation, sent.target);
        assertEquals(protocol, WireProtocol.forContentType(sent.contentType), sent.contentType);
        try {
            return new Members(protocol.parse(sent.body), protocol);
        } catch (WireException e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest
    @EnumSource(WireProtocol.class)
    void streamAdministration(WireProtocol p) throws WireException {
        assertEquals(
                new CreateStreamRequest("s", 3, new StreamModeDetails(StreamMode.PROVISIONED), Map.of("team", "data")),
                StreamRequests.createStream(sent(
                        p,
                        "CreateStream",
                        c -> c.createStream(b -> b.streamName("s")
                                .shardCount(3)
                                .streamModeDetails(d -> d.streamMode("PROVISIONED"))
                                .tags(Map.of("team", "data"))))));
        assertEquals(
                new DeleteStreamRequest("s", null, true),
                StreamRequests.deleteStream(sent(
                        p,
                        "DeleteStream",
                        c -> c.deleteStream(b -> b.streamName("s").enforceConsumerDeletion(true)))));
        assertEquals(
                new ListStreamsRequest(7, "a", null),
                StreamRequests.listStreams(sent(
                        p, "ListStreams", c -> c.listStreams(b -> b.limit(7).exclusiveStartStreamName("a")))));
        assertEquals(
                new DescribeStreamRequest(null, "arn:aws:kinesis:us-east-1:000000000000:stream/s", 5, "shardId-1"),
                StreamRequests.describeStream(sent(
                        p,
                        "DescribeStream",
                        c -> c.describeStream(b -> b.streamARN("arn:aws:kinesis:us-east-1:000000000000:stream/s")
                                .limit(5)
                                .exclusiveStartShardId("shardId-1")))));
        assertEquals(
                new DescribeStreamSummaryRequest("s", null),
                StreamRequests.describeStreamSummary(
                        sent(p, "DescribeStreamSummary", c -> c.describeStreamSummary(b -> b.streamName("s")))));
        assertEquals(
                new IncreaseStreamRetentionPeriodRequest("s", null, 48),
                StreamRequests.increaseStreamRetentionPeriod(sent(
                        p,
                        "IncreaseStreamRetentionPeriod",
                        c -> c.increaseStreamRetentionPeriod(
                                b -> b.streamName("s").retentionPeriodHours(48)))));
        assertEquals(
                new DecreaseStreamRetentionPeriodRequest("s", null, 24),
                StreamRequests.decreaseStreamRetentionPeriod(sent(
                        p,
                        "DecreaseStreamRetentionPeriod",
                        c -> c.decreaseStreamRetentionPeriod(
                                b -> b.streamName("s").retentionPeriodHours(24)))));
        assertEquals(
                new AddTagsToStreamRequest("s", null, Map.of("a", "1", "b", "")),
                StreamRequests.addTagsToStream(sent(
                        p,
                        "AddTagsToStream",
                        c -> c.addTagsToStream(b -> b.streamName("s").tags(Map.of("a", "1", "b", ""))))));
        assertEquals(
                new ListTagsForStreamRequest("s", null, "a", 10),
                StreamRequests.listTagsForStream(sent(
                        p,
                        "ListTagsForStream",
                        c -> c.listTagsForStream(
                                b -> b.streamName("s").exclusiveStartTagKey("a").limit(10)))));
        assertEquals(
                new RemoveTagsFromStreamRequest("s", null, List.of("a", "b")),
                StreamRequests.removeTagsFromStream(sent(
                        p,
                        "RemoveTagsFromStream",
                        c -> c.removeTagsFromStream(b -> b.streamName("s").tagKeys("a", "b")))));
    }

    @ParameterizedTest
    @EnumSource(WireProtocol.class)
    void resharding(WireProtocol p) throws WireException {
        String big = "170141183460469231731687303715884105728";
        assertEquals(
                new SplitShardRequest("s", null, "shardId-000000000000", big),
                StreamRequests.splitShard(sent(
                        p,
                        "SplitShard",
                        c -> c.splitShard(b -> b.streamName("s")
                                .shardToSplit("shardId-000000000000")
                                .newStartingHashKey(big)))));
        assertEquals(
                new MergeShardsRequest("s", null, "shardId-000000000001", "shardId-000000000002"),
                StreamRequests.mergeShards(sent(
                        p,
                        "MergeShards",
                        c -> c.mergeShards(b -> b.streamName("s")
                                .shardToMerge("shardId-000000000001")
                                .adjacentShardToMerge("shardId-000000000002")))));
        assertEquals(
                new UpdateShardCountRequest("s", null, 4, ScalingType.UNIFORM_SCALING),
                StreamRequests.updateShardCount(sent(
                        p,
                        "UpdateShardCount",
                        c -> c.updateShardCount(
                                b -> b.streamName("s").targetShardCount(4).scalingType("UNIFORM_SCALING")))));
        assertEquals(
                new ListShardsRequest(
                        "s", null, null, "shardId-1", 50, AT, new ShardFilter(ShardFilterType.AT_TIMESTAMP, null, AT)),
                StreamRequests.listShards(sent(
                        p,
                        "ListShards",
                        c -> c.listShards(b -> b.streamName("s")
                                .exclusiveStartShardId("shardId-1")
                                .maxResults(50)
                                .streamCreationTimestamp(AT)
                                .shardFilter(f -> f.type("AT_TIMESTAMP").timestamp(AT))))));
        assertEquals(
                new ListShardsRequest(null, null, "token", null, null, null, null),
                StreamRequests.listShards(sent(p, "ListShards", c -> c.listShards(b -> b.nextToken("token")))));
    }

    @ParameterizedTest
    @EnumSource(WireProtocol.class)
    void recordsInAndOut(WireProtocol p) throws WireException {
        PutRecordRequest put = StreamRequests.putRecord(sent(
                p,
                "PutRecord",
                c -> c.putRecord(b -> b.streamName("s")
                        .partitionKey("user-1")
                        .explicitHashKey("42")
                        .sequenceNumberForOrdering("49680471538262483068583357904153388602916078630735970306")
                        .data(SdkBytes.fromByteArray(DATA)))));
        assertEquals("s", put.streamName());
        assertEquals("user-1", put.partitionKey());
        assertEquals("42", put.explicitHashKey());
        assertEquals("49680471538262483068583357904153388602916078630735970306", put.sequenceNumberForOrdering());
        assertArrayEquals(DATA, put.data());

        PutRecordsRequest batch = StreamRequests.putRecords(sent(
                p,
                "PutRecords",
                c -> c.putRecords(b -> b.streamName("s")
                        .records(
                                PutRecordsRequestEntry.builder()
                                        .partitionKey("a")
                                        .data(SdkBytes.fromByteArray(DATA))
                                        .build(),
                                PutRecordsRequestEntry.builder()
                                        .partitionKey("b")
                                        .explicitHashKey("7")
                                        .data(SdkBytes.fromByteArray(new byte[0]))
                                        .build()))));
        assertEquals(2, batch.records().size());
        assertArrayEquals(DATA, batch.records().get(0).data());
        assertNull(batch.records().get(0).explicitHashKey());
        assertEquals("7", batch.records().get(1).explicitHashKey());
        assertEquals(0, batch.records().get(1).data().length);

        assertEquals(
                new GetShardIteratorRequest(
                        "s", null, "shardId-000000000000", ShardIteratorType.AT_TIMESTAMP, null, AT),
                StreamRequests.getShardIterator(sent(
                        p,
                        "GetShardIterator",
                        c -> c.getShardIterator(b -> b.streamName("s")
                                .shardId("shardId-000000000000")
                                .shardIteratorType("AT_TIMESTAMP")
                                .timestamp(AT)))));
        assertEquals(
                new GetShardIteratorRequest("s", null, "shardId-1", ShardIteratorType.AFTER_SEQUENCE_NUMBER, "5", null),
                StreamRequests.getShardIterator(sent(
                        p,
                        "GetShardIterator",
                        c -> c.getShardIterator(b -> b.streamName("s")
                                .shardId("shardId-1")
                                .shardIteratorType("AFTER_SEQUENCE_NUMBER")
                                .startingSequenceNumber("5")))));
        assertEquals(
                new GetRecordsRequest("it", 25, null),
                StreamRequests.getRecords(sent(
                        p,
                        "GetRecords",
                        c -> c.getRecords(b -> b.shardIterator("it").limit(25)))));
    }

    @Test
    void capturedRequestsDecodeToTheServiceRecords() throws WireException {
        byte[] click = "{\"event\":\"click\",\"user\":42}".getBytes(StandardCharsets.UTF_8);
        PutRecordRequest cborPut = StreamRequests.putRecord(new Members(
                WireProtocol.CBOR.parse(Captures.http("PutRecord.req.cbor.http").body()), WireProtocol.CBOR));
        assertEquals("probe-cbor", cborPut.streamName());
        assertEquals("user-42", cborPut.partitionKey());
        assertArrayEquals(click, cborPut.data());
        PutRecordRequest jsonPut = StreamRequests.putRecord(new Members(
                WireProtocol.JSON.parse(Captures.http("PutRecord.json.req.http").body()), WireProtocol.JSON));
        assertEquals("probe-json2", jsonPut.streamName());
        assertArrayEquals(click, jsonPut.data());
        PutRecordRequest cliPut = StreamRequests.putRecord(new Members(
                WireProtocol.JSON.parse(
                        Captures.http("PutRecord.awscli-v2.req.http").body()),
                WireProtocol.JSON));
        assertEquals("cli-stream", cliPut.streamName());
        assertArrayEquals("hello raw".getBytes(StandardCharsets.UTF_8), cliPut.data());
        GetRecordsRequest cborGet = StreamRequests.getRecords(new Members(
                WireProtocol.CBOR.parse(
                        Captures.http("GetRecords.req.cbor.http").body()),
                WireProtocol.CBOR));
        assertEquals(10, cborGet.limit());
        assertTrue(cborGet.shardIterator().startsWith("AAAAAAAAAAF4vKFb"));
        GetRecordsRequest jsonGet = StreamRequests.getRecords(new Members(
                WireProtocol.JSON.parse(
                        Captures.http("GetRecords.json.req.http").body()),
                WireProtocol.JSON));
        assertEquals(10, jsonGet.limit());
        PutRecordsRequest batch = StreamRequests.putRecords(new Members(
                WireProtocol.JSON.parse(
                        Captures.http("PutRecords.json.req.http").body()),
                WireProtocol.JSON));
        assertEquals("wirebatch", batch.streamName());
        assertEquals(
                List.of("pk-0", "pk-1", "pk-2"),
                batch.records().stream().map(r -> r.partitionKey()).toList());
    }

    @Test
    void wireRequirementsAreTheServicesErrors() throws WireException {
        Members noRecords = new Members(
                WireProtocol.JSON.parse("{\"StreamName\":\"s\"}".getBytes(StandardCharsets.UTF_8)), WireProtocol.JSON);
        WireException e = assertThrows(WireException.class, () -> StreamRequests.putRecords(noRecords));
        assertEquals("ValidationException", e.errorType());
        assertTrue(e.getMessage().contains("'records'"), e.getMessage());
        Members badType = new Members(
                WireProtocol.JSON.parse(
                        "{\"ShardId\":\"x\",\"ShardIteratorType\":\"SIDEWAYS\"}".getBytes(StandardCharsets.UTF_8)),
                WireProtocol.JSON);
        WireException enumError = assertThrows(WireException.class, () -> StreamRequests.getShardIterator(badType));
        assertEquals("ValidationException", enumError.errorType());
        assertTrue(enumError.getMessage().contains("SIDEWAYS"), enumError.getMessage());
        assertTrue(enumError.getMessage().contains("TRIM_HORIZON"), enumError.getMessage());
    }
}
