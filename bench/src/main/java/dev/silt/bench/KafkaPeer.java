package dev.silt.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The peer: one Apache Kafka broker in KRaft combined mode (broker and controller in one process), started from its
 * Maven jars in a child JVM as {@code kafka-server-start.sh} would, after formatting its storage as
 * {@code kafka-storage.sh format --standalone} would. One topic of two partitions, replication factor 1.
 *
 * <p>Producing uses one {@link KafkaProducer} with its default settings and {@code acks=all} (the default since
 * Kafka 3.0, set explicitly here), shared by every producer thread, records without a key (so the default sticky
 * partitioner fills both partitions in batches). Like every Kafka default, the broker does not fsync on append
 * ({@code log.flush.interval.messages} is unlimited): an acknowledgement means the record is in the page cache of
 * the one replica. With {@code fsync} set, the broker flushes every append ({@code log.flush.interval.messages=1}).
 * Reading uses one default {@link KafkaConsumer} per partition, assigned, from the beginning.
 */
final class KafkaPeer implements StreamContender {
    private static final String TOPIC = "bench";
    private static final int PARTITIONS = 2;

    private final Payloads payloads;
    private final List<String> jvmOptions;
    private final boolean fsync;
    private final RecordLedger ledger = new RecordLedger();
    private Path dir;
    private ChildProcess broker;
    private String bootstrap;
    private KafkaProducer<byte[], byte[]> producer;

    KafkaPeer(Payloads payloads, List<String> jvmOptions, boolean fsync) {
        this.payloads = payloads;
        this.jvmOptions = jvmOptions;
        this.fsync = fsync;
    }

    @Override
    public String id() {
        return fsync ? "kafka-fsync" : "kafka";
    }

    @Override
    public String description() {
        return "Apache Kafka " + version()
                + " KRaft single broker, acks=all, "
                + (fsync ? "log.flush.interval.messages=1" : "no fsync (Kafka default)")
                + ", default KafkaProducer shared by the threads";
    }

