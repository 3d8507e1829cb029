package dev.silt.sql.plan;

import dev.silt.sql.SqlException;

/** The SQLSTATE of a validation error, read from the validator's message (Calcite has no error codes). */
final class ErrorStates {
    private ErrorStates() {}

    static String ofValidation(String message) {
        if (message == null) {
            return SqlException.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION;
        }
        if (message.startsWith("Object '") || message.startsWith("Table '")) {
            return SqlException.UNDEFINED_TABLE;
        }
        if (message.startsWith("Column '") && message.contains("not found")) {
            return SqlException.UNDEFINED_COLUMN;
        }
        if (message.startsWith("No match found for function signature")
                || message.startsWith("Cannot apply")
                || message.contains("Invalid number of arguments")) {
            return SqlException.UNDEFINED_FUNCTION;
        }
        if (message.startsWith("Cast function cannot convert")
                || message.contains("must be boolean")
                || message.contains("Cannot assign")
                || message.contains("incompatible")) {
            return SqlException.DATATYPE_MISMATCH;
        }
        return SqlException.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION;
    }
}
