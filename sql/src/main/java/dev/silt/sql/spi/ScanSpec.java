package dev.silt.sql.spi;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

/**
 * What the engine asks of one scan. The engine fills only the parts the table's capabilities accept (see {@link
 * ProjectionPushdown}, {@link PredicatePushdown}, {@link LimitPushdown}); for a table without a capability the
 * field holds the neutral value (all columns, no predicates, no limit) and the engine does that work itself.
 * Immutable.
 */
public final class ScanSpec {
    private final int[] columns;
    private final List<ColumnPredicate> predicates;
    private final OptionalLong limit;

    public ScanSpec(int[] columns, List<ColumnPredicate> predicates, OptionalLong limit) {
        this.columns = columns.clone();
        this.predicates = List.copyOf(predicates);
        this.limit = limit;
    }

    /** Table column indexes the batches must hold, in this order. */
    public int[] columns() {
        return columns.clone();
    }

    /**
     * Conjuncts the page source may use to skip rows; it may return rows that fail them (the engine filters
     * again) but must never drop a row that passes them all.
     */
    public List<ColumnPredicate> predicates() {
        return predicates;
    }

    /** Rows the page source may stop after (per split); it may return more. */
    public OptionalLong limit() {
        return limit;
    }

    @Override
    public String toString() {
        return "columns=" + Arrays.toString(columns)
                + (predicates.isEmpty() ? "" : " predicates=" + predicates)
                + (limit.isPresent() ? " limit=" + limit.getAsLong() : "");
    }
}
