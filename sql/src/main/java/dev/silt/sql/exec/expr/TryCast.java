package dev.silt.sql.exec.expr;

import dev.silt.sql.SqlException;
import dev.silt.sql.exec.Vectors;
import dev.silt.sql.spi.ColumnType;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/**
 * TRY_CAST(x AS type): a CAST whose failures give NULL. The whole batch is cast in one loop; only a batch with a
 * failing value is redone row by row, so clean data pays nothing extra.
 */
public final class TryCast extends Expr {
    private final Expr cast;
    private final ColumnVector out;
    private final int[] one = new int[1];

    private TryCast(Expr cast) {
        super(cast.type());
        this.cast = cast;
        this.out = Vectors.allocate(cast.type(), Vectors.BATCH);
    }

    public static Expr of(Expr input, ColumnType to) {
        Expr c;
        try {
            c = Cast.of(input, to);
        } catch (SqlException e) {
            // a literal that does not convert
            return new Expr.Literal(to, null);
        }
        return c == input || c.isConstant() ? c : new TryCast(c);
    }

    @Override
    public ColumnVector eval(VectorizedRowBatch b) {
        try {
            return cast.eval(b);
        } catch (SqlException e) {
            return rowByRow(b);
        }
    }

    private ColumnVector rowByRow(VectorizedRowBatch b) {
        Vectors.reset(out);
        int[] rows = Vectors.rows(b);
        VectorizedRowBatch single = new VectorizedRowBatch(b.numCols, Vectors.BATCH);
        single.cols = b.cols;
        single.selected = one;
        single.selectedInUse = true;
        single.size = 1;
        for (int j = 0; j < b.size; j++) {
            int i = rows[j];
            one[0] = i;
            try {
                Vectors.copy(cast.eval(single), i, out, i);
            } catch (SqlException e) {
                out.noNulls = false;
                out.isNull[i] = true;
            }
        }
        return out;
    }
}
