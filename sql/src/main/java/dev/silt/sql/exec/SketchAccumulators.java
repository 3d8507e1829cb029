package dev.silt.sql.exec;

import dev.silt.sql.SqlException;
import dev.silt.sql.spi.ColumnType;
import java.util.Arrays;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/**
 * Approximate aggregates over DataSketches, one sketch per group, created on a group's first non-NULL value:
 * APPROX_DISTINCT (HyperLogLog, 2^{@value #LG_K} buckets: about 1.6% standard error, exact while a group is small)
 * and APPROX_PERCENTILE (KLL, k = {@value #KLL_K}: rank error about 1.3%, exact below k values). The planner runs
 * them in a single step after gathering the rows, so sketches are never merged across workers.
 */
final class SketchAccumulators {
    static final int LG_K = 12;
    static final int KLL_K = 200;

    private SketchAccumulators() {}

    /** APPROX_DISTINCT(x): BIGINT, 0 for a group of only NULLs. */
    static final class Distinct extends Accumulator {
        private HllSketch[] sketches = new HllSketch[0];

        Distinct(int arg, int filter, ColumnType type) {
            super(arg, filter, type);
        }

        @Override
        void grow(int cap) {
            sketches = Arrays.copyOf(sketches, cap);
        }

        private HllSketch sketch(int g) {
            HllSketch s = sketches[g];
            if (s == null) {
                s = new HllSketch(LG_K, TgtHllType.HLL_8);
                sketches[g] = s;
            }
            return s;
        }

        @Override
        void add(VectorizedRowBatch b, int[] rows, int n, int[] groupIds) {
            ColumnVector v = b.cols[arg];
            for (int j = 0; j < n; j++) {
                int r = v.isRepeating ? 0 : rows[j];
                if (!v.noNulls && v.isNull[r]) {
                    continue;
                }
                HllSketch s = sketch(groupIds[j]);
                if (v instanceof LongColumnVector) {
                    s.update(((LongColumnVector) v).vector[r]);
                } else if (v instanceof DoubleColumnVector) {
                    double d = ((DoubleColumnVector) v).vector[r];
                    s.update(d == 0.0 ? 0.0 : d); // -0.0 and 0.0 are one value
                } else {
                    BytesColumnVector x = (BytesColumnVector) v;
                    s.update(Arrays.copyOfRange(x.vector[r], x.start[r], x.start[r] + x.length[r]));
                }
            }
        }

        @Override
        void write(int from, int n, ColumnVector out) {
            long[] o = ((LongColumnVector) out).vector;
            for (int j = 0; j < n; j++) {
                HllSketch s = sketches[from + j];
                o[j] = s == null ? 0 : Math.round(s.getEstimate());
            }
            out.noNulls = true;
        }
    }

    /** APPROX_PERCENTILE(x, p): a value of x's type; NULL for a group of only NULLs. */
    static final class Percentile extends Accumulator {
        private final double fraction;
        private final double scale;
        private KllDoublesSketch[] sketches = new KllDoublesSketch[0];

        Percentile(int arg, int filter, ColumnType type, double fraction) {
            super(arg, filter, type);
            if (!(fraction >= 0 && fraction <= 1)) {
                throw new SqlException(
                        SqlException.INVALID_PARAMETER_VALUE,
                        "approx_percentile: percentile must be between 0 and 1, not " + fraction,
                        null);
            }
            this.fraction = fraction;
            this.scale = type.kind() == ColumnType.Kind.DECIMAL ? Math.pow(10, type.scale()) : 1;
        }

        @Override
        void grow(int cap) {
            sketches = Arrays.copyOf(sketches, cap);
        }

        @Override
        void add(VectorizedRowBatch b, int[] rows, int n, int[] groupIds) {
            ColumnVector v = b.cols[arg];
            for (int j = 0; j < n; j++) {
                int r = v.isRepeating ? 0 : rows[j];
                if (!v.noNulls && v.isNull[r]) {
                    continue;
                }
                int g = groupIds[j];
                if (sketches[g] == null) {
                    sketches[g] = KllDoublesSketch.newHeapInstance(KLL_K);
                }
                double d = v instanceof LongColumnVector
                        ? ((LongColumnVector) v).vector[r] / scale
                        : ((DoubleColumnVector) v).vector[r];
                if (!Double.isNaN(d)) {
                    sketches[g].update(d);
                }
            }
        }

        @Override
        void write(int from, int n, ColumnVector out) {
            out.noNulls = true;
            for (int j = 0; j < n; j++) {
                KllDoublesSketch s = sketches[from + j];
                if (s == null || s.isEmpty()) {
                    out.noNulls = false;
                    out.isNull[j] = true;
                    continue;
                }
                out.isNull[j] = false;
                double q = s.getQuantile(fraction);
                if (out instanceof DoubleColumnVector) {
                    ((DoubleColumnVector) out).vector[j] = q;
                } else {
                    ((LongColumnVector) out).vector[j] = Math.round(q * scale);
                }
            }
        }
    }
}
