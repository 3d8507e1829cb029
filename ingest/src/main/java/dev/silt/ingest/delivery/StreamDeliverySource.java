package dev.silt.ingest.delivery;

import dev.silt.ingest.IngestKeys;
import dev.silt.ingest.consumer.Backoff;
import dev.silt.ingest.consumer.ConsumerOptions;
import dev.silt.ingest.consumer.RecordBatch;
import dev.silt.ingest.consumer.ShardDescription;
import dev.silt.ingest.consumer.StartPosition;
import dev.silt.ingest.consumer.StreamApiException;
import dev.silt.ingest.consumer.StreamRecord;
import dev.silt.ingest.consumer.StreamSource;
import dev.silt.ingest.consumer.TrimGap;
import dev.silt.ingest.stream.SequenceNumbers;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * A silt stream as a delivery source: every shard is a source partition (its shard id), read through a {@link
 * StreamSource} (the in-process {@code ServiceStreamSource} or the HTTP {@code KinesisHttpClient}), following
 * resharding lineage.
 *
 * <p>Positions: silt numbers a stream's records {@code 49·10^54 + offset} with a 63-bit offset ({@link
 * SequenceNumbers}), so the offset is the record's {@link SourceRecord#sequence()}: exact, strictly increasing in
 * a shard, and turned back into the wire form for {@code AFTER_SEQUENCE_NUMBER}. A sequence number silt did not
 * issue (another Kinesis implementation's 128-bit numbers) fails the poll with a message saying so.
 *
 * <p>Lineage: a child shard is read only once each parent still listed was read to its end <em>and</em> the
 * delivery has {@linkplain #landed landed} every record of it, so the records of one partition key land in order
 * (a child's first file is never committed before its parent's last). A parent gone from the listing (expired) is
 * done. A child of a shard read here starts at its trim horizon.
 *
 * <p>Restart: the delivery {@link #seek}s every shard with a checkpoint; a shard resumes with {@code
 * AFTER_SEQUENCE_NUMBER}; a closed shard whose ending sequence number is landed is not read at all; shards with no
 * checkpoint start at their trim horizon. An expired iterator is acquired again after the last record polled.
 * Records that expired (retention) between the landed position and the first record still retained are reported
 * as a {@link TrimGap} to the gap listener and counted, never skipped silently.
 *
 * <p>Backpressure: one poll makes at most one {@code GetRecords} call per ready shard, each asking for no more
 * than the poll still wants, so the source never holds records the delivery did not ask for. A shard that had
 * nothing new, or was throttled, waits (by the injected clock) before it is read again.
 *
 * <p>Threading: not thread-safe; the delivery calls it from one thread at a time. It does not own the {@link
 * StreamSource}: {@link #close} leaves it open.
 */
public final class StreamDeliverySource implements DeliverySource {
    private static final System.Logger LOG = System.getLogger(StreamDeliverySource.class.getName());

    private final StreamSource source;
    private final String stream;
    private final Clock clock;
    private final int recordsPerCall;
    private final long idlePollMillis;
    private final long relistMillis;
    private final int maxRetries;
    private final Backoff backoff;
    private final Consumer<TrimGap> gapListener;

    /** Shards by id, in listing order (parents before children). */
    private final Map<String, Shard> shards = new LinkedHashMap<>();
    /** Positions the delivery asked for before the shard was listed. */
    private final Map<String, Long> seeks = new HashMap<>();

    private boolean listed;
    private boolean relistNow;
    private long listedAtMillis;
    private int rotation;
    private long trimGaps;
    private long recordsLostToTrim;
    private long expiredIterators;

    /** What is known of one shard. */
    private static final class Shard {
        final String id;
        ShardDescription description;
        /** The last sequence polled, or the position the delivery seeked to; -1: nothing yet. */
        long lastRead = -1;
        /** The delivery's durable position: every record at or before it is landed. */
        long landed = -1;
        /** The first sequence a read must return unless records expired; -1 when unknown. */
        long expectedNext = -1;

        String iterator;
        /** Read to its end: closed, and no record after {@link #lastRead}. */
        boolean ended;
        /** No longer listed by the stream (expired with its records). */
        boolean gone;

        long notBeforeMillis;
        int failures;
        long behindMillis = -1;

        Shard(String id) {
            this.id = id;
        }

        /** Its records are all read and landed, so its children may start. */
        boolean done() {
            return gone || (ended && landed >= lastRead);
        }

        Long endingOffset() {
            String ending = description == null ? null : description.endingSequenceNumber();
            return ending == null ? null : SequenceNumbers.parse(ending);
        }
    }

    private StreamDeliverySource(Builder b) {
        this.source = b.source;
        this.stream = b.stream;
        this.clock = b.clock;
        this.recordsPerCall = b.options.recordsPerCall();
        this.idlePollMillis = b.options.idlePoll().toMillis();
        this.relistMillis = b.relistInterval.toMillis();
        this.maxRetries = b.options.maxRetries();
        this.backoff = new Backoff(b.options.backoffBase(), b.options.backoffMax(), b.random);
        this.gapListener = b.gapListener;
    }

    /** Starts building a source that reads {@code stream} through {@code source}. */
    public static Builder builder(StreamSource source, String stream) {
        return new Builder(source, stream);
    }

    /** Settings of a stream source. Not thread-safe. */
    public static final class Builder {
        private final StreamSource source;
        private final String stream;
        private Clock clock = Clock.systemUTC();
        private ConsumerOptions options = ConsumerOptions.defaults();
        private Duration relistInterval = Duration.ofSeconds(30);
        private RandomGenerator random = new Random();
        private Consumer<TrimGap> gapListener = gap -> {};

        private Builder(StreamSource source, String stream) {
            this.source = Objects.requireNonNull(source, "source");
            this.stream = Objects.requireNonNull(stream, "stream");
        }

        /** Times pauses after empty or throttled reads and the periodic relisting. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Records per {@code GetRecords} call, pause after an empty read, backoff and retries ({@link IngestKeys}
         * {@code silt.ingest.consumer.*}); the number of workers does not apply.
         */
        public Builder options(ConsumerOptions value) {
            this.options = Objects.requireNonNull(value, "options");
            return this;
        }

        /** How often shards are listed again when none ended (to notice new ones); 30 seconds by default. */
        public Builder relistInterval(Duration value) {
            this.relistInterval = Objects.requireNonNull(value, "relistInterval");
            return this;
        }

        /** Jitter of the backoff. */
        public Builder random(RandomGenerator value) {
            this.random = Objects.requireNonNull(value, "random");
            return this;
        }

        /** Told of records that expired before they were read; called from the polling thread. */
        public Builder gapListener(Consumer<TrimGap> value) {
            this.gapListener = Objects.requireNonNull(value, "gapListener");
            return this;
        }

        public StreamDeliverySource build() {
            return new StreamDeliverySource(this);
        }
    }

    /** The stream read. */
    public String stream() {
        return stream;
    }

    @Override
    public void seek(String partition, long afterSequence) {
        seeks.put(partition, afterSequence);
        Shard s = shards.get(partition);
        if (s != null) {
            position(s, afterSequence);
        }
    }

    private void position(Shard s, long afterSequence) {
        s.lastRead = afterSequence;
        s.landed = Math.max(s.landed, afterSequence);
        s.expectedNext = afterSequence + 1;
        s.iterator = null;
        s.ended = false;
        Long ending = s.endingOffset();
        if (ending != null && afterSequence >= ending) {
            // Closed and landed to its last record: nothing to read again.
            s.ended = true;
        }
    }

    @Override
    public void landed(String partition, long resumeAfter) {
        Shard s = shards.get(partition);
        if (s != null && resumeAfter > s.landed) {
            s.landed = resumeAfter;
        }
    }

    @Override
    public List<SourceRecord> poll(int maxRecords) throws IOException {
        long now = clock.millis();
        if (!listed || relistNow || now - listedAtMillis >= relistMillis) {
            list(now);
        }
        List<Shard> ready = new ArrayList<>();
        for (Shard s : shards.values()) {
            if (!s.ended && !s.gone && now >= s.notBeforeMillis && parentsDone(s)) {
                ready.add(s);
            }
        }
        List<SourceRecord> out = new ArrayList<>(Math.min(maxRecords, 1024));
        for (int i = 0; i < ready.size() && out.size() < maxRecords; i++) {
            Shard s = ready.get((rotation + i) % ready.size());
            read(s, maxRecords - out.size(), out, now);
        }
        rotation++;
        return out;
    }

    private boolean parentsDone(Shard s) {
        for (String p : s.description.parents()) {
            Shard parent = shards.get(p);
            if (parent != null && !parent.done()) {
                return false;
            }
        }
        return true;
    }

    private void list(long now) throws IOException {
        List<ShardDescription> listing;
        try {
            listing = source.listShards(stream);
        } catch (StreamApiException e) {
            if (e.isNotFound()) {
                throw new IOException("stream '" + stream + "' does not exist: " + e.getMessage(), e);
            }
            throw e;
        }
        listedAtMillis = now;
        relistNow = false;
        Map<String, ShardDescription> byId = new LinkedHashMap<>();
        for (ShardDescription d : listing) {
            byId.put(d.shardId(), d);
        }
        for (Shard s : shards.values()) {
            if (!byId.containsKey(s.id) && !s.gone) {
                expired(s);
            }
        }
        // Parents first, so a child's lineage test sees every listed parent.
        List<ShardDescription> ordered = new ArrayList<>(byId.values());
        ordered.sort((a, b) -> Long.compare(startOffset(a), startOffset(b)));
        for (ShardDescription d : ordered) {
            Shard s = shards.get(d.shardId());
            if (s != null) {
                s.description = d;
                Long ending = s.endingOffset();
                if (ending != null && s.lastRead >= ending) {
                    s.ended = true;
                }
                continue;
            }
            s = new Shard(d.shardId());
            s.description = d;
            Long seek = seeks.get(d.shardId());
            if (seek != null) {
                position(s, seek);
            } else {
                for (String p : d.parents()) {
                    if (shards.containsKey(p)) {
                        // A child of a shard read here: every record it holds follows the parent's, none may be
                        // missing.
                        s.expectedNext = startOffset(d);
                    }
                }
            }
            shards.put(d.shardId(), s);
        }
        listed = true;
    }

    private static long startOffset(ShardDescription d) {
        return d.startingSequenceNumber() == null ? 0 : SequenceNumbers.parse(d.startingSequenceNumber());
    }

    /** A shard that left the listing: its records expired; the unread ones are a gap if it had any. */
    private void expired(Shard s) {
        s.gone = true;
        Long ending = s.endingOffset();
        if (!s.ended && ending != null && ending > s.lastRead) {
            long missing = s.lastRead < 0 ? -1 : ending - s.lastRead;
            gap(s, null, missing);
        }
    }

    private void read(Shard s, int wanted, List<SourceRecord> out, long now) throws IOException {
        RecordBatch batch;
        try {
            if (s.iterator == null) {
                s.iterator = acquire(s);
                if (s.iterator == null) {
                    return;
                }
            }
            int limit = Math.min(wanted, recordsPerCall);
            try {
                batch = source.getRecords(s.iterator, limit);
            } catch (StreamApiException e) {
                if (!e.isExpiredIterator()) {
                    throw e;
                }
                expiredIterators++;
                LOG.log(
                        System.Logger.Level.INFO,
                        () -> "iterator of shard " + s.id + " of " + stream + " expired; acquiring a new one");
                s.iterator = acquire(s);
                if (s.iterator == null) {
                    return;
                }
                batch = source.getRecords(s.iterator, limit);
            }
        } catch (StreamApiException e) {
            if (e.isThrottling() || (e.isTransient() && s.failures < maxRetries)) {
                retryLater(s, now, e);
                return;
            }
            throw new IOException("reading shard " + s.id + " of stream '" + stream + "' failed: " + e.getMessage(), e);
        } catch (IOException e) {
            if (s.failures < maxRetries) {
                retryLater(s, now, e);
                return;
            }
            throw new IOException(
                    "reading shard " + s.id + " of stream '" + stream + "' failed " + (s.failures + 1) + " times: "
                            + e.getMessage(),
                    e);
        }
        s.failures = 0;
        List<StreamRecord> records = batch.records();
        for (StreamRecord r : records) {
            long sequence = offset(s, r.sequenceNumber());
            if (sequence <= s.lastRead) {
                continue;
            }
            if (s.expectedNext >= 0 && sequence > s.expectedNext) {
                gap(s, r.sequenceNumber(), sequence - s.expectedNext);
            }
            s.expectedNext = sequence + 1;
            s.lastRead = sequence;
            out.add(new SourceRecord(s.id, sequence, r.approximateArrival().toEpochMilli(), r.data()));
        }
        s.behindMillis = batch.millisBehindLatest() == null ? -1 : batch.millisBehindLatest();
        if (batch.shardEnded()) {
            s.ended = true;
            s.iterator = null;
            s.behindMillis = 0;
            relistNow = true;
            return;
        }
        s.iterator = batch.nextShardIterator();
        if (records.isEmpty()) {
            s.notBeforeMillis = now + idlePollMillis;
        }
    }

    private void retryLater(Shard s, long now, IOException e) {
        Duration delay = backoff.delay(s.failures);
        s.failures++;
        s.notBeforeMillis = now + delay.toMillis();
        LOG.log(
                System.Logger.Level.DEBUG,
                () -> "shard " + s.id + " of " + stream + ": " + e.getMessage() + "; retrying in " + delay.toMillis()
                        + " ms");
    }

    /** An iterator after the last record polled (or at the trim horizon); null when the shard has expired. */
    private String acquire(Shard s) throws IOException {
        StartPosition position = s.lastRead < 0
                ? StartPosition.trimHorizon()
                : StartPosition.afterSequence(SequenceNumbers.format(s.lastRead));
        try {
            return source.getShardIterator(stream, s.id, position);
        } catch (StreamApiException e) {
            if (e.isNotFound()) {
                expired(s);
                return null;
            }
            if (s.lastRead < 0 || !StreamApiException.INVALID_ARGUMENT.equals(e.errorType())) {
                throw e;
            }
            // Refused because the position was trimmed: continue at the oldest record; the first batch measures
            // and reports the gap.
            LOG.log(
                    System.Logger.Level.WARNING,
                    "shard " + s.id + " of " + stream + " cannot resume after its landed position (" + e.getMessage()
                            + "); continuing at the trim horizon");
            return source.getShardIterator(stream, s.id, StartPosition.trimHorizon());
        }
    }

    private long offset(Shard s, String sequenceNumber) throws IOException {
        try {
            return SequenceNumbers.parse(sequenceNumber);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new IOException(
                    "shard " + s.id + " of stream '" + stream + "' returned sequence number " + sequenceNumber
                            + ", which silt did not issue: the stream delivery source reads silt streams, whose"
                            + " sequence numbers map onto the delivery's 64-bit positions",
                    e);
        }
    }

    private void gap(Shard s, String resumedAt, long missing) {
        TrimGap gap = new TrimGap(
                stream,
                s.id,
                s.expectedNext > 0 ? SequenceNumbers.format(s.expectedNext - 1) : null,
                resumedAt,
                missing);
        trimGaps++;
        if (missing > 0) {
            recordsLostToTrim += missing;
        }
        LOG.log(System.Logger.Level.WARNING, "records lost to retention before delivery: " + gap);
        gapListener.accept(gap);
    }

    @Override
    public boolean replayable() {
        return true;
    }

    /**
     * Records of closed shards not yet polled, when every open shard is caught up; {@code -1} while an open
     * shard is behind, whose tip the stream API does not tell.
     */
    @Override
    public long backlogRecords() {
        long backlog = 0;
        for (Shard s : shards.values()) {
            if (s.ended || s.gone) {
                continue;
            }
            Long ending = s.endingOffset();
            if (ending != null) {
                backlog += Math.max(0, ending - Math.max(s.lastRead, startOffset(s.description) - 1));
            } else if (s.behindMillis != 0) {
                return -1;
            }
        }
        return backlog;
    }

    /** The largest {@code millisBehindLatest} the shards being read last reported; -1 before the first read. */
    @Override
    public long millisBehindLatest() {
        long behind = -1;
        for (Shard s : shards.values()) {
            if (!s.ended && !s.gone) {
                behind = Math.max(behind, s.behindMillis);
            }
        }
        return behind;
    }

    /** Gaps reported so far (each a run of records that expired before they were read). */
    public long trimGaps() {
        return trimGaps;
    }

    /** Records known to have expired before they were read. */
    public long recordsLostToTrim() {
        return recordsLostToTrim;
    }

    /** Iterators that expired and were acquired again. */
    public long expiredIterators() {
        return expiredIterators;
    }

    /** Shards read to their end whose every record is landed. */
    public int shardsDone() {
        int done = 0;
        for (Shard s : shards.values()) {
            if (s.done()) {
                done++;
            }
        }
        return done;
    }
}
