package dev.silt.sql.exec.expr;

import dev.silt.sql.SqlException;
import dev.silt.sql.spi.ColumnType;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;

/**
 * Range checks for results held in a long but typed narrower (TINYINT, SMALLINT, INTEGER, DECIMAL(p &lt; 18)):
 * a value that does not fit its type is an error (SQLSTATE 22003), never a wrapped-around number.
 */
final class Overflow {
    private Overflow() {}

    /** The largest magnitude {@code type} holds, or {@link Long#MAX_VALUE} when the long itself is the limit. */
    static long max(ColumnType type) {
        switch (type.kind()) {
            case TINYINT:
                return Byte.MAX_VALUE;
            case SMALLINT:
                return Short.MAX_VALUE;
            case INTEGER:
                return Integer.MAX_VALUE;
            case DECIMAL:
                return type.precision() >= 18 ? 999_999_999_999_999_999L : Arithmetic.pow10(type.precision()) - 1;
            default:
                return Long.MAX_VALUE;
        }
    }

    static long min(ColumnType type) {
        switch (type.kind()) {
            case TINYINT:
                return Byte.MIN_VALUE;
            case SMALLINT:
                return Short.MIN_VALUE;
            case INTEGER:
                return Integer.MIN_VALUE;
            case DECIMAL:
                return -max(type);
            default:
                return Long.MIN_VALUE;
        }
    }

    /** Throws if a selected, non-NULL row of {@code v} is out of {@code type}'s range. */
    static void check(ColumnType type, LongColumnVector v, int[] rows, int n) {
        long hi = max(type);
        if (hi == Long.MAX_VALUE) {
            return;
        }
        long lo = min(type);
        long[] x = v.vector;
        for (int j = 0; j < n; j++) {
            int i = rows[j];
            if ((x[i] > hi || x[i] < lo) && (v.noNulls || !v.isNull[i])) {
                throw new SqlException(
                        SqlException.NUMERIC_VALUE_OUT_OF_RANGE,
                        type.kind() == ColumnType.Kind.DECIMAL
                                ? "value " + java.math.BigDecimal.valueOf(x[i], type.scale()) + " does not fit " + type
                                : type.toString().toLowerCase(java.util.Locale.ROOT) + " out of range: " + x[i],
                        null);
            }
        }
    }
}
