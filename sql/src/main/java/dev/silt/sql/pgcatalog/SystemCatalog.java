package dev.silt.sql.pgcatalog;

import dev.silt.sql.spi.Column;
import dev.silt.sql.spi.Connector;
import dev.silt.sql.spi.ConnectorTable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * PostgreSQL's system catalogs over silt's catalogs: the schemas {@code pg_catalog} and {@code information_schema},
 * so that psql's {@code \d} family and pgjdbc's {@code DatabaseMetaData} find silt's tables.
 *
 * <p>Mapping: every silt catalog is a database ({@code pg_database}); every {@code catalog.schema} is a namespace
 * named after the schema ({@code tpch.tiny} is namespace {@code tiny}); tables and views are relations with their
 * columns as attributes. Schemas of the same name in two catalogs are two namespaces with one name.
 *
 * <p>OIDs are stable: a user object's OID is a hash of its kind and qualified name in [16384, 2^31), so it survives
 * restarts and does not depend on what else exists (two names that collide are told apart by probing, in name
 * order). Fixed objects (pg_catalog = 11, types, the {@code silt} role = 10) keep PostgreSQL's own OIDs.
 *
 * <p>One instance serves one statement: the catalogs are read once, on first use, so every system table of a query
 * sees the same snapshot. Thread-safe.
 */
public final class SystemCatalog implements Connector {
    /** The schema holding PostgreSQL's catalog tables; also on every search path. */
    public static final String PG_CATALOG = "pg_catalog";
    /** The SQL-standard information schema. */
    public static final String INFORMATION_SCHEMA = "information_schema";
    /** The one role: owner of everything. */
    public static final String USER = "silt";

    static final int USER_OID = 10;
    static final int PG_CATALOG_OID = 11;
    static final int INFORMATION_SCHEMA_OID = 13_000;
    static final int FIRST_USER_OID = 16_384;

    private final List<Connector> connectors;
    private final List<String> defaultSchema;
    private final Map<String, Map<String, RowsTable>> tables = new LinkedHashMap<>();
    private Snapshot snapshot;

    /**
     * @param connectors the engine's catalogs
     * @param defaultSchema {@code [catalog, schema]} unqualified names resolve in (first on the search path)
     * @param scratch {@code [catalog, schema]} also on the path ({@code memory.public})
     */
    public SystemCatalog(List<Connector> connectors, List<String> defaultSchema, List<String> scratch) {
        this.connectors = List.copyOf(connectors);
        List<List<String>> path = new ArrayList<>();
        path.add(List.copyOf(defaultSchema));
        if (!defaultSchema.equals(scratch)) {
            path.add(List.copyOf(scratch));
        }
        this.path = List.copyOf(path);
        this.defaultSchema = List.copyOf(defaultSchema);
        tables.put(PG_CATALOG, PgCatalogTables.tables(this));
        tables.put(INFORMATION_SCHEMA, InformationSchemaTables.tables(this));
    }

    private final List<List<String>> path;

    /** Not registered under this name: the planner mounts the two schemas at the root. */
    @Override
    public String name() {
        return "system";
    }

    /** The system schema names. */
    @Override
    public List<String> schemas() {
        return List.of(PG_CATALOG, INFORMATION_SCHEMA);
    }

    /** Table names of a system schema. */
    @Override
    public List<String> tables(String schema) {
        Map<String, RowsTable> m = tables.get(schema);
        return m == null ? List.of() : List.copyOf(m.keySet());
    }

    @Override
    public Optional<ConnectorTable> table(String schema, String name) {
        Map<String, RowsTable> m = tables.get(schema);
        return Optional.ofNullable(m == null ? null : m.get(name));
    }

    /** Whether a system table is one that never has rows (the planner then plans it as an empty relation). */
    public boolean alwaysEmpty(String schema, String name) {
        Map<String, RowsTable> m = tables.get(schema);
        return m != null && m.containsKey(name) && m.get(name).alwaysEmpty();
    }

    /** {@code current_database()}: the catalog of the default schema. */
    public String currentDatabase() {
        return defaultSchema.get(0);
    }

    /** {@code current_schema()}: the schema unqualified names resolve in. */
    public String currentSchema() {
        return defaultSchema.get(1);
    }

    /** {@code current_schemas(implicit)}: the search path as namespace names, pg_catalog first when implicit. */
    public List<String> currentSchemas(boolean implicit) {
        List<String> r = new ArrayList<>();
        if (implicit) {
            r.add(PG_CATALOG);
        }
        for (List<String> p : path) {
            if (!r.contains(p.get(1))) {
                r.add(p.get(1));
            }
        }
        return r;
    }

    /** A relation (table or view) of the snapshot. */
    static final class Rel {
        final int oid;
        final Ns ns;
        final String name;
        final char kind;
        final List<Column> columns;
        final String viewSql;

        Rel(int oid, Ns ns, String name, char kind, List<Column> columns, String viewSql) {
            this.oid = oid;
            this.ns = ns;
            this.name = name;
            this.kind = kind;
            this.columns = columns;
            this.viewSql = viewSql;
        }
    }

    /** A namespace of the snapshot: a silt {@code catalog.schema} or a system schema (catalog null). */
    static final class Ns {
        final int oid;
        final String catalog;
        final String name;

