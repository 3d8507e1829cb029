package dev.silt.sql;

import dev.silt.sql.exec.Operator;
import dev.silt.sql.exec.PlanNode;
import dev.silt.sql.exec.QueryContext;
import dev.silt.sql.exec.TaskContext;
import dev.silt.sql.exec.Vectors;
import dev.silt.sql.exec.expr.Cast;
import dev.silt.sql.exec.expr.Expr;
import dev.silt.sql.memory.MemoryConnector;
import dev.silt.sql.plan.LogicalPlanner;
import dev.silt.sql.plan.PhysicalPlanner;
import dev.silt.sql.plan.Types;
import dev.silt.sql.spi.Column;
import dev.silt.sql.spi.ColumnType;
import dev.silt.sql.spi.Connector;
import dev.silt.sql.spi.ConnectorTable;
import dev.silt.sql.tpch.TpchConnector;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.ddl.SqlColumnDeclaration;
import org.apache.calcite.sql.ddl.SqlCreateTable;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/**
 * The SQL engine: connectors in, SQL text in, results out. Calcite parses, validates and optimizes; silt's
 * vectorized operators execute the plan in parallel on a pool of worker threads, with the calling thread as the
 * leader (planning, final aggregation, sorting, result assembly).
 *
 * <p>Statements: queries ({@code SELECT}, {@code WITH}, {@code VALUES}, set operations), {@code EXPLAIN [LOGICAL | ANALYZE]
 * query}, {@code USE catalog.schema}, {@code CREATE TABLE t (col type, …)}, {@code CREATE TABLE t AS query},
 * {@code INSERT INTO t [(cols)] VALUES …|query}, {@code DROP TABLE [IF EXISTS] t}, {@code CREATE [OR REPLACE] VIEW
 * v AS query}, {@code DROP VIEW [IF EXISTS] v}.
 *
 * <p>Threading: {@link #execute} may be called concurrently from many threads (each call is one session-less
 * statement); {@link #use} changes the default schema for later statements of all callers. Close the engine to
 * stop its worker threads.
 */
public final class SqlEngine implements AutoCloseable {
    private static final Pattern USE = Pattern.compile("(?is)^use\\s+([\\w\"]+)(?:\\.([\\w\"]+))?$");
    private static final Pattern EXPLAIN = Pattern.compile("(?is)^explain\\s+(logical\\s+|analyze\\s+)?(.*)$");
    private static final Pattern CREATE_VIEW =
            Pattern.compile("(?is)^create\\s+(or\\s+replace\\s+)?view\\s+([\\w.\"]+)\\s+as\\s+(.*)$");
    private static final Pattern DROP =
            Pattern.compile("(?is)^drop\\s+(table|view)\\s+(if\\s+exists\\s+)?([\\w.\"]+)$");

    private final Map<String, Connector> connectors = new LinkedHashMap<>();
    private final int workers;
    private final long memoryLimit;
    private final long repartitionRows;
    private final long partitionedJoinRows;
    private final ExecutorService pool;
    private volatile List<String> defaultSchema;
    private volatile java.time.Clock clock = java.time.Clock.systemUTC();

