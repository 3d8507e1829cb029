package dev.silt.sql.pgcatalog;

import dev.silt.sql.spi.ColumnType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The PostgreSQL types silt presents in {@code pg_catalog.pg_type}, with PostgreSQL's own OIDs (clients such as
 * pgjdbc hard-code them), and the mapping of silt's column types onto them ({@code atttypid}, {@code atttypmod},
 * {@code format_type}). Immutable and thread-safe.
 */
public final class PgTypes {
    /** One row of pg_type. */
    public static final class PgType {
        final int oid;
        final String name;
        final int len;
        final String category;
        final int elem;
        final int array;
        final String sqlName;

        PgType(int oid, String name, int len, String category, int elem, int array, String sqlName) {
            this.oid = oid;
            this.name = name;
            this.len = len;
            this.category = category;
            this.elem = elem;
            this.array = array;
            this.sqlName = sqlName;
        }

        public int oid() {
            return oid;
        }

        public String name() {
            return name;
        }
    }

    public static final int BOOL = 16;
    public static final int BYTEA = 17;
    public static final int CHAR = 18;
    public static final int NAME = 19;
    public static final int INT8 = 20;
    public static final int INT2 = 21;
    public static final int INT2VECTOR = 22;
    public static final int INT4 = 23;
    public static final int REGPROC = 24;
    public static final int TEXT = 25;
    public static final int OID = 26;
    public static final int OIDVECTOR = 30;
    public static final int FLOAT4 = 700;
    public static final int FLOAT8 = 701;
    public static final int UNKNOWN = 705;
    public static final int BPCHAR = 1042;
    public static final int VARCHAR = 1043;
    public static final int DATE = 1082;
    public static final int TIME = 1083;
    public static final int TIMESTAMP = 1114;
    public static final int TIMESTAMPTZ = 1184;
    public static final int INTERVAL = 1186;
    public static final int NUMERIC = 1700;
    public static final int REGCLASS = 2205;
    public static final int REGTYPE = 2206;

    private static final Map<Integer, PgType> BY_OID = new LinkedHashMap<>();

    static {
        // base types: oid, name, length, category, array type oid, format_type spelling
        base(BOOL, "bool", 1, "B", 1000, "boolean");
        base(BYTEA, "bytea", -1, "U", 1001, "bytea");
        base(CHAR, "char", 1, "Z", 1002, "\"char\"");
        base(NAME, "name", 64, "S", 1003, "name");
        base(INT8, "int8", 8, "N", 1016, "bigint");
        base(INT2, "int2", 2, "N", 1005, "smallint");
        base(INT2VECTOR, "int2vector", -1, "A", 1006, "int2vector");
        base(INT4, "int4", 4, "N", 1007, "integer");
        base(REGPROC, "regproc", 4, "N", 1008, "regproc");
        base(TEXT, "text", -1, "S", 1009, "text");
        base(OID, "oid", 4, "N", 1028, "oid");
        base(OIDVECTOR, "oidvector", -1, "A", 1013, "oidvector");
        base(FLOAT4, "float4", 4, "N", 1021, "real");
        base(FLOAT8, "float8", 8, "N", 1022, "double precision");
        base(UNKNOWN, "unknown", -2, "X", 0, "unknown");
        base(BPCHAR, "bpchar", -1, "S", 1014, "character");
        base(VARCHAR, "varchar", -1, "S", 1015, "character varying");
        base(DATE, "date", 4, "D", 1182, "date");
        base(TIME, "time", 8, "D", 1183, "time without time zone");
        base(TIMESTAMP, "timestamp", 8, "D", 1115, "timestamp without time zone");
        base(TIMESTAMPTZ, "timestamptz", 8, "D", 1185, "timestamp with time zone");
        base(INTERVAL, "interval", 16, "T", 1187, "interval");
        base(NUMERIC, "numeric", -1, "N", 1231, "numeric");
        base(REGCLASS, "regclass", 4, "N", 2210, "regclass");
        base(REGTYPE, "regtype", 4, "N", 2211, "regtype");
    }

    private static void base(int oid, String name, int len, String category, int array, String sqlName) {
        BY_OID.put(oid, new PgType(oid, name, len, category, 0, array, sqlName));
        if (array != 0) {
            BY_OID.put(array, new PgType(array, "_" + name, -1, "A", oid, 0, sqlName + "[]"));
        }
    }

    private PgTypes() {}

    /** Every type, base types first, each followed by its array type. */
    public static List<PgType> all() {
        return List.copyOf(BY_OID.values());
    }

    public static Optional<PgType> byOid(int oid) {
        return Optional.ofNullable(BY_OID.get(oid));
    }

    /** The pg_type OID of a silt column type. */
    public static int oidOf(ColumnType t) {
        switch (t.kind()) {
            case BOOLEAN:
                return BOOL;
            case TINYINT:
            case SMALLINT:
                return INT2;
            case INTEGER:
                return INT4;
            case BIGINT:
                return INT8;
            case REAL:
                return FLOAT4;
            case DOUBLE:
                return FLOAT8;
            case DECIMAL:
                return NUMERIC;
            case CHAR:
                return BPCHAR;
            case VARCHAR:
                return VARCHAR;
            case DATE:
                return DATE;
            case TIMESTAMP:
                return TIMESTAMP;
            default:
                return INTERVAL;
        }
    }

    /**
     * The type modifier PostgreSQL stores in {@code atttypmod}: -1 for none; length + 4 for (var)char; {@code
     * ((precision << 16) | scale) + 4} for numeric.
     */
    public static int typmodOf(ColumnType t) {
        switch (t.kind()) {
            case CHAR:
            case VARCHAR:
                return t.precision() < 0 ? -1 : t.precision() + 4;
            case DECIMAL:
                return ((t.precision() << 16) | t.scale()) + 4;
            default:
                return -1;
        }
    }

    /** PostgreSQL's {@code format_type(oid, typmod)}: the SQL spelling of a type; null for a null oid. */
    public static String formatType(Integer oid, Integer typmod) {
        if (oid == null) {
            return null;
        }
        PgType t = BY_OID.get(oid);
        if (t == null) {
            return "???";
        }
        int mod = typmod == null ? -1 : typmod;
        if (mod < 0) {
            return t.sqlName;
        }
        switch (oid) {
            case BPCHAR:
            case VARCHAR:
                return t.sqlName + "(" + (mod - 4) + ")";
            case NUMERIC:
                return "numeric(" + ((mod - 4) >> 16) + "," + ((mod - 4) & 0xffff) + ")";
            default:
                return t.sqlName;
        }
    }
}
