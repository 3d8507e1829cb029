package dev.silt.sql.plan;

import dev.silt.sql.SqlException;
import dev.silt.sql.SqlKeys;
import dev.silt.sql.exec.Filter;
import dev.silt.sql.exec.Gather;
import dev.silt.sql.exec.HashAggregate;
import dev.silt.sql.exec.HashJoin;
import dev.silt.sql.exec.Limit;
import dev.silt.sql.exec.PlanNode;
import dev.silt.sql.exec.Project;
import dev.silt.sql.exec.Repartition;
import dev.silt.sql.exec.Sort;
import dev.silt.sql.exec.SortKey;
import dev.silt.sql.exec.TableScan;
import dev.silt.sql.exec.TopN;
import dev.silt.sql.exec.Union;
import dev.silt.sql.exec.Values;
import dev.silt.sql.exec.expr.ExprCompiler;
import dev.silt.sql.spi.ColumnPredicate;
import dev.silt.sql.spi.ColumnType;
import dev.silt.sql.spi.ConnectorTable;
import dev.silt.sql.spi.ScanSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalSort;
import org.apache.calcite.rel.logical.LogicalTableScan;
import org.apache.calcite.rel.logical.LogicalUnion;
import org.apache.calcite.rel.logical.LogicalValues;
import org.apache.calcite.rel.logical.LogicalWindow;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;

/**
 * Turns an optimized logical plan into silt's physical plan: chooses build sides from statistics, splits
 * aggregations into partial (per worker) and final (leader) steps, places gathers where parallel streams meet a
 * single consumer, and pushes projection, predicates and limits into scans the connector allows.
 */
public final class PhysicalPlanner {
    private final RexBuilder rexBuilder;
    private final double repartitionRows;
    private final double partitionedJoinRows;

    public PhysicalPlanner(RexBuilder rexBuilder) {
        this(rexBuilder, SqlKeys.REPARTITION_MIN_ROWS.defaultLong(), SqlKeys.JOIN_PARTITIONED_MIN_ROWS.defaultLong());
    }

    /**
     * A planner that repartitions aggregations (and window partitions) by key among the workers when the
     * optimizer expects at least {@code repartitionRows} groups, rather than finalizing them all on the leader, and
     * partitions hash joins by key when it expects at least {@code partitionedJoinRows} build rows.
     */
    public PhysicalPlanner(RexBuilder rexBuilder, long repartitionRows, long partitionedJoinRows) {
        this.rexBuilder = rexBuilder;
        this.repartitionRows = repartitionRows;
        this.partitionedJoinRows = partitionedJoinRows;
    }

    /** The plan for a query's root, gathered to the leader, with the root's output columns. */
    public PlanNode plan(RelRoot root) {
        PlanNode p = single(visit(root.rel));
        if (!root.isRefTrivial()) {
            List<RexNode> refs = new ArrayList<>();
            List<ColumnType> types = new ArrayList<>();
            for (var f : root.fields) {
                refs.add(RexInputRef.of(f.getKey(), root.rel.getRowType()));
                types.add(p.types().get(f.getKey()));
            }
            p = new Project(p, refs, rexBuilder, types);
        }
        return p;
    }

    private static PlanNode single(PlanNode p) {
        return p.parallel() ? new Gather(p) : p;
    }

    static List<ColumnType> types(RelDataType rowType) {
        List<ColumnType> r = new ArrayList<>();
        for (RelDataTypeField f : rowType.getFieldList()) {
            r.add(Types.of(f.getType()));
        }
        return r;
    }

