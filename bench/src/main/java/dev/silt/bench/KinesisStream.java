package dev.silt.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * A Kinesis-compatible server in its own process, driven by the AWS SDK for Java v2 {@link KinesisClient} as a
 * Kinesis user would: one client shared by the producer threads, on the SDK's default synchronous HTTP client
 * (Apache) with a connection per thread, its default protocol (CBOR) and its default retry policy. The server is
 * silt's ({@link SiltStreamServer} in a child JVM over a fresh data directory with the given fsync policy) or
 * kinesalite (the npm package, run by node, its LevelDB under the data directory).
 *
 * <p>Each producer thread sends {@code PutRecords} calls of {@code batch} records with a partition key each (256
 * distinct keys, so MD5 hashing spreads them over both shards) and sends again, in its next call, any entry the
 * response marks failed. Reading uses one thread per shard: {@code GetShardIterator(TRIM_HORIZON)}, then
 * {@code GetRecords} with the largest limit (10,000) until a call returns nothing and reports it is caught up.
 */
final class KinesisStream implements StreamContender {
    private static final String STREAM = "bench";
    private static final int SHARDS = 2;
    private static final int PARTITION_KEYS = 256;
    private static final String CBOR_ENABLED = "aws.cborEnabled";

    /** Starts a server over a data directory and says which port it listens on. */
    private interface Launcher {
        Started launch(Path workDir) throws Exception;
    }

    private record Started(ChildProcess process, int port) {}

    private final String id;
    private final String description;
    private final Launcher launcher;
    private final Payloads payloads;
    private final int batch;
    private final int maxThreads;
    private final boolean cbor;
    private String cborSettingBefore;
    private final RecordLedger ledger = new RecordLedger();
    private final String[] partitionKeys = new String[PARTITION_KEYS];
    private ChildProcess server;
    private KinesisClient client;

    private KinesisStream(
            String id,
            String description,
            boolean cbor,
            Launcher launcher,
            Payloads payloads,
            int batch,
            int maxThreads) {
        this.id = id;
        this.cbor = cbor;
        this.description = description + ", AWS SDK v2 KinesisClient (apache-client, " + (cbor ? "CBOR" : "JSON")
                + "), PutRecords x" + batch;
        this.launcher = launcher;
        this.payloads = payloads;
        this.batch = batch;
        this.maxThreads = maxThreads;
        for (int i = 0; i < PARTITION_KEYS; i++) {
            partitionKeys[i] = "pk-" + i;
        }
    }

    /** silt's stream server in a child JVM with {@code jvmOptions} and the given fsync policy. */
    static KinesisStream silt(
            Payloads payloads, List<String> jvmOptions, String fsyncPolicy, int batch, int maxThreads) {
        Launcher launcher = dir -> {
            ChildProcess p = ChildProcess.java(
                    "silt stream server",
                    dir.resolve("server.log"),
                    jvmOptions,
                    SiltStreamServer.class.getName(),
                    List.of("--data", dir.resolve("data").toString(), "--fsync", fsyncPolicy));
            String ready = p.awaitLine(SiltStreamServer.READY, Duration.ofMinutes(2));
            return new Started(p, Integer.parseInt(ready.split(" ", 2)[0]));
        };
        String id = "silt-" + (fsyncPolicy.equals("NONE") ? "nofsync" : "fsync");
        return new KinesisStream(
                id, "silt stream, fsync policy " + fsyncPolicy, true, launcher, payloads, batch, maxThreads);
    }

    /**
     * kinesalite, started by {@code executable} (its npm launcher), persisting to LevelDB under the data directory.
     * Its client speaks JSON: kinesalite 3.3.3 cuts CBOR responses off after 16 KiB (a PutRecords answer for 500
     * records is ~45 KiB), so SDK v2 users of kinesalite must set {@code aws.cborEnabled=false}, as done here.
     */
    static KinesisStream kinesalite(Payloads payloads, Path executable, int batch, int maxThreads) {
        Launcher launcher = dir -> {
            int port = KafkaPeer.freePort();
            ChildProcess p = ChildProcess.command(
                    "kinesalite",
                    dir.resolve("kinesalite.log"),
                    List.of(
                            executable.toString(),
                            "--port",
                            Integer.toString(port),
                            "--path",
                            dir.resolve("data").toString(),
                            "--createStreamMs",
                            "0"));
            p.awaitLine("Listening at", Duration.ofMinutes(1));
            return new Started(p, port);
        };
        return new KinesisStream(
                "kinesalite", "kinesalite (npm, node, LevelDB)", false, launcher, payloads, batch, maxThreads);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public long serverCpuNanos() {
        ChildProcess p = server;
        return p == null ? -1 : p.cpuNanos();
    }

    @Override
    public RecordLedger ledger() {
        return ledger;
    }

    @Override
    public void start(Path workDir) throws Exception {
        Files.createDirectories(workDir);
        if (!cbor) {
            // The SDK reads this setting as it marshals; contenders run one at a time, and close() restores it.
            cborSettingBefore = System.setProperty(CBOR_ENABLED, "false");
        }
        Started started = launcher.launch(workDir);
        server = started.process();
        int port = started.port();
        client = KinesisClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(Math.max(maxThreads, SHARDS) + 2))
                .build();
        client.createStream(b -> b.streamName(STREAM).shardCount(SHARDS));
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (client.describeStreamSummary(b -> b.streamName(STREAM))
                        .streamDescriptionSummary()
                        .streamStatus()
                != StreamStatus.ACTIVE) {
            if (System.nanoTime() > deadline) {
                throw new IOException("stream " + STREAM + " did not become ACTIVE; see " + server.log());
            }
            Thread.sleep(20);
        }
    }

