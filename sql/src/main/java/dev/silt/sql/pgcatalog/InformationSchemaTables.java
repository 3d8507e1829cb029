package dev.silt.sql.pgcatalog;

import dev.silt.sql.pgcatalog.PgCatalogTables.Def;
import dev.silt.sql.pgcatalog.SystemCatalog.Ns;
import dev.silt.sql.pgcatalog.SystemCatalog.Rel;
import dev.silt.sql.pgcatalog.SystemCatalog.Snapshot;
import dev.silt.sql.spi.Column;
import dev.silt.sql.spi.ColumnType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SQL-standard {@code information_schema} views silt's clients use: {@code schemata}, {@code tables}, {@code
 * columns}, {@code views}. Unlike PostgreSQL, {@code table_catalog} is the silt catalog a table lives in, so the
 * three-part names users write ({@code tpch.tiny.nation}) read straight off these rows.
 */
final class InformationSchemaTables {
    private InformationSchemaTables() {}

    private static final ColumnType T = ColumnType.VARCHAR;
    private static final ColumnType I = ColumnType.INTEGER;

    static Map<String, RowsTable> tables(SystemCatalog cat) {
        Map<String, RowsTable> m = new LinkedHashMap<>();
        m.put(
                "schemata",
                new Def(
                                "catalog_name",
                                T,
                                "schema_name",
                                T,
                                "schema_owner",
                                T,
                                "default_character_set_catalog",
                                T,
                                "default_character_set_schema",
                                T,
                                "default_character_set_name",
                                T,
                                "sql_path",
                                T)
                        .rows(cat, s -> schemata(cat, s)));
        m.put(
                "tables",
                new Def(
                                "table_catalog",
                                T,
                                "table_schema",
                                T,
                                "table_name",
                                T,
                                "table_type",
                                T,
                                "self_referencing_column_name",
                                T,
                                "reference_generation",
                                T,
                                "user_defined_type_catalog",
                                T,
                                "user_defined_type_schema",
                                T,
                                "user_defined_type_name",
                                T,
                                "is_insertable_into",
                                T,
                                "is_typed",
                                T,
                                "commit_action",
                                T)
                        .rows(cat, s -> tables(cat, s)));
        m.put(
                "columns",
                new Def(
                                "table_catalog",
                                T,
                                "table_schema",
                                T,
                                "table_name",
                                T,
                                "column_name",
                                T,
                                "ordinal_position",
                                I,
                                "column_default",
                                T,
                                "is_nullable",
                                T,
                                "data_type",
                                T,
                                "character_maximum_length",
                                I,
                                "character_octet_length",
                                I,
                                "numeric_precision",
                                I,
                                "numeric_precision_radix",
                                I,
                                "numeric_scale",
                                I,
                                "datetime_precision",
                                I,
                                "interval_type",
                                T,
                                "interval_precision",
                                I,
                                "udt_catalog",
                                T,
                                "udt_schema",
                                T,
                                "udt_name",
                                T,
                                "is_identity",
                                T,
                                "is_generated",
                                T,
                                "generation_expression",
                                T,
                                "is_updatable",
                                T)
                        .rows(cat, s -> columns(cat, s)));
        m.put(
                "views",
                new Def(
                                "table_catalog",
                                T,
                                "table_schema",
                                T,
                                "table_name",
                                T,
                                "view_definition",
                                T,
                                "check_option",
                                T,
                                "is_updatable",
                                T,
                                "is_insertable_into",
                                T,
                                "is_trigger_updatable",
                                T,
                                "is_trigger_deletable",
                                T,
                                "is_trigger_insertable_into",
                                T)
                        .rows(cat, s -> views(cat, s)));
        return m;
    }

    private static String catalogOf(SystemCatalog cat, Ns ns) {
        return ns.catalog == null ? cat.currentDatabase() : ns.catalog;
    }

    private static List<Object[]> schemata(SystemCatalog cat, Snapshot s) {
        List<Object[]> r = new ArrayList<>();
        for (Ns ns : s.namespaces) {
            r.add(new Object[] {catalogOf(cat, ns), ns.name, SystemCatalog.USER, null, null, "UTF8", null});
        }
        return r;
    }

    private static List<Object[]> tables(SystemCatalog cat, Snapshot s) {
        List<Object[]> r = new ArrayList<>();
        for (Rel rel : s.relations) {
            boolean base = rel.kind == 'r' && rel.ns.catalog != null;
            r.add(new Object[] {
                catalogOf(cat, rel.ns),
                rel.ns.name,
                rel.name,
                base ? "BASE TABLE" : "VIEW",
                null,
                null,
                null,
                null,
                null,
                base ? "YES" : "NO",
                "NO",
                null
            });
        }
        return r;
    }

    private static List<Object[]> views(SystemCatalog cat, Snapshot s) {
        List<Object[]> r = new ArrayList<>();
        for (Rel rel : s.relations) {
            if (rel.kind == 'v' && rel.ns.catalog != null) {
                r.add(new Object[] {
                    catalogOf(cat, rel.ns), rel.ns.name, rel.name, rel.viewSql, "NONE", "NO", "NO", "NO", "NO", "NO"
                });
            }
        }
        return r;
    }

    private static List<Object[]> columns(SystemCatalog cat, Snapshot s) {
        List<Object[]> r = new ArrayList<>();
        for (Rel rel : s.relations) {
            int pos = 0;
            for (Column c : rel.columns) {
                pos++;
                ColumnType t = c.type();
                int oid = PgTypes.oidOf(t);
                boolean chars = t.layout() == ColumnType.Layout.BYTES;
                Integer length = chars && t.precision() >= 0 ? t.precision() : null;
                Integer precision = numericPrecision(t);
                Integer radix = precision == null ? null : t.kind() == ColumnType.Kind.DECIMAL ? 10 : 2;
                Integer scale = t.kind() == ColumnType.Kind.DECIMAL
                        ? Integer.valueOf(t.scale())
                        : precision != null && radix == 2 && t.layout() == ColumnType.Layout.LONG ? 0 : null;
                Integer datetime = t.kind() == ColumnType.Kind.DATE
                        ? Integer.valueOf(0)
                        : t.kind() == ColumnType.Kind.TIMESTAMP ? Integer.valueOf(3) : null;
                r.add(new Object[] {
                    catalogOf(cat, rel.ns),
                    rel.ns.name,
                    rel.name,
                    c.name(),
                    pos,
                    null,
                    c.nullable() ? "YES" : "NO",
                    PgTypes.formatType(oid, -1),
                    length,
                    length == null ? null : length * 4,
                    precision,
                    radix,
                    scale,
                    datetime,
                    null,
                    null,
                    catalogOf(cat, rel.ns),
                    SystemCatalog.PG_CATALOG,
                    PgTypes.byOid(oid).orElseThrow().name(),
                    "NO",
                    "NEVER",
                    null,
                    rel.kind == 'r' ? "YES" : "NO"
                });
            }
        }
        return r;
    }

    private static Integer numericPrecision(ColumnType t) {
        switch (t.kind()) {
            case TINYINT:
            case SMALLINT:
                return 16;
            case INTEGER:
                return 32;
            case BIGINT:
                return 64;
            case REAL:
                return 24;
            case DOUBLE:
                return 53;
            case DECIMAL:
                return t.precision();
            default:
                return null;
        }
    }
}
