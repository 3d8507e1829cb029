package dev.silt.sql.exec.expr;

import dev.silt.sql.exec.Vectors;
import dev.silt.sql.spi.ColumnType;
import java.util.List;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/**
 * {@code CASE WHEN c1 THEN v1 … ELSE e END}, evaluated lazily as SQL requires: each branch's value is computed
 * only for the rows that reach it (by narrowing the batch's selection), so a guarded division cannot fail.
 */
public final class Case extends Expr {
    private final List<Expr> conditions;
    private final List<Expr> values;
    private final Expr otherwise;
    private final ColumnVector out;
    private final int[] remaining = new int[Vectors.BATCH];
    private final int[] matched = new int[Vectors.BATCH];
    private final int[] rest = new int[Vectors.BATCH];

    public Case(ColumnType type, List<Expr> conditions, List<Expr> values, Expr otherwise) {
        super(type);
        this.conditions = conditions;
        this.values = values;
        this.otherwise = otherwise;
        this.out = Vectors.allocate(type, Vectors.BATCH);
    }

    @Override
    public ColumnVector eval(VectorizedRowBatch b) {
        int[] savedSel = b.selected;
        boolean savedInUse = b.selectedInUse;
        int savedSize = b.size;
        Vectors.reset(out);
        int[] rows = Vectors.rows(b);
        int n = b.size;
        System.arraycopy(rows, 0, remaining, 0, n);
        try {
            for (int w = 0; w < conditions.size() && n > 0; w++) {
                restrict(b, remaining, n);
                LongColumnVector c = (LongColumnVector) conditions.get(w).eval(b);
                int m = 0;
                int r = 0;
                for (int j = 0; j < n; j++) {
                    int i = remaining[j];
                    if (c.vector[i] != 0 && (c.noNulls || !c.isNull[i])) {
                        matched[m++] = i;
                    } else {
                        rest[r++] = i;
                    }
                }
                if (m > 0) {
                    restrict(b, matched, m);
                    copy(values.get(w).eval(b), matched, m);
                }
                System.arraycopy(rest, 0, remaining, 0, r);
                n = r;
            }
            if (n > 0) {
                restrict(b, remaining, n);
                copy(otherwise.eval(b), remaining, n);
            }
        } finally {
            b.selected = savedSel;
            b.selectedInUse = savedInUse;
            b.size = savedSize;
        }
        return out;
    }

    private static void restrict(VectorizedRowBatch b, int[] sel, int n) {
        b.selected = sel;
        b.selectedInUse = true;
        b.size = n;
    }

    private void copy(ColumnVector v, int[] sel, int n) {
        for (int j = 0; j < n; j++) {
            int i = sel[j];
            Vectors.copy(v, i, out, i);
        }
    }
}
