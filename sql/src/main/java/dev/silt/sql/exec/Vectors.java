package dev.silt.sql.exec;

import dev.silt.sql.spi.ColumnType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/** Allocation of vectors and batches by {@link ColumnType}, and conversion of single values to Java objects. */
public final class Vectors {
    /** Rows per batch. */
    public static final int BATCH = VectorizedRowBatch.DEFAULT_SIZE;

    /** 0, 1, 2, …: the selection of a dense batch; never modified. */
    private static final int[] IDENTITY = new int[BATCH];

    static {
        for (int i = 0; i < BATCH; i++) {
            IDENTITY[i] = i;
        }
    }

    private Vectors() {}

    public static ColumnVector allocate(ColumnType type, int size) {
        switch (type.layout()) {
            case LONG:
                return new LongColumnVector(size);
            case DOUBLE:
                return new DoubleColumnVector(size);
            case LIST:
            case MAP:
            case STRUCT:
                return NestedVectors.allocate(type, size);
            default:
                BytesColumnVector v = new BytesColumnVector(size);
                v.initBuffer();
                return v;
        }
    }

    public static VectorizedRowBatch allocate(List<ColumnType> types, int size) {
        VectorizedRowBatch b = new VectorizedRowBatch(types.size(), size);
        for (int c = 0; c < types.size(); c++) {
            b.cols[c] = allocate(types.get(c), size);
        }
        return b;
    }

    /** The rows of a batch to visit: its selection when in use, else the identity. */
    public static int[] rows(VectorizedRowBatch b) {
        return b.selectedInUse ? b.selected : IDENTITY;
    }

    /** The value at a row as a Java object (Long, Integer, Double, BigDecimal, String, LocalDate, …), or null. */
    public static Object value(ColumnVector v, int row, ColumnType type) {
        int r = v.isRepeating ? 0 : row;
        if (!v.noNulls && v.isNull[r]) {
            return null;
        }
        switch (type.kind()) {
            case BOOLEAN:
                return ((LongColumnVector) v).vector[r] != 0;
            case TINYINT:
            case SMALLINT:
            case INTEGER:
                return (int) ((LongColumnVector) v).vector[r];
            case BIGINT:
                return ((LongColumnVector) v).vector[r];
            case REAL:
                return (float) ((DoubleColumnVector) v).vector[r];
            case DOUBLE:
                return ((DoubleColumnVector) v).vector[r];
            case DECIMAL:
                return BigDecimal.valueOf(((LongColumnVector) v).vector[r], type.scale());
            case DATE:
                return LocalDate.ofEpochDay(((LongColumnVector) v).vector[r]);
            case TIMESTAMP:
                long ms = ((LongColumnVector) v).vector[r];
                return LocalDateTime.ofEpochSecond(
                        Math.floorDiv(ms, 1000), (int) Math.floorMod(ms, 1000) * 1_000_000, ZoneOffset.UTC);
            case INTERVAL_YEAR_MONTH:
                return Period.ofMonths((int) ((LongColumnVector) v).vector[r]).normalized();
            case INTERVAL_DAY_TIME:
                return Duration.ofMillis(((LongColumnVector) v).vector[r]);
            case ARRAY:
            case MAP:
            case ROW:
                return NestedVectors.value(v, r, type);
            default:
                BytesColumnVector b = (BytesColumnVector) v;
                return new String(b.vector[r], b.start[r], b.length[r], StandardCharsets.UTF_8);
        }
    }

    /** Sets one row of a vector from a Java value as produced by {@link #value} (or a compatible Number). */
    public static void set(ColumnVector v, int row, ColumnType type, Object value) {
        if (value == null) {
            v.noNulls = false;
            v.isNull[row] = true;
            return;
        }
        v.isNull[row] = false;
        switch (type.layout()) {
            case DOUBLE:
                ((DoubleColumnVector) v).vector[row] = ((Number) value).doubleValue();
                return;
            case BYTES:
                byte[] bytes = value.toString().getBytes(StandardCharsets.UTF_8);
                ((BytesColumnVector) v).setVal(row, bytes, 0, bytes.length);
                return;
            case LIST:
            case MAP:
            case STRUCT:
                NestedVectors.set(v, row, type, value);
                return;
            default:
                ((LongColumnVector) v).vector[row] = toLong(type, value);
        }
    }

    private static long toLong(ColumnType type, Object value) {
        if (value instanceof Boolean) {
            return ((Boolean) value) ? 1 : 0;
        }
        if (value instanceof LocalDate) {
            return ((LocalDate) value).toEpochDay();
        }
        if (value instanceof LocalDateTime) {
            return ((LocalDateTime) value).toInstant(ZoneOffset.UTC).toEpochMilli();
        }
        if (value instanceof Period) {
            return ((Period) value).toTotalMonths();
        }
        if (value instanceof Duration) {
            return ((Duration) value).toMillis();
        }
        if (type.kind() == ColumnType.Kind.DECIMAL) {
            BigDecimal d = value instanceof BigDecimal ? (BigDecimal) value : new BigDecimal(value.toString());
            return d.setScale(type.scale(), java.math.RoundingMode.HALF_UP)
                    .unscaledValue()
                    .longValueExact();
        }
        return ((Number) value).longValue();
    }

