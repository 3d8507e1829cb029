package dev.silt.sql.exec;

import java.util.Arrays;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;

/** Vectorized key hashing and row-versus-stored-key equality for hash tables. */
final class Hashing {
    private static final int NULL_HASH = 0x5bd1e995;

    private Hashing() {}

    static int mix(long v) {
        long h = v * 0x9E3779B97F4A7C15L;
        h ^= h >>> 32;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 29;
        return (int) h;
    }

    static int hashBytes(byte[] b, int start, int len) {
        int h = 1;
        for (int i = start; i < start + len; i++) {
            h = 31 * h + b[i];
        }
        return mix(h);
    }

    /** hashes[j] = combine(hashes[j], hash(v[rows[j]])) (or the hash alone when {@code first}). */
    static void hash(ColumnVector v, int[] rows, int n, int[] hashes, boolean first) {
        boolean nulls = !v.noNulls;
        boolean[] isNull = v.isNull;
        if (v instanceof LongColumnVector) {
            long[] x = ((LongColumnVector) v).vector;
            for (int j = 0; j < n; j++) {
                int r = rows[j];
                int h = nulls && isNull[r] ? NULL_HASH : mix(x[r]);
                hashes[j] = first ? h : hashes[j] * 31 + h;
            }
        } else if (v instanceof DoubleColumnVector) {
            double[] x = ((DoubleColumnVector) v).vector;
            for (int j = 0; j < n; j++) {
                int r = rows[j];
                double d = x[r];
                int h = nulls && isNull[r] ? NULL_HASH : mix(Double.doubleToLongBits(d == 0.0 ? 0.0 : d));
                hashes[j] = first ? h : hashes[j] * 31 + h;
            }
        } else {
            BytesColumnVector b = (BytesColumnVector) v;
            for (int j = 0; j < n; j++) {
                int r = rows[j];
                int h = nulls && isNull[r] ? NULL_HASH : hashBytes(b.vector[r], b.start[r], b.length[r]);
                hashes[j] = first ? h : hashes[j] * 31 + h;
            }
        }
    }

    /** Hash of a stored row's column, consistent with {@link #hash}. */
    static int hashStored(ColumnStore s, int c, int row) {
        if (s.isNull(c, row)) {
            return NULL_HASH;
        }
        switch (s.type(c).layout()) {
            case LONG:
                return mix(s.getLong(c, row));
            case DOUBLE:
                double d = s.getDouble(c, row);
                return mix(Double.doubleToLongBits(d == 0.0 ? 0.0 : d));
            default:
                byte[] b = s.getBytes(c, row);
                return hashBytes(b, 0, b.length);
        }
    }

    /** Whether vector row {@code r} equals stored row {@code row} of column {@code c}; NULL equals NULL. */
    static boolean equal(ColumnVector v, int r, ColumnStore s, int c, int row) {
        boolean vn = !v.noNulls && v.isNull[r];
        boolean sn = s.isNull(c, row);
        if (vn || sn) {
            return vn && sn;
        }
        if (v instanceof LongColumnVector) {
            return ((LongColumnVector) v).vector[r] == s.getLong(c, row);
        }
        if (v instanceof DoubleColumnVector) {
            return Double.compare(((DoubleColumnVector) v).vector[r], s.getDouble(c, row)) == 0
                    || ((DoubleColumnVector) v).vector[r] == s.getDouble(c, row);
        }
        BytesColumnVector b = (BytesColumnVector) v;
        byte[] x = s.getBytes(c, row);
        return Arrays.equals(b.vector[r], b.start[r], b.start[r] + b.length[r], x, 0, x.length);
    }
}
