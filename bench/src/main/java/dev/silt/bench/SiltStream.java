package dev.silt.bench;

import java.io.IOException;
import java.net.URI;
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
 * silt's stream: its Kinesis-compatible server ({@link SiltStreamServer}) in a child JVM over a fresh data
 * directory with the given fsync policy, driven by the AWS SDK for Java v2 {@link KinesisClient} as a Kinesis user
 * would: one client shared by the producer threads, on the SDK's default synchronous HTTP client (Apache) with a
 * connection per thread, its default protocol (CBOR) and its default retry policy.
 *
 * <p>Each producer thread sends {@code PutRecords} calls of {@code batch} records with a partition key each (256
 * distinct keys, so MD5 hashing spreads them over both shards) and sends again, in its next call, any entry the
 * response marks failed. Reading uses one thread per shard: {@code GetShardIterator(TRIM_HORIZON)}, then
 * {@code GetRecords} with the largest limit (10,000) until a call returns nothing and reports it is caught up.
 */
final class SiltStream implements StreamContender {
    private static final String STREAM = "bench";
    private static final int SHARDS = 2;
    private static final int PARTITION_KEYS = 256;

    private final Payloads payloads;
    private final List<String> jvmOptions;
    private final String fsyncPolicy;
    private final int batch;
    private final int maxThreads;
    private final RecordLedger ledger = new RecordLedger();
    private final String[] partitionKeys = new String[PARTITION_KEYS];
    private ChildJvm server;
    private KinesisClient client;

    SiltStream(Payloads payloads, List<String> jvmOptions, String fsyncPolicy, int batch, int maxThreads) {
        this.payloads = payloads;
        this.jvmOptions = jvmOptions;
        this.fsyncPolicy = fsyncPolicy;
        this.batch = batch;
        this.maxThreads = maxThreads;
        for (int i = 0; i < PARTITION_KEYS; i++) {
            partitionKeys[i] = "pk-" + i;
        }
    }

    @Override
    public String id() {
        return "silt-" + (fsyncPolicy.equals("NONE") ? "nofsync" : "fsync");
    }

    @Override
    public String description() {
        return "silt stream, fsync " + fsyncPolicy + ", AWS SDK v2 KinesisClient (apache-client), PutRecords x" + batch;
    }

    @Override
    public RecordLedger ledger() {
        return ledger;
    }

    @Override
    public void start(Path workDir) throws Exception {
        server = ChildJvm.start(
                "silt stream server",
                workDir.resolve("server.log"),
                jvmOptions,
                SiltStreamServer.class.getName(),
                List.of("--data", workDir.resolve("data").toString(), "--fsync", fsyncPolicy));
        int port = Integer.parseInt(server.awaitLine(SiltStreamServer.READY, Duration.ofMinutes(2)));
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
                latency.quantileMillis(0.99));
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
            if (server != null) {
                server.close();
                server = null;
            }
        }
    }
}
