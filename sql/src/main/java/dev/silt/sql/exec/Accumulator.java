package dev.silt.sql.exec;

import dev.silt.sql.SqlException;
import dev.silt.sql.spi.ColumnType;
import java.util.Arrays;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/**
 * Per-group state of one aggregate function, held column-wise (one array slot per group) and updated a batch at a
 * time: {@code state[groupIds[j]] ⊕= value[rows[j]]}. One thread.
 */
abstract class Accumulator {
    /** The aggregate functions the engine runs (AVG, VAR… are rewritten to these by the planner). */
    enum Function {
        COUNT_STAR,
        COUNT,
        SUM,
        SUM0,
        MIN,
        MAX,
        SINGLE_VALUE,
        ANY_VALUE,
        LITERAL,
        APPROX_DISTINCT,
        APPROX_PERCENTILE
    }

    final int arg;
    final int filter;
    final ColumnType type;
    int capacity;

    Accumulator(int arg, int filter, ColumnType type) {
        this.arg = arg;
        this.filter = filter;
        this.type = type;
    }

    static Accumulator create(Function f, int arg, int filter, ColumnType type, Object literal) {
        switch (f) {
            case COUNT_STAR:
            case COUNT:
                return new Count(f == Function.COUNT_STAR ? -1 : arg, filter, type);
            case SUM:
            case SUM0:
                return type.layout() == ColumnType.Layout.DOUBLE
                        ? new DoubleSum(arg, filter, type, f == Function.SUM0)
                        : new LongSum(arg, filter, type, f == Function.SUM0);
            case LITERAL:
                return new Literal(type, literal);
            case MIN:
            case MAX:
            case ANY_VALUE:
            case SINGLE_VALUE:
                return new Extreme(arg, filter, type, f);
            case APPROX_DISTINCT:
                return new SketchAccumulators.Distinct(arg, filter, type);
            case APPROX_PERCENTILE:
                return new SketchAccumulators.Percentile(arg, filter, type, ((Number) literal).doubleValue());
            default:
                throw new AssertionError(f);
        }
    }

    /** Makes room for groups {@code 0..groups)}. */
    final void ensure(int groups) {
        if (groups > capacity) {
            int cap = Math.max(groups, Math.max(16, capacity * 2));
            grow(cap);
            capacity = cap;
        }
    }

    abstract void grow(int cap);

    abstract void add(VectorizedRowBatch b, int[] rows, int n, int[] groupIds);

    /** Writes groups {@code from..from+n)} into rows 0..n) of a vector. */
    abstract void write(int from, int n, ColumnVector out);

    /** Rows of the batch that pass the FILTER clause, if any; returns the count. */
    final int filtered(VectorizedRowBatch b, int[] rows, int n, int[] groupIds, int[] outRows, int[] outGroups) {
        LongColumnVector f = (LongColumnVector) b.cols[filter];
        int k = 0;
        for (int j = 0; j < n; j++) {
            int r = rows[j];
            if (f.vector[r] != 0 && (f.noNulls || !f.isNull[r])) {
                outRows[k] = r;
                outGroups[k++] = groupIds[j];
            }
        }
        return k;
    }

    /** The same constant for every group (Calcite's LITERAL_AGG, from subquery rewrites). */
    static final class Literal extends Accumulator {
        private final Object value;

        Literal(ColumnType type, Object value) {
            super(-1, -1, type);
            this.value = value;
        }

        @Override
        void grow(int cap) {}

        @Override
        void add(VectorizedRowBatch b, int[] rows, int n, int[] groupIds) {}

        @Override
        void write(int from, int n, ColumnVector out) {
            for (int j = 0; j < n; j++) {
                Vectors.set(out, j, type, value);
            }
        }
    }

    static final class Count extends Accumulator {
        long[] counts = new long[0];

        Count(int arg, int filter, ColumnType type) {
            super(arg, filter, type);
        }

        @Override
        void grow(int cap) {
            counts = Arrays.copyOf(counts, cap);
        }

