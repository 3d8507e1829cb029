package dev.silt.sql.spi;

import java.util.Objects;

/**
 * A simple conjunct the engine can offer a connector: {@code column OP constant}, or {@code column IS NULL}.
 * The constant is a Java value of the column's type (Long, Double, BigDecimal, String, LocalDate, Boolean).
 * Immutable.
 */
public final class ColumnPredicate {
    /** Comparison operators a connector may use to skip data. */
    public enum Op {
        EQ,
        NE,
        LT,
        LE,
        GT,
        GE,
        IS_NULL,
        IS_NOT_NULL
    }

    private final int column;
    private final Op op;
    private final Object value;

    public ColumnPredicate(int column, Op op, Object value) {
        this.column = column;
        this.op = Objects.requireNonNull(op, "op");
        this.value = value;
    }

    /** Index of the column in the table's column list (not in the projected list). */
    public int column() {
        return column;
    }

    public Op op() {
        return op;
    }

    /** The constant, or {@code null} for IS [NOT] NULL. */
    public Object value() {
        return value;
    }

    @Override
    public String toString() {
        return "#" + column + " " + op + (value == null ? "" : " " + value);
    }
}
