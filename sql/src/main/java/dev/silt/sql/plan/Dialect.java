package dev.silt.sql.plan;

import java.util.Locale;

/**
 * Token-level adjustments to the query text before Calcite parses it, for functions whose Trino spelling Calcite's
 * grammar reserves for another dialect: {@code date_diff(unit, a, b)} (Calcite parses BigQuery's {@code
 * DATE_DIFF(a, b, unit)}, whose last argument must be a bare unit) is renamed to {@code date$diff}, a name of the
 * same length so that error positions stay right. Text in string literals, quoted identifiers and comments is
 * left alone.
 */
final class Dialect {
    /** The internal spelling {@link SiltOperatorTable} resolves as Trino's {@code date_diff}. */
    static final String DATE_DIFF = "date$diff";

    private Dialect() {}

    static String rewrite(String sql) {
        if (!sql.toLowerCase(Locale.ROOT).contains("date_diff")) {
            return sql;
        }
        StringBuilder out = new StringBuilder(sql.length());
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            int end;
            if (c == '\'' || c == '"') {
                end = closing(sql, i, c);
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int nl = sql.indexOf('\n', i);
                end = nl < 0 ? n : nl;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int close = sql.indexOf("*/", i + 2);
                end = close < 0 ? n : close + 2;
            } else if (Character.isLetter(c) || c == '_') {
                end = i;
                while (end < n && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_')) {
                    end++;
                }
                String word = sql.substring(i, end);
                if (word.equalsIgnoreCase("date_diff") && nextNonSpace(sql, end) == '(') {
                    out.append(DATE_DIFF);
                    i = end;
                    continue;
                }
            } else {
                end = i + 1;
            }
            out.append(sql, i, end);
            i = end;
        }
        return out.toString();
    }

    /** A message about the rewritten text, in the user's spelling. */
    static String userText(String message) {
        return message == null
                ? null
                : message.replace(DATE_DIFF.toUpperCase(Locale.ROOT), "DATE_DIFF")
                        .replace(DATE_DIFF, "date_diff");
    }

    /** The index after the quote closing the one at {@code start} (a doubled quote is an escaped one). */
    private static int closing(String sql, int start, char quote) {
        int i = start + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }

    private static char nextNonSpace(String sql, int from) {
        for (int i = from; i < sql.length(); i++) {
            if (!Character.isWhitespace(sql.charAt(i))) {
                return sql.charAt(i);
            }
        }
        return 0;
    }
}
