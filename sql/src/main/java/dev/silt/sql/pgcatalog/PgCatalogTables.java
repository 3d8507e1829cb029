package dev.silt.sql.pgcatalog;

import dev.silt.sql.pgcatalog.SystemCatalog.Ns;
import dev.silt.sql.pgcatalog.SystemCatalog.Rel;
import dev.silt.sql.pgcatalog.SystemCatalog.Snapshot;
import dev.silt.sql.spi.Column;
import dev.silt.sql.spi.ColumnType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The tables of {@code pg_catalog}, with PostgreSQL 15's column names and types as clients read them: {@code oid}
 * and {@code regproc} columns are INTEGER and VARCHAR, {@code "char"} is a one-character VARCHAR, arrays and
 * vectors ({@code reloptions}, {@code indkey}, ACLs) are their PostgreSQL text form ({@code {a,b}}, NULL when
 * empty). Catalogs of things silt does not have (indexes, constraints, defaults, comments, functions,
 * inheritance, triggers, policies, publications, statistics objects) exist with no rows, so queries that join
 * them work.
 */
final class PgCatalogTables {
    private PgCatalogTables() {}

    /** Option-array columns: always NULL in silt (no storage, column or server options). */
    static final java.util.Set<String> OPTION_ARRAYS =
            java.util.Set.of("reloptions", "attoptions", "attfdwoptions", "spcoptions", "ftoptions", "proconfig");

    static final ColumnType OID = ColumnType.INTEGER;
    static final ColumnType NAME = ColumnType.VARCHAR;
    static final ColumnType TEXT = ColumnType.VARCHAR;
    static final ColumnType CHAR = ColumnType.VARCHAR;
    static final ColumnType BOOL = ColumnType.BOOLEAN;
    static final ColumnType INT2 = ColumnType.SMALLINT;
    static final ColumnType INT4 = ColumnType.INTEGER;
    static final ColumnType INT8 = ColumnType.BIGINT;
    static final ColumnType FLOAT4 = ColumnType.REAL;

    /** Declares a table: its columns as alternating name, type pairs. */
    static final class Def {
        final List<Column> columns = new ArrayList<>();

        Def(Object... nameTypePairs) {
            for (int i = 0; i < nameTypePairs.length; i += 2) {
                columns.add(new Column((String) nameTypePairs[i], (ColumnType) nameTypePairs[i + 1], true));
            }
        }

        RowsTable rows(SystemCatalog catalog, Function<Snapshot, List<Object[]>> rows) {
            return new RowsTable(columns, () -> rows.apply(catalog.snapshot()), false);
        }

        RowsTable empty() {
            return new RowsTable(columns, List::of, true);
        }
    }

