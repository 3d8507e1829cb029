package dev.silt.sql.exec.expr;

import dev.silt.sql.SqlException;
import dev.silt.sql.spi.ColumnType;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;

/**
 * REGEXP_LIKE, REGEXP_EXTRACT and REGEXP_REPLACE (Java regular expressions, which Trino's dialect follows). A
 * constant pattern is compiled once when the expression is built, so a bad one fails before any row is read; a
 * pattern that varies by row is compiled when it changes.
 */
public final class RegexFunctions {
    private RegexFunctions() {}

    static Pattern compile(String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new SqlException(
                    SqlException.INVALID_REGULAR_EXPRESSION,
                    "invalid regular expression '" + regex + "': " + e.getDescription(),
                    e);
        }
    }

    /** The pattern of one row: the constant one, or the row's (recompiled only when it changes). */
    abstract static class RegexFn extends StringFunctions.Fn {
        private final Pattern constant;
        private String lastRegex;
        private Pattern last;

        RegexFn(ColumnType type, List<Expr> args) {
            super(type, args);
            Expr p = args.get(1);
            this.constant = p.isConstant() && ((Expr.Literal) p).value() != null
                    ? compile(((Expr.Literal) p).value().toString())
                    : null;
        }

        final Matcher matcher(ColumnVector[] in, int i) {
            Pattern p = constant;
            if (p == null) {
                String regex = StringFunctions.string((BytesColumnVector) in[1], i);
                if (!regex.equals(lastRegex)) {
                    last = compile(regex);
                    lastRegex = regex;
                }
                p = last;
            }
            return p.matcher(StringFunctions.string((BytesColumnVector) in[0], i));
        }
    }

    /** REGEXP_LIKE(s, pattern): whether the pattern matches anywhere in s. */
    public static final class Like extends RegexFn {
        public Like(ColumnType type, Expr s, Expr pattern) {
            super(type, List.of(s, pattern));
        }

        @Override
        void compute(ColumnVector[] in, int[] rows, int n) {
            long[] r = ((LongColumnVector) out).vector;
            for (int j = 0; j < n; j++) {
                int i = rows[j];
                if (!skip(i)) {
                    r[i] = matcher(in, i).find() ? 1 : 0;
                }
            }
        }
    }

    /** REGEXP_EXTRACT(s, pattern [, group]): the first match (or its group); NULL when nothing matches. */
    public static final class Extract extends RegexFn {
        public Extract(ColumnType type, Expr s, Expr pattern, Expr group) {
            super(type, group == null ? List.of(s, pattern) : List.of(s, pattern, group));
        }

        @Override
        void compute(ColumnVector[] in, int[] rows, int n) {
            long[] group = in.length > 2 ? ((LongColumnVector) in[2]).vector : null;
            BytesColumnVector o = (BytesColumnVector) out;
            for (int j = 0; j < n; j++) {
                int i = rows[j];
                if (skip(i)) {
                    continue;
                }
                Matcher m = matcher(in, i);
                long g = group == null ? 0 : group[i];
                if (g < 0 || g > m.groupCount()) {
                    throw new SqlException(
                            SqlException.INVALID_PARAMETER_VALUE,
                            "regexp_extract: pattern has " + m.groupCount() + " groups, cannot extract group " + g,
                            null);
                }
                String hit = m.find() ? m.group((int) g) : null;
                if (hit == null) {
                    setNull(i);
                } else {
                    StringFunctions.setString(o, i, hit);
                }
            }
        }
    }

    /** REGEXP_REPLACE(s, pattern [, replacement]): every match replaced ($1 names a group); removed by default. */
    public static final class Replace extends RegexFn {
        public Replace(ColumnType type, Expr s, Expr pattern, Expr replacement) {
            super(type, replacement == null ? List.of(s, pattern) : List.of(s, pattern, replacement));
        }

        @Override
        void compute(ColumnVector[] in, int[] rows, int n) {
            BytesColumnVector o = (BytesColumnVector) out;
            for (int j = 0; j < n; j++) {
                int i = rows[j];
                if (skip(i)) {
                    continue;
                }
                String rep = in.length > 2 ? StringFunctions.string((BytesColumnVector) in[2], i) : "";
                try {
                    StringFunctions.setString(o, i, matcher(in, i).replaceAll(rep));
                } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                    throw new SqlException(
                            SqlException.INVALID_PARAMETER_VALUE,
                            "regexp_replace: invalid replacement '" + rep + "': " + e.getMessage(),
                            e);
                }
            }
        }
    }
}
