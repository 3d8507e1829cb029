package dev.silt.ingest.consumer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * Reads every shard of a stream and hands the records to a {@link RecordHandler}, following shard lineage across
 * resharding: a child shard is read only once all of its parents were read to their end, so the records of one
 * partition key are delivered in order, each once per run.
 *
 * <p>Positions: a shard with a checkpoint resumes right after it; a shard without one starts at the initial
 * position (TRIM_HORIZON, LATEST or AT_TIMESTAMP), except a child of a shard this consumer read, which starts at
 * its trim horizon so nothing written after the split or merge is skipped. Under LATEST, shards already closed at
 * the first listing are skipped. See {@link CheckpointStore} for what a restart delivers again.
 *
 * <p>Faults: an expired iterator is acquired again right after the last delivered record; throttling is retried
 * with bounded exponential backoff and jitter; a position that fell behind retention continues at the oldest
 * retained record and the gap is reported ({@link TrimGap}: logged, counted, passed to the gap listener), never
 * skipped silently. A handler failure or a non-retryable error stops the consumer and is thrown by {@link #run}.
 *
 * <p>Threading: shards are read by up to {@code maxWorkers} threads, one shard per thread at a time; more ready
 * shards than workers take turns, one call each. {@link #run} or {@link #runUntilCaughtUp} is called once;
 * {@link #close} may be called from any thread (but not from the handler) and returns once every batch in
 * progress was handled and checkpointed.
 */
public final class StreamConsumer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(StreamConsumer.class.getName());

    /**
     * A following consumer lists the shards again this often even when no shard ended, to notice shards whose
     * parents were trimmed away before this consumer saw them end.
     */
    private static final long RELIST_NANOS = TimeUnit.SECONDS.toNanos(30);

    /** The consumer's counters; internal to the package, exposed as {@link ConsumerStats} snapshots. */
    static final class Counters {
        final AtomicLong records = new AtomicLong();
        final AtomicLong batches = new AtomicLong();
        final AtomicLong shardsCompleted = new AtomicLong();
        final AtomicLong expiredIterators = new AtomicLong();
        final AtomicLong trimGaps = new AtomicLong();
        final AtomicLong recordsLostToTrim = new AtomicLong();
    }

    private record Completion(ShardReader reader, ShardReader.Outcome outcome, Throwable failure) {}

    private final StreamSource source;
    private final String stream;
    private final RecordHandler handler;
    private final CheckpointStore checkpoints;
    private final StartPosition initialPosition;
    private final ConsumerOptions options;
    private final Consumer<TrimGap> gapListener;
    private final Retrying retrying;
    private final Counters counters = new Counters();

    private final AtomicBoolean started = new AtomicBoolean();
    private final CountDownLatch stopLatch = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stopping;

    private StreamConsumer(Builder b) {
        this.source = b.source;
        this.stream = b.stream;
        this.handler = b.handler;
        this.checkpoints = b.checkpoints;
        this.initialPosition = b.initialPosition;
        this.options = b.options;
        this.gapListener = b.gapListener;
        Sleeper sleeper = b.sleeper != null ? b.sleeper : d -> stopLatch.await(d.toNanos(), TimeUnit.NANOSECONDS);
        this.retrying = new Retrying(
                new Backoff(options.backoffBase(), options.backoffMax(), b.random),
                sleeper,
                options.maxRetries(),
                () -> stopping);
    }

    public static Builder builder(StreamSource source, String stream, RecordHandler handler) {
        return new Builder(source, stream, handler);
    }

    /** Reads until {@link #close} is called or a failure stops it, which is then thrown. */
    public void run() throws IOException, InterruptedException {
        loop(false);
    }

    /**
     * Reads every shard it can reach until each one is at its tip or closed and read to its end, then returns;
     * child shards of shards that ended are read too. For reading what a stream holds now, e.g. {@code tail}.
     */
    public void runUntilCaughtUp() throws IOException, InterruptedException {
        loop(true);
    }

    /** Asks the consumer to stop without waiting for it; safe to call from the handler. */
    public void requestStop() {
        stopping = true;
        stopLatch.countDown();
    }

    /** Stops the consumer and waits until the batches in progress were handled and checkpointed. */
    @Override
    public void close() throws InterruptedException {
        requestStop();
        if (started.get()) {
            finished.await();
        }
    }

    public ConsumerStats stats() {
        return new ConsumerStats(
                counters.records.get(),
                counters.batches.get(),
                counters.shardsCompleted.get(),
                retrying.throttled.get(),
                retrying.retried.get(),
                counters.expiredIterators.get(),
                counters.trimGaps.get(),
                counters.recordsLostToTrim.get());
    }

    private void loop(boolean untilCaughtUp) throws IOException, InterruptedException {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("a consumer runs once");
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(options.maxWorkers(), r -> {
            Thread t = new Thread(r, "silt-consumer-" + stream + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            new Coordinator(workers, untilCaughtUp).run();
        } catch (Retrying.StoppedException e) {
            // close() while listing shards: nothing was in flight
        } finally {
            workers.shutdown();
            finished.countDown();
        }
    }

    /** The single thread that decides which shard is read next; only it touches the maps below. */
    private final class Coordinator {
        private final ExecutorService workers;
        private final boolean untilCaughtUp;
        private final LinkedBlockingQueue<Completion> completions = new LinkedBlockingQueue<>();
        private final Map<String, ShardDescription> known = new HashMap<>();
        private final Map<String, Checkpoint> saved;
        private final Set<String> finishedShards = new HashSet<>();
        /** Finished shards whose records were read (not skipped under LATEST): their children start at the horizon. */
        private final Set<String> consumed = new HashSet<>();

        private final Map<String, ShardReader> readers = new HashMap<>();
        private final Set<String> inFlight = new HashSet<>();
        private final Set<String> caughtUp = new HashSet<>();
        private final Map<String, Long> dueAtNanos = new HashMap<>();
        private boolean firstListing = true;
        private long lastRefreshNanos;

        Coordinator(ExecutorService workers, boolean untilCaughtUp) throws IOException {
            this.workers = workers;
            this.untilCaughtUp = untilCaughtUp;
            this.saved = new HashMap<>(checkpoints.load(stream));
        }

        void run() throws IOException, InterruptedException, Retrying.StoppedException {
            Throwable failure = null;
            try {
                refresh();
                while (!stopping) {
                    if (!untilCaughtUp && System.nanoTime() - lastRefreshNanos > RELIST_NANOS) {
                        refresh();
                    }
                    startReadyShards();
                    long wait = submitDue();
                    if (untilCaughtUp && inFlight.isEmpty() && dueAtNanos.isEmpty()) {
                        break;
                    }
                    Completion c = completions.poll(wait, TimeUnit.NANOSECONDS);
                    if (c != null && !complete(c)) {
                        failure = c.failure();
                        break;
                    }
                }
            } finally {
                stopping = true;
                stopLatch.countDown();
                while (!inFlight.isEmpty()) {
                    Completion c = completions.take();
                    inFlight.remove(c.reader().shardId());
                    if (c.failure() != null && failure == null) {
                        failure = c.failure();
                    }
                }
            }
            if (failure != null) {
                throw failure instanceof IOException io
                        ? io
                        : new IOException("reading stream " + stream + " failed: " + failure.getMessage(), failure);
            }
        }

        /** Handles a finished step; false when it failed. */
        private boolean complete(Completion c) throws IOException, InterruptedException, Retrying.StoppedException {
            String shard = c.reader().shardId();
            inFlight.remove(shard);
            if (c.failure() != null) {
                return false;
            }
            switch (c.outcome()) {
                case MORE -> dueAtNanos.put(shard, System.nanoTime());
                case CAUGHT_UP -> {
                    if (untilCaughtUp) {
                        caughtUp.add(shard);
                    } else {
                        dueAtNanos.put(
                                shard, System.nanoTime() + options.idlePoll().toNanos());
                    }
                }
                case ENDED -> {
                    readers.remove(shard);
                    finishedShards.add(shard);
                    consumed.add(shard);
                    refresh();
                }
                case STOPPED -> {}
            }
            return true;
        }

        private void refresh() throws IOException, InterruptedException, Retrying.StoppedException {
            List<ShardDescription> shards = retrying.call("ListShards of " + stream, () -> source.listShards(stream));
            lastRefreshNanos = System.nanoTime();
            known.clear();
            for (ShardDescription s : shards) {
                known.put(s.shardId(), s);
            }
            for (ShardDescription s : shards) {
                Checkpoint cp = saved.get(s.shardId());
                if (cp != null && cp.shardEnd() && finishedShards.add(s.shardId())) {
                    consumed.add(s.shardId());
                } else if (cp == null
                        && firstListing
                        && !s.isOpen()
                        && initialPosition.type() == StartPosition.Type.LATEST) {
                    finishedShards.add(s.shardId());
                }
            }
            firstListing = false;
        }

        private void startReadyShards() {
            for (ShardDescription s : known.values()) {
                String id = s.shardId();
                if (finishedShards.contains(id) || readers.containsKey(id) || !parentsDone(s)) {
                    continue;
                }
                Checkpoint cp = saved.get(id);
                StartPosition start = initialPosition;
                boolean childOfConsumed = s.parents().stream().anyMatch(consumed::contains);
                if (childOfConsumed && initialPosition.type() != StartPosition.Type.AT_TIMESTAMP) {
                    start = StartPosition.trimHorizon();
                }
                String resumeAfter = cp == null ? null : cp.sequenceNumber();
                LOG.log(
                        System.Logger.Level.DEBUG,
                        () -> "reading shard " + id + " of " + stream + " from " + (resumeAfter == null ? "" : "after ")
                                + (resumeAfter == null ? "" : resumeAfter));
                readers.put(
                        id,
                        new ShardReader(
                                stream,
                                id,
                                start,
                                resumeAfter,
                                source,
                                checkpoints,
                                handler,
                                retrying,
                                options.recordsPerCall(),
                                () -> stopping,
                                counters,
                                gapListener));
                dueAtNanos.put(id, System.nanoTime());
            }
        }

        /** A parent is done when it was read to its end, skipped, or is gone from the listing (trimmed away). */
        private boolean parentsDone(ShardDescription s) {
            for (String p : s.parents()) {
                if (known.containsKey(p) && !finishedShards.contains(p)) {
                    return false;
                }
            }
            return true;
        }

        /** Submits every shard whose turn has come; returns how long to wait for the next one, in nanoseconds. */
        private long submitDue() {
            long now = System.nanoTime();
            long wait = TimeUnit.SECONDS.toNanos(1);
            List<String> due = new ArrayList<>();
            for (Map.Entry<String, Long> e : dueAtNanos.entrySet()) {
                long left = e.getValue() - now;
                if (left <= 0) {
                    due.add(e.getKey());
                } else {
                    wait = Math.min(wait, left);
                }
            }
            for (String id : due) {
                dueAtNanos.remove(id);
                ShardReader reader = readers.get(id);
                inFlight.add(id);
                workers.execute(() -> {
                    try {
                        completions.add(new Completion(reader, reader.step(), null));
                    } catch (Throwable t) { // reported to the coordinator, which stops and rethrows it
                        completions.add(new Completion(reader, null, t));
                    }
                });
            }
            return wait;
        }
    }

    /** Builds a consumer; the source, stream and handler are required, everything else has a default. */
    public static final class Builder {
        private final StreamSource source;
        private final String stream;
        private final RecordHandler handler;
        private CheckpointStore checkpoints = new InMemoryCheckpoints();
        private StartPosition initialPosition = StartPosition.trimHorizon();
        private ConsumerOptions options = ConsumerOptions.defaults();
        private RandomGenerator random = new Random();
        private Sleeper sleeper;
        private Consumer<TrimGap> gapListener = g -> {};

        private Builder(StreamSource source, String stream, RecordHandler handler) {
            this.source = Objects.requireNonNull(source, "source");
            this.stream = Objects.requireNonNull(stream, "stream");
            this.handler = Objects.requireNonNull(handler, "handler");
        }

        /** Where checkpoints are kept; by default in memory only, so a new consumer starts over. */
        public Builder checkpoints(CheckpointStore store) {
            this.checkpoints = Objects.requireNonNull(store, "store");
            return this;
        }

        /** Where shards without a checkpoint start: TRIM_HORIZON (the default), LATEST or AT_TIMESTAMP. */
        public Builder initialPosition(StartPosition position) {
            if (position.type() == StartPosition.Type.AT_SEQUENCE_NUMBER
                    || position.type() == StartPosition.Type.AFTER_SEQUENCE_NUMBER) {
                throw new IllegalArgumentException("a stream-wide start position cannot name a sequence number");
            }
            this.initialPosition = position;
            return this;
        }

        public Builder options(ConsumerOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /** The source of the backoff's jitter; seed it to make retries repeatable. */
        public Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** How backoff waits; by default a real wait that {@link StreamConsumer#close} cuts short. */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /** Called (from a worker thread) for every gap of records lost to retention, after it was logged. */
        public Builder onTrimGap(Consumer<TrimGap> listener) {
            this.gapListener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        public StreamConsumer build() {
            return new StreamConsumer(this);
        }
    }

    /** Keeps checkpoints for the life of the consumer only. */
    private static final class InMemoryCheckpoints implements CheckpointStore {
        private final Map<String, Map<String, Checkpoint>> map = new HashMap<>();

        @Override
        public synchronized Map<String, Checkpoint> load(String stream) {
            return Map.copyOf(map.getOrDefault(stream, Map.of()));
        }

        @Override
        public synchronized void save(String stream, String shardId, Checkpoint checkpoint) {
            map.computeIfAbsent(stream, s -> new HashMap<>()).put(shardId, checkpoint);
        }
    }
}
