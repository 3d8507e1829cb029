package dev.silt.sql.spi;

import java.util.List;
import java.util.Objects;

/**
 * A column's SQL type and how its values are laid out in column vectors.
 *
 * <p>Layout (one home for it, used by every connector and operator):
 *
 * <ul>
 *   <li>BOOLEAN (0/1), TINYINT…BIGINT, DATE (days since 1970-01-01), TIMESTAMP (milliseconds since the epoch,
 *       no time zone), INTERVAL YEAR TO MONTH (months), INTERVAL DAY TO SECOND (milliseconds), and DECIMAL with
 *       precision ≤ 18 (the unscaled value) live in a {@code LongColumnVector};
 *   <li>REAL and DOUBLE in a {@code DoubleColumnVector};
 *   <li>VARCHAR and CHAR (UTF-8 bytes) in a {@code BytesColumnVector};
 *   <li>ARRAY, MAP and ROW in ORC's nested vectors ({@code ListColumnVector}, {@code MapColumnVector},
 *       {@code StructColumnVector}) whose children hold the elements in these same layouts.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class ColumnType {
    /** The SQL type families silt executes. */
    public enum Kind {
        BOOLEAN,
        TINYINT,
        SMALLINT,
        INTEGER,
        BIGINT,
        REAL,
        DOUBLE,
        DECIMAL,
        VARCHAR,
        CHAR,
        DATE,
        TIMESTAMP,
        INTERVAL_YEAR_MONTH,
        INTERVAL_DAY_TIME,
        ARRAY,
        MAP,
        ROW
    }

    /** The physical vector a type lives in. */
    public enum Layout {
        LONG,
        DOUBLE,
        BYTES,
        /** ARRAY: a {@code ListColumnVector} (offsets and lengths into one child vector of the elements). */
        LIST,
        /** MAP: a {@code MapColumnVector} (offsets and lengths into a keys and a values vector). */
        MAP,
        /** ROW: a {@code StructColumnVector} (one vector per field). */
        STRUCT
    }

    /** Largest DECIMAL precision whose unscaled value always fits a long. */
    public static final int MAX_LONG_DECIMAL_PRECISION = 18;

    public static final ColumnType BOOLEAN = new ColumnType(Kind.BOOLEAN, 0, 0);
    public static final ColumnType TINYINT = new ColumnType(Kind.TINYINT, 0, 0);
    public static final ColumnType SMALLINT = new ColumnType(Kind.SMALLINT, 0, 0);
    public static final ColumnType INTEGER = new ColumnType(Kind.INTEGER, 0, 0);
    public static final ColumnType BIGINT = new ColumnType(Kind.BIGINT, 0, 0);
    public static final ColumnType REAL = new ColumnType(Kind.REAL, 0, 0);
    public static final ColumnType DOUBLE = new ColumnType(Kind.DOUBLE, 0, 0);
    public static final ColumnType VARCHAR = new ColumnType(Kind.VARCHAR, -1, 0);
    public static final ColumnType DATE = new ColumnType(Kind.DATE, 0, 0);
    public static final ColumnType TIMESTAMP = new ColumnType(Kind.TIMESTAMP, 3, 0);
    public static final ColumnType INTERVAL_YEAR_MONTH = new ColumnType(Kind.INTERVAL_YEAR_MONTH, 0, 0);
    public static final ColumnType INTERVAL_DAY_TIME = new ColumnType(Kind.INTERVAL_DAY_TIME, 0, 0);

    private final Kind kind;
    private final int precision;
    private final int scale;
    private final List<ColumnType> children;
    private final List<String> fieldNames;

    private ColumnType(Kind kind, int precision, int scale) {
        this(kind, precision, scale, List.of(), List.of());
    }

    private ColumnType(Kind kind, int precision, int scale, List<ColumnType> children, List<String> fieldNames) {
        this.kind = kind;
        this.precision = precision;
        this.scale = scale;
        this.children = List.copyOf(children);
        this.fieldNames = List.copyOf(fieldNames);
    }

    /** ARRAY(element). */
    public static ColumnType array(ColumnType element) {
        return new ColumnType(Kind.ARRAY, 0, 0, List.of(element), List.of());
    }

    /** MAP(key, value). */
    public static ColumnType map(ColumnType key, ColumnType value) {
        return new ColumnType(Kind.MAP, 0, 0, List.of(key, value), List.of());
    }

    /** ROW(name type, …); names and types pair up. */
    public static ColumnType row(List<String> names, List<ColumnType> types) {
        if (names.size() != types.size() || types.isEmpty()) {
            throw new IllegalArgumentException("a ROW needs one name per field type, and at least one field");
        }
        return new ColumnType(Kind.ROW, 0, 0, types, names);
    }

    /** The element type of an ARRAY, the key and value types of a MAP, the field types of a ROW; else empty. */
    public List<ColumnType> children() {
        return children;
    }

    /** The field names of a ROW; else empty. */
    public List<String> fieldNames() {
        return fieldNames;
    }

    /** DECIMAL(precision, scale); precision 1..18, scale 0..precision. */
    public static ColumnType decimal(int precision, int scale) {
        if (precision < 1 || precision > MAX_LONG_DECIMAL_PRECISION || scale < 0 || scale > precision) {
            throw new IllegalArgumentException("DECIMAL(" + precision + ", " + scale
                    + ") is not supported: precision must be 1.." + MAX_LONG_DECIMAL_PRECISION
                    + " and scale 0..precision");
        }
        return new ColumnType(Kind.DECIMAL, precision, scale);
    }

    /** VARCHAR(length); a negative length means unbounded. */
    public static ColumnType varchar(int length) {
        return length < 0 ? VARCHAR : new ColumnType(Kind.VARCHAR, length, 0);
    }

    /** CHAR(length). */
    public static ColumnType character(int length) {
        return new ColumnType(Kind.CHAR, length, 0);
    }

    public Kind kind() {
        return kind;
    }

    /** DECIMAL precision, or VARCHAR/CHAR length (-1 when unbounded); 0 otherwise. */
    public int precision() {
        return precision;
    }

    /** DECIMAL scale; 0 otherwise. */
    public int scale() {
        return scale;
    }

    public Layout layout() {
        switch (kind) {
            case REAL:
            case DOUBLE:
                return Layout.DOUBLE;
            case VARCHAR:
            case CHAR:
                return Layout.BYTES;
            case ARRAY:
                return Layout.LIST;
            case MAP:
                return Layout.MAP;
            case ROW:
                return Layout.STRUCT;
            default:
                return Layout.LONG;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ColumnType
                && ((ColumnType) o).kind == kind
                && ((ColumnType) o).precision == precision
                && ((ColumnType) o).scale == scale
                && ((ColumnType) o).children.equals(children)
                && ((ColumnType) o).fieldNames.equals(fieldNames);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, precision, scale, children, fieldNames);
    }

    @Override
    public String toString() {
        switch (kind) {
            case DECIMAL:
                return "DECIMAL(" + precision + ", " + scale + ")";
            case VARCHAR:
                return precision < 0 ? "VARCHAR" : "VARCHAR(" + precision + ")";
            case CHAR:
                return "CHAR(" + precision + ")";
            case INTERVAL_YEAR_MONTH:
                return "INTERVAL YEAR TO MONTH";
            case INTERVAL_DAY_TIME:
                return "INTERVAL DAY TO SECOND";
            case ARRAY:
                return "ARRAY(" + children.get(0) + ")";
            case MAP:
                return "MAP(" + children.get(0) + ", " + children.get(1) + ")";
            case ROW: {
                StringBuilder b = new StringBuilder("ROW(");
                for (int i = 0; i < children.size(); i++) {
                    b.append(i == 0 ? "" : ", ")
                            .append(fieldNames.get(i))
                            .append(' ')
                            .append(children.get(i));
                }
                return b.append(')').toString();
            }
            default:
                return kind.name();
        }
    }
}
