package dev.silt.sql.exec.expr;

import dev.silt.sql.SqlException;
import dev.silt.sql.spi.ColumnType;
import dev.silt.sql.spi.ColumnType.Kind;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.function.LongUnaryOperator;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;

/**
 * Trino's date and time functions over silt's layouts (DATE = days, TIMESTAMP = milliseconds since the epoch, no
 * time zone): DATE_TRUNC, DATE_ADD, DATE_DIFF, FROM_UNIXTIME, TO_UNIXTIME, DATE_PARSE / DATE_FORMAT (MySQL format
 * specifiers), FORMAT_DATETIME (Java/Joda patterns), DAY_OF_WEEK and friends. Units and formats are constants,
 * resolved once when the expression is built.
 */
public final class DateTimeFunctions {
    static final long DAY_MS = 86_400_000L;

    private DateTimeFunctions() {}

    /** The units DATE_TRUNC, DATE_ADD and DATE_DIFF take. */
    public enum Unit {
        MILLISECOND(1),
        SECOND(1000),
        MINUTE(60_000),
        HOUR(3_600_000),
        DAY(DAY_MS),
        WEEK(7 * DAY_MS),
        MONTH(0),
        QUARTER(0),
        YEAR(0);

        final long millis;

        Unit(long millis) {
            this.millis = millis;
        }

        /** The unit a constant argument names (singular or plural, any case). */
        public static Unit of(Expr e, String function) {
            if (!e.isConstant() || ((Expr.Literal) e).value() == null) {
                throw new SqlException(
                        SqlException.FEATURE_NOT_SUPPORTED, function + " needs a constant unit such as 'day'", null);
            }
            String s = ((Expr.Literal) e).value().toString().trim().toUpperCase(Locale.ROOT);
            if (s.endsWith("S")) {
                s = s.substring(0, s.length() - 1);
            }
            try {
                return valueOf(s);
            } catch (IllegalArgumentException x) {
                throw new SqlException(
                        SqlException.INVALID_PARAMETER_VALUE,
                        "'" + ((Expr.Literal) e).value() + "' is not a valid unit for " + function
                                + " (millisecond, second, minute, hour, day, week, month, quarter, year)",
                        x);
            }
        }

        boolean calendar() {
            return millis == 0;
        }

        int months() {
            return this == YEAR ? 12 : this == QUARTER ? 3 : 1;
        }
    }

    static void requireDayOrLonger(Unit u, ColumnType t, String function) {
        if (t.kind() == Kind.DATE && u.millis != 0 && u.millis < DAY_MS) {
            throw new SqlException(
                    SqlException.INVALID_PARAMETER_VALUE,
                    function + ": unit " + u.name().toLowerCase(Locale.ROOT) + " is not valid for a DATE",
                    null);
        }
    }

    /** A long→long function of a DATE or TIMESTAMP (or any long-layout value). */
    public static final class LongUnary extends StringFunctions.Fn {
        private final LongUnaryOperator fn;

        public LongUnary(ColumnType type, Expr x, LongUnaryOperator fn) {
            super(type, List.of(x));
            this.fn = fn;
        }

        @Override
        void compute(ColumnVector[] in, int[] rows, int n) {
            long[] x = ((LongColumnVector) in[0]).vector;
            long[] r = ((LongColumnVector) out).vector;
            for (int j = 0; j < n; j++) {
                int i = rows[j];
                if (!skip(i)) {
                    r[i] = fn.applyAsLong(x[i]);
                }
            }
        }
    }

    /** DATE_TRUNC(unit, x) as a function of the stored long. */
    public static LongUnaryOperator trunc(Unit u, boolean timestamp) {
        if (!u.calendar() && u != Unit.WEEK) {
            long m = timestamp ? u.millis : Math.max(1, u.millis / DAY_MS);
            return v -> Math.floorDiv(v, m) * m;
        }
        return v -> {
            long day = timestamp ? Math.floorDiv(v, DAY_MS) : v;
            LocalDate d = LocalDate.ofEpochDay(day);
            LocalDate t;
            switch (u) {
                case WEEK:
                    t = d.minusDays(d.getDayOfWeek().getValue() - 1L);
                    break;
                case MONTH:
                    t = d.withDayOfMonth(1);
                    break;
                case QUARTER:
                    t = LocalDate.of(d.getYear(), (d.getMonthValue() - 1) / 3 * 3 + 1, 1);
                    break;
                default:
                    t = LocalDate.of(d.getYear(), 1, 1);
            }
            return timestamp ? t.toEpochDay() * DAY_MS : t.toEpochDay();
        };
    }

