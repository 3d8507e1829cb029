package dev.silt.sql.exec.expr;

import dev.silt.sql.exec.Vectors;
import dev.silt.sql.spi.ColumnType;
import java.util.List;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/** Three-valued boolean logic: AND, OR, NOT and the IS [NOT] NULL/TRUE/FALSE tests. */
public final class Logic {
    private Logic() {}

    /** AND (all) or OR (any) of several operands, with SQL's NULL rules. */
    public static final class Junction extends Expr {
        private final boolean and;
        private final List<Expr> operands;
        private final LongColumnVector out = booleanVector();

        public Junction(boolean and, List<Expr> operands) {
            super(ColumnType.BOOLEAN);
            this.and = and;
            this.operands = operands;
        }

        @Override
        public ColumnVector eval(VectorizedRowBatch b) {
            int[] rows = Vectors.rows(b);
            int n = b.size;
            long[] r = out.vector;
            boolean[] nul = out.isNull;
            long identity = and ? 1 : 0;
            for (int j = 0; j < n; j++) {
                int i = rows[j];
                r[i] = identity;
                nul[i] = false;
            }
            boolean anyNull = false;
            for (Expr e : operands) {
                LongColumnVector v = (LongColumnVector) e.eval(b);
                long[] x = v.vector;
                boolean vn = !v.noNulls;
                for (int j = 0; j < n; j++) {
                    int i = rows[j];
                    if (vn && v.isNull[i]) {
                        nul[i] = true;
                        anyNull = true;
                    } else if (x[i] != identity) {
                        r[i] = x[i];
                    }
                }
            }
            if (anyNull) {
                // a decisive value (false for AND, true for OR) wins over NULL
                for (int j = 0; j < n; j++) {
                    int i = rows[j];
                    if (nul[i] && r[i] != identity) {
                        nul[i] = false;
                    }
                }
            }
            out.noNulls = !anyNull;
            return out;
        }
    }

    /** NOT. */
    public static final class Not extends Expr {
        private final Expr operand;
        private final LongColumnVector out = booleanVector();

        public Not(Expr operand) {
            super(ColumnType.BOOLEAN);
            this.operand = operand;
        }

        @Override
        public ColumnVector eval(VectorizedRowBatch b) {
            LongColumnVector v = (LongColumnVector) operand.eval(b);
            int[] rows = Vectors.rows(b);
            int n = b.size;
            unionNulls(out, rows, n, v, null);
            for (int j = 0; j < n; j++) {
                int i = rows[j];
                out.vector[i] = 1 - v.vector[i];
            }
            return out;
        }
    }

    /** The IS tests; never NULL. */
    public enum Test {
        IS_NULL,
        IS_NOT_NULL,
        IS_TRUE,
        IS_NOT_TRUE,
        IS_FALSE,
        IS_NOT_FALSE
    }

    /** IS [NOT] NULL / TRUE / FALSE. */
    public static final class Is extends Expr {
        private final Test test;
        private final Expr operand;
        private final LongColumnVector out = booleanVector();

        public Is(Test test, Expr operand) {
            super(ColumnType.BOOLEAN);
            this.test = test;
            this.operand = operand;
        }

        @Override
        public ColumnVector eval(VectorizedRowBatch b) {
            ColumnVector v = operand.eval(b);
            int[] rows = Vectors.rows(b);
            int n = b.size;
            out.noNulls = true;
            long[] r = out.vector;
            for (int j = 0; j < n; j++) {
                int i = rows[j];
                boolean isNull = !v.noNulls && v.isNull[i];
                boolean result;
                switch (test) {
                    case IS_NULL:
                        result = isNull;
                        break;
                    case IS_NOT_NULL:
                        result = !isNull;
                        break;
                    case IS_TRUE:
                        result = !isNull && ((LongColumnVector) v).vector[i] != 0;
                        break;
                    case IS_NOT_TRUE:
                        result = isNull || ((LongColumnVector) v).vector[i] == 0;
                        break;
                    case IS_FALSE:
                        result = !isNull && ((LongColumnVector) v).vector[i] == 0;
                        break;
                    default:
                        result = isNull || ((LongColumnVector) v).vector[i] != 0;
                }
                r[i] = result ? 1 : 0;
            }
            return out;
        }
    }

    /**
     * Narrows a batch's selection to the rows where a boolean vector is true (not NULL), in place. Returns the new
     * row count.
     */
    public static int select(VectorizedRowBatch b, LongColumnVector v) {
        int n = b.size;
        int k = 0;
        long[] x = v.vector;
        if (b.selectedInUse) {
            int[] sel = b.selected;
            for (int j = 0; j < n; j++) {
                int i = sel[j];
                if (x[i] != 0 && (v.noNulls || !v.isNull[i])) {
                    sel[k++] = i;
                }
            }
        } else {
            int[] sel = b.selected;
            for (int i = 0; i < n; i++) {
                if (x[i] != 0 && (v.noNulls || !v.isNull[i])) {
                    sel[k++] = i;
                }
            }
            b.selectedInUse = true;
        }
        b.size = k;
        return k;
    }
}
