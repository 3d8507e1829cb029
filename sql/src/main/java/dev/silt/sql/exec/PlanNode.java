package dev.silt.sql.exec;

import dev.silt.sql.spi.ColumnType;
import java.util.List;

/**
 * A node of the physical plan. A node is either <em>parallel</em> (one operator instance per worker, each over its
 * share of the data) or <em>single</em> (one instance on the leader); a {@link Gather} turns parallel into single.
 * Nodes are built by the planner on the leader and are immutable apart from state that {@link #prepare} creates
 * once per execution (such as a broadcast hash table), which workers then only read.
 */
public abstract class PlanNode {
    private final List<ColumnType> types;
    private final boolean parallel;
    private volatile OperatorStats stats;

    protected PlanNode(List<ColumnType> types, boolean parallel) {
        this.types = List.copyOf(types);
        this.parallel = parallel;
    }

    public final List<ColumnType> types() {
        return types;
    }

    public final boolean parallel() {
        return parallel;
    }

    public abstract List<PlanNode> children();

    /**
     * Runs on the leader before any {@link #open}: builds shared state (broadcast build sides, split lists).
     * Default: prepares the children.
     */
    public void prepare(QueryContext query) {
        for (PlanNode c : children()) {
            c.prepare(query);
        }
    }

    /** Creates this node's operator for one task; the caller closes it. Parents call {@link #start} instead. */
    public abstract Operator open(TaskContext task);

    /** This node's operator for one task, counted when the plan collects statistics; the caller closes it. */
    public final Operator start(TaskContext task) {
        OperatorStats s = stats;
        return s == null ? open(task) : s.measure(open(task), types);
    }

    /** Makes every node of this subtree count what it does ({@code EXPLAIN ANALYZE}); call before running it. */
    public final void collectStats() {
        stats = new OperatorStats();
        for (PlanNode c : children()) {
            c.collectStats();
        }
    }

    /** What this node did, or null when statistics were not collected. */
    public final OperatorStats stats() {
        return stats;
    }

    /** Records leader-side preparation time (such as building a broadcast hash table). */
    protected final void recordBuild(long nanos) {
        OperatorStats s = stats;
        if (s != null) {
            s.addBuild(nanos);
        }
    }

    /** One line for EXPLAIN (without the parallelism, which the printer adds). */
    public abstract String describe();

    /** EXPLAIN text of this subtree, run by {@code workers} workers. */
    public final String explain(int workers) {
        StringBuilder sb = new StringBuilder();
        explain(sb, 0, workers);
        return sb.toString();
    }

    private void explain(StringBuilder sb, int depth, int workers) {
        sb.append("  ".repeat(depth)).append(describe());
        if (!(this instanceof Gather)) {
            sb.append(parallel ? "  [parallel ×" + workers + "]" : "  [single, leader]");
        }
        OperatorStats s = stats;
        if (s != null) {
            long self = s.nanos() + s.buildNanos();
            for (PlanNode c : children()) {
                // an exchange's inputs run on other threads: their time is not inside the exchange's calls
                if (c.stats != null && !(this instanceof Gather)) {
                    self -= c.stats.nanos();
                }
            }
            sb.append("  (").append(s.format(self)).append(')');
        }
        sb.append('\n');
        for (PlanNode c : children()) {
            c.explain(sb, depth + 1, workers);
        }
    }
}
