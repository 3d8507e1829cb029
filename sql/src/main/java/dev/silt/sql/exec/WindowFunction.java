package dev.silt.sql.exec;

import dev.silt.sql.SqlException;
import dev.silt.sql.spi.ColumnType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;

/**
 * The evaluation of window functions over one sorted partition at a time, column at a time: every function
 * fills the result slots of the partition's rows in one pass (plus one pass of prefix sums or a monotonic deque
 * for framed aggregates), so the cost is linear in the partition whatever the frame. One thread.
 */
final class WindowFunction {
    /** The window functions the engine runs. */
    enum Kind {
        ROW_NUMBER,
        RANK,
        DENSE_RANK,
        PERCENT_RANK,
        CUME_DIST,
        NTILE,
        LAG,
        LEAD,
        FIRST_VALUE,
        LAST_VALUE,
        NTH_VALUE,
        COUNT,
        SUM,
        SUM0,
        AVG,
        MIN,
        MAX
    }

    private static final double LONG_RANGE = 9.2e18;

    private WindowFunction() {}

    /** Results of one function, by sorted position. */
    static final class Result {
        final ColumnType type;
        final long[] longs;
        final double[] doubles;
        final byte[][] bytes;
        final boolean[] nulls;

        Result(ColumnType type, int n) {
            this.type = type;
            ColumnType.Layout l = type.layout();
            longs = l == ColumnType.Layout.LONG ? new long[n] : null;
            doubles = l == ColumnType.Layout.DOUBLE ? new double[n] : null;
            bytes = l == ColumnType.Layout.BYTES ? new byte[n][] : null;
            nulls = new boolean[n];
        }

        void copy(ColumnStore s, int col, int row, int pos) {
            if (s.isNull(col, row)) {
                nulls[pos] = true;
            } else if (longs != null) {
                longs[pos] = s.getLong(col, row);
            } else if (doubles != null) {
                doubles[pos] = s.getDouble(col, row);
            } else {
                bytes[pos] = s.getBytes(col, row);
            }
        }

        void set(int pos, Object value) {
            if (value == null) {
                nulls[pos] = true;
                return;
            }
            ColumnVector v = Vectors.allocate(type, 1);
            Vectors.set(v, 0, type, value);
            if (longs != null) {
                longs[pos] = ((LongColumnVector) v).vector[0];
            } else if (doubles != null) {
                doubles[pos] = ((DoubleColumnVector) v).vector[0];
            } else {
                BytesColumnVector b = (BytesColumnVector) v;
                bytes[pos] = java.util.Arrays.copyOfRange(b.vector[0], b.start[0], b.start[0] + b.length[0]);
            }
        }

        /** Writes positions {@code from..from+n)} into rows {@code 0..n)} of a fresh vector. */
        void write(int from, int n, ColumnVector out) {
            boolean any = false;
            for (int j = 0; j < n; j++) {
                boolean isNull = nulls[from + j];
                out.isNull[j] = isNull;
                any |= isNull;
            }
            out.noNulls = !any;
            out.isRepeating = false;
            if (longs != null) {
                System.arraycopy(longs, from, ((LongColumnVector) out).vector, 0, n);
            } else if (doubles != null) {
                System.arraycopy(doubles, from, ((DoubleColumnVector) out).vector, 0, n);
            } else {
                BytesColumnVector bv = (BytesColumnVector) out;
                for (int j = 0; j < n; j++) {
                    byte[] v = bytes[from + j];
                    if (v != null) {
                        bv.setRef(j, v, 0, v.length);
                    }
                }
            }
        }
    }

    /**
     * The partition being evaluated: sorted positions {@code start..end)} of {@code order}, with each position's
     * peer group and, computed on first use, its frame {@code lo..hi} (inclusive; empty when lo > hi).
     */
    static final class Partition {
        final ColumnStore store;
        final int[] order;
        final List<SortKey> orderKeys;
        final Window.Frame frame;
        final int[] peerStart;
        final int[] peerEnd;
        final int[] lo;
        final int[] hi;
        int start;
        int end;
        private boolean framed;

