package dev.silt.sql.exec.expr;

import dev.silt.sql.exec.Vectors;
import dev.silt.sql.spi.ColumnType;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/** {@code = <> < <= > >=} over two operands of one layout; NULL when either side is NULL. */
public final class Comparison extends Expr {
    /** The comparison operators. */
    public enum Op {
        EQ,
        NE,
        LT,
        LE,
        GT,
        GE
    }

    private final Op op;
    private final Expr left;
    private final Expr right;
    private final LongColumnVector out = booleanVector();

    public Comparison(Op op, Expr left, Expr right) {
        super(ColumnType.BOOLEAN);
        this.op = op;
        this.left = left;
        this.right = right;
    }

    @Override
    public ColumnVector eval(VectorizedRowBatch b) {
        ColumnVector lv = left.eval(b);
        ColumnVector rv = right.eval(b);
        int[] rows = Vectors.rows(b);
        int n = b.size;
        unionNulls(out, rows, n, lv, rv);
        long[] r = out.vector;
        if (lv instanceof LongColumnVector) {
            long[] x = ((LongColumnVector) lv).vector;
            long[] y = ((LongColumnVector) rv).vector;
            switch (op) {
                case EQ:
                    for (int j = 0; j < n; j++) {
                        int i = rows[j];
                        r[i] = x[i] == y[i] ? 1 : 0;
                    }
                    break;
                case NE:
                    for (int j = 0; j < n; j++) {
                        int i = rows[j];
                        r[i] = x[i] != y[i] ? 1 : 0;
                    }
                    break;
                case LT:
                    for (int j = 0; j < n; j++) {
                        int i = rows[j];
                        r[i] = x[i] < y[i] ? 1 : 0;
                    }
                    break;
                case LE:
                    for (int j = 0; j < n; j++) {
                        int i = rows[j];
                        r[i] = x[i] <= y[i] ? 1 : 0;
                    }
                    break;
                case GT:
                    for (int j = 0; j < n; j++) {
                        int i = rows[j];
                        r[i] = x[i] > y[i] ? 1 : 0;
                    }
                    break;
                default:
                    for (int j = 0; j < n; j++) {
                        int i = rows[j];
                        r[i] = x[i] >= y[i] ? 1 : 0;
                    }
            }
        } else if (lv instanceof DoubleColumnVector) {
            double[] x = ((DoubleColumnVector) lv).vector;
            double[] y = ((DoubleColumnVector) rv).vector;
            for (int j = 0; j < n; j++) {
                int i = rows[j];
                r[i] = test(Double.compare(x[i], y[i])) ? 1 : 0;
            }
        } else {
            BytesColumnVector x = (BytesColumnVector) lv;
            BytesColumnVector y = (BytesColumnVector) rv;
            for (int j = 0; j < n; j++) {
                int i = rows[j];
                if (!out.noNulls && out.isNull[i]) {
                    continue;
                }
                int c;
                if (op == Op.EQ || op == Op.NE) {
                    c = x.length[i] == y.length[i]
                                    && java.util.Arrays.equals(
                                            x.vector[i],
                                            x.start[i],
                                            x.start[i] + x.length[i],
                                            y.vector[i],
                                            y.start[i],
                                            y.start[i] + y.length[i])
                            ? 0
                            : 1;
                } else {
                    c = compareBytes(x.vector[i], x.start[i], x.length[i], y.vector[i], y.start[i], y.length[i]);
                }
                r[i] = test(c) ? 1 : 0;
            }
        }
        return out;
    }

    private boolean test(int c) {
        switch (op) {
            case EQ:
                return c == 0;
            case NE:
                return c != 0;
            case LT:
                return c < 0;
            case LE:
                return c <= 0;
            case GT:
                return c > 0;
            default:
                return c >= 0;
        }
    }

    /** Unsigned byte order, which for UTF-8 is code point order. */
    public static int compareBytes(byte[] a, int as, int al, byte[] b, int bs, int bl) {
        return java.util.Arrays.compareUnsigned(a, as, as + al, b, bs, bs + bl);
    }
}
