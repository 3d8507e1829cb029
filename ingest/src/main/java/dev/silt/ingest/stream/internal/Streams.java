package dev.silt.ingest.stream.internal;

import dev.silt.ingest.stream.StreamErrorType;
import dev.silt.ingest.stream.StreamException;
import dev.silt.ingest.stream.StreamServiceOptions;
import dev.silt.ingest.stream.model.AddTagsToStreamRequest;
import dev.silt.ingest.stream.model.CreateStreamRequest;
import dev.silt.ingest.stream.model.DecreaseStreamRetentionPeriodRequest;
import dev.silt.ingest.stream.model.DeleteStreamRequest;
import dev.silt.ingest.stream.model.DescribeStreamRequest;
import dev.silt.ingest.stream.model.DescribeStreamResponse;
import dev.silt.ingest.stream.model.DescribeStreamSummaryRequest;
import dev.silt.ingest.stream.model.DescribeStreamSummaryResponse;
import dev.silt.ingest.stream.model.GetRecordsRequest;
import dev.silt.ingest.stream.model.GetRecordsResponse;
import dev.silt.ingest.stream.model.GetShardIteratorRequest;
import dev.silt.ingest.stream.model.GetShardIteratorResponse;
import dev.silt.ingest.stream.model.IncreaseStreamRetentionPeriodRequest;
import dev.silt.ingest.stream.model.ListShardsRequest;
import dev.silt.ingest.stream.model.ListShardsResponse;
import dev.silt.ingest.stream.model.ListStreamsRequest;
import dev.silt.ingest.stream.model.ListStreamsResponse;
import dev.silt.ingest.stream.model.ListTagsForStreamRequest;
import dev.silt.ingest.stream.model.ListTagsForStreamResponse;
import dev.silt.ingest.stream.model.MergeShardsRequest;
import dev.silt.ingest.stream.model.PutRecordRequest;
import dev.silt.ingest.stream.model.PutRecordResponse;
import dev.silt.ingest.stream.model.PutRecordsRequest;
import dev.silt.ingest.stream.model.PutRecordsResponse;
import dev.silt.ingest.stream.model.RemoveTagsFromStreamRequest;
import dev.silt.ingest.stream.model.SplitShardRequest;
import dev.silt.ingest.stream.model.StreamMode;
import dev.silt.ingest.stream.model.StreamModeDetails;
import dev.silt.ingest.stream.model.StreamStatus;
import dev.silt.ingest.stream.model.StreamSummary;
import dev.silt.ingest.stream.model.UpdateShardCountRequest;
import dev.silt.ingest.stream.model.UpdateShardCountResponse;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.stream.Stream;

/**
 * Every stream of a data directory and the operations on them: the engine behind the public service. Control-plane
 * operations live here; puts, reads, listings and reshards are delegated to one class each.
 */
public final class Streams implements Closeable {
    private static final System.Logger LOG = System.getLogger(Streams.class.getName());
    private static final String STREAMS_DIR = "streams";
    private static final String TRASH_DIR = "trash";
    private static final String LOCK_FILE = "service.lock";
    private static final int MAX_TAGS = 50;

    final StreamServiceOptions options;
    final Clock clock;
    final Errors errors;
    final Tokens tokens;
    private final Path root;
    private final FileLock lock;
    private final ConcurrentSkipListMap<String, StreamState> streams = new ConcurrentSkipListMap<>();
    /** Held while checking and changing the account's shard count, and while creating or removing streams. */
    final Object registryLock = new Object();

    private final ScheduledExecutorService scheduler;
    private final boolean ownsScheduler;
    private final ScheduledFuture<?> maintenance;
    private final ExecutorService appendPool;
    private final RecordWriter writer;
    private final RecordReader reader;
    private final ShardListing listing;
    private final Resharder resharder;
    private final TagsAndRetention attributes;
    private volatile boolean closed;

    private Streams(
            Path root,
            StreamServiceOptions options,
            Clock clock,
            Tokens tokens,
            ScheduledExecutorService scheduler,
            boolean ownsScheduler,
            FileLock lock) {
        this.root = root;
        this.lock = lock;
        this.options = options;
        this.clock = clock;
        this.tokens = tokens;
        this.errors = new Errors(options.accountId(), options.region());
        this.scheduler = scheduler;
        this.ownsScheduler = ownsScheduler;
        AtomicInteger threads = new AtomicInteger();
        this.appendPool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "silt-stream-append-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.writer = new RecordWriter(this, appendPool);
        this.reader = new RecordReader(this);
        this.listing = new ShardListing(this);
        this.resharder = new Resharder(this);
        this.attributes = new TagsAndRetention(this);
        long every = options.maintenanceInterval().toMillis();
        this.maintenance = scheduler == null
                ? null
                : scheduler.scheduleWithFixedDelay(this::maintenanceInBackground, every, every, TimeUnit.MILLISECONDS);
    }

