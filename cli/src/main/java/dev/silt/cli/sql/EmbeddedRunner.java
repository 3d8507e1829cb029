package dev.silt.cli.sql;

import dev.silt.sql.QueryControl;
import dev.silt.sql.QueryResult;
import dev.silt.sql.SqlEngine;
import dev.silt.sql.SqlException;
import dev.silt.sql.memory.MemoryConnector;
import dev.silt.sql.spi.Column;
import dev.silt.sql.spi.ColumnType;
import dev.silt.sql.spi.Connector;
import dev.silt.sql.spi.ConnectorTable;
import dev.silt.sql.tpch.TpchConnector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs statements on an {@link SqlEngine} in this process, over the built-in catalogs ({@code memory}, the default,
 * and {@code tpch}). Catalog listings come from the connectors themselves.
 */
public final class EmbeddedRunner implements QueryRunner {
    private final List<Connector> connectors;
    private final SqlEngine engine;
    private final AtomicReference<QueryControl> running = new AtomicReference<>();

    /** @param conf the engine's settings ({@code SqlKeys}) */
    public EmbeddedRunner(Map<String, String> conf) {
        this.connectors = List.of(new MemoryConnector(), new TpchConnector());
        this.engine = SqlEngine.create(connectors, conf);
    }

    @Override
    public String description() {
        return "embedded engine, catalogs memory (default) and tpch, " + engine.workers() + " workers";
    }

    @Override
    public ResultTable execute(String sql) throws StatementException {
        QueryControl control = new QueryControl();
        running.set(control);
        try {
            QueryResult r = engine.execute(sql, control);
            if (!r.isQuery()) {
                return ResultTable.update(r.updateCount());
            }
            List<ResultTable.Column> cols = new ArrayList<>();
            for (int i = 0; i < r.columnNames().size(); i++) {
                cols.add(column(r.columnNames().get(i), r.columnTypes().get(i)));
            }
            return new ResultTable(cols, r.rows(), -1);
        } catch (SqlException e) {
            throw new StatementException(control.isCancelled() ? "query cancelled" : e.getMessage(), e);
        } finally {
            running.set(null);
        }
    }

    private static ResultTable.Column column(String name, ColumnType type) {
        boolean numeric;
        switch (type.kind()) {
            case TINYINT:
            case SMALLINT:
            case INTEGER:
            case BIGINT:
            case REAL:
            case DOUBLE:
            case DECIMAL:
                numeric = true;
                break;
            default:
                numeric = false;
        }
        return new ResultTable.Column(name, type.toString(), numeric);
    }

    @Override
    public void cancel() {
        QueryControl c = running.get();
        if (c != null) {
            c.cancel();
        }
    }

    @Override
    public long rowsSoFar() {
        return -1;
    }

    @Override
    public List<TableName> tables() {
        List<TableName> r = new ArrayList<>();
        for (Connector c : connectors) {
            for (String schema : c.schemas()) {
                for (String t : c.tables(schema)) {
                    r.add(new TableName(c.name(), schema, t, "table"));
                }
                if (c instanceof Connector.Writable) {
                    for (String v : ((Connector.Writable) c).views(schema)) {
                        r.add(new TableName(c.name(), schema, v, "view"));
                    }
                }
            }
        }
        return r;
    }

    @Override
    public List<ResultTable.Column> columns(TableName table) {
        for (Connector c : connectors) {
            if (!c.name().equals(table.catalog())) {
                continue;
            }
            Optional<ConnectorTable> t = c.table(table.schema(), table.name());
            List<Column> cols = null;
            if (t.isPresent()) {
                cols = t.get().columns();
            } else if (c instanceof Connector.Writable) {
                Optional<Connector.View> v = ((Connector.Writable) c).view(table.schema(), table.name());
                cols = v.map(Connector.View::columns).orElse(null);
            }
            if (cols != null) {
                List<ResultTable.Column> r = new ArrayList<>();
                for (Column col : cols) {
                    ResultTable.Column rc = column(col.name(), col.type());
                    r.add(new ResultTable.Column(
                            rc.name(), rc.type() + (col.nullable() ? "" : " NOT NULL"), rc.numeric()));
                }
                return r;
            }
        }
        return List.of();
    }

    @Override
    public void close() {
        engine.close();
    }
}
