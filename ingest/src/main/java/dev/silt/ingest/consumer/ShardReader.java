package dev.silt.ingest.consumer;

import dev.silt.ingest.stream.SequenceNumbers;
import java.io.IOException;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Reads one shard, one {@code GetRecords} call per {@link #step}. Owned by the consumer's coordinator, which never
 * runs two steps of the same reader at once; the fields are handed between worker threads through the executor
 * and the coordinator's completion queue, which order them.
 */
final class ShardReader {
    enum Outcome {
        /** More records may be waiting: read again soon. */
        MORE,
        /** Nothing new at the shard's tip. */
        CAUGHT_UP,
        /** A closed shard was read to its end and its end checkpoint saved. */
        ENDED,
        /** The consumer is stopping; nothing was delivered by this step. */
        STOPPED
    }

    private static final System.Logger LOG = System.getLogger(StreamConsumer.class.getName());

    private final String stream;
    private final String shardId;
    private final StartPosition start;
    private final StreamSource source;
    private final CheckpointStore checkpoints;
    private final RecordHandler handler;
    private final Retrying retrying;
    private final int recordsPerCall;
    private final BooleanSupplier stopping;
    private final StreamConsumer.Counters counters;
    private final Consumer<TrimGap> gapListener;

    private String iterator;
    /** The last record handed to the handler (or the checkpoint resumed from). */
    private String lastDelivered;
    /** Set when the position could not be resumed and reading fell back to the trim horizon. */
    private boolean fellBack;

    ShardReader(
            String stream,
            String shardId,
            StartPosition start,
            String resumeAfter,
            StreamSource source,
            CheckpointStore checkpoints,
            RecordHandler handler,
            Retrying retrying,
            int recordsPerCall,
            BooleanSupplier stopping,
            StreamConsumer.Counters counters,
            Consumer<TrimGap> gapListener) {
        this.stream = stream;
        this.shardId = shardId;
        this.start = start;
        this.lastDelivered = resumeAfter;
        this.source = source;
        this.checkpoints = checkpoints;
        this.handler = handler;
        this.retrying = retrying;
        this.recordsPerCall = recordsPerCall;
        this.stopping = stopping;
        this.counters = counters;
        this.gapListener = gapListener;
    }

    String shardId() {
        return shardId;
    }

    Outcome step() throws Exception {
        RecordBatch batch;
        try {
            if (iterator == null) {
                iterator = acquire();
            }
            batch = read();
        } catch (Retrying.StoppedException e) {
            return Outcome.STOPPED;
        }
        if (stopping.getAsBoolean()) {
            // Not handed over, not checkpointed: the next run reads these records again.
            return Outcome.STOPPED;
        }
        List<StreamRecord> records = batch.records();
        if (!records.isEmpty()) {
            checkContinuity(records.get(0).sequenceNumber());
            ShardBatch delivered = new ShardBatch(stream, shardId, records, batch.millisBehindLatest());
            try {
                handler.handle(delivered);
            } catch (Exception e) {
                throw new IOException(
                        "record handler failed on shard " + shardId + " of stream " + stream + " (batch of "
                                + records.size() + " records from sequence "
                                + records.get(0).sequenceNumber() + "): "
                                + e.getMessage(),
                        e);
            }
            lastDelivered = delivered.lastSequenceNumber();
            counters.records.addAndGet(records.size());
            counters.batches.incrementAndGet();
            if (!batch.shardEnded()) {
                checkpoints.save(stream, shardId, Checkpoint.at(lastDelivered));
            }
        }
        if (batch.shardEnded()) {
            checkpoints.save(stream, shardId, Checkpoint.shardEnd(lastDelivered));
            counters.shardsCompleted.incrementAndGet();
            return Outcome.ENDED;
        }
        iterator = batch.nextShardIterator();
        Long behind = batch.millisBehindLatest();
        return records.isEmpty() && (behind == null || behind == 0) ? Outcome.CAUGHT_UP : Outcome.MORE;
    }

    private RecordBatch read() throws IOException, InterruptedException, Retrying.StoppedException {
        while (true) {
            String current = iterator;
            try {
                return retrying.call("GetRecords on " + shardId, () -> source.getRecords(current, recordsPerCall));
            } catch (StreamApiException e) {
                if (!e.isExpiredIterator()) {
                    throw e;
                }
                counters.expiredIterators.incrementAndGet();
                LOG.log(
                        System.Logger.Level.INFO,
                        () -> "iterator of shard " + shardId + " expired; acquiring a new one after "
                                + (lastDelivered == null ? start : lastDelivered));
                iterator = acquire();
            }
        }
    }

    /** An iterator right after the last delivered record, else at the start position. */
    private String acquire() throws IOException, InterruptedException, Retrying.StoppedException {
        StartPosition position = lastDelivered == null ? start : StartPosition.afterSequence(lastDelivered);
        try {
            return retrying.call(
                    "GetShardIterator on " + shardId, () -> source.getShardIterator(stream, shardId, position));
        } catch (StreamApiException e) {
            if (lastDelivered == null || !StreamApiException.INVALID_ARGUMENT.equals(e.errorType())) {
                throw e;
            }
            // The service refused the sequence number, which is what some do once it has been trimmed: continue
            // at the oldest retained record, and let the first batch measure and report the gap.
            LOG.log(
                    System.Logger.Level.WARNING,
                    "shard " + shardId + " cannot resume after " + lastDelivered + " (" + e.getMessage()
                            + "); continuing at the trim horizon");
            fellBack = true;
            return retrying.call(
                    "GetShardIterator on " + shardId,
                    () -> source.getShardIterator(stream, shardId, StartPosition.trimHorizon()));
        }
    }

    /** Reports records that expired between the last delivered one and {@code first}. */
    private void checkContinuity(String first) {
        if (lastDelivered == null) {
            return;
        }
        long missing = missingBetween(lastDelivered, first);
        if (missing == 0 || (missing < 0 && !fellBack)) {
            fellBack = false;
            return;
        }
        fellBack = false;
        TrimGap gap = new TrimGap(stream, shardId, lastDelivered, first, missing);
        counters.trimGaps.incrementAndGet();
        if (missing > 0) {
            counters.recordsLostToTrim.addAndGet(missing);
        }
        LOG.log(System.Logger.Level.WARNING, "records lost to retention: " + gap);
        gapListener.accept(gap);
    }

    /**
     * silt numbers a shard's records densely, so the distance between two sequence numbers counts the records
     * between them; -1 when they are not silt's (other services leave gaps in their numbering).
     */
    static long missingBetween(String after, String first) {
        try {
            long a = SequenceNumbers.parse(after);
            long b = SequenceNumbers.parse(first);
            return Math.max(0, b - a - 1);
        } catch (IllegalArgumentException | ArithmeticException e) {
            return -1;
        }
    }
}
