package dev.silt.ingest.stream.internal;

import dev.silt.ingest.stream.StreamErrorType;
import dev.silt.ingest.stream.StreamException;
import dev.silt.ingest.stream.StreamService;
import dev.silt.ingest.stream.model.DescribeStreamRequest;
import dev.silt.ingest.stream.model.DescribeStreamResponse;
import dev.silt.ingest.stream.model.DescribeStreamSummaryRequest;
import dev.silt.ingest.stream.model.DescribeStreamSummaryResponse;
import dev.silt.ingest.stream.model.EncryptionType;
import dev.silt.ingest.stream.model.EnhancedMetrics;
import dev.silt.ingest.stream.model.ListShardsRequest;
import dev.silt.ingest.stream.model.ListShardsResponse;
import dev.silt.ingest.stream.model.Shard;
import dev.silt.ingest.stream.model.ShardFilter;
import dev.silt.ingest.stream.model.ShardFilterType;
import dev.silt.ingest.stream.model.StreamDescription;
import dev.silt.ingest.stream.model.StreamDescriptionSummary;
import dev.silt.ingest.stream.model.StreamModeDetails;
import dev.silt.ingest.stream.model.StreamStatus;
import java.io.DataInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** DescribeStream, DescribeStreamSummary and ListShards: read-only views of a stream's shards. */
final class ShardListing {
    private static final int DESCRIBE_DEFAULT_LIMIT = 100;
    private static final int LIST_SHARDS_PAGE = 1000;

    private final Streams streams;

    ShardListing(Streams streams) {
        this.streams = streams;
    }

    DescribeStreamResponse describeStream(DescribeStreamRequest request) {
        String name = streams.resolveName(request.streamName(), request.streamARN());
        Checks.range("limit", request.limit(), 1, 10_000);
        if (request.exclusiveStartShardId() != null) {
            Checks.shardId("exclusiveStartShardId", request.exclusiveStartShardId());
        }
        int limit = request.limit() == null ? DESCRIBE_DEFAULT_LIMIT : request.limit();
        StreamState s = streams.stream(name);
        StreamStatus status = s.status();
        List<Shard> shards = new ArrayList<>();
        boolean more = false;
        if (status != StreamStatus.CREATING) {
            for (ShardState shard : visible(s)) {
                if (request.exclusiveStartShardId() != null
                        && shard.shardId.compareTo(request.exclusiveStartShardId()) <= 0) {
                    continue;
                }
                if (shards.size() == limit) {
                    more = true;
                    break;
                }
                shards.add(shard.toModel());
            }
        }
        return new DescribeStreamResponse(new StreamDescription(
                name,
                streams.arn(name),
                status,
                new StreamModeDetails(s.mode),
                shards,
                more,
                s.retentionHours(),
                Instant.ofEpochMilli(s.creationMillis),
                List.of(new EnhancedMetrics(List.of())),
                EncryptionType.NONE,
                null));
    }

    DescribeStreamSummaryResponse describeStreamSummary(DescribeStreamSummaryRequest request) {
        String name = streams.resolveName(request.streamName(), request.streamARN());
        StreamState s = streams.stream(name);
        return new DescribeStreamSummaryResponse(new StreamDescriptionSummary(
                name,
                streams.arn(name),
                s.status(),
                new StreamModeDetails(s.mode),
                s.retentionHours(),
                Instant.ofEpochMilli(s.creationMillis),
                List.of(new EnhancedMetrics(List.of())),
                EncryptionType.NONE,
                null,
                s.openShardCount(),
                0));
    }

    /** Shards not yet expired (closed before the trim horizon), in shard-id order. */
    private List<ShardState> visible(StreamState s) {
        long horizon = streams.clock.millis() - s.retentionHours() * 3_600_000L;
        List<ShardState> out = new ArrayList<>();
        for (ShardState shard : s.shards()) {
            if (!shard.isExpired(horizon)) {
                out.add(shard);
            }
        }
        return out;
    }

