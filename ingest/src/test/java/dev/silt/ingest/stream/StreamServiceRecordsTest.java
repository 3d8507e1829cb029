package dev.silt.ingest.stream;

import static dev.silt.ingest.stream.StreamFixture.T0;
import static dev.silt.ingest.stream.StreamFixture.bytes;
import static dev.silt.ingest.stream.StreamFixture.fails;
import static dev.silt.ingest.stream.StreamFixture.iterator;
import static dev.silt.ingest.stream.StreamFixture.newStream;
import static dev.silt.ingest.stream.StreamFixture.put;
import static dev.silt.ingest.stream.StreamFixture.readShard;
import static dev.silt.ingest.stream.StreamFixture.records;
import static dev.silt.ingest.stream.StreamFixture.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.silt.ingest.MutableClock;
import dev.silt.ingest.stream.model.DescribeStreamRequest;
import dev.silt.ingest.stream.model.GetRecordsRequest;
import dev.silt.ingest.stream.model.GetRecordsResponse;
import dev.silt.ingest.stream.model.GetShardIteratorRequest;
import dev.silt.ingest.stream.model.PutRecordRequest;
import dev.silt.ingest.stream.model.PutRecordResponse;
import dev.silt.ingest.stream.model.PutRecordsRequest;
import dev.silt.ingest.stream.model.PutRecordsRequestEntry;
import dev.silt.ingest.stream.model.PutRecordsResponse;
import dev.silt.ingest.stream.model.Record;
import dev.silt.ingest.stream.model.Shard;
import dev.silt.ingest.stream.model.ShardIteratorType;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamServiceRecordsTest {
    private static final String S0 = "shardId-000000000000";

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);

    private static List<Shard> shards(StreamService svc, String name) {
        return svc.describeStream(new DescribeStreamRequest(name, null, null, null))
                .streamDescription()
                .shards();
    }

    @Test
    void recordsGoToTheShardOwningTheirMd5OrExplicitHashKey() throws IOException {
        try (StreamService svc = StreamFixture.open(dir, clock)) {
            newStream(svc, "s", 7);
            List<Shard> shards = shards(svc, "s");
            Random random = new Random(42);
            for (int i = 0; i < 300; i++) {
                String key = "key-" + random.nextInt(1_000_000);
                PutRecordResponse r = put(svc, "s", key, "v" + i);
                BigInteger hash = HashKeyRange.hashKeyOf(key);
                Shard owner = shards.stream()
                        .filter(s -> s.hashKeyRange().contains(hash))
                        .findFirst()
                        .orElseThrow();
                assertEquals(owner.shardId(), r.shardId(), key);
            }
            String top = HashKeyRange.MAX_HASH_KEY.toString();
            PutRecordResponse r = svc.putRecord(new PutRecordRequest("s", null, bytes("x"), "k", top, null));
            assertEquals("shardId-000000000006", r.shardId());
            r = svc.putRecord(new PutRecordRequest("s", null, bytes("x"), "k", "0", null));
            assertEquals(S0, r.shardId());
        }
    }

    @Test
    void sequenceNumbersIncreasePerShardAndRecordsReadBackInOrder() throws IOException {
        try (StreamService svc = StreamFixture.open(dir, clock)) {
            newStream(svc, "s", 1);
            List<String> seqs = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                clock.advance(10);
                seqs.add(put(svc, "s", "k" + (i % 5), "v" + i).sequenceNumber());
            }
            for (int i = 1; i < seqs.size(); i++) {
                assertTrue(SequenceNumbers.compare(seqs.get(i - 1), seqs.get(i)) < 0);
            }
            List<Record> read = readShard(svc, "s", S0);
            assertEquals(50, read.size());
            for (int i = 0; i < 50; i++) {
                assertEquals("v" + i, text(read.get(i)));
                assertEquals(seqs.get(i), read.get(i).sequenceNumber());
                assertEquals("k" + (i % 5), read.get(i).partitionKey());
                assertEquals(
                        Instant.ofEpochMilli(T0 + 10L * (i + 1)), read.get(i).approximateArrivalTimestamp());
            }
        }
    }

    @Test
    void everyIteratorTypeStartsWhereItShould() throws IOException {
        try (StreamService svc = StreamFixture.open(dir, clock)) {
            newStream(svc, "s", 1);
            List<String> seqs = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                clock.advance(1_000);
                seqs.add(put(svc, "s", "k", "v" + i).sequenceNumber());
            }
            assertEquals("v0", first(svc, iterator(svc, "s", S0, ShardIteratorType.TRIM_HORIZON, null)));
            assertEquals("v4", first(svc, iterator(svc, "s", S0, ShardIteratorType.AT_SEQUENCE_NUMBER, seqs.get(4))));
            assertEquals(
                    "v5", first(svc, iterator(svc, "s", S0, ShardIteratorType.AFTER_SEQUENCE_NUMBER, seqs.get(4))));
            String latest = iterator(svc, "s", S0, ShardIteratorType.LATEST, null);
            GetRecordsResponse empty = records(svc, latest, null);
            assertEquals(0, empty.records().size());
            assertEquals(0, empty.millisBehindLatest());
            put(svc, "s", "k", "after-latest");
            assertEquals("after-latest", first(svc, empty.nextShardIterator()));

            // v3 arrived at T0 + 4000
            String at = svc.getShardIterator(new GetShardIteratorRequest(
                            "s", null, S0, ShardIteratorType.AT_TIMESTAMP, null, Instant.ofEpochMilli(T0 + 3_500)))
                    .shardIterator();
            assertEquals("v3", first(svc, at));
            at = svc.getShardIterator(new GetShardIteratorRequest(
                            "s", null, S0, ShardIteratorType.AT_TIMESTAMP, null, Instant.ofEpochMilli(T0 - 1)))
                    .shardIterator();
            assertEquals("v0", first(svc, at));

            fails(
                    StreamErrorType.INVALID_ARGUMENT,
                    () -> svc.getShardIterator(
                            new GetShardIteratorRequest("s", null, S0, ShardIteratorType.AT_TIMESTAMP, null, null)));
            fails(
                    StreamErrorType.INVALID_ARGUMENT,
                    () -> svc.getShardIterator(new GetShardIteratorRequest(
                            "s",
                            null,
                            S0,
                            ShardIteratorType.AT_TIMESTAMP,
                            null,
                            Instant.ofEpochMilli(clock.millis() + 1))));
            fails(
                    StreamErrorType.INVALID_ARGUMENT,
                    () -> iterator(svc, "s", S0, ShardIteratorType.AT_SEQUENCE_NUMBER, null));
            fails(
                    StreamErrorType.VALIDATION,
                    () -> iterator(svc, "s", S0, ShardIteratorType.AT_SEQUENCE_NUMBER, "12x"));
            String beyond = SequenceNumbers.format(SequenceNumbers.parse(seqs.get(9)) + 5);
            fails(
                    StreamErrorType.INVALID_ARGUMENT,
                    () -> iterator(svc, "s", S0, ShardIteratorType.AT_SEQUENCE_NUMBER, beyond));
            fails(
                    StreamErrorType.INVALID_ARGUMENT,
                    () -> iterator(svc, "s", S0, ShardIteratorType.AT_SEQUENCE_NUMBER, "7"));
            StreamException e = fails(
                    StreamErrorType.RESOURCE_NOT_FOUND,
                    () -> iterator(svc, "s", "shardId-000000000009", ShardIteratorType.LATEST, null));
            assertEquals(
                    "Shard shardId-000000000009 in stream s under account 000000000000 does not exist", e.getMessage());
            fails(StreamErrorType.VALIDATION, () -> iterator(svc, "s", "bad id!", ShardIteratorType.LATEST, null));
            fails(StreamErrorType.VALIDATION, () -> iterator(svc, "s", S0, null, null));
        }
    }

    private static String first(StreamService svc, String iterator) {
        return text(records(svc, iterator, 1).records().get(0));
    }

    @Test
    void getRecordsHonoursLimitsAndReportsHowFarBehindItIs() throws IOException {
        try (StreamService svc = StreamFixture.open(dir, clock)) {
            newStream(svc, "s", 1);
            for (int i = 0; i < 25; i++) {
                put(svc, "s", "k", "v" + i);
            }
            clock.advance(60_000);
            String it = iterator(svc, "s", S0, ShardIteratorType.TRIM_HORIZON, null);
            GetRecordsResponse r = records(svc, it, 10);
            assertEquals(10, r.records().size());
            assertEquals(60_000, r.millisBehindLatest());
            r = records(svc, r.nextShardIterator(), 10_000);
            assertEquals(15, r.records().size());
            assertEquals("v10", text(r.records().get(0)));
            assertEquals(0, r.millisBehindLatest());
            assertNotNull(r.nextShardIterator());
            assertEquals(List.of(), r.childShards());
            fails(StreamErrorType.VALIDATION, () -> records(svc, it, 0));
            fails(StreamErrorType.VALIDATION, () -> records(svc, it, 10_001));
        }
    }

    @Test
    void getRecordsReturnsAtMostTenMebibytes() throws IOException {
        StreamServiceOptions options = StreamFixture.fastOptions()
                .withShardLogOptions(new ShardLogOptions(64L << 20, FsyncPolicy.NONE, 1 << 20, 4096));
        try (StreamService svc = StreamService.open(dir, options, clock, null)) {
            newStream(svc, "s", 1);
            byte[] big = new byte[(1 << 20) - 10];
            for (int i = 0; i < 12; i++) {
                svc.putRecord(new PutRecordRequest("s", null, big, "k", null, null));
            }
            GetRecordsResponse r = records(svc, iterator(svc, "s", S0, ShardIteratorType.TRIM_HORIZON, null), null);
            assertEquals(10, r.records().size(), "ten records of just under 1 MiB fill the 10 MiB budget");
            assertEquals(2, records(svc, r.nextShardIterator(), null).records().size());
        }
    }

    @Test
    void iteratorsExpireAfterFiveMinutesAndTamperingIsRejected() throws IOException {
        try (StreamService svc = StreamFixture.open(dir, clock)) {
            newStream(svc, "s", 1);
            put(svc, "s", "k", "v");
            String it = iterator(svc, "s", S0, ShardIteratorType.TRIM_HORIZON, null);
            clock.advance(300_000);
            assertEquals(1, records(svc, it, null).records().size(), "still valid at exactly five minutes");
            clock.advance(1);
            StreamException e = fails(StreamErrorType.EXPIRED_ITERATOR, () -> records(svc, it, null));
            assertTrue(e.getMessage().startsWith("Iterator expired."), e.getMessage());

            String fresh = iterator(svc, "s", S0, ShardIteratorType.TRIM_HORIZON, null);
            byte[] raw = Base64.getUrlDecoder().decode(fresh);
            raw[raw.length / 2] ^= 1;
            String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
            fails(StreamErrorType.INVALID_ARGUMENT, () -> records(svc, tampered, null));
            fails(StreamErrorType.INVALID_ARGUMENT, () -> records(svc, "not-an-iterator", null));
            fails(StreamErrorType.VALIDATION, () -> records(svc, "x".repeat(513), null));
            fails(StreamErrorType.VALIDATION, () -> svc.getRecords(new GetRecordsRequest(null, null, null)));
        }
    }

    @Test
    void iteratorsOfADeletedAndRecreatedStreamAreNotAccepted() throws IOException {
        try (StreamService svc = StreamFixture.open(dir, clock)) {
            newStream(svc, "s", 1);
            put(svc, "s", "k", "old");
            String it = iterator(svc, "s", S0, ShardIteratorType.TRIM_HORIZON, null);
            svc.deleteStream(new dev.silt.ingest.stream.model.DeleteStreamRequest("s", null, null));
            fails(StreamErrorType.RESOURCE_NOT_FOUND, () -> records(svc, it, null));
            clock.advance(1);
            newStream(svc, "s", 1);
            fails(StreamErrorType.RESOURCE_NOT_FOUND, () -> records(svc, it, null));
        }
    }

    @Test
    void sequenceNumberForOrderingIsValidatedAndHonoured() throws IOException {
        try (StreamService svc = StreamFixture.open(dir, clock)) {
            newStream(svc, "s", 1);
            String previous = put(svc, "s", "k", "a").sequenceNumber();
            for (int i = 0; i < 5; i++) {
                String next = svc.putRecord(new PutRecordRequest("s", null, bytes("b" + i), "k", null, previous))
                        .sequenceNumber();
                assertTrue(SequenceNumbers.compare(next, previous) > 0);
                previous = next;
            }
            fails(
                    StreamErrorType.VALIDATION,
                    () -> svc.putRecord(new PutRecordRequest("s", null, bytes("x"), "k", null, "01")));
            fails(
                    StreamErrorType.VALIDATION,
                    () -> svc.putRecord(new PutRecordRequest("s", null, bytes("x"), "k", null, "-1")));
            String future = SequenceNumbers.format(SequenceNumbers.parse(previous) + 100);
            fails(
                    StreamErrorType.INVALID_ARGUMENT,
                    () -> svc.putRecord(new PutRecordRequest("s", null, bytes("x"), "k", null, future)));
            assertEquals(6, readShard(svc, "s", S0).size(), "rejected puts stored nothing");
        }
    }

    @Test
    void malformedPutsGiveTheRightErrorAndStoreNothing() throws IOException {
        try (StreamService svc = StreamFixture.open(dir, clock)) {
            newStream(svc, "s", 2);
            put(svc, "s", "good", "kept");
            int limit = 1024 * 1024;
            fails(StreamErrorType.VALIDATION, () -> put(svc, "s", "", "v"));
            fails(StreamErrorType.VALIDATION, () -> put(svc, "s", "k".repeat(257), "v"));
            fails(
                    StreamErrorType.VALIDATION,
                    () -> svc.putRecord(new PutRecordRequest("s", null, bytes("v"), null, null, null)));
            fails(
                    StreamErrorType.VALIDATION,
                    () -> svc.putRecord(new PutRecordRequest("s", null, null, "k", null, null)));
            fails(
                    StreamErrorType.VALIDATION,
                    () -> svc.putRecord(new PutRecordRequest("s", null, new byte[limit + 1], "k", null, null)));
            StreamException e = fails(
                    StreamErrorType.INVALID_ARGUMENT,
                    () -> svc.putRecord(new PutRecordRequest("s", null, new byte[limit], "k", null, null)));
            assertTrue(e.getMessage().contains("data plus partition key"), e.getMessage());
            fails(
                    StreamErrorType.VALIDATION,
                    () -> svc.putRecord(new PutRecordRequest("s", null, bytes("v"), "k", "12a", null)));
            fails(
                    StreamErrorType.VALIDATION,
                    () -> svc.putRecord(new PutRecordRequest("s", null, bytes("v"), "k", "0123", null)));
            String tooBig = HashKeyRange.SPACE.toString();
            fails(
                    StreamErrorType.INVALID_ARGUMENT,
                    () -> svc.putRecord(new PutRecordRequest("s", null, bytes("v"), "k", tooBig, null)));
            fails(StreamErrorType.VALIDATION, () -> put(svc, "bad/name", "k", "v"));
            fails(StreamErrorType.RESOURCE_NOT_FOUND, () -> put(svc, "absent", "k", "v"));

            PutRecordRequest oversized = new PutRecordRequest("s", null, new byte[limit - 3], "four", null, null);
            fails(StreamErrorType.INVALID_ARGUMENT, () -> svc.putRecord(oversized));
            PutRecordRequest exact = new PutRecordRequest("s", null, new byte[limit - 4], "four", null, null);
            svc.putRecord(exact);

            int total = readShard(svc, "s", S0).size()
                    + readShard(svc, "s", "shardId-000000000001").size();
            assertEquals(2, total, "only the good record and the exactly-at-limit record were stored");
        }
    }

    @Test
    void putRecordsReportsPerRecordFailuresAndKeepsOrderPerShard() throws IOException {
        try (StreamService svc = StreamFixture.open(dir, clock)) {
            newStream(svc, "s", 4);
            List<PutRecordsRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                entries.add(new PutRecordsRequestEntry(bytes("r" + i), null, "key-" + (i % 13)));
            }
            entries.set(17, new PutRecordsRequestEntry(bytes("bad"), HashKeyRange.SPACE.toString(), "k"));
            entries.set(42, new PutRecordsRequestEntry(new byte[1024 * 1024 - 1], null, "kk"));
            PutRecordsResponse r = svc.putRecords(new PutRecordsRequest("s", null, entries));
            assertEquals(2, r.failedRecordCount());
            assertEquals(100, r.records().size());
            assertEquals("InvalidArgumentException", r.records().get(17).errorCode());
            assertEquals("InvalidArgumentException", r.records().get(42).errorCode());
            assertNull(r.records().get(17).sequenceNumber());
            for (int i = 0; i < 100; i++) {
                if (i == 17 || i == 42) {
                    continue;
                }
                assertFalse(r.records().get(i).failed());
                BigInteger hash = HashKeyRange.hashKeyOf("key-" + (i % 13));
                String expectedShard = shards(svc, "s").stream()
                        .filter(s -> s.hashKeyRange().contains(hash))
                        .findFirst()
                        .orElseThrow()
                        .shardId();
                assertEquals(expectedShard, r.records().get(i).shardId());
            }
            int stored = 0;
            for (Shard shard : shards(svc, "s")) {
                List<Record> records = readShard(svc, "s", shard.shardId());
                stored += records.size();
                int last = -1;
                for (Record rec : records) {
                    int n = Integer.parseInt(text(rec).substring(1));
                    assertTrue(n > last, "request order is kept within a shard");
                    last = n;
                }
            }
            assertEquals(98, stored);
        }
    }

    @Test
    void putRecordsRequestLevelProblemsFailTheWholeRequest() throws IOException {
        try (StreamService svc = StreamFixture.open(dir, clock)) {
            newStream(svc, "s", 1);
            List<PutRecordsRequestEntry> tooMany = new ArrayList<>();
            for (int i = 0; i < 501; i++) {
                tooMany.add(new PutRecordsRequestEntry(bytes("x"), null, "k"));
            }
            fails(StreamErrorType.VALIDATION, () -> svc.putRecords(new PutRecordsRequest("s", null, tooMany)));
            fails(StreamErrorType.VALIDATION, () -> svc.putRecords(new PutRecordsRequest("s", null, List.of())));
            fails(StreamErrorType.VALIDATION, () -> svc.putRecords(new PutRecordsRequest("s", null, null)));
            StreamException e = fails(
                    StreamErrorType.VALIDATION,
                    () -> svc.putRecords(new PutRecordsRequest(
                            "s",
                            null,
                            List.of(
                                    new PutRecordsRequestEntry(bytes("x"), null, "k"),
                                    new PutRecordsRequestEntry(bytes("x"), null, "")))));
            assertTrue(e.getMessage().contains("records.2.member.partitionKey"), e.getMessage());
            List<PutRecordsRequestEntry> sixMiB = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                sixMiB.add(new PutRecordsRequestEntry(new byte[1024 * 1024 - 10], null, "k"));
            }
            fails(StreamErrorType.INVALID_ARGUMENT, () -> svc.putRecords(new PutRecordsRequest("s", null, sixMiB)));
            assertEquals(0, readShard(svc, "s", S0).size(), "nothing of a rejected request is stored");
            List<PutRecordsRequestEntry> fiveHundred = new ArrayList<>(tooMany.subList(0, 500));
            assertEquals(
                    0,
                    svc.putRecords(new PutRecordsRequest("s", null, fiveHundred))
                            .failedRecordCount());
            assertEquals(500, readShard(svc, "s", S0).size());
        }
    }

    @Test
    void throughputLimitsThrottleWhenOnAndNeverWhenOff() throws IOException {
        StreamServiceOptions on = StreamFixture.fastOptions().withThroughputLimits(true);
        try (StreamService svc = StreamService.open(dir.resolve("on"), on, clock, null)) {
            newStream(svc, "s", 1);
            List<PutRecordsRequestEntry> batch = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                batch.add(new PutRecordsRequestEntry(bytes("x"), null, "k"));
            }
            assertEquals(
                    0, svc.putRecords(new PutRecordsRequest("s", null, batch)).failedRecordCount());
            assertEquals(
                    0, svc.putRecords(new PutRecordsRequest("s", null, batch)).failedRecordCount());
            PutRecordsResponse third = svc.putRecords(new PutRecordsRequest("s", null, batch));
            assertEquals(500, third.failedRecordCount(), "1,000 records per second per shard");
            assertEquals(
                    "ProvisionedThroughputExceededException",
                    third.records().get(0).errorCode());
            StreamException e = fails(StreamErrorType.PROVISIONED_THROUGHPUT_EXCEEDED, () -> put(svc, "s", "k", "x"));
            assertTrue(e.getMessage().contains("Rate exceeded for shard shardId-000000000000"), e.getMessage());
            clock.advance(1_000);
            put(svc, "s", "k", "x");
            assertEquals(1_001, readShard(svc, "s", S0).size());

            String it = iterator(svc, "s", S0, ShardIteratorType.LATEST, null);
            clock.advance(1_000);
            for (int i = 0; i < 5; i++) {
                it = records(svc, it, null).nextShardIterator();
            }
            String sixth = it;
            fails(StreamErrorType.PROVISIONED_THROUGHPUT_EXCEEDED, () -> records(svc, sixth, null));
            clock.advance(200);
            assertNotNull(records(svc, sixth, null).nextShardIterator());
        }
        try (StreamService svc = StreamService.open(dir.resolve("off"), StreamFixture.fastOptions(), clock, null)) {
            newStream(svc, "s", 1);
            List<PutRecordsRequestEntry> batch = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                batch.add(new PutRecordsRequestEntry(bytes("x"), null, "k"));
            }
            for (int round = 0; round < 5; round++) {
                assertEquals(
                        0,
                        svc.putRecords(new PutRecordsRequest("s", null, batch)).failedRecordCount());
            }
            String it = iterator(svc, "s", S0, ShardIteratorType.TRIM_HORIZON, null);
            for (int i = 0; i < 20; i++) {
                it = records(svc, it, 100).nextShardIterator();
            }
        }
    }

    @Test
    void readThroughputOfTenMebibytesIsPaidForBeforeTheNextRead() throws IOException {
        StreamServiceOptions on = StreamFixture.fastOptions().withThroughputLimits(true);
        try (StreamService svc = StreamService.open(dir, on, clock, null)) {
            newStream(svc, "s", 1);
            byte[] big = new byte[1000 * 1000];
            for (int i = 0; i < 4; i++) {
                clock.advance(1_000);
                svc.putRecord(new PutRecordRequest("s", null, big, "k", null, null));
            }
            GetRecordsResponse r = records(svc, iterator(svc, "s", S0, ShardIteratorType.TRIM_HORIZON, null), null);
            assertEquals(4, r.records().size());
            String next = r.nextShardIterator();
            fails(StreamErrorType.PROVISIONED_THROUGHPUT_EXCEEDED, () -> records(svc, next, null));
            clock.advance(1_000);
            assertEquals(
                    0, records(svc, next, null).records().size(), "4 MB read at 2 MiB/s is paid for within a second");
        }
    }

    @Test
    void putsReadsAndErrorsWorkThroughTheArn() throws IOException {
        try (StreamService svc = StreamFixture.open(dir, clock)) {
            newStream(svc, "s", 1);
            String arn = svc.options().streamArn("s");
            svc.putRecord(new PutRecordRequest(null, arn, bytes("v"), "k", null, null));
            String it = svc.getShardIterator(
                            new GetShardIteratorRequest(null, arn, S0, ShardIteratorType.TRIM_HORIZON, null, null))
                    .shardIterator();
            assertEquals(
                    1,
                    svc.getRecords(new GetRecordsRequest(it, null, arn))
                            .records()
                            .size());
            String other = svc.options().streamArn("t");
            fails(StreamErrorType.INVALID_ARGUMENT, () -> svc.getRecords(new GetRecordsRequest(it, null, other)));
        }
    }
}
