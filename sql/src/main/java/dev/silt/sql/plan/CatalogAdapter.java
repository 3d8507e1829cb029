package dev.silt.sql.plan;

import dev.silt.sql.pgcatalog.SystemCatalog;
import dev.silt.sql.spi.Column;
import dev.silt.sql.spi.Connector;
import dev.silt.sql.spi.ConnectorTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.logical.LogicalValues;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * Presents connectors to Calcite as schemas: {@code catalog → schema → table}. Nothing is cached: every lookup
 * asks the connector, so DDL is visible to the next statement.
 */
final class CatalogAdapter {
    private CatalogAdapter() {}

    /** One catalog: its schemas are the connector's. */
    static final class CatalogSchema extends AbstractSchema {
        private final Connector connector;

        CatalogSchema(Connector connector) {
            this.connector = connector;
        }

        @Override
        protected Map<String, Schema> getSubSchemaMap() {
            Map<String, Schema> m = new LinkedHashMap<>();
            for (String s : connector.schemas()) {
                m.put(s, new SchemaAdapter(connector, s));
            }
            return m;
        }
    }

    /** One schema of a connector: its tables and views. */
    static final class SchemaAdapter extends AbstractSchema {
        private final Connector connector;
        private final String schema;

        SchemaAdapter(Connector connector, String schema) {
            this.connector = connector;
            this.schema = schema;
        }

        @Override
        protected Map<String, Table> getTableMap() {
            Map<String, Table> m = new LinkedHashMap<>();
            for (String t : connector.tables(schema)) {
                if (connector instanceof SystemCatalog && ((SystemCatalog) connector).alwaysEmpty(schema, t)) {
                    m.put(
                            t,
                            new EmptyAdapter(
                                    connector.table(schema, t).orElseThrow().columns()));
                    continue;
                }
                Optional<ConnectorTable> table = connector.table(schema, t);
                table.ifPresent(ct -> m.put(t, new TableAdapter(connector.name(), schema, t, ct)));
            }
            if (connector instanceof Connector.Writable) {
                Connector.Writable w = (Connector.Writable) connector;
                for (String v : w.views(schema)) {
                    w.view(schema, v)
                            .ifPresent(view -> m.put(
                                    v, new ViewAdapter(view, view.schemaPath(), List.of(connector.name(), schema, v))));
                }
            }
            return m;
        }
    }

    /** A connector table as Calcite sees it: row type and statistics; silt executes the scan itself. */
    static final class TableAdapter extends AbstractTable {
        final String catalog;
        final String schema;
        final String name;
        final ConnectorTable table;

        TableAdapter(String catalog, String schema, String name, ConnectorTable table) {
            this.catalog = catalog;
            this.schema = schema;
            this.name = name;
            this.table = table;
        }

        @Override
        public RelDataType getRowType(RelDataTypeFactory typeFactory) {
            return rowType(typeFactory, table.columns());
        }

        @Override
        public Statistic getStatistic() {
            double rows = table.statistics().rowCount().orElse(1_000_000);
            return Statistics.of(rows, List.of());
        }

        String qualifiedName() {
            return catalog + "." + schema + "." + name;
        }
    }

    /**
     * A system table that never has rows (pg_index, pg_constraint, …: things silt does not have): planned as an
     * empty VALUES, so the optimizer prunes whatever reads it and the PostgreSQL-only expressions clients put
     * over such tables are never executed.
     */
    static final class EmptyAdapter extends AbstractTable implements TranslatableTable {
        private final List<Column> columns;

        EmptyAdapter(List<Column> columns) {
            this.columns = columns;
        }

        @Override
        public RelDataType getRowType(RelDataTypeFactory typeFactory) {
            return rowType(typeFactory, columns);
        }

        @Override
        public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
            return LogicalValues.createEmpty(context.getCluster(), relOptTable.getRowType());
        }
    }

    /** A view: expanded into its query's plan wherever it is used. */
    static final class ViewAdapter extends AbstractTable implements TranslatableTable {
        private final Connector.View view;
        private final List<String> schemaPath;
        private final List<String> viewPath;

        ViewAdapter(Connector.View view, List<String> schemaPath, List<String> viewPath) {
            this.view = view;
            this.schemaPath = schemaPath;
            this.viewPath = viewPath;
        }

        @Override
        public RelDataType getRowType(RelDataTypeFactory typeFactory) {
            return rowType(typeFactory, view.columns());
        }

        @Override
        public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
            RelRoot root = context.expandView(relOptTable.getRowType(), view.sql(), schemaPath, viewPath);
            return RelOptUtil.createCastRel(root.project(), relOptTable.getRowType(), true);
        }
    }

    static RelDataType rowType(RelDataTypeFactory f, List<Column> columns) {
        RelDataTypeFactory.Builder b = f.builder();
        for (Column c : columns) {
            b.add(c.name(), Types.toRel(f, c.type(), c.nullable()));
        }
        return b.build();
    }
}
