package dev.silt.sql.plan;

import dev.silt.sql.SqlException;
import dev.silt.sql.exec.Gather;
import dev.silt.sql.exec.PlanNode;
import dev.silt.sql.exec.Repartition;
import dev.silt.sql.exec.SortKey;
import dev.silt.sql.exec.Window;
import dev.silt.sql.exec.expr.ExprCompiler;
import dev.silt.sql.spi.ColumnType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.core.Window.Group;
import org.apache.calcite.rel.core.Window.RexWinAggCall;
import org.apache.calcite.rel.logical.LogicalWindow;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexWindowBound;
import org.apache.calcite.rex.RexWindowExclusion;
import org.apache.calcite.sql.type.SqlTypeFamily;

/**
 * Translates a {@link LogicalWindow} into one {@link Window} node per window specification, chained, so the
 * output columns are the input's followed by each specification's functions, as Calcite numbers them.
 */
final class WindowPlanner {
    private final LogicalWindow window;
    private final int inputWidth;
    private final boolean repartition;

    private WindowPlanner(LogicalWindow window, boolean repartition) {
        this.window = window;
        this.inputWidth = window.getInput().getRowType().getFieldCount();
        this.repartition = repartition;
    }

    /**
     * The physical plan of {@code window} over its already planned input; partitioned windows over at least
     * {@code repartitionRows} expected rows run on every worker over the partitions hashed to it.
     */
    static PlanNode plan(LogicalWindow window, PlanNode input, double repartitionRows) {
        boolean big = window.getCluster().getMetadataQuery().getRowCount(window) >= repartitionRows;
        return new WindowPlanner(window, big).chain(input);
    }

    private PlanNode chain(PlanNode input) {
        List<ColumnType> all = PhysicalPlanner.types(window.getRowType());
        PlanNode node = input;
        int width = inputWidth;
        int[] partitionedBy = null;
        for (Group g : window.groups) {
            // rows of a partition must meet in one operator: a worker that owns their key, or else the leader
            int[] keys = g.keys.toArray();
            if (node.parallel() && !(repartition && keys.length > 0)) {
                node = new Gather(node);
            } else if (node.parallel() && !java.util.Arrays.equals(keys, partitionedBy)) {
                node = new Repartition(node, keys);
                partitionedBy = keys;
            }
            if (g.exclude != RexWindowExclusion.EXCLUDE_NO_OTHER) {
                throw new SqlException("window frames with EXCLUDE are not supported yet");
            }
            List<SortKey> order = new ArrayList<>();
            for (RelFieldCollation fc : g.orderKeys.getFieldCollations()) {
                order.add(new SortKey(
                        fc.getFieldIndex(),
                        fc.getDirection().isDescending(),
                        fc.nullDirection == RelFieldCollation.NullDirection.FIRST));
            }
            ColumnType orderType =
                    order.size() == 1 ? node.types().get(order.get(0).column()) : null;
            Window.Frame frame = new Window.Frame(
                    g.isRows, bound(g.lowerBound, g.isRows, orderType), bound(g.upperBound, g.isRows, orderType));
            List<Window.Call> calls = new ArrayList<>();
            for (RexWinAggCall c : g.aggCalls) {
                calls.add(call(c, all.get(width + calls.size())));
            }
            width += calls.size();
            try {
                node = new Window(node, g.keys.toArray(), order, frame, calls, all.subList(0, width));
            } catch (IllegalArgumentException e) {
                throw new SqlException(e.getMessage(), e);
            }
        }
        return node;
    }

    private Window.Bound bound(RexWindowBound b, boolean rows, ColumnType orderType) {
        if (b.isUnboundedPreceding()) {
            return new Window.Bound(Window.Bound.Kind.UNBOUNDED_PRECEDING, 0, 0);
        }
        if (b.isUnboundedFollowing()) {
            return new Window.Bound(Window.Bound.Kind.UNBOUNDED_FOLLOWING, 0, 0);
        }
        if (b.isCurrentRow()) {
            return new Window.Bound(Window.Bound.Kind.CURRENT_ROW, 0, 0);
        }
        Window.Bound.Kind kind = b.isPreceding() ? Window.Bound.Kind.PRECEDING : Window.Bound.Kind.FOLLOWING;
        RexLiteral lit = constant(b.getOffset());
        if (lit == null) {
            throw new SqlException("a window frame offset must be a constant");
        }
        BigDecimal v = lit.getValueAs(BigDecimal.class);
        if (v == null || v.signum() < 0) {
            throw new SqlException("a window frame offset must not be NULL or negative: " + lit);
        }
        if (rows) {
            return new Window.Bound(kind, v.longValueExact(), 0);
        }
        if (orderType == null) {
            throw new SqlException("a RANGE frame with an offset needs exactly one ORDER BY key in its window");
        }
        boolean interval = lit.getType().getSqlTypeName().getFamily() == SqlTypeFamily.INTERVAL_DAY_TIME;
        switch (orderType.kind()) {
            case DOUBLE:
            case REAL:
                return new Window.Bound(kind, 0, v.doubleValue());
            case DECIMAL:
                return new Window.Bound(
                        kind, v.movePointRight(orderType.scale()).longValue(), 0);
            case DATE:
                // a day-time interval literal holds milliseconds; dates are days
                return new Window.Bound(kind, interval ? v.longValue() / 86_400_000L : v.longValueExact(), 0);
            case TIMESTAMP:
                if (!interval) {
                    throw new SqlException("a RANGE offset over a TIMESTAMP must be a day-time INTERVAL");
                }
                return new Window.Bound(kind, v.longValue(), 0);
            case TINYINT:
            case SMALLINT:
            case INTEGER:
            case BIGINT:
                return new Window.Bound(kind, v.longValueExact(), 0);
            default:
                throw new SqlException("a RANGE frame with an offset cannot order by " + orderType);
        }
    }

