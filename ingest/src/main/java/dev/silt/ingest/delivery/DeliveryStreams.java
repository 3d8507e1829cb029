package dev.silt.ingest.delivery;

import dev.silt.ingest.IngestKeys;
import dev.silt.ingest.delivery.DeliveryStreamException.Reason;
import dev.silt.ingest.delivery.DeliveryStreamStatus.State;
import dev.silt.ingest.delivery.internal.DefinitionFiles;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;

/**
 * The named delivery streams of one server: each a definition (destination, source, settings) persisted under a
 * directory and restored when the server starts again, running again if it was running. It is what the Firehose
 * API and {@code silt deliver} manage.
 *
 * <p>Direct put: a stream whose source is {@code direct-put} takes records through {@link #putRecord} and {@link
 * #putRecordBatch} with Firehose's limits ({@value #MAX_BATCH_RECORDS} records and 4 MiB per batch, 1,000 KiB per
 * record). Record ids are deterministic, unique per stream and opaque: the stream's start generation (persisted
 * before the first put of a start is accepted) and the record's sequence number. Stopping or closing a stream
 * first lands every record it accepted; records accepted and not yet landed are lost on a crash (the direct-put
 * source is in memory; a stream source is the durable way in).
 *
 * <p>Threading: every method is thread-safe. Puts run concurrently with each other; start, stop and delete of one
 * stream serialise with each other and wait for running puts of that stream. Ownership: the manager owns the
 * delivery streams and sources it starts, and {@link #close()} stops them all (leaving their definitions running,
 * so they start again with the next {@link #open}).
 */
public final class DeliveryStreams implements Closeable {
    private static final System.Logger LOG = System.getLogger(DeliveryStreams.class.getName());

    /** Most records in one {@code PutRecordBatch}. */
    public static final int MAX_BATCH_RECORDS = 500;
    /** Most bytes of record data in one {@code PutRecordBatch}. */
    public static final long MAX_BATCH_BYTES = 4L * 1024 * 1024;
    /** Largest record put directly, before any transform: 1,000 KiB as in Firehose. */
    public static final int MAX_PUT_RECORD_BYTES = 1000 * 1024;

    /** Error codes of refused records in {@link PutResult}, as Firehose names them. */
    public static final String INVALID_ARGUMENT = "InvalidArgumentException";

    public static final String SERVICE_UNAVAILABLE = "ServiceUnavailableException";

    /** Outcome of one record of a put: an id when accepted, else an error code and message. */
    public record PutEntry(String recordId, String errorCode, String errorMessage) {}

    /** Outcome of {@link #putRecordBatch}: one entry per record, in the request's order. */
    public record PutResult(int failedPutCount, List<PutEntry> entries) {}

    private final DefinitionFiles files;
    private final Map<String, String> conf;
    private final Clock clock;
    private final Configuration hadoopConf;
    private final Map<SourceSpec.Kind, DeliverySourceFactory> factories = new EnumMap<>(SourceSpec.Kind.class);
    private final Map<String, Managed> streams = new TreeMap<>(); // guarded by this
    private final boolean background;
    private boolean closed; // guarded by this

    private DeliveryStreams(
            DefinitionFiles files,
            Map<String, String> conf,
            Clock clock,
            Configuration hadoopConf,
            List<DeliverySourceFactory> sourceFactories,
            boolean background) {
        this.files = files;
        this.background = background;
        this.conf = Map.copyOf(conf);
        this.clock = clock;
        this.hadoopConf = hadoopConf;
        for (DeliverySourceFactory f : sourceFactories) {
            if (f.kind() == SourceSpec.Kind.DIRECT_PUT) {
                throw new IllegalArgumentException("direct put is built in; a factory cannot replace it");
            }
            factories.put(f.kind(), f);
        }
    }

    /**
     * Opens the definitions under {@code dir} (created if absent) and starts those that were running. A stream
     * that cannot start is left {@link State#FAILED} with its reason, and the others start all the same.
     *
     * @param conf the server's {@code silt.ingest.*} keys; a stream's own settings override them
     * @param sourceFactories how to read {@code stream:} and {@code kafka:} sources; a kind without one cannot run
     */
    public static DeliveryStreams open(
            Path dir,
            Map<String, String> conf,
            Clock clock,
            Configuration hadoopConf,
            List<DeliverySourceFactory> sourceFactories)
            throws IOException {
        return open(dir, conf, clock, hadoopConf, sourceFactories, true);
    }

