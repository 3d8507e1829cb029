package dev.silt.sql.exec;

import dev.silt.sql.spi.ColumnType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/**
 * Window functions of one window specification ({@code PARTITION BY … ORDER BY … frame}): buffers its input,
 * sorts row numbers by partition and order keys, walks each partition once to find peers and frame bounds, and
 * computes every function of the specification over whole columns of the partition (prefix sums for
 * SUM/COUNT/AVG, a monotonic deque for MIN/MAX, offsets for ranks, LAG/LEAD and FIRST/LAST/NTH_VALUE). Output:
 * the input columns, then one column per function, in partition order.
 *
 * <p>Parallel when its input is: a worker then sees whole partitions only (the planner repartitions the input by
 * the partition keys first); without partition keys the planner gathers the input to the leader.
 */
public final class Window extends PlanNode {
    /** One end of a frame: where it lies relative to the current row, and how far (rows, or order-key units). */
    public static final class Bound {
        /** Where the bound lies. */
        public enum Kind {
            UNBOUNDED_PRECEDING,
            PRECEDING,
            CURRENT_ROW,
            FOLLOWING,
            UNBOUNDED_FOLLOWING
        }

        final Kind kind;
        final long offset;
        final double doubleOffset;

        /** A bound; {@code offset}/{@code doubleOffset} are in rows (ROWS) or order-key units (RANGE). */
        public Bound(Kind kind, long offset, double doubleOffset) {
            if (offset < 0 || doubleOffset < 0) {
                throw new IllegalArgumentException("a window frame offset must not be negative");
            }
            this.kind = kind;
            this.offset = offset;
            this.doubleOffset = doubleOffset;
        }

        @Override
        public String toString() {
            switch (kind) {
                case PRECEDING:
                case FOLLOWING:
                    return (offset != 0 || doubleOffset == 0 ? Long.toString(offset) : Double.toString(doubleOffset))
                            + " " + kind.name();
                default:
                    return kind.name().replace('_', ' ');
            }
        }
    }

    /** The frame of a window specification. */
    public static final class Frame {
        final boolean rows;
        final Bound lower;
        final Bound upper;

        public Frame(boolean rows, Bound lower, Bound upper) {
            this.rows = rows;
            this.lower = lower;
            this.upper = upper;
        }

        @Override
        public String toString() {
            return (rows ? "ROWS" : "RANGE") + " BETWEEN " + lower + " AND " + upper;
        }
    }

    /**
     * One window function: its name (ROW_NUMBER, RANK, DENSE_RANK, PERCENT_RANK, CUME_DIST, NTILE, LAG, LEAD,
     * FIRST_VALUE, LAST_VALUE, NTH_VALUE, COUNT, SUM, SUM0, AVG, MIN, MAX), its argument columns, constant
     * arguments (NTILE's buckets, LAG's offset and default, NTH_VALUE's n) and result type.
     */
    public static final class Call {
        final WindowFunction.Kind kind;
        final int[] args;
        final long number;
        final Object defaultValue;
        final int defaultColumn;
        final ColumnType type;

        /**
         * @param number NTILE's bucket count, LAG/LEAD's offset or NTH_VALUE's n (else ignored)
         * @param defaultColumn LAG/LEAD's default as a column, or -1 to use {@code defaultValue}
         */
        public Call(String function, int[] args, long number, Object defaultValue, int defaultColumn, ColumnType type) {
            this.kind = WindowFunction.Kind.valueOf(function);
            this.args = args.clone();
            this.number = number;
            this.defaultValue = defaultValue;
            this.defaultColumn = defaultColumn;
            this.type = type;
        }

        @Override
        public String toString() {
            List<String> a = new ArrayList<>();
            for (int c : args) {
                a.add("#" + c);
            }
            if (kind == WindowFunction.Kind.NTILE
                    || kind == WindowFunction.Kind.LAG
                    || kind == WindowFunction.Kind.LEAD
                    || kind == WindowFunction.Kind.NTH_VALUE) {
                a.add(Long.toString(number));
            }
            if (defaultColumn >= 0) {
                a.add("#" + defaultColumn);
            } else if (defaultValue != null) {
                a.add(String.valueOf(defaultValue));
            }
            return kind + "(" + String.join(", ", a) + ")";
        }
    }

