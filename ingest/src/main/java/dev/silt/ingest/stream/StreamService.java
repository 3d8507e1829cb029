package dev.silt.ingest.stream;

import dev.silt.ingest.stream.internal.Streams;
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
import dev.silt.ingest.stream.model.UpdateShardCountRequest;
import dev.silt.ingest.stream.model.UpdateShardCountResponse;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The Kinesis Data Streams service over a data directory: one typed method per API operation, taking and returning
 * the records of {@link dev.silt.ingest.stream.model}, so that a wire layer maps requests and responses one to one.
 *
 * <p>Errors: every method reports a failed request as a {@link StreamException} whose {@link StreamErrorType}
 * names the service's exception ({@code ResourceNotFoundException}, {@code ValidationException}, ...) and whose
 * message uses the service's wording where it is known. A disk failure is {@link StreamErrorType#INTERNAL_FAILURE}.
 * Wherever a request has {@code StreamName} it also accepts {@code StreamARN}
 * ({@code arn:aws:kinesis:<region>:<account>:stream/<name>}); when both are given they must agree.
 *
 * <p>Threading: every method is safe to call from any number of threads at once. Puts to different shards run in
 * parallel and puts to one shard are group-committed; a reshard waits for the puts in flight on its parents, and
 * no record lands in a shard after it is closed. Reads never block puts.
 *
 * <p>Durability: a put returns once its records are on disk per the {@link FsyncPolicy}; stream metadata (shards,
 * lineage, status, retention, tags) is written atomically under {@code <data>/streams/<name>/stream.json} before
 * an operation that changes it returns. Opening a service on the same directory restores every stream.
 *
 * <p>Time: status delays, iterator expiry, retention and throughput limits all follow the injected {@link Clock};
 * {@link #runMaintenance()} applies due status changes and trims expired records now, for tests that move the
 * clock instead of sleeping. The caller owns the service and closes it; {@link #close} is idempotent.
 */
public final class StreamService implements Closeable {
    /** Most entries in one {@code PutRecords} request. */
    public static final int MAX_PUT_RECORDS_ENTRIES = 500;

    /** Most records one {@code GetRecords} call returns. */
    public static final int MAX_GET_RECORDS_LIMIT = 10_000;

    /** Most data bytes one {@code GetRecords} call returns. */
    public static final long MAX_GET_RECORDS_BYTES = 10L * 1024 * 1024;

    /** How long a shard iterator or a pagination token stays valid, in milliseconds. */
    public static final long TOKEN_LIFETIME_MILLIS = 300_000;

    private final Path dataDir;
    private final StreamServiceOptions options;
    private final Streams streams;

    private StreamService(Path dataDir, StreamServiceOptions options, Streams streams) {
        this.dataDir = dataDir;
        this.options = options;
        this.streams = streams;
    }

    /**
     * Opens the service on {@code dataDir} (created if missing), restoring every stream found there, with its own
     * single background thread for maintenance every {@link StreamServiceOptions#maintenanceInterval()}.
     */
    public static StreamService open(Path dataDir, StreamServiceOptions options, Clock clock) throws IOException {
        ScheduledExecutorService own = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "silt-stream-maintenance");
            t.setDaemon(true);
            return t;
        });
        try {
            return new StreamService(dataDir, options, Streams.open(dataDir, options, clock, own, true));
        } catch (IOException | RuntimeException e) {
            own.shutdownNow();
            throw e;
        }
    }

    /**
     * As {@link #open(Path, StreamServiceOptions, Clock)}, but background maintenance runs on {@code scheduler},
     * which the caller owns and shuts down; pass {@code null} for no background work at all (tests then call
     * {@link #runMaintenance()}).
     */
    public static StreamService open(
            Path dataDir, StreamServiceOptions options, Clock clock, ScheduledExecutorService scheduler)
            throws IOException {
        return new StreamService(dataDir, options, Streams.open(dataDir, options, clock, scheduler, false));
    }

    /** Creates a stream of {@code ShardCount} shards (1 when absent). It is CREATING until the configured delay has passed, then ACTIVE. Errors: ResourceInUseException if the name exists, LimitExceededException past the account's shard limit, ValidationException for a bad name or count. */
    public void createStream(CreateStreamRequest request) {
        streams.createStream(request);
    }

    /** Deletes a stream: it is DELETING until the configured delay has passed, then gone with all its data. Errors: ResourceNotFoundException, ResourceInUseException while CREATING. */
    public void deleteStream(DeleteStreamRequest request) {
        streams.deleteStream(request);
    }

    /** Lists stream names in order, at most 100 per call, with {@code HasMoreStreams} and {@code NextToken}. */
    public ListStreamsResponse listStreams(ListStreamsRequest request) {
        return streams.listStreams(request);
    }

    /** Describes a stream and up to {@code Limit} of its shards (default 100) after {@code ExclusiveStartShardId}. */
    public DescribeStreamResponse describeStream(DescribeStreamRequest request) {
        return streams.describeStream(request);
    }

    /** Describes a stream without its shards; {@code OpenShardCount} counts open shards. */
    public DescribeStreamSummaryResponse describeStreamSummary(DescribeStreamSummaryRequest request) {
        return streams.describeStreamSummary(request);
    }

    /** Lists a stream's unexpired shards in shard-id order, filtered by {@code ShardFilter}, paginated by {@code NextToken} (valid five minutes; ExpiredNextTokenException after). */
    public ListShardsResponse listShards(ListShardsRequest request) {
        return streams.listShards(request);
    }

    /** Appends one record to the open shard owning its hash key and returns once it is durable under the fsync policy. Errors: ValidationException for malformed fields, InvalidArgumentException for an oversize record, ResourceNotFoundException, ProvisionedThroughputExceededException when limits are on. */
    public PutRecordResponse putRecord(PutRecordRequest request) {
        return streams.putRecord(request);
    }

    /** Appends 1 to 500 records; per-record problems (size, key, throughput) fail that entry only, reported with {@code ErrorCode} and {@code ErrorMessage}. Records for one shard keep their request order. Returns once every shard's batch is durable; shards are written in parallel. */
    public PutRecordsResponse putRecords(PutRecordsRequest request) {
        return streams.putRecords(request);
    }

    /** Returns a tamper-evident iterator for a shard position, valid five minutes. A position older than the trim horizon starts at the trim horizon. */
    public GetShardIteratorResponse getShardIterator(GetShardIteratorRequest request) {
        return streams.getShardIterator(request);
    }

    /** Reads up to {@code Limit} records (1 to 10,000) and at most 10 MiB from an iterator's position. Errors: ExpiredIteratorException after five minutes, InvalidArgumentException for a malformed or tampered iterator, ResourceNotFoundException once the stream is gone. */
    public GetRecordsResponse getRecords(GetRecordsRequest request) {
        return streams.getRecords(request);
    }

    /** Closes an open shard and opens two children: {@code [start, NewStartingHashKey - 1]} and {@code [NewStartingHashKey, end]}. The stream is UPDATING for the configured delay. */
    public void splitShard(SplitShardRequest request) {
        streams.splitShard(request);
    }

    /** Closes two open shards with adjacent ranges and opens one child covering both. The stream is UPDATING for the configured delay. */
    public void mergeShards(MergeShardsRequest request) {
        streams.mergeShards(request);
    }

    /** Rescales the open shards to {@code TargetShardCount} uniform ranges by a series of splits and merges, so that every new shard has at most two parents. The target must be within half and double the current count. */
    public UpdateShardCountResponse updateShardCount(UpdateShardCountRequest request) {
        return streams.updateShardCount(request);
    }

    /** Raises retention (24 to 8,760 hours); a lower value than the current one is InvalidArgumentException. */
    public void increaseStreamRetentionPeriod(IncreaseStreamRetentionPeriodRequest request) {
        streams.increaseStreamRetentionPeriod(request);
    }

    /** Lowers retention (24 to 8,760 hours); a higher value than the current one is InvalidArgumentException. Records past the new period are trimmed by the next maintenance run. */
    public void decreaseStreamRetentionPeriod(DecreaseStreamRetentionPeriodRequest request) {
        streams.decreaseStreamRetentionPeriod(request);
    }

    /** Adds or overwrites up to 10 tags; a stream holds at most 50. */
    public void addTagsToStream(AddTagsToStreamRequest request) {
        streams.addTagsToStream(request);
    }

    /** Lists tags in key order after {@code ExclusiveStartTagKey}, at most {@code Limit}. */
    public ListTagsForStreamResponse listTagsForStream(ListTagsForStreamRequest request) {
        return streams.listTagsForStream(request);
    }

    /** Removes tags by key; absent keys are ignored. */
    public void removeTagsFromStream(RemoveTagsFromStreamRequest request) {
        streams.removeTagsFromStream(request);
    }

    /**
     * Applies due status changes (CREATING or UPDATING to ACTIVE, DELETING to gone) and trims every shard's records
     * older than its stream's retention, by the injected clock. Runs in the background on a schedule; tests call it
     * directly. Safe to call concurrently with every other method.
     */
    public void runMaintenance() {
        streams.runMaintenance();
    }

    public StreamServiceOptions options() {
        return options;
    }

    /** The directory the service keeps its streams in. */
    public Path dataDir() {
        return dataDir;
    }

    /** Stops background work and closes every shard log; idempotent. Operations after close fail. */
    @Override
    public void close() throws IOException {
        streams.close();
    }
}
