package dev.silt.ingest.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.silt.ingest.delivery.DeliveryConfig.CommitMode;
import dev.silt.ingest.delivery.DeliveryConfig.Format;
import dev.silt.ingest.delivery.internal.Buffer;
import dev.silt.ingest.delivery.internal.CommitIntent;
import dev.silt.ingest.delivery.internal.Committer;
import dev.silt.ingest.delivery.internal.ErrorRecords;
import dev.silt.ingest.delivery.internal.ErrorTypes;
import dev.silt.ingest.delivery.internal.FsCheckpointStore;
import dev.silt.ingest.delivery.internal.HourCompactor;
import dev.silt.ingest.delivery.internal.JsonLinesWriter;
import dev.silt.ingest.delivery.internal.Lines;
import dev.silt.ingest.delivery.internal.MetricsReporter;
import dev.silt.ingest.delivery.internal.Names;
import dev.silt.ingest.delivery.internal.OrcBatches;
import dev.silt.ingest.delivery.internal.OrcJsonRows;
import dev.silt.ingest.delivery.internal.OrcRecordWriter;
import dev.silt.ingest.delivery.internal.ParquetJsonRows;
import dev.silt.ingest.delivery.internal.ParquetRecordWriter;
import dev.silt.ingest.delivery.internal.RecordFileWriter;
import dev.silt.ingest.delivery.internal.RouteException;
import dev.silt.ingest.delivery.internal.Router;
import java.io.Closeable;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * One delivery stream: reads a {@link DeliverySource}, transforms, buffers per source partition and output
 * directory, and lands each buffer as one file in a Hadoop file system, exactly once (see the package comment for
 * the protocol).
 *
 * <p>Driving it: {@link #runOnce()} polls the source once and lands the buffers that are due by the injected
 * {@link Clock}; {@link #start()} runs that in a background thread. {@link #close()} lands everything buffered.
 * All public methods are thread-safe (they serialise on the stream). The stream owns its file system instance;
 * the caller owns the source, the transform and the sink.
 */
public final class DeliveryStream implements Closeable {
    private static final System.Logger LOG = System.getLogger(DeliveryStream.class.getName());
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> OBJECT_STORES = Set.of("s3a", "s3", "s3n", "gs", "abfs", "abfss", "oss");

    private final DeliveryConfig config;
    private final FileSystem fs;
    private final Configuration hadoopConf;
    private final Path root;
    private final Path intentsDir;
    private final DeliverySource source;
    private final RecordTransform transform;
    private final DeliverySink sink;
    private final Clock clock;
    private final CheckpointStore checkpoints;
    private final Committer committer;
    private final Router router;
    /** The declared schema of ORC or Parquet output; {@code null} for JSON lines. */
    private final OrcJsonRows orc;

    private final ParquetJsonRows parquet;
    private final String dataExtension;
    private final DeliveryMetrics metrics = new DeliveryMetrics();
    private final MetricsReporter reporter;
    private final Map<String, PartitionState> partitions = new HashMap<>();
    private final LinkedHashMap<Buffer.Key, Buffer> buffers = new LinkedHashMap<>();
    private long bufferedBytes;
    private long lastInputMillis;
    private Thread runner;
    private volatile boolean stopping;
    private volatile Throwable lastFailure;

    /** What is known of one source partition. */
    private static final class PartitionState {
        final String partition;
        /** Highest position taken in; records at or before it are landed, buffered, dropped or skipped. */
        long lastIngested;

        final Map<String, Long> landed = new HashMap<>();
        /** The {@code resumeAfter} of the last checkpoint saved, and when it was saved. */
        long savedResumeAfter;

        long savedAtMillis;

        PartitionState(String partition, long lastIngested) {
            this.partition = partition;
            this.lastIngested = lastIngested;
            this.savedResumeAfter = lastIngested;
        }
    }

    private DeliveryStream(Builder b, FileSystem fs) {
        this.config = b.config;
        this.fs = fs;
        this.hadoopConf = b.hadoopConf;
        this.root = fs.makeQualified(new Path(b.destination));
        Path stateRoot = new Path(new Path(root, config.stateDir()), config.streamName());
        this.intentsDir = new Path(stateRoot, "intents");
        this.source = b.source;
        this.transform = b.transform;
        this.sink = b.sink;
        this.clock = b.clock;
        boolean rename =
                switch (config.commitMode()) {
                    case RENAME -> true;
                    case DIRECT -> false;
                    case AUTO -> !OBJECT_STORES.contains(root.toUri().getScheme());
                };
        this.committer = new Committer(fs, new Path(stateRoot, "tmp"), rename);
        this.checkpoints = b.checkpoints != null
                ? b.checkpoints
                : new FsCheckpointStore(fs, new Path(stateRoot, "checkpoints"), committer);
        this.router = new Router(config.prefix(), config.errorPrefix(), config.timeField(), config.latenessMillis());
        this.orc = config.format() == Format.JSON_LINES ? null : new OrcJsonRows(config.columnarSchema());
        this.parquet = config.format() == Format.PARQUET ? new ParquetJsonRows(orc) : null;
        this.dataExtension = switch (config.format()) {
            case ORC -> ".orc";
            case PARQUET -> ".parquet";
            case JSON_LINES -> ".json" + config.compression().extension();
        };
        this.lastInputMillis = clock.millis();
        Consumer<String> report = b.report != null ? b.report : line -> LOG.log(System.Logger.Level.INFO, line);
        this.reporter = new MetricsReporter(
                config.streamName(),
                metrics,
                config.metricsIntervalMillis(),
                config.progressIntervalMillis(),
                report,
                lastInputMillis);
    }

    /** Starts building a delivery stream that lands in {@code destination} (a URI: file://, hdfs://, s3a://). */
    public static Builder builder(DeliveryConfig config, String destination) {
        return new Builder(config, destination);
    }

    /** Settings of a delivery stream before it opens. Not thread-safe. */
    public static final class Builder {
        private final DeliveryConfig config;
        private final String destination;
        private DeliverySource source;
        private RecordTransform transform = RecordTransform.identity();
        private DeliverySink sink = DeliverySink.none();
        private Clock clock = Clock.systemUTC();
        private Configuration hadoopConf = new Configuration();
        private CheckpointStore checkpoints;
        private Consumer<String> report;

        private Builder(DeliveryConfig config, String destination) {
            this.config = Objects.requireNonNull(config, "config");
            this.destination = Objects.requireNonNull(destination, "destination");
        }

        public Builder source(DeliverySource value) {
            this.source = value;
            return this;
        }

        public Builder transform(RecordTransform value) {
            this.transform = value;
            return this;
        }

        public Builder sink(DeliverySink value) {
            this.sink = value;
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        public Builder hadoopConf(Configuration value) {
            this.hadoopConf = value;
            return this;
        }

        /**
         * Where the periodic metrics line and the catch-up progress line go (see {@link DeliveryProgress}); by
         * default they are logged at INFO. Called from the delivery's thread; it must not block for long.
         */
        public Builder reportTo(Consumer<String> lines) {
            this.report = Objects.requireNonNull(lines, "lines");
            return this;
        }

        /** Keeps checkpoints elsewhere than under the destination's state directory. */
        public Builder checkpointStore(CheckpointStore value) {
            this.checkpoints = value;
            return this;
        }

        /**
         * Opens the stream: reconciles what a previous run left (see the package comment), then positions the
         * source after what is landed. Thread: the caller's.
         */
        public DeliveryStream open() throws IOException {
            Objects.requireNonNull(source, "a delivery stream needs a source");
            URI uri = URI.create(destination);
            // Our own instance: the stream closes it, and local checksum files are turned off only here.
            FileSystem fs = FileSystem.newInstance(uri, hadoopConf);
            fs.setWriteChecksum(false);
            DeliveryStream stream;
            try {
                stream = new DeliveryStream(this, fs);
                stream.reconcile();
            } catch (IOException | RuntimeException e) {
                fs.close();
                throw e;
            }
            return stream;
        }
    }

    public DeliveryMetrics metrics() {
        return metrics;
    }

    public DeliveryConfig config() {
        return config;
    }

    /** The file system the stream lands in (owned by the stream). */
    public FileSystem fileSystem() {
        return fs;
    }

    /** The destination root, qualified. */
    public Path root() {
        return root;
    }

    // ---------------------------------------------------------------- restart

    private void reconcile() throws IOException {
        committer.clearTemp();
        compactor().recover();
        for (SourceCheckpoint cp : checkpoints.loadAll().values()) {
            PartitionState st = new PartitionState(cp.partition(), cp.resumeAfter());
            st.landed.putAll(cp.landedThrough());
            partitions.put(cp.partition(), st);
        }
        List<Path> intents = new ArrayList<>();
        Map<String, PartitionState> advanced = new LinkedHashMap<>();
        FileStatus[] dirs;
        try {
            dirs = fs.listStatus(intentsDir);
        } catch (FileNotFoundException e) {
            dirs = new FileStatus[0];
        }
        for (FileStatus dir : dirs) {
            for (FileStatus f : fs.listStatus(dir.getPath())) {
                intents.add(f.getPath());
                CommitIntent intent;
                try (InputStream in = fs.open(f.getPath())) {
                    intent = CommitIntent.read(in);
                }
                if (intent == null) {
                    // Written whole before its data file was started: a torn intent means no data file.
                    continue;
                }
                Path target = new Path(root, intent.dir() + intent.name());
                if (fs.exists(target)) {
                    PartitionState st = partitions.computeIfAbsent(intent.partition(), p -> new PartitionState(p, -1));
                    st.landed.merge(intent.dir(), intent.last(), Math::max);
                    advanced.put(intent.partition(), st);
                    sink.landed(new LandedObject(
                            config.streamName(),
                            target.toString(),
                            intent.partition(),
                            intent.first(),
                            intent.last(),
                            -1,
                            intent.errorOutput()));
                }
            }
        }
        for (PartitionState st : advanced.values()) {
            saveCheckpoint(st);
        }
        for (Path intent : intents) {
            fs.delete(intent, false);
        }
        for (PartitionState st : partitions.values()) {
            if (!source.replayable()) {
                // New records of a source that cannot replay get fresh positions, past every landed one, so none
                // of them is mistaken for a record already landed.
                for (long last : st.landed.values()) {
                    st.lastIngested = Math.max(st.lastIngested, last);
                }
            }
            source.seek(st.partition, st.lastIngested);
        }
    }

    // ---------------------------------------------------------------- input

    /**
     * Polls the source once, buffers what it returned, and lands every buffer that is due: full (size hint),
     * old (interval hint), or all of them when input has been idle for the idle time. Returns the number of
     * records polled.
     */
    public synchronized int runOnce() throws IOException {
        List<SourceRecord> batch = source.poll(config.pollRecords());
        long now = clock.millis();
        if (!batch.isEmpty()) {
            lastInputMillis = now;
        }
        for (SourceRecord record : batch) {
            ingest(record, now);
        }
        flushDue(now);
        saveSettled(now);
        updateLag(now);
        reporter.observe(now);
        return batch.size();
    }

    private void ingest(SourceRecord record, long now) throws IOException {
        metrics.recordsIn.increment();
        metrics.bytesIn.add(record.data().length);
        PartitionState st = partitions.computeIfAbsent(record.partition(), p -> new PartitionState(p, -1));
        if (record.sequence() <= st.lastIngested) {
            metrics.skippedRecords.increment();
            return;
        }
        st.lastIngested = record.sequence();
        if (record.data().length > config.maxRecordBytes()) {
            error(
                    st,
                    record,
                    ErrorTypes.OVERSIZE,
                    "record of " + record.data().length + " bytes is larger than the largest accepted, "
                            + config.maxRecordBytes(),
                    now);
            return;
        }
        TransformResult result;
        try {
            result = transform.apply(record);
        } catch (RuntimeException e) {
            result = TransformResult.failed("transform threw " + e);
        }
        if (result instanceof TransformResult.Dropped) {
            metrics.droppedRecords.increment();
            return;
        }
        if (result instanceof TransformResult.ProcessingFailed failed) {
            error(st, record, ErrorTypes.PROCESSING_FAILED, failed.reason(), now);
            return;
        }
        byte[] data = Lines.withoutTrailingLineBreak(((TransformResult.Ok) result).data());
        if (orc == null && Lines.hasLineBreak(data)) {
            error(st, record, ErrorTypes.MALFORMED, "record contains a line break inside", now);
            return;
        }
        JsonNode json = null;
        if (router.needsJson()) {
            try {
                json = MAPPER.readTree(data);
            } catch (IOException e) {
                String type = orc != null ? ErrorTypes.FORMAT_CONVERSION_FAILED : ErrorTypes.MALFORMED;
                error(
                        st,
                        record,
                        type,
                        "not JSON: " + e.getMessage().lines().findFirst().orElse(""),
                        now);
                return;
            }
        }
        String dir;
        try {
            long time = router.partitionTime(record.arrivalMillis(), json);
            if (router.isLate(time, record.arrivalMillis())) {
                metrics.lateRecords.increment();
            }
            dir = router.dataDir(time, json);
        } catch (RouteException e) {
            error(st, record, e.errorType(), e.getMessage(), now);
            return;
        }
        add(st, new Buffer.Key(st.partition, dir, false), record, data, now);
    }

    private void error(PartitionState st, SourceRecord record, String type, String reason, long now)
            throws IOException {
        String dir = router.errorDir(type, record.arrivalMillis());
        add(st, new Buffer.Key(st.partition, dir, true), record, ErrorRecords.line(type, reason, record), now);
    }

    private void add(PartitionState st, Buffer.Key key, SourceRecord record, byte[] data, long now) throws IOException {
        if (record.sequence() <= st.landed.getOrDefault(key.dir(), -1L)) {
            // Read again after a restart and already in a committed file of this directory.
            metrics.skippedRecords.increment();
            return;
        }
        Buffer buffer = buffers.get(key);
        boolean fresh = buffer == null;
        if (fresh) {
            buffer = new Buffer(key.partition(), key.dir(), key.errorOutput(), now);
        }
        if (parquet != null && !key.errorOutput()) {
            String problem = orc.check(data);
            if (problem != null) {
                error(st, record, ErrorTypes.FORMAT_CONVERSION_FAILED, problem, now);
                return;
            }
            buffer.add(record.sequence(), record.arrivalMillis(), data);
        } else if (orc != null && !key.errorOutput()) {
            // Parsed once, here, straight into the buffer's ORC rows; a record that does not fit is an error.
            if (buffer.rows == null) {
                buffer.rows = new OrcBatches(orc);
            }
            String problem = buffer.rows.add(data);
            if (problem != null) {
                error(st, record, ErrorTypes.FORMAT_CONVERSION_FAILED, problem, now);
                return;
            }
            buffer.counted(record.sequence(), record.arrivalMillis(), data.length);
        } else {
            buffer.add(record.sequence(), record.arrivalMillis(), data);
        }
        if (fresh) {
            buffers.put(key, buffer);
        }
        bufferedBytes += data.length;
        if (buffer.bytes >= config.bufferBytes()) {
            land(key);
        }
        while (bufferedBytes > config.memoryBytes() && !buffers.isEmpty()) {
            Buffer.Key largest = null;
            long most = -1;
            for (Map.Entry<Buffer.Key, Buffer> e : buffers.entrySet()) {
                if (e.getValue().bytes > most) {
                    most = e.getValue().bytes;
                    largest = e.getKey();
                }
            }
            land(largest);
        }
        metrics.bufferedBytes.set(bufferedBytes);
    }

    // ---------------------------------------------------------------- landing

    private void flushDue(long now) throws IOException {
        boolean idle = now - lastInputMillis >= config.idleMillis();
        List<Buffer.Key> due = new ArrayList<>();
        for (Map.Entry<Buffer.Key, Buffer> e : buffers.entrySet()) {
            if (idle || now - e.getValue().openedAtMillis >= config.intervalMillis()) {
                due.add(e.getKey());
            }
        }
        for (Buffer.Key key : due) {
            land(key);
        }
    }

    /**
     * Records the position of partitions that moved past their checkpoint without landing anything (their records
     * were dropped, or skipped after a restart) and hold nothing buffered, at most once per idle-flush time, so
     * that a source waiting for them (a stream's child shards wait for their parents) is not held until close.
     */
    private void saveSettled(long now) throws IOException {
        List<PartitionState> settled = new ArrayList<>();
        for (PartitionState st : partitions.values()) {
            if (st.lastIngested > st.savedResumeAfter && now - st.savedAtMillis >= config.idleMillis()) {
                settled.add(st);
            }
        }
        if (settled.isEmpty()) {
            return;
        }
        for (Buffer b : buffers.values()) {
            settled.removeIf(st -> st.partition.equals(b.partition));
        }
        for (PartitionState st : settled) {
            saveCheckpoint(st);
        }
    }

    /** Lands every buffer now, whatever the hints say. */
    public synchronized void flushAll() throws IOException {
        for (Buffer.Key key : new ArrayList<>(buffers.keySet())) {
            land(key);
        }
        // Positions taken in without landing anything (dropped, skipped) are recorded too.
        for (PartitionState st : partitions.values()) {
            saveCheckpoint(st);
        }
        updateLag(clock.millis());
    }

    /**
     * The commit of one file: intent, data, publish, sink, checkpoint, intent removed. The buffer stays until
     * the file is committed, so a failed attempt is retried by the next run with the same name.
     */
    private void land(Buffer.Key key) throws IOException {
        Buffer b = buffers.get(key);
        String extension = b.errorOutput ? ".json" : dataExtension;
        String name = Names.object(
                config.streamName(), b.partition, b.oldestArrivalMillis, b.firstSequence, b.lastSequence, extension);
        Path target = new Path(root, b.dir + name);
        Path intent = new Path(new Path(intentsDir, Names.partition(b.partition)), name + ".intent");
        committer.writeSmall(
                intent,
                new CommitIntent(b.partition, b.dir, name, b.firstSequence, b.lastSequence, b.errorOutput).toJson());
        if (!fs.exists(target)) {
            Path written = committer.writePath(b.partition, target);
            try {
                writeFile(b, written);
            } catch (IOException | RuntimeException e) {
                try {
                    committer.abandon(written);
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
            committer.publish(written, target);
        }
        long size = fs.getFileStatus(target).getLen();
        buffers.remove(key);
        bufferedBytes -= b.bytes;
        metrics.bufferedBytes.set(bufferedBytes);
        PartitionState st = partitions.get(b.partition);
        st.landed.merge(b.dir, b.lastSequence, Math::max);
        sink.landed(new LandedObject(
                config.streamName(),
                target.toString(),
                b.partition,
                b.firstSequence,
                b.lastSequence,
                b.count,
                b.errorOutput));
        saveCheckpoint(st);
        fs.delete(intent, false);
        metrics.bytesOut.add(size);
        if (b.errorOutput) {
            metrics.errorFiles.increment();
            metrics.errorRecords.add(b.count);
        } else {
            metrics.filesOut.increment();
            metrics.recordsOut.add(b.count);
        }
    }

    private void writeFile(Buffer b, Path path) throws IOException {
        if (parquet != null && !b.errorOutput) {
            try (RecordFileWriter out = new ParquetRecordWriter(fs, path, hadoopConf, parquet, config.compression())) {
                for (byte[] record : b.records) {
                    out.write(record);
                }
            }
            return;
        }
        if (orc != null && !b.errorOutput) {
            try (OrcRecordWriter out = new OrcRecordWriter(fs, path, hadoopConf, orc, config.compression())) {
                out.writeBatches(b.rows.batches());
            }
            return;
        }
        DeliveryConfig.Compression compression = b.errorOutput ? DeliveryConfig.Compression.NONE : config.compression();
        try (RecordFileWriter out = new JsonLinesWriter(fs.create(path, true), compression)) {
            for (byte[] record : b.records) {
                out.write(record);
            }
        }
    }

    private void saveCheckpoint(PartitionState st) throws IOException {
        long resumeAfter = st.lastIngested;
        for (Buffer b : buffers.values()) {
            if (b.partition.equals(st.partition)) {
                resumeAfter = Math.min(resumeAfter, b.firstSequence - 1);
            }
        }
        long base = resumeAfter;
        st.landed.values().removeIf(last -> last <= base);
        checkpoints.save(new SourceCheckpoint(st.partition, resumeAfter, st.landed));
        st.savedResumeAfter = resumeAfter;
        st.savedAtMillis = clock.millis();
        source.landed(st.partition, resumeAfter);
    }

    private void updateLag(long now) {
        long oldest = Long.MAX_VALUE;
        long records = 0;
        for (Buffer b : buffers.values()) {
            oldest = Math.min(oldest, b.oldestArrivalMillis);
            records += b.count;
        }
        long buffered = oldest == Long.MAX_VALUE ? 0 : Math.max(0, now - oldest);
        metrics.lagMillis.set(Math.max(buffered, source.millisBehindLatest()));
        long backlog = source.backlogRecords();
        metrics.backlogRecords.set(backlog);
        metrics.lagRecords.set(records + Math.max(0, backlog));
    }

    // ---------------------------------------------------------------- compaction

    /**
     * Merges the small data files of one output directory (relative to the destination, e.g. {@code
     * 2026/11/23/05/}) into files of about the compaction target size; see the package comment for what readers
     * observe meanwhile. Runs under the stream's lock, so no file lands in that directory while it runs. Returns
     * the number of files replaced.
     */
    public synchronized int compact(String dir) throws IOException {
        return compactor().compact(new Path(root, dir), dataExtension);
    }

    private HourCompactor compactor() {
        return new HourCompactor(
                fs,
                hadoopConf,
                new Path(new Path(new Path(root, config.stateDir()), config.streamName()), "compact"),
                committer,
                config.streamName(),
                config.compactTargetBytes());
    }

    // ---------------------------------------------------------------- background running

    /** Runs {@link #runOnce()} in a daemon thread until {@link #close()}; idle polls back off for 20 ms. */
    public synchronized void start() {
        if (runner != null) {
            throw new IllegalStateException("delivery stream " + config.streamName() + " is already running");
        }
        runner = new Thread(this::loop, "delivery-" + config.streamName());
        runner.setDaemon(true);
        runner.start();
    }

    private void loop() {
        while (!stopping) {
            try {
                if (runOnce() == 0) {
                    Thread.sleep(20);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException | RuntimeException e) {
                lastFailure = e;
                LOG.log(System.Logger.Level.WARNING, "delivery " + config.streamName() + " failed; retrying", e);
                try {
                    Thread.sleep(500);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** The last failure of the background runner, or {@code null}. */
    public Throwable lastFailure() {
        return lastFailure;
    }

    /** Stops the runner, lands everything buffered, records the checkpoints and closes the file system. */
    @Override
    public void close() throws IOException {
        Thread t;
        synchronized (this) {
            stopping = true;
            t = runner;
        }
        if (t != null) {
            // No interrupt: an interrupted HDFS write would fail a commit that is about to succeed.
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while stopping delivery " + config.streamName(), e);
            }
        }
        try {
            synchronized (this) {
                flushAll();
            }
        } finally {
            fs.close();
        }
    }

    CommitMode effectiveCommitMode() {
        return committer.renames() ? CommitMode.RENAME : CommitMode.DIRECT;
    }
}
