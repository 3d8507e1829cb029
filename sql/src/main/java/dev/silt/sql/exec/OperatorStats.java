package dev.silt.sql.exec;

import dev.silt.sql.spi.ColumnType;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/**
 * What one plan node did in one execution, summed over its operator instances (one per worker when parallel):
 * rows and bytes it produced, batches, instances, and the time spent inside its {@code next} calls (which
 * includes its inputs' time when they run on the same thread) plus any leader-side build time. Thread-safe;
 * collected only for {@code EXPLAIN ANALYZE}.
 */
public final class OperatorStats {
    private final LongAdder rows = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final LongAdder batches = new LongAdder();
    private final LongAdder instances = new LongAdder();
    private final LongAdder nanos = new LongAdder();
    private final LongAdder buildNanos = new LongAdder();

    public long rows() {
        return rows.sum();
    }

    public long bytes() {
        return bytes.sum();
    }

    public long batches() {
        return batches.sum();
    }

    public long instances() {
        return instances.sum();
    }

    /** Nanoseconds inside {@code next}, summed over instances (so over workers, for parallel nodes). */
    public long nanos() {
        return nanos.sum();
    }

    /** Nanoseconds the leader spent preparing shared state (such as a broadcast hash table). */
    public long buildNanos() {
        return buildNanos.sum();
    }

    void addBuild(long n) {
        buildNanos.add(n);
    }

    /** The numbers as EXPLAIN ANALYZE prints them; {@code selfNanos} excludes inputs on the same thread. */
    String format(long selfNanos) {
        StringBuilder sb = new StringBuilder(String.format(
                Locale.ROOT,
                "rows=%,d batches=%,d bytes=%s time=%.1fms self=%.1fms",
                rows(),
                batches(),
                human(bytes()),
                nanos() / 1e6,
                Math.max(0, selfNanos) / 1e6));
        if (buildNanos() > 0) {
            sb.append(String.format(Locale.ROOT, " build=%.1fms", buildNanos() / 1e6));
        }
        if (instances() > 1) {
            sb.append(" instances=").append(instances());
        }
        return sb.toString();
    }

    static String human(long b) {
        if (b < 10_000) {
            return b + "B";
        }
        if (b < 10_000_000) {
            return String.format(Locale.ROOT, "%.1fkB", b / 1e3);
        }
        return String.format(Locale.ROOT, "%.1fMB", b / 1e6);
    }

    /** Wraps an operator so that every batch it returns is counted. */
    Operator measure(Operator op, List<ColumnType> types) {
        instances.increment();
        return new Operator() {
            @Override
            public VectorizedRowBatch next() {
                long t0 = System.nanoTime();
                VectorizedRowBatch b = op.next();
                nanos.add(System.nanoTime() - t0);
                if (b != null) {
                    rows.add(b.size);
                    batches.increment();
                    bytes.add(size(b, types));
                }
                return b;
            }

            @Override
            public void close() {
                op.close();
            }
        };
    }

    /** Bytes of the selected rows: 8 per fixed-width value, the length of each string. */
    private static long size(VectorizedRowBatch b, List<ColumnType> types) {
        long total = 0;
        int[] sel = Vectors.rows(b);
        for (int c = 0; c < types.size() && c < b.cols.length; c++) {
            ColumnVector v = b.cols[c];
            if (types.get(c).layout() != ColumnType.Layout.BYTES || !(v instanceof BytesColumnVector)) {
                total += 8L * b.size;
                continue;
            }
            BytesColumnVector bv = (BytesColumnVector) v;
            if (bv.isRepeating) {
                total += (long) bv.length[0] * b.size;
                continue;
            }
            for (int j = 0; j < b.size; j++) {
                int r = sel[j];
                if (bv.noNulls || !bv.isNull[r]) {
                    total += bv.length[r];
                }
            }
        }
        return total;
    }
}
