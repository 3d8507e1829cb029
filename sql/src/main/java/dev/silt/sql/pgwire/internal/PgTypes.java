package dev.silt.sql.pgwire.internal;

import dev.silt.sql.spi.ColumnType;
import io.netty.buffer.ByteBuf;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The PostgreSQL types silt's columns travel as: type OIDs, lengths and modifiers for RowDescription, and the text
 * and binary encodings of values (PostgreSQL's {@code *out}/{@code *send} formats). Stateless.
 */
public final class PgTypes {
    public static final int BOOL = 16;
    public static final int BYTEA = 17;
    public static final int INT8 = 20;
    public static final int INT2 = 21;
    public static final int INT4 = 23;
    public static final int TEXT = 25;
    public static final int OID = 26;
    public static final int FLOAT4 = 700;
    public static final int FLOAT8 = 701;
    public static final int UNKNOWN = 705;
    public static final int BPCHAR = 1042;
    public static final int VARCHAR = 1043;
    public static final int DATE = 1082;
    public static final int TIMESTAMP = 1114;
    public static final int TIMESTAMPTZ = 1184;
    public static final int INTERVAL = 1186;
    public static final int NUMERIC = 1700;

    /** 2000-01-01, PostgreSQL's epoch for binary dates and timestamps, in days and seconds since 1970-01-01. */
    private static final long PG_EPOCH_DAYS = 10_957;

    private static final long PG_EPOCH_SECONDS = PG_EPOCH_DAYS * 86_400;

    private static final DateTimeFormatter DATE_TEXT = DateTimeFormatter.ofPattern("uuuu-MM-dd", Locale.ROOT);

    private PgTypes() {}

    public static int oid(ColumnType t) {
        switch (t.kind()) {
            case BOOLEAN:
                return BOOL;
            case TINYINT:
            case SMALLINT:
                return INT2;
            case INTEGER:
                return INT4;
            case BIGINT:
                return INT8;
            case REAL:
                return FLOAT4;
            case DOUBLE:
                return FLOAT8;
            case DECIMAL:
                return NUMERIC;
            case VARCHAR:
                return t.precision() < 0 ? TEXT : VARCHAR;
            case CHAR:
                return BPCHAR;
            case DATE:
                return DATE;
            case TIMESTAMP:
                return TIMESTAMP;
            case INTERVAL_YEAR_MONTH:
            case INTERVAL_DAY_TIME:
                return INTERVAL;
            default:
                throw new IllegalArgumentException("no PostgreSQL type for " + t);
        }
    }

    /** {@code pg_type.typlen}: the fixed size in bytes, or -1 for variable-length types. */
    public static short typlen(ColumnType t) {
        switch (t.kind()) {
            case BOOLEAN:
                return 1;
            case TINYINT:
            case SMALLINT:
                return 2;
            case INTEGER:
            case REAL:
            case DATE:
                return 4;
            case BIGINT:
            case DOUBLE:
            case TIMESTAMP:
                return 8;
            case INTERVAL_YEAR_MONTH:
            case INTERVAL_DAY_TIME:
                return 16;
            default:
                return -1;
        }
    }

    /** {@code pg_attribute.atttypmod}: length + 4 for (var)char, ((precision << 16) | scale) + 4 for numeric. */
    public static int typmod(ColumnType t) {
        switch (t.kind()) {
            case DECIMAL:
                return ((t.precision() << 16) | t.scale()) + 4;
            case VARCHAR:
            case CHAR:
                return t.precision() < 0 ? -1 : t.precision() + 4;
            default:
                return -1;
        }
    }

    /** The value's text form, as PostgreSQL prints it with DateStyle ISO and IntervalStyle postgres. */
    public static String text(Object v, ColumnType t) {
        switch (t.kind()) {
            case BOOLEAN:
                return ((Boolean) v) ? "t" : "f";
            case REAL:
                return floatText(((Number) v).floatValue());
            case DOUBLE:
                return doubleText(((Number) v).doubleValue());
            case DECIMAL:
                return ((BigDecimal) v).toPlainString();
            case DATE:
                return dateText((LocalDate) v);
            case TIMESTAMP:
                return timestampText((LocalDateTime) v);
            case INTERVAL_YEAR_MONTH:
            case INTERVAL_DAY_TIME:
                return intervalText(v);
            default:
                return v.toString();
        }
    }

    /** Writes the value in binary format, length prefix included. */
    public static void writeBinary(Object v, ColumnType t, ByteBuf out) {
        switch (t.kind()) {
            case BOOLEAN:
                out.writeInt(1).writeByte(((Boolean) v) ? 1 : 0);
                return;
            case TINYINT:
            case SMALLINT:
                out.writeInt(2).writeShort(((Number) v).intValue());
                return;
            case INTEGER:
                out.writeInt(4).writeInt(((Number) v).intValue());
                return;
            case BIGINT:
                out.writeInt(8).writeLong(((Number) v).longValue());
                return;
            case REAL:
                out.writeInt(4).writeFloat(((Number) v).floatValue());
                return;
            case DOUBLE:
                out.writeInt(8).writeDouble(((Number) v).doubleValue());
                return;
            case DECIMAL:
                PgNumeric.write((BigDecimal) v, out);
                return;
            case DATE:
                out.writeInt(4).writeInt((int) (((LocalDate) v).toEpochDay() - PG_EPOCH_DAYS));
                return;
            case TIMESTAMP:
                out.writeInt(8).writeLong(timestampMicros((LocalDateTime) v));
                return;
            case INTERVAL_YEAR_MONTH: {
                Period p = (Period) v;
                out.writeInt(16).writeLong(0).writeInt(p.getDays()).writeInt((int) p.toTotalMonths());
                return;
            }
            case INTERVAL_DAY_TIME: {
                Duration d = (Duration) v;
                long days = d.toDays();
                long micros = d.minusDays(days).toNanos() / 1000;
                out.writeInt(16).writeLong(micros).writeInt((int) days).writeInt(0);
                return;
            }
            default:
                byte[] b = v.toString().getBytes(StandardCharsets.UTF_8);
                out.writeInt(b.length).writeBytes(b);
        }
    }

    static long timestampMicros(LocalDateTime ts) {
        long seconds = ts.toEpochSecond(ZoneOffset.UTC) - PG_EPOCH_SECONDS;
        return Math.addExact(Math.multiplyExact(seconds, 1_000_000L), ts.getNano() / 1000);
    }

    static LocalDateTime timestampFromMicros(long micros) {
        long seconds = Math.floorDiv(micros, 1_000_000L) + PG_EPOCH_SECONDS;
        int nanos = (int) Math.floorMod(micros, 1_000_000L) * 1000;
        return LocalDateTime.ofEpochSecond(seconds, nanos, ZoneOffset.UTC);
    }

    static LocalDate dateFromDays(int pgDays) {
        return LocalDate.ofEpochDay(pgDays + PG_EPOCH_DAYS);
    }

    static String dateText(LocalDate d) {
        return d.format(DATE_TEXT);
    }

    static String timestampText(LocalDateTime ts) {
        StringBuilder sb = new StringBuilder(26);
        sb.append(dateText(ts.toLocalDate())).append(' ');
        two(sb, ts.getHour()).append(':');
        two(sb, ts.getMinute()).append(':');
        two(sb, ts.getSecond());
        fraction(sb, ts.getNano());
        return sb.toString();
    }

    private static StringBuilder two(StringBuilder sb, long v) {
        if (v < 10) {
            sb.append('0');
        }
        return sb.append(v);
    }

    /** Appends ".ffffff" without trailing zeros (microseconds, as PostgreSQL keeps), or nothing for zero. */
    private static void fraction(StringBuilder sb, int nanos) {
        int micros = nanos / 1000;
        if (micros == 0) {
            return;
        }
        String f = String.format(Locale.ROOT, "%06d", micros);
        int end = f.length();
        while (f.charAt(end - 1) == '0') {
            end--;
        }
        sb.append('.').append(f, 0, end);
    }

    /** IntervalStyle postgres: {@code 1 year 2 mons 3 days 04:05:06.5}. */
    static String intervalText(Object v) {
        StringBuilder sb = new StringBuilder();
        if (v instanceof Period) {
            Period p = (Period) v;
            long months = p.toTotalMonths();
            long years = months / 12;
            months %= 12;
            unit(sb, years, "year", "years");
            unit(sb, months, "mon", "mons");
            unit(sb, p.getDays(), "day", "days");
            return sb.length() == 0 ? "00:00:00" : sb.toString();
        }
        Duration d = (Duration) v;
        long days = d.toDays();
        Duration rest = d.minusDays(days);
        unit(sb, days, "day", "days");
        if (!rest.isZero() || sb.length() == 0) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            if (rest.isNegative()) {
                sb.append('-');
                rest = rest.negated();
            }
            two(sb, rest.toHours()).append(':');
            two(sb, rest.toMinutesPart()).append(':');
            two(sb, rest.toSecondsPart());
            fraction(sb, rest.toNanosPart());
        }
        return sb.toString();
    }

    private static void unit(StringBuilder sb, long n, String one, String many) {
        if (n == 0) {
            return;
        }
        if (sb.length() > 0) {
            sb.append(' ');
        }
        sb.append(n).append(' ').append(n == 1 || n == -1 ? one : many);
    }

    /** float8out with extra_float_digits > 0: the shortest text that reads back as the same double. */
    static String doubleText(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        return shortest(Double.toString(d), d == 0, 15);
    }

    static String floatText(float f) {
        if (Float.isNaN(f)) {
            return "NaN";
        }
        if (Float.isInfinite(f)) {
            return f > 0 ? "Infinity" : "-Infinity";
        }
        return shortest(Float.toString(f), f == 0, 6);
    }

    /** Java's shortest digits in PostgreSQL's layout: plain unless the exponent is below -4 or at least maxPlain. */
    private static String shortest(String javaText, boolean zero, int maxPlain) {
        if (zero) {
            return javaText.startsWith("-") ? "-0" : "0";
        }
        BigDecimal bd = new BigDecimal(javaText).stripTrailingZeros();
        int exponent = bd.precision() - bd.scale() - 1;
        if (exponent >= -4 && exponent < maxPlain) {
            return bd.toPlainString();
        }
        String digits = bd.unscaledValue().abs().toString();
        StringBuilder sb = new StringBuilder();
        if (bd.signum() < 0) {
            sb.append('-');
        }
        sb.append(digits.charAt(0));
        if (digits.length() > 1) {
            sb.append('.').append(digits, 1, digits.length());
        }
        sb.append('e').append(exponent < 0 ? '-' : '+');
        int e = Math.abs(exponent);
        if (e < 10) {
            sb.append('0');
        }
        return sb.append(e).toString();
    }
}