        Ns(int oid, String catalog, String name) {
            this.oid = oid;
            this.catalog = catalog;
            this.name = name;
        }
    }

    /** Everything the system tables show, read once. */
    static final class Snapshot {
        final List<Ns> namespaces = new ArrayList<>();
        final List<Rel> relations = new ArrayList<>();
        final Map<Integer, Rel> visible = new HashMap<>();
    }

    synchronized Snapshot snapshot() {
        if (snapshot == null) {
            snapshot = read();
        }
        return snapshot;
    }

    private Snapshot read() {
        Snapshot s = new Snapshot();
        Map<Integer, String> taken = new HashMap<>();
        Ns pg = new Ns(PG_CATALOG_OID, null, PG_CATALOG);
        Ns info = new Ns(INFORMATION_SCHEMA_OID, null, INFORMATION_SCHEMA);
        s.namespaces.add(pg);
        s.namespaces.add(info);
        for (Connector c : connectors) {
            for (String schema : c.schemas()) {
                Ns ns = new Ns(oid(taken, "n:" + c.name() + "." + schema), c.name(), schema);
                s.namespaces.add(ns);
                String prefix = c.name() + "." + schema + ".";
                for (String t : c.tables(schema)) {
                    Optional<ConnectorTable> table = c.table(schema, t);
                    if (table.isPresent()) {
                        s.relations.add(new Rel(
                                oid(taken, "r:" + prefix + t),
                                ns,
                                t,
                                'r',
                                table.get().columns(),
                                null));
                    }
                }
                if (c instanceof Connector.Writable) {
                    Connector.Writable w = (Connector.Writable) c;
                    for (String v : w.views(schema)) {
                        w.view(schema, v)
                                .ifPresent(view -> s.relations.add(new Rel(
                                        oid(taken, "v:" + prefix + v), ns, v, 'v', view.columns(), view.sql())));
                    }
                }
            }
        }
        for (Map.Entry<String, Map<String, RowsTable>> e : tables.entrySet()) {
            Ns ns = e.getKey().equals(PG_CATALOG) ? pg : info;
            for (Map.Entry<String, RowsTable> t : e.getValue().entrySet()) {
                s.relations.add(new Rel(
                        oid(taken, "r:" + e.getKey() + "." + t.getKey()),
                        ns,
                        t.getKey(),
                        e.getKey().equals(PG_CATALOG) ? 'r' : 'v',
                        t.getValue().columns(),
                        null));
            }
        }
        // visibility as PostgreSQL decides it: the first relation of a name along the search path
        List<String[]> order = new ArrayList<>();
        order.add(new String[] {null, PG_CATALOG});
        for (List<String> p : path) {
            order.add(new String[] {p.get(0), p.get(1)});
        }
        Map<String, Boolean> seen = new HashMap<>();
        for (String[] p : order) {
            for (Rel r : s.relations) {
                boolean sameCatalog = p[0] == null ? r.ns.catalog == null : p[0].equals(r.ns.catalog);
                if (sameCatalog && r.ns.name.equals(p[1]) && seen.putIfAbsent(r.name, true) == null) {
                    s.visible.put(r.oid, r);
                }
            }
        }
        return s;
    }

    /** A stable OID for a named object; deterministic probing resolves the rare collision. */
    private static int oid(Map<Integer, String> taken, String key) {
        long h = 0xcbf29ce484222325L; // FNV-1a, 64 bit
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        int span = Integer.MAX_VALUE - FIRST_USER_OID;
        int oid = FIRST_USER_OID + (int) Math.floorMod(h, (long) span);
        while (taken.containsKey(oid)) {
            oid = oid == Integer.MAX_VALUE - 1 ? FIRST_USER_OID : oid + 1;
        }
        taken.put(oid, key);
        return oid;
    }

    /** OIDs of the relations {@code pg_table_is_visible} is true for. */
    public List<Integer> visibleRelations() {
        return List.copyOf(snapshot().visible.keySet());
    }

    /**
     * The OID {@code 'name'::regclass} denotes: {@code name} alone resolves along the search path, {@code
     * schema.name} in that namespace, {@code catalog.schema.name} in that catalog's schema.
     */
    public Optional<Integer> regclass(String text) {
        List<String> parts = splitName(text);
        Snapshot s = snapshot();
        if (parts.size() == 1) {
            for (Rel r : s.relations) {
                if (s.visible.containsKey(r.oid) && r.name.equals(parts.get(0))) {
                    return Optional.of(r.oid);
                }
            }
            return Optional.empty();
        }
        String table = parts.get(parts.size() - 1);
        String schema = parts.get(parts.size() - 2);
        String catalog = parts.size() > 2 ? parts.get(parts.size() - 3) : null;
        for (Rel r : s.relations) {
            if (r.name.equals(table) && r.ns.name.equals(schema) && (catalog == null || catalog.equals(r.ns.catalog))) {
                return Optional.of(r.oid);
            }
        }
        return Optional.empty();
    }

    /** Splits a possibly qualified, possibly quoted name; unquoted parts fold to lower case. */
    static List<String> splitName(String text) {
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '"') {
                if (quoted && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (ch == '.' && !quoted) {
                parts.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(quoted ? ch : Character.toLowerCase(ch));
            }
        }
        parts.add(cur.toString());
        return parts;
    }
}