    /** The version the Kafka jars on the class path carry. */
    static String version() {
        try (InputStream in = KafkaProducer.class.getResourceAsStream("/kafka/kafka-version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "(unknown version)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Kafka's version resource", e);
        }
    }

    @Override
    public long serverCpuNanos() {
        ChildProcess p = broker;
        return p == null ? -1 : p.cpuNanos();
    }

    @Override
    public RecordLedger ledger() {
        return ledger;
    }

    @Override
    public void start(Path workDir) throws Exception {
        dir = workDir;
        Files.createDirectories(dir);
        int brokerPort = freePort();
        int controllerPort = freePort();
        bootstrap = "127.0.0.1:" + brokerPort;
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://" + bootstrap);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        p.setProperty("log.dirs", dir.resolve("data").toString());
        // A single broker: the internal topics cannot have more replicas than brokers.
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        if (fsync) {
            p.setProperty("log.flush.interval.messages", "1");
        }
        Path config = dir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(config)) {
            p.store(out, "silt stream benchmark: single KRaft broker");
        }
        Path log = dir.resolve("broker.log");
        List<String> toolOptions = List.of("-Xmx256m", "-Dlog4j.configuration=bench-log4j.properties");
        ChildProcess.run(
                "kafka-storage format",
                log,
                toolOptions,
                "kafka.tools.StorageTool",
                List.of("format", "-t", Uuid.randomUuid().toString(), "-c", config.toString(), "--standalone"),
                Duration.ofMinutes(2));
        List<String> options = new ArrayList<>(jvmOptions);
        options.add("-Dlog4j.configuration=bench-log4j.properties");
        broker = ChildProcess.java("kafka broker", log, options, "kafka.Kafka", List.of(config.toString()));
        createTopic();
        producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.CLIENT_ID_CONFIG,
                        "bench-producer"),
                new ByteArraySerializer(),
                new ByteArraySerializer());
        // Metadata for both partitions before the clock starts.
        if (producer.partitionsFor(TOPIC).size() != PARTITIONS) {
            throw new IOException("topic " + TOPIC + " does not have " + PARTITIONS + " partitions");
        }
    }

    private void createTopic() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            while (true) {
                broker.checkAlive();
                try {
                    admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1)))
                            .all()
                            .get(30, TimeUnit.SECONDS);
                    return;
                } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                    if (System.nanoTime() > deadline) {
                        throw new IOException("could not create topic on " + bootstrap + "; see " + broker.log(), e);
                    }
                    Thread.sleep(200);
                }
            }
        }
    }

    @Override
    public LoadFigures produce(int threads, Duration duration) throws Exception {
        LatencyHistogram latency = new LatencyHistogram();
        AtomicLong acked = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong sent = new AtomicLong();
        AtomicLong lastAck = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        try {
            List<Future<?>> tasks = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                tasks.add(pool.submit(() -> {
                    long next = 0;
                    long end = 0;
                    while (System.nanoTime() < deadline) {
                        if (next == end) {
                            next = ledger.nextIds(500);
                            end = next + 500;
                        }
                        long id = next++;
                        long sentAt = System.nanoTime();
                        producer.send(new ProducerRecord<>(TOPIC, payloads.record(id)), (md, e) -> {
                            long now = System.nanoTime();
                            if (e == null) {
                                ledger.acknowledge(id);
                                acked.incrementAndGet();
                                latency.recordNanos(now - sentAt);
                                lastAck.accumulateAndGet(now, Math::max);
                            } else {
                                failed.incrementAndGet();
                            }
                        });
                        sent.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : tasks) {
                f.get();
            }
            producer.flush();
        } finally {
            pool.shutdownNow();
        }
        long nanos = Math.max(lastAck.get(), System.nanoTime()) - start;
        long records = acked.get();
        return new LoadFigures(
                threads,
                records,
                records * payloads.size(),
                nanos,
                sent.get(),
                0,
                failed.get(),
                latency.quantileMillis(0.5),
                latency.quantileMillis(0.99),
                -1,
                -1);
    }

    @Override
    public ReadFigures readAll(Duration limit) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(PARTITIONS);
        AtomicLong records = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        AtomicLong polls = new AtomicLong();
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        try {
            List<Future<?>> tasks = new ArrayList<>();
            for (int partition = 0; partition < PARTITIONS; partition++) {
                TopicPartition tp = new TopicPartition(TOPIC, partition);
                tasks.add(pool.submit(() -> {
                    readPartition(tp, deadline, records, bytes, polls);
                    return null;
                }));
            }
            for (Future<?> f : tasks) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return new ReadFigures(records.get(), bytes.get(), System.nanoTime() - start, polls.get(), PARTITIONS);
    }

    private void readPartition(TopicPartition tp, long deadline, AtomicLong records, AtomicLong bytes, AtomicLong polls)
            throws IOException {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ConsumerConfig.CLIENT_ID_CONFIG,
                        "bench-reader-" + tp.partition()),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long endOffset = consumer.endOffsets(List.of(tp)).get(tp);
            while (consumer.position(tp) < endOffset) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("reading " + tp + " did not finish in time: at offset "
                            + consumer.position(tp) + " of " + endOffset);
                }
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(500));
                polls.incrementAndGet();
                long n = 0;
                long b = 0;
                for (ConsumerRecord<byte[], byte[]> r : batch) {
                    ledger.read(Payloads.id(r.value()));
                    n++;
                    b += r.value().length;
                }
                records.addAndGet(n);
                bytes.addAndGet(b);
            }
        }
    }

    @Override
    public void close() throws Exception {
        try {
            if (producer != null) {
                producer.close(Duration.ofSeconds(10));
            }
        } finally {
            producer = null;
            if (broker != null) {
                broker.close();
                broker = null;
            }
        }
    }

    /** An ephemeral port that was free a moment ago; Kafka's controller needs its port before it starts. */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
