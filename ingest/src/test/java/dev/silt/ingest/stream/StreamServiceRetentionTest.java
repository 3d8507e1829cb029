package dev.silt.ingest.stream;

import static dev.silt.ingest.stream.StreamFixture.T0;
import static dev.silt.ingest.stream.StreamFixture.fails;
import static dev.silt.ingest.stream.StreamFixture.iterator;
import static dev.silt.ingest.stream.StreamFixture.newStream;
import static dev.silt.ingest.stream.StreamFixture.readShard;
import static dev.silt.ingest.stream.StreamFixture.records;
import static dev.silt.ingest.stream.StreamFixture.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.silt.ingest.MutableClock;
import dev.silt.ingest.stream.model.DecreaseStreamRetentionPeriodRequest;
import dev.silt.ingest.stream.model.DeleteStreamRequest;
import dev.silt.ingest.stream.model.DescribeStreamRequest;
import dev.silt.ingest.stream.model.IncreaseStreamRetentionPeriodRequest;
import dev.silt.ingest.stream.model.ListStreamsRequest;
import dev.silt.ingest.stream.model.PutRecordRequest;
import dev.silt.ingest.stream.model.PutRecordsRequest;
import dev.silt.ingest.stream.model.PutRecordsRequestEntry;
import dev.silt.ingest.stream.model.Record;
import dev.silt.ingest.stream.model.Shard;
import dev.silt.ingest.stream.model.ShardIteratorType;
import dev.silt.ingest.stream.model.SplitShardRequest;
import dev.silt.ingest.stream.model.StreamStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamServiceRetentionTest {
    private static final String S0 = "shardId-000000000000";
    private static final long HOUR = 3_600_000L;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);

    /** One record per segment file, so that trimming (whole segments) is exact. */
    private StreamService openSmallSegments() throws IOException {
        StreamServiceOptions options = StreamFixture.fastOptions()
                .withShardLogOptions(ShardLogOptions.defaults()
                        .withFsyncPolicy(FsyncPolicy.NONE)
                        .withSegmentBytes(1024));
        return StreamService.open(dir, options, clock, null);
    }

    private static String putSized(StreamService svc, String stream, String label) {
        byte[] data = new byte[700];
        byte[] tag = StreamFixture.bytes(label);
        System.arraycopy(tag, 0, data, 0, tag.length);
        return svc.putRecord(new PutRecordRequest(stream, null, data, "k", null, null))
                .sequenceNumber();
    }

    private static String label(Record r) {
        return text(r).trim().replace("\0", "");
    }

    @Test
    void maintenanceTrimsRecordsPastRetentionAndOldIteratorsStartAtTheTrimHorizon() throws IOException {
        try (StreamService svc = openSmallSegments()) {
            newStream(svc, "s", 1);
            String firstOld = putSized(svc, "s", "old0");
            for (int i = 1; i < 10; i++) {
                putSized(svc, "s", "old" + i);
            }
            clock.advance(24 * HOUR - 1);
            svc.runMaintenance();
            assertEquals(10, readShard(svc, "s", S0).size(), "nothing is trimmed before 24 hours");

            clock.advance(2);
            for (int i = 0; i < 3; i++) {
                putSized(svc, "s", "new" + i);
            }
            String fromStart = iterator(svc, "s", S0, ShardIteratorType.AT_SEQUENCE_NUMBER, firstOld);
            svc.runMaintenance();
            List<Record> left = readShard(svc, "s", S0);
            assertEquals(
                    List.of("new0", "new1", "new2"),
                    left.stream().map(StreamServiceRetentionTest::label).toList());
            assertEquals(
                    "new0",
                    label(records(svc, fromStart, 1).records().get(0)),
                    "an iterator at a trimmed position starts at the trim horizon");
            String seqOfNew0 = left.get(0).sequenceNumber();
            assertEquals(10, SequenceNumbers.parse(seqOfNew0), "numbering continues after a trim");
        }
    }

    @Test
    void longerRetentionKeepsRecordsAndDecreasingTrimsThemAtTheNextRun() throws IOException {
        try (StreamService svc = openSmallSegments()) {
            newStream(svc, "s", 1);
            svc.increaseStreamRetentionPeriod(new IncreaseStreamRetentionPeriodRequest("s", null, 48));
            for (int i = 0; i < 4; i++) {
                putSized(svc, "s", "r" + i);
            }
            clock.advance(30 * HOUR);
            putSized(svc, "s", "later");
            svc.runMaintenance();
            assertEquals(5, readShard(svc, "s", S0).size());
            svc.decreaseStreamRetentionPeriod(new DecreaseStreamRetentionPeriodRequest("s", null, 24));
            svc.runMaintenance();
            assertEquals(
                    List.of("later"),
                    readShard(svc, "s", S0).stream()
                            .map(StreamServiceRetentionTest::label)
                            .toList());
        }
    }

    @Test
    void closedShardsExpireOnceTheyClosedBeforeTheTrimHorizon() throws IOException {
        try (StreamService svc = openSmallSegments()) {
            newStream(svc, "s", 1);
            putSized(svc, "s", "parent");
            clock.advance(HOUR);
            svc.splitShard(new SplitShardRequest(
                    "s", null, S0, HashKeyRange.SPACE.shiftRight(1).toString()));
            putSized(svc, "s", "child");
            clock.advance(24 * HOUR + 1);
            svc.runMaintenance();
            List<Shard> shards = svc.describeStream(new DescribeStreamRequest("s", null, null, null))
                    .streamDescription()
                    .shards();
            assertEquals(
                    List.of("shardId-000000000001", "shardId-000000000002"),
                    shards.stream().map(Shard::shardId).toList());
            assertFalse(
                    Files.exists(dir.resolve("streams/s/shards").resolve(S0)), "the expired shard's files are gone");
            fails(
                    StreamErrorType.RESOURCE_NOT_FOUND,
                    () -> iterator(svc, "s", S0, ShardIteratorType.TRIM_HORIZON, null));
        }
        try (StreamService svc = openSmallSegments()) {
            assertEquals(2, StreamFixture.listAllShards(svc, "s").size(), "the expiry is recorded durably");
        }
    }

    @Test
    void aDeleteInterruptedByARestartCompletesAfterReopen() throws IOException {
        StreamServiceOptions slowDelete =
                StreamFixture.fastOptions().withDelays(Duration.ZERO, Duration.ZERO, Duration.ofSeconds(10));
        try (StreamService svc = StreamService.open(dir, slowDelete, clock, null)) {
            newStream(svc, "gone", 2);
            newStream(svc, "kept", 1);
            StreamFixture.put(svc, "gone", "k", "v");
            StreamFixture.put(svc, "kept", "k", "v");
            svc.deleteStream(new DeleteStreamRequest("gone", null, null));
        }
        try (StreamService svc = StreamService.open(dir, slowDelete, clock, null)) {
            assertEquals(
                    StreamStatus.DELETING,
                    svc.describeStream(new DescribeStreamRequest("gone", null, null, null))
                            .streamDescription()
                            .streamStatus());
            clock.advance(10_000);
            svc.runMaintenance();
            assertEquals(
                    List.of("kept"),
                    svc.listStreams(new ListStreamsRequest(null, null, null)).streamNames());
            assertFalse(Files.exists(dir.resolve("streams/gone")));
        }
        try (StreamService svc = StreamService.open(dir, slowDelete, clock, null)) {
            assertEquals(
                    List.of("kept"),
                    svc.listStreams(new ListStreamsRequest(null, null, null)).streamNames());
            assertEquals(1, readShard(svc, "kept", S0).size());
        }
    }

    /** Records what the service schedules, so that a test can run the background task itself. */
    private static final class CapturingScheduler extends ScheduledThreadPoolExecutor {
        Runnable task;
        long delayMillis;

        CapturingScheduler() {
            super(1);
        }

        @Override
        public ScheduledFuture<?> scheduleWithFixedDelay(
                Runnable command, long initialDelay, long delay, TimeUnit unit) {
            task = command;
            delayMillis = unit.toMillis(delay);
            return super.scheduleWithFixedDelay(() -> {}, 1, 1, TimeUnit.DAYS);
        }
    }

    @Test
    void backgroundMaintenanceRunsOnTheGivenSchedulerAtTheConfiguredInterval() throws IOException {
        CapturingScheduler scheduler = new CapturingScheduler();
        StreamServiceOptions options =
                StreamFixture.fastOptions().withDelays(Duration.ofSeconds(1), Duration.ZERO, Duration.ZERO);
        try (StreamService svc = StreamService.open(dir, options, clock, scheduler)) {
            assertEquals(60_000, scheduler.delayMillis);
            newStream(svc, "s", 1);
            Path metadata = dir.resolve("streams/s/stream.json");
            assertTrue(Files.readString(metadata).contains("\"CREATING\""));
            clock.advance(1_000);
            scheduler.task.run();
            assertTrue(Files.readString(metadata).contains("\"ACTIVE\""), "the background run made it ACTIVE");
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void leftoversOfAnInterruptedDeleteAreRemovedOnOpen() throws IOException {
        try (StreamService svc = StreamFixture.open(dir, clock)) {
            newStream(svc, "s", 1);
        }
        Path trash = dir.resolve("trash/s-123");
        Files.createDirectories(trash.resolve("shards/x"));
        Files.writeString(trash.resolve("stream.json"), "{}");
        try (StreamService svc = StreamFixture.open(dir, clock)) {
            assertFalse(Files.exists(dir.resolve("trash")));
            assertEquals(
                    List.of("s"),
                    svc.listStreams(new ListStreamsRequest(null, null, null)).streamNames());
        }
    }

    @Test
    void acknowledgedRecordsAndSequenceNumbersSurviveReopenUnderSyncEachBatch() throws IOException {
        StreamServiceOptions durable = StreamServiceOptions.defaults().withoutDelays();
        List<String> sequences = new ArrayList<>();
        try (StreamService svc = StreamService.open(dir, durable, clock, null)) {
            newStream(svc, "s", 3);
            List<PutRecordsRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < 90; i++) {
                entries.add(new PutRecordsRequestEntry(StreamFixture.bytes("r" + i), null, "key" + i));
            }
            svc.putRecords(new PutRecordsRequest("s", null, entries))
                    .records()
                    .forEach(r -> sequences.add(r.shardId() + "/" + r.sequenceNumber()));
        }
        try (StreamService svc = StreamService.open(dir, durable, clock, null)) {
            List<String> read = new ArrayList<>();
            for (String shard : Arrays.asList(S0, "shardId-000000000001", "shardId-000000000002")) {
                readShard(svc, "s", shard).forEach(r -> read.add(shard + "/" + r.sequenceNumber()));
            }
            assertEquals(
                    sequences.stream().sorted().toList(), read.stream().sorted().toList());
        }
    }

    @Test
    void aChildWhoseDirectoryACrashPreventedIsRecreatedEmptyOnReopen() throws IOException {
        try (StreamService svc = StreamFixture.open(dir, clock)) {
            newStream(svc, "s", 1);
            StreamFixture.put(svc, "s", "k", "in parent");
            svc.splitShard(new SplitShardRequest(
                    "s", null, S0, HashKeyRange.SPACE.shiftRight(1).toString()));
        }
        // the metadata names both children; a crash right after writing it left one without its directory
        StreamServiceTestFiles.deleteTree(dir.resolve("streams/s/shards/shardId-000000000002"));
        try (StreamService svc = StreamFixture.open(dir, clock)) {
            assertEquals(3, StreamFixture.listAllShards(svc, "s").size());
            assertTrue(StreamFixture.readByLineage(svc, "s").get(S0).size() == 1);
            String top = HashKeyRange.MAX_HASH_KEY.toString();
            String shard = svc.putRecord(new PutRecordRequest("s", null, StreamFixture.bytes("x"), "k", top, null))
                    .shardId();
            assertEquals("shardId-000000000002", shard);
        }
    }
}
