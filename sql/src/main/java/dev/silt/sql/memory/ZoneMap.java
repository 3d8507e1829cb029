package dev.silt.sql.memory;

import dev.silt.sql.exec.Vectors;
import dev.silt.sql.spi.Column;
import dev.silt.sql.spi.ColumnPredicate;
import dev.silt.sql.spi.ColumnType;
import java.math.BigDecimal;
import java.util.List;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/** Per-column min/max and null presence of one stored batch, to skip batches a predicate rules out. Immutable. */
final class ZoneMap {
    private final double[] min;
    private final double[] max;
    private final boolean[] hasNull;
    private final boolean[] hasValue;

    private ZoneMap(int n) {
        min = new double[n];
        max = new double[n];
        hasNull = new boolean[n];
        hasValue = new boolean[n];
    }

    static ZoneMap of(VectorizedRowBatch b, List<ColumnType> types) {
        ZoneMap z = new ZoneMap(types.size());
        for (int c = 0; c < types.size(); c++) {
            ColumnVector v = b.cols[c];
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int r = 0; r < b.size; r++) {
                if (!v.noNulls && v.isNull[r]) {
                    z.hasNull[c] = true;
                    continue;
                }
                double x;
                if (v instanceof LongColumnVector) {
                    x = ((LongColumnVector) v).vector[r];
                } else if (v instanceof DoubleColumnVector) {
                    x = ((DoubleColumnVector) v).vector[r];
                } else {
                    continue;
                }
                z.hasValue[c] = true;
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
            }
            z.min[c] = lo;
            z.max[c] = hi;
        }
        return z;
    }

    /** False only when no row of the batch can pass all the predicates. */
    boolean mayMatch(List<ColumnPredicate> predicates, List<Column> columns) {
        for (ColumnPredicate p : predicates) {
            int c = p.column();
            ColumnType t = columns.get(c).type();
            if (t.layout() == ColumnType.Layout.BYTES) {
                continue;
            }
            if (p.op() == ColumnPredicate.Op.IS_NULL) {
                if (!hasNull[c]) {
                    return false;
                }
                continue;
            }
            if (p.op() == ColumnPredicate.Op.IS_NOT_NULL) {
                if (!hasValue[c]) {
                    return false;
                }
                continue;
            }
            if (!hasValue[c]) {
                return false; // only NULLs: no comparison is TRUE
            }
            double x = encoded(p.value(), t);
            if (Double.isNaN(x)) {
                continue;
            }
            // encoded longs beyond 2^53 lose precision as doubles: widen the bounds by one ulp-ish margin
            double lo = min[c] - Math.ulp(min[c]);
            double hi = max[c] + Math.ulp(max[c]);
            switch (p.op()) {
                case EQ:
                    if (x < lo || x > hi) {
                        return false;
                    }
                    break;
                case LT:
                    if (!(lo < x)) {
                        return false;
                    }
                    break;
                case LE:
                    if (!(lo <= x)) {
                        return false;
                    }
                    break;
                case GT:
                    if (!(hi > x)) {
                        return false;
                    }
                    break;
                case GE:
                    if (!(hi >= x)) {
                        return false;
                    }
                    break;
                default:
                    break;
            }
        }
        return true;
    }

    /** The predicate constant in the column's vector encoding, or NaN when unknown. */
    private static double encoded(Object value, ColumnType t) {
        if (value == null) {
            return Double.NaN;
        }
        ColumnVector v = Vectors.allocate(t, 1);
        try {
            Vectors.set(
                    v,
                    0,
                    t,
                    value instanceof BigDecimal && t.kind() != ColumnType.Kind.DECIMAL
                            ? ((BigDecimal) value).doubleValue()
                            : value);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
        return v instanceof LongColumnVector ? ((LongColumnVector) v).vector[0] : ((DoubleColumnVector) v).vector[0];
    }
}