    private SqlEngine(List<Connector> connectors, Map<String, String> conf) {
        for (Connector c : connectors) {
            if (this.connectors.put(c.name(), c) != null) {
                throw new IllegalArgumentException("two connectors are named " + c.name());
            }
        }
        long w = SqlKeys.WORKERS.getLong(conf);
        this.workers = w == 0 ? Runtime.getRuntime().availableProcessors() : (int) w;
        this.memoryLimit = SqlKeys.QUERY_MAX_MEMORY_MB.getLong(conf) << 20;
        this.repartitionRows = SqlKeys.REPARTITION_MIN_ROWS.getLong(conf);
        this.partitionedJoinRows = SqlKeys.JOIN_PARTITIONED_MIN_ROWS.getLong(conf);
        this.defaultSchema = List.of(SqlKeys.DEFAULT_SCHEMA.getString(conf).split("\\.", -1));
        AtomicInteger n = new AtomicInteger();
        ThreadFactory tf = r -> {
            Thread t = new Thread(r, "silt-sql-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.pool = Executors.newFixedThreadPool(workers, tf);
    }

    /** An engine over the given connectors, configured by {@link SqlKeys}. */
    public static SqlEngine create(List<Connector> connectors, Map<String, String> conf) {
        return new SqlEngine(connectors, conf);
    }

    /** An engine with the built-in connectors ({@code tpch} and the in-memory default {@code memory.public}). */
    public static SqlEngine withDefaults(int workers) {
        return create(
                List.of(new MemoryConnector(), new TpchConnector()),
                Map.of(SqlKeys.WORKERS.key(), Integer.toString(workers)));
    }

    public int workers() {
        return workers;
    }

    /** Changes the schema unqualified names resolve in. */
    public void use(String catalog, String schema) {
        Connector c = connectors.get(catalog);
        if (c == null || !c.schemas().contains(schema)) {
            throw new SqlException("schema " + catalog + "." + schema + " does not exist");
        }
        defaultSchema = List.of(catalog, schema);
    }

    public QueryResult execute(String sql) {
        return execute(sql, new QueryControl());
    }

    /** Runs one statement; {@code control} can cancel it from another thread. */
    public QueryResult execute(String sql, QueryControl control) {
        return executeText(sql, control, null);
    }

    private QueryResult executeText(String sql, QueryControl control, RowSink sink) {
        String text = sql.strip();
        while (text.endsWith(";")) {
            text = text.substring(0, text.length() - 1).strip();
        }
        try {
            return dispatch(text, control, sink);
        } catch (SqlException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new SqlException(e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new SqlException(SqlException.INTERNAL_ERROR, "internal error: " + e, e);
        }
    }

    private QueryResult dispatch(String text, QueryControl control, RowSink sink) {
        Matcher m;
        if ((m = USE.matcher(text)).matches()) {
            if (m.group(2) == null) {
                use(defaultSchema.get(0), ident(m.group(1)));
            } else {
                use(ident(m.group(1)), ident(m.group(2)));
            }
            return QueryResult.update(0);
        }
        if ((m = EXPLAIN.matcher(text)).matches()) {
            if (m.group(1) != null && m.group(1).strip().equalsIgnoreCase("analyze")) {
                return explainAnalyze(m.group(2), control);
            }
            LogicalPlanner planner = planner();
            RelRoot root = planner.toRel(LogicalPlanner.parse(m.group(2)));
            String plan = m.group(1) != null
                    ? LogicalPlanner.explain(root.rel)
                    : physical(root).explain(workers);
            List<List<Object>> rows = new ArrayList<>();
            for (String line : plan.split("\n", -1)) {
                rows.add(Collections.singletonList(line));
            }
            return new QueryResult(List.of("plan"), List.of(ColumnType.VARCHAR), rows, -1);
        }
        if ((m = CREATE_VIEW.matcher(text)).matches()) {
            return createView(m.group(2), m.group(3), m.group(1) != null);
        }
        if ((m = DROP.matcher(text)).matches()) {
            return drop(m.group(1).toLowerCase(Locale.ROOT), m.group(3), m.group(2) != null);
        }
        SqlNode node = LogicalPlanner.parse(text);
        if (node instanceof SqlCreateTable) {
            return createTable((SqlCreateTable) node, control);
        }
        if (node.getKind() == SqlKind.INSERT) {
            SqlInsert insert = (SqlInsert) node;
            return insert(
                    (SqlIdentifier) insert.getTargetTable(), insert.getTargetColumnList(), insert.getSource(), control);
        }
        if (!node.isA(SqlKind.QUERY)) {
            throw new SqlException("statement " + node.getKind() + " is not supported");
        }
        return query(node, control, sink);
    }

    private static String ident(String s) {
        return s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s.toLowerCase(Locale.ROOT);
    }

    private LogicalPlanner planner() {
        return new LogicalPlanner(List.copyOf(connectors.values()), defaultSchema).withClock(clock);
    }

    /**
     * An engine whose CURRENT_DATE, CURRENT_TIMESTAMP and NOW() read {@code clock} (once per statement), for tests
     * and replays; otherwise as {@link #create(List, Map)}.
     */
    public static SqlEngine create(List<Connector> connectors, Map<String, String> conf, java.time.Clock clock) {
        SqlEngine e = new SqlEngine(connectors, conf);
        e.clock = clock;
        return e;
    }

    private PlanNode physical(RelRoot root) {
        return new PhysicalPlanner(root.rel.getCluster().getRexBuilder(), repartitionRows, partitionedJoinRows)
                .plan(root);
    }

    private QueryResult query(SqlNode node, QueryControl control, RowSink sink) {
        LogicalPlanner planner = planner();
        RelRoot root = planner.toRel(node);
        PlanNode plan = physical(root);
        List<List<Object>> rows = new ArrayList<>();
        List<ColumnType> types = plan.types();
        if (sink != null) {
            List<String> names = new ArrayList<>();
            for (var f : root.fields) {
                names.add(f.getValue());
            }
            sink.columns(names, types);
            run(plan, control, b -> {
                int[] sel = Vectors.rows(b);
                List<Object[]> batch = new ArrayList<>(b.size);
                for (int j = 0; j < b.size; j++) {
                    Object[] row = new Object[types.size()];
                    for (int c = 0; c < row.length; c++) {
                        row[c] = Vectors.value(b.cols[c], sel[j], types.get(c));
                    }
                    batch.add(row);
                }
                sink.rows(batch);
            });
            return new QueryResult(names, types, List.of(), -1);
        }
        run(plan, control, b -> {
            int[] sel = Vectors.rows(b);
            for (int j = 0; j < b.size; j++) {
                Object[] row = new Object[types.size()];
                for (int c = 0; c < row.length; c++) {
                    row[c] = Vectors.value(b.cols[c], sel[j], types.get(c));
                }
                rows.add(Collections.unmodifiableList(java.util.Arrays.asList(row)));
            }
        });
        List<String> names = new ArrayList<>();
        for (var f : root.fields) {
            names.add(f.getValue());
        }
        return new QueryResult(names, types, Collections.unmodifiableList(rows), -1);
    }

    /**
     * Runs a query with every operator counting rows, bytes and time, discards its rows, and returns the physical
     * plan annotated with those numbers, then one line for the whole query.
     */
    private QueryResult explainAnalyze(String text, QueryControl control) {
        SqlNode node = LogicalPlanner.parse(text);
        if (!node.isA(SqlKind.QUERY)) {
            throw new SqlException("EXPLAIN ANALYZE runs queries only, not " + node.getKind());
        }
        PlanNode plan = physical(planner().toRel(node));
        plan.collectStats();
        long[] rows = new long[1];
        long t0 = System.nanoTime();
        QueryContext q = run(plan, control, b -> rows[0] += b.size);
        long wall = System.nanoTime() - t0;
        List<List<Object>> out = new ArrayList<>();
        for (String line : plan.explain(workers).split("\n", -1)) {
            if (!line.isEmpty()) {
                out.add(Collections.singletonList(line));
            }
        }
        out.add(Collections.singletonList(String.format(
                Locale.ROOT,
                "Query: rows=%,d wall=%.1fms peak memory=%.1fMiB workers=%d",
                rows[0],
                wall / 1e6,
                q.peakBytes() / 1048576.0,
                workers)));
        return new QueryResult(List.of("plan"), List.of(ColumnType.VARCHAR), out, -1);
    }

    private QueryContext run(
            PlanNode plan, QueryControl control, java.util.function.Consumer<VectorizedRowBatch> sink) {
        QueryContext q = new QueryContext(pool, workers, memoryLimit);
        control.bind(q);
        plan.prepare(q);
        try (Operator op = plan.start(new TaskContext(q, 0, 1))) {
            VectorizedRowBatch b;
            while ((b = op.next()) != null) {
                q.checkCancelled();
                sink.accept(b);
            }
        } finally {
            q.cancel(); // stops any worker still running after an error
        }
        return q;
    }

    /** Resolves a possibly qualified name to (catalog, schema, name) in a writable connector. */
    private String[] target(List<String> names) {
        List<String> full = new ArrayList<>();
        if (names.size() == 1) {
            // a read-only current schema (tpch.tiny) sends new objects to the scratch schema on the path
            full.addAll(
                    connectors.get(defaultSchema.get(0)) instanceof Connector.Writable
                            ? defaultSchema
                            : LogicalPlanner.SCRATCH);
        } else if (names.size() == 2) {
            full.add(defaultSchema.get(0));
        }
        full.addAll(names);
        if (full.size() != 3) {
            throw new SqlException("name " + String.join(".", names) + " has too many parts");
        }
        Connector c = connectors.get(full.get(0));
        if (c == null) {
            throw new SqlException("catalog " + full.get(0) + " does not exist");
        }
        if (!(c instanceof Connector.Writable)) {
            throw new SqlException("catalog " + full.get(0) + " is read-only");
        }
        return full.toArray(new String[0]);
    }

    private Connector.Writable writable(String[] t) {
        return (Connector.Writable) connectors.get(t[0]);
    }

    private static List<String> split(String qualified) {
        List<String> r = new ArrayList<>();
        for (String p : qualified.split("\\.", -1)) {
            r.add(ident(p));
        }
        return r;
    }

    private QueryResult drop(String what, String name, boolean ifExists) {
        String[] t = target(split(name));
        Connector.Writable w = writable(t);
        boolean exists = what.equals("table")
                ? connectors.get(t[0]).table(t[1], t[2]).isPresent()
                : w.view(t[1], t[2]).isPresent();
        if (!exists) {
            if (ifExists) {
                return QueryResult.update(0);
            }
            throw new SqlException(what + " " + String.join(".", t) + " does not exist");
        }
        if (what.equals("table")) {
            w.dropTable(t[1], t[2]);
        } else {
            w.dropView(t[1], t[2]);
        }
        return QueryResult.update(0);
    }

    private QueryResult createView(String name, String body, boolean replace) {
        String[] t = target(split(name));
        Connector.Writable w = writable(t);
        RelDataType rowType = planner().rowType(LogicalPlanner.parse(body));
        List<Column> cols = columns(rowType);
        if (w.view(t[1], t[2]).isPresent()) {
            if (!replace) {
                throw new SqlException("view " + String.join(".", t) + " already exists");
            }
            w.dropView(t[1], t[2]);
        }
        w.createView(t[1], t[2], new Connector.View(body, cols, defaultSchema));
        return QueryResult.update(0);
    }

    private static List<Column> columns(RelDataType rowType) {
        List<Column> cols = new ArrayList<>();
        for (RelDataTypeField f : rowType.getFieldList()) {
            cols.add(new Column(f.getName(), Types.of(f.getType()), true));
        }
        return cols;
    }

    private QueryResult createTable(SqlCreateTable ct, QueryControl control) {
        String[] t = target(ct.name.names);
        Connector.Writable w = writable(t);
        if (connectors.get(t[0]).table(t[1], t[2]).isPresent()) {
            if (ct.ifNotExists) {
                return QueryResult.update(0);
            }
            throw new SqlException("table " + String.join(".", t) + " already exists");
        }
        if (ct.query != null) {
            LogicalPlanner planner = planner();
            RelRoot root = planner.toRel(ct.query);
            List<Column> cols = new ArrayList<>();
            PlanNode plan = physical(root);
            for (int i = 0; i < root.fields.size(); i++) {
                cols.add(new Column(root.fields.get(i).getValue(), plan.types().get(i), true));
            }
            w.createTable(t[1], t[2], cols);
            List<VectorizedRowBatch> batches = new ArrayList<>();
            run(plan, control, b -> batches.add(Vectors.compact(b, plan.types())));
            w.insert(t[1], t[2], batches);
            return QueryResult.update(batches.stream().mapToLong(b -> b.size).sum());
        }
        List<Column> cols = new ArrayList<>();
        var validatorTypes = planner();
        for (SqlNode n : ct.columnList) {
            if (!(n instanceof SqlColumnDeclaration)) {
                throw new SqlException("only column definitions are supported in CREATE TABLE, not " + n);
            }
            SqlColumnDeclaration d = (SqlColumnDeclaration) n;
            RelDataType type = validatorTypes.deriveType(d.dataType);
            boolean nullable = d.dataType.getNullable() == null || d.dataType.getNullable();
            cols.add(new Column(d.name.getSimple(), Types.of(type), nullable));
        }
        w.createTable(t[1], t[2], cols);
        return QueryResult.update(0);
    }

    private QueryResult insert(
            SqlIdentifier target, org.apache.calcite.sql.SqlNodeList columnList, SqlNode source, QueryControl control) {
        String[] t = target(target.names);
        Connector c = connectors.get(t[0]);
        ConnectorTable table = c.table(t[1], t[2])
                .orElseThrow(() -> new SqlException("table " + String.join(".", t) + " does not exist"));
        List<Column> cols = table.columns();
        int[] targetOf;
        LogicalPlanner planner = planner();
        RelRoot root = planner.toRel(source);
        PlanNode plan = physical(root);
        int width = plan.types().size();
        if (columnList == null) {
            if (width != cols.size()) {
                throw new SqlException(
                        "INSERT into " + t[2] + " has " + width + " values for " + cols.size() + " columns");
            }
            targetOf = new int[cols.size()];
            for (int i = 0; i < targetOf.length; i++) {
                targetOf[i] = i;
            }
        } else {
            if (width != columnList.size()) {
                throw new SqlException("INSERT into " + t[2] + " lists " + columnList.size() + " columns but gives "
                        + width + " values");
            }
            targetOf = new int[cols.size()];
            java.util.Arrays.fill(targetOf, -1);
            for (int i = 0; i < columnList.size(); i++) {
                String name = ((SqlIdentifier) columnList.get(i)).getSimple();
                int idx = -1;
                for (int k = 0; k < cols.size(); k++) {
                    if (cols.get(k).name().equals(name)) {
                        idx = k;
                    }
                }
                if (idx < 0) {
                    throw new SqlException("column " + name + " does not exist in " + t[2]);
                }
                targetOf[idx] = i;
            }
        }
        List<ColumnType> targetTypes = new ArrayList<>();
        Expr[] casts = new Expr[cols.size()];
        for (int k = 0; k < cols.size(); k++) {
            ColumnType tt = cols.get(k).type();
            targetTypes.add(tt);
            casts[k] = targetOf[k] < 0
                    ? new Expr.Literal(tt, null)
                    : Cast.of(new Expr.InputRef(targetOf[k], plan.types().get(targetOf[k])), tt);
        }
        List<VectorizedRowBatch> batches = new ArrayList<>();
        run(plan, control, b -> {
            VectorizedRowBatch out = new VectorizedRowBatch(cols.size(), Vectors.BATCH);
            for (int k = 0; k < casts.length; k++) {
                out.cols[k] = casts[k].eval(b);
            }
            out.size = b.size;
            out.selected = b.selected;
            out.selectedInUse = b.selectedInUse;
            VectorizedRowBatch copy = Vectors.compact(out, targetTypes);
            for (int k = 0; k < cols.size(); k++) {
                if (!cols.get(k).nullable() && !copy.cols[k].noNulls) {
                    for (int j = 0; j < copy.size; j++) {
                        if (copy.cols[k].isNull[j]) {
                            throw new SqlException(
                                    "NULL value in column " + cols.get(k).name() + " violates NOT NULL");
                        }
                    }
                }
            }
            batches.add(copy);
        });
        ((Connector.Writable) c).insert(t[1], t[2], batches);
        return QueryResult.update(batches.stream().mapToLong(b -> b.size).sum());
    }

    /** The physical plan of a query, as EXPLAIN prints it. */
    public String explain(String sql) {
        RelRoot root = planner().toRel(LogicalPlanner.parse(sql));
        return physical(root).explain(workers);
    }

    /**
     * Receives a query's rows as the executor produces them, for servers that stream results to a client. Called on
     * the thread that runs {@link #execute(String, QueryControl, RowSink)}; a sink may block in {@link #rows} to
     * hold the query back until its consumer catches up.
     */
    public interface RowSink {
        /** Called once, before any rows, with the result's column names and types. */
        void columns(List<String> names, List<ColumnType> types);

        /** One batch of rows in result order; the sink owns the list and its arrays. */
        void rows(List<Object[]> batch);
    }

    /**
     * Runs one statement like {@link #execute(String, QueryControl)}, but hands a query's rows to {@code sink} batch
     * by batch instead of collecting them: the returned result then has the column names and types and no rows.
     * Statements that are not queries (and {@code EXPLAIN}) return their result as usual and never call the sink.
     */
    public QueryResult execute(String sql, QueryControl control, RowSink sink) {
        return executeText(sql, control, java.util.Objects.requireNonNull(sink, "sink"));
    }

    /**
     * The column names and types a statement would return, without running it: an empty query result for queries
     * and {@code EXPLAIN}, an update result (no columns) for every other statement. Errors are those
     * {@link #execute} would report for a bad query.
     */
    public QueryResult describe(String sql) {
        String text = sql.strip();
        while (text.endsWith(";")) {
            text = text.substring(0, text.length() - 1).strip();
        }
        try {
            if (EXPLAIN.matcher(text).matches()) {
                return new QueryResult(List.of("plan"), List.of(ColumnType.VARCHAR), List.of(), -1);
            }
            if (USE.matcher(text).matches()
                    || CREATE_VIEW.matcher(text).matches()
                    || DROP.matcher(text).matches()) {
                return QueryResult.update(0);
            }
            SqlNode node = LogicalPlanner.parse(text);
            if (!node.isA(SqlKind.QUERY)) {
                return QueryResult.update(0);
            }
            RelRoot root = planner().toRel(node);
            List<String> names = new ArrayList<>();
            for (var f : root.fields) {
                names.add(f.getValue());
            }
            return new QueryResult(names, physical(root).types(), List.of(), -1);
        } catch (SqlException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new SqlException(e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new SqlException("internal error: " + e, e);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
