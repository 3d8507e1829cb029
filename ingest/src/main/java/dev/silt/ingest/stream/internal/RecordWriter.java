package dev.silt.ingest.stream.internal;

import dev.silt.ingest.stream.HashKeyRange;
import dev.silt.ingest.stream.SequenceNumbers;
import dev.silt.ingest.stream.ShardLog;
import dev.silt.ingest.stream.model.EncryptionType;
import dev.silt.ingest.stream.model.PutRecordRequest;
import dev.silt.ingest.stream.model.PutRecordResponse;
import dev.silt.ingest.stream.model.PutRecordsRequest;
import dev.silt.ingest.stream.model.PutRecordsRequestEntry;
import dev.silt.ingest.stream.model.PutRecordsResponse;
import dev.silt.ingest.stream.model.PutRecordsResultEntry;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * PutRecord and PutRecords: validation, routing to the open shard owning each hash key, throughput limits and the
 * appends. A put holds its stream's gate shared from routing until its records are durable, so a reshard (which
 * holds it exclusively) never closes a shard under a put in flight.
 */
final class RecordWriter {
    /** The service's PutRecords request limit with 1 MiB records; with larger records it is one record's limit. */
    static final long PUT_RECORDS_REQUEST_BYTES = 5L * 1024 * 1024;

    private static final String INTERNAL_FAILURE = "InternalFailure";
    private static final String THROTTLED = "ProvisionedThroughputExceededException";
    private static final String INVALID = "InvalidArgumentException";

    private final Streams streams;
    private final ExecutorService appendPool;
    private final int maxRecordBytes;

    RecordWriter(Streams streams, ExecutorService appendPool) {
        this.streams = streams;
        this.appendPool = appendPool;
        this.maxRecordBytes = streams.options.shardLogOptions().maxRecordBytes();
    }

    PutRecordResponse putRecord(PutRecordRequest request) {
        String name = streams.resolveName(request.streamName(), request.streamARN());
        checkEntry("", request.data(), request.partitionKey(), request.explicitHashKey());
        Checks.sequenceNumber("sequenceNumberForOrdering", request.sequenceNumberForOrdering());
        String problem = recordProblem(recordBytes(request.data(), request.partitionKey()), request.explicitHashKey());
        if (problem != null) {
            throw Errors.invalid(problem);
        }
        BigInteger hashKey = hashKey(request.partitionKey(), request.explicitHashKey());
        StreamState s = streams.writable(name);
        s.gate.readLock().lock();
        try {
            if (s.isClosed()) {
                throw streams.errors.streamNotFound(name);
            }
            ShardState shard = s.route(hashKey);
            if (request.sequenceNumberForOrdering() != null) {
                checkOrdering(s, shard, request.sequenceNumberForOrdering());
            }
            if (!admit(shard, recordBytes(request.data(), request.partitionKey()))) {
                throw streams.errors.rateExceeded(name, shard.shardId);
            }
            long[] offsets = shard.log.append(List.of(new ShardLog.Entry(request.partitionKey(), request.data())));
            return new PutRecordResponse(
                    shard.shardId, SequenceNumbers.format(shard.startingSequence + offsets[0]), EncryptionType.NONE);
        } catch (IOException e) {
            throw Errors.internal(e);
        } finally {
            s.gate.readLock().unlock();
        }
    }

    /**
     * The number assigned next in {@code shard} is above every number it and its ancestors assigned; a
     * SequenceNumberForOrdering above those cannot have come from an earlier put of a key routed here.
     */
    private void checkOrdering(StreamState s, ShardState shard, String sequenceNumberForOrdering) {
        BigInteger given = new BigInteger(sequenceNumberForOrdering);
        long lastAssigned = shard.nextAbsolute() - 1;
        BigInteger bound = lastAssigned < 0
                ? SequenceNumbers.BASE.subtract(BigInteger.ONE)
                : SequenceNumbers.BASE.add(BigInteger.valueOf(lastAssigned));
        if (given.compareTo(bound) > 0) {
            throw Errors.invalid("SequenceNumberForOrdering " + sequenceNumberForOrdering + " is above every sequence"
                    + " number shard " + shard.shardId + " in stream " + s.name + " under account "
                    + streams.errors.account() + " has assigned; pass the number returned for the previous record"
                    + " of the same partition key.");
        }
    }

