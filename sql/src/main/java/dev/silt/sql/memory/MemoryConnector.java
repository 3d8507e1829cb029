package dev.silt.sql.memory;

import dev.silt.sql.exec.Vectors;
import dev.silt.sql.spi.Column;
import dev.silt.sql.spi.ColumnType;
import dev.silt.sql.spi.Connector;
import dev.silt.sql.spi.ConnectorTable;
import dev.silt.sql.spi.PageSource;
import dev.silt.sql.spi.ScanSpec;
import dev.silt.sql.spi.Split;
import dev.silt.sql.spi.TableStatistics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/**
 * The in-memory catalog ({@code memory}, one schema {@code public}, the session's default): tables created with
 * CREATE TABLE / CREATE TABLE AS, filled with INSERT, and views. Data lives in dense column-vector batches that are
 * never modified after insertion; a reader works on the snapshot of batches it saw when the query was planned, so
 * concurrent INSERTs are atomic to readers. Thread-safe; nothing survives the process.
 */
public final class MemoryConnector implements Connector, Connector.Writable {
    public static final String NAME = "memory";
    public static final String SCHEMA = "public";

    private final Map<String, Stored> tables = new TreeMap<>();
    private final Map<String, View> views = new TreeMap<>();

    private static final class Stored {
        final List<Column> columns;
        volatile List<VectorizedRowBatch> batches = List.of();
        volatile List<ZoneMap> zones = List.of();
        volatile long rows;

        Stored(List<Column> columns) {
            this.columns = List.copyOf(columns);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> schemas() {
        return List.of(SCHEMA);
    }

    @Override
    public synchronized List<String> tables(String schema) {
        return SCHEMA.equals(schema) ? List.copyOf(tables.keySet()) : List.of();
    }

    @Override
    public synchronized Optional<ConnectorTable> table(String schema, String table) {
        Stored s = SCHEMA.equals(schema) ? tables.get(table) : null;
        return s == null ? Optional.empty() : Optional.of(new Snapshot(s.columns, s.batches, s.zones, s.rows));
    }

    private static void checkSchema(String schema) {
        if (!SCHEMA.equals(schema)) {
            throw new IllegalArgumentException("schema " + NAME + "." + schema + " does not exist");
        }
    }

    @Override
    public synchronized void createTable(String schema, String table, List<Column> columns) {
        checkSchema(schema);
        if (tables.containsKey(table) || views.containsKey(table)) {
            throw new IllegalArgumentException("table " + table + " already exists");
        }
        tables.put(table, new Stored(columns));
    }

    @Override
    public synchronized void dropTable(String schema, String table) {
        checkSchema(schema);
        if (tables.remove(table) == null) {
            throw new IllegalArgumentException("table " + table + " does not exist");
        }
    }

    @Override
    public void insert(String schema, String table, List<VectorizedRowBatch> rows) {
        Stored s;
        synchronized (this) {
            checkSchema(schema);
            s = tables.get(table);
            if (s == null) {
                throw new IllegalArgumentException("table " + table + " does not exist");
            }
        }
        List<ColumnType> types = new ArrayList<>();
        for (Column c : s.columns) {
            types.add(c.type());
        }
        List<VectorizedRowBatch> copies = new ArrayList<>();
        List<ZoneMap> zones = new ArrayList<>();
        long n = 0;
        for (VectorizedRowBatch b : rows) {
            if (b.size > 0) {
                VectorizedRowBatch c = Vectors.compact(b, types);
                copies.add(c);
                zones.add(ZoneMap.of(c, types));
                n += b.size;
            }
        }
        synchronized (this) {
            if (tables.get(table) != s) {
                throw new IllegalArgumentException("table " + table + " was dropped during the insert");
            }
            List<VectorizedRowBatch> all = new ArrayList<>(s.batches);
            all.addAll(copies);
            List<ZoneMap> allZones = new ArrayList<>(s.zones);
            allZones.addAll(zones);
            s.zones = List.copyOf(allZones);
            s.batches = List.copyOf(all);
            s.rows += n;
        }
    }

    @Override
    public synchronized void createView(String schema, String view, View definition) {
        checkSchema(schema);
        if (tables.containsKey(view)) {
            throw new IllegalArgumentException("table " + view + " already exists");
        }
        views.put(view, definition);
    }

    @Override
    public synchronized void dropView(String schema, String view) {
        checkSchema(schema);
        if (views.remove(view) == null) {
            throw new IllegalArgumentException("view " + view + " does not exist");
        }
    }

    @Override
    public synchronized Optional<View> view(String schema, String view) {
        return SCHEMA.equals(schema) ? Optional.ofNullable(views.get(view)) : Optional.empty();
    }

    @Override
    public synchronized List<String> views(String schema) {
        return SCHEMA.equals(schema) ? List.copyOf(views.keySet()) : List.of();
    }

    /**
     * The table as one query sees it. Predicates skip whole batches whose per-column min/max (kept at insert time)
     * rule them out.
     */
    private static final class Snapshot
            implements ConnectorTable, ConnectorTable.ProjectionPushdown, ConnectorTable.PredicatePushdown {
        private final List<Column> columns;
        private final List<VectorizedRowBatch> batches;
        private final List<ZoneMap> zones;
        private final long rows;

        Snapshot(List<Column> columns, List<VectorizedRowBatch> batches, List<ZoneMap> zones, long rows) {
            this.columns = columns;
            this.batches = batches;
            this.zones = zones;
            this.rows = rows;
        }

        @Override
        public boolean accepts(dev.silt.sql.spi.ColumnPredicate predicate) {
            return columns.get(predicate.column()).type().layout() != ColumnType.Layout.BYTES;
        }

        @Override
        public List<Column> columns() {
            return columns;
        }

        @Override
        public TableStatistics statistics() {
            return TableStatistics.ofRowCount((double) rows);
        }

        @Override
        public List<Split> splits(int workers) {
            int n = Math.max(1, Math.min(workers, batches.size()));
            List<Split> r = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                r.add(new Range(i, n));
            }
            return r;
        }

        @Override
        public PageSource open(Split split, ScanSpec spec) {
            Range range = (Range) split;
            int[] cols = spec.columns();
            return new PageSource() {
                private int next = range.first;
                private final VectorizedRowBatch view = new VectorizedRowBatch(cols.length, PageSource.BATCH_SIZE);

                @Override
                public VectorizedRowBatch next() {
                    while (next < batches.size() && !zones.get(next).mayMatch(spec.predicates(), columns)) {
                        next += range.stride;
                    }
                    if (next >= batches.size()) {
                        return null;
                    }
                    VectorizedRowBatch b = batches.get(next);
                    next += range.stride;
                    for (int c = 0; c < cols.length; c++) {
                        view.cols[c] = b.cols[cols[c]];
                    }
                    view.size = b.size;
                    view.selectedInUse = false;
                    return view;
                }

                @Override
                public void close() {}
            };
        }
    }

    /** Every {@code stride}-th batch starting at {@code first}. */
    private static final class Range implements Split {
        final int first;
        final int stride;

        Range(int first, int stride) {
            this.first = first;
            this.stride = stride;
        }

        @Override
        public String describe() {
            return "batches " + first + " mod " + stride;
        }
    }
}
