package dev.silt.sql.spi;

import java.util.List;

/**
 * A readable table. The base contract reads every column of every row; optional capabilities form a ladder of
 * small interfaces a table may also implement ({@link ProjectionPushdown}, {@link PredicatePushdown}, {@link
 * LimitPushdown}), as Calcite's {@code ScannableTable} → {@code FilterableTable} does.
 *
 * <p>Threading: {@link #columns}, {@link #statistics} and {@link #splits} are called on the leader while planning;
 * {@link #open} is called on worker threads, concurrently for different splits, so implementations must be
 * thread-safe. A table object describes one version of the table for one query.
 */
public interface ConnectorTable {
    /** The table's columns, in order. */
    List<Column> columns();

    /** What is known about the data; {@link TableStatistics#unknown()} is always acceptable. */
    default TableStatistics statistics() {
        return TableStatistics.unknown();
    }

    /**
     * The splits to read, suited to {@code workers} parallel readers (a connector may return more or fewer). Every
     * row is in exactly one split.
     */
    List<Split> splits(int workers);

    /**
     * Opens one split. The caller owns the returned page source and closes it. Without {@link ProjectionPushdown}
     * the spec asks for all columns in table order.
     */
    PageSource open(Split split, ScanSpec spec);

    /** Marker of the projection capability: batches hold only {@link ScanSpec#columns()}, in that order. */
    interface ProjectionPushdown {}

    /** Marker of the predicate capability: the page source may use {@link ScanSpec#predicates()}. */
    interface PredicatePushdown {
        /** Whether offering this conjunct is worth it; the engine offers only accepted ones. */
        default boolean accepts(ColumnPredicate predicate) {
            return true;
        }
    }

    /** Marker of the limit capability: the page source may stop after {@link ScanSpec#limit()} rows. */
    interface LimitPushdown {}
}