    private PlanNode visit(RelNode rel) {
        if (rel instanceof LogicalTableScan) {
            return scan((LogicalTableScan) rel, null, null, OptionalLong.empty());
        }
        if (rel instanceof LogicalProject) {
            LogicalProject p = (LogicalProject) rel;
            if (p.getInput() instanceof LogicalTableScan && allRefs(p.getProjects())) {
                return scan((LogicalTableScan) p.getInput(), refs(p.getProjects()), null, OptionalLong.empty());
            }
            RelNode in = p.getInput();
            if (in instanceof LogicalTableScan
                    || (in instanceof LogicalFilter && ((LogicalFilter) in).getInput() instanceof LogicalTableScan)) {
                RexNode cond = in instanceof LogicalFilter ? ((LogicalFilter) in).getCondition() : null;
                LogicalTableScan s = (LogicalTableScan) (cond == null ? in : ((LogicalFilter) in).getInput());
                return prunedScan(s, cond, p.getProjects(), types(p.getRowType()));
            }
            return new Project(visit(p.getInput()), p.getProjects(), rexBuilder, types(p.getRowType()));
        }
        if (rel instanceof LogicalFilter) {
            LogicalFilter f = (LogicalFilter) rel;
            PlanNode input;
            RelNode in = f.getInput();
            if (in instanceof LogicalTableScan) {
                input = scan((LogicalTableScan) in, null, f.getCondition(), OptionalLong.empty());
            } else if (in instanceof LogicalProject
                    && ((LogicalProject) in).getInput() instanceof LogicalTableScan
                    && allRefs(((LogicalProject) in).getProjects())) {
                LogicalProject p = (LogicalProject) in;
                input = scan(
                        (LogicalTableScan) p.getInput(), refs(p.getProjects()), f.getCondition(), OptionalLong.empty());
            } else {
                input = visit(in);
            }
            return new Filter(input, f.getCondition(), rexBuilder);
        }
        if (rel instanceof LogicalAggregate) {
            return aggregate((LogicalAggregate) rel);
        }
        if (rel instanceof LogicalJoin) {
            return join((LogicalJoin) rel);
        }
        if (rel instanceof LogicalSort) {
            return sort((LogicalSort) rel);
        }
        if (rel instanceof LogicalUnion) {
            LogicalUnion u = (LogicalUnion) rel;
            if (!u.all) {
                throw new SqlException("UNION DISTINCT should have been rewritten; please report the query");
            }
            List<PlanNode> inputs = new ArrayList<>();
            boolean allParallel = true;
            for (RelNode i : u.getInputs()) {
                PlanNode p = visit(i);
                inputs.add(p);
                allParallel &= p.parallel();
            }
            if (!allParallel) {
                inputs.replaceAll(PhysicalPlanner::single);
            }
            return new Union(inputs, types(u.getRowType()), allParallel);
        }
        if (rel instanceof LogicalWindow) {
            return WindowPlanner.plan((LogicalWindow) rel, visit(((LogicalWindow) rel).getInput()), repartitionRows);
        }
        if (rel instanceof LogicalValues) {
            LogicalValues v = (LogicalValues) rel;
            List<ColumnType> types = types(v.getRowType());
            List<List<Object>> rows = new ArrayList<>();
            for (var tuple : v.getTuples()) {
                List<Object> row = new ArrayList<>();
                for (int c = 0; c < tuple.size(); c++) {
                    row.add(ExprCompiler.literalValue(
                            tuple.get(c), Types.of(tuple.get(c).getType())));
                }
                rows.add(row);
            }
            return new Values(types, rows);
        }
        throw new SqlException("query shape not supported yet: " + rel.getRelTypeName()
                + (rel.getRelTypeName().contains("Correlate")
                        ? " (a correlated subquery that could not be decorrelated)"
                        : ""));
    }