    /** The literal a window operand stands for, or null when it is a column. */
    private RexLiteral constant(RexNode n) {
        if (n instanceof RexLiteral) {
            return (RexLiteral) n;
        }
        if (n instanceof RexInputRef && ((RexInputRef) n).getIndex() >= inputWidth) {
            return window.constants.get(((RexInputRef) n).getIndex() - inputWidth);
        }
        return null;
    }

    private int column(RexNode n, String function) {
        if (n instanceof RexInputRef && ((RexInputRef) n).getIndex() < inputWidth) {
            return ((RexInputRef) n).getIndex();
        }
        throw new SqlException(function + " over a window needs a column or expression argument, not a constant");
    }

    private long number(RexNode n, String function, long min) {
        RexLiteral lit = constant(n);
        BigDecimal v = lit == null ? null : lit.getValueAs(BigDecimal.class);
        if (v == null) {
            throw new SqlException(function + "'s second argument must be a constant number");
        }
        if (v.compareTo(BigDecimal.valueOf(min)) < 0) {
            throw new SqlException(function + "'s argument must be at least " + min + ", not " + v);
        }
        return v.longValue();
    }

    private Window.Call call(RexWinAggCall c, ColumnType type) {
        String name = c.getOperator().getName().toUpperCase(java.util.Locale.ROOT);
        if (c.distinct) {
            throw new SqlException("DISTINCT in window function " + name + " is not supported yet");
        }
        if (c.ignoreNulls) {
            throw new SqlException("IGNORE NULLS in window function " + name + " is not supported yet");
        }
        List<RexNode> ops = c.getOperands();
        switch (c.getKind()) {
            case ROW_NUMBER:
            case RANK:
            case DENSE_RANK:
            case PERCENT_RANK:
            case CUME_DIST:
                return new Window.Call(c.getKind().name(), new int[0], 0, null, -1, type);
            case NTILE: {
                RexLiteral lit = constant(ops.get(0));
                BigDecimal v = lit == null ? null : lit.getValueAs(BigDecimal.class);
                if (v == null || v.signum() <= 0) {
                    throw new SqlException("NTILE's argument must be a positive constant, not " + ops.get(0));
                }
                return new Window.Call("NTILE", new int[0], v.longValueExact(), null, -1, type);
            }
            case LAG:
            case LEAD: {
                int arg = column(ops.get(0), name);
                long offset = ops.size() > 1 ? number(ops.get(1), name, 0) : 1;
                Object dflt = null;
                int dfltColumn = -1;
                if (ops.size() > 2) {
                    RexLiteral lit = constant(ops.get(2));
                    if (lit == null) {
                        dfltColumn = column(ops.get(2), name);
                    } else {
                        dflt = ExprCompiler.literalValue(lit, type);
                    }
                }
                return new Window.Call(name, new int[] {arg}, offset, dflt, dfltColumn, type);
            }
            case NTH_VALUE:
                return new Window.Call(
                        "NTH_VALUE", new int[] {column(ops.get(0), name)}, number(ops.get(1), name, 1), null, -1, type);
            case FIRST_VALUE:
            case LAST_VALUE:
            case MIN:
            case MAX:
            case SUM:
            case SUM0:
            case AVG:
                return new Window.Call(c.getKind().name(), new int[] {column(ops.get(0), name)}, 0, null, -1, type);
            case COUNT:
                return new Window.Call(
                        "COUNT", ops.isEmpty() ? new int[0] : new int[] {column(ops.get(0), name)}, 0, null, -1, type);
            default:
                throw new SqlException("window function " + name + " is not supported yet");
        }
    }
}
