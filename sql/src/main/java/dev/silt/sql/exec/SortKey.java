package dev.silt.sql.exec;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** One ORDER BY key: column, direction and where NULLs go. Immutable. */
public final class SortKey {
    final int column;
    final boolean descending;
    final boolean nullsFirst;

    public SortKey(int column, boolean descending, boolean nullsFirst) {
        this.column = column;
        this.descending = descending;
        this.nullsFirst = nullsFirst;
    }

    public int column() {
        return column;
    }

    @Override
    public String toString() {
        return "#" + column + (descending ? " DESC" : " ASC") + (nullsFirst ? " NULLS FIRST" : " NULLS LAST");
    }

    /** Compares rows of a store by the keys. */
    static Comparator<Integer> comparator(ColumnStore s, List<SortKey> keys) {
        return (a, b) -> {
            for (SortKey k : keys) {
                int c = compare(s, k, a, b);
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        };
    }

    /** Orders two stored rows by one column, ascending, NULLs first; 0 when equal (NULL equals NULL). */
    static int compareRows(ColumnStore s, int col, int a, int b) {
        boolean an = s.isNull(col, a);
        boolean bn = s.isNull(col, b);
        if (an || bn) {
            return an == bn ? 0 : an ? -1 : 1;
        }
        switch (s.type(col).layout()) {
            case LONG:
                return Long.compare(s.getLong(col, a), s.getLong(col, b));
            case DOUBLE:
                return Double.compare(s.getDouble(col, a), s.getDouble(col, b));
            default:
                return Arrays.compareUnsigned(s.getBytes(col, a), s.getBytes(col, b));
        }
    }

    private static int compare(ColumnStore s, SortKey k, int a, int b) {
        int col = k.column;
        boolean an = s.isNull(col, a);
        boolean bn = s.isNull(col, b);
        if (an || bn) {
            if (an && bn) {
                return 0;
            }
            return an == k.nullsFirst ? -1 : 1;
        }
        int c;
        switch (s.type(col).layout()) {
            case LONG:
                c = Long.compare(s.getLong(col, a), s.getLong(col, b));
                break;
            case DOUBLE:
                c = Double.compare(s.getDouble(col, a), s.getDouble(col, b));
                break;
            default:
                byte[] x = s.getBytes(col, a);
                byte[] y = s.getBytes(col, b);
                c = Arrays.compareUnsigned(x, y);
        }
        return k.descending ? -c : c;
    }

    /** Row numbers {@code 0..size)} of a store in key order (stable). */
    static int[] sortedRows(ColumnStore s, List<SortKey> keys) {
        Integer[] idx = new Integer[s.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, comparator(s, keys));
        int[] r = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            r[i] = idx[i];
        }
        return r;
    }
}
