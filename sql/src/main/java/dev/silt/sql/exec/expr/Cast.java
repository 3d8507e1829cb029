package dev.silt.sql.exec.expr;

import dev.silt.sql.SqlException;
import dev.silt.sql.exec.Vectors;
import dev.silt.sql.spi.ColumnType;
import dev.silt.sql.spi.ColumnType.Kind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/**
 * CAST between types. Numeric and date/time conversions run as per-type loops; conversions to and from strings go
 * through Java values (they are rare on hot paths). Rounding is half-up; out-of-range values are errors.
 */
public final class Cast extends Expr {
    private final Expr input;
    private final ColumnType from;
    private final ColumnVector out;

    private Cast(Expr input, ColumnType to) {
        super(to);
        this.input = input;
        this.from = input.type();
        this.out = Vectors.allocate(to, Vectors.BATCH);
    }

    /** A cast, or the input itself when no conversion is needed. */
    public static Expr of(Expr input, ColumnType to) {
        ColumnType from = input.type();
        if (from.equals(to) || sameRepresentation(from, to)) {
            return input;
        }
        if (input instanceof Expr.Literal) {
            // fold now: literals are materialized once
            Cast c = new Cast(input, to);
            VectorizedRowBatch one = new VectorizedRowBatch(0, 1);
            one.size = 1;
            ColumnVector v = c.eval(one);
            return new Expr.Literal(to, Vectors.value(v, 0, to));
        }
        return new Cast(input, to);
    }

    private static boolean sameRepresentation(ColumnType a, ColumnType b) {
        if (a.layout() != b.layout()) {
            return false;
        }
        if (a.kind() == Kind.DECIMAL || b.kind() == Kind.DECIMAL) {
            // a narrower target precision needs the range check
            return a.kind() == b.kind() && a.scale() == b.scale() && b.precision() >= a.precision();
        }
        if (a.layout() == ColumnType.Layout.BYTES) {
            return true;
        }
        return (isInteger(a) && isInteger(b) && Overflow.max(b) >= Overflow.max(a)) || a.kind() == b.kind();
    }

    static boolean isInteger(ColumnType t) {
        switch (t.kind()) {
            case TINYINT:
            case SMALLINT:
            case INTEGER:
            case BIGINT:
                return true;
            default:
                return false;
        }
    }

    private static int scaleOf(ColumnType t) {
        return t.kind() == Kind.DECIMAL ? t.scale() : 0;
    }

    @Override
    public ColumnVector eval(VectorizedRowBatch b) {
        ColumnVector in = input.eval(b);
        int[] rows = Vectors.rows(b);
        int n = b.size;
        Vectors.reset(out);
        boolean numericFrom = isInteger(from) || from.kind() == Kind.DECIMAL;
        boolean numericTo = isInteger(type) || type.kind() == Kind.DECIMAL;
        if (numericFrom && numericTo) {
            unionNulls(out, rows, n, in, null);
            rescale((LongColumnVector) in, (LongColumnVector) out, rows, n, scaleOf(from), scaleOf(type));
        } else if (numericFrom && type.layout() == ColumnType.Layout.DOUBLE) {
            unionNulls(out, rows, n, in, null);
            double div = Arithmetic.pow10(scaleOf(from));
            long[] x = ((LongColumnVector) in).vector;
            double[] r = ((DoubleColumnVector) out).vector;
            for (int j = 0; j < n; j++) {
                int i = rows[j];
                r[i] = x[i] / div;
            }
        } else if (from.layout() == ColumnType.Layout.DOUBLE && numericTo) {
            unionNulls(out, rows, n, in, null);
            double mul = Arithmetic.pow10(scaleOf(type));
            double[] x = ((DoubleColumnVector) in).vector;
            long[] r = ((LongColumnVector) out).vector;
            for (int j = 0; j < n; j++) {
                int i = rows[j];
                if (out.noNulls || !out.isNull[i]) {
                    double d = x[i] * mul;
                    if (Double.isNaN(d) || Math.abs(d) >= 9.2e18) {
                        throw new SqlException(
                                SqlException.NUMERIC_VALUE_OUT_OF_RANGE,
                                "value " + x[i] + " is out of range for " + type,
                                null);
                    }
                    r[i] = Math.round(d);
                }
            }
            Overflow.check(type, (LongColumnVector) out, rows, n);
        } else if (from.layout() == ColumnType.Layout.DOUBLE && type.layout() == ColumnType.Layout.DOUBLE) {
            unionNulls(out, rows, n, in, null);
            double[] x = ((DoubleColumnVector) in).vector;
            double[] r = ((DoubleColumnVector) out).vector;
            boolean toReal = type.kind() == Kind.REAL;
            for (int j = 0; j < n; j++) {
                int i = rows[j];
                r[i] = toReal ? (float) x[i] : x[i];
            }
        } else if (from.kind() == Kind.DATE && type.kind() == Kind.TIMESTAMP) {
            unionNulls(out, rows, n, in, null);
            long[] x = ((LongColumnVector) in).vector;
            long[] r = ((LongColumnVector) out).vector;
            for (int j = 0; j < n; j++) {
                int i = rows[j];
                r[i] = x[i] * 86_400_000L;
            }
        } else if (from.kind() == Kind.TIMESTAMP && type.kind() == Kind.DATE) {
            unionNulls(out, rows, n, in, null);
            long[] x = ((LongColumnVector) in).vector;
            long[] r = ((LongColumnVector) out).vector;
            for (int j = 0; j < n; j++) {
                int i = rows[j];
                r[i] = Math.floorDiv(x[i], 86_400_000L);
            }
        } else {
            for (int j = 0; j < n; j++) {
                int i = rows[j];
                Vectors.set(out, i, type, convert(Vectors.value(in, i, from)));
            }
            if (out instanceof LongColumnVector) {
                Overflow.check(type, (LongColumnVector) out, rows, n);
            }
        }
        return out;
    }

