package dev.silt.cli.sql;

import java.util.List;

/**
 * Where the console's statements run: the embedded engine in this process, or a silt SQL server over the
 * PostgreSQL protocol. The console neither knows nor cares which.
 *
 * <p>Threading: one thread runs statements ({@link #execute}, the catalog listings); {@link #cancel} and {@link
 * #rowsSoFar} may be called from any other thread while it does (Ctrl-C, the progress line). The console owns the
 * runner and closes it.
 */
public interface QueryRunner extends AutoCloseable {
    /** One line saying where statements run, for the console's greeting. */
    String description();

    /**
     * Runs one statement (no trailing semicolon needed) and returns its whole result.
     *
     * @throws StatementException when the statement fails (bad SQL, unknown name, cancelled, …)
     * @throws ConnectionException when the server cannot be reached or the connection broke
     */
    ResultTable execute(String sql) throws StatementException, ConnectionException;

    /** Cancels the statement running now, if any; the running {@link #execute} then fails. Safe at any time. */
    void cancel();

    /** Rows received so far by the running statement, or -1 when the runner cannot tell before it ends. */
    long rowsSoFar();

    /** Tables and views, every catalog and schema, in a stable order. */
    List<TableName> tables() throws StatementException, ConnectionException;

    /** The columns of one table or view; empty when it does not exist. */
    List<ResultTable.Column> columns(TableName table) throws StatementException, ConnectionException;

    @Override
    void close();

    /**
     * A table's full name and kind.
     *
     * @param catalog the catalog (the engine's connector; for a server, its database)
     * @param schema the schema
     * @param name the table or view name
     * @param kind {@code table} or {@code view}
     */
    record TableName(String catalog, String schema, String name, String kind) {
        public String qualified() {
            return catalog + "." + schema + "." + name;
        }
    }
}