    private final PlanNode input;
    private final int[] partitionKeys;
    private final List<SortKey> orderKeys;
    private final Frame frame;
    private final List<Call> calls;

    public Window(
            PlanNode input,
            int[] partitionKeys,
            List<SortKey> orderKeys,
            Frame frame,
            List<Call> calls,
            List<ColumnType> types) {
        super(types, input.parallel());
        this.input = input;
        this.partitionKeys = partitionKeys.clone();
        this.orderKeys = List.copyOf(orderKeys);
        this.frame = frame;
        this.calls = List.copyOf(calls);
        if (!frame.rows && orderKeys.size() != 1 && (hasOffset(frame.lower) || hasOffset(frame.upper))) {
            throw new IllegalArgumentException(
                    "a RANGE frame with an offset needs exactly one ORDER BY key in its window");
        }
    }

    private static boolean hasOffset(Bound b) {
        return b.kind == Bound.Kind.PRECEDING || b.kind == Bound.Kind.FOLLOWING;
    }

    @Override
    public List<PlanNode> children() {
        return List.of(input);
    }

    @Override
    public String describe() {
        return "Window(partition=" + Arrays.toString(partitionKeys) + ", order=" + orderKeys + ", " + frame + ", "
                + calls.stream().map(Call::toString).collect(Collectors.joining(", ")) + ")";
    }

    @Override
    public Operator open(TaskContext task) {
        Operator source = input.start(task);
        int inputWidth = input.types().size();
        return new Operator() {
            private ColumnStore store;
            private int[] order;
            private WindowFunction.Result[] results;
            private int pos;
            private long reserved;

            @Override
            public VectorizedRowBatch next() {
                if (store == null) {
                    consume();
                }
                if (pos >= order.length) {
                    return null;
                }
                int n = Math.min(Vectors.BATCH, order.length - pos);
                int[] rows = Arrays.copyOfRange(order, pos, pos + n);
                VectorizedRowBatch out = Vectors.allocate(types(), Vectors.BATCH);
                for (int c = 0; c < inputWidth; c++) {
                    store.gather(c, rows, n, out.cols[c]);
                }
                for (int k = 0; k < results.length; k++) {
                    results[k].write(pos, n, out.cols[inputWidth + k]);
                }
                out.size = n;
                pos += n;
                return out;
            }

            private void consume() {
                store = new ColumnStore(input.types());
                int[] all = new int[inputWidth];
                for (int c = 0; c < all.length; c++) {
                    all[c] = c;
                }
                VectorizedRowBatch b;
                while ((b = source.next()) != null) {
                    task.query().checkCancelled();
                    if (b.size == 0) {
                        continue;
                    }
                    store.append(b, all);
                    reserve(store.estimatedBytes());
                }
                List<SortKey> keys = new ArrayList<>();
                for (int k : partitionKeys) {
                    keys.add(new SortKey(k, false, true));
                }
                keys.addAll(orderKeys);
                order = keys.isEmpty() ? identity(store.size()) : SortKey.sortedRows(store, keys);
                int n = order.length;
                results = new WindowFunction.Result[calls.size()];
                for (int k = 0; k < results.length; k++) {
                    results[k] = new WindowFunction.Result(calls.get(k).type, n);
                }
                reserve(store.estimatedBytes() + (long) n * (4 + 4 * 4 + 9L * results.length));
                WindowFunction.Partition p = new WindowFunction.Partition(store, order, orderKeys, frame);
                int start = 0;
                while (start < n) {
                    task.query().checkCancelled();
                    int end = start + 1;
                    while (end < n && samePartition(order[start], order[end])) {
                        end++;
                    }
                    p.set(start, end);
                    for (int k = 0; k < results.length; k++) {
                        WindowFunction.compute(calls.get(k), p, results[k]);
                    }
                    start = end;
                }
            }

            private boolean samePartition(int a, int b) {
                for (int k : partitionKeys) {
                    if (SortKey.compareRows(store, k, a, b) != 0) {
                        return false;
                    }
                }
                return true;
            }

            private void reserve(long now) {
                if (now - reserved > (1 << 20)) {
                    task.query().reserve(now - reserved);
                    reserved = now;
                }
            }

            @Override
            public void close() {
                source.close();
                if (reserved > 0) {
                    task.query().reserve(-reserved);
                    reserved = 0;
                }
            }
        };
    }

    private static int[] identity(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }
}
