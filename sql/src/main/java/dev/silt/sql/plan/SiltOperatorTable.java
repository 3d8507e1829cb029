package dev.silt.sql.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlBasicFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlOperandTypeChecker;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlNameMatcher;
import org.apache.calcite.util.Optionality;

/**
 * The Trino-style functions silt adds to Calcite's standard and PostgreSQL ones (string, date/time, JSON,
 * conditional, approximate aggregates). A name defined here shadows a same-named function of the other tables, so
 * {@code date_trunc('day', ts)} means Trino's, not BigQuery's. The executor compiles each by name ({@code
 * dev.silt.sql.exec.expr.ScalarFunctions}).
 *
 * <p>Immutable and thread-safe.
 */
public final class SiltOperatorTable implements SqlOperatorTable {
    private static final SqlTypeFamily S = SqlTypeFamily.CHARACTER;
    private static final SqlTypeFamily I = SqlTypeFamily.INTEGER;
    private static final SqlTypeFamily N = SqlTypeFamily.NUMERIC;
    private static final SqlTypeFamily DT = SqlTypeFamily.DATETIME;

    private static final SqlReturnTypeInference VARCHAR_NULL =
            ReturnTypes.VARCHAR.andThen((b, t) -> b.getTypeFactory().createTypeWithNullability(t, true));
    private static final SqlReturnTypeInference TIMESTAMP_3 = b -> nullableLike(
            b.getTypeFactory(), b.getTypeFactory().createSqlType(SqlTypeName.TIMESTAMP, 3), b.collectOperandTypes());

    /** IF(condition, then [, else]): the branches' common type; NULL when the condition is not true and no else. */
    private static final SqlReturnTypeInference IF_TYPE = b -> {
        List<RelDataType> branches = new ArrayList<>(b.collectOperandTypes().subList(1, b.getOperandCount()));
        RelDataType t = b.getTypeFactory().leastRestrictive(branches);
        if (t == null) {
            throw b.newError(org.apache.calcite.util.Static.RESOURCE.incompatibleTypes());
        }
        return b.getTypeFactory().createTypeWithNullability(t, b.getOperandCount() < 3 || t.isNullable());
    };

    /** ELEMENT_AT(array, i) is the element type, ELEMENT_AT(map, key) the value type; NULL when absent. */
    private static final SqlReturnTypeInference ELEMENT_TYPE = b -> {
        RelDataType c = b.getOperandType(0);
        RelDataType e = c.getSqlTypeName() == SqlTypeName.MAP ? c.getValueType() : c.getComponentType();
        return b.getTypeFactory().createTypeWithNullability(e, true);
    };

    private final Map<String, List<SqlOperator>> byName = new HashMap<>();

    public static final SiltOperatorTable INSTANCE = new SiltOperatorTable();

