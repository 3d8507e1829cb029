package dev.silt.bench;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Which record ids a system acknowledged and which ones it handed back on reading, so the benchmark can check that
 * the read-back is exactly the acknowledged set: nothing lost, nothing duplicated, nothing unacknowledged. Ids are
 * dense from 0 ({@link #nextIds}); every method is safe to call from any thread.
 */
final class RecordLedger {
    private static final int CHUNK_BITS = 1 << 22;
    private static final int MAX_CHUNKS = 4096;

    private final AtomicLong nextId = new AtomicLong();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong read = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong unacknowledged = new AtomicLong();
    private final Bits ackedBits = new Bits();
    private final Bits readBits = new Bits();

    /** Reserves {@code n} consecutive ids and returns the first. */
    long nextIds(int n) {
        return nextId.getAndAdd(n);
    }

    void acknowledge(long id) {
        if (ackedBits.set(id)) {
            acked.incrementAndGet();
        }
    }

    void acknowledge(long[] ids, int count) {
        int fresh = 0;
        for (int i = 0; i < count; i++) {
            if (ackedBits.set(ids[i])) {
                fresh++;
            }
        }
        acked.addAndGet(fresh);
    }

    /** Records that the system returned record {@code id} on reading. */
    void read(long id) {
        read.incrementAndGet();
        if (id < 0 || id >= nextId.get()) {
            unacknowledged.incrementAndGet();
            return;
        }
        if (!readBits.set(id)) {
            duplicates.incrementAndGet();
        } else if (!ackedBits.get(id)) {
            unacknowledged.incrementAndGet();
        }
    }

    long acknowledged() {
        return acked.get();
    }

    long readCount() {
        return read.get();
    }

    long duplicates() {
        return duplicates.get();
    }

    long unacknowledgedRead() {
        return unacknowledged.get();
    }

    /** Acknowledged records that never came back. */
    long missing() {
        return acknowledged() - (readCount() - duplicates() - unacknowledgedRead());
    }

    /** True when the read-back is exactly the acknowledged records, each once. */
    boolean exact() {
        return readCount() == acknowledged() && duplicates() == 0 && unacknowledgedRead() == 0 && missing() == 0;
    }

    /** A growable concurrent bit set over non-negative longs, in lazily allocated chunks. */
    private static final class Bits {
        private final AtomicReferenceArray<AtomicLongArray> chunks = new AtomicReferenceArray<>(MAX_CHUNKS);

        /** Sets the bit and returns whether it was clear before. */
        boolean set(long id) {
            AtomicLongArray chunk = chunk(id);
            int bit = (int) (id % CHUNK_BITS);
            long mask = 1L << (bit & 63);
            int word = bit >>> 6;
            while (true) {
                long old = chunk.get(word);
                if ((old & mask) != 0) {
                    return false;
                }
                if (chunk.compareAndSet(word, old, old | mask)) {
                    return true;
                }
            }
        }

        boolean get(long id) {
            AtomicLongArray chunk = chunks.get(chunkIndex(id));
            int bit = (int) (id % CHUNK_BITS);
            return chunk != null && (chunk.get(bit >>> 6) & (1L << (bit & 63))) != 0;
        }

        private AtomicLongArray chunk(long id) {
            int index = chunkIndex(id);
            AtomicLongArray chunk = chunks.get(index);
            if (chunk == null) {
                chunks.compareAndSet(index, null, new AtomicLongArray(CHUNK_BITS / 64));
                chunk = chunks.get(index);
            }
            return chunk;
        }

        private static int chunkIndex(long id) {
            long index = id / CHUNK_BITS;
            if (index >= MAX_CHUNKS) {
                throw new IllegalStateException("record id " + id + " is past the ledger's capacity");
            }
            return (int) index;
        }
    }
}
