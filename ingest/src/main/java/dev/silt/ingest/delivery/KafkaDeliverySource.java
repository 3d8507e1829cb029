package dev.silt.ingest.delivery;

import dev.silt.ingest.IngestKeys;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Apache Kafka topics as a delivery source: every partition of the topics is a source partition named as Kafka
 * names it, {@code <topic>-<partition>}; a record's position is its offset and its arrival time is its Kafka
 * timestamp (create time, or log-append time when the topic says so), so a record read again lands under the same
 * hour.
 *
 * <p>Offsets: the delivery's checkpoints are the truth. The source joins a consumer group (so Kafka's tools show
 * its lag and partitions are balanced over group members) but commits an offset to the group only once the
 * delivery has {@linkplain #landed landed} every record before it, never on poll: a committed offset {@code o}
 * means every record below {@code o} is in a durable file. Where a partition starts: after the delivery's landed
 * position when it has one ({@link #seek}), else at the group's committed offset, else at the earliest retained
 * record. A crash therefore neither loses nor duplicates: the restart seeks each partition to its landed offset
 * plus one, and records read again that a file already holds are skipped by the delivery.
 *
 * <p>Rebalancing: when partitions are revoked, the source commits what is landed of them, forgets what it polled
 * and did not hand out, and the member that gets them starts at the committed offset, so records polled here but
 * not landed are read again by whoever owns the partition next. Assumption (as for every delivery source): one
 * delivery stream process lands a given partition at a time; a group of several processes is at least once for
 * the records buffered in a process when its partitions move.
 *
 * <p>Backpressure: a poll takes at most {@code max.poll.records} from the consumer and hands out what was asked
 * for; the rest (never more than one Kafka poll) waits for the next call. The consumer's own fetch buffer is
 * bounded by its {@code fetch.max.bytes}.
 *
 * <p>Threading: not thread-safe (neither is {@link KafkaConsumer}); the delivery calls it from one thread at a
 * time. The source owns its consumer and closes it in {@link #close}, which leaves the group.
 */
public final class KafkaDeliverySource implements DeliverySource {
    private static final System.Logger LOG = System.getLogger(KafkaDeliverySource.class.getName());

    private final Consumer<byte[], byte[]> consumer;
    private final List<String> topics;
    private final Clock clock;
    private final Duration pollTimeout;
    /** Where the delivery wants each partition to continue: the offset after its landed position. */
    private final Map<TopicPartition, Long> resumeAt = new HashMap<>();
    /** Offsets landed and not yet committed to the group. */
    private final Map<TopicPartition, Long> uncommitted = new HashMap<>();
    /** Records taken from the consumer and not yet handed out (at most one Kafka poll's worth). */
    private final ArrayDeque<ConsumerRecord<byte[], byte[]>> pending = new ArrayDeque<>();

    private final Set<TopicPartition> assigned = new HashSet<>();
    private long lastTimestamp = -1;
    private long commitFailures;
    private long rebalances;
    private boolean subscribed;

    private KafkaDeliverySource(Builder b) {
        Map<String, Object> props = new HashMap<>(b.properties);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, b.bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, b.group);
        // Offsets are committed by the delivery's landings, never by a timer.
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(b.maxPollRecords));
        props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "silt-delivery-" + b.group);
        // Records of aborted transactions never land.
        props.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.topics = List.copyOf(b.topics);
        this.clock = b.clock;
        this.pollTimeout = b.pollTimeout;
    }

    /**
     * Starts building a source that reads {@code topics} from the cluster at {@code bootstrap} ({@code
     * host:port[,host:port...]}).
     */
    public static Builder builder(String bootstrap, List<String> topics) {
        return new Builder(bootstrap, topics);
    }

    /** Settings of a Kafka source. Not thread-safe. */
    public static final class Builder {
        private final String bootstrap;
        private final List<String> topics;
        private String group = "silt-delivery";
        private final Map<String, Object> properties = new HashMap<>();
        private Clock clock = Clock.systemUTC();
        private Duration pollTimeout = Duration.ofMillis(IngestKeys.DELIVERY_KAFKA_POLL_TIMEOUT_MILLIS.defaultLong());
        private int maxPollRecords = (int) IngestKeys.DELIVERY_POLL_RECORDS.defaultLong();

        private Builder(String bootstrap, List<String> topics) {
            this.bootstrap = Objects.requireNonNull(bootstrap, "bootstrap");
            if (bootstrap.isBlank()) {
                throw new IllegalArgumentException("a Kafka source needs bootstrap servers (host:port)");
            }
            if (topics.isEmpty()) {
                throw new IllegalArgumentException("a Kafka source needs at least one topic");
            }
            this.topics = List.copyOf(topics);
        }

        /**
         * Takes the settings of delivery stream {@code deliveryStream} from {@code conf}: the group ({@code
         * silt.ingest.delivery.kafka.group}, else {@code silt-delivery-<deliveryStream>}), the poll wait ({@code
         * silt.ingest.delivery.kafka.poll.timeout.ms}) and the records per poll ({@code
         * silt.ingest.delivery.poll.records}).
         */
        public Builder configure(String deliveryStream, Map<String, String> conf) {
            String configured = IngestKeys.DELIVERY_KAFKA_GROUP.getString(conf);
            group(configured.isEmpty() ? "silt-delivery-" + deliveryStream : configured);
            pollTimeout(Duration.ofMillis(IngestKeys.DELIVERY_KAFKA_POLL_TIMEOUT_MILLIS.getLong(conf)));
            return maxPollRecords((int) IngestKeys.DELIVERY_POLL_RECORDS.getLong(conf));
        }

        /** The consumer group ({@code group.id}); {@code silt-delivery} by default, one per delivery stream. */
        public Builder group(String value) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("Kafka consumer group must not be empty");
            }
            this.group = value;
            return this;
        }

        /**
         * A Kafka consumer setting (security, timeouts, fetch sizes). Bootstrap servers, group and auto commit are
         * the source's own and cannot be set here.
         */
        public Builder property(String key, Object value) {
            if (key.equals(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG)
                    || key.equals(ConsumerConfig.GROUP_ID_CONFIG)
                    || key.equals(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG)) {
                throw new IllegalArgumentException(
                        "Kafka setting '" + key + "' is set by the delivery source itself and cannot be overridden");
            }
            properties.put(key, value);
            return this;
        }

        /** Records taken from Kafka per poll (its {@code max.poll.records}); the delivery's poll size by default. */
        public Builder maxPollRecords(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("max poll records must be at least 1, got " + value);
            }
            this.maxPollRecords = value;
            return this;
        }

        /** How long one poll may wait for records, 50 ms by default; zero returns at once. */
        public Builder pollTimeout(Duration value) {
            this.pollTimeout = Objects.requireNonNull(value, "pollTimeout");
            return this;
        }

        /** Tells how far behind the newest record the source is, for the delivery's lag. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** Creates the consumer; it connects on the first poll. */
        public KafkaDeliverySource build() {
            return new KafkaDeliverySource(this);
        }
    }

    /** The delivery partition id of a Kafka partition: {@code <topic>-<partition>}. */
    public static String partitionId(TopicPartition tp) {
        return tp.topic() + "-" + tp.partition();
    }

    private static TopicPartition topicPartition(String partition) {
        int dash = partition.lastIndexOf('-');
        if (dash <= 0 || dash == partition.length() - 1) {
            throw new IllegalArgumentException(
                    "'" + partition + "' is not a Kafka partition id (expected <topic>-<partition>)");
        }
        try {
            return new TopicPartition(partition.substring(0, dash), Integer.parseInt(partition.substring(dash + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "'" + partition + "' is not a Kafka partition id (expected <topic>-<partition>)", e);
        }
    }

    @Override
    public void seek(String partition, long afterSequence) {
        TopicPartition tp = topicPartition(partition);
        if (!topics.contains(tp.topic())) {
            // A checkpoint of a topic this source no longer reads: nothing to position.
            return;
        }
        resumeAt.put(tp, afterSequence + 1);
        if (assigned.contains(tp)) {
            dropPending(Set.of(tp));
            consumer.seek(tp, afterSequence + 1);
        }
    }

    @Override
    public List<SourceRecord> poll(int maxRecords) throws IOException {
        try {
            if (!subscribed) {
                consumer.subscribe(topics, new Rebalance());
                subscribed = true;
            }
            if (pending.isEmpty()) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(pollTimeout)) {
                    pending.add(r);
                }
            }
            commitLanded();
        } catch (KafkaException e) {
            throw new IOException("polling Kafka topics " + topics + " failed: " + e.getMessage(), e);
        }
        List<SourceRecord> out = new ArrayList<>(Math.min(maxRecords, pending.size()));
        while (out.size() < maxRecords && !pending.isEmpty()) {
            ConsumerRecord<byte[], byte[]> r = pending.poll();
            // Kafka's null value (a tombstone) carries no data to land.
            byte[] value = r.value() == null ? new byte[0] : r.value();
            long arrival = r.timestamp() >= 0 ? r.timestamp() : clock.millis();
            lastTimestamp = arrival;
            out.add(new SourceRecord(
                    partitionId(new TopicPartition(r.topic(), r.partition())), r.offset(), arrival, value));
        }
        return out;
    }

    @Override
    public void landed(String partition, long resumeAfter) {
        TopicPartition tp = topicPartition(partition);
        uncommitted.merge(tp, resumeAfter + 1, Math::max);
        resumeAt.merge(tp, resumeAfter + 1, Math::max);
        commitLanded();
    }

    /** Commits the landed offsets of the partitions this member owns; the rest wait for the next assignment. */
    private void commitLanded() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (Map.Entry<TopicPartition, Long> e : uncommitted.entrySet()) {
            if (assigned.contains(e.getKey())) {
                offsets.put(e.getKey(), new OffsetAndMetadata(e.getValue()));
            }
        }
        if (offsets.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(offsets);
            uncommitted.keySet().removeAll(offsets.keySet());
        } catch (KafkaException e) {
            // The delivery's checkpoint already holds these positions; the group's copy is retried next time.
            commitFailures++;
            LOG.log(
                    System.Logger.Level.WARNING,
                    "committing landed offsets " + offsets + " to group failed; retrying on the next landing",
                    e);
        }
    }

    private void dropPending(Collection<TopicPartition> partitions) {
        for (Iterator<ConsumerRecord<byte[], byte[]>> it = pending.iterator(); it.hasNext(); ) {
            ConsumerRecord<byte[], byte[]> r = it.next();
            if (partitions.contains(new TopicPartition(r.topic(), r.partition()))) {
                it.remove();
            }
        }
    }

    /** Runs inside {@link KafkaConsumer#poll}, on the polling thread. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            rebalances++;
            commitLanded();
            assigned.removeAll(partitions);
            // Polled but not handed out: the next owner reads them from the committed offset.
            dropPending(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            // Another member may own them already: committing would be refused.
            assigned.removeAll(partitions);
            dropPending(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            assigned.addAll(partitions);
            for (TopicPartition tp : partitions) {
                Long at = resumeAt.get(tp);
                if (at != null) {
                    consumer.seek(tp, at);
                }
            }
            commitLanded();
        }
    }

    @Override
    public boolean replayable() {
        return true;
    }

    /** Records of the owned partitions not yet handed out, from the consumer's view of their end offsets. */
    @Override
    public long backlogRecords() {
        long backlog = pending.size();
        for (TopicPartition tp : assigned) {
            OptionalLong lag = consumer.currentLag(tp);
            if (lag.isEmpty()) {
                return -1;
            }
            backlog += lag.getAsLong();
        }
        return backlog;
    }

    /** Age of the last record handed out while records are waiting; 0 when caught up. */
    @Override
    public long millisBehindLatest() {
        long backlog = backlogRecords();
        if (backlog == 0) {
            return 0;
        }
        if (backlog < 0 || lastTimestamp < 0) {
            return -1;
        }
        return Math.max(0, clock.millis() - lastTimestamp);
    }

    /** Partitions this member owns now, as delivery partition ids. */
    public Set<String> assignedPartitions() {
        Set<String> out = new HashSet<>();
        for (TopicPartition tp : assigned) {
            out.add(partitionId(tp));
        }
        return out;
    }

    /** Commits of landed offsets the group refused (each retried later). */
    public long commitFailures() {
        return commitFailures;
    }

    /** Times partitions were revoked from this member. */
    public long rebalances() {
        return rebalances;
    }

    /** Commits what is landed of the partitions it owns, then leaves the group and closes the consumer. */
    @Override
    public void close() throws IOException {
        try {
            commitLanded();
            consumer.close(Duration.ofSeconds(10));
        } catch (KafkaException e) {
            throw new IOException("closing the Kafka consumer of " + topics + " failed: " + e.getMessage(), e);
        }
    }
}