        Partition(ColumnStore store, int[] order, List<SortKey> orderKeys, Window.Frame frame) {
            this.store = store;
            this.order = order;
            this.orderKeys = orderKeys;
            this.frame = frame;
            int n = order.length;
            peerStart = new int[n];
            peerEnd = new int[n];
            lo = new int[n];
            hi = new int[n];
        }

        void set(int start, int end) {
            this.start = start;
            this.end = end;
            framed = false;
            int groupStart = start;
            for (int i = start; i < end; i++) {
                if (i > start && !peers(order[i - 1], order[i])) {
                    for (int j = groupStart; j < i; j++) {
                        peerEnd[j] = i;
                    }
                    groupStart = i;
                }
                peerStart[i] = groupStart;
            }
            for (int j = groupStart; j < end; j++) {
                peerEnd[j] = end;
            }
        }

        private boolean peers(int a, int b) {
            for (SortKey k : orderKeys) {
                if (SortKey.compareRows(store, k.column, a, b) != 0) {
                    return false;
                }
            }
            return true;
        }

        void frames() {
            if (framed) {
                return;
            }
            framed = true;
            for (int i = start; i < end; i++) {
                lo[i] = Math.max(start, bound(frame.lower, i, true));
                hi[i] = Math.min(end - 1, bound(frame.upper, i, false));
            }
        }

        private int bound(Window.Bound b, int i, boolean lower) {
            switch (b.kind) {
                case UNBOUNDED_PRECEDING:
                    return lower ? start : start - 1;
                case UNBOUNDED_FOLLOWING:
                    return lower ? end : end - 1;
                case CURRENT_ROW:
                    if (frame.rows) {
                        return i;
                    }
                    return lower ? peerStart[i] : peerEnd[i] - 1;
                default:
                    boolean preceding = b.kind == Window.Bound.Kind.PRECEDING;
                    if (frame.rows) {
                        long r = preceding ? (long) i - b.offset : (long) i + b.offset;
                        return (int) Math.max(start - 1L, Math.min(end, r));
                    }
                    return rangeBound(b, i, lower, preceding);
            }
        }

        /** RANGE k PRECEDING/FOLLOWING: the rows whose single order key lies within k of the current row's. */
        private int rangeBound(Window.Bound b, int i, boolean lower, boolean preceding) {
            SortKey key = orderKeys.get(0);
            int col = key.column;
            if (store.isNull(col, order[i])) {
                return lower ? peerStart[i] : peerEnd[i] - 1;
            }
            // non-NULL keys are contiguous: NULLs sort to one end of the partition
            int ns = start;
            while (ns < end && store.isNull(col, order[ns])) {
                ns++;
            }
            int ne = end;
            while (ne > ns && store.isNull(col, order[ne - 1])) {
                ne--;
            }
            boolean isDouble = store.type(col).layout() == ColumnType.Layout.DOUBLE;
            double sign = key.descending ? -1 : 1;
            // in t = ±key the non-NULL rows ascend whatever the direction; the frame end is t(i) ∓ k
            if (isDouble) {
                double t = sign * store.getDouble(col, order[i]);
                double target = preceding ? t - b.doubleOffset : t + b.doubleOffset;
                int first = ns;
                int last = ne;
                while (first < last) {
                    int mid = (first + last) >>> 1;
                    double v = sign * store.getDouble(col, order[mid]);
                    if (lower ? v < target : v <= target) {
                        first = mid + 1;
                    } else {
                        last = mid;
                    }
                }
                return lower ? first : first - 1;
            }
            long s = key.descending ? -1 : 1;
            long t = s * store.getLong(col, order[i]);
            long target = preceding ? t - b.offset : t + b.offset;
            int first = ns;
            int last = ne;
            while (first < last) {
                int mid = (first + last) >>> 1;
                long v = s * store.getLong(col, order[mid]);
                if (lower ? v < target : v <= target) {
                    first = mid + 1;
                } else {
                    last = mid;
                }
            }
            return lower ? first : first - 1;
        }
    }