    PutRecordsResponse putRecords(PutRecordsRequest request) {
        String name = streams.resolveName(request.streamName(), request.streamARN());
        List<PutRecordsRequestEntry> entries = request.records();
        Checks.required("records", entries);
        if (entries.isEmpty()) {
            throw Errors.validationOf("records", "Member must have length greater than or equal to 1");
        }
        if (entries.size() > 500) {
            throw Errors.validationOf("records", "Member must have length less than or equal to 500");
        }
        long total = 0;
        long[] sizes = new long[entries.size()];
        for (int i = 0; i < entries.size(); i++) {
            PutRecordsRequestEntry e = entries.get(i);
            // the member path is only worth building for the entry that fails
            if (e == null || !entryIsValid(e.data(), e.partitionKey(), e.explicitHashKey())) {
                Checks.required("records." + (i + 1) + ".member", e);
                checkEntry("records." + (i + 1) + ".member.", e.data(), e.partitionKey(), e.explicitHashKey());
            }
            sizes[i] = recordBytes(e.data(), e.partitionKey());
            total += sizes[i];
        }
        long requestLimit = Math.max(PUT_RECORDS_REQUEST_BYTES, maxRecordBytes);
        if (total > requestLimit) {
            throw Errors.invalid("Records size exceeds " + requestLimit / (1024 * 1024) + " MB limit");
        }
        StreamState s = streams.writable(name);
        PutRecordsResultEntry[] results = new PutRecordsResultEntry[entries.size()];
        BigInteger[] hashKeys = new BigInteger[entries.size()];
        for (int i = 0; i < entries.size(); i++) {
            PutRecordsRequestEntry e = entries.get(i);
            String problem = recordProblem(sizes[i], e.explicitHashKey());
            if (problem != null) {
                results[i] = new PutRecordsResultEntry(null, null, INVALID, problem);
            } else {
                hashKeys[i] = hashKey(e.partitionKey(), e.explicitHashKey());
            }
        }
        s.gate.readLock().lock();
        try {
            if (s.isClosed()) {
                throw streams.errors.streamNotFound(name);
            }
            Map<ShardState, List<Integer>> byShard = new LinkedHashMap<>();
            for (int i = 0; i < entries.size(); i++) {
                if (hashKeys[i] == null) {
                    continue;
                }
                ShardState shard = s.route(hashKeys[i]);
                if (!admit(shard, sizes[i])) {
                    results[i] = new PutRecordsResultEntry(
                            null, null, THROTTLED, streams.errors.rateExceededMessage(name, shard.shardId));
                    continue;
                }
                byShard.computeIfAbsent(shard, k -> new ArrayList<>()).add(i);
            }
            appendAll(entries, byShard, results);
        } finally {
            s.gate.readLock().unlock();
        }
        int failed = 0;
        for (PutRecordsResultEntry r : results) {
            if (r.failed()) {
                failed++;
            }
        }
        return new PutRecordsResponse(failed, Arrays.asList(results), EncryptionType.NONE);
    }