    /** Scan → [Filter] → Project reading only the columns the filter and the projections use. */
    private PlanNode prunedScan(LogicalTableScan s, RexNode cond, List<RexNode> projects, List<ColumnType> outTypes) {
        org.apache.calcite.util.ImmutableBitSet used = RelOptUtil.InputFinder.bits(projects, cond);
        int[] cols = used.toArray();
        int[] remap = new int[s.getRowType().getFieldCount()];
        for (int k = 0; k < cols.length; k++) {
            remap[cols[k]] = k;
        }
        org.apache.calcite.rex.RexShuttle shuttle = new org.apache.calcite.rex.RexShuttle() {
            @Override
            public RexNode visitInputRef(RexInputRef ref) {
                return new RexInputRef(remap[ref.getIndex()], ref.getType());
            }
        };
        PlanNode node = scan(s, cols, cond == null ? null : cond.accept(shuttle), OptionalLong.empty());
        if (cond != null) {
            node = new Filter(node, cond.accept(shuttle), rexBuilder);
        }
        List<RexNode> mapped = new ArrayList<>();
        for (RexNode e : projects) {
            mapped.add(e.accept(shuttle));
        }
        return new Project(node, mapped, rexBuilder, outTypes);
    }

    private static boolean allRefs(List<RexNode> exprs) {
        for (RexNode e : exprs) {
            if (!(e instanceof RexInputRef)) {
                return false;
            }
        }
        return true;
    }

    private static int[] refs(List<RexNode> exprs) {
        int[] r = new int[exprs.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = ((RexInputRef) exprs.get(i)).getIndex();
        }
        return r;
    }

    private PlanNode scan(LogicalTableScan s, int[] columns, RexNode condition, OptionalLong limit) {
        CatalogAdapter.TableAdapter adapter = s.getTable().unwrap(CatalogAdapter.TableAdapter.class);
        if (adapter == null) {
            throw new SqlException("table " + s.getTable().getQualifiedName() + " cannot be scanned");
        }
        ConnectorTable table = adapter.table;
        List<ColumnType> all = types(s.getRowType());
        int[] cols = columns;
        if (cols == null) {
            cols = new int[all.size()];
            for (int i = 0; i < cols.length; i++) {
                cols[i] = i;
            }
        }
        List<ColumnType> outTypes = new ArrayList<>();
        for (int c : cols) {
            outTypes.add(all.get(c));
        }
        boolean projects = table instanceof ConnectorTable.ProjectionPushdown;
        int[] specCols = cols;
        int[] pick = null;
        if (!projects) {
            specCols = new int[all.size()];
            for (int i = 0; i < specCols.length; i++) {
                specCols[i] = i;
            }
            pick = cols;
        }
        List<ColumnPredicate> predicates = new ArrayList<>();
        if (condition != null && table instanceof ConnectorTable.PredicatePushdown) {
            for (RexNode c : RelOptUtil.conjunctions(condition)) {
                ColumnPredicate p = columnPredicate(c, cols, outTypes);
                if (p != null && ((ConnectorTable.PredicatePushdown) table).accepts(p)) {
                    predicates.add(p);
                }
            }
        }
        OptionalLong lim = table instanceof ConnectorTable.LimitPushdown ? limit : OptionalLong.empty();
        return new TableScan(adapter.qualifiedName(), table, new ScanSpec(specCols, predicates, lim), pick, outTypes);
    }

    private static ColumnPredicate columnPredicate(RexNode c, int[] cols, List<ColumnType> types) {
        if (!(c instanceof RexCall)) {
            return null;
        }
        RexCall call = (RexCall) c;
        ColumnPredicate.Op op;
        switch (call.getKind()) {
            case EQUALS:
                op = ColumnPredicate.Op.EQ;
                break;
            case NOT_EQUALS:
                op = ColumnPredicate.Op.NE;
                break;
            case LESS_THAN:
                op = ColumnPredicate.Op.LT;
                break;
            case LESS_THAN_OR_EQUAL:
                op = ColumnPredicate.Op.LE;
                break;
            case GREATER_THAN:
                op = ColumnPredicate.Op.GT;
                break;
            case GREATER_THAN_OR_EQUAL:
                op = ColumnPredicate.Op.GE;
                break;
            case IS_NULL:
            case IS_NOT_NULL: {
                RexNode o = call.getOperands().get(0);
                if (o instanceof RexInputRef) {
                    int i = ((RexInputRef) o).getIndex();
                    return new ColumnPredicate(
                            cols[i],
                            call.getKind() == SqlKind.IS_NULL
                                    ? ColumnPredicate.Op.IS_NULL
                                    : ColumnPredicate.Op.IS_NOT_NULL,
                            null);
                }
                return null;
            }
            default:
                return null;
        }
        RexNode a = call.getOperands().get(0);
        RexNode b = call.getOperands().get(1);
        if (a instanceof RexInputRef && b instanceof RexLiteral) {
            int i = ((RexInputRef) a).getIndex();
            if (!Types.of(b.getType()).equals(types.get(i))) {
                return null;
            }
            return new ColumnPredicate(cols[i], op, ExprCompiler.literalValue((RexLiteral) b, types.get(i)));
        }
        return null;
    }

