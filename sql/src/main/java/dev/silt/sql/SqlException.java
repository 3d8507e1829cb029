package dev.silt.sql;

/**
 * A user-facing SQL error: bad syntax, an unknown name, a type mismatch, a run-time error such as division by
 * zero, a cancelled query or an exceeded memory limit. The message is one clear sentence naming what is wrong
 * (with line and column for errors in the query text); no stack trace needs to reach the user.
 *
 * <p>Each error carries a five-character SQLSTATE as PostgreSQL defines them (for example {@link
 * #DIVISION_BY_ZERO} or {@link #NUMERIC_VALUE_OUT_OF_RANGE}), so wire protocols can pass the class of the error on
 * to clients; an error of no more specific class reports {@link #SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION}.
 */
public class SqlException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** 22012: a division (or modulo) by zero. */
    public static final String DIVISION_BY_ZERO = "22012";
    /** 22003: a value out of the range of its type (integer or DECIMAL overflow). */
    public static final String NUMERIC_VALUE_OUT_OF_RANGE = "22003";
    /** 22P02: text that does not convert to the requested type. */
    public static final String INVALID_TEXT_REPRESENTATION = "22P02";
    /** 22023: a function argument outside the function's domain (a negative length, an unknown unit). */
    public static final String INVALID_PARAMETER_VALUE = "22023";
    /** 2201B: a malformed regular expression. */
    public static final String INVALID_REGULAR_EXPRESSION = "2201B";
    /** 22007: a date or time value, or its format, that cannot be read. */
    public static final String INVALID_DATETIME_FORMAT = "22007";
    /** 42601: the query text does not parse. */
    public static final String SYNTAX_ERROR = "42601";
    /** 42P01: a table or view that does not exist. */
    public static final String UNDEFINED_TABLE = "42P01";
    /** 42703: a column that does not exist. */
    public static final String UNDEFINED_COLUMN = "42703";
    /** 42883: a function (or operator) that does not exist for the given argument types. */
    public static final String UNDEFINED_FUNCTION = "42883";
    /** 42804: an expression of the wrong type. */
    public static final String DATATYPE_MISMATCH = "42804";
    /** 0A000: valid SQL that the engine does not implement. */
    public static final String FEATURE_NOT_SUPPORTED = "0A000";
    /** 42000: a user error of no more specific class. */
    public static final String SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION = "42000";
    /** XX000: a failure inside the engine. */
    public static final String INTERNAL_ERROR = "XX000";

    private final String sqlState;

    public SqlException(String message) {
        this(SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION, message, null);
    }

    public SqlException(String message, Throwable cause) {
        this(SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION, message, cause);
    }

    /** An error of the given SQLSTATE class (one of the constants above). */
    public SqlException(String sqlState, String message, Throwable cause) {
        super(message, cause);
        if (sqlState == null || sqlState.length() != 5) {
            throw new IllegalArgumentException("SQLSTATE must have five characters: " + sqlState);
        }
        this.sqlState = sqlState;
    }

    /** The error's five-character SQLSTATE. */
    public String sqlState() {
        return sqlState;
    }
}