    ListShardsResponse listShards(ListShardsRequest request) {
        Checks.range("maxResults", request.maxResults(), 1, 10_000);
        int max = Math.min(LIST_SHARDS_PAGE, request.maxResults() == null ? LIST_SHARDS_PAGE : request.maxResults());
        String name;
        long creation;
        String after;
        ShardFilter filter;
        if (request.nextToken() != null) {
            if (request.streamName() != null || request.streamARN() != null) {
                throw Errors.invalid("NextToken and StreamName cannot be provided together.");
            }
            if (request.exclusiveStartShardId() != null) {
                throw Errors.invalid("NextToken and ExclusiveStartShardId cannot be provided together.");
            }
            if (request.streamCreationTimestamp() != null) {
                throw Errors.invalid("NextToken and StreamCreationTimestamp cannot be provided together.");
            }
            Checks.length("nextToken", request.nextToken(), 1, 1048576);
            DataInputStream in = streams.tokens.decode(Tokens.LIST_SHARDS, request.nextToken());
            if (in == null) {
                throw Errors.invalid("Invalid NextToken.");
            }
            long issued;
            try {
                name = in.readUTF();
                creation = in.readLong();
                after = in.readUTF();
                issued = in.readLong();
                filter = readFilter(in);
            } catch (IOException | IllegalArgumentException e) {
                throw Errors.invalid("Invalid NextToken.");
            }
            if (streams.clock.millis() - issued > StreamService.TOKEN_LIFETIME_MILLIS) {
                throw new StreamException(StreamErrorType.EXPIRED_NEXT_TOKEN, "The NextToken has expired.");
            }
        } else {
            if (request.streamName() == null && request.streamARN() == null) {
                throw Errors.invalid("Either NextToken or StreamName should be provided.");
            }
            name = streams.resolveName(request.streamName(), request.streamARN());
            creation = -1;
            after = request.exclusiveStartShardId();
            if (after != null) {
                Checks.shardId("exclusiveStartShardId", after);
            }
            filter = request.shardFilter();
            checkFilter(filter);
        }
        StreamState s = streams.stream(name);
        if (creation >= 0 && s.creationMillis != creation) {
            throw Errors.invalid("The NextToken belongs to an earlier stream of the same name.");
        }
        Instant created = request.streamCreationTimestamp();
        if (created != null && Math.abs(created.toEpochMilli() - s.creationMillis) >= 1000) {
            throw streams.errors.streamNotFound(name);
        }
        if (s.status() == StreamStatus.CREATING) {
            throw streams.errors.notActive(name, StreamStatus.CREATING);
        }
        List<Shard> page = new ArrayList<>();
        String last = null;
        boolean more = false;
        for (ShardState shard : visible(s)) {
            if (after != null && shard.shardId.compareTo(after) <= 0) {
                continue;
            }
            if (!matches(s, shard, filter)) {
                continue;
            }
            if (page.size() == max) {
                more = true;
                break;
            }
            page.add(shard.toModel());
            last = shard.shardId;
        }
        String next = null;
        if (more) {
            String lastId = last;
            ShardFilter f = filter;
            next = streams.tokens.encode(Tokens.LIST_SHARDS, out -> {
                out.writeUTF(s.name);
                out.writeLong(s.creationMillis);
                out.writeUTF(lastId);
                out.writeLong(streams.clock.millis());
                out.writeUTF(f == null ? "" : f.type().name());
                out.writeUTF(f == null || f.shardId() == null ? "" : f.shardId());
                out.writeLong(
                        f == null || f.timestamp() == null
                                ? Long.MIN_VALUE
                                : f.timestamp().toEpochMilli());
            });
        }
        return new ListShardsResponse(page, next);
    }

    private static ShardFilter readFilter(DataInputStream in) throws IOException {
        String type = in.readUTF();
        String shardId = in.readUTF();
        long timestamp = in.readLong();
        if (type.isEmpty()) {
            return null;
        }
        return new ShardFilter(
                ShardFilterType.valueOf(type),
                shardId.isEmpty() ? null : shardId,
                timestamp == Long.MIN_VALUE ? null : Instant.ofEpochMilli(timestamp));
    }

    private static void checkFilter(ShardFilter filter) {
        if (filter == null) {
            return;
        }
        Checks.required("shardFilter.type", filter.type());
        switch (filter.type()) {
            case AFTER_SHARD_ID -> {
                if (filter.shardId() == null) {
                    throw Errors.invalid("ShardFilter of type AFTER_SHARD_ID requires a ShardId.");
                }
                Checks.shardId("shardFilter.shardId", filter.shardId());
            }
            case AT_TIMESTAMP, FROM_TIMESTAMP -> {
                if (filter.timestamp() == null) {
                    throw Errors.invalid("ShardFilter of type " + filter.type() + " requires a Timestamp.");
                }
            }
            default -> {
                if (filter.shardId() != null || filter.timestamp() != null) {
                    throw Errors.invalid(
                            "ShardFilter of type " + filter.type() + " takes neither a ShardId nor a Timestamp.");
                }
            }
        }
    }

    /**
     * The service's filter semantics: AT_* returns the shards open at that moment, FROM_* the shards open at or
     * after it; the trim horizon is now minus retention, but never before the stream was created.
     */
    private boolean matches(StreamState s, ShardState shard, ShardFilter filter) {
        if (filter == null) {
            return true;
        }
        long horizon = Math.max(s.creationMillis, streams.clock.millis() - s.retentionHours() * 3_600_000L);
        return switch (filter.type()) {
            case AFTER_SHARD_ID -> shard.shardId.compareTo(filter.shardId()) > 0;
            case AT_LATEST -> shard.isOpen();
            case AT_TRIM_HORIZON -> openAt(shard, horizon);
            case FROM_TRIM_HORIZON -> openAtOrAfter(shard, horizon);
            case AT_TIMESTAMP -> openAt(
                    shard, Math.max(s.creationMillis, filter.timestamp().toEpochMilli()));
            case FROM_TIMESTAMP -> openAtOrAfter(shard, filter.timestamp().toEpochMilli());
        };
    }

    private static boolean openAt(ShardState shard, long t) {
        Long closed = shard.closedMillis();
        return shard.openedMillis <= t && (closed == null || closed > t);
    }

    private static boolean openAtOrAfter(ShardState shard, long t) {
        Long closed = shard.closedMillis();
        return closed == null || closed >= t;
    }
}