    /** Copies row {@code from} of {@code src} into row {@code to} of {@code dst} (same layout). */
    public static void copy(ColumnVector src, int from, ColumnVector dst, int to) {
        int f = src.isRepeating ? 0 : from;
        if (!src.noNulls && src.isNull[f]) {
            dst.noNulls = false;
            dst.isNull[to] = true;
            return;
        }
        dst.isNull[to] = false;
        if (src instanceof LongColumnVector) {
            ((LongColumnVector) dst).vector[to] = ((LongColumnVector) src).vector[f];
        } else if (src instanceof DoubleColumnVector) {
            ((DoubleColumnVector) dst).vector[to] = ((DoubleColumnVector) src).vector[f];
        } else if (!(src instanceof BytesColumnVector)) {
            NestedVectors.copy(src, f, dst, to);
        } else {
            BytesColumnVector s = (BytesColumnVector) src;
            ((BytesColumnVector) dst).setVal(to, s.vector[f], s.start[f], s.length[f]);
        }
    }

    /** Resets a vector for reuse as an output of {@code n} rows. */
    public static void reset(ColumnVector v) {
        v.noNulls = true;
        v.isRepeating = false;
        if (v instanceof BytesColumnVector) {
            ((BytesColumnVector) v).initBuffer();
        } else if (!(v instanceof LongColumnVector) && !(v instanceof DoubleColumnVector)) {
            NestedVectors.reset(v);
        }
    }

    /** Turns a repeating vector into a flat one over {@code n} rows. */
    public static void flatten(ColumnVector v, int n) {
        if (v.isRepeating) {
            v.flatten(false, null, n);
            v.isRepeating = false;
        }
    }

    /** Copies {@code src} rows {@code rows[0..n)} densely into {@code dst} rows {@code 0..n)}. */
    public static void gather(ColumnVector src, int[] rows, int n, ColumnVector dst) {
        if (src.isRepeating) {
            flatten(src, BATCH);
        }
        if (src instanceof LongColumnVector) {
            long[] x = ((LongColumnVector) src).vector;
            long[] y = ((LongColumnVector) dst).vector;
            for (int j = 0; j < n; j++) {
                y[j] = x[rows[j]];
            }
        } else if (src instanceof DoubleColumnVector) {
            double[] x = ((DoubleColumnVector) src).vector;
            double[] y = ((DoubleColumnVector) dst).vector;
            for (int j = 0; j < n; j++) {
                y[j] = x[rows[j]];
            }
        } else if (src instanceof BytesColumnVector) {
            BytesColumnVector x = (BytesColumnVector) src;
            BytesColumnVector y = (BytesColumnVector) dst;
            for (int j = 0; j < n; j++) {
                int r = rows[j];
                y.setRef(j, x.vector[r], x.start[r], x.length[r]);
            }
        } else {
            // nested values are copied whole (their children are shared by every row)
            NestedVectors.reset(dst);
            for (int j = 0; j < n; j++) {
                NestedVectors.copy(src, rows[j], dst, j);
            }
        }
        dst.isRepeating = false;
        if (src.noNulls) {
            dst.noNulls = true;
        } else {
            boolean any = false;
            for (int j = 0; j < n; j++) {
                boolean b = src.isNull[rows[j]];
                dst.isNull[j] = b;
                any |= b;
            }
            dst.noNulls = !any;
        }
    }

    /** A vector of {@code n} NULLs. */
    public static ColumnVector nulls(ColumnType type, int n) {
        ColumnVector v = allocate(type, BATCH);
        v.noNulls = false;
        java.util.Arrays.fill(v.isNull, 0, Math.max(n, 0), true);
        return v;
    }

    /** A dense copy of the selected rows (for handing a batch to another thread). */
    public static VectorizedRowBatch compact(VectorizedRowBatch b, List<ColumnType> types) {
        VectorizedRowBatch c = new VectorizedRowBatch(types.size(), BATCH);
        int[] rows = rows(b);
        for (int k = 0; k < types.size(); k++) {
            c.cols[k] = allocate(types.get(k), BATCH);
            gather(b.cols[k], rows, b.size, c.cols[k]);
            if (c.cols[k] instanceof BytesColumnVector) {
                // setRef points into the producer's buffers, which it will reuse: take a copy
                BytesColumnVector y = (BytesColumnVector) c.cols[k];
                for (int j = 0; j < b.size; j++) {
                    if (y.noNulls || !y.isNull[j]) {
                        y.vector[j] = java.util.Arrays.copyOfRange(y.vector[j], y.start[j], y.start[j] + y.length[j]);
                        y.start[j] = 0;
                    }
                }
            }
        }
        c.size = b.size;
        return c;
    }
}