    static Map<String, RowsTable> tables(SystemCatalog cat) {
        Map<String, RowsTable> m = new LinkedHashMap<>();
        m.put(
                "pg_namespace",
                new Def("oid", OID, "nspname", NAME, "nspowner", OID, "nspacl", TEXT)
                        .rows(cat, PgCatalogTables::namespaces));
        m.put(
                "pg_class",
                new Def(
                                "oid",
                                OID,
                                "relname",
                                NAME,
                                "relnamespace",
                                OID,
                                "reltype",
                                OID,
                                "reloftype",
                                OID,
                                "relowner",
                                OID,
                                "relam",
                                OID,
                                "relfilenode",
                                OID,
                                "reltablespace",
                                OID,
                                "relpages",
                                INT4,
                                "reltuples",
                                FLOAT4,
                                "relallvisible",
                                INT4,
                                "reltoastrelid",
                                OID,
                                "relhasindex",
                                BOOL,
                                "relisshared",
                                BOOL,
                                "relpersistence",
                                CHAR,
                                "relkind",
                                CHAR,
                                "relnatts",
                                INT2,
                                "relchecks",
                                INT2,
                                "relhasrules",
                                BOOL,
                                "relhastriggers",
                                BOOL,
                                "relhassubclass",
                                BOOL,
                                "relrowsecurity",
                                BOOL,
                                "relforcerowsecurity",
                                BOOL,
                                "relispopulated",
                                BOOL,
                                "relreplident",
                                CHAR,
                                "relispartition",
                                BOOL,
                                "relrewrite",
                                OID,
                                "relfrozenxid",
                                INT8,
                                "relminmxid",
                                INT8,
                                "relacl",
                                TEXT,
                                "reloptions",
                                TEXT,
                                "relpartbound",
                                TEXT)
                        .rows(cat, PgCatalogTables::classes));
        m.put(
                "pg_attribute",
                new Def(
                                "attrelid",
                                OID,
                                "attname",
                                NAME,
                                "atttypid",
                                OID,
                                "attstattarget",
                                INT4,
                                "attlen",
                                INT2,
                                "attnum",
                                INT2,
                                "attndims",
                                INT4,
                                "attcacheoff",
                                INT4,
                                "atttypmod",
                                INT4,
                                "attbyval",
                                BOOL,
                                "attalign",
                                CHAR,
                                "attstorage",
                                CHAR,
                                "attcompression",
                                CHAR,
                                "attnotnull",
                                BOOL,
                                "atthasdef",
                                BOOL,
                                "atthasmissing",
                                BOOL,
                                "attidentity",
                                CHAR,
                                "attgenerated",
                                CHAR,
                                "attisdropped",
                                BOOL,
                                "attislocal",
                                BOOL,
                                "attinhcount",
                                INT4,
                                "attcollation",
                                OID,
                                "attacl",
                                TEXT,
                                "attoptions",
                                TEXT,
                                "attfdwoptions",
                                TEXT,
                                "attmissingval",
                                TEXT)
                        .rows(cat, PgCatalogTables::attributes));
        m.put(
                "pg_type",
                new Def(
                                "oid",
                                OID,
                                "typname",
                                NAME,
                                "typnamespace",
                                OID,
                                "typowner",
                                OID,
                                "typlen",
                                INT2,
                                "typbyval",
                                BOOL,
                                "typtype",
                                CHAR,
                                "typcategory",
                                CHAR,
                                "typispreferred",
                                BOOL,
                                "typisdefined",
                                BOOL,
                                "typdelim",
                                CHAR,
                                "typrelid",
                                OID,
                                "typsubscript",
                                TEXT,
                                "typelem",
                                OID,
                                "typarray",
                                OID,
                                "typinput",
                                TEXT,
                                "typoutput",
                                TEXT,
                                "typreceive",
                                TEXT,
                                "typsend",
                                TEXT,
                                "typmodin",
                                TEXT,
                                "typmodout",
                                TEXT,
                                "typanalyze",
                                TEXT,
                                "typalign",
                                CHAR,
                                "typstorage",
                                CHAR,
                                "typnotnull",
                                BOOL,
                                "typbasetype",
                                OID,
                                "typtypmod",
                                INT4,
                                "typndims",
                                INT4,
                                "typcollation",
                                OID,
                                "typdefaultbin",
                                TEXT,
                                "typdefault",
                                TEXT,
                                "typacl",
                                TEXT)
                        .rows(cat, s -> types()));
        m.put(
                "pg_database",
                new Def(
                                "oid",
                                OID,
                                "datname",
                                NAME,
                                "datdba",
                                OID,
                                "encoding",
                                INT4,
                                "datlocprovider",
                                CHAR,
                                "datistemplate",
                                BOOL,
                                "datallowconn",
                                BOOL,
                                "datconnlimit",
                                INT4,
                                "datfrozenxid",
                                INT8,
                                "datminmxid",
                                INT8,
                                "dattablespace",
                                OID,
                                "datcollate",
                                TEXT,
                                "datctype",
                                TEXT,
                                "daticulocale",
                                TEXT,
                                "datcollversion",
                                TEXT,
                                "datacl",
                                TEXT)
                        .rows(cat, PgCatalogTables::databases));
        m.put(
                "pg_index",
                new Def(
                                "indexrelid",
                                OID,
                                "indrelid",
                                OID,
                                "indnatts",
                                INT2,
                                "indnkeyatts",
                                INT2,
                                "indisunique",
                                BOOL,
                                "indnullsnotdistinct",
                                BOOL,
                                "indisprimary",
                                BOOL,
                                "indisexclusion",
                                BOOL,
                                "indimmediate",
                                BOOL,
                                "indisclustered",
                                BOOL,
                                "indisvalid",
                                BOOL,
                                "indcheckxmin",
                                BOOL,
                                "indisready",
                                BOOL,
                                "indislive",
                                BOOL,
                                "indisreplident",
                                BOOL,
                                "indkey",
                                TEXT,
                                "indcollation",
                                TEXT,
                                "indclass",
                                TEXT,
                                "indoption",
                                TEXT,
                                "indexprs",
                                TEXT,
                                "indpred",
                                TEXT)
                        .empty());
        m.put(
                "pg_constraint",
                new Def(
                                "oid",
                                OID,
                                "conname",
                                NAME,
                                "connamespace",
                                OID,
                                "contype",
                                CHAR,
                                "condeferrable",
                                BOOL,
                                "condeferred",
                                BOOL,
                                "convalidated",
                                BOOL,
                                "conrelid",
                                OID,
                                "contypid",
                                OID,
                                "conindid",
                                OID,
                                "conparentid",
                                OID,
                                "confrelid",
                                OID,
                                "confupdtype",
                                CHAR,
                                "confdeltype",
                                CHAR,
                                "confmatchtype",
                                CHAR,
                                "conislocal",
                                BOOL,
                                "coninhcount",
                                INT4,
                                "connoinherit",
                                BOOL,
                                "conkey",
                                TEXT,
                                "confkey",
                                TEXT,
                                "conpfeqop",
                                TEXT,
                                "conppeqop",
                                TEXT,
                                "conffeqop",
                                TEXT,
                                "confdelsetcols",
                                TEXT,
                                "conexclop",
                                TEXT,
                                "conbin",
                                TEXT)
                        .empty());
        m.put("pg_description", new Def("objoid", OID, "classoid", OID, "objsubid", INT4, "description", TEXT).empty());
        m.put("pg_shdescription", new Def("objoid", OID, "classoid", OID, "description", TEXT).empty());
        m.put(
                "pg_proc",
                new Def(
                                "oid",
                                OID,
                                "proname",
                                NAME,
                                "pronamespace",
                                OID,
                                "proowner",
                                OID,
                                "prolang",
                                OID,
                                "procost",
                                FLOAT4,
                                "prorows",
                                FLOAT4,
                                "provariadic",
                                OID,
                                "prosupport",
                                TEXT,
                                "prokind",
                                CHAR,
                                "prosecdef",
                                BOOL,
                                "proleakproof",
                                BOOL,
                                "proisstrict",
                                BOOL,
                                "proretset",
                                BOOL,
                                "provolatile",
                                CHAR,
                                "proparallel",
                                CHAR,
                                "pronargs",
                                INT2,
                                "pronargdefaults",
                                INT2,
                                "prorettype",
                                OID,
                                "proargtypes",
                                TEXT,
                                "proallargtypes",
                                TEXT,
                                "proargmodes",
                                TEXT,
                                "proargnames",
                                TEXT,
                                "proargdefaults",
                                TEXT,
                                "protrftypes",
                                TEXT,
                                "prosrc",
                                TEXT,
                                "probin",
                                TEXT,
                                "prosqlbody",
                                TEXT,
                                "proconfig",
                                TEXT,
                                "proacl",
                                TEXT)
                        .empty());
        m.put(
                "pg_settings",
                new Def(
                                "name",
                                TEXT,
                                "setting",
                                TEXT,
                                "unit",
                                TEXT,
                                "category",
                                TEXT,
                                "short_desc",
                                TEXT,
                                "extra_desc",
                                TEXT,
                                "context",
                                TEXT,
                                "vartype",
                                TEXT,
                                "source",
                                TEXT,
                                "min_val",
                                TEXT,
                                "max_val",
                                TEXT,
                                "enumvals",
                                TEXT,
                                "boot_val",
                                TEXT,
                                "reset_val",
                                TEXT,
                                "sourcefile",
                                TEXT,
                                "sourceline",
                                INT4,
                                "pending_restart",
                                BOOL)
                        .rows(cat, s -> settings(cat)));
        Def roles = new Def(
                "rolname",
                NAME,
                "rolsuper",
                BOOL,
                "rolinherit",
                BOOL,
                "rolcreaterole",
                BOOL,
                "rolcreatedb",
                BOOL,
                "rolcanlogin",
                BOOL,
                "rolreplication",
                BOOL,
                "rolconnlimit",
                INT4,
                "rolpassword",
                TEXT,
                "rolvaliduntil",
                ColumnType.TIMESTAMP,
                "rolbypassrls",
                BOOL,
                "rolconfig",
                TEXT,
                "oid",
                OID);
        Function<Snapshot, List<Object[]>> role = s -> List.<Object[]>of(new Object[] {
            SystemCatalog.USER,
            true,
            true,
            true,
            true,
            true,
            false,
            -1,
            "********",
            null,
            true,
            null,
            SystemCatalog.USER_OID
        });
        m.put("pg_roles", roles.rows(cat, role));
        m.put("pg_authid", roles.rows(cat, role));
        m.put(
                "pg_user",
                new Def(
                                "usename",
                                NAME,
                                "usesysid",
                                OID,
                                "usecreatedb",
                                BOOL,
                                "usesuper",
                                BOOL,
                                "userepl",
                                BOOL,
                                "usebypassrls",
                                BOOL,
                                "passwd",
                                TEXT,
                                "valuntil",
                                ColumnType.TIMESTAMP,
                                "useconfig",
                                TEXT)
                        .rows(
                                cat,
                                s -> List.<Object[]>of(new Object[] {
                                    SystemCatalog.USER,
                                    SystemCatalog.USER_OID,
                                    true,
                                    true,
                                    false,
                                    true,
                                    "********",
                                    null,
                                    null
                                })));
        m.put("pg_auth_members", new Def("roleid", OID, "member", OID, "grantor", OID, "admin_option", BOOL).empty());
        m.put(
                "pg_am",
                new Def("oid", OID, "amname", NAME, "amhandler", TEXT, "amtype", CHAR)
                        .rows(
                                cat,
                                s -> List.of(
                                        new Object[] {HEAP_AM, "heap", "heap_tableam_handler", "t"},
                                        new Object[] {403, "btree", "bthandler", "i"})));
        m.put("pg_attrdef", new Def("oid", OID, "adrelid", OID, "adnum", INT2, "adbin", TEXT).empty());
        m.put(
                "pg_inherits",
                new Def("inhrelid", OID, "inhparent", OID, "inhseqno", INT4, "inhdetachpending", BOOL).empty());
        m.put(
                "pg_tablespace",
                new Def("oid", OID, "spcname", NAME, "spcowner", OID, "spcacl", TEXT, "spcoptions", TEXT)
                        .rows(
                                cat,
                                s -> List.of(
                                        new Object[] {1663, "pg_default", SystemCatalog.USER_OID, null, null},
                                        new Object[] {1664, "pg_global", SystemCatalog.USER_OID, null, null})));
        m.put(
                "pg_collation",
                new Def(
                                "oid",
                                OID,
                                "collname",
                                NAME,
                                "collnamespace",
                                OID,
                                "collowner",
                                OID,
                                "collprovider",
                                CHAR,
                                "collisdeterministic",
                                BOOL,
                                "collencoding",
                                INT4,
                                "collcollate",
                                TEXT,
                                "collctype",
                                TEXT,
                                "colliculocale",
                                TEXT,
                                "collversion",
                                TEXT)
                        .rows(
                                cat,
                                s -> List.of(
                                        new Object[] {
                                            100,
                                            "default",
                                            SystemCatalog.PG_CATALOG_OID,
                                            SystemCatalog.USER_OID,
                                            "d",
                                            true,
                                            -1,
                                            null,
                                            null,
                                            null,
                                            null
                                        },
                                        new Object[] {
                                            950,
                                            "C",
                                            SystemCatalog.PG_CATALOG_OID,
                                            SystemCatalog.USER_OID,
                                            "c",
                                            true,
                                            -1,
                                            "C",
                                            "C",
                                            null,
                                            null
                                        })));
        m.put(
                "pg_tables",
                new Def(
                                "schemaname",
                                NAME,
                                "tablename",
                                NAME,
                                "tableowner",
                                NAME,
                                "tablespace",
                                NAME,
                                "hasindexes",
                                BOOL,
                                "hasrules",
                                BOOL,
                                "hastriggers",
                                BOOL,
                                "rowsecurity",
                                BOOL)
                        .rows(
                                cat,
                                s -> relations(s, 'r', r -> new Object[] {
                                    r.ns.name, r.name, SystemCatalog.USER, null, false, false, false, false
                                })));
        m.put(
                "pg_views",
                new Def("schemaname", NAME, "viewname", NAME, "viewowner", NAME, "definition", TEXT)
                        .rows(
                                cat,
                                s -> relations(
                                        s, 'v', r -> new Object[] {r.ns.name, r.name, SystemCatalog.USER, r.viewSql})));
        m.put(
                "pg_depend",
                new Def(
                                "classid",
                                OID,
                                "objid",
                                OID,
                                "objsubid",
                                INT4,
                                "refclassid",
                                OID,
                                "refobjid",
                                OID,
                                "refobjsubid",
                                INT4,
                                "deptype",
                                CHAR)
                        .empty());
        m.put(
                "pg_trigger",
                new Def(
                                "oid",
                                OID,
                                "tgrelid",
                                OID,
                                "tgparentid",
                                OID,
                                "tgname",
                                NAME,
                                "tgfoid",
                                OID,
                                "tgtype",
                                INT2,
                                "tgenabled",
                                CHAR,
                                "tgisinternal",
                                BOOL,
                                "tgconstrrelid",
                                OID,
                                "tgconstrindid",
                                OID,
                                "tgconstraint",
                                OID,
                                "tgdeferrable",
                                BOOL,
                                "tginitdeferred",
                                BOOL,
                                "tgnargs",
                                INT2,
                                "tgattr",
                                TEXT,
                                "tgargs",
                                TEXT,
                                "tgqual",
                                TEXT,
                                "tgoldtable",
                                NAME,
                                "tgnewtable",
                                NAME)
                        .empty());
        m.put(
                "pg_policy",
                new Def(
                                "oid",
                                OID,
                                "polname",
                                NAME,
                                "polrelid",
                                OID,
                                "polcmd",
                                CHAR,
                                "polpermissive",
                                BOOL,
                                "polroles",
                                TEXT,
                                "polqual",
                                TEXT,
                                "polwithcheck",
                                TEXT)
                        .empty());
        m.put(
                "pg_rewrite",
                new Def(
                                "oid",
                                OID,
                                "rulename",
                                NAME,
                                "ev_class",
                                OID,
                                "ev_type",
                                CHAR,
                                "ev_enabled",
                                CHAR,
                                "is_instead",
                                BOOL,
                                "ev_qual",
                                TEXT,
                                "ev_action",
                                TEXT)
                        .empty());
        m.put(
                "pg_statistic_ext",
                new Def(
                                "oid",
                                OID,
                                "stxrelid",
                                OID,
                                "stxname",
                                NAME,
                                "stxnamespace",
                                OID,
                                "stxowner",
                                OID,
                                "stxstattarget",
                                INT4,
                                "stxkeys",
                                TEXT,
                                "stxkind",
                                TEXT,
                                "stxexprs",
                                TEXT)
                        .empty());
        m.put(
                "pg_publication",
                new Def(
                                "oid",
                                OID,
                                "pubname",
                                NAME,
                                "pubowner",
                                OID,
                                "puballtables",
                                BOOL,
                                "pubinsert",
                                BOOL,
                                "pubupdate",
                                BOOL,
                                "pubdelete",
                                BOOL,
                                "pubtruncate",
                                BOOL,
                                "pubviaroot",
                                BOOL)
                        .empty());
        m.put(
                "pg_publication_rel",
                new Def("oid", OID, "prpubid", OID, "prrelid", OID, "prqual", TEXT, "prattrs", TEXT).empty());
        m.put("pg_publication_namespace", new Def("oid", OID, "pnpubid", OID, "pnnspid", OID).empty());
        m.put(
                "pg_extension",
                new Def(
                                "oid",
                                OID,
                                "extname",
                                NAME,
                                "extowner",
                                OID,
                                "extnamespace",
                                OID,
                                "extrelocatable",
                                BOOL,
                                "extversion",
                                TEXT,
                                "extconfig",
                                TEXT,
                                "extcondition",
                                TEXT)
                        .empty());
        m.put("pg_enum", new Def("oid", OID, "enumtypid", OID, "enumsortorder", FLOAT4, "enumlabel", NAME).empty());
        m.put("pg_foreign_table", new Def("ftrelid", OID, "ftserver", OID, "ftoptions", TEXT).empty());
        m.put(
                "pg_partitioned_table",
                new Def(
                                "partrelid",
                                OID,
                                "partstrat",
                                CHAR,
                                "partnatts",
                                INT2,
                                "partdefid",
                                OID,
                                "partattrs",
                                TEXT,
                                "partclass",
                                TEXT,
                                "partcollation",
                                TEXT,
                                "partexprs",
                                TEXT)
                        .empty());
        return m;
    }

