package dev.silt.ingest.delivery;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A replayable, deterministic source: {@code partitions} partitions {@code p0..}, each with {@code perPartition}
 * JSON records whose bytes and arrival time are functions of (partition, sequence) alone. Records become
 * available only up to {@link #release(long)} per partition, so a test controls how much input there is.
 */
final class SequenceSource implements DeliverySource {
    static final long BASE_MILLIS = 1_795_395_600_000L; // 2026-11-23T01:00:00Z

    private final int partitions;
    private final long perPartition;
    private final long arrivalStepMillis;
    private final long[] next;
    private long available;
    private int cursor;

    SequenceSource(int partitions, long perPartition, long arrivalStepMillis) {
        this.partitions = partitions;
        this.perPartition = perPartition;
        this.arrivalStepMillis = arrivalStepMillis;
        this.next = new long[partitions];
        this.available = perPartition;
    }

    static String partition(int i) {
        return "p" + i;
    }

    static long arrival(long sequence, long stepMillis) {
        return BASE_MILLIS + sequence * stepMillis;
    }

    static String body(String partition, long sequence) {
        return String.format(
                Locale.ROOT,
                "{\"p\":\"%s\",\"seq\":%d,\"user\":\"u%d\",\"pad\":\"%s\"}",
                partition,
                sequence,
                sequence % 7,
                "x".repeat((int) (sequence % 13)));
    }

    /** Makes records up to (excluding) {@code count} of every partition available. */
    void release(long count) {
        available = Math.min(count, perPartition);
    }

    @Override
    public void seek(String partition, long afterSequence) {
        next[Integer.parseInt(partition.substring(1))] = afterSequence + 1;
    }

    @Override
    public List<SourceRecord> poll(int maxRecords) {
        List<SourceRecord> out = new ArrayList<>();
        for (int tries = 0; tries < partitions && out.size() < maxRecords; tries++) {
            int p = cursor;
            cursor = (cursor + 1) % partitions;
            int share = Math.max(1, maxRecords / partitions);
            for (int i = 0; i < share && next[p] < available && out.size() < maxRecords; i++) {
                long seq = next[p]++;
                String name = partition(p);
                out.add(new SourceRecord(
                        name,
                        seq,
                        arrival(seq, arrivalStepMillis),
                        body(name, seq).getBytes(StandardCharsets.UTF_8)));
            }
        }
        return out;
    }

    @Override
    public boolean replayable() {
        return true;
    }

    @Override
    public long backlogRecords() {
        long sum = 0;
        for (long n : next) {
            sum += Math.max(0, available - n);
        }
        return sum;
    }

    boolean exhausted() {
        for (long n : next) {
            if (n < perPartition) {
                return false;
            }
        }
        return true;
    }
}
