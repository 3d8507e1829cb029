package dev.silt.ingest.delivery;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The in-process source that {@code PutRecord} and {@code PutRecordBatch} feed: one partition, records in the
 * order they were put, held in memory until the delivery polls them.
 *
 * <p>Memory is bounded: once the records waiting for the delivery reach {@code capacityBytes}, puts are refused
 * with {@link ServiceUnavailableException} (single put) or counted in {@link PutBatchResult#failedPutCount()}
 * (batch), so a producer backs off instead of the delivery queueing without bound.
 *
 * <p>Not replayable: records accepted here live in memory only, so a crash loses those not yet landed. Durable
 * direct put goes through a stream's shard log, which is a replayable source.
 *
 * <p>Thread-safe: any number of producer threads may put while the delivery polls.
 */
public final class DirectPutSource implements DeliverySource {
    /** The one partition id this source reports. */
    public static final String PARTITION = "direct-put";

    private final Clock clock;
    private final long capacityBytes;
    private final int maxRecordBytes;
    private final ArrayDeque<SourceRecord> queue = new ArrayDeque<>();
    private long queuedBytes;
    private long nextSequence;

    /** Outcome of {@link #putRecordBatch}: which records were refused and why ({@code null}: accepted). */
    public record PutBatchResult(int failedPutCount, List<String> errorCodes, List<Long> sequences) {}

    public DirectPutSource(Clock clock, long capacityBytes, int maxRecordBytes) {
        if (capacityBytes < maxRecordBytes) {
            throw new IllegalArgumentException("direct-put capacity " + capacityBytes
                    + " bytes is smaller than the largest record (" + maxRecordBytes + " bytes)");
        }
        this.clock = clock;
        this.capacityBytes = capacityBytes;
        this.maxRecordBytes = maxRecordBytes;
    }

    /**
     * A direct-put source sized by {@code config}: {@code silt.ingest.delivery.direct.put.capacity.mb} of queue and
     * {@code silt.ingest.record.max.bytes} per record.
     */
    public static DirectPutSource create(DeliveryConfig config, Clock clock) {
        return new DirectPutSource(clock, config.directPutCapacityBytes(), config.maxRecordBytes());
    }

    /**
     * Accepts one record and returns its sequence number.
     *
     * @throws ServiceUnavailableException if the buffers are full; nothing was accepted
     * @throws IllegalArgumentException if the record is larger than the largest record accepted
     */
    public synchronized long putRecord(byte[] data) {
        checkSize(data);
        if (queuedBytes + data.length > capacityBytes) {
            throw new ServiceUnavailableException(
                    "delivery buffers are full (" + queuedBytes + " bytes waiting); slow down and retry the put");
        }
        return enqueue(data);
    }

    /**
     * Accepts records in order until the buffers are full; the rest are refused with error code {@code
     * ServiceUnavailableException}, as Firehose reports them (a failed count, not an exception).
     */
    public synchronized PutBatchResult putRecordBatch(List<byte[]> records) {
        List<String> codes = new ArrayList<>(records.size());
        List<Long> sequences = new ArrayList<>(records.size());
        int failed = 0;
        for (byte[] data : records) {
            if (data.length > maxRecordBytes) {
                codes.add("InvalidArgumentException");
                sequences.add(null);
                failed++;
            } else if (queuedBytes + data.length > capacityBytes) {
                codes.add("ServiceUnavailableException");
                sequences.add(null);
                failed++;
            } else {
                codes.add(null);
                sequences.add(enqueue(data));
            }
        }
        return new PutBatchResult(failed, Collections.unmodifiableList(codes), Collections.unmodifiableList(sequences));
    }

    private void checkSize(byte[] data) {
        if (data.length > maxRecordBytes) {
            throw new IllegalArgumentException(
                    "record of " + data.length + " bytes is larger than the largest accepted, " + maxRecordBytes);
        }
    }

    private long enqueue(byte[] data) {
        long sequence = nextSequence++;
        queue.add(new SourceRecord(PARTITION, sequence, clock.millis(), data));
        queuedBytes += data.length;
        return sequence;
    }

    @Override
    public synchronized void seek(String partition, long afterSequence) {
        if (!PARTITION.equals(partition)) {
            throw new IllegalArgumentException("the direct-put source has no partition '" + partition + "'");
        }
        // Nothing to replay; new sequence numbers continue after what was landed so names never collide.
        nextSequence = Math.max(nextSequence, afterSequence + 1);
    }

    @Override
    public synchronized List<SourceRecord> poll(int maxRecords) {
        List<SourceRecord> out = new ArrayList<>(Math.min(maxRecords, queue.size()));
        while (out.size() < maxRecords && !queue.isEmpty()) {
            SourceRecord record = queue.poll();
            queuedBytes -= record.data().length;
            out.add(record);
        }
        return out;
    }

    @Override
    public boolean replayable() {
        return false;
    }

    @Override
    public synchronized long backlogRecords() {
        return queue.size();
    }

    /** Bytes accepted and not yet polled. */
    public synchronized long queuedBytes() {
        return queuedBytes;
    }
}
