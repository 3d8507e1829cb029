package dev.silt.sql.exec.expr;

import dev.silt.sql.SqlException;
import dev.silt.sql.spi.ColumnType;
import java.util.List;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;

/**
 * Numeric functions as typed loops: IEEE functions of DOUBLE (SQRT, LN, POWER… return NaN or ±Infinity where IEEE
 * does, as Trino), and exact ABS, ROUND, FLOOR, CEIL, SIGN on integers and long-backed DECIMALs.
 */
public final class MathFunctions {
    private MathFunctions() {}

    /** A DOUBLE function of one DOUBLE. */
    public static final class Unary extends StringFunctions.Fn {
        private final DoubleUnaryOperator fn;

        public Unary(Expr x, DoubleUnaryOperator fn) {
            super(ColumnType.DOUBLE, List.of(x));
            this.fn = fn;
        }

        @Override
        void compute(ColumnVector[] in, int[] rows, int n) {
            double[] x = ((DoubleColumnVector) in[0]).vector;
            double[] r = ((DoubleColumnVector) out).vector;
            for (int j = 0; j < n; j++) {
                int i = rows[j];
                r[i] = fn.applyAsDouble(x[i]);
            }
        }
    }

    /** A DOUBLE function of two DOUBLEs. */
    public static final class Binary extends StringFunctions.Fn {
        private final DoubleBinaryOperator fn;

        public Binary(Expr x, Expr y, DoubleBinaryOperator fn) {
            super(ColumnType.DOUBLE, List.of(x, y));
            this.fn = fn;
        }

        @Override
        void compute(ColumnVector[] in, int[] rows, int n) {
            double[] x = ((DoubleColumnVector) in[0]).vector;
            double[] y = ((DoubleColumnVector) in[1]).vector;
            double[] r = ((DoubleColumnVector) out).vector;
            for (int j = 0; j < n; j++) {
                int i = rows[j];
                r[i] = fn.applyAsDouble(x[i], y[i]);
            }
        }
    }

    /** ABS of an integer or DECIMAL (unscaled); the most negative value overflows. */
    public static final class AbsLong extends StringFunctions.Fn {
        public AbsLong(ColumnType type, Expr x) {
            super(type, List.of(x));
        }

        @Override
        void compute(ColumnVector[] in, int[] rows, int n) {
            long[] x = ((LongColumnVector) in[0]).vector;
            long[] r = ((LongColumnVector) out).vector;
            for (int j = 0; j < n; j++) {
                int i = rows[j];
                if (x[i] == Long.MIN_VALUE && !skip(i)) {
                    throw new SqlException(
                            SqlException.NUMERIC_VALUE_OUT_OF_RANGE, "abs: value out of range for " + type, null);
                }
                r[i] = Math.abs(x[i]);
            }
            Overflow.check(type, (LongColumnVector) out, rows, n);
        }
    }

    /** SIGN of an integer or DECIMAL: -1, 0 or 1 in the argument's type. */
    public static final class SignLong extends StringFunctions.Fn {
        private final long one;

        public SignLong(ColumnType type, Expr x) {
            super(type, List.of(x));
            this.one = Arithmetic.pow10(type.kind() == ColumnType.Kind.DECIMAL ? type.scale() : 0);
        }

        @Override
        void compute(ColumnVector[] in, int[] rows, int n) {
            long[] x = ((LongColumnVector) in[0]).vector;
            long[] r = ((LongColumnVector) out).vector;
            for (int j = 0; j < n; j++) {
                int i = rows[j];
                r[i] = Long.signum(x[i]) * one;
            }
        }
    }

    /**
     * ROUND(x, digits) of an unscaled long with {@code scale} (0 for integers), half away from zero, keeping the
     * scale: ROUND(2.456, 2) = 2.460.
     */
    public static final class RoundLong extends StringFunctions.Fn {
        private final int scale;

        public RoundLong(ColumnType type, Expr x, Expr digits) {
            super(type, List.of(x, digits));
            this.scale = type.kind() == ColumnType.Kind.DECIMAL ? type.scale() : 0;
        }

        @Override
        void compute(ColumnVector[] in, int[] rows, int n) {
            long[] x = ((LongColumnVector) in[0]).vector;
            long[] d = ((LongColumnVector) in[1]).vector;
            long[] r = ((LongColumnVector) out).vector;
            for (int j = 0; j < n; j++) {
                int i = rows[j];
                long drop = scale - d[i];
                if (drop <= 0 || skip(i)) {
                    r[i] = x[i];
                    continue;
                }
                if (drop > 18) {
                    r[i] = 0;
                    continue;
                }
                long unit = Arithmetic.pow10((int) drop);
                long v = x[i];
                long q = Math.abs(v) / unit;
                if (Math.abs(v) % unit * 2 >= unit) {
                    q++;
                }
                try {
                    r[i] = Math.multiplyExact(v < 0 ? -q : q, unit);
                } catch (ArithmeticException e) {
                    throw new SqlException(
                            SqlException.NUMERIC_VALUE_OUT_OF_RANGE, "round: value out of range for " + type, e);
                }
            }
            Overflow.check(type, (LongColumnVector) out, rows, n);
        }
    }

    /** ROUND(x, digits) of a DOUBLE, half away from zero. */
    public static final class RoundDouble extends StringFunctions.Fn {
        public RoundDouble(ColumnType type, Expr x, Expr digits) {
            super(type, List.of(x, digits));
        }

        @Override
        void compute(ColumnVector[] in, int[] rows, int n) {
            double[] x = ((DoubleColumnVector) in[0]).vector;
            long[] d = ((LongColumnVector) in[1]).vector;
            double[] r = ((DoubleColumnVector) out).vector;
            for (int j = 0; j < n; j++) {
                int i = rows[j];
                double v = x[i];
                if (Double.isNaN(v) || Double.isInfinite(v)) {
                    r[i] = v;
                    continue;
                }
                double f = Math.pow(10, d[i]);
                double a = Math.floor(Math.abs(v) * f + 0.5) / f;
                r[i] = Double.isInfinite(Math.abs(v) * f) ? v : Math.copySign(a, v);
            }
        }
    }

    /** FLOOR / CEIL of a DECIMAL's unscaled value to scale 0. */
    public static final class FloorCeilLong extends StringFunctions.Fn {
        private final long unit;
        private final boolean floor;

        public FloorCeilLong(ColumnType type, Expr x, int scale, boolean floor) {
            super(type, List.of(x));
            this.unit = Arithmetic.pow10(scale);
            this.floor = floor;
        }

        @Override
        void compute(ColumnVector[] in, int[] rows, int n) {
            long[] x = ((LongColumnVector) in[0]).vector;
            long[] r = ((LongColumnVector) out).vector;
            for (int j = 0; j < n; j++) {
                int i = rows[j];
                r[i] = floor ? Math.floorDiv(x[i], unit) : -Math.floorDiv(-x[i], unit);
            }
        }
    }
}
