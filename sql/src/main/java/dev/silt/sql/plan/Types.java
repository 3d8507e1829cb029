package dev.silt.sql.plan;

import dev.silt.sql.SqlException;
import dev.silt.sql.spi.ColumnType;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/** Mapping between Calcite's types and {@link ColumnType}. */
public final class Types {
    private Types() {}

    public static ColumnType of(RelDataType t) {
        switch (t.getSqlTypeName()) {
            case BOOLEAN:
                return ColumnType.BOOLEAN;
            case TINYINT:
                return ColumnType.TINYINT;
            case SMALLINT:
                return ColumnType.SMALLINT;
            case INTEGER:
                return ColumnType.INTEGER;
            case BIGINT:
                return ColumnType.BIGINT;
            case REAL:
                return ColumnType.REAL;
            case FLOAT:
            case DOUBLE:
                return ColumnType.DOUBLE;
            case DECIMAL:
                return ColumnType.decimal(Math.max(1, t.getPrecision()), Math.max(0, t.getScale()));
            case CHAR:
                return ColumnType.character(t.getPrecision());
            case VARCHAR:
                return ColumnType.varchar(
                        t.getPrecision() == RelDataType.PRECISION_NOT_SPECIFIED ? -1 : t.getPrecision());
            case DATE:
                return ColumnType.DATE;
            case TIMESTAMP:
                return ColumnType.TIMESTAMP;
            case NULL:
                return ColumnType.INTEGER;
            case ARRAY:
                return ColumnType.array(of(t.getComponentType()));
            case MAP:
                return ColumnType.map(of(t.getKeyType()), of(t.getValueType()));
            case ROW: {
                java.util.List<String> names = new java.util.ArrayList<>();
                java.util.List<ColumnType> types = new java.util.ArrayList<>();
                for (org.apache.calcite.rel.type.RelDataTypeField f : t.getFieldList()) {
                    names.add(f.getName());
                    types.add(of(f.getType()));
                }
                return ColumnType.row(names, types);
            }
            case INTERVAL_YEAR:
            case INTERVAL_YEAR_MONTH:
            case INTERVAL_MONTH:
                return ColumnType.INTERVAL_YEAR_MONTH;
            case INTERVAL_DAY:
            case INTERVAL_DAY_HOUR:
            case INTERVAL_DAY_MINUTE:
            case INTERVAL_DAY_SECOND:
            case INTERVAL_HOUR:
            case INTERVAL_HOUR_MINUTE:
            case INTERVAL_HOUR_SECOND:
            case INTERVAL_MINUTE:
            case INTERVAL_MINUTE_SECOND:
            case INTERVAL_SECOND:
                return ColumnType.INTERVAL_DAY_TIME;
            default:
                throw new SqlException("type " + t.getFullTypeString() + " is not supported");
        }
    }

    public static RelDataType toRel(RelDataTypeFactory f, ColumnType t, boolean nullable) {
        RelDataType r;
        switch (t.kind()) {
            case BOOLEAN:
                r = f.createSqlType(SqlTypeName.BOOLEAN);
                break;
            case TINYINT:
                r = f.createSqlType(SqlTypeName.TINYINT);
                break;
            case SMALLINT:
                r = f.createSqlType(SqlTypeName.SMALLINT);
                break;
            case INTEGER:
                r = f.createSqlType(SqlTypeName.INTEGER);
                break;
            case BIGINT:
                r = f.createSqlType(SqlTypeName.BIGINT);
                break;
            case REAL:
                r = f.createSqlType(SqlTypeName.REAL);
                break;
            case DOUBLE:
                r = f.createSqlType(SqlTypeName.DOUBLE);
                break;
            case DECIMAL:
                r = f.createSqlType(SqlTypeName.DECIMAL, t.precision(), t.scale());
                break;
            case CHAR:
                r = f.createSqlType(SqlTypeName.CHAR, t.precision());
                break;
            case VARCHAR:
                r = t.precision() < 0
                        ? f.createSqlType(SqlTypeName.VARCHAR)
                        : f.createSqlType(SqlTypeName.VARCHAR, t.precision());
                break;
            case DATE:
                r = f.createSqlType(SqlTypeName.DATE);
                break;
            case TIMESTAMP:
                r = f.createSqlType(SqlTypeName.TIMESTAMP, 3);
                break;
            case ARRAY:
                r = f.createArrayType(toRel(f, t.children().get(0), true), -1);
                break;
            case MAP:
                r = f.createMapType(
                        toRel(f, t.children().get(0), false),
                        toRel(f, t.children().get(1), true));
                break;
            case ROW: {
                java.util.List<RelDataType> types = new java.util.ArrayList<>();
                for (ColumnType c : t.children()) {
                    types.add(toRel(f, c, true));
                }
                r = f.createStructType(types, t.fieldNames());
                break;
            }
            case INTERVAL_YEAR_MONTH:
                r = f.createSqlIntervalType(new org.apache.calcite.sql.SqlIntervalQualifier(
                        org.apache.calcite.avatica.util.TimeUnit.YEAR,
                        org.apache.calcite.avatica.util.TimeUnit.MONTH,
                        org.apache.calcite.sql.parser.SqlParserPos.ZERO));
                break;
            default:
                r = f.createSqlIntervalType(new org.apache.calcite.sql.SqlIntervalQualifier(
                        org.apache.calcite.avatica.util.TimeUnit.DAY,
                        org.apache.calcite.avatica.util.TimeUnit.SECOND,
                        org.apache.calcite.sql.parser.SqlParserPos.ZERO));
        }
        return f.createTypeWithNullability(r, nullable);
    }
}
