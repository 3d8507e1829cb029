package dev.silt.sql.exec;

import dev.silt.sql.spi.ColumnType;
import dev.silt.sql.spi.ConnectorTable;
import dev.silt.sql.spi.PageSource;
import dev.silt.sql.spi.ScanSpec;
import dev.silt.sql.spi.Split;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/**
 * Reads a connector table. Workers take splits from a shared counter (so a slow split does not hold up a worker
 * that finished early). Projection, predicates and limit go to the connector when it has the capability; without
 * {@link ConnectorTable.ProjectionPushdown} the scan picks the columns out itself.
 */
public final class TableScan extends PlanNode {
    private final String name;
    private final ConnectorTable table;
    private final ScanSpec spec;
    private final int[] pick;
    private List<Split> splits;
    private AtomicInteger nextSplit;

    /**
     * @param pick when the connector returns all columns, which of them to output; null when the connector
     *     already projects
     */
    public TableScan(String name, ConnectorTable table, ScanSpec spec, int[] pick, List<ColumnType> types) {
        super(types, true);
        this.name = name;
        this.table = table;
        this.spec = spec;
        this.pick = pick == null ? null : pick.clone();
    }

    @Override
    public List<PlanNode> children() {
        return List.of();
    }

    @Override
    public void prepare(QueryContext query) {
        splits = table.splits(query.workers());
        nextSplit = new AtomicInteger();
    }

    @Override
    public String describe() {
        return "TableScan(" + name + ", " + spec + (pick == null ? "" : ", engine projects " + Arrays.toString(pick))
                + ")";
    }

    @Override
    public Operator open(TaskContext task) {
        return new Operator() {
            private PageSource source;
            private final VectorizedRowBatch projected =
                    pick == null ? null : new VectorizedRowBatch(pick.length, Vectors.BATCH);

            @Override
            public VectorizedRowBatch next() {
                while (true) {
                    task.query().checkCancelled();
                    if (source == null) {
                        int i = nextSplit.getAndIncrement();
                        if (i >= splits.size()) {
                            return null;
                        }
                        source = table.open(splits.get(i), spec);
                    }
                    VectorizedRowBatch b = source.next();
                    if (b == null) {
                        source.close();
                        source = null;
                        continue;
                    }
                    for (int c = 0; c < b.numCols; c++) {
                        Vectors.flatten(b.cols[c], b.size);
                    }
                    if (pick == null) {
                        return b;
                    }
                    for (int c = 0; c < pick.length; c++) {
                        projected.cols[c] = b.cols[pick[c]];
                    }
                    projected.size = b.size;
                    projected.selectedInUse = b.selectedInUse;
                    projected.selected = b.selected;
                    return projected;
                }
            }

            @Override
            public void close() {
                if (source != null) {
                    source.close();
                    source = null;
                }
            }
        };
    }
}