        @Override
        void add(VectorizedRowBatch b, int[] rows, int n, int[] groupIds) {
            long[] c = counts;
            if (arg < 0) {
                for (int j = 0; j < n; j++) {
                    c[groupIds[j]]++;
                }
                return;
            }
            ColumnVector v = b.cols[arg];
            if (v.noNulls) {
                for (int j = 0; j < n; j++) {
                    c[groupIds[j]]++;
                }
            } else {
                for (int j = 0; j < n; j++) {
                    if (!v.isNull[rows[j]]) {
                        c[groupIds[j]]++;
                    }
                }
            }
        }

        @Override
        void write(int from, int n, ColumnVector out) {
            System.arraycopy(counts, from, ((LongColumnVector) out).vector, 0, n);
            out.noNulls = true;
        }
    }

    static final class LongSum extends Accumulator {
        private final boolean zeroWhenEmpty;
        long[] sums = new long[0];
        boolean[] seen = new boolean[0];

        LongSum(int arg, int filter, ColumnType type, boolean zeroWhenEmpty) {
            super(arg, filter, type);
            this.zeroWhenEmpty = zeroWhenEmpty;
        }

        @Override
        void grow(int cap) {
            sums = Arrays.copyOf(sums, cap);
            seen = Arrays.copyOf(seen, cap);
        }

        @Override
        void add(VectorizedRowBatch b, int[] rows, int n, int[] groupIds) {
            LongColumnVector v = (LongColumnVector) b.cols[arg];
            long[] x = v.vector;
            long[] s = sums;
            boolean[] seen = this.seen;
            try {
                if (v.noNulls) {
                    for (int j = 0; j < n; j++) {
                        int g = groupIds[j];
                        s[g] = Math.addExact(s[g], x[rows[j]]);
                        seen[g] = true;
                    }
                } else {
                    for (int j = 0; j < n; j++) {
                        int r = rows[j];
                        if (!v.isNull[r]) {
                            int g = groupIds[j];
                            s[g] = Math.addExact(s[g], x[r]);
                            seen[g] = true;
                        }
                    }
                }
            } catch (ArithmeticException e) {
                throw new SqlException(
                        SqlException.NUMERIC_VALUE_OUT_OF_RANGE, "numeric overflow in SUM of " + type, e);
            }
        }

        @Override
        void write(int from, int n, ColumnVector out) {
            long[] o = ((LongColumnVector) out).vector;
            out.noNulls = true;
            for (int j = 0; j < n; j++) {
                o[j] = sums[from + j];
                boolean isNull = !zeroWhenEmpty && !seen[from + j];
                out.isNull[j] = isNull;
                if (isNull) {
                    out.noNulls = false;
                }
            }
        }
    }

    static final class DoubleSum extends Accumulator {
        private final boolean zeroWhenEmpty;
        double[] sums = new double[0];
        boolean[] seen = new boolean[0];

        DoubleSum(int arg, int filter, ColumnType type, boolean zeroWhenEmpty) {
            super(arg, filter, type);
            this.zeroWhenEmpty = zeroWhenEmpty;
        }

        @Override
        void grow(int cap) {
            sums = Arrays.copyOf(sums, cap);
            seen = Arrays.copyOf(seen, cap);
        }

        @Override
        void add(VectorizedRowBatch b, int[] rows, int n, int[] groupIds) {
            ColumnVector cv = b.cols[arg];
            double[] x = cv instanceof DoubleColumnVector ? ((DoubleColumnVector) cv).vector : null;
            long[] lx = x == null ? ((LongColumnVector) cv).vector : null;
            for (int j = 0; j < n; j++) {
                int r = rows[j];
                if (cv.noNulls || !cv.isNull[r]) {
                    int g = groupIds[j];
                    sums[g] += x != null ? x[r] : lx[r];
                    seen[g] = true;
                }
            }
        }

