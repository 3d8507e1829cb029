package dev.silt.cli.sql;

import java.util.List;

/**
 * The outcome of one statement as the console shows it: for a query its columns and rows, for other statements
 * the number of rows affected (-1 when there is no such number). Immutable once built; rows may hold nulls.
 *
 * @param columns the result columns, empty for a statement that is not a query
 * @param rows the rows, each as many values as there are columns (Java values: numbers, strings, booleans,
 *     {@code java.time} values, or null)
 * @param updateCount rows affected by a statement that is not a query, -1 for a query or when unknown
 */
public record ResultTable(List<Column> columns, List<List<Object>> rows, long updateCount) {
    /**
     * One result column.
     *
     * @param name the column label
     * @param type the SQL type's name, for {@code \d} and the JSON format's numbers
     * @param numeric whether values are numbers (right-aligned in the table format, bare in JSON)
     */
    public record Column(String name, String type, boolean numeric) {}

    public ResultTable {
        columns = List.copyOf(columns);
    }

    public static ResultTable update(long count) {
        return new ResultTable(List.of(), List.of(), count);
    }

    public boolean isQuery() {
        return !columns.isEmpty();
    }
}
