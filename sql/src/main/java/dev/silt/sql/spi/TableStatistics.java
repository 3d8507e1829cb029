package dev.silt.sql.spi;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What a connector knows about a table's data, for the optimizer (join order, build side, parallelism). Every
 * figure is optional: unknown is always allowed, a wrong figure only costs speed, never correctness. Immutable.
 */
public final class TableStatistics {
    private static final TableStatistics UNKNOWN = new TableStatistics(OptionalDouble.empty(), Map.of());

    private final OptionalDouble rowCount;
    private final Map<String, ColumnStatistics> columns;

    public TableStatistics(OptionalDouble rowCount, Map<String, ColumnStatistics> columns) {
        this.rowCount = rowCount;
        this.columns = Map.copyOf(columns);
    }

    public static TableStatistics unknown() {
        return UNKNOWN;
    }

    public static TableStatistics ofRowCount(double rowCount) {
        return new TableStatistics(OptionalDouble.of(rowCount), Map.of());
    }

    public OptionalDouble rowCount() {
        return rowCount;
    }

    /** Statistics of one column by name, if known. */
    public Optional<ColumnStatistics> column(String name) {
        return Optional.ofNullable(columns.get(name));
    }

    /**
     * Per-column figures: distinct values, nulls, and min/max as Java values of the column's type (Long, Double,
     * BigDecimal, String, LocalDate). Immutable.
     */
    public static final class ColumnStatistics {
        private final OptionalDouble distinctCount;
        private final OptionalDouble nullFraction;
        private final Optional<Object> min;
        private final Optional<Object> max;

        public ColumnStatistics(
                OptionalDouble distinctCount, OptionalDouble nullFraction, Optional<Object> min, Optional<Object> max) {
            this.distinctCount = distinctCount;
            this.nullFraction = nullFraction;
            this.min = min;
            this.max = max;
        }

        public OptionalDouble distinctCount() {
            return distinctCount;
        }

        public OptionalDouble nullFraction() {
            return nullFraction;
        }

        public Optional<Object> min() {
            return min;
        }

        public Optional<Object> max() {
            return max;
        }
    }
}