    /** DATE_ADD(unit, n, x): calendar units clamp to the end of the month (Jan 31 + 1 month = Feb 29). */
    public static final class Add extends StringFunctions.Fn {
        private final Unit unit;
        private final boolean timestamp;

        public Add(ColumnType type, Unit unit, Expr n, Expr x) {
            super(type, List.of(n, x));
            this.unit = unit;
            this.timestamp = type.kind() == Kind.TIMESTAMP;
        }

        @Override
        void compute(ColumnVector[] in, int[] rows, int n) {
            long[] k = ((LongColumnVector) in[0]).vector;
            long[] x = ((LongColumnVector) in[1]).vector;
            long[] r = ((LongColumnVector) out).vector;
            try {
                for (int j = 0; j < n; j++) {
                    int i = rows[j];
                    if (skip(i)) {
                        continue;
                    }
                    if (!unit.calendar()) {
                        long step = timestamp ? unit.millis : unit.millis / DAY_MS;
                        r[i] = Math.addExact(x[i], Math.multiplyExact(k[i], step));
                        continue;
                    }
                    long day = timestamp ? Math.floorDiv(x[i], DAY_MS) : x[i];
                    long d = LocalDate.ofEpochDay(day)
                            .plusMonths(Math.multiplyExact(k[i], unit.months()))
                            .toEpochDay();
                    r[i] = timestamp ? d * DAY_MS + Math.floorMod(x[i], DAY_MS) : d;
                }
            } catch (ArithmeticException | DateTimeException e) {
                throw new SqlException(
                        SqlException.NUMERIC_VALUE_OUT_OF_RANGE, "date_add: result out of range for " + type, e);
            }
        }
    }

    /** DATE_DIFF(unit, a, b): whole units from a to b (negative when b is earlier). */
    public static final class Diff extends StringFunctions.Fn {
        private final Unit unit;
        private final boolean timestamp;

        public Diff(Unit unit, Expr a, Expr b) {
            super(ColumnType.BIGINT, List.of(a, b));
            this.unit = unit;
            this.timestamp = a.type().kind() == Kind.TIMESTAMP;
        }

        @Override
        void compute(ColumnVector[] in, int[] rows, int n) {
            long[] a = ((LongColumnVector) in[0]).vector;
            long[] b = ((LongColumnVector) in[1]).vector;
            long[] r = ((LongColumnVector) out).vector;
            for (int j = 0; j < n; j++) {
                int i = rows[j];
                if (skip(i)) {
                    continue;
                }
                long x = timestamp ? a[i] : a[i] * DAY_MS;
                long y = timestamp ? b[i] : b[i] * DAY_MS;
                if (!unit.calendar()) {
                    r[i] = (y - x) / unit.millis;
                } else {
                    r[i] = ChronoUnit.MONTHS.between(toLocal(x), toLocal(y)) / unit.months();
                }
            }
        }
    }

    static LocalDateTime toLocal(long ms) {
        return LocalDateTime.ofEpochSecond(
                Math.floorDiv(ms, 1000), (int) Math.floorMod(ms, 1000) * 1_000_000, ZoneOffset.UTC);
    }

    /** FROM_UNIXTIME(seconds): the UTC timestamp, to the millisecond. */
    public static final class FromUnixtime extends StringFunctions.Fn {
        public FromUnixtime(Expr seconds) {
            super(ColumnType.TIMESTAMP, List.of(seconds));
        }