    @Override
    public LoadFigures produce(int threads, Duration duration) throws Exception {
        LatencyHistogram latency = new LatencyHistogram();
        AtomicLong acked = new AtomicLong();
        AtomicLong calls = new AtomicLong();
        AtomicLong retried = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        try {
            List<Future<?>> tasks = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                tasks.add(pool.submit(() -> {
                    produceLoop(deadline, latency, acked, calls, retried);
                    return null;
                }));
            }
            for (Future<?> f : tasks) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        long nanos = System.nanoTime() - start;
        long records = acked.get();
        return new LoadFigures(
                threads,
                records,
                records * payloads.size(),
                nanos,
                calls.get(),
                retried.get(),
                0,
                latency.quantileMillis(0.5),
                latency.quantileMillis(0.99),
                -1,
                -1);
    }

    private void produceLoop(
            long deadline, LatencyHistogram latency, AtomicLong acked, AtomicLong calls, AtomicLong retried) {
        ArrayDeque<Long> again = new ArrayDeque<>();
        long[] ids = new long[batch];
        List<PutRecordsRequestEntry> entries = new ArrayList<>(batch);
        // A failed entry is sent again even past the deadline, so the phase ends with nothing left unsent.
        while (System.nanoTime() < deadline || !again.isEmpty()) {
            entries.clear();
            int n = 0;
            while (n < batch && !again.isEmpty()) {
                ids[n++] = again.poll();
            }
            if (n < batch && System.nanoTime() < deadline) {
                long first = ledger.nextIds(batch - n);
                while (n < batch) {
                    ids[n++] = first++;
                }
            }
            for (int i = 0; i < n; i++) {
                entries.add(PutRecordsRequestEntry.builder()
                        .data(SdkBytes.fromByteArrayUnsafe(payloads.record(ids[i])))
                        .partitionKey(partitionKeys[(int) (ids[i] % PARTITION_KEYS)])
                        .build());
            }
            long sentAt = System.nanoTime();
            PutRecordsResponse response =
                    client.putRecords(b -> b.streamName(STREAM).records(entries));
            latency.recordNanos(System.nanoTime() - sentAt);
            calls.incrementAndGet();
            List<PutRecordsResultEntry> results = response.records();
            if (results.size() != n) {
                throw new IllegalStateException("PutRecords answered " + results.size() + " entries for " + n);
            }
            int ok = 0;
            for (int i = 0; i < n; i++) {
                if (results.get(i).errorCode() == null) {
                    ids[ok++] = ids[i];
                } else {
                    again.add(ids[i]);
                    retried.incrementAndGet();
                }
            }
            ledger.acknowledge(ids, ok);
            acked.addAndGet(ok);
        }
    }

    @Override
    public ReadFigures readAll(Duration limit) throws Exception {
        List<Shard> shards = client.listShards(b -> b.streamName(STREAM)).shards();
        ExecutorService pool = Executors.newFixedThreadPool(shards.size());
        AtomicLong records = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        AtomicLong calls = new AtomicLong();
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        try {
            List<Future<?>> tasks = new ArrayList<>();
            for (Shard shard : shards) {
                tasks.add(pool.submit(() -> {
                    readShard(shard.shardId(), deadline, records, bytes, calls);
                    return null;
                }));
            }
            for (Future<?> f : tasks) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return new ReadFigures(records.get(), bytes.get(), System.nanoTime() - start, calls.get(), shards.size());
    }

    private void readShard(String shardId, long deadline, AtomicLong records, AtomicLong bytes, AtomicLong calls)
            throws IOException {
        String iterator = client.getShardIterator(
                        b -> b.streamName(STREAM).shardId(shardId).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                .shardIterator();
        while (iterator != null) {
            if (System.nanoTime() > deadline) {
                throw new IOException("reading shard " + shardId + " did not finish in time");
            }
            String it = iterator;
            GetRecordsResponse r = client.getRecords(b -> b.shardIterator(it).limit(10_000));
            calls.incrementAndGet();
            long n = 0;
            long b = 0;
            for (software.amazon.awssdk.services.kinesis.model.Record rec : r.records()) {
                java.nio.ByteBuffer data = rec.data().asByteBuffer();
                ledger.read(Payloads.id(data));
                n++;
                b += data.remaining();
            }
            records.addAndGet(n);
            bytes.addAndGet(b);
            Long behind = r.millisBehindLatest();
            if (n == 0 && (behind == null || behind == 0)) {
                return;
            }
            iterator = r.nextShardIterator();
        }
    }

    @Override
    public void close() throws Exception {
        try {
            if (client != null) {
                client.close();
            }
        } finally {
            client = null;
            if (!cbor) {
                if (cborSettingBefore == null) {
                    System.clearProperty(CBOR_ENABLED);
                } else {
                    System.setProperty(CBOR_ENABLED, cborSettingBefore);
                }
            }
            if (server != null) {
                server.close();
                server = null;
            }
        }
    }
}