    /** Fills {@code out} for the rows of the current partition. */
    static void compute(Window.Call call, Partition p, Result out) {
        int s = p.start;
        int e = p.end;
        int[] order = p.order;
        ColumnStore store = p.store;
        switch (call.kind) {
            case ROW_NUMBER:
                for (int i = s; i < e; i++) {
                    out.longs[i] = i - s + 1L;
                }
                return;
            case RANK:
                for (int i = s; i < e; i++) {
                    out.longs[i] = p.peerStart[i] - s + 1L;
                }
                return;
            case DENSE_RANK: {
                long rank = 0;
                for (int i = s; i < e; i++) {
                    if (p.peerStart[i] == i) {
                        rank++;
                    }
                    out.longs[i] = rank;
                }
                return;
            }
            case PERCENT_RANK:
                for (int i = s; i < e; i++) {
                    out.doubles[i] = e - s == 1 ? 0.0 : (double) (p.peerStart[i] - s) / (e - s - 1);
                }
                return;
            case CUME_DIST:
                for (int i = s; i < e; i++) {
                    out.doubles[i] = (double) (p.peerEnd[i] - s) / (e - s);
                }
                return;
            case NTILE:
                ntile(call.number, s, e, out);
                return;
            case LAG:
            case LEAD:
                for (int i = s; i < e; i++) {
                    long j = call.kind == Kind.LAG ? i - call.number : i + call.number;
                    if (j >= s && j < e) {
                        out.copy(store, call.args[0], order[(int) j], i);
                    } else if (call.defaultColumn >= 0) {
                        out.copy(store, call.defaultColumn, order[i], i);
                    } else {
                        out.set(i, call.defaultValue);
                    }
                }
                return;
            case FIRST_VALUE:
            case LAST_VALUE:
            case NTH_VALUE:
                p.frames();
                for (int i = s; i < e; i++) {
                    long j = call.kind == Kind.FIRST_VALUE
                            ? p.lo[i]
                            : call.kind == Kind.LAST_VALUE ? p.hi[i] : p.lo[i] + call.number - 1;
                    if (p.lo[i] <= p.hi[i] && j <= p.hi[i]) {
                        out.copy(store, call.args[0], order[(int) j], i);
                    } else {
                        out.nulls[i] = true;
                    }
                }
                return;
            case COUNT:
            case SUM:
            case SUM0:
            case AVG:
                p.frames();
                sums(call, p, out);
                return;
            case MIN:
            case MAX:
                p.frames();
                extremes(call, p, out);
                return;
            default:
                throw new AssertionError(call.kind);
        }
    }

    /** Buckets 1..n of sizes differing by at most one, the larger ones first. */
    private static void ntile(long buckets, int s, int e, Result out) {
        long rows = e - s;
        long size = rows / buckets;
        long big = rows % buckets;
        for (int i = s; i < e; i++) {
            long k = i - s;
            out.longs[i] = k < big * (size + 1) ? k / (size + 1) + 1 : big + (k - big * (size + 1)) / size + 1;
        }
    }