        @Override
        void compute(ColumnVector[] in, int[] rows, int n) {
            double[] s = ((DoubleColumnVector) in[0]).vector;
            long[] r = ((LongColumnVector) out).vector;
            for (int j = 0; j < n; j++) {
                int i = rows[j];
                double ms = s[i] * 1000;
                if (!skip(i) && (Double.isNaN(ms) || Math.abs(ms) > 8.64e15)) {
                    throw new SqlException(
                            SqlException.NUMERIC_VALUE_OUT_OF_RANGE,
                            "from_unixtime: " + s[i] + " is out of the timestamp range",
                            null);
                }
                r[i] = Math.round(ms);
            }
        }
    }

    /** TO_UNIXTIME(timestamp): seconds since the epoch as a DOUBLE. */
    public static final class ToUnixtime extends StringFunctions.Fn {
        public ToUnixtime(Expr timestamp) {
            super(ColumnType.DOUBLE, List.of(timestamp));
        }

        @Override
        void compute(ColumnVector[] in, int[] rows, int n) {
            long[] t = ((LongColumnVector) in[0]).vector;
            double[] r = ((DoubleColumnVector) out).vector;
            for (int j = 0; j < n; j++) {
                int i = rows[j];
                r[i] = t[i] / 1000.0;
            }
        }
    }

    /** A constant format argument. */
    static String constantFormat(Expr e, String function) {
        if (!e.isConstant() || ((Expr.Literal) e).value() == null) {
            throw new SqlException(SqlException.FEATURE_NOT_SUPPORTED, function + " needs a constant format", null);
        }
        return ((Expr.Literal) e).value().toString();
    }

    /** Java pattern of FORMAT_DATETIME (Joda's letters, which java.time shares for the common ones). */
    public static DateTimeFormatter javaPattern(String pattern) {
        try {
            return DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new SqlException(
                    SqlException.INVALID_DATETIME_FORMAT,
                    "invalid date/time pattern '" + pattern + "': " + e.getMessage(),
                    e);
        }
    }

    /** DATE_FORMAT / FORMAT_DATETIME of a DATE or TIMESTAMP. */
    public static final class Format extends StringFunctions.Fn {
        private final DateTimeFormatter formatter;
        private final boolean timestamp;

        public Format(ColumnType type, Expr x, DateTimeFormatter formatter) {
            super(type, List.of(x));
            this.formatter = formatter;
            this.timestamp = x.type().kind() == Kind.TIMESTAMP;
        }

        @Override
        void compute(ColumnVector[] in, int[] rows, int n) {
            long[] x = ((LongColumnVector) in[0]).vector;
            BytesColumnVector o = (BytesColumnVector) out;
            for (int j = 0; j < n; j++) {
                int i = rows[j];
                if (skip(i)) {
                    continue;
                }
                LocalDateTime t = toLocal(timestamp ? x[i] : x[i] * DAY_MS);
                try {
                    StringFunctions.setString(o, i, formatter.format(t));
                } catch (DateTimeException e) {
                    throw new SqlException(
                            SqlException.INVALID_DATETIME_FORMAT, "cannot format " + t + ": " + e.getMessage(), e);
                }
            }
        }
    }

    /** DATE_PARSE(s, format): the timestamp the text spells in a MySQL format. */
    public static final class Parse extends StringFunctions.Fn {
        private final DateTimeFormatter formatter;
        private final String format;

        public Parse(Expr s, String format) {
            super(ColumnType.TIMESTAMP, List.of(s));
            this.format = format;
            this.formatter = MySqlFormat.parser(format);
        }

        @Override
        void compute(ColumnVector[] in, int[] rows, int n) {
            BytesColumnVector s = (BytesColumnVector) in[0];
            long[] r = ((LongColumnVector) out).vector;
            for (int j = 0; j < n; j++) {
                int i = rows[j];
                if (skip(i)) {
                    continue;
                }
                String text = StringFunctions.string(s, i);
                try {
                    LocalDateTime t = LocalDateTime.parse(text, formatter);
                    r[i] = t.toInstant(ZoneOffset.UTC).toEpochMilli();
                } catch (DateTimeException e) {
                    throw new SqlException(
                            SqlException.INVALID_DATETIME_FORMAT,
                            "date_parse: '" + text + "' does not match format '" + format + "'",
                            e);
                }
            }
        }
    }
}
