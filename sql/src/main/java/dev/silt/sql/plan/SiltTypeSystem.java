package dev.silt.sql.plan;

import dev.silt.sql.spi.ColumnType;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Type rules: DECIMAL is long-backed, so precision stops at 18 (arithmetic that would widen past it is capped,
 * and an overflow at run time is an error, never a wrong number); SUM widens like Trino (integers to BIGINT,
 * DECIMAL(p, s) to DECIMAL(18, s)).
 */
final class SiltTypeSystem extends RelDataTypeSystemImpl {
    static final SiltTypeSystem INSTANCE = new SiltTypeSystem();

    @Override
    public int getMaxPrecision(SqlTypeName typeName) {
        if (typeName == SqlTypeName.DECIMAL) {
            return ColumnType.MAX_LONG_DECIMAL_PRECISION;
        }
        return super.getMaxPrecision(typeName);
    }

    @Override
    public int getMaxScale(SqlTypeName typeName) {
        if (typeName == SqlTypeName.DECIMAL) {
            return ColumnType.MAX_LONG_DECIMAL_PRECISION;
        }
        return super.getMaxScale(typeName);
    }

    @Override
    public int getDefaultPrecision(SqlTypeName typeName) {
        if (typeName == SqlTypeName.DECIMAL) {
            return ColumnType.MAX_LONG_DECIMAL_PRECISION;
        }
        return super.getDefaultPrecision(typeName);
    }

    @Override
    public RelDataType deriveSumType(RelDataTypeFactory typeFactory, RelDataType argumentType) {
        RelDataType t;
        switch (argumentType.getSqlTypeName()) {
            case TINYINT:
            case SMALLINT:
            case INTEGER:
            case BIGINT:
                t = typeFactory.createSqlType(SqlTypeName.BIGINT);
                break;
            case DECIMAL:
                t = typeFactory.createSqlType(
                        SqlTypeName.DECIMAL, ColumnType.MAX_LONG_DECIMAL_PRECISION, argumentType.getScale());
                break;
            case REAL:
            case FLOAT:
            case DOUBLE:
                t = typeFactory.createSqlType(SqlTypeName.DOUBLE);
                break;
            default:
                return super.deriveSumType(typeFactory, argumentType);
        }
        return typeFactory.createTypeWithNullability(t, argumentType.isNullable());
    }

    /** AVG of integers is a DOUBLE (as in Trino, DuckDB); of DECIMAL(p, s) a DECIMAL(18, max(s, 6)). */
    @Override
    public RelDataType deriveAvgAggType(RelDataTypeFactory typeFactory, RelDataType argumentType) {
        RelDataType t;
        switch (argumentType.getSqlTypeName()) {
            case TINYINT:
            case SMALLINT:
            case INTEGER:
            case BIGINT:
            case REAL:
            case FLOAT:
            case DOUBLE:
                t = typeFactory.createSqlType(SqlTypeName.DOUBLE);
                break;
            case DECIMAL:
                t = typeFactory.createSqlType(
                        SqlTypeName.DECIMAL,
                        ColumnType.MAX_LONG_DECIMAL_PRECISION,
                        Math.max(argumentType.getScale(), 6));
                break;
            default:
                return super.deriveAvgAggType(typeFactory, argumentType);
        }
        return typeFactory.createTypeWithNullability(t, argumentType.isNullable());
    }

    /** Constant folding rounds as execution does: half up. */
    @Override
    public java.math.RoundingMode roundingMode() {
        return java.math.RoundingMode.HALF_UP;
    }

    @Override
    public boolean shouldConvertRaggedUnionTypesToVarying() {
        return true;
    }
}