    private SiltOperatorTable() {
        // strings
        fn("STRPOS", ReturnTypes.BIGINT_NULLABLE, OperandTypes.STRING_STRING);
        fn("SPLIT_PART", VARCHAR_NULL, OperandTypes.family(S, S, I));
        fn("REGEXP_LIKE", ReturnTypes.BOOLEAN_NULLABLE, OperandTypes.STRING_STRING);
        fn("REGEXP_EXTRACT", VARCHAR_NULL, OperandTypes.or(OperandTypes.family(S, S), OperandTypes.family(S, S, I)));
        fn(
                "REGEXP_REPLACE",
                ReturnTypes.VARCHAR_NULLABLE,
                OperandTypes.or(OperandTypes.family(S, S), OperandTypes.family(S, S, S)));
        fn(
                "REPLACE",
                ReturnTypes.VARCHAR_NULLABLE,
                OperandTypes.or(OperandTypes.family(S, S), OperandTypes.family(S, S, S)));
        fn(
                "LPAD",
                ReturnTypes.VARCHAR_NULLABLE,
                OperandTypes.or(OperandTypes.family(S, I), OperandTypes.family(S, I, S)));
        fn(
                "RPAD",
                ReturnTypes.VARCHAR_NULLABLE,
                OperandTypes.or(OperandTypes.family(S, I), OperandTypes.family(S, I, S)));
        fn("STARTS_WITH", ReturnTypes.BOOLEAN_NULLABLE, OperandTypes.STRING_STRING);
        fn("ENDS_WITH", ReturnTypes.BOOLEAN_NULLABLE, OperandTypes.STRING_STRING);
        fn("REVERSE", ReturnTypes.VARCHAR_NULLABLE, OperandTypes.STRING);
        fn("LTRIM", ReturnTypes.VARCHAR_NULLABLE, OperandTypes.STRING);
        fn("RTRIM", ReturnTypes.VARCHAR_NULLABLE, OperandTypes.STRING);
        fn("LENGTH", ReturnTypes.BIGINT_NULLABLE, OperandTypes.STRING);
        fn("CHR", ReturnTypes.VARCHAR_NULLABLE, OperandTypes.family(I));
        fn("CODEPOINT", ReturnTypes.BIGINT_NULLABLE, OperandTypes.STRING);
        // math
        fn("CBRT", ReturnTypes.DOUBLE_NULLABLE, OperandTypes.NUMERIC);
        fn("LOG2", ReturnTypes.DOUBLE_NULLABLE, OperandTypes.NUMERIC);
        // conditional
        add(SqlBasicFunction.create(
                        "IF",
                        IF_TYPE,
                        OperandTypes.or(
                                OperandTypes.family(SqlTypeFamily.BOOLEAN, SqlTypeFamily.ANY),
                                OperandTypes.family(SqlTypeFamily.BOOLEAN, SqlTypeFamily.ANY, SqlTypeFamily.ANY)))
                .withOperandTypeInference((binding, returnType, types) -> {
                    for (int k = 0; k < types.length; k++) {
                        types[k] = k == 0 ? binding.getTypeFactory().createSqlType(SqlTypeName.BOOLEAN) : returnType;
                    }
                }));
        add(SqlLibraryOperators.TRY_CAST);
        // date and time
        fn("DATE_TRUNC", ReturnTypes.ARG1_NULLABLE, OperandTypes.family(S, DT));
        fn("DATE_ADD", ReturnTypes.ARG2_NULLABLE, OperandTypes.family(S, I, DT));
        // named as the renamed token reads: the validator matches a call's name against its operator's
        fn(Dialect.DATE_DIFF.toUpperCase(Locale.ROOT), ReturnTypes.BIGINT_NULLABLE, OperandTypes.family(S, DT, DT));
        fn("FROM_UNIXTIME", TIMESTAMP_3, OperandTypes.NUMERIC);
        fn("TO_UNIXTIME", ReturnTypes.DOUBLE_NULLABLE, OperandTypes.family(DT));
        fn("DATE_PARSE", TIMESTAMP_3, OperandTypes.STRING_STRING);
        fn("DATE_FORMAT", ReturnTypes.VARCHAR_NULLABLE, OperandTypes.family(DT, S));
        fn("FORMAT_DATETIME", ReturnTypes.VARCHAR_NULLABLE, OperandTypes.family(DT, S));
        fn("DAY_OF_WEEK", ReturnTypes.BIGINT_NULLABLE, OperandTypes.family(DT));
        fn("DOW", ReturnTypes.BIGINT_NULLABLE, OperandTypes.family(DT));
        fn("DAY_OF_YEAR", ReturnTypes.BIGINT_NULLABLE, OperandTypes.family(DT));
        fn("DOY", ReturnTypes.BIGINT_NULLABLE, OperandTypes.family(DT));
        fn("DAY_OF_MONTH", ReturnTypes.BIGINT_NULLABLE, OperandTypes.family(DT));
        fn("LAST_DAY_OF_MONTH", ReturnTypes.DATE_NULLABLE, OperandTypes.family(DT));
        add(SqlBasicFunction.create(
                        "NOW",
                        b -> b.getTypeFactory().createSqlType(SqlTypeName.TIMESTAMP, 3),
                        OperandTypes.NILADIC,
                        SqlFunctionCategory.TIMEDATE)
                .withDynamic(true)
                .withDeterministic(false));
        // arrays and maps
        fn(
                "ELEMENT_AT",
                ELEMENT_TYPE,
                OperandTypes.or(
                        OperandTypes.family(SqlTypeFamily.ARRAY, SqlTypeFamily.INTEGER),
                        OperandTypes.family(SqlTypeFamily.MAP, SqlTypeFamily.ANY)));
        fn("CONTAINS", ReturnTypes.BOOLEAN_NULLABLE, OperandTypes.family(SqlTypeFamily.ARRAY, SqlTypeFamily.ANY));
        // JSON
        fn("JSON_EXTRACT_SCALAR", VARCHAR_NULL, OperandTypes.STRING_STRING);
        fn("JSON_EXTRACT", VARCHAR_NULL, OperandTypes.STRING_STRING);
        fn("JSON_ARRAY_LENGTH", ReturnTypes.BIGINT_FORCE_NULLABLE, OperandTypes.STRING);
        // approximate aggregates
        add(new Aggregate("APPROX_DISTINCT", ReturnTypes.BIGINT, OperandTypes.ANY));
        add(new Aggregate(
                "APPROX_PERCENTILE", ReturnTypes.ARG0_FORCE_NULLABLE, OperandTypes.family(N, SqlTypeFamily.NUMERIC)));
    }

