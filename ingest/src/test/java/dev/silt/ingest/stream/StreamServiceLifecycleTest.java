package dev.silt.ingest.stream;

import static dev.silt.ingest.stream.StreamFixture.T0;
import static dev.silt.ingest.stream.StreamFixture.fails;
import static dev.silt.ingest.stream.StreamFixture.newStream;
import static dev.silt.ingest.stream.StreamFixture.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.silt.ingest.MutableClock;
import dev.silt.ingest.stream.model.AddTagsToStreamRequest;
import dev.silt.ingest.stream.model.CreateStreamRequest;
import dev.silt.ingest.stream.model.DecreaseStreamRetentionPeriodRequest;
import dev.silt.ingest.stream.model.DeleteStreamRequest;
import dev.silt.ingest.stream.model.DescribeStreamRequest;
import dev.silt.ingest.stream.model.DescribeStreamSummaryRequest;
import dev.silt.ingest.stream.model.EncryptionType;
import dev.silt.ingest.stream.model.IncreaseStreamRetentionPeriodRequest;
import dev.silt.ingest.stream.model.ListStreamsRequest;
import dev.silt.ingest.stream.model.ListStreamsResponse;
import dev.silt.ingest.stream.model.ListTagsForStreamRequest;
import dev.silt.ingest.stream.model.ListTagsForStreamResponse;
import dev.silt.ingest.stream.model.RemoveTagsFromStreamRequest;
import dev.silt.ingest.stream.model.Shard;
import dev.silt.ingest.stream.model.StreamDescription;
import dev.silt.ingest.stream.model.StreamDescriptionSummary;
import dev.silt.ingest.stream.model.StreamMode;
import dev.silt.ingest.stream.model.StreamModeDetails;
import dev.silt.ingest.stream.model.StreamStatus;
import dev.silt.ingest.stream.model.Tag;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamServiceLifecycleTest {
    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);

    private StreamService openWithDelays() throws IOException {
        return StreamService.open(
                dir,
                StreamFixture.fastOptions()
                        .withDelays(Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(4)),
                clock,
                null);
    }

    private static StreamDescription describe(StreamService svc, String name) {
        return svc.describeStream(new DescribeStreamRequest(name, null, null, null))
                .streamDescription();
    }

    @Test
    void createDescribesCreatingThenActiveAfterTheDelay() throws IOException {
        try (StreamService svc = openWithDelays()) {
            svc.createStream(new CreateStreamRequest("orders", 4, null, null));
            StreamDescription d = describe(svc, "orders");
            assertEquals(StreamStatus.CREATING, d.streamStatus());
            assertEquals(List.of(), d.shards(), "shards are shown once the stream is ACTIVE");
            fails(StreamErrorType.RESOURCE_NOT_FOUND, () -> put(svc, "orders", "k", "v"));

            clock.advance(2_000);
            d = describe(svc, "orders");
            assertEquals(StreamStatus.ACTIVE, d.streamStatus());
            assertEquals("arn:aws:kinesis:us-east-1:000000000000:stream/orders", d.streamARN());
            assertEquals(24, d.retentionPeriodHours());
            assertEquals(EncryptionType.NONE, d.encryptionType());
            assertEquals(Instant.ofEpochMilli(T0), d.streamCreationTimestamp());
            assertEquals(StreamMode.PROVISIONED, d.streamModeDetails().streamMode());
            assertFalse(d.hasMoreShards());
            assertEquals(4, d.shards().size());
            BigInteger expectedStart = BigInteger.ZERO;
            for (int i = 0; i < 4; i++) {
                Shard s = d.shards().get(i);
                assertEquals(String.format("shardId-%012d", i), s.shardId());
                assertNull(s.parentShardId());
                assertEquals(expectedStart, s.hashKeyRange().startingHashKey());
                expectedStart = s.hashKeyRange().endingHashKey().add(BigInteger.ONE);
                assertNull(s.sequenceNumberRange().endingSequenceNumber());
            }
            assertEquals(HashKeyRange.SPACE, expectedStart, "the shards cover the whole hash-key space");
        }
    }

    @Test
    void shardCountDefaultsToOneAndOnDemandStartsWithFour() throws IOException {
        try (StreamService svc = StreamFixture.open(dir, clock)) {
            svc.createStream(new CreateStreamRequest("one", null, null, null));
            assertEquals(1, describe(svc, "one").shards().size());
            svc.createStream(new CreateStreamRequest("od", null, new StreamModeDetails(StreamMode.ON_DEMAND), null));
            StreamDescriptionSummary summary = svc.describeStreamSummary(new DescribeStreamSummaryRequest("od", null))
                    .streamDescriptionSummary();
            assertEquals(4, summary.openShardCount());
            assertEquals(StreamMode.ON_DEMAND, summary.streamModeDetails().streamMode());
            assertEquals(0, summary.consumerCount());
        }
    }

    @Test
    void createRejectsBadNamesCountsDuplicatesAndTheShardLimit() throws IOException {
        try (StreamService svc =
                StreamService.open(dir, StreamFixture.fastOptions().withShardLimit(5), clock, null)) {
            StreamException e = fails(
                    StreamErrorType.VALIDATION,
                    () -> svc.createStream(new CreateStreamRequest("bad name", 1, null, null)));
            assertTrue(e.getMessage().contains("streamName"), e.getMessage());
            fails(StreamErrorType.VALIDATION, () -> svc.createStream(new CreateStreamRequest("", 1, null, null)));
            fails(
                    StreamErrorType.VALIDATION,
                    () -> svc.createStream(new CreateStreamRequest("x".repeat(129), 1, null, null)));
            fails(StreamErrorType.VALIDATION, () -> svc.createStream(new CreateStreamRequest(null, 1, null, null)));
            fails(StreamErrorType.VALIDATION, () -> svc.createStream(new CreateStreamRequest("s", 0, null, null)));

            newStream(svc, "s", 3);
            e = fails(StreamErrorType.RESOURCE_IN_USE, () -> newStream(svc, "s", 1));
            assertEquals("Stream s under account 000000000000 already exists.", e.getMessage());
            e = fails(StreamErrorType.LIMIT_EXCEEDED, () -> newStream(svc, "t", 3));
            assertTrue(
                    e.getMessage().contains("Current provisioned shard count for the account is 3. Limit: 5."),
                    e.getMessage());
            newStream(svc, "t", 2);
            assertEquals(
                    List.of("s", "t"),
                    svc.listStreams(new ListStreamsRequest(null, null, null)).streamNames());
        }
    }

    @Test
    void notFoundUsesTheServiceWordingAndArnsStandInForNames() throws IOException {
        try (StreamService svc = StreamFixture.open(dir, clock)) {
            StreamException e = fails(StreamErrorType.RESOURCE_NOT_FOUND, () -> describe(svc, "nope"));
            assertEquals("Stream nope under account 000000000000 not found.", e.getMessage());
            assertEquals("ResourceNotFoundException", e.wireName());

            newStream(svc, "s", 1);
            String arn = "arn:aws:kinesis:us-east-1:000000000000:stream/s";
            assertEquals(
                    "s",
                    svc.describeStream(new DescribeStreamRequest(null, arn, null, null))
                            .streamDescription()
                            .streamName());
            assertEquals(
                    "s",
                    svc.describeStream(new DescribeStreamRequest("s", arn, null, null))
                            .streamDescription()
                            .streamName());
            fails(
                    StreamErrorType.INVALID_ARGUMENT,
                    () -> svc.describeStream(new DescribeStreamRequest("t", arn, null, null)));
            fails(
                    StreamErrorType.VALIDATION,
                    () -> svc.describeStream(new DescribeStreamRequest(null, "arn:nope", null, null)));
            fails(
                    StreamErrorType.RESOURCE_NOT_FOUND,
                    () -> svc.describeStream(new DescribeStreamRequest(
                            null, "arn:aws:kinesis:eu-west-1:000000000000:stream/s", null, null)));
            fails(
                    StreamErrorType.INVALID_ARGUMENT,
                    () -> svc.describeStream(new DescribeStreamRequest(null, null, null, null)));
        }
    }

    @Test
    void deleteGoesThroughDeletingThenTheNameIsFree() throws IOException {
        try (StreamService svc = openWithDelays()) {
            svc.createStream(new CreateStreamRequest("s", 2, null, null));
            fails(StreamErrorType.RESOURCE_IN_USE, () -> svc.deleteStream(new DeleteStreamRequest("s", null, null)));
            clock.advance(2_000);
            put(svc, "s", "k", "v");
            svc.deleteStream(new DeleteStreamRequest("s", null, null));
            assertEquals(StreamStatus.DELETING, describe(svc, "s").streamStatus());
            fails(StreamErrorType.RESOURCE_NOT_FOUND, () -> put(svc, "s", "k", "v"));
            fails(StreamErrorType.RESOURCE_IN_USE, () -> newStream(svc, "s", 1));
            svc.deleteStream(new DeleteStreamRequest("s", null, null)); // harmless while DELETING

            clock.advance(4_000);
            svc.runMaintenance();
            fails(StreamErrorType.RESOURCE_NOT_FOUND, () -> describe(svc, "s"));
            assertEquals(
                    List.of(),
                    svc.listStreams(new ListStreamsRequest(null, null, null)).streamNames());
            assertFalse(Files.exists(dir.resolve("streams").resolve("s")), "the stream's files are gone");
            fails(StreamErrorType.RESOURCE_NOT_FOUND, () -> svc.deleteStream(new DeleteStreamRequest("s", null, null)));

            svc.createStream(new CreateStreamRequest("s", 1, null, null));
            clock.advance(2_000);
            assertEquals(1, describe(svc, "s").shards().size());
            assertEquals(
                    0, StreamFixture.readShard(svc, "s", "shardId-000000000000").size(), "no old data");
        }
    }

    @Test
    void listStreamsPagesWithLimitTokensAndExclusiveStart() throws IOException {
        try (StreamService svc = StreamFixture.open(dir, clock)) {
            for (String n : List.of("c", "a", "e", "b", "d")) {
                newStream(svc, n, 1);
            }
            ListStreamsResponse first = svc.listStreams(new ListStreamsRequest(2, null, null));
            assertEquals(List.of("a", "b"), first.streamNames());
            assertTrue(first.hasMoreStreams());
            assertEquals(2, first.streamSummaries().size());
            assertEquals(StreamStatus.ACTIVE, first.streamSummaries().get(0).streamStatus());
            ListStreamsResponse second = svc.listStreams(new ListStreamsRequest(2, null, first.nextToken()));
            assertEquals(List.of("c", "d"), second.streamNames());
            ListStreamsResponse third = svc.listStreams(new ListStreamsRequest(2, "d", null));
            assertEquals(List.of("e"), third.streamNames());
            assertFalse(third.hasMoreStreams());
            assertNull(third.nextToken());
            fails(StreamErrorType.VALIDATION, () -> svc.listStreams(new ListStreamsRequest(0, null, null)));
            fails(StreamErrorType.INVALID_ARGUMENT, () -> svc.listStreams(new ListStreamsRequest(null, null, "junk")));
        }
    }

    @Test
    void describeStreamPagesShards() throws IOException {
        try (StreamService svc = StreamFixture.open(dir, clock)) {
            newStream(svc, "s", 5);
            StreamDescription page = svc.describeStream(new DescribeStreamRequest("s", null, 2, null))
                    .streamDescription();
            assertEquals(2, page.shards().size());
            assertTrue(page.hasMoreShards());
            page = svc.describeStream(new DescribeStreamRequest("s", null, 10, "shardId-000000000001"))
                    .streamDescription();
            assertEquals(3, page.shards().size());
            assertEquals("shardId-000000000002", page.shards().get(0).shardId());
            assertFalse(page.hasMoreShards());
            fails(StreamErrorType.VALIDATION, () -> svc.describeStream(new DescribeStreamRequest("s", null, 0, null)));
            fails(
                    StreamErrorType.VALIDATION,
                    () -> svc.describeStream(new DescribeStreamRequest("s", null, 10_001, null)));
        }
    }

    @Test
    void retentionMovesOnlyInTheNamedDirectionWithinItsRange() throws IOException {
        try (StreamService svc = StreamFixture.open(dir, clock)) {
            newStream(svc, "s", 1);
            svc.increaseStreamRetentionPeriod(new IncreaseStreamRetentionPeriodRequest("s", null, 48));
            assertEquals(48, describe(svc, "s").retentionPeriodHours());
            StreamException e = fails(
                    StreamErrorType.INVALID_ARGUMENT,
                    () -> svc.increaseStreamRetentionPeriod(new IncreaseStreamRetentionPeriodRequest("s", null, 30)));
            assertTrue(e.getMessage().contains("can not be shorter"), e.getMessage());
            e = fails(
                    StreamErrorType.INVALID_ARGUMENT,
                    () -> svc.decreaseStreamRetentionPeriod(new DecreaseStreamRetentionPeriodRequest("s", null, 72)));
            assertTrue(e.getMessage().contains("can not be longer"), e.getMessage());
            fails(
                    StreamErrorType.INVALID_ARGUMENT,
                    () -> svc.decreaseStreamRetentionPeriod(new DecreaseStreamRetentionPeriodRequest("s", null, 23)));
            fails(
                    StreamErrorType.INVALID_ARGUMENT,
                    () -> svc.increaseStreamRetentionPeriod(new IncreaseStreamRetentionPeriodRequest("s", null, 8761)));
            fails(
                    StreamErrorType.VALIDATION,
                    () -> svc.increaseStreamRetentionPeriod(new IncreaseStreamRetentionPeriodRequest("s", null, null)));
            assertEquals(48, describe(svc, "s").retentionPeriodHours(), "failed changes change nothing");
            svc.decreaseStreamRetentionPeriod(new DecreaseStreamRetentionPeriodRequest("s", null, 24));
            svc.increaseStreamRetentionPeriod(new IncreaseStreamRetentionPeriodRequest("s", null, 8760));
            assertEquals(8760, describe(svc, "s").retentionPeriodHours());
        }
    }

    @Test
    void tagsAreAddedListedPagedAndRemoved() throws IOException {
        try (StreamService svc = StreamFixture.open(dir, clock)) {
            svc.createStream(new CreateStreamRequest("s", 1, null, Map.of("team", "data")));
            Map<String, String> more = new LinkedHashMap<>();
            more.put("env", "prod");
            more.put("cost", "");
            svc.addTagsToStream(new AddTagsToStreamRequest("s", null, more));
            svc.addTagsToStream(new AddTagsToStreamRequest("s", null, Map.of("env", "dev")));
            ListTagsForStreamResponse all = svc.listTagsForStream(new ListTagsForStreamRequest("s", null, null, null));
            assertEquals(List.of(new Tag("cost", ""), new Tag("env", "dev"), new Tag("team", "data")), all.tags());
            assertFalse(all.hasMoreTags());
            ListTagsForStreamResponse page = svc.listTagsForStream(new ListTagsForStreamRequest("s", null, "cost", 1));
            assertEquals(List.of(new Tag("env", "dev")), page.tags());
            assertTrue(page.hasMoreTags());

            svc.removeTagsFromStream(new RemoveTagsFromStreamRequest("s", null, List.of("env", "absent")));
            assertEquals(
                    List.of(new Tag("cost", ""), new Tag("team", "data")),
                    svc.listTagsForStream(new ListTagsForStreamRequest("s", null, null, null))
                            .tags());

            fails(
                    StreamErrorType.INVALID_ARGUMENT,
                    () -> svc.addTagsToStream(new AddTagsToStreamRequest("s", null, Map.of("aws:reserved", "x"))));
            fails(
                    StreamErrorType.VALIDATION,
                    () -> svc.addTagsToStream(new AddTagsToStreamRequest("s", null, Map.of())));
            Map<String, String> eleven = new LinkedHashMap<>();
            for (int i = 0; i < 11; i++) {
                eleven.put("k" + i, "v");
            }
            fails(StreamErrorType.VALIDATION, () -> svc.addTagsToStream(new AddTagsToStreamRequest("s", null, eleven)));
            for (int batch = 0; batch < 4; batch++) {
                Map<String, String> ten = new LinkedHashMap<>();
                for (int i = 0; i < 10; i++) {
                    ten.put("b" + batch + "-" + i, "v");
                }
                svc.addTagsToStream(new AddTagsToStreamRequest("s", null, ten));
            }
            Map<String, String> overflow = new LinkedHashMap<>();
            for (int i = 0; i < 9; i++) {
                overflow.put("o" + i, "v");
            }
            fails(
                    StreamErrorType.LIMIT_EXCEEDED,
                    () -> svc.addTagsToStream(new AddTagsToStreamRequest("s", null, overflow)));
            assertEquals(
                    42,
                    svc.listTagsForStream(new ListTagsForStreamRequest("s", null, null, null))
                            .tags()
                            .size());
            fails(
                    StreamErrorType.VALIDATION,
                    () -> svc.listTagsForStream(new ListTagsForStreamRequest("s", null, null, 51)));
        }
    }

    @Test
    void callsAfterCloseFailAsAServerError() throws IOException {
        StreamService svc = StreamFixture.open(dir, clock);
        newStream(svc, "s", 1);
        svc.close();
        svc.close();
        fails(StreamErrorType.INTERNAL_FAILURE, () -> put(svc, "s", "k", "v"));
    }

    @Test
    void aSecondServiceOnTheSameDirectoryIsRefused() throws IOException {
        try (StreamService svc = StreamFixture.open(dir, clock)) {
            newStream(svc, "s", 1);
            IOException e = assertThrows(IOException.class, () -> StreamFixture.open(dir, clock));
            assertTrue(e.getMessage().contains("in use by another service"), e.getMessage());
            put(svc, "s", "k", "still works");
        }
        try (StreamService svc = StreamFixture.open(dir, clock)) {
            assertEquals(
                    1, StreamFixture.readShard(svc, "s", "shardId-000000000000").size());
        }
    }

    @Test
    void metadataSurvivesReopen() throws IOException {
        try (StreamService svc = StreamFixture.open(dir, clock)) {
            svc.createStream(new CreateStreamRequest("s", 3, null, Map.of("team", "data")));
            svc.increaseStreamRetentionPeriod(new IncreaseStreamRetentionPeriodRequest("s", null, 100));
        }
        assertTrue(Files.isRegularFile(dir.resolve("streams/s/stream.json")));
        try (StreamService svc = StreamFixture.open(dir, clock)) {
            StreamDescription d = describe(svc, "s");
            assertEquals(3, d.shards().size());
            assertEquals(100, d.retentionPeriodHours());
            assertEquals(Instant.ofEpochMilli(T0), d.streamCreationTimestamp());
            assertEquals(
                    List.of(new Tag("team", "data")),
                    svc.listTagsForStream(new ListTagsForStreamRequest("s", null, null, null))
                            .tags());
        }
    }

    @Test
    void streamNamesStartingWithADotGetTheirOwnDirectory() throws IOException {
        try (StreamService svc = StreamFixture.open(dir, clock)) {
            newStream(svc, "..", 1);
            newStream(svc, ".", 1);
            put(svc, "..", "k", "v");
            assertEquals(
                    List.of(".", ".."),
                    svc.listStreams(new ListStreamsRequest(null, null, null)).streamNames());
        }
        try (StreamService svc = StreamFixture.open(dir, clock)) {
            assertEquals(
                    1,
                    StreamFixture.readShard(svc, "..", "shardId-000000000000").size());
        }
    }
}