        @Override
        void write(int from, int n, ColumnVector out) {
            double[] o = ((DoubleColumnVector) out).vector;
            out.noNulls = true;
            for (int j = 0; j < n; j++) {
                o[j] = sums[from + j];
                boolean isNull = !zeroWhenEmpty && !seen[from + j];
                out.isNull[j] = isNull;
                if (isNull) {
                    out.noNulls = false;
                }
            }
        }
    }

    /** MIN, MAX, ANY_VALUE and SINGLE_VALUE over any layout. */
    static final class Extreme extends Accumulator {
        private final Function function;
        long[] longs = new long[0];
        double[] doubles = new double[0];
        byte[][] bytes = new byte[0][];
        int[] counts = new int[0];

        Extreme(int arg, int filter, ColumnType type, Function function) {
            super(arg, filter, type);
            this.function = function;
        }

        @Override
        void grow(int cap) {
            switch (type.layout()) {
                case LONG:
                    longs = Arrays.copyOf(longs, cap);
                    break;
                case DOUBLE:
                    doubles = Arrays.copyOf(doubles, cap);
                    break;
                default:
                    bytes = Arrays.copyOf(bytes, cap);
            }
            counts = Arrays.copyOf(counts, cap);
        }

        private boolean replaces(int cmp, int g) {
            if (counts[g] == 0) {
                return true;
            }
            switch (function) {
                case MIN:
                    return cmp < 0;
                case MAX:
                    return cmp > 0;
                case SINGLE_VALUE:
                    throw new SqlException("more than one row returned by a subquery used as an expression");
                default:
                    return false;
            }
        }

        @Override
        void add(VectorizedRowBatch b, int[] rows, int n, int[] groupIds) {
            ColumnVector v = b.cols[arg];
            for (int j = 0; j < n; j++) {
                int r = rows[j];
                int g = groupIds[j];
                if (!v.noNulls && v.isNull[r]) {
                    if (function == Function.SINGLE_VALUE) {
                        if (counts[g] > 0) {
                            throw new SqlException("more than one row returned by a subquery used as an expression");
                        }
                        counts[g] = -1;
                    }
                    continue;
                }
                if (counts[g] < 0) {
                    throw new SqlException("more than one row returned by a subquery used as an expression");
                }
                switch (type.layout()) {
                    case LONG: {
                        long x = ((LongColumnVector) v).vector[r];
                        if (replaces(Long.compare(x, longs[g]), g)) {
                            longs[g] = x;
                        }
                        break;
                    }
                    case DOUBLE: {
                        double x = ((DoubleColumnVector) v).vector[r];
                        if (replaces(Double.compare(x, doubles[g]), g)) {
                            doubles[g] = x;
                        }
                        break;
                    }
                    default: {
                        BytesColumnVector bv = (BytesColumnVector) v;
                        byte[] cur = bytes[g];
                        int cmp = cur == null
                                ? 0
                                : Arrays.compareUnsigned(
                                        bv.vector[r], bv.start[r], bv.start[r] + bv.length[r], cur, 0, cur.length);
                        if (replaces(cmp, g)) {
                            bytes[g] = Arrays.copyOfRange(bv.vector[r], bv.start[r], bv.start[r] + bv.length[r]);
                        }
                    }
                }
                counts[g]++;
            }
        }

        @Override
        void write(int from, int n, ColumnVector out) {
            out.noNulls = true;
            for (int j = 0; j < n; j++) {
                int g = from + j;
                if (counts[g] <= 0) {
                    out.noNulls = false;
                    out.isNull[j] = true;
                    continue;
                }
                out.isNull[j] = false;
                switch (type.layout()) {
                    case LONG:
                        ((LongColumnVector) out).vector[j] = longs[g];
                        break;
                    case DOUBLE:
                        ((DoubleColumnVector) out).vector[j] = doubles[g];
                        break;
                    default:
                        ((BytesColumnVector) out).setRef(j, bytes[g], 0, bytes[g].length);
                }
            }
        }
    }
}
