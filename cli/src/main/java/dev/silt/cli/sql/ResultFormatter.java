package dev.silt.cli.sql;

/** Writes one result in one format. Implementations are stateless and thread-safe. */
public interface ResultFormatter {
    /**
     * Appends {@code table} (a query's result; statements that are not queries are not formatted) to {@code out}.
     *
     * @param nullText how a NULL looks in formats that have no NULL of their own (aligned, vertical)
     * @param footer whether to end with a row count, where the format has one
     */
    void format(ResultTable table, String nullText, boolean footer, StringBuilder out);
}