    static final int HEAP_AM = 2;

    private static List<Object[]> namespaces(Snapshot s) {
        List<Object[]> r = new ArrayList<>();
        for (Ns n : s.namespaces) {
            r.add(new Object[] {n.oid, n.name, SystemCatalog.USER_OID, null});
        }
        return r;
    }

    private static List<Object[]> relations(Snapshot s, char kind, Function<Rel, Object[]> row) {
        List<Object[]> r = new ArrayList<>();
        for (Rel rel : s.relations) {
            if (rel.kind == kind) {
                r.add(row.apply(rel));
            }
        }
        return r;
    }

    private static List<Object[]> classes(Snapshot s) {
        List<Object[]> r = new ArrayList<>();
        for (Rel rel : s.relations) {
            boolean table = rel.kind == 'r';
            r.add(new Object[] {
                rel.oid,
                rel.name,
                rel.ns.oid,
                0,
                0,
                SystemCatalog.USER_OID,
                table ? HEAP_AM : 0,
                0,
                0,
                0,
                -1f,
                0,
                0,
                false,
                false,
                "p",
                String.valueOf(rel.kind),
                rel.columns.size(),
                0,
                !table,
                false,
                false,
                false,
                false,
                true,
                "d",
                false,
                0,
                0L,
                0L,
                null,
                null,
                null
            });
        }
        return r;
    }

