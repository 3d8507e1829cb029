package dev.silt.sql.tpch;

import dev.silt.sql.spi.Column;
import dev.silt.sql.spi.ConnectorTable;
import dev.silt.sql.spi.PageSource;
import dev.silt.sql.spi.ScanSpec;
import dev.silt.sql.spi.Split;
import dev.silt.sql.spi.TableStatistics;
import io.trino.tpch.TpchColumn;
import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/** One TPC-H table at one scale factor; split into generator parts. Immutable and thread-safe. */
final class GeneratedTable implements ConnectorTable, ConnectorTable.ProjectionPushdown, ConnectorTable.LimitPushdown {
    private static final Map<String, Double> BASE_ROWS = Map.of(
            "lineitem", 6_000_000.0,
            "orders", 1_500_000.0,
            "customer", 150_000.0,
            "part", 200_000.0,
            "partsupp", 800_000.0,
            "supplier", 10_000.0,
            "nation", 25.0,
            "region", 5.0);
    private static final double ROWS_PER_SPLIT = 200_000;

    private final TpchTable<?> table;
    private final double scaleFactor;
    private final List<Column> columns;

    GeneratedTable(TpchTable<?> table, double scaleFactor) {
        this.table = table;
        this.scaleFactor = scaleFactor;
        this.columns = TpchConnector.columns(table);
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    private double rows() {
        double base = BASE_ROWS.getOrDefault(table.getTableName(), 1000.0);
        return base < 100 ? base : base * scaleFactor;
    }

    @Override
    public TableStatistics statistics() {
        return TableStatistics.ofRowCount(rows());
    }

    @Override
    public List<Split> splits(int workers) {
        int parts = rows() < 10_000 ? 1 : (int) Math.max(workers, Math.min(4096, Math.ceil(rows() / ROWS_PER_SPLIT)));
        List<Split> r = new ArrayList<>();
        for (int p = 1; p <= parts; p++) {
            r.add(new Part(p, parts));
        }
        return r;
    }

    @Override
    public PageSource open(Split split, ScanSpec spec) {
        Part part = (Part) split;
        return new Source(table, scaleFactor, part, spec);
    }

    /** One generator part. */
    static final class Part implements Split {
        final int part;
        final int count;

        Part(int part, int count) {
            this.part = part;
            this.count = count;
        }

        @Override
        public String describe() {
            return "part " + part + " of " + count;
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final class Source implements PageSource {
        private final Iterator<? extends TpchEntity> rows;
        private final TpchColumn[] cols;
        private final VectorizedRowBatch batch;
        private final long limit;
        private long produced;

        Source(TpchTable<?> table, double sf, Part part, ScanSpec spec) {
            this.rows = table.createGenerator(sf, part.part, part.count).iterator();
            int[] want = spec.columns();
            List<? extends TpchColumn<?>> all = table.getColumns();
            this.cols = new TpchColumn[want.length];
            List<dev.silt.sql.spi.ColumnType> types = new ArrayList<>();
            for (int i = 0; i < want.length; i++) {
                cols[i] = all.get(want[i]);
                types.add(TpchConnector.type(all.get(want[i])));
            }
            this.batch = dev.silt.sql.exec.Vectors.allocate(types, PageSource.BATCH_SIZE);
            this.limit = spec.limit().orElse(Long.MAX_VALUE);
        }

        @Override
        public VectorizedRowBatch next() {
            if (produced >= limit) {
                return null;
            }
            for (int c = 0; c < cols.length; c++) {
                dev.silt.sql.exec.Vectors.reset(batch.cols[c]);
            }
            int n = 0;
            while (n < PageSource.BATCH_SIZE && rows.hasNext()) {
                TpchEntity e = rows.next();
                for (int c = 0; c < cols.length; c++) {
                    TpchColumn col = cols[c];
                    switch (col.getType().getBase()) {
                        case IDENTIFIER:
                            ((LongColumnVector) batch.cols[c]).vector[n] = col.getIdentifier(e);
                            break;
                        case INTEGER:
                            ((LongColumnVector) batch.cols[c]).vector[n] = col.getInteger(e);
                            break;
                        case DATE:
                            ((LongColumnVector) batch.cols[c]).vector[n] = col.getDate(e);
                            break;
                        case DOUBLE:
                            ((LongColumnVector) batch.cols[c]).vector[n] = Math.round(col.getDouble(e) * 100);
                            break;
                        default:
                            byte[] s = col.getString(e).getBytes(StandardCharsets.UTF_8);
                            ((BytesColumnVector) batch.cols[c]).setRef(n, s, 0, s.length);
                    }
                }
                n++;
            }
            if (n == 0) {
                return null;
            }
            batch.size = n;
            batch.selectedInUse = false;
            produced += n;
            return batch;
        }

        @Override
        public void close() {}
    }
}
