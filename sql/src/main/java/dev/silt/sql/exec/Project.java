package dev.silt.sql.exec;

import dev.silt.sql.exec.expr.Expr;
import dev.silt.sql.exec.expr.ExprCompiler;
import dev.silt.sql.spi.ColumnType;
import java.util.List;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/** Computes output columns from input columns; column references pass the input vector through untouched. */
public final class Project extends PlanNode {
    private final PlanNode input;
    private final List<RexNode> exprs;
    private final RexBuilder rexBuilder;

    public Project(PlanNode input, List<RexNode> exprs, RexBuilder rexBuilder, List<ColumnType> types) {
        super(types, input.parallel());
        this.input = input;
        this.exprs = List.copyOf(exprs);
        this.rexBuilder = rexBuilder;
    }

    @Override
    public List<PlanNode> children() {
        return List.of(input);
    }

    @Override
    public String describe() {
        return "Project(" + exprs + ")";
    }

    @Override
    public Operator open(TaskContext task) {
        ExprCompiler compiler = new ExprCompiler(input.types(), rexBuilder);
        Expr[] compiled = new Expr[exprs.size()];
        for (int i = 0; i < compiled.length; i++) {
            compiled[i] = dev.silt.sql.exec.expr.Cast.of(compiler.compile(exprs.get(i)), types().get(i));
        }
        Operator source = input.start(task);
        VectorizedRowBatch out = new VectorizedRowBatch(compiled.length, Vectors.BATCH);
        return new Operator() {
            @Override
            public VectorizedRowBatch next() {
                VectorizedRowBatch b = source.next();
                if (b == null) {
                    return null;
                }
                for (int i = 0; i < compiled.length; i++) {
                    out.cols[i] = compiled[i].eval(b);
                }
                out.size = b.size;
                out.selected = b.selected;
                out.selectedInUse = b.selectedInUse;
                return out;
            }

            @Override
            public void close() {
                source.close();
            }
        };
    }
}
