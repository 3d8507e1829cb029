package dev.silt.ingest.stream.internal;

import dev.silt.ingest.stream.SequenceNumbers;
import dev.silt.ingest.stream.ShardLog;
import dev.silt.ingest.stream.StreamErrorType;
import dev.silt.ingest.stream.StreamException;
import dev.silt.ingest.stream.StreamService;
import dev.silt.ingest.stream.model.ChildShard;
import dev.silt.ingest.stream.model.GetRecordsRequest;
import dev.silt.ingest.stream.model.GetRecordsResponse;
import dev.silt.ingest.stream.model.GetShardIteratorRequest;
import dev.silt.ingest.stream.model.GetShardIteratorResponse;
import dev.silt.ingest.stream.model.Record;
import dev.silt.ingest.stream.model.ShardIteratorType;
import dev.silt.ingest.stream.model.StreamStatus;
import java.io.DataInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * GetShardIterator and GetRecords. An iterator is a signed token naming stream (with its creation time, so a
 * recreated stream of the same name does not accept it), shard, absolute position and issue time.
 */
final class RecordReader {
    private final Streams streams;

    RecordReader(Streams streams) {
        this.streams = streams;
    }

    GetShardIteratorResponse getShardIterator(GetShardIteratorRequest request) {
        String name = streams.resolveName(request.streamName(), request.streamARN());
        Checks.shardId("shardId", request.shardId());
        Checks.required("shardIteratorType", request.shardIteratorType());
        Checks.sequenceNumber("startingSequenceNumber", request.startingSequenceNumber());
        StreamState s = streams.writable(name);
        ShardState shard = s.shard(request.shardId());
        if (shard == null) {
            throw streams.errors.shardNotFound(name, request.shardId());
        }
        long now = streams.clock.millis();
        long position;
        ShardIteratorType type = request.shardIteratorType();
        s.gate.readLock().lock();
        try {
            if (s.isClosed()) {
                throw streams.errors.streamNotFound(name);
            }
            switch (type) {
                case TRIM_HORIZON -> position = shard.firstAbsolute();
                case LATEST -> position = shard.nextAbsolute();
                case AT_SEQUENCE_NUMBER -> position = sequence(s, shard, request.startingSequenceNumber(), type);
                case AFTER_SEQUENCE_NUMBER -> position = sequence(s, shard, request.startingSequenceNumber(), type) + 1;
                case AT_TIMESTAMP -> {
                    Instant at = request.timestamp();
                    if (at == null) {
                        throw Errors.invalid("Must specify timestampInMillis parameter for iterator of type"
                                + " AT_TIMESTAMP. Current request has no timestamp parameter.");
                    }
                    if (at.toEpochMilli() > now) {
                        throw Errors.invalid("The timestampInMillis parameter cannot be greater than the"
                                + " currentTimestampInMillis. timestampInMillis: " + at.toEpochMilli()
                                + ", currentTimestampInMillis: " + now);
                    }
                    position = shard.log == null
                            ? shard.startingSequence
                            : shard.startingSequence + shard.log.firstSequenceAtOrAfter(at.toEpochMilli());
                }
                default -> throw new IllegalStateException("unknown iterator type " + type);
            }
        } catch (IOException e) {
            throw Errors.internal(e);
        } finally {
            s.gate.readLock().unlock();
        }
        return new GetShardIteratorResponse(iterator(s, shard.shardId, position, now));
    }

    /** The absolute sequence of a StartingSequenceNumber, which must be one this shard could have assigned. */
    private long sequence(StreamState s, ShardState shard, String given, ShardIteratorType type) {
        if (given == null) {
            throw Errors.invalid("Must specify StartingSequenceNumber for iterator of type " + type + ".");
        }
        long last = Math.max(shard.startingSequence, shard.nextAbsolute() - 1);
        BigInteger value = new BigInteger(given);
        BigInteger low = SequenceNumbers.BASE.add(BigInteger.valueOf(shard.startingSequence));
        BigInteger high = SequenceNumbers.BASE.add(BigInteger.valueOf(last));
        if (value.compareTo(low) < 0 || value.compareTo(high) > 0) {
            throw Errors.invalid("StartingSequenceNumber " + given + " used in GetShardIterator on shard "
                    + shard.shardId + " in stream " + s.name + " under account " + streams.errors.account()
                    + " is invalid.");
        }
        return value.subtract(SequenceNumbers.BASE).longValueExact();
    }

    private String iterator(StreamState s, String shardId, long position, long issuedMillis) {
        return streams.tokens.encode(Tokens.ITERATOR, out -> {
            out.writeUTF(s.name);
            out.writeLong(s.creationMillis);
            out.writeUTF(shardId);
            out.writeLong(position);
            out.writeLong(issuedMillis);
        });
    }