    private static List<Object[]> attributes(Snapshot s) {
        List<Object[]> r = new ArrayList<>();
        for (Rel rel : s.relations) {
            int num = 0;
            for (Column c : rel.columns) {
                num++;
                int type = PgTypes.oidOf(c.type());
                int len = PgTypes.byOid(type).orElseThrow().len;
                boolean text = c.type().layout() == ColumnType.Layout.BYTES;
                r.add(new Object[] {
                    rel.oid,
                    c.name(),
                    type,
                    -1,
                    len,
                    num,
                    0,
                    -1,
                    PgTypes.typmodOf(c.type()),
                    len > 0 && len <= 8,
                    len == 8 ? "d" : "i",
                    len > 0 ? "p" : "x",
                    "",
                    !c.nullable(),
                    false,
                    false,
                    "",
                    "",
                    false,
                    true,
                    0,
                    text ? 100 : 0,
                    null,
                    null,
                    null,
                    null
                });
            }
        }
        return r;
    }

    private static List<Object[]> types() {
        List<Object[]> r = new ArrayList<>();
        for (PgTypes.PgType t : PgTypes.all()) {
            boolean array = t.elem != 0;
            String io = array ? "array" : t.name;
            r.add(new Object[] {
                t.oid,
                t.name,
                SystemCatalog.PG_CATALOG_OID,
                SystemCatalog.USER_OID,
                t.len,
                t.len > 0 && t.len <= 8,
                t.oid == PgTypes.UNKNOWN ? "p" : "b",
                t.category,
                false,
                true,
                ",",
                0,
                array ? "array_subscript_handler" : "-",
                t.elem,
                t.array,
                io + "_in",
                io + "_out",
                io + "_recv",
                io + "_send",
                "-",
                "-",
                "-",
                t.len == 8 ? "d" : "i",
                t.len > 0 ? "p" : "x",
                false,
                0,
                -1,
                0,
                t.category.equals("S") ? 100 : 0,
                null,
                null,
                null
            });
        }
        return r;
    }