    private void rescale(LongColumnVector in, LongColumnVector o, int[] rows, int n, int fromScale, int toScale) {
        long[] x = in.vector;
        long[] r = o.vector;
        if (toScale >= fromScale) {
            long mul = Arithmetic.pow10(toScale - fromScale);
            try {
                for (int j = 0; j < n; j++) {
                    int i = rows[j];
                    r[i] = Math.multiplyExact(x[i], mul);
                }
            } catch (ArithmeticException e) {
                throw new SqlException(
                        SqlException.NUMERIC_VALUE_OUT_OF_RANGE, "numeric value out of range for " + type, e);
            }
        } else {
            long div = Arithmetic.pow10(fromScale - toScale);
            long half = div / 2;
            for (int j = 0; j < n; j++) {
                int i = rows[j];
                long v = x[i];
                r[i] = v >= 0 ? (v + half) / div : -((-v + half) / div);
            }
        }
        Overflow.check(type, o, rows, n);
    }

    private Object convert(Object v) {
        if (v == null) {
            return null;
        }
        try {
            switch (type.kind()) {
                case VARCHAR:
                case CHAR:
                    if (v instanceof BigDecimal) {
                        return ((BigDecimal) v).toPlainString();
                    }
                    return v.toString();
                case BOOLEAN:
                    if (v instanceof Boolean) {
                        return v;
                    }
                    if (v instanceof Number) {
                        return ((Number) v).doubleValue() != 0;
                    }
                    String s = v.toString().trim().toLowerCase(java.util.Locale.ROOT);
                    if (s.equals("true") || s.equals("t") || s.equals("1")) {
                        return true;
                    }
                    if (s.equals("false") || s.equals("f") || s.equals("0")) {
                        return false;
                    }
                    throw new IllegalArgumentException(s);
                case TINYINT:
                case SMALLINT:
                case INTEGER:
                case BIGINT:
                    if (v instanceof Boolean) {
                        return ((Boolean) v) ? 1L : 0L;
                    }
                    return new BigDecimal(v.toString().trim())
                            .setScale(0, RoundingMode.HALF_UP)
                            .longValueExact();
                case DECIMAL:
                    return new BigDecimal(v.toString().trim()).setScale(type.scale(), RoundingMode.HALF_UP);
                case REAL:
                case DOUBLE:
                    return Double.parseDouble(v.toString().trim());
                case DATE:
                    if (v instanceof LocalDateTime) {
                        return ((LocalDateTime) v).toLocalDate();
                    }
                    return LocalDate.parse(v.toString().trim());
                case TIMESTAMP:
                    if (v instanceof LocalDate) {
                        return ((LocalDate) v).atStartOfDay();
                    }
                    String t = v.toString().trim().replace(' ', 'T');
                    return t.length() == 10 ? LocalDate.parse(t).atStartOfDay() : LocalDateTime.parse(t);
                default:
                    throw new IllegalArgumentException("unsupported");
            }
        } catch (RuntimeException e) {
            if (e instanceof SqlException) {
                throw e;
            }
            throw new SqlException(
                    e instanceof ArithmeticException
                            ? SqlException.NUMERIC_VALUE_OUT_OF_RANGE
                            : SqlException.INVALID_TEXT_REPRESENTATION,
                    "cannot cast '" + v + "' from " + from + " to " + type,
                    e);
        }
    }
}
