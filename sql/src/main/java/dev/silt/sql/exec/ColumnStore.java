package dev.silt.sql.exec;

import dev.silt.sql.spi.ColumnType;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/**
 * Growable columnar rows kept by blocking operators (hash-join build sides, sort buffers, group keys): one
 * primitive array per column plus a null mask. Not thread-safe; read-only sharing after building is safe.
 */
public final class ColumnStore {
    private final ColumnType[] types;
    private final long[][] longs;
    private final double[][] doubles;
    private final byte[][][] bytes;
    private final boolean[][] nulls;
    private int size;
    private int capacity;

    public ColumnStore(List<ColumnType> types) {
        this.types = types.toArray(new ColumnType[0]);
        int n = this.types.length;
        longs = new long[n][];
        doubles = new double[n][];
        bytes = new byte[n][][];
        nulls = new boolean[n][];
        capacity = 0;
        grow(1024);
    }

    public int size() {
        return size;
    }

    public int columnCount() {
        return types.length;
    }

    public ColumnType type(int c) {
        return types[c];
    }

    /** Approximate bytes held, for the memory limit. */
    public long estimatedBytes() {
        long b = (long) capacity * types.length * 9L;
        for (int c = 0; c < types.length; c++) {
            if (bytes[c] != null) {
                b += (long) size * 24;
            }
        }
        return b;
    }

    private void grow(int min) {
        int cap = Math.max(min, capacity * 2);
        for (int c = 0; c < types.length; c++) {
            switch (types[c].layout()) {
                case LONG:
                    longs[c] = longs[c] == null ? new long[cap] : Arrays.copyOf(longs[c], cap);
                    break;
                case DOUBLE:
                    doubles[c] = doubles[c] == null ? new double[cap] : Arrays.copyOf(doubles[c], cap);
                    break;
                default:
                    bytes[c] = bytes[c] == null ? new byte[cap][] : Arrays.copyOf(bytes[c], cap);
            }
            nulls[c] = nulls[c] == null ? new boolean[cap] : Arrays.copyOf(nulls[c], cap);
        }
        capacity = cap;
    }

    /** Appends the selected rows of a batch, taking columns {@code cols[k]} of the batch as column k. */
    public void append(VectorizedRowBatch b, int[] cols) {
        int n = b.size;
        if (size + n > capacity) {
            grow(size + n);
        }
        int[] rows = Vectors.rows(b);
        for (int k = 0; k < cols.length; k++) {
            appendColumn(k, b.cols[cols[k]], rows, n);
        }
        size += n;
    }

    private void appendColumn(int c, ColumnVector v, int[] rows, int n) {
        boolean[] nm = nulls[c];
        if (v.isRepeating) {
            Vectors.flatten(v, Vectors.BATCH);
        }
        if (v.noNulls) {
            Arrays.fill(nm, size, size + n, false);
        } else {
            for (int j = 0; j < n; j++) {
                nm[size + j] = v.isNull[rows[j]];
            }
        }
        switch (types[c].layout()) {
            case LONG: {
                long[] src = ((LongColumnVector) v).vector;
                long[] dst = longs[c];
                for (int j = 0; j < n; j++) {
                    dst[size + j] = src[rows[j]];
                }
                break;
            }
            case DOUBLE: {
                double[] src = ((DoubleColumnVector) v).vector;
                double[] dst = doubles[c];
                for (int j = 0; j < n; j++) {
                    dst[size + j] = src[rows[j]];
                }
                break;
            }
            default: {
                BytesColumnVector bv = (BytesColumnVector) v;
                byte[][] dst = bytes[c];
                for (int j = 0; j < n; j++) {
                    int r = rows[j];
                    dst[size + j] = nm[size + j]
                            ? null
                            : Arrays.copyOfRange(bv.vector[r], bv.start[r], bv.start[r] + bv.length[r]);
                }
            }
        }
    }

    /** Appends one row taken from row {@code r} of the given vectors (column k from {@code vs[cols[k]]}). */
    public int appendRow(ColumnVector[] vs, int[] cols, int r) {
        if (size == capacity) {
            grow(size + 1);
        }
        for (int k = 0; k < cols.length; k++) {
            ColumnVector v = vs[cols[k]];
            boolean isNull = !v.noNulls && v.isNull[r];
            nulls[k][size] = isNull;
            if (isNull) {
                continue;
            }
            switch (types[k].layout()) {
                case LONG:
                    longs[k][size] = ((LongColumnVector) v).vector[r];
                    break;
                case DOUBLE:
                    doubles[k][size] = ((DoubleColumnVector) v).vector[r];
                    break;
                default:
                    BytesColumnVector bv = (BytesColumnVector) v;
                    bytes[k][size] = Arrays.copyOfRange(bv.vector[r], bv.start[r], bv.start[r] + bv.length[r]);
            }
        }
        return size++;
    }

    public boolean isNull(int c, int row) {
        return nulls[c][row];
    }

    public long getLong(int c, int row) {
        return longs[c][row];
    }

    public double getDouble(int c, int row) {
        return doubles[c][row];
    }

    public byte[] getBytes(int c, int row) {
        return bytes[c][row];
    }

    public long[] longs(int c) {
        return longs[c];
    }

    public double[] doubles(int c) {
        return doubles[c];
    }

    public byte[][] bytes(int c) {
        return bytes[c];
    }

    public boolean[] nulls(int c) {
        return nulls[c];
    }

    /** Writes row {@code row} of column {@code c} into row {@code to} of a vector. */
    public void write(int c, int row, ColumnVector out, int to) {
        if (nulls[c][row]) {
            out.noNulls = false;
            out.isNull[to] = true;
            return;
        }
        out.isNull[to] = false;
        switch (types[c].layout()) {
            case LONG:
                ((LongColumnVector) out).vector[to] = longs[c][row];
                break;
            case DOUBLE:
                ((DoubleColumnVector) out).vector[to] = doubles[c][row];
                break;
            default:
                byte[] v = bytes[c][row];
                ((BytesColumnVector) out).setRef(to, v, 0, v.length);
        }
    }

    /** Writes rows {@code rows[0..n)} of column {@code c} densely into {@code out} rows {@code 0..n)}. */
    public void gather(int c, int[] rows, int n, ColumnVector out) {
        switch (types[c].layout()) {
            case LONG: {
                long[] src = longs[c];
                long[] dst = ((LongColumnVector) out).vector;
                for (int j = 0; j < n; j++) {
                    dst[j] = src[rows[j]];
                }
                break;
            }
            case DOUBLE: {
                double[] src = doubles[c];
                double[] dst = ((DoubleColumnVector) out).vector;
                for (int j = 0; j < n; j++) {
                    dst[j] = src[rows[j]];
                }
                break;
            }
            default: {
                byte[][] src = bytes[c];
                BytesColumnVector bv = (BytesColumnVector) out;
                for (int j = 0; j < n; j++) {
                    byte[] v = src[rows[j]];
                    if (v != null) {
                        bv.setRef(j, v, 0, v.length);
                    }
                }
            }
        }
        boolean[] nm = nulls[c];
        boolean any = false;
        for (int j = 0; j < n; j++) {
            boolean isNull = nm[rows[j]];
            out.isNull[j] = isNull;
            any |= isNull;
        }
        out.noNulls = !any;
        out.isRepeating = false;
    }
}
