package dev.silt.sql.pgwire.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Lexical work on SQL text that must respect quotes and comments: splitting a simple Query into statements,
 * finding and substituting {@code $n} parameters. Knows PostgreSQL's quoting: {@code '…'} with {@code ''},
 * {@code E'…'} with backslash escapes, {@code "…"} identifiers, {@code $tag$…$tag$}, {@code --} and nested
 * {@code /* *}{@code /} comments. Stateless.
 */
public final class SqlText {
    /** One statement of a Query message and where it starts in the message's text. */
    public record Statement(String text, int offset) {}

    private SqlText() {}

    /** The statements of {@code sql}, split at top-level semicolons, stripped; empty ones are left out. */
    public static List<Statement> split(String sql) {
        List<Statement> out = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == ';') {
                add(out, sql, start, i);
                start = i + 1;
                i++;
            } else {
                i = skip(sql, i);
            }
        }
        add(out, sql, start, sql.length());
        return out;
    }

    private static void add(List<Statement> out, String sql, int from, int to) {
        int a = from;
        while (a < to && Character.isWhitespace(sql.charAt(a))) {
            a++;
        }
        int b = to;
        while (b > a && Character.isWhitespace(sql.charAt(b - 1))) {
            b--;
        }
        if (b > a && !onlyComments(sql.substring(a, b))) {
            out.add(new Statement(sql.substring(a, b), a));
        }
    }

    private static boolean onlyComments(String s) {
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (s.startsWith("--", i) || s.startsWith("/*", i)) {
                i = skip(s, i);
            } else {
                return false;
            }
        }
        return true;
    }

    /** The highest {@code $n} in {@code sql}, or 0. */
    public static int maxParameter(String sql) {
        int max = 0;
        int i = 0;
        while (i < sql.length()) {
            int n = parameterAt(sql, i);
            if (n > 0) {
                max = Math.max(max, n);
                i = parameterEnd(sql, i);
            } else {
                i = skip(sql, i);
            }
        }
        return max;
    }

    /** {@code sql} with every {@code $n} replaced by {@code literal.apply(n)}. */
    public static String substitute(String sql, IntFunction<String> literal) {
        StringBuilder sb = new StringBuilder(sql.length() + 16);
        int i = 0;
        while (i < sql.length()) {
            int n = parameterAt(sql, i);
            if (n > 0) {
                int end = parameterEnd(sql, i);
                sb.append(literal.apply(n));
                i = end;
            } else {
                int next = skip(sql, i);
                sb.append(sql, i, next);
                i = next;
            }
        }
        return sb.toString();
    }

    private static int parameterAt(String sql, int i) {
        if (sql.charAt(i) != '$' || i + 1 >= sql.length() || !isDigit(sql.charAt(i + 1))) {
            return 0;
        }
        if (i > 0 && (Character.isLetterOrDigit(sql.charAt(i - 1)) || sql.charAt(i - 1) == '_')) {
            return 0; // part of an identifier such as a$1
        }
        int end = parameterEnd(sql, i);
        try {
            return Integer.parseInt(sql.substring(i + 1, end));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter number " + sql.substring(i, end) + " is too large", e);
        }
    }

    private static int parameterEnd(String sql, int i) {
        int j = i + 1;
        while (j < sql.length() && isDigit(sql.charAt(j))) {
            j++;
        }
        return j;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The index just past the token that starts at {@code i}: a quoted string, comment, or one character. */
    static int skip(String s, int i) {
        char c = s.charAt(i);
        if (c == '\'') {
            boolean backslash = i > 0
                    && (s.charAt(i - 1) == 'E' || s.charAt(i - 1) == 'e')
                    && (i < 2 || !Character.isLetterOrDigit(s.charAt(i - 2)));
            return quoted(s, i, '\'', backslash);
        }
        if (c == '"') {
            return quoted(s, i, '"', false);
        }
        if (c == '-' && s.startsWith("--", i)) {
            int nl = s.indexOf('\n', i);
            return nl < 0 ? s.length() : nl + 1;
        }
        if (c == '/' && s.startsWith("/*", i)) {
            int depth = 1;
            int j = i + 2;
            while (j < s.length() && depth > 0) {
                if (s.startsWith("/*", j)) {
                    depth++;
                    j += 2;
                } else if (s.startsWith("*/", j)) {
                    depth--;
                    j += 2;
                } else {
                    j++;
                }
            }
            return j;
        }
        if (c == '$') {
            int j = i + 1;
            while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
                j++;
            }
            boolean tagStart = j == i + 1 || !isDigit(s.charAt(i + 1));
            if (j < s.length() && s.charAt(j) == '$' && tagStart) {
                String tag = s.substring(i, j + 1);
                int close = s.indexOf(tag, j + 1);
                return close < 0 ? s.length() : close + tag.length();
            }
        }
        return i + 1;
    }

    private static int quoted(String s, int i, char q, boolean backslash) {
        int j = i + 1;
        while (j < s.length()) {
            char c = s.charAt(j);
            if (backslash && c == '\\') {
                j += 2;
            } else if (c == q) {
                if (j + 1 < s.length() && s.charAt(j + 1) == q) {
                    j += 2;
                } else {
                    return j + 1;
                }
            } else {
                j++;
            }
        }
        return s.length();
    }

    /** {@code sql} with {@code f} applied to each stretch of code between quoted strings and comments. */
    public static String rewriteCode(String sql, java.util.function.UnaryOperator<String> f) {
        StringBuilder out = new StringBuilder(sql.length());
        int codeStart = 0;
        int i = 0;
        while (i < sql.length()) {
            int next = skip(sql, i);
            if (next > i + 1) {
                out.append(f.apply(sql.substring(codeStart, i)));
                out.append(sql, i, next);
                codeStart = next;
            }
            i = next;
        }
        out.append(f.apply(sql.substring(codeStart)));
        return out.toString();
    }

    /** A SQL string literal for {@code v}: single quotes, inner quotes doubled. */
    public static String quote(String v) {
        return "'" + v.replace("'", "''") + "'";
    }
}