    /**
     * As {@link #open(Path, Map, Clock, Configuration, List)}; with {@code background} false a running stream
     * reads and lands only when {@link #runOnce} is called (for embedding in a loop of one's own, and for tests
     * that drive time).
     */
    public static DeliveryStreams open(
            Path dir,
            Map<String, String> conf,
            Clock clock,
            Configuration hadoopConf,
            List<DeliverySourceFactory> sourceFactories,
            boolean background)
            throws IOException {
        DeliveryStreams manager =
                new DeliveryStreams(new DefinitionFiles(dir), conf, clock, hadoopConf, sourceFactories, background);
        manager.restore();
        return manager;
    }

    private void restore() throws IOException {
        for (DefinitionFiles.Stored s : files.readAll()) {
            SourceSpec spec;
            try {
                spec = SourceSpec.parse(s.source());
            } catch (IllegalArgumentException e) {
                throw new IOException("delivery stream " + s.name() + " in " + files.dir() + ": " + e.getMessage(), e);
            }
            DeliveryStreamDefinition def = new DeliveryStreamDefinition(
                    s.name(),
                    s.destination(),
                    spec,
                    s.settings(),
                    s.running(),
                    s.generation(),
                    s.createdMillis(),
                    s.updatedMillis());
            Managed m = new Managed(def);
            synchronized (this) {
                streams.put(def.name(), m);
            }
            if (def.running()) {
                synchronized (m) {
                    try {
                        m.startLocked();
                        LOG.log(System.Logger.Level.INFO, "delivery stream " + def.name() + " restored and started");
                    } catch (IOException | RuntimeException e) {
                        LOG.log(System.Logger.Level.ERROR, "delivery stream " + def.name() + " cannot start", e);
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- definitions

    /**
     * Creates a delivery stream and, if {@code start}, starts it; a stream that cannot start is not created.
     *
     * @param settings its own {@code silt.ingest.delivery.*} keys (and {@code silt.ingest.record.max.bytes})
     * @throws DeliveryStreamException {@code IN_USE} if the name exists, {@code INVALID_ARGUMENT} for a bad name,
     *     destination, source or setting, or a destination or source that cannot be opened
     */
    public DeliveryStreamDefinition create(
            String name, String destination, SourceSpec source, Map<String, String> settings, boolean start)
            throws IOException {
        checkSettings(settings);
        configOf(name, settings);
        checkDestination(destination);
        if (source.kind() != SourceSpec.Kind.DIRECT_PUT && !factories.containsKey(source.kind())) {
            throw unavailable(source);
        }
        Managed m;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the delivery-stream manager is closed");
            }
            if (streams.containsKey(name)) {
                throw new DeliveryStreamException(Reason.IN_USE, "Delivery stream " + name + " already exists.");
            }
            long now = clock.millis();
            DeliveryStreamDefinition def =
                    new DeliveryStreamDefinition(name, destination, source, settings, false, 0, now, now);
            files.write(stored(def));
            m = new Managed(def);
            streams.put(name, m);
        }
        if (start) {
            synchronized (m) {
                try {
                    m.startLocked();
                } catch (IOException | RuntimeException e) {
                    synchronized (this) {
                        streams.remove(name, m);
                        files.delete(name);
                    }
                    if (e instanceof DeliveryStreamException d) {
                        throw d;
                    }
                    throw new DeliveryStreamException(
                            Reason.INVALID_ARGUMENT,
                            "delivery stream " + name + " cannot start, so it was not created: " + e.getMessage(),
                            e);
                }
            }
        }
        synchronized (m) {
            return m.def;
        }
    }

    /** Stops the stream (landing what it accepted) and removes its definition; landed files stay. */
    public void delete(String name) throws IOException {
        Managed m = get(name);
        synchronized (m) {
            m.stopLocked(false);
            synchronized (this) {
                if (streams.remove(name, m)) {
                    files.delete(name);
                }
            }
        }
    }

    /** Starts a stopped (or failed) stream; starting a running one does nothing. */
    public void start(String name) throws IOException {
        Managed m = get(name);
        synchronized (m) {
            m.startLocked();
        }
    }

    /** Stops a running stream after landing every record it accepted; stopping a stopped one does nothing. */
    public void stop(String name) throws IOException {
        Managed m = get(name);
        synchronized (m) {
            m.stopLocked(true);
        }
    }

    /**
     * Polls the running stream's source once and lands what is due ({@link DeliveryStream#runOnce()}); returns
     * the number of records polled.
     *
     * @throws DeliveryStreamException {@code IN_USE} if the stream is not running
     */
    public int runOnce(String name) throws IOException {
        Managed m = get(name);
        DeliveryStream running;
        m.gate.readLock().lock();
        try {
            running = m.stream;
        } finally {
            m.gate.readLock().unlock();
        }
        if (running == null) {
            throw new DeliveryStreamException(Reason.IN_USE, "Delivery stream " + name + " is not running");
        }
        return running.runOnce();
    }

    /** The names of every delivery stream, sorted. */
    public synchronized List<String> list() {
        return List.copyOf(streams.keySet());
    }

    /** The stream's definition, state, metrics and last failure. */
    public DeliveryStreamStatus describe(String name) {
        Managed m = get(name);
        synchronized (m) {
            return m.status();
        }
    }

    /** The delivery settings of the stream: the server's keys overridden by its own. */
    public DeliveryConfig config(String name) {
        Managed m = get(name);
        synchronized (m) {
            return configOf(name, m.def.settings());
        }
    }

    // ---------------------------------------------------------------- direct put

    /**
     * Accepts one record into a running direct-put stream and returns its record id.
     *
     * @throws ServiceUnavailableException if its buffers are full; nothing was accepted, retry later
     * @throws DeliveryStreamException {@code NOT_FOUND}, {@code IN_USE} (stopped) or {@code INVALID_ARGUMENT}
     *     (too large, or the stream does not take direct puts)
     */
    public String putRecord(String name, byte[] data) {
        Managed m = get(name);
        m.gate.readLock().lock();
        try {
            DirectPutSource direct = m.directSource();
            int limit = recordLimit(m);
            if (data.length > limit) {
                throw new DeliveryStreamException(Reason.INVALID_ARGUMENT, tooLarge(data.length, limit));
            }
            return recordId(m.generation, direct.putRecord(data));
        } finally {
            m.gate.readLock().unlock();
        }
    }

    /**
     * Accepts records into a running direct-put stream, each on its own: a record too large or refused because
     * the buffers are full is reported in its entry (and counted in {@code failedPutCount}), the others are
     * accepted. Retrying only the failed entries never duplicates a record.
     *
     * @throws DeliveryStreamException for a batch that is empty, over {@value #MAX_BATCH_RECORDS} records or over
     *     4 MiB ({@code INVALID_ARGUMENT}, nothing accepted), or as {@link #putRecord}
     */
    public PutResult putRecordBatch(String name, List<byte[]> records) {
        if (records.isEmpty() || records.size() > MAX_BATCH_RECORDS) {
            throw new DeliveryStreamException(
                    Reason.INVALID_ARGUMENT,
                    "PutRecordBatch takes 1 to " + MAX_BATCH_RECORDS + " records, got " + records.size());
        }
        long total = 0;
        for (byte[] r : records) {
            total += r.length;
        }
        if (total > MAX_BATCH_BYTES) {
            throw new DeliveryStreamException(
                    Reason.INVALID_ARGUMENT,
                    "PutRecordBatch takes at most " + MAX_BATCH_BYTES + " bytes of records, got " + total);
        }
        Managed m = get(name);
        m.gate.readLock().lock();
        try {
            DirectPutSource direct = m.directSource();
            int limit = recordLimit(m);
            List<byte[]> sized = new ArrayList<>(records.size());
            for (byte[] r : records) {
                if (r.length <= limit) {
                    sized.add(r);
                }
            }
            DirectPutSource.PutBatchResult accepted = direct.putRecordBatch(sized);
            List<PutEntry> entries = new ArrayList<>(records.size());
            int failed = 0;
            int next = 0;
            for (byte[] r : records) {
                if (r.length > limit) {
                    entries.add(new PutEntry(null, INVALID_ARGUMENT, tooLarge(r.length, limit)));
                    failed++;
                    continue;
                }
                int i = next++;
                Long sequence = accepted.sequences().get(i);
                if (sequence != null) {
                    entries.add(new PutEntry(recordId(m.generation, sequence), null, null));
                } else {
                    String code = accepted.errorCodes().get(i);
                    entries.add(new PutEntry(
                            null,
                            code,
                            SERVICE_UNAVAILABLE.equals(code)
                                    ? "Delivery stream " + name + " buffers are full; slow down and retry the record"
                                    : "The record was refused"));
                    failed++;
                }
            }
            return new PutResult(failed, Collections.unmodifiableList(entries));
        } finally {
            m.gate.readLock().unlock();
        }
    }

    private int recordLimit(Managed m) {
        return Math.min(MAX_PUT_RECORD_BYTES, m.runConfig.maxRecordBytes());
    }

    private static String tooLarge(int size, int limit) {
        return String.format(Locale.ROOT, "Record size %,d bytes exceeds the largest accepted, %,d bytes", size, limit);
    }

    /** Start generation and sequence, as 32 hex digits: the same record always gets the same id. */
    static String recordId(long generation, long sequence) {
        return String.format(Locale.ROOT, "%016x%016x", generation, sequence);
    }

    // ---------------------------------------------------------------- closing

    /**
     * Stops every stream (landing what each accepted), leaving running ones marked running so that the next
     * {@link #open} starts them again. Idempotent.
     */
    @Override
    public void close() throws IOException {
        List<Managed> all;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            all = new ArrayList<>(streams.values());
        }
        IOException failure = null;
        for (Managed m : all) {
            synchronized (m) {
                try {
                    m.stopLocked(false);
                } catch (IOException | RuntimeException e) {
                    if (failure == null) {
                        failure = new IOException("closing delivery streams failed", e);
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    // ---------------------------------------------------------------- helpers

    private synchronized Managed get(String name) {
        Managed m = streams.get(name);
        if (m == null) {
            throw DeliveryStreamException.notFound(name);
        }
        return m;
    }

    private DeliveryConfig configOf(String name, Map<String, String> settings) {
        Map<String, String> merged = new HashMap<>(conf);
        merged.putAll(settings);
        try {
            return DeliveryConfig.of(name, merged);
        } catch (IllegalArgumentException e) {
            throw new DeliveryStreamException(Reason.INVALID_ARGUMENT, e.getMessage(), e);
        }
    }

    private static final Set<String> SETTING_KEYS = Stream.of(IngestKeys.values())
            .map(IngestKeys::key)
            .filter(k -> k.startsWith("silt.ingest.delivery.") || k.equals(IngestKeys.MAX_RECORD_BYTES.key()))
            .collect(Collectors.toUnmodifiableSet());

    private static void checkSettings(Map<String, String> settings) {
        for (String key : settings.keySet()) {
            if (!SETTING_KEYS.contains(key)) {
                throw new DeliveryStreamException(
                        Reason.INVALID_ARGUMENT,
                        "unknown delivery setting '" + key + "': a delivery stream takes silt.ingest.delivery.* keys"
                                + " and " + IngestKeys.MAX_RECORD_BYTES.key());
            }
        }
    }

    private static void checkDestination(String destination) {
        URI uri;
        try {
            uri = new URI(destination);
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (uri == null || uri.getScheme() == null || uri.getScheme().length() < 2) {
            throw new DeliveryStreamException(
                    Reason.INVALID_ARGUMENT,
                    "destination '" + destination + "' must be a URI such as file:///data/lake, hdfs://nn/lake or"
                            + " s3a://bucket/lake");
        }
    }

    private static DeliveryStreamException unavailable(SourceSpec source) {
        return new DeliveryStreamException(
                Reason.INVALID_ARGUMENT,
                "source '" + source + "' is not available in this server: it has no "
                        + source.kind().name().toLowerCase(Locale.ROOT).replace('_', '-')
                        + " delivery source; use direct-put");
    }

    private static DefinitionFiles.Stored stored(DeliveryStreamDefinition d) {
        return new DefinitionFiles.Stored(
                d.name(),
                d.destination(),
                d.source().toString(),
                d.settings(),
                d.running(),
                d.generation(),
                d.createdMillis(),
                d.updatedMillis());
    }

    /** One managed stream. Lifecycle under its monitor; the running parts also under the gate's write lock. */
    private final class Managed {
        /** Puts hold it shared; start and stop swap the running parts holding it exclusively. */
        final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();

        /** Written under this; volatile because puts read its source kind without the monitor. */
        volatile DeliveryStreamDefinition def;

        String failure; // guarded by this
        DeliveryMetrics lastMetrics; // guarded by this
        // The running parts: written under this and the gate's write lock, read under either.
        DeliveryStream stream;
        DeliverySource source;
        DirectPutSource direct;
        DeliveryConfig runConfig;
        long generation;

        Managed(DeliveryStreamDefinition def) {
            this.def = def;
        }

        /** The running stream's direct-put source; the caller holds the gate shared. */
        DirectPutSource directSource() {
            if (def.source().kind() != SourceSpec.Kind.DIRECT_PUT) {
                throw new DeliveryStreamException(
                        Reason.INVALID_ARGUMENT,
                        "Delivery stream " + def.name() + " reads from " + def.source()
                                + " and does not take direct puts");
            }
            if (direct == null) {
                throw new DeliveryStreamException(
                        Reason.IN_USE,
                        "Delivery stream " + def.name() + " is not running; start it (StartDeliveryStream, or"
                                + " 'silt deliver start " + def.name() + "')");
            }
            return direct;
        }

        void startLocked() throws IOException {
            if (stream != null) {
                return;
            }
            DeliveryConfig config = configOf(def.name(), def.settings());
            long nextGeneration = def.generation() + 1;
            // Persisted before any put of this start is acknowledged, so its record ids are new for good.
            DeliveryStreamDefinition next = def.withRunning(true, nextGeneration, clock.millis());
            files.write(stored(next));
            def = next;
            DeliverySource src = null;
            DeliveryStream opened = null;
            try {
                if (def.source().kind() == SourceSpec.Kind.DIRECT_PUT) {
                    src = DirectPutSource.create(config, clock);
                } else {
                    DeliverySourceFactory factory = factories.get(def.source().kind());
                    if (factory == null) {
                        throw unavailable(def.source());
                    }
                    src = factory.open(def.source(), config);
                }
                opened = DeliveryStream.builder(config, def.destination())
                        .source(src)
                        .clock(clock)
                        .hadoopConf(hadoopConf)
                        .open();
                if (background) {
                    opened.start();
                }
            } catch (IOException | RuntimeException e) {
                failure = e.getMessage() == null ? e.toString() : e.getMessage();
                if (src != null) {
                    try {
                        src.close();
                    } catch (IOException suppressed) {
                        e.addSuppressed(suppressed);
                    }
                }
                throw e;
            }
            gate.writeLock().lock();
            try {
                stream = opened;
                source = src;
                direct = src instanceof DirectPutSource d ? d : null;
                runConfig = config;
                generation = nextGeneration;
            } finally {
                gate.writeLock().unlock();
            }
            lastMetrics = opened.metrics();
            failure = null;
        }

        void stopLocked(boolean persist) throws IOException {
            DeliveryStream running;
            DeliverySource src;
            DirectPutSource putSource;
            gate.writeLock().lock();
            try {
                running = stream;
                src = source;
                putSource = direct;
                stream = null;
                source = null;
                direct = null;
            } finally {
                gate.writeLock().unlock();
            }
            if (running != null) {
                try {
                    try {
                        // Acknowledged puts are in memory only: land them all before the stream goes.
                        while (putSource != null && putSource.backlogRecords() > 0) {
                            running.runOnce();
                        }
                    } finally {
                        running.close();
                    }
                } finally {
                    src.close();
                }
            }
            if (persist && def.running()) {
                DeliveryStreamDefinition next = def.withRunning(false, def.generation(), clock.millis());
                files.write(stored(next));
                def = next;
            }
        }

        DeliveryStreamStatus status() {
            State state;
            String problem = failure;
            if (stream != null) {
                state = State.ACTIVE;
                Throwable last = stream.lastFailure();
                if (last != null) {
                    problem = last.getMessage() == null ? last.toString() : last.getMessage();
                }
            } else if (def.running()) {
                state = State.FAILED;
            } else {
                state = State.STOPPED;
            }
            return new DeliveryStreamStatus(def, state, lastMetrics, problem);
        }
    }
}
