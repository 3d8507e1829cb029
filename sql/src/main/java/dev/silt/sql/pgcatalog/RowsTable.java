package dev.silt.sql.pgcatalog;

import dev.silt.sql.exec.Vectors;
import dev.silt.sql.spi.Column;
import dev.silt.sql.spi.ColumnType;
import dev.silt.sql.spi.ConnectorTable;
import dev.silt.sql.spi.PageSource;
import dev.silt.sql.spi.ScanSpec;
import dev.silt.sql.spi.Split;
import dev.silt.sql.spi.TableStatistics;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/**
 * A small system table computed when a query plans its scan: the rows come from a supplier called once, on the
 * leader, in {@link #splits}; one split carries them to the reader. Thread-safe.
 */
final class RowsTable implements ConnectorTable {
    private final List<Column> columns;
    private final Supplier<List<Object[]>> rows;
    private final boolean alwaysEmpty;

    RowsTable(List<Column> columns, Supplier<List<Object[]>> rows, boolean alwaysEmpty) {
        this.columns = List.copyOf(columns);
        this.rows = rows;
        this.alwaysEmpty = alwaysEmpty;
    }

    /** A catalog of things silt does not have: no rows, ever. */
    boolean alwaysEmpty() {
        return alwaysEmpty;
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    public TableStatistics statistics() {
        return TableStatistics.unknown();
    }

    @Override
    public List<Split> splits(int workers) {
        List<Object[]> all = rows.get();
        for (Object[] r : all) {
            if (r.length != columns.size()) {
                throw new IllegalStateException(
                        "system row has " + r.length + " values for " + columns.size() + " columns");
            }
        }
        return List.of(new Rows(List.copyOf(all)));
    }

    @Override
    public PageSource open(Split split, ScanSpec spec) {
        List<Object[]> all = ((Rows) split).rows;
        List<ColumnType> types = new ArrayList<>();
        for (Column c : columns) {
            types.add(c.type());
        }
        return new PageSource() {
            private int next;

            @Override
            public VectorizedRowBatch next() {
                if (next >= all.size()) {
                    return null;
                }
                int n = Math.min(BATCH_SIZE, all.size() - next);
                VectorizedRowBatch b = Vectors.allocate(types, BATCH_SIZE);
                for (int j = 0; j < n; j++) {
                    Object[] r = all.get(next + j);
                    for (int c = 0; c < types.size(); c++) {
                        Vectors.set(b.cols[c], j, types.get(c), r[c]);
                    }
                }
                b.size = n;
                next += n;
                return b;
            }

            @Override
            public void close() {
                next = all.size();
            }
        };
    }

    private static final class Rows implements Split {
        final List<Object[]> rows;

        Rows(List<Object[]> rows) {
            this.rows = rows;
        }

        @Override
        public String describe() {
            return rows.size() + " system rows";
        }
    }
}
