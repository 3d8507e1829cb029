package dev.silt.sql.spi;

import java.util.List;
import java.util.Optional;

/**
 * A catalog of schemas and tables (the {@code tpch} generator, the in-memory default catalog, later the lake and
 * the warehouse). A connector is registered with the engine under {@link #name()}, which is the first part of a
 * fully qualified table name {@code catalog.schema.table}.
 *
 * <p>Threading: methods may be called concurrently by planning threads of different queries; implementations are
 * thread-safe. Names passed in are exactly as the query spelled them after case folding (unquoted identifiers are
 * lower case).
 */
public interface Connector {
    /** The catalog name, lower case. */
    String name();

    /** The schemas of this catalog. */
    List<String> schemas();

    /** Table names of one schema; empty for an unknown schema. */
    List<String> tables(String schema);

    /** One table, or empty when there is none by that name. */
    Optional<ConnectorTable> table(String schema, String table);

    /**
     * The writable capability: a connector that implements it takes CREATE/DROP TABLE, INSERT and views. Methods
     * throw {@link IllegalArgumentException} with a user-facing message for an existing/missing name.
     */
    interface Writable {
        void createTable(String schema, String table, List<Column> columns);

        void dropTable(String schema, String table);

        /**
         * Appends rows. The batches belong to the caller and are only valid during the call; the connector copies
         * what it keeps. All rows become visible at once when the call returns (a failed call appends nothing).
         */
        void insert(String schema, String table, List<org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch> rows);

        void createView(String schema, String view, View definition);

        void dropView(String schema, String view);

        /** The SQL text of a view, if one by that name exists. */
        Optional<View> view(String schema, String view);

        /** View names of one schema. */
        List<String> views(String schema);
    }

    /**
     * A stored view: its SQL text, result columns, and the schema ({@code catalog, schema}) its unqualified names
     * resolve in, fixed when the view was created. Immutable.
     */
    final class View {
        private final String sql;
        private final List<Column> columns;
        private final List<String> schemaPath;

        public View(String sql, List<Column> columns, List<String> schemaPath) {
            this.sql = sql;
            this.columns = List.copyOf(columns);
            this.schemaPath = List.copyOf(schemaPath);
        }

        public List<String> schemaPath() {
            return schemaPath;
        }

        public String sql() {
            return sql;
        }

        public List<Column> columns() {
            return columns;
        }
    }
}
