package dev.silt.sql.pgwire.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns Bind parameter values (text or binary, by declared type OID) into SQL literals the engine parses, so a
 * prepared statement runs as the same plan text with constants in place of {@code $n}. Every value is validated
 * against its type first, which also keeps a parameter from ever being read as SQL. Stateless.
 */
final class PgParameters {
    /** Dates and timestamps as clients send them untyped: an optional time, an optional UTC offset or zone. */
    private static final Pattern DATETIME = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2})(?:[ T](\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?))?\\s*(?:[+-]\\d{2}(?::?\\d{2}){0,2}|Z)?(?: BC)?");

    private PgParameters() {}

    /** The literal for parameter bytes {@code value} (null for SQL NULL) of type {@code oid} in {@code format}. */
    static String literal(int oid, int format, byte[] value) {
        if (value == null) {
            String type = sqlType(oid);
            return type == null ? "NULL" : "CAST(NULL AS " + type + ")";
        }
        String literal = format == 1 ? binaryLiteral(oid, value) : textLiteral(oid, value);
        // a bare 5 is an INTEGER and 2.5E0 a DOUBLE: the cast keeps the type the statement was described with
        switch (oid) {
            case PgTypes.INT2:
            case PgTypes.INT8:
            case PgTypes.FLOAT4:
                return literal.startsWith("CAST(") ? literal : "CAST(" + literal + " AS " + sqlType(oid) + ")";
            default:
                return literal;
        }
    }

    private static String textLiteral(int oid, byte[] value) {
        String text = new String(value, StandardCharsets.UTF_8);
        try {
            return textLiteral(oid, text);
        } catch (NumberFormatException | java.time.DateTimeException e) {
            throw new BadParameter("invalid input syntax for type " + typeName(oid) + ": \"" + text + "\"", e);
        }
    }

    private static String textLiteral(int oid, String text) {
        switch (oid) {
            case PgTypes.BOOL:
                return bool(text);
            case PgTypes.INT2:
            case PgTypes.INT4:
            case PgTypes.INT8:
            case PgTypes.OID:
                return bigint(Long.parseLong(text.strip()));
            case PgTypes.NUMERIC:
                return signed(new BigDecimal(text.strip()).toPlainString());
            case PgTypes.FLOAT4:
            case PgTypes.FLOAT8:
                return doubleLiteral(Double.parseDouble(text.strip()));
            case PgTypes.DATE:
                return "DATE " + SqlText.quote(PgTypes.dateText(LocalDate.parse(datePart(text))));
            case PgTypes.TIMESTAMP:
            case PgTypes.TIMESTAMPTZ:
                return "TIMESTAMP " + SqlText.quote(dateTime(text));
            case PgTypes.BYTEA:
                throw new BadParameter("bytea parameters are not supported", null, "0A000");
            default:
                // text, varchar, unknown: a string the engine coerces where the context wants another type
                return SqlText.quote(untypedText(text));
        }
    }

    /** Untyped date/time text as pgjdbc sends it ("2024-01-02 03:04:05+01") loses its offset, as PostgreSQL's
     * {@code timestamp} input does; other text passes unchanged. */
    private static String untypedText(String text) {
        Matcher m = DATETIME.matcher(text.strip());
        if (!m.matches()) {
            return text;
        }
        return m.group(2) == null ? m.group(1) : m.group(1) + " " + m.group(2);
    }

    private static String datePart(String text) {
        Matcher m = DATETIME.matcher(text.strip());
        if (!m.matches()) {
            throw new BadParameter("invalid input syntax for type date: \"" + text + "\"", null);
        }
        return m.group(1);
    }

    private static String dateTime(String text) {
        Matcher m = DATETIME.matcher(text.strip());
        if (!m.matches()) {
            throw new BadParameter("invalid input syntax for type timestamp: \"" + text + "\"", null);
        }
        String time = m.group(2) == null ? "00:00:00" : m.group(2);
        LocalDateTime ts = LocalDateTime.parse(m.group(1) + "T" + time);
        return PgTypes.timestampText(ts);
    }

    private static String binaryLiteral(int oid, byte[] value) {
        ByteBuf b = Unpooled.wrappedBuffer(value);
        try {
            switch (oid) {
                case PgTypes.BOOL:
                    need(value, 1, oid);
                    return b.readByte() != 0 ? "TRUE" : "FALSE";
                case PgTypes.INT2:
                    need(value, 2, oid);
                    return signed(Short.toString(b.readShort()));
                case PgTypes.INT4:
                case PgTypes.OID:
                    need(value, 4, oid);
                    return signed(Integer.toString(b.readInt()));
                case PgTypes.INT8:
                    need(value, 8, oid);
                    return bigint(b.readLong());
                case PgTypes.FLOAT4:
                    need(value, 4, oid);
                    return doubleLiteral(b.readFloat());
                case PgTypes.FLOAT8:
                    need(value, 8, oid);
                    return doubleLiteral(b.readDouble());
                case PgTypes.NUMERIC:
                    return signed(PgNumeric.read(b, value.length).toPlainString());
                case PgTypes.DATE:
                    need(value, 4, oid);
                    return "DATE " + SqlText.quote(PgTypes.dateText(PgTypes.dateFromDays(b.readInt())));
                case PgTypes.TIMESTAMP:
                case PgTypes.TIMESTAMPTZ:
                    need(value, 8, oid);
                    return "TIMESTAMP "
                            + SqlText.quote(PgTypes.timestampText(PgTypes.timestampFromMicros(b.readLong())));
                case PgTypes.TEXT:
                case PgTypes.VARCHAR:
                case PgTypes.BPCHAR:
                case PgTypes.UNKNOWN:
                case 0:
                    return SqlText.quote(new String(value, StandardCharsets.UTF_8));
                default:
                    throw new BadParameter(
                            "binary parameters of type " + typeName(oid) + " are not supported", null, "0A000");
            }
        } catch (IllegalArgumentException
                | IndexOutOfBoundsException
                | ArithmeticException
                | java.time.DateTimeException e) {
            if (e instanceof BadParameter) {
                throw e;
            }
            throw new BadParameter("malformed binary value for type " + typeName(oid) + ": " + e.getMessage(), e);
        }
    }

    private static void need(byte[] value, int len, int oid) {
        if (value.length != len) {
            throw new BadParameter("binary " + typeName(oid) + " must be " + len + " bytes, got " + value.length, null);
        }
    }

    private static String bool(String text) {
        switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "t":
            case "true":
            case "y":
            case "yes":
            case "on":
            case "1":
                return "TRUE";
            case "f":
            case "false":
            case "n":
            case "no":
            case "off":
            case "0":
                return "FALSE";
            default:
                throw new BadParameter("invalid input syntax for type boolean: \"" + text + "\"", null);
        }
    }

    /** Past 18 digits a bare literal is a DECIMAL the engine cannot hold: such values are cast from text. */
    private static String bigint(long v) {
        return Math.abs(v) < 1_000_000_000_000_000_000L && v != Long.MIN_VALUE
                ? signed(Long.toString(v))
                : "CAST('" + v + "' AS BIGINT)";
    }

    private static String signed(String n) {
        return n.startsWith("-") ? "(" + n + ")" : n;
    }

    private static String doubleLiteral(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new BadParameter("NaN and infinite floating-point parameters are not supported", null, "0A000");
        }
        // an exponent makes the literal a DOUBLE rather than a DECIMAL
        String s = Double.toString(d);
        return signed(s.contains("E") ? s : s + "E0");
    }

    /** The engine's type name for a declared parameter type, or null when the OID gives none. */
    static String sqlType(int oid) {
        switch (oid) {
            case PgTypes.BOOL:
                return "BOOLEAN";
            case PgTypes.INT2:
                return "SMALLINT";
            case PgTypes.INT4:
                return "INTEGER";
            case PgTypes.INT8:
                return "BIGINT";
            case PgTypes.FLOAT4:
                return "REAL";
            case PgTypes.FLOAT8:
                return "DOUBLE";
            case PgTypes.NUMERIC:
                return "DECIMAL(18, 6)";
            case PgTypes.TEXT:
            case PgTypes.VARCHAR:
                return "VARCHAR";
            case PgTypes.DATE:
                return "DATE";
            case PgTypes.TIMESTAMP:
            case PgTypes.TIMESTAMPTZ:
                return "TIMESTAMP";
            default:
                return null;
        }
    }

    static String typeName(int oid) {
        switch (oid) {
            case PgTypes.BOOL:
                return "boolean";
            case PgTypes.BYTEA:
                return "bytea";
            case PgTypes.INT2:
                return "smallint";
            case PgTypes.INT4:
                return "integer";
            case PgTypes.INT8:
                return "bigint";
            case PgTypes.FLOAT4:
                return "real";
            case PgTypes.FLOAT8:
                return "double precision";
            case PgTypes.NUMERIC:
                return "numeric";
            case PgTypes.DATE:
                return "date";
            case PgTypes.TIMESTAMP:
                return "timestamp";
            case PgTypes.TIMESTAMPTZ:
                return "timestamp with time zone";
            case PgTypes.INTERVAL:
                return "interval";
            default:
                return "oid " + oid;
        }
    }

    /** A parameter value that does not fit its declared type; SQLSTATE 22P02 unless said otherwise. */
    static final class BadParameter extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        final String sqlState;

        BadParameter(String message, Throwable cause) {
            this(message, cause, "22P02");
        }

        BadParameter(String message, Throwable cause, String sqlState) {
            super(message, cause);
            this.sqlState = sqlState;
        }
    }
}