    private PlanNode aggregate(LogicalAggregate agg) {
        if (agg.getGroupType() != Aggregate.Group.SIMPLE) {
            throw new SqlException("GROUPING SETS, ROLLUP and CUBE are not supported yet");
        }
        // read only the columns the aggregate uses (COUNT(*) over a scan reads none)
        int inputWidth = agg.getInput().getRowType().getFieldCount();
        int[] remap = new int[inputWidth];
        PlanNode input;
        if (agg.getInput() instanceof LogicalTableScan) {
            org.apache.calcite.util.ImmutableBitSet.Builder used =
                    agg.getGroupSet().rebuild();
            for (AggregateCall call : agg.getAggCallList()) {
                used.addAll(call.getArgList());
                if (call.filterArg >= 0) {
                    used.set(call.filterArg);
                }
            }
            int[] cols = used.build().toArray();
            for (int k = 0; k < cols.length; k++) {
                remap[cols[k]] = k;
            }
            input = scan((LogicalTableScan) agg.getInput(), cols, null, OptionalLong.empty());
        } else {
            for (int k = 0; k < inputWidth; k++) {
                remap[k] = k;
            }
            input = visit(agg.getInput());
        }
        int[] keys = agg.getGroupSet().toArray();
        for (int k = 0; k < keys.length; k++) {
            keys[k] = remap[keys[k]];
        }
        List<ColumnType> outTypes = types(agg.getRowType());
        List<HashAggregate.Call> calls = new ArrayList<>();
        boolean decomposable = true;
        for (int i = 0; i < agg.getAggCallList().size(); i++) {
            AggregateCall call = agg.getAggCallList().get(i);
            if (call.isDistinct()) {
                throw new SqlException("DISTINCT aggregate should have been rewritten; please report the query");
            }
            String fn = function(call);
            // sketches are not merged across workers: gather the rows, then one step
            decomposable &= !fn.equals("SINGLE_VALUE") && !fn.equals("ANY_VALUE") && !fn.startsWith("APPROX_");
            int arg = call.getArgList().isEmpty() ? -1 : remap[call.getArgList().get(0)];
            ColumnType t = outTypes.get(keys.length + i);
            Object literal = fn.equals("LITERAL")
                    ? ExprCompiler.literalValue((RexLiteral) call.rexList.get(0), t)
                    : fn.equals("APPROX_PERCENTILE") ? AggregateArguments.constant(agg, call, 1) : null;
            calls.add(new HashAggregate.Call(fn, arg, call.filterArg < 0 ? -1 : remap[call.filterArg], t, literal));
        }
        if (!input.parallel()) {
            return new HashAggregate(input, keys, calls, HashAggregate.Step.SINGLE, outTypes);
        }
        if (!decomposable) {
            return new HashAggregate(new Gather(input), keys, calls, HashAggregate.Step.SINGLE, outTypes);
        }
        PlanNode partial = new HashAggregate(input, keys, calls, HashAggregate.Step.PARTIAL, outTypes);
        int[] finalKeys = new int[keys.length];
        for (int k = 0; k < keys.length; k++) {
            finalKeys[k] = k;
        }
        List<HashAggregate.Call> merges = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            String fn = function(agg.getAggCallList().get(i));
            String merge = fn.equals("COUNT") || fn.equals("COUNT_STAR") ? "SUM0" : fn;
            merges.add(new HashAggregate.Call(
                    merge,
                    keys.length + i,
                    -1,
                    outTypes.get(keys.length + i),
                    calls.get(i).literal()));
        }
        if (keys.length > 0 && agg.getCluster().getMetadataQuery().getRowCount(agg) >= repartitionRows) {
            // many groups: each worker finalizes the groups whose keys hash to it, instead of the leader all
            return new HashAggregate(
                    new Repartition(partial, finalKeys), finalKeys, merges, HashAggregate.Step.FINAL, outTypes);
        }
        return new HashAggregate(new Gather(partial), finalKeys, merges, HashAggregate.Step.FINAL, outTypes);
    }

    private static String function(AggregateCall call) {
        switch (call.getAggregation().getKind()) {
            case COUNT:
                return call.getArgList().isEmpty() ? "COUNT_STAR" : "COUNT";
            case SUM:
                return "SUM";
            case SUM0:
                return "SUM0";
            case MIN:
                return "MIN";
            case MAX:
                return "MAX";
            case SINGLE_VALUE:
                return "SINGLE_VALUE";
            case ANY_VALUE:
                return "ANY_VALUE";
            case LITERAL_AGG:
                return "LITERAL";
            case OTHER_FUNCTION:
                if (AggregateArguments.isSketch(call)) {
                    return call.getAggregation().getName().toUpperCase(java.util.Locale.ROOT);
                }
                throw new SqlException(
                        SqlException.FEATURE_NOT_SUPPORTED,
                        "aggregate function " + call.getAggregation().getName() + " is not supported yet",
                        null);
            default:
                throw new SqlException(
                        "aggregate function " + call.getAggregation().getName() + " is not supported yet");
        }
    }

    private PlanNode join(LogicalJoin join) {
        RelNode leftRel = join.getLeft();
        RelNode rightRel = join.getRight();
        List<Integer> leftKeys = new ArrayList<>();
        List<Integer> rightKeys = new ArrayList<>();
        List<Boolean> filterNulls = new ArrayList<>();
        List<RexNode> nonEqui = new ArrayList<>();
        // (a = b AND x) OR (a = b AND y) → a = b AND (x OR y): keeps the equi-key usable for hashing
        RelOptUtil.splitJoinCondition(
                leftRel, rightRel, pullFactors(join.getCondition()), leftKeys, rightKeys, filterNulls, nonEqui);
        List<RexNode> residual = new ArrayList<>();
        for (RexNode r : nonEqui) {
            if (!r.isAlwaysTrue()) {
                residual.add(r);
            }
        }
        PlanNode left = visit(leftRel);
        PlanNode right = visit(rightRel);
        int leftCount = left.types().size();
        // keys whose representations differ are compared by the residual instead of hashed
        List<int[]> keyPairs = new ArrayList<>();
        List<Boolean> safe = new ArrayList<>();
        for (int k = 0; k < leftKeys.size(); k++) {
            ColumnType lt = left.types().get(leftKeys.get(k));
            ColumnType rt = right.types().get(rightKeys.get(k));
            boolean same = lt.layout() == rt.layout()
                    && (lt.kind() == ColumnType.Kind.DECIMAL ? lt.scale() : 0)
                            == (rt.kind() == ColumnType.Kind.DECIMAL ? rt.scale() : 0);
            if (same) {
                keyPairs.add(new int[] {leftKeys.get(k), rightKeys.get(k)});
                safe.add(!filterNulls.get(k));
            } else {
                RexNode l = RexInputRef.of(leftKeys.get(k), leftRel.getRowType());
                RexNode r = new RexInputRef(
                        leftCount + rightKeys.get(k),
                        rightRel.getRowType()
                                .getFieldList()
                                .get(rightKeys.get(k))
                                .getType());
                residual.add(rexBuilder.makeCall(
                        filterNulls.get(k)
                                ? org.apache.calcite.sql.fun.SqlStdOperatorTable.EQUALS
                                : org.apache.calcite.sql.fun.SqlStdOperatorTable.IS_NOT_DISTINCT_FROM,
                        l,
                        r));
            }
        }
        RexNode residualCond = residual.isEmpty() ? null : RexUtil.composeConjunction(rexBuilder, residual);
        List<ColumnType> pairTypes = new ArrayList<>(left.types());
        pairTypes.addAll(right.types());
        List<ColumnType> outTypes = types(join.getRowType());
        int[] lk = keyPairs.stream().mapToInt(p -> p[0]).toArray();
        int[] rk = keyPairs.stream().mapToInt(p -> p[1]).toArray();
        boolean[] ns = new boolean[safe.size()];
        for (int i = 0; i < ns.length; i++) {
            ns[i] = safe.get(i);
        }
        JoinRelType type = join.getJoinType();
        var mq = join.getCluster().getMetadataQuery();
        double leftRows = mq.getRowCount(leftRel);
        double rightRows = mq.getRowCount(rightRel);
        switch (type) {
            case INNER: {
                boolean buildLeft = leftRows < rightRows && (right.parallel() || !left.parallel());
                if (buildLeft) {
                    return hashJoin(
                            right,
                            left,
                            HashJoin.Kind.INNER,
                            rk,
                            lk,
                            ns,
                            residualCond,
                            rexBuilder,
                            false,
                            pairTypes,
                            outTypes,
                            leftRows,
                            partitionedJoinRows);
                }
                return hashJoin(
                        left,
                        right,
                        HashJoin.Kind.INNER,
                        lk,
                        rk,
                        ns,
                        residualCond,
                        rexBuilder,
                        true,
                        pairTypes,
                        outTypes,
                        rightRows,
                        partitionedJoinRows);
            }
            case LEFT:
                return hashJoin(
                        left,
                        right,
                        HashJoin.Kind.PROBE_OUTER,
                        lk,
                        rk,
                        ns,
                        residualCond,
                        rexBuilder,
                        true,
                        pairTypes,
                        outTypes,
                        rightRows,
                        partitionedJoinRows);
            case RIGHT:
                return new HashJoin(
                        right,
                        single(left),
                        HashJoin.Kind.PROBE_OUTER,
                        rk,
                        lk,
                        ns,
                        residualCond,
                        rexBuilder,
                        false,
                        pairTypes,
                        outTypes);
            case FULL:
                return new HashJoin(
                        single(left),
                        single(right),
                        HashJoin.Kind.FULL,
                        lk,
                        rk,
                        ns,
                        residualCond,
                        rexBuilder,
                        true,
                        pairTypes,
                        outTypes);
            case SEMI:
                return hashJoin(
                        left,
                        right,
                        HashJoin.Kind.SEMI,
                        lk,
                        rk,
                        ns,
                        residualCond,
                        rexBuilder,
                        true,
                        pairTypes,
                        outTypes,
                        rightRows,
                        partitionedJoinRows);
            case ANTI:
                return hashJoin(
                        left,
                        right,
                        HashJoin.Kind.ANTI,
                        lk,
                        rk,
                        ns,
                        residualCond,
                        rexBuilder,
                        true,
                        pairTypes,
                        outTypes,
                        rightRows,
                        partitionedJoinRows);
            default:
                throw new SqlException("join type " + type + " is not supported yet");
        }
    }

    /**
     * A hash join whose build side is broadcast, or, when the build side is expected to hold at least {@code
     * partitionedJoinRows} rows and both sides run in parallel, partitioned: both inputs repartitioned by their
     * keys so that every worker builds and probes its own share.
     */
    private static HashJoin hashJoin(
            PlanNode probe,
            PlanNode build,
            HashJoin.Kind kind,
            int[] probeKeys,
            int[] buildKeys,
            boolean[] nullSafe,
            RexNode residual,
            RexBuilder rexBuilder,
            boolean probeIsLeft,
            List<ColumnType> pairTypes,
            List<ColumnType> outTypes,
            double buildRows,
            double partitionedJoinRows) {
        if (probeKeys.length > 0 && probe.parallel() && build.parallel() && buildRows >= partitionedJoinRows) {
            return new HashJoin(
                    new Repartition(probe, probeKeys),
                    new Repartition(build, buildKeys),
                    kind,
                    probeKeys,
                    buildKeys,
                    nullSafe,
                    residual,
                    rexBuilder,
                    probeIsLeft,
                    pairTypes,
                    outTypes);
        }
        return new HashJoin(
                probe,
                single(build),
                kind,
                probeKeys,
                buildKeys,
                nullSafe,
                residual,
                rexBuilder,
                probeIsLeft,
                pairTypes,
                outTypes);
    }

    /** Moves conjuncts common to every branch of an OR in front of it. */
    private RexNode pullFactors(RexNode condition) {
        List<RexNode> out = new ArrayList<>();
        for (RexNode c : RelOptUtil.conjunctions(condition)) {
            if (c.getKind() != SqlKind.OR) {
                out.add(c);
                continue;
            }
            List<List<RexNode>> branches = new ArrayList<>();
            for (RexNode d : RelOptUtil.disjunctions(c)) {
                branches.add(new ArrayList<>(RelOptUtil.conjunctions(d)));
            }
            List<RexNode> common = new ArrayList<>(branches.get(0));
            for (List<RexNode> b : branches) {
                common.retainAll(b);
            }
            if (common.isEmpty()) {
                out.add(c);
                continue;
            }
            List<RexNode> rest = new ArrayList<>();
            for (List<RexNode> b : branches) {
                b.removeAll(common);
                rest.add(RexUtil.composeConjunction(rexBuilder, b));
            }
            out.addAll(common);
            out.add(RexUtil.composeDisjunction(rexBuilder, rest));
        }
        return RexUtil.composeConjunction(rexBuilder, out);
    }

    private PlanNode sort(LogicalSort s) {
        long offset = s.offset == null ? 0 : longValue(s.offset);
        long fetch = s.fetch == null ? -1 : longValue(s.fetch);
        RelCollation collation = s.getCollation();
        List<SortKey> keys = new ArrayList<>();
        for (RelFieldCollation fc : collation.getFieldCollations()) {
            boolean desc = fc.getDirection().isDescending();
            boolean nullsFirst = fc.nullDirection == RelFieldCollation.NullDirection.FIRST;
            keys.add(new SortKey(fc.getFieldIndex(), desc, nullsFirst));
        }
        PlanNode input;
        if (keys.isEmpty() && fetch >= 0 && s.getInput() instanceof LogicalTableScan) {
            input = scan((LogicalTableScan) s.getInput(), null, null, OptionalLong.of(offset + fetch));
        } else {
            input = visit(s.getInput());
        }
        if (keys.isEmpty()) {
            if (fetch < 0) {
                return new Limit(single(input), offset, Long.MAX_VALUE);
            }
            PlanNode p = input.parallel() ? new Gather(new Limit(input, 0, offset + fetch)) : input;
            return new Limit(p, offset, fetch);
        }
        if (fetch < 0) {
            PlanNode sorted = new Sort(single(input), keys);
            return offset > 0 ? new Limit(sorted, offset, Long.MAX_VALUE) : sorted;
        }
        PlanNode p = input.parallel() ? new Gather(new TopN(input, keys, offset + fetch)) : input;
        PlanNode top = new TopN(p, keys, offset + fetch);
        return offset > 0 ? new Limit(top, offset, fetch) : top;
    }

    private static long longValue(RexNode n) {
        if (n instanceof RexLiteral) {
            return ((RexLiteral) n).getValueAs(Long.class);
        }
        throw new SqlException("LIMIT and OFFSET must be constants");
    }
}