    /** Appends each shard's batch, the shards in parallel (the first on the calling thread), and waits for all. */
    private void appendAll(
            List<PutRecordsRequestEntry> entries,
            Map<ShardState, List<Integer>> byShard,
            PutRecordsResultEntry[] results) {
        List<Map.Entry<ShardState, List<Integer>>> groups = new ArrayList<>(byShard.entrySet());
        List<Future<?>> futures = new ArrayList<>();
        for (int g = 1; g < groups.size(); g++) {
            Map.Entry<ShardState, List<Integer>> group = groups.get(g);
            futures.add(appendPool.submit(() -> appendGroup(entries, group.getKey(), group.getValue(), results)));
        }
        if (!groups.isEmpty()) {
            appendGroup(entries, groups.get(0).getKey(), groups.get(0).getValue(), results);
        }
        boolean interrupted = false;
        for (Future<?> f : futures) {
            while (true) {
                try {
                    f.get();
                    break;
                } catch (InterruptedException e) {
                    // the appends run on regardless and the gate must outlive them: wait, then restore the flag
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw new IllegalStateException("append task failed unexpectedly", e.getCause());
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void appendGroup(
            List<PutRecordsRequestEntry> entries,
            ShardState shard,
            List<Integer> indexes,
            PutRecordsResultEntry[] results) {
        List<ShardLog.Entry> batch = new ArrayList<>(indexes.size());
        for (int i : indexes) {
            batch.add(new ShardLog.Entry(
                    entries.get(i).partitionKey(), entries.get(i).data()));
        }
        try {
            long[] offsets = shard.log.append(batch);
            for (int k = 0; k < indexes.size(); k++) {
                results[indexes.get(k)] = new PutRecordsResultEntry(
                        SequenceNumbers.format(shard.startingSequence + offsets[k]), shard.shardId, null, null);
            }
        } catch (IOException e) {
            for (int i : indexes) {
                results[i] = new PutRecordsResultEntry(null, null, INTERNAL_FAILURE, "Internal service failure.");
            }
        }
    }

    /** Member constraints: data present and within the record limit, partition key 1 to 256, hash key decimal. */
    private void checkEntry(String prefix, byte[] data, String partitionKey, String explicitHashKey) {
        if (data == null) {
            throw Errors.validationOf(prefix + "data", "Member must not be null");
        }
        if (data.length > maxRecordBytes) {
            throw Errors.validationOf(
                    prefix + "data", "Member must have length less than or equal to " + maxRecordBytes);
        }
        Checks.partitionKey(prefix + "partitionKey", partitionKey);
        Checks.hashKey(prefix + "explicitHashKey", explicitHashKey);
    }

    /** What makes a well-formed record unacceptable (hash key out of range, too big with its key), or null. */
    private String recordProblem(long size, String explicitHashKey) {
        if (explicitHashKey != null && new BigInteger(explicitHashKey).compareTo(HashKeyRange.MAX_HASH_KEY) > 0) {
            return "Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was "
                    + explicitHashKey;
        }
        if (size > maxRecordBytes) {
            return "Record size (data plus partition key) is " + size + " bytes, over the limit of " + maxRecordBytes
                    + " bytes.";
        }
        return null;
    }

    private static long recordBytes(byte[] data, String partitionKey) {
        return (long) data.length + utf8Length(partitionKey);
    }

    /**
     * The length of {@code s.getBytes(UTF_8)} without encoding it: a lone surrogate encodes as one replacement
     * byte, as the JDK's encoder does.
     */
    static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                n += 1;
            } else {
                n += 3;
            }
        }
        return n;
    }

    /** The common case of {@link #checkEntry}, decided without building any message. */
    private boolean entryIsValid(byte[] data, String partitionKey, String explicitHashKey) {
        return data != null
                && data.length <= maxRecordBytes
                && partitionKey != null
                && !partitionKey.isEmpty()
                && partitionKey.length() <= 256
                && (explicitHashKey == null
                        || Checks.HASH_KEY.matcher(explicitHashKey).matches());
    }

    private static BigInteger hashKey(String partitionKey, String explicitHashKey) {
        return explicitHashKey != null ? new BigInteger(explicitHashKey) : HashKeyRange.hashKeyOf(partitionKey);
    }

    /** Takes a record's share of the shard's write throughput, if limits are on. */
    private boolean admit(ShardState shard, long bytes) {
        if (!streams.options.throughputLimits()) {
            return true;
        }
        if (!shard.putRecords.tryTake(1)) {
            return false;
        }
        if (!shard.putBytes.tryTake(bytes)) {
            shard.putRecords.giveBack(1);
            return false;
        }
        return true;
    }
}
