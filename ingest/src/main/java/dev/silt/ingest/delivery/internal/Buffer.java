package dev.silt.ingest.delivery.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Records of one source partition bound for one output directory, in sequence order, waiting to be landed as
 * one file. Owned by the delivery's thread.
 */
public final class Buffer {
    public final String partition;
    public final String dir;
    public final boolean errorOutput;
    public final long openedAtMillis;
    /** The records' bytes, unless they are converted into {@link #rows} as they come. */
    public final List<byte[]> records = new ArrayList<>();
    /** ORC data: the records converted, or null. */
    public OrcBatches rows;
    /** Records in the buffer. */
    public int count;

    public long firstSequence = -1;
    public long lastSequence = -1;
    public long bytes;
    public long oldestArrivalMillis = Long.MAX_VALUE;

    public Buffer(String partition, String dir, boolean errorOutput, long openedAtMillis) {
        this.partition = partition;
        this.dir = dir;
        this.errorOutput = errorOutput;
        this.openedAtMillis = openedAtMillis;
    }

    /** Adds a record whose bytes the file is written from. */
    public void add(long sequence, long arrivalMillis, byte[] data) {
        records.add(data);
        counted(sequence, arrivalMillis, data.length);
    }

    /** Counts a record already converted into {@link #rows}; {@code size} is its length in the source. */
    public void counted(long sequence, long arrivalMillis, int size) {
        count++;
        if (firstSequence < 0) {
            firstSequence = sequence;
        }
        lastSequence = sequence;
        bytes += size;
        oldestArrivalMillis = Math.min(oldestArrivalMillis, arrivalMillis);
    }

    /** Identity of a buffer: source partition, directory, and whether it is error output. */
    public record Key(String partition, String dir, boolean errorOutput) {}
}