    private static void sums(Window.Call call, Partition p, Result out) {
        int s = p.start;
        int e = p.end;
        int len = e - s;
        ColumnStore store = p.store;
        int col = call.args.length == 0 ? -1 : call.args[0];
        long[] count = new long[len + 1];
        boolean isDouble = col >= 0 && store.type(col).layout() == ColumnType.Layout.DOUBLE;
        long[] lsum = col >= 0 && !isDouble ? new long[len + 1] : null;
        // the long prefix sums may wrap around; differences of them are still exact when the frame's true sum
        // fits, and this approximate twin tells whether it does
        double[] dsum = col >= 0 ? new double[len + 1] : null;
        for (int k = 0; k < len; k++) {
            int row = p.order[s + k];
            boolean valued = col < 0 || !store.isNull(col, row);
            count[k + 1] = count[k] + (valued ? 1 : 0);
            if (col >= 0) {
                if (isDouble) {
                    dsum[k + 1] = dsum[k] + (valued ? store.getDouble(col, row) : 0.0);
                } else {
                    long v = valued ? store.getLong(col, row) : 0L;
                    lsum[k + 1] = lsum[k] + v;
                    dsum[k + 1] = dsum[k] + v;
                }
            }
        }
        int argScale = col >= 0 && store.type(col).kind() == ColumnType.Kind.DECIMAL
                ? store.type(col).scale()
                : 0;
        ColumnType rt = out.type;
        int resultScale = rt.kind() == ColumnType.Kind.DECIMAL ? rt.scale() : 0;
        for (int i = s; i < e; i++) {
            int lo = p.lo[i] - s;
            int hi = p.hi[i] - s;
            long n = lo <= hi ? count[hi + 1] - count[lo] : 0;
            if (call.kind == Kind.COUNT) {
                out.longs[i] = n;
                continue;
            }
            if (n == 0) {
                if (call.kind == Kind.SUM0) {
                    out.set(i, 0L);
                } else {
                    out.nulls[i] = true;
                }
                continue;
            }
            if (isDouble) {
                double sum = dsum[hi + 1] - dsum[lo];
                out.doubles[i] = call.kind == Kind.AVG ? sum / n : sum;
                continue;
            }
            if (Math.abs(dsum[hi + 1] - dsum[lo]) > LONG_RANGE) {
                throw new SqlException(call.kind + " over a window overflowed the range of its type " + rt);
            }
            long sum = lsum[hi + 1] - lsum[lo];
            if (call.kind == Kind.AVG) {
                if (rt.layout() == ColumnType.Layout.DOUBLE) {
                    out.doubles[i] = BigDecimal.valueOf(sum, argScale).doubleValue() / n;
                } else {
                    out.longs[i] = BigDecimal.valueOf(sum, argScale)
                            .divide(BigDecimal.valueOf(n), resultScale, RoundingMode.HALF_UP)
                            .unscaledValue()
                            .longValueExact();
                }
            } else if (rt.layout() == ColumnType.Layout.DOUBLE) {
                out.doubles[i] = BigDecimal.valueOf(sum, argScale).doubleValue();
            } else {
                out.longs[i] = resultScale == argScale
                        ? sum
                        : BigDecimal.valueOf(sum, argScale)
                                .setScale(resultScale, RoundingMode.HALF_UP)
                                .unscaledValue()
                                .longValueExact();
            }
        }
    }

    /** MIN/MAX over frames whose ends never move backwards: a deque of candidates, linear overall. */
    private static void extremes(Window.Call call, Partition p, Result out) {
        int s = p.start;
        int e = p.end;
        int col = call.args[0];
        ColumnStore store = p.store;
        int[] order = p.order;
        int sign = call.kind == Kind.MIN ? 1 : -1;
        boolean monotone = true;
        for (int i = s + 1; i < e && monotone; i++) {
            monotone = p.lo[i] >= p.lo[i - 1] && p.hi[i] >= p.hi[i - 1];
        }
        if (!monotone) {
            for (int i = s; i < e; i++) {
                int best = -1;
                for (int j = p.lo[i]; j <= p.hi[i]; j++) {
                    if (!store.isNull(col, order[j])
                            && (best < 0 || sign * SortKey.compareRows(store, col, order[j], order[best]) < 0)) {
                        best = j;
                    }
                }
                if (best < 0) {
                    out.nulls[i] = true;
                } else {
                    out.copy(store, col, order[best], i);
                }
            }
            return;
        }
        int[] deque = new int[e - s];
        int head = 0;
        int tail = 0;
        int next = s;
        for (int i = s; i < e; i++) {
            int lo = p.lo[i];
            int hi = p.hi[i];
            next = Math.max(next, lo);
            while (next <= hi) {
                if (!store.isNull(col, order[next])) {
                    while (tail > head
                            && sign * SortKey.compareRows(store, col, order[deque[tail - 1]], order[next]) >= 0) {
                        tail--;
                    }
                    deque[tail++] = next;
                }
                next++;
            }
            while (tail > head && deque[head] < lo) {
                head++;
            }
            if (lo > hi || tail == head) {
                out.nulls[i] = true;
            } else {
                out.copy(store, col, order[deque[head]], i);
            }
        }
    }
}