    private static List<Object[]> databases(Snapshot s) {
        List<Object[]> r = new ArrayList<>();
        java.util.Set<String> seen = new java.util.LinkedHashSet<>();
        for (Ns n : s.namespaces) {
            if (n.catalog != null && seen.add(n.catalog)) {
                r.add(new Object[] {
                    dbOid(n.catalog),
                    n.catalog,
                    SystemCatalog.USER_OID,
                    6,
                    "c",
                    false,
                    true,
                    -1,
                    0L,
                    0L,
                    1663,
                    "C.UTF-8",
                    "C.UTF-8",
                    null,
                    null,
                    null
                });
            }
        }
        return r;
    }

    /** Database OIDs: small and stable per catalog name. */
    static int dbOid(String catalog) {
        return SystemCatalog.FIRST_USER_OID - 1 - Math.floorMod(catalog.hashCode(), 10_000);
    }

    private static List<Object[]> settings(SystemCatalog cat) {
        String[][] s = {
            {"server_version", ServerInfo.SERVER_VERSION},
            {"server_version_num", ServerInfo.SERVER_VERSION_NUM},
            {"server_encoding", "UTF8"},
            {"client_encoding", "UTF8"},
            {"DateStyle", "ISO, MDY"},
            {"TimeZone", "UTC"},
            {"standard_conforming_strings", "on"},
            {"integer_datetimes", "on"},
            {"max_identifier_length", "63"},
            {"max_index_keys", "32"},
            {"default_transaction_isolation", "read committed"},
            {"transaction_isolation", "read committed"},
            {"search_path", String.join(", ", cat.currentSchemas(false))},
            {"lc_collate", "C.UTF-8"},
            {"lc_ctype", "C.UTF-8"},
        };
        List<Object[]> r = new ArrayList<>();
        for (String[] kv : s) {
            r.add(new Object[] {
                kv[0],
                kv[1],
                null,
                "Preset Options",
                kv[0],
                null,
                "internal",
                "string",
                "default",
                null,
                null,
                null,
                kv[1],
                kv[1],
                null,
                null,
                false
            });
        }
        return r;
    }
}
