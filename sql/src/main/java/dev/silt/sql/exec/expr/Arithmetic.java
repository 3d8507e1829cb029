package dev.silt.sql.exec.expr;

import dev.silt.sql.SqlException;
import dev.silt.sql.exec.Vectors;
import dev.silt.sql.spi.ColumnType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/**
 * Binary arithmetic in one domain: exact long arithmetic (integers, and DECIMAL operands already brought to the
 * scales the operation needs) with overflow as an error, or IEEE double arithmetic. The compiler inserts the casts
 * that put both operands in the domain.
 */
public final class Arithmetic {
    /** The operations. */
    public enum Op {
        ADD,
        SUB,
        MUL,
        DIV,
        MOD
    }

    private Arithmetic() {}

    static long pow10(int n) {
        long r = 1;
        for (int i = 0; i < n; i++) {
            r *= 10;
        }
        return r;
    }

    /** Long-domain arithmetic (integers and same-scale decimals for +/-, any scales for *). */
    public static final class LongOp extends Expr {
        private final Op op;
        private final Expr left;
        private final Expr right;
        private final LongColumnVector out = new LongColumnVector(Vectors.BATCH);

        public LongOp(ColumnType type, Op op, Expr left, Expr right) {
            super(type);
            this.op = op;
            this.left = left;
            this.right = right;
        }

        @Override
        public ColumnVector eval(VectorizedRowBatch b) {
            LongColumnVector lv = (LongColumnVector) left.eval(b);
            LongColumnVector rv = (LongColumnVector) right.eval(b);
            int[] rows = Vectors.rows(b);
            int n = b.size;
            unionNulls(out, rows, n, lv, rv);
            long[] x = lv.vector;
            long[] y = rv.vector;
            long[] r = out.vector;
            try {
                switch (op) {
                    case ADD:
                        for (int j = 0; j < n; j++) {
                            int i = rows[j];
                            r[i] = Math.addExact(x[i], y[i]);
                        }
                        break;
                    case SUB:
                        for (int j = 0; j < n; j++) {
                            int i = rows[j];
                            r[i] = Math.subtractExact(x[i], y[i]);
                        }
                        break;
                    case MUL:
                        for (int j = 0; j < n; j++) {
                            int i = rows[j];
                            r[i] = Math.multiplyExact(x[i], y[i]);
                        }
                        break;
                    case DIV:
                    case MOD:
                        for (int j = 0; j < n; j++) {
                            int i = rows[j];
                            if (out.noNulls || !out.isNull[i]) {
                                if (y[i] == 0) {
                                    throw new SqlException(SqlException.DIVISION_BY_ZERO, "division by zero", null);
                                }
                                r[i] = op == Op.DIV ? x[i] / y[i] : x[i] % y[i];
                            }
                        }
                        break;
                    default:
                        throw new AssertionError(op);
                }
            } catch (ArithmeticException e) {
                throw new SqlException(
                        SqlException.NUMERIC_VALUE_OUT_OF_RANGE,
                        type.kind() == ColumnType.Kind.DECIMAL
                                ? "numeric value out of range for " + type + " in " + op
                                : type.toString().toLowerCase(java.util.Locale.ROOT) + " overflow in " + op,
                        e);
            }
            Overflow.check(type, out, rows, n);
            return out;
        }
    }

    /** DECIMAL division: the quotient of two unscaled values rounded half-up to the result's scale. */
    public static final class DecimalDivide extends Expr {
        private final Expr left;
        private final Expr right;
        private final int leftScale;
        private final int rightScale;
        private final LongColumnVector out = new LongColumnVector(Vectors.BATCH);

        public DecimalDivide(ColumnType type, Expr left, int leftScale, Expr right, int rightScale) {
            super(type);
            this.left = left;
            this.right = right;
            this.leftScale = leftScale;
            this.rightScale = rightScale;
        }

        @Override
        public ColumnVector eval(VectorizedRowBatch b) {
            LongColumnVector lv = (LongColumnVector) left.eval(b);
            LongColumnVector rv = (LongColumnVector) right.eval(b);
            int[] rows = Vectors.rows(b);
            int n = b.size;
            unionNulls(out, rows, n, lv, rv);
            // a/10^sa ÷ b/10^sb = (a·10^(s - sa + sb) / b) / 10^s
            int shift = type.scale() - leftScale + rightScale;
            long[] x = lv.vector;
            long[] y = rv.vector;
            long[] r = out.vector;
            for (int j = 0; j < n; j++) {
                int i = rows[j];
                if (!out.noNulls && out.isNull[i]) {
                    continue;
                }
                if (y[i] == 0) {
                    throw new SqlException(SqlException.DIVISION_BY_ZERO, "division by zero", null);
                }
                r[i] = divide(x[i], y[i], shift);
            }
            Overflow.check(type, out, rows, n);
            return out;
        }

        private static long divide(long a, long b, int shift) {
            if (shift >= 0 && shift <= 18) {
                long scaled = a * pow10(shift);
                if (Math.abs(a) < 1_000_000_000L && shift <= 9) {
                    long q = scaled / b;
                    long rem = scaled % b;
                    if (Math.abs(rem) * 2 >= Math.abs(b)) {
                        q += (scaled < 0) == (b < 0) ? 1 : -1;
                    }
                    return q;
                }
            }
            BigDecimal q =
                    new BigDecimal(a).scaleByPowerOfTen(shift).divide(new BigDecimal(b), 0, RoundingMode.HALF_UP);
            try {
                return q.longValueExact();
            } catch (ArithmeticException e) {
                throw new SqlException(
                        SqlException.NUMERIC_VALUE_OUT_OF_RANGE, "numeric value out of range in DECIMAL division", e);
            }
        }
    }

    /** Double-domain arithmetic. */
    public static final class DoubleOp extends Expr {
        private final Op op;
        private final Expr left;
        private final Expr right;
        private final DoubleColumnVector out = new DoubleColumnVector(Vectors.BATCH);

        public DoubleOp(ColumnType type, Op op, Expr left, Expr right) {
            super(type);
            this.op = op;
            this.left = left;
            this.right = right;
        }

        @Override
        public ColumnVector eval(VectorizedRowBatch b) {
            DoubleColumnVector lv = (DoubleColumnVector) left.eval(b);
            DoubleColumnVector rv = (DoubleColumnVector) right.eval(b);
            int[] rows = Vectors.rows(b);
            int n = b.size;
            unionNulls(out, rows, n, lv, rv);
            double[] x = lv.vector;
            double[] y = rv.vector;
            double[] r = out.vector;
            switch (op) {
                case ADD:
                    for (int j = 0; j < n; j++) {
                        int i = rows[j];
                        r[i] = x[i] + y[i];
                    }
                    break;
                case SUB:
                    for (int j = 0; j < n; j++) {
                        int i = rows[j];
                        r[i] = x[i] - y[i];
                    }
                    break;
                case MUL:
                    for (int j = 0; j < n; j++) {
                        int i = rows[j];
                        r[i] = x[i] * y[i];
                    }
                    break;
                case DIV:
                    for (int j = 0; j < n; j++) {
                        int i = rows[j];
                        r[i] = x[i] / y[i];
                    }
                    break;
                default:
                    for (int j = 0; j < n; j++) {
                        int i = rows[j];
                        r[i] = x[i] % y[i];
                    }
            }
            return out;
        }
    }
}