    public static Streams open(
            Path dataDir,
            StreamServiceOptions options,
            Clock clock,
            ScheduledExecutorService scheduler,
            boolean ownsScheduler)
            throws IOException {
        Files.createDirectories(dataDir.resolve(STREAMS_DIR));
        FileLock lock = DataDirectory.lock(dataDir, LOCK_FILE);
        try {
            Path trash = dataDir.resolve(TRASH_DIR);
            if (Files.isDirectory(trash)) {
                DataDirectory.deleteRecursively(trash); // streams whose deletion a crash interrupted
            }
            Tokens tokens = Tokens.open(dataDir);
            List<StreamState> loaded = loadAll(dataDir, options, clock);
            Streams streams = new Streams(dataDir, options, clock, tokens, scheduler, ownsScheduler, lock);
            for (StreamState s : loaded) {
                streams.streams.put(s.name, s);
            }
            return streams;
        } catch (IOException | RuntimeException e) {
            lock.channel().close();
            throw e;
        }
    }

    private static List<StreamState> loadAll(Path dataDir, StreamServiceOptions options, Clock clock)
            throws IOException {
        List<StreamState> loaded = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(dataDir.resolve(STREAMS_DIR))) {
            for (Path dir : (Iterable<Path>) dirs::iterator) {
                if (Files.isRegularFile(dir.resolve(MetadataFiles.STREAM_FILE))) {
                    loaded.add(StreamState.load(dir, clock, options.shardLogOptions()));
                }
            }
        } catch (IOException | RuntimeException e) {
            for (StreamState s : loaded) {
                try {
                    s.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
        return loaded;
    }

    // ---- lookups shared by the operation classes

    /** Resolves StreamName and/or StreamARN to a name, validating both. */
    String resolveName(String streamName, String streamArn) {
        String fromArn = null;
        if (streamArn != null) {
            Checks.length("streamARN", streamArn, 1, 2048);
            Matcher m = Checks.STREAM_ARN.matcher(streamArn);
            if (!m.matches()) {
                throw Errors.validation(
                        "streamARN",
                        streamArn,
                        "Member must satisfy regular expression pattern: " + Checks.STREAM_ARN.pattern());
            }
            fromArn = m.group(3);
            if (!m.group(1).equals(options.region()) || !m.group(2).equals(options.accountId())) {
                throw new Errors(m.group(2), m.group(1)).streamNotFound(fromArn);
            }
            Checks.length("streamARN", fromArn, 1, 128);
        }
        if (streamName == null) {
            if (fromArn == null) {
                throw Errors.invalid("Either StreamName or StreamARN should be provided.");
            }
            return fromArn;
        }
        Checks.streamName("streamName", streamName);
        if (fromArn != null && !fromArn.equals(streamName)) {
            throw Errors.invalid(
                    "StreamARN " + streamArn + " and StreamName " + streamName + " refer to different streams.");
        }
        return streamName;
    }

    /** The stream in any state; a stream whose deletion is due is removed first and not found. */
    StreamState stream(String name) {
        checkOpen();
        StreamState s = streams.get(name);
        if (s == null) {
            throw errors.streamNotFound(name);
        }
        try {
            if (s.refresh(clock.millis())) {
                finishDeletion(s);
                throw errors.streamNotFound(name);
            }
        } catch (IOException e) {
            throw Errors.internal(e);
        }
        return s;
    }

    /** The stream if it takes records: ACTIVE or UPDATING (a CREATING or DELETING stream is not found). */
    StreamState writable(String name) {
        StreamState s = stream(name);
        StreamStatus status = s.status();
        if (status == StreamStatus.CREATING || status == StreamStatus.DELETING) {
            throw errors.streamNotFound(name);
        }
        return s;
    }

    /** The stream if it may change: ACTIVE only. */
    StreamState active(String name) {
        StreamState s = stream(name);
        StreamStatus status = s.status();
        if (status != StreamStatus.ACTIVE) {
            throw errors.notActive(name, status);
        }
        return s;
    }

    /** Open shards over every live stream of the account; callers hold {@link #registryLock}. */
    int openShardsInAccount() {
        int n = 0;
        for (StreamState s : streams.values()) {
            if (s.status() != StreamStatus.DELETING) {
                n += s.openShardCount();
            }
        }
        return n;
    }

    void checkShardLimit(int additional) {
        int current = openShardsInAccount();
        if (additional > 0 && current + additional > options.shardLimit()) {
            throw errors.shardLimit(current, options.shardLimit(), additional);
        }
    }

    String arn(String name) {
        return options.streamArn(name);
    }

    private void checkOpen() {
        if (closed) {
            // a request racing a shutdown: a server failure the client may retry elsewhere, not a client error
            throw new StreamException(StreamErrorType.INTERNAL_FAILURE, "The stream service is shutting down.");
        }
    }

    // ---- control plane

    public void createStream(CreateStreamRequest request) {
        String name = request.streamName();
        Checks.streamName("streamName", name);
        Checks.range("shardCount", request.shardCount(), 1, 100_000);
        StreamMode mode = request.streamModeDetails() == null
                        || request.streamModeDetails().streamMode() == null
                ? StreamMode.PROVISIONED
                : request.streamModeDetails().streamMode();
        int shardCount;
        if (mode == StreamMode.ON_DEMAND) {
            if (request.shardCount() != null) {
                throw Errors.invalid("ShardCount must not be specified for a stream in ON_DEMAND mode.");
            }
            shardCount = 4; // the service starts an on-demand stream with four shards
        } else {
            shardCount = request.shardCount() == null ? 1 : request.shardCount();
        }
        Map<String, String> tags = request.tags() == null ? Map.of() : request.tags();
        TagsAndRetention.checkTags(tags, MAX_TAGS);
        synchronized (registryLock) {
            checkOpen();
            StreamState existing = streams.get(name);
            if (existing != null) {
                try {
                    if (existing.refresh(clock.millis())) {
                        finishDeletion(existing);
                        existing = null;
                    }
                } catch (IOException e) {
                    throw Errors.internal(e);
                }
                if (existing != null) {
                    throw errors.streamExists(name);
                }
            }
            checkShardLimit(shardCount);
            Path dir = root.resolve(STREAMS_DIR).resolve(directoryName(name));
            try {
                if (Files.exists(dir)) {
                    DataDirectory.deleteRecursively(
                            dir); // a crash between mkdir and the first metadata write left it behind
                }
                StreamState s = StreamState.create(
                        name,
                        dir,
                        shardCount,
                        mode,
                        options.defaultRetentionHours(),
                        tags,
                        options.createDelay().toMillis(),
                        clock,
                        options.shardLogOptions());
                streams.put(name, s);
            } catch (IOException e) {
                throw Errors.internal(e);
            }
        }
    }

    public void deleteStream(DeleteStreamRequest request) {
        String name = resolveName(request.streamName(), request.streamARN());
        synchronized (registryLock) {
            StreamState s = stream(name);
            StreamStatus status = s.status();
            if (status == StreamStatus.DELETING) {
                return; // already on its way out: deleting twice is harmless
            }
            if (status == StreamStatus.CREATING) {
                throw errors.notActive(name, status);
            }
            try {
                long delay = options.deleteDelay().toMillis();
                s.setStatus(StreamStatus.DELETING, clock.millis() + delay);
                if (delay == 0) {
                    finishDeletion(s);
                }
            } catch (IOException e) {
                throw Errors.internal(e);
            }
        }
    }

    /** Closes a deleted stream's logs and removes its files: renamed into the trash first, so a crash finishes it. */
    private void finishDeletion(StreamState s) {
        synchronized (registryLock) {
            if (!streams.remove(s.name, s)) {
                return;
            }
            try {
                s.close();
                Path trash = root.resolve(TRASH_DIR);
                Files.createDirectories(trash);
                Path target = trash.resolve(s.dir.getFileName() + "-" + System.nanoTime());
                Files.move(s.dir, target, StandardCopyOption.ATOMIC_MOVE);
                MetadataFiles.forceDirectory(s.dir.getParent());
                DataDirectory.deleteRecursively(target);
            } catch (IOException e) {
                throw Errors.internal(e);
            }
        }
    }

    public ListStreamsResponse listStreams(ListStreamsRequest request) {
        checkOpen();
        Checks.range("limit", request.limit(), 1, 10_000);
        int limit = request.limit() == null ? 100 : Math.min(100, request.limit());
        String after = request.exclusiveStartStreamName();
        if (request.nextToken() != null) {
            DataInputStream in = tokens.decode(Tokens.LIST_STREAMS, request.nextToken());
            if (in == null) {
                throw Errors.invalid("Invalid NextToken.");
            }
            try {
                after = in.readUTF();
            } catch (IOException e) {
                throw Errors.invalid("Invalid NextToken.");
            }
        } else if (after != null) {
            Checks.streamName("exclusiveStartStreamName", after);
        }
        List<String> names = new ArrayList<>();
        List<StreamSummary> summaries = new ArrayList<>();
        Map<String, StreamState> view = after == null ? streams : streams.tailMap(after, false);
        boolean more = false;
        for (StreamState s : view.values()) {
            try {
                if (s.refresh(clock.millis())) {
                    finishDeletion(s);
                    continue;
                }
            } catch (IOException e) {
                throw Errors.internal(e);
            }
            if (names.size() == limit) {
                more = true;
                break;
            }
            names.add(s.name);
            summaries.add(new StreamSummary(
                    s.name,
                    arn(s.name),
                    s.status(),
                    new StreamModeDetails(s.mode),
                    Instant.ofEpochMilli(s.creationMillis)));
        }
        String next = null;
        if (more) {
            String last = names.get(names.size() - 1);
            next = tokens.encode(Tokens.LIST_STREAMS, out -> out.writeUTF(last));
        }
        return new ListStreamsResponse(names, more, next, summaries);
    }

    public DescribeStreamResponse describeStream(DescribeStreamRequest request) {
        return listing.describeStream(request);
    }

    public DescribeStreamSummaryResponse describeStreamSummary(DescribeStreamSummaryRequest request) {
        return listing.describeStreamSummary(request);
    }

    public ListShardsResponse listShards(ListShardsRequest request) {
        return listing.listShards(request);
    }

    public PutRecordResponse putRecord(PutRecordRequest request) {
        return writer.putRecord(request);
    }

    public PutRecordsResponse putRecords(PutRecordsRequest request) {
        return writer.putRecords(request);
    }

    public GetShardIteratorResponse getShardIterator(GetShardIteratorRequest request) {
        return reader.getShardIterator(request);
    }

    public GetRecordsResponse getRecords(GetRecordsRequest request) {
        return reader.getRecords(request);
    }

    public void splitShard(SplitShardRequest request) {
        resharder.splitShard(request);
    }

    public void mergeShards(MergeShardsRequest request) {
        resharder.mergeShards(request);
    }

    public UpdateShardCountResponse updateShardCount(UpdateShardCountRequest request) {
        return resharder.updateShardCount(request);
    }

    public void increaseStreamRetentionPeriod(IncreaseStreamRetentionPeriodRequest request) {
        attributes.changeRetention(request.streamName(), request.streamARN(), request.retentionPeriodHours(), true);
    }

    public void decreaseStreamRetentionPeriod(DecreaseStreamRetentionPeriodRequest request) {
        attributes.changeRetention(request.streamName(), request.streamARN(), request.retentionPeriodHours(), false);
    }

    public void addTagsToStream(AddTagsToStreamRequest request) {
        attributes.addTags(request);
    }

    public ListTagsForStreamResponse listTagsForStream(ListTagsForStreamRequest request) {
        return attributes.listTags(request);
    }

    public void removeTagsFromStream(RemoveTagsFromStreamRequest request) {
        attributes.removeTags(request);
    }

    // ---- maintenance

    private void maintenanceInBackground() {
        try {
            runMaintenance();
        } catch (RuntimeException e) {
            // keep the schedule alive: the next run retries, and the failure is reported, not swallowed
            LOG.log(System.Logger.Level.WARNING, "stream maintenance failed; retrying at the next interval", e);
        }
    }

    /** Applies due status changes, then trims expired records and expired closed shards of every stream. */
    public void runMaintenance() {
        checkOpen();
        List<StreamState> all = new ArrayList<>(streams.values());
        all.sort(Comparator.comparing(s -> s.name));
        for (StreamState s : all) {
            try {
                if (s.refresh(clock.millis())) {
                    finishDeletion(s);
                    continue;
                }
                attributes.trim(s);
            } catch (IOException e) {
                throw Errors.internal(e);
            }
        }
    }

    @Override
    public void close() throws IOException {
        synchronized (registryLock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (maintenance != null) {
            maintenance.cancel(false);
        }
        if (ownsScheduler) {
            scheduler.shutdownNow();
        }
        IOException first = null;
        for (StreamState s : new TreeMap<>(streams).values()) {
            try {
                s.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        appendPool.shutdown();
        try {
            lock.channel().close();
        } catch (IOException e) {
            if (first == null) {
                first = e;
            } else {
                first.addSuppressed(e);
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /**
     * The directory of a stream: its name, except that names starting with a dot (".", "..", ".hidden") get a
     * '%' prefix, a character stream names cannot contain. Names differing only in case need a case-sensitive
     * file system, as on Linux.
     */
    static String directoryName(String streamName) {
        return streamName.startsWith(".") ? "%" + streamName : streamName;
    }
}
