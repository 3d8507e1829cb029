package dev.silt.sql;

import dev.silt.sql.spi.ColumnType;
import java.util.List;

/**
 * The outcome of one statement: for a query, its column names, types and rows (Java values: Boolean, Integer,
 * Long, Float, Double, BigDecimal, String, LocalDate, LocalDateTime, Period, Duration, or null); for DDL/DML, no
 * columns and the number of rows affected. Immutable.
 */
public final class QueryResult {
    private final List<String> columnNames;
    private final List<ColumnType> columnTypes;
    private final List<List<Object>> rows;
    private final long updateCount;

    QueryResult(List<String> columnNames, List<ColumnType> columnTypes, List<List<Object>> rows, long updateCount) {
        this.columnNames = List.copyOf(columnNames);
        this.columnTypes = List.copyOf(columnTypes);
        this.rows = rows;
        this.updateCount = updateCount;
    }

    static QueryResult update(long count) {
        return new QueryResult(List.of(), List.of(), List.of(), count);
    }

    public List<String> columnNames() {
        return columnNames;
    }

    public List<ColumnType> columnTypes() {
        return columnTypes;
    }

    /** Rows, each a list of column values (unmodifiable lists that may hold nulls). */
    public List<List<Object>> rows() {
        return rows;
    }

    /** Rows inserted for INSERT/CREATE TABLE AS, 0 for other DDL, -1 for queries. */
    public long updateCount() {
        return updateCount;
    }

    public boolean isQuery() {
        return updateCount < 0;
    }
}
