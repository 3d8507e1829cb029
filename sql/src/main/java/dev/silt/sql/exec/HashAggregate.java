package dev.silt.sql.exec;

import dev.silt.sql.spi.ColumnType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/**
 * Hash aggregation. Output: the group keys, then one column per aggregate. As a <em>partial</em> step it runs on
 * every worker over that worker's rows (the map-side combiner); a {@link Gather} brings the partial groups to the
 * leader, where the <em>final</em> step merges them (COUNT partials are summed, SUM/MIN/MAX re-applied) and
 * finalizes — Sink → Combine → Finalize, the shape of mapper → combiner → reducer. A <em>single</em> step does it
 * all in one place. A global aggregate (no keys) returns one row even for empty input.
 */
public final class HashAggregate extends PlanNode {
    /** Where in the two-phase scheme this node sits. */
    public enum Step {
        PARTIAL,
        FINAL,
        SINGLE
    }

    /** One aggregate: function, argument column (-1 for COUNT(*)), FILTER column (-1 for none), result type. */
    public static final class Call {
        final Accumulator.Function function;
        final int arg;
        final int filter;
        final ColumnType type;
        final Object literal;

        public Call(String function, int arg, int filter, ColumnType type, Object literal) {
            this.function = Accumulator.Function.valueOf(function);
            this.arg = arg;
            this.filter = filter;
            this.type = type;
            this.literal = literal;
        }

        public Object literal() {
            return literal;
        }

        @Override
        public String toString() {
            return function + "(" + (function == Accumulator.Function.LITERAL ? literal : arg < 0 ? "*" : "#" + arg)
                    + ")" + (filter < 0 ? "" : " FILTER #" + filter);
        }
    }

    private final PlanNode input;
    private final int[] keys;
    private final List<Call> calls;
    private final Step step;

    public HashAggregate(PlanNode input, int[] keys, List<Call> calls, Step step, List<ColumnType> types) {
        super(types, input.parallel());
        this.input = input;
        this.keys = keys.clone();
        this.calls = List.copyOf(calls);
        this.step = step;
    }

    @Override
    public List<PlanNode> children() {
        return List.of(input);
    }

    @Override
    public String describe() {
        return "HashAggregate(" + step.name().toLowerCase(java.util.Locale.ROOT) + ", keys=" + Arrays.toString(keys)
                + ", aggs=" + calls.stream().map(Call::toString).collect(Collectors.joining(", ")) + ")";
    }

    @Override
    public Operator open(TaskContext task) {
        return new Run(task, input.start(task));
    }

    private final class Run implements Operator {
        private final TaskContext task;
        private final Operator source;
        private GroupTable table;
        private final List<Accumulator> accs = new ArrayList<>();
        private VectorizedRowBatch out;
        private int emitted = -1;
        private long reserved;

        Run(TaskContext task, Operator source) {
            this.task = task;
            this.source = source;
        }

        private void consume() {
            List<ColumnType> keyTypes = new ArrayList<>();
            for (int k = 0; k < keys.length; k++) {
                keyTypes.add(types().get(k));
            }
            table = new GroupTable(keyTypes, keys);
            for (Call c : calls) {
                accs.add(Accumulator.create(c.function, c.arg, c.filter, c.type, c.literal));
            }
            int[] groupIds = new int[Vectors.BATCH];
            int[] fRows = new int[Vectors.BATCH];
            int[] fGroups = new int[Vectors.BATCH];
            VectorizedRowBatch b;
            while ((b = source.next()) != null) {
                task.query().checkCancelled();
                if (b.size == 0) {
                    continue;
                }
                table.groupIds(b, groupIds);
                int groups = table.size();
                int[] rows = Vectors.rows(b);
                for (Accumulator a : accs) {
                    a.ensure(groups);
                    if (a.filter >= 0) {
                        int k = a.filtered(b, rows, b.size, groupIds, fRows, fGroups);
                        a.add(b, fRows, k, fGroups);
                    } else {
                        a.add(b, rows, b.size, groupIds);
                    }
                }
                long now = table.estimatedBytes() + (long) groups * 16 * accs.size();
                if (now - reserved > (1 << 20)) {
                    task.query().reserve(now - reserved);
                    reserved = now;
                }
            }
            table.ensureSingleGroup();
            for (Accumulator a : accs) {
                a.ensure(table.size());
            }
            out = Vectors.allocate(types(), Vectors.BATCH);
            emitted = 0;
        }

        @Override
        public VectorizedRowBatch next() {
            if (emitted < 0) {
                consume();
            }
            int total = table.size();
            if (emitted >= total) {
                return null;
            }
            int n = Math.min(Vectors.BATCH, total - emitted);
            int[] rows = new int[n];
            for (int j = 0; j < n; j++) {
                rows[j] = emitted + j;
            }
            for (int k = 0; k < keys.length; k++) {
                Vectors.reset(out.cols[k]);
                table.keys().gather(k, rows, n, out.cols[k]);
            }
            for (int a = 0; a < accs.size(); a++) {
                Vectors.reset(out.cols[keys.length + a]);
                accs.get(a).write(emitted, n, out.cols[keys.length + a]);
            }
            out.size = n;
            out.selectedInUse = false;
            emitted += n;
            return out;
        }

        @Override
        public void close() {
            source.close();
            if (reserved > 0) {
                task.query().reserve(-reserved);
                reserved = 0;
            }
        }
    }
}