    private static RelDataType nullableLike(RelDataTypeFactory f, RelDataType t, List<RelDataType> operands) {
        boolean nullable = operands.stream().anyMatch(RelDataType::isNullable);
        return f.createTypeWithNullability(t, nullable);
    }

    private void fn(String name, SqlReturnTypeInference ret, SqlOperandTypeChecker operands) {
        add(SqlBasicFunction.create(name, ret, operands, SqlFunctionCategory.USER_DEFINED_FUNCTION));
    }

    private void add(SqlOperator op) {
        String key = op.getName().toUpperCase(Locale.ROOT);
        byName.computeIfAbsent(key, k -> new ArrayList<>()).add(op);
    }

    /** This table in front of {@code rest}: a name this table defines is not looked up in {@code rest}. */
    public static SqlOperatorTable over(SqlOperatorTable rest) {
        return new SqlOperatorTable() {
            @Override
            public void lookupOperatorOverloads(
                    SqlIdentifier opName,
                    SqlFunctionCategory category,
                    SqlSyntax syntax,
                    List<SqlOperator> operatorList,
                    SqlNameMatcher nameMatcher) {
                int before = operatorList.size();
                INSTANCE.lookupOperatorOverloads(opName, category, syntax, operatorList, nameMatcher);
                if (operatorList.size() == before) {
                    rest.lookupOperatorOverloads(opName, category, syntax, operatorList, nameMatcher);
                }
            }

            @Override
            public List<SqlOperator> getOperatorList() {
                List<SqlOperator> all = new ArrayList<>(INSTANCE.getOperatorList());
                all.addAll(rest.getOperatorList());
                return all;
            }
        };
    }

    @Override
    public void lookupOperatorOverloads(
            SqlIdentifier opName,
            SqlFunctionCategory category,
            SqlSyntax syntax,
            List<SqlOperator> operatorList,
            SqlNameMatcher nameMatcher) {
        if (!opName.isSimple() || (syntax != SqlSyntax.FUNCTION && syntax != SqlSyntax.FUNCTION_ID)) {
            return;
        }
        List<SqlOperator> ops = byName.get(opName.getSimple().toUpperCase(Locale.ROOT));
        if (ops != null) {
            operatorList.addAll(ops);
        }
    }

    @Override
    public List<SqlOperator> getOperatorList() {
        List<SqlOperator> all = new ArrayList<>();
        byName.values().forEach(all::addAll);
        return all;
    }

    /** An aggregate known to the validator by name; the executor supplies its accumulator. */
    private static final class Aggregate extends SqlAggFunction {
        Aggregate(String name, SqlReturnTypeInference ret, SqlOperandTypeChecker operands) {
            super(
                    name,
                    null,
                    SqlKind.OTHER_FUNCTION,
                    ret,
                    null,
                    operands,
                    SqlFunctionCategory.NUMERIC,
                    false,
                    false,
                    Optionality.FORBIDDEN);
        }
    }
}
