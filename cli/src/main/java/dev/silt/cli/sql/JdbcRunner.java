package dev.silt.cli.sql;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.postgresql.Driver;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Runs statements on a silt SQL server (or any PostgreSQL-protocol server) through the PostgreSQL JDBC driver, one
 * connection in auto-commit mode. Catalog listings come from the driver's {@code DatabaseMetaData}.
 */
public final class JdbcRunner implements QueryRunner {
    private final String where;
    private final Connection connection;
    private final AtomicReference<Statement> running = new AtomicReference<>();
    private final AtomicLong rows = new AtomicLong(-1);

    private JdbcRunner(String where, Connection connection) {
        this.where = where;
        this.connection = connection;
    }

    /**
     * Connects; a refused connection, an unknown host or rejected credentials are a {@link ConnectionException}
     * naming the server.
     *
     * @param password the password, or null to send none
     */
    public static JdbcRunner connect(String host, int port, String user, String password, String database)
            throws ConnectionException {
        String where = host + ":" + port + "/" + database;
        String url =
                "jdbc:postgresql://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/" + database;
        Properties p = new Properties();
        p.setProperty("user", user);
        if (password != null) {
            p.setProperty("password", password);
        }
        p.setProperty("ApplicationName", "silt sql");
        p.setProperty("connectTimeout", "10");
        try {
            Connection c = new Driver().connect(url, p);
            if (c == null) {
                throw new ConnectionException("cannot connect to " + where + ": the driver refused the URL", null);
            }
            c.setAutoCommit(true);
            return new JdbcRunner(where, c);
        } catch (SQLException e) {
            throw new ConnectionException("cannot connect to silt at " + where + ": " + message(e), e);
        }
    }

    @Override
    public String description() {
        return "silt server at " + where;
    }

    @Override
    public ResultTable execute(String sql) throws StatementException, ConnectionException {
        try (Statement st = connection.createStatement()) {
            running.set(st);
            rows.set(0);
            if (!st.execute(sql)) {
                return ResultTable.update(st.getUpdateCount());
            }
            try (ResultSet rs = st.getResultSet()) {
                return read(rs);
            }
        } catch (SQLException e) {
            throw failure(e);
        } finally {
            running.set(null);
            rows.set(-1);
        }
    }

    private ResultTable read(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        List<ResultTable.Column> cols = new ArrayList<>(n);
        int[] types = new int[n];
        for (int i = 0; i < n; i++) {
            types[i] = md.getColumnType(i + 1);
            cols.add(new ResultTable.Column(md.getColumnLabel(i + 1), md.getColumnTypeName(i + 1), numeric(types[i])));
        }
        List<List<Object>> out = new ArrayList<>();
        while (rs.next()) {
            Object[] row = new Object[n];
            for (int i = 0; i < n; i++) {
                row[i] = value(rs, i + 1, types[i]);
            }
            out.add(Collections.unmodifiableList(Arrays.asList(row)));
            rows.incrementAndGet();
        }
        return new ResultTable(cols, out, -1);
    }

    private static Object value(ResultSet rs, int i, int type) throws SQLException {
        switch (type) {
            case Types.DATE:
                return rs.getObject(i, LocalDate.class);
            case Types.TIMESTAMP:
                return rs.getObject(i, LocalDateTime.class);
            case Types.TIME:
                return rs.getObject(i, LocalTime.class);
            default:
                Object v = rs.getObject(i);
                // intervals and other server types arrive as driver objects: their text is what we show
                return v == null || v instanceof Number || v instanceof String || v instanceof Boolean
                        ? v
                        : rs.getString(i);
        }
    }

    private static boolean numeric(int type) {
        switch (type) {
            case Types.TINYINT:
            case Types.SMALLINT:
            case Types.INTEGER:
            case Types.BIGINT:
            case Types.REAL:
            case Types.FLOAT:
            case Types.DOUBLE:
            case Types.NUMERIC:
            case Types.DECIMAL:
                return true;
            default:
                return false;
        }
    }

    @Override
    public void cancel() {
        Statement st = running.get();
        if (st != null) {
            try {
                st.cancel();
            } catch (SQLException e) {
                // The statement ends on its own; the failure to cancel is reported with its outcome.
                throw new IllegalStateException("cancel failed: " + message(e), e);
            }
        }
    }

    @Override
    public long rowsSoFar() {
        return rows.get();
    }

    @Override
    public List<TableName> tables() throws StatementException, ConnectionException {
        List<TableName> r = new ArrayList<>();
        try {
            DatabaseMetaData md = connection.getMetaData();
            String catalog = connection.getCatalog();
            try (ResultSet rs = md.getTables(null, null, "%", new String[] {"TABLE", "VIEW"})) {
                while (rs.next()) {
                    String type = rs.getString("TABLE_TYPE");
                    r.add(new TableName(
                            catalog,
                            rs.getString("TABLE_SCHEM"),
                            rs.getString("TABLE_NAME"),
                            "VIEW".equalsIgnoreCase(type) ? "view" : "table"));
                }
            }
        } catch (SQLException e) {
            throw failure(e);
        }
        return r;
    }

    @Override
    public List<ResultTable.Column> columns(TableName table) throws StatementException, ConnectionException {
        List<ResultTable.Column> r = new ArrayList<>();
        try (ResultSet rs = connection.getMetaData().getColumns(null, table.schema(), table.name(), "%")) {
            while (rs.next()) {
                boolean notNull = rs.getInt("NULLABLE") == DatabaseMetaData.columnNoNulls;
                r.add(new ResultTable.Column(
                        rs.getString("COLUMN_NAME"),
                        rs.getString("TYPE_NAME") + (notNull ? " NOT NULL" : ""),
                        numeric(rs.getInt("DATA_TYPE"))));
            }
        } catch (SQLException e) {
            throw failure(e);
        }
        return r;
    }

    /** The failure as a statement error to throw, or a {@link ConnectionException} thrown when the link broke. */
    private StatementException failure(SQLException e) throws ConnectionException {
        String state = e.getSQLState();
        boolean broken = state != null && state.startsWith("08");
        if (!broken) {
            try {
                broken = connection.isClosed();
            } catch (SQLException ignored) {
                broken = true;
            }
        }
        if (broken) {
            throw new ConnectionException("lost the connection to " + where + ": " + message(e), e);
        }
        return new StatementException(message(e), e);
    }

    /** The server's own message when there is one (without pgjdbc's "ERROR:" and position lines). */
    static String message(SQLException e) {
        if (e instanceof PSQLException) {
            ServerErrorMessage m = ((PSQLException) e).getServerErrorMessage();
            if (m != null && m.getMessage() != null) {
                return m.getMessage();
            }
        }
        String s = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // closing a broken connection fails too; there is nothing left to release
            throw new IllegalStateException("closing the connection to " + where + " failed: " + message(e), e);
        }
    }
}