    GetRecordsResponse getRecords(GetRecordsRequest request) {
        Checks.required("shardIterator", request.shardIterator());
        Checks.length("shardIterator", request.shardIterator(), 1, 512);
        Checks.range("limit", request.limit(), 1, StreamService.MAX_GET_RECORDS_LIMIT);
        String arnName = request.streamARN() == null ? null : streams.resolveName(null, request.streamARN());
        int limit = request.limit() == null ? StreamService.MAX_GET_RECORDS_LIMIT : request.limit();

        DataInputStream in = streams.tokens.decode(Tokens.ITERATOR, request.shardIterator());
        String name;
        long creation;
        String shardId;
        long position;
        long issued;
        if (in == null) {
            throw Errors.invalid("Invalid ShardIterator.");
        }
        try {
            name = in.readUTF();
            creation = in.readLong();
            shardId = in.readUTF();
            position = in.readLong();
            issued = in.readLong();
        } catch (IOException e) {
            throw Errors.invalid("Invalid ShardIterator.");
        }
        long now = streams.clock.millis();
        if (now - issued > StreamService.TOKEN_LIFETIME_MILLIS) {
            throw new StreamException(
                    StreamErrorType.EXPIRED_ITERATOR,
                    "Iterator expired. The iterator was created at time " + Instant.ofEpochMilli(issued)
                            + " while right now it is " + Instant.ofEpochMilli(now)
                            + " which is further in the future than the tolerated delay of "
                            + StreamService.TOKEN_LIFETIME_MILLIS + " milliseconds.");
        }
        if (arnName != null && !arnName.equals(name)) {
            throw Errors.invalid(
                    "StreamARN " + request.streamARN() + " does not match the stream of the shard" + " iterator.");
        }
        StreamState s = streams.stream(name);
        if (s.creationMillis != creation || s.status() == StreamStatus.DELETING) {
            throw streams.errors.streamNotFound(name);
        }
        ShardState shard = s.shard(shardId);
        if (shard == null) {
            throw streams.errors.shardNotFound(name, shardId);
        }
        if (streams.options.throughputLimits()) {
            if (!shard.getCalls.tryTake(1)) {
                throw streams.errors.rateExceeded(name, shardId);
            }
            if (!shard.getBytes.hasTokens()) {
                shard.getCalls.giveBack(1);
                throw streams.errors.rateExceeded(name, shardId);
            }
        }
        s.gate.readLock().lock();
        try {
            if (s.isClosed() || s.shard(shardId) != shard) {
                throw streams.errors.shardNotFound(name, shardId);
            }
            return read(s, shard, Math.max(position, shard.firstAbsolute()), limit, now);
        } catch (IOException e) {
            throw Errors.internal(e);
        } finally {
            s.gate.readLock().unlock();
        }
    }

    private GetRecordsResponse read(StreamState s, ShardState shard, long position, int limit, long now)
            throws IOException {
        List<ShardLog.StoredRecord> stored = shard.log == null
                ? List.of()
                : shard.log.read(position - shard.startingSequence, limit, StreamService.MAX_GET_RECORDS_BYTES);
        List<Record> records = new ArrayList<>(stored.size());
        long bytes = 0;
        for (ShardLog.StoredRecord r : stored) {
            bytes += r.data().length;
            records.add(new Record(
                    SequenceNumbers.format(shard.startingSequence + r.sequence()),
                    Instant.ofEpochMilli(r.arrivalMillis()),
                    r.data(),
                    r.partitionKey(),
                    null));
        }
        if (streams.options.throughputLimits()) {
            shard.getBytes.take(bytes);
        }
        long next = stored.isEmpty()
                ? position
                : shard.startingSequence + stored.get(stored.size() - 1).sequence() + 1;
        long tip = shard.nextAbsolute();
        long behind = 0;
        if (next < tip && !stored.isEmpty()) {
            behind = Math.max(0, now - stored.get(stored.size() - 1).arrivalMillis());
        }
        if (!shard.isOpen() && next >= tip) {
            List<ChildShard> children = new ArrayList<>();
            for (ShardState child : s.children(shard.shardId)) {
                List<String> parents = new ArrayList<>(2);
                parents.add(child.parentShardId);
                if (child.adjacentParentShardId != null) {
                    parents.add(child.adjacentParentShardId);
                }
                children.add(new ChildShard(child.shardId, parents, child.range));
            }
            return new GetRecordsResponse(records, null, 0, children);
        }
        return new GetRecordsResponse(records, iterator(s, shard.shardId, next, now), behind, List.of());
    }
}
