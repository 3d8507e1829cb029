package dev.silt.sql.exec.expr;

import dev.silt.sql.SqlException;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.format.SignStyle;
import java.time.format.TextStyle;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * MySQL's {@code %} format specifiers (as Trino's DATE_FORMAT and DATE_PARSE take them) translated to a
 * {@link DateTimeFormatter}: %Y %y %m %c %d %e %H %k %h %I %l %i %s %S %f %p %b %M %a %W %j %T %r %%.
 * Fields missing from a parsed text default to 1970-01-01 00:00:00. Month and day names are English, as MySQL's.
 */
final class MySqlFormat {
    private MySqlFormat() {}

    static DateTimeFormatter formatter(String format) {
        return build(format).toFormatter(Locale.ENGLISH).withResolverStyle(ResolverStyle.STRICT);
    }

    static DateTimeFormatter parser(String format) {
        DateTimeFormatterBuilder b = build(format);
        boolean hasYear = format.contains("%Y") || format.contains("%y");
        boolean hasDay = format.contains("%d") || format.contains("%e") || format.contains("%j");
        boolean hasMonth =
                format.contains("%m") || format.contains("%c") || format.contains("%b") || format.contains("%M");
        boolean hasHour = format.contains("%H")
                || format.contains("%k")
                || format.contains("%T")
                || format.contains("%r")
                || format.contains("%h")
                || format.contains("%I")
                || format.contains("%l");
        if (!hasYear) {
            b.parseDefaulting(ChronoField.YEAR, 1970);
        }
        if (!format.contains("%j")) {
            if (!hasMonth) {
                b.parseDefaulting(ChronoField.MONTH_OF_YEAR, 1);
            }
            if (!hasDay) {
                b.parseDefaulting(ChronoField.DAY_OF_MONTH, 1);
            }
        }
        if (!hasHour) {
            b.parseDefaulting(ChronoField.HOUR_OF_DAY, 0);
        }
        return b.parseDefaulting(ChronoField.MINUTE_OF_HOUR, 0)
                .parseDefaulting(ChronoField.SECOND_OF_MINUTE, 0)
                .parseDefaulting(ChronoField.NANO_OF_SECOND, 0)
                .toFormatter(Locale.ENGLISH)
                .withResolverStyle(ResolverStyle.SMART);
    }

    private static DateTimeFormatterBuilder build(String format) {
        DateTimeFormatterBuilder b = new DateTimeFormatterBuilder().parseCaseInsensitive();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%') {
                b.appendLiteral(c);
                continue;
            }
            if (++i >= format.length()) {
                throw bad(format, "ends with a lone %");
            }
            char s = format.charAt(i);
            switch (s) {
                case 'Y':
                    b.appendValue(ChronoField.YEAR, 4, 9, SignStyle.NORMAL);
                    break;
                case 'y':
                    b.appendValueReduced(ChronoField.YEAR, 2, 2, 2000);
                    break;
                case 'm':
                    b.appendValue(ChronoField.MONTH_OF_YEAR, 2);
                    break;
                case 'c':
                    b.appendValue(ChronoField.MONTH_OF_YEAR);
                    break;
                case 'd':
                    b.appendValue(ChronoField.DAY_OF_MONTH, 2);
                    break;
                case 'e':
                    b.appendValue(ChronoField.DAY_OF_MONTH);
                    break;
                case 'H':
                    b.appendValue(ChronoField.HOUR_OF_DAY, 2);
                    break;
                case 'k':
                    b.appendValue(ChronoField.HOUR_OF_DAY);
                    break;
                case 'h':
                case 'I':
                    b.appendValue(ChronoField.CLOCK_HOUR_OF_AMPM, 2);
                    break;
                case 'l':
                    b.appendValue(ChronoField.CLOCK_HOUR_OF_AMPM);
                    break;
                case 'i':
                    b.appendValue(ChronoField.MINUTE_OF_HOUR, 2);
                    break;
                case 's':
                case 'S':
                    b.appendValue(ChronoField.SECOND_OF_MINUTE, 2);
                    break;
                case 'f':
                    b.appendValue(ChronoField.MICRO_OF_SECOND, 6);
                    break;
                case 'p':
                    b.appendText(ChronoField.AMPM_OF_DAY, TextStyle.SHORT);
                    break;
                case 'b':
                    b.appendText(ChronoField.MONTH_OF_YEAR, TextStyle.SHORT);
                    break;
                case 'M':
                    b.appendText(ChronoField.MONTH_OF_YEAR, TextStyle.FULL);
                    break;
                case 'a':
                    b.appendText(ChronoField.DAY_OF_WEEK, TextStyle.SHORT);
                    break;
                case 'W':
                    b.appendText(ChronoField.DAY_OF_WEEK, TextStyle.FULL);
                    break;
                case 'j':
                    b.appendValue(ChronoField.DAY_OF_YEAR, 3);
                    break;
                case 'T':
                    b.appendPattern("HH:mm:ss");
                    break;
                case 'r':
                    b.appendPattern("hh:mm:ss a");
                    break;
                case '%':
                    b.appendLiteral('%');
                    break;
                default:
                    throw bad(format, "specifier %" + s + " is not supported");
            }
        }
        return b;
    }

    private static SqlException bad(String format, String why) {
        return new SqlException(
                SqlException.INVALID_DATETIME_FORMAT, "invalid date/time format '" + format + "': " + why, null);
    }
}
