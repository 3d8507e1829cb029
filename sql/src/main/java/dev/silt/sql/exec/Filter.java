package dev.silt.sql.exec;

import dev.silt.sql.exec.expr.Expr;
import dev.silt.sql.exec.expr.ExprCompiler;
import dev.silt.sql.exec.expr.Logic;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/**
 * Keeps the rows for which the condition is TRUE. Conjuncts are applied one after another, each narrowing the
 * selection vector, so later conjuncts only look at surviving rows; no rows are copied.
 */
public final class Filter extends PlanNode {
    private final PlanNode input;
    private final RexNode condition;
    private final RexBuilder rexBuilder;

    public Filter(PlanNode input, RexNode condition, RexBuilder rexBuilder) {
        super(input.types(), input.parallel());
        this.input = input;
        this.condition = condition;
        this.rexBuilder = rexBuilder;
    }

    @Override
    public List<PlanNode> children() {
        return List.of(input);
    }

    @Override
    public String describe() {
        return "Filter(" + condition + ")";
    }

    @Override
    public Operator open(TaskContext task) {
        ExprCompiler compiler = new ExprCompiler(input.types(), rexBuilder);
        List<Expr> conjuncts = new ArrayList<>();
        for (RexNode c : RelOptUtil.conjunctions(condition)) {
            conjuncts.add(compiler.compile(c));
        }
        Operator source = input.start(task);
        return new Operator() {
            @Override
            public VectorizedRowBatch next() {
                VectorizedRowBatch b;
                while ((b = source.next()) != null) {
                    for (Expr e : conjuncts) {
                        if (b.size == 0) {
                            break;
                        }
                        Logic.select(b, (LongColumnVector) e.eval(b));
                    }
                    if (b.size > 0) {
                        return b;
                    }
                }
                return null;
            }

            @Override
            public void close() {
                source.close();
            }
        };
    }
}
