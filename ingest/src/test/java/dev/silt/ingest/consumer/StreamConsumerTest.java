package dev.silt.ingest.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.silt.ingest.stream.ShardLogOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StreamConsumerTest {
    @TempDir
    Path tmp;

    private ServiceFixture fx;

    @AfterEach
    void close() throws IOException {
        if (fx != null) {
            fx.close();
        }
    }

    private static ConsumerOptions fast(int workers, int perCall) {
        return ConsumerOptions.defaults()
                .withMaxWorkers(workers)
                .withRecordsPerCall(perCall)
                .withIdlePoll(Duration.ofMillis(1));
    }

    @Test
    void followsLineageAcrossSplitMergeAndScalingWithConcurrentProducers() throws Exception {
        fx = new ServiceFixture(tmp.resolve("data"));
        fx.create("s", 2);
        Recorder got = new Recorder();
        // Fewer workers than shards: shards take turns, and lineage must hold across turns too.
        StreamConsumer consumer = StreamConsumer.builder(fx.source, "s", got)
                .options(fast(3, 7))
                .random(new Random(1))
                .build();
        AtomicReference<Throwable> consumerFailure = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try {
                consumer.run();
            } catch (Throwable t) {
                consumerFailure.set(t);
            }
        });
        reader.start();

        int producers = 3;
        int rounds = 300;
        Semaphore progress = new Semaphore(0);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> producerFailures = new CopyOnWriteArrayList<>();
        for (int p = 0; p < producers; p++) {
            int id = p;
            Thread t = new Thread(() -> {
                Random random = new Random(id);
                try {
                    for (int round = 0; round < rounds; round++) {
                        List<String> keys = new ArrayList<>();
                        for (int i = 0; i < 8; i++) {
                            // Each producer owns its keys, so every key has one writer and one order.
                            keys.add("p" + id + "k" + random.nextInt(10));
                        }
                        fx.put("s", keys);
                        progress.release();
                    }
                } catch (Throwable e) {
                    producerFailures.add(e);
                    progress.release(rounds);
                }
            });
            threads.add(t);
            t.start();
        }
        // Reshard while producers write and the consumer reads: split, merge, then uniform scaling both ways.
        progress.acquire(100);
        fx.splitFirstOpenShard("s");
        progress.acquire(100);
        fx.mergeFirstTwoOpenShards("s");
        progress.acquire(100);
        fx.scale("s", 4);
        progress.acquire(100);
        fx.scale("s", 3);
        progress.acquire(100);
        fx.splitFirstOpenShard("s");
        for (Thread t : threads) {
            t.join();
        }
        assertTrue(producerFailures.isEmpty(), () -> "producers failed: " + producerFailures);
        Map<String, Integer> sent = fx.sentSnapshot();
        long total = sent.values().stream().mapToLong(Integer::longValue).sum();
        assertEquals((long) producers * rounds * 8, total);
        assertTrue(got.await(total, 60_000), () -> "delivered " + got.count() + " of " + total);
        consumer.close();
        reader.join();
        assertNull(consumerFailure.get());
        assertEquals(total, got.count(), "nothing delivered twice after the last record");
        assertEquals(total, got.idSet().size(), "no record delivered twice");
        Recorder.assertExactlyOnceInOrder(sent, got.byKey);
        ConsumerStats stats = consumer.stats();
        assertEquals(total, stats.records());
        assertTrue(stats.shardsCompleted() >= 8, "closed shards read to their end: " + stats);
        assertEquals(0, stats.trimGaps());

        // A new consumer reading everything that is now in the stream sees the same, and stops by itself.
        Recorder again = new Recorder();
        StreamConsumer.builder(fx.source, "s", again)
                .options(fast(2, 100))
                .build()
                .runUntilCaughtUp();
        Recorder.assertExactlyOnceInOrder(sent, again.byKey);
    }

    @Test
    void restartAfterCleanCloseDeliversEveryRecordExactlyOnce() throws Exception {
        fx = new ServiceFixture(tmp.resolve("data"));
        fx.create("s", 4);
        fx.putMany("s", 2000, 40);
        FileCheckpointStore store = new FileCheckpointStore(tmp.resolve("checkpoints"));

        Recorder first = new Recorder();
        AtomicReference<StreamConsumer> self = new AtomicReference<>();
        StreamConsumer one = StreamConsumer.builder(fx.source, "s", batch -> {
                    first.handle(batch);
                    if (first.count() >= 700) {
                        self.get().requestStop();
                    }
                })
                .checkpoints(store)
                .options(fast(4, 50))
                .build();
        self.set(one);
        one.run();
        assertTrue(first.count() >= 700 && first.count() < 2000, "stopped part way: " + first.count());

        // Resharding between the runs: the restarted consumer must finish the parents before the children.
        fx.scale("s", 2);
        fx.putMany("s", 500, 40);

        Recorder second = new Recorder();
        StreamConsumer two = StreamConsumer.builder(fx.source, "s", second)
                .checkpoints(new FileCheckpointStore(tmp.resolve("checkpoints")))
                .options(fast(4, 50))
                .build();
        two.runUntilCaughtUp();

        Set<String> overlap = first.idSet();
        overlap.retainAll(second.idSet());
        assertEquals(Set.of(), overlap, "a clean close redelivers nothing");
        assertEquals(2500, first.count() + second.count());
        Recorder.assertExactlyOnceInOrder(fx.sentSnapshot(), concat(first, second));
    }

    @Test
    void aHandlerFailureRedeliversExactlyTheFailedBatch() throws Exception {
        fx = new ServiceFixture(tmp.resolve("data"));
        fx.create("s", 3);
        fx.putMany("s", 1500, 30);
        FileCheckpointStore store = new FileCheckpointStore(tmp.resolve("checkpoints"));

        Recorder first = new Recorder();
        AtomicInteger batches = new AtomicInteger();
        List<String> failedBatch = new CopyOnWriteArrayList<>();
        StreamConsumer one = StreamConsumer.builder(fx.source, "s", batch -> {
                    if (batches.incrementAndGet() == 9) {
                        // The handler saw these records (say, half wrote them) and then failed.
                        first.handle(batch);
                        batch.records().forEach(r -> failedBatch.add(Recorder.id(batch.shardId(), r)));
                        throw new IllegalStateException("disk full");
                    }
                    first.handle(batch);
                })
                .checkpoints(store)
                .options(fast(3, 40))
                .build();
        IOException e = assertThrows(IOException.class, one::run);
        assertTrue(e.getMessage().contains("record handler failed on shard"), e.getMessage());
        assertTrue(e.getMessage().contains("disk full"), e.getMessage());

        Recorder second = new Recorder();
        StreamConsumer.builder(fx.source, "s", second)
                .checkpoints(new FileCheckpointStore(tmp.resolve("checkpoints")))
                .options(fast(3, 40))
                .build()
                .runUntilCaughtUp();
        Set<String> overlap = first.idSet();
        overlap.retainAll(second.idSet());
        assertEquals(new HashSet<>(failedBatch), overlap, "only the batch that was not checkpointed comes again");
        Set<String> all = first.idSet();
        all.addAll(second.idSet());
        assertEquals(1500, all.size(), "nothing lost");
    }

    @Test
    void aCheckpointThatFailsToSaveIsTheAtLeastOnceWindow() throws Exception {
        fx = new ServiceFixture(tmp.resolve("data"));
        fx.create("s", 2);
        fx.putMany("s", 800, 20);
        FileCheckpointStore store = new FileCheckpointStore(tmp.resolve("checkpoints"));
        AtomicInteger saves = new AtomicInteger();
        AtomicReference<String> unsaved = new AtomicReference<>();
        CheckpointStore failing = new CheckpointStore() {
            @Override
            public Map<String, Checkpoint> load(String stream) throws IOException {
                return store.load(stream);
            }

            @Override
            public void save(String stream, String shardId, Checkpoint checkpoint) throws IOException {
                if (saves.incrementAndGet() == 6) {
                    unsaved.set(shardId + "/" + checkpoint.sequenceNumber());
                    throw new IOException("checkpoint volume unavailable");
                }
                store.save(stream, shardId, checkpoint);
            }
        };
        Recorder first = new Recorder();
        List<List<String>> batches = new CopyOnWriteArrayList<>();
        StreamConsumer one = StreamConsumer.builder(fx.source, "s", batch -> {
                    first.handle(batch);
                    batches.add(batch.records().stream()
                            .map(r -> Recorder.id(batch.shardId(), r))
                            .toList());
                })
                .checkpoints(failing)
                .options(fast(2, 30))
                .build();
        IOException e = assertThrows(IOException.class, one::run);
        assertTrue(e.getMessage().contains("checkpoint volume unavailable"), e.getMessage());

        Recorder second = new Recorder();
        StreamConsumer.builder(fx.source, "s", second)
                .checkpoints(new FileCheckpointStore(tmp.resolve("checkpoints")))
                .options(fast(2, 30))
                .build()
                .runUntilCaughtUp();
        Set<String> overlap = first.idSet();
        overlap.retainAll(second.idSet());
        List<String> expected = batches.stream()
                .filter(b -> b.get(b.size() - 1).equals(unsaved.get()))
                .findFirst()
                .orElseThrow();
        assertEquals(new HashSet<>(expected), overlap, "the batch whose checkpoint was not saved comes again");
        Set<String> all = first.idSet();
        all.addAll(second.idSet());
        assertEquals(800, all.size());
    }

    @Test
    void anExpiredIteratorIsAcquiredAgainAfterTheLastDeliveredRecord() throws Exception {
        fx = new ServiceFixture(tmp.resolve("data"));
        fx.create("s", 1);
        fx.putMany("s", 100, 5);
        Recorder got = new Recorder();
        AtomicInteger calls = new AtomicInteger();
        StreamConsumer consumer = StreamConsumer.builder(fx.source, "s", batch -> {
                    got.handle(batch);
                    if (calls.incrementAndGet() == 2) {
                        // A slow handler: the iterator the consumer holds is past its five minutes.
                        fx.clock.advance(Duration.ofMinutes(6).toMillis());
                    }
                })
                .options(fast(1, 10))
                .build();
        consumer.runUntilCaughtUp();
        assertEquals(1, consumer.stats().expiredIterators());
        Recorder.assertExactlyOnceInOrder(fx.sentSnapshot(), got.byKey);
        assertEquals(100, got.idSet().size());
    }

    @Test
    void aCheckpointBehindTheTrimHorizonContinuesThereAndReportsTheGap() throws Exception {
        fx = new ServiceFixture(
                tmp.resolve("data"), false, ShardLogOptions.defaults().withSegmentBytes(1024));
        fx.create("s", 1);
        fx.putMany("s", 100, 1);
        Recorder early = new Recorder();
        StreamConsumer.builder(fx.source, "s", early).build().runUntilCaughtUp();
        String shard = fx.openShards("s").get(0).shardId();
        String eleventh = early.ids.get(10).substring(shard.length() + 1);
        InMemoryStore store = new InMemoryStore();
        store.save("s", shard, Checkpoint.at(eleventh));

        // Everything the checkpoint points into expires; new records arrive after the trim.
        fx.clock.advance(Duration.ofHours(25).toMillis());
        fx.service.runMaintenance();
        fx.putMany("s", 20, 1);

        List<TrimGap> gaps = new CopyOnWriteArrayList<>();
        Recorder got = new Recorder();
        StreamConsumer consumer = StreamConsumer.builder(fx.source, "s", got)
                .checkpoints(store)
                .onTrimGap(gaps::add)
                .build();
        consumer.runUntilCaughtUp();
        assertEquals(List.of(100, 101, 102), got.byKey.get("k0").subList(0, 3), "continued at the horizon");
        assertEquals(20, got.count());
        assertEquals(1, gaps.size(), () -> "gaps: " + gaps);
        TrimGap gap = gaps.get(0);
        assertEquals(89, gap.missingRecords(), gap::toString);
        assertEquals(eleventh, gap.afterSequenceNumber());
        assertEquals(1, consumer.stats().trimGaps());
        assertEquals(89, consumer.stats().recordsLostToTrim());
    }

    @Test
    void throttlingBacksOffBoundedWithJitterAndLosesNothing() throws Exception {
        fx = new ServiceFixture(tmp.resolve("data"), true, ShardLogOptions.defaults());
        fx.create("s", 2);
        fx.putMany("s", 600, 12);
        List<Duration> waits = new CopyOnWriteArrayList<>();
        Recorder got = new Recorder();
        StreamConsumer consumer = StreamConsumer.builder(fx.source, "s", got)
                .options(fast(2, 10))
                .random(new Random(3))
                .sleeper(d -> {
                    waits.add(d);
                    // Time passes only while the consumer backs off: the limit of 5 reads a second bites at once.
                    fx.clock.advance(d.toMillis());
                })
                .build();
        consumer.runUntilCaughtUp();
        Recorder.assertExactlyOnceInOrder(fx.sentSnapshot(), got.byKey);
        ConsumerStats stats = consumer.stats();
        assertTrue(stats.throttled() > 0, stats::toString);
        assertEquals(stats.throttled(), waits.size());
        ConsumerOptions defaults = ConsumerOptions.defaults();
        for (Duration d : waits) {
            assertTrue(
                    d.compareTo(defaults.backoffBase().dividedBy(2)) >= 0 && d.compareTo(defaults.backoffMax()) <= 0,
                    "backoff out of bounds: " + d);
        }
    }

    @Test
    void latestSkipsWhatIsThereAndAtTimestampStartsAtTheTime() throws Exception {
        fx = new ServiceFixture(tmp.resolve("data"));
        fx.create("s", 2);
        fx.putMany("s", 50, 5);
        fx.clock.advance(60_000);
        var cutoff = fx.clock.instant();
        fx.putMany("s", 30, 5);

        Recorder fromTime = new Recorder();
        StreamConsumer.builder(fx.source, "s", fromTime)
                .initialPosition(StartPosition.atTimestamp(cutoff))
                .build()
                .runUntilCaughtUp();
        assertEquals(30, fromTime.count());
        fromTime.byKey.values().forEach(v -> assertEquals(List.of(10, 11, 12, 13, 14, 15), v));

        // LATEST: closed shards present at start are skipped, children created later are read from their start.
        fx.splitFirstOpenShard("s");
        Recorder latest = new Recorder();
        AtomicInteger iterators = new AtomicInteger();
        StreamSource counting = new StreamSource() {
            @Override
            public List<ShardDescription> listShards(String stream) throws IOException {
                return fx.source.listShards(stream);
            }

            @Override
            public String getShardIterator(String stream, String shardId, StartPosition position) throws IOException {
                String it = fx.source.getShardIterator(stream, shardId, position);
                iterators.incrementAndGet();
                return it;
            }

            @Override
            public RecordBatch getRecords(String shardIterator, int limit) throws IOException {
                return fx.source.getRecords(shardIterator, limit);
            }
        };
        StreamConsumer following = StreamConsumer.builder(counting, "s", latest)
                .initialPosition(StartPosition.latest())
                .options(fast(2, 100))
                .build();
        Thread t = new Thread(() -> {
            try {
                following.run();
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        t.start();
        // LATEST means records put after the consumer has its iterators; wait for every shard to be read once.
        waitUntil(() -> iterators.get() >= 3);
        assertEquals(0, following.stats().batches());
        fx.scale("s", 2);
        fx.putMany("s", 25, 5);
        assertTrue(latest.await(25, 30_000), () -> "delivered " + latest.count());
        following.close();
        t.join();
        assertEquals(25, latest.count());
        latest.byKey.values().forEach(v -> assertEquals(List.of(16, 17, 18, 19, 20), v));
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met in 30 s");
            }
            Thread.sleep(5);
        }
    }

    private static Map<String, List<Integer>> concat(Recorder a, Recorder b) {
        Map<String, List<Integer>> all = new java.util.TreeMap<>();
        for (Recorder r : List.of(a, b)) {
            r.byKey.forEach(
                    (k, v) -> all.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
        }
        return all;
    }

    /** A store whose saves are durable for the life of the test. */
    static final class InMemoryStore implements CheckpointStore {
        private final Map<String, Map<String, Checkpoint>> map = new java.util.HashMap<>();

        @Override
        public synchronized Map<String, Checkpoint> load(String stream) {
            return Map.copyOf(map.getOrDefault(stream, Map.of()));
        }

        @Override
        public synchronized void save(String stream, String shardId, Checkpoint checkpoint) {
            map.computeIfAbsent(stream, s -> new java.util.HashMap<>()).put(shardId, checkpoint);
        }
    }
}
