package dev.silt.sql.pgwire.internal;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Classifies the engine's error messages into PostgreSQL SQLSTATE codes, so clients can react by code (pgjdbc's
 * {@code SQLException.getSQLState()}, psql's {@code \errverbose}), and finds the error position in the query
 * text. Stateless.
 */
public final class SqlStates {
    public static final String SYNTAX_ERROR = "42601";
    public static final String UNDEFINED_TABLE = "42P01";
    public static final String UNDEFINED_COLUMN = "42703";
    public static final String UNDEFINED_FUNCTION = "42883";
    public static final String DUPLICATE_TABLE = "42P07";
    public static final String DIVISION_BY_ZERO = "22012";
    public static final String NUMERIC_OUT_OF_RANGE = "22003";
    public static final String INVALID_TEXT = "22P02";
    public static final String NOT_NULL_VIOLATION = "23502";
    public static final String CARDINALITY = "21000";
    public static final String QUERY_CANCELED = "57014";
    public static final String OUT_OF_MEMORY = "53200";
    public static final String TOO_MANY_CONNECTIONS = "53300";
    public static final String FEATURE_NOT_SUPPORTED = "0A000";
    public static final String PROTOCOL_VIOLATION = "08P01";
    public static final String INVALID_PASSWORD = "28P01";
    public static final String INVALID_AUTHORIZATION = "28000";
    public static final String IN_FAILED_TRANSACTION = "25P02";
    public static final String UNDEFINED_PREPARED_STATEMENT = "26000";
    public static final String UNDEFINED_CURSOR = "34000";
    public static final String DUPLICATE_PREPARED_STATEMENT = "42P05";
    public static final String UNDEFINED_OBJECT = "42704";
    public static final String INVALID_PARAMETER_VALUE = "22023";
    public static final String SYNTAX_OR_ACCESS = "42000";
    public static final String INTERNAL = "XX000";

    private static final Pattern LINE_COLUMN = Pattern.compile("line (\\d+), column (\\d+)");

    private SqlStates() {}

    /** The SQLSTATE for an engine error message. */
    public static String of(String message) {
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (m.contains("query was cancelled") || m.contains("query was interrupted")) {
            return QUERY_CANCELED;
        }
        if (m.contains("memory limit")) {
            return OUT_OF_MEMORY;
        }
        if (m.contains("division by zero") || m.contains("divide by zero")) {
            return DIVISION_BY_ZERO;
        }
        if (m.contains("out of range") || m.contains("overflow") || m.contains("does not fit")) {
            return NUMERIC_OUT_OF_RANGE;
        }
        if (m.startsWith("syntax error") || m.contains("non-query expression encountered")) {
            return SYNTAX_ERROR;
        }
        if (m.startsWith("internal error")) {
            return INTERNAL;
        }
        if (m.matches("(?s).*\\b(object|table) '[^']*' not found.*")
                || m.matches("(?s).*\\b(table|view) \\S+ does not exist.*")) {
            return UNDEFINED_TABLE;
        }
        if (m.matches("(?s).*\\bcolumn '[^']*' not found.*") || m.matches("(?s).*\\bcolumn \\S+ does not exist.*")) {
            return UNDEFINED_COLUMN;
        }
        if (m.contains("no match found for function signature") || m.contains("cannot apply")) {
            return UNDEFINED_FUNCTION;
        }
        if (m.contains("already exists")) {
            return DUPLICATE_TABLE;
        }
        if (m.contains("violates not null") || m.contains("null value in column")) {
            return NOT_NULL_VIOLATION;
        }
        if (m.contains("more than one row returned")) {
            return CARDINALITY;
        }
        if (m.contains("cannot cast") || m.contains("invalid input syntax")) {
            return INVALID_TEXT;
        }
        if (m.contains("not supported")) {
            return FEATURE_NOT_SUPPORTED;
        }
        if (LINE_COLUMN.matcher(m).find()) {
            return SYNTAX_OR_ACCESS;
        }
        return INTERNAL;
    }

    /**
     * The 1-based character position in {@code statement} named by "line L, column C" in {@code message}, plus
     * {@code offset} (where the statement starts in the client's text), or 0 when the message names none.
     */
    public static int position(String message, String statement, int offset) {
        if (message == null) {
            return 0;
        }
        Matcher mm = LINE_COLUMN.matcher(message);
        if (!mm.find()) {
            return 0;
        }
        int line;
        int column;
        try {
            line = Integer.parseInt(mm.group(1));
            column = Integer.parseInt(mm.group(2));
        } catch (NumberFormatException e) {
            return 0;
        }
        int index = 0;
        for (int l = 1; l < line; l++) {
            int nl = statement.indexOf('\n', index);
            if (nl < 0) {
                return 0;
            }
            index = nl + 1;
        }
        int p = index + column;
        return p > statement.length() + 1 ? 0 : p + offset;
    }
}
