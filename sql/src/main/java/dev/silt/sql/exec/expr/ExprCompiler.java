package dev.silt.sql.exec.expr;

import dev.silt.sql.SqlException;
import dev.silt.sql.pgcatalog.PgFunctions;
import dev.silt.sql.plan.Types;
import dev.silt.sql.spi.ColumnType;
import dev.silt.sql.spi.ColumnType.Kind;
import dev.silt.sql.spi.ColumnType.Layout;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.avatica.util.TimeUnitRange;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.fun.SqlLikeOperator;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.NlsString;
import org.apache.calcite.util.TimestampString;

/**
 * Compiles Calcite row expressions into vectorized {@link Expr} trees. Operands are brought into one domain first
 * (DECIMAL scales aligned, integers widened, date vs timestamp) by explicit {@link Cast}s, so each operation runs a
 * single typed loop. Compile once per worker: the trees hold per-thread output vectors.
 */
public final class ExprCompiler {
    private final List<ColumnType> inputTypes;
    private final RexBuilder rexBuilder;

    public ExprCompiler(List<ColumnType> inputTypes, RexBuilder rexBuilder) {
        this.inputTypes = inputTypes;
        this.rexBuilder = rexBuilder;
    }

    public Expr compile(RexNode node) {
        if (node instanceof RexInputRef) {
            int i = ((RexInputRef) node).getIndex();
            return new Expr.InputRef(i, inputTypes.get(i));
        }
        if (node instanceof RexLiteral) {
            RexLiteral lit = (RexLiteral) node;
            ColumnType t = Types.of(lit.getType());
            return new Expr.Literal(t, literalValue(lit, t));
        }
        if (node instanceof org.apache.calcite.rex.RexFieldAccess) {
            org.apache.calcite.rex.RexFieldAccess f = (org.apache.calcite.rex.RexFieldAccess) node;
            int index = f.getField().getIndex();
            return new ComplexFunctions.PerRow(
                    Types.of(f.getType()),
                    List.of(compile(f.getReferenceExpr())),
                    a -> ComplexFunctions.field(a[0], index));
        }
        if (node instanceof RexCall) {
            RexCall call = (RexCall) node;
            if (call.getKind() == org.apache.calcite.sql.SqlKind.SEARCH) {
                return compile(RexUtil.expandSearch(rexBuilder, null, call));
            }
            return call(call);
        }
        throw new SqlException("expression " + node + " is not supported");
    }

    /** A Calcite literal as the Java value {@code Vectors.set} takes. */
    public static Object literalValue(RexLiteral lit, ColumnType t) {
        if (lit.isNull()) {
            return null;
        }
        switch (t.kind()) {
            case BOOLEAN:
                return lit.getValueAs(Boolean.class);
            case TINYINT:
            case SMALLINT:
            case INTEGER:
            case BIGINT:
                return lit.getValueAs(BigDecimal.class)
                        .setScale(0, RoundingMode.HALF_UP)
                        .longValueExact();
            case DECIMAL:
                return lit.getValueAs(BigDecimal.class);
            case REAL:
            case DOUBLE:
                return lit.getValueAs(Double.class);
            case VARCHAR:
            case CHAR:
                Object v = lit.getValue();
                return v instanceof NlsString ? ((NlsString) v).getValue() : lit.getValueAs(String.class);
            case DATE:
                return LocalDate.ofEpochDay(lit.getValueAs(DateString.class).getDaysSinceEpoch());
            case TIMESTAMP:
                long ms = lit.getValueAs(TimestampString.class).getMillisSinceEpoch();
                return LocalDateTime.ofEpochSecond(
                        Math.floorDiv(ms, 1000), (int) Math.floorMod(ms, 1000) * 1_000_000, ZoneOffset.UTC);
            case INTERVAL_YEAR_MONTH:
                return Period.ofMonths(lit.getValueAs(BigDecimal.class).intValueExact());
            case INTERVAL_DAY_TIME:
                return Duration.ofMillis(lit.getValueAs(BigDecimal.class).longValueExact());
            default:
                throw new SqlException("literal of type " + t + " is not supported");
        }
    }

    private List<Expr> operands(RexCall call) {
        List<Expr> r = new ArrayList<>();
        for (RexNode o : call.getOperands()) {
            r.add(compile(o));
        }
        return r;
    }

    private Expr call(RexCall call) {
        ColumnType type = Types.of(call.getType());
        List<Expr> ops;
        switch (call.getKind()) {
            case PLUS:
            case MINUS:
            case TIMES:
            case DIVIDE:
            case MOD:
                ops = operands(call);
                return arithmetic(call.getKind(), type, ops.get(0), ops.get(1));
            case MINUS_PREFIX:
                ops = operands(call);
                return arithmetic(
                        org.apache.calcite.sql.SqlKind.MINUS,
                        type,
                        new Expr.Literal(ColumnType.INTEGER, 0L),
                        ops.get(0));
            case PLUS_PREFIX:
            case REINTERPRET:
                return Cast.of(compile(call.getOperands().get(0)), type);
            case EQUALS:
                return comparison(Comparison.Op.EQ, call);
            case NOT_EQUALS:
                return comparison(Comparison.Op.NE, call);
            case LESS_THAN:
                return comparison(Comparison.Op.LT, call);
            case LESS_THAN_OR_EQUAL:
                return comparison(Comparison.Op.LE, call);
            case GREATER_THAN:
                return comparison(Comparison.Op.GT, call);
            case GREATER_THAN_OR_EQUAL:
                return comparison(Comparison.Op.GE, call);
            case IS_NOT_DISTINCT_FROM:
            case IS_DISTINCT_FROM: {
                // a IS NOT DISTINCT FROM b = CASE WHEN a IS NULL THEN b IS NULL WHEN b IS NULL THEN false ELSE a = b
                ops = operands(call);
                Expr eq = domainComparison(Comparison.Op.EQ, ops.get(0), ops.get(1));
                Expr r = new Case(
                        ColumnType.BOOLEAN,
                        List.of(
                                new Logic.Is(Logic.Test.IS_NULL, ops.get(0)),
                                new Logic.Is(Logic.Test.IS_NULL, ops.get(1))),
                        List.of(
                                new Logic.Is(Logic.Test.IS_NULL, ops.get(1)),
                                new Expr.Literal(ColumnType.BOOLEAN, false)),
                        eq);
                return call.getKind() == org.apache.calcite.sql.SqlKind.IS_DISTINCT_FROM ? new Logic.Not(r) : r;
            }
            case AND:
                return new Logic.Junction(true, operands(call));
            case OR:
                return new Logic.Junction(false, operands(call));
            case NOT:
                return new Logic.Not(compile(call.getOperands().get(0)));
            case IS_NULL:
                return new Logic.Is(
                        Logic.Test.IS_NULL, compile(call.getOperands().get(0)));
            case IS_NOT_NULL:
                return new Logic.Is(
                        Logic.Test.IS_NOT_NULL, compile(call.getOperands().get(0)));
            case IS_TRUE:
                return new Logic.Is(
                        Logic.Test.IS_TRUE, compile(call.getOperands().get(0)));
            case IS_NOT_TRUE:
                return new Logic.Is(
                        Logic.Test.IS_NOT_TRUE, compile(call.getOperands().get(0)));
            case IS_FALSE:
                return new Logic.Is(
                        Logic.Test.IS_FALSE, compile(call.getOperands().get(0)));
            case IS_NOT_FALSE:
                return new Logic.Is(
                        Logic.Test.IS_NOT_FALSE, compile(call.getOperands().get(0)));
            case CASE: {
                ops = operands(call);
                List<Expr> conds = new ArrayList<>();
                List<Expr> vals = new ArrayList<>();
                for (int k = 0; k + 1 < ops.size(); k += 2) {
                    conds.add(ops.get(k));
                    vals.add(Cast.of(ops.get(k + 1), type));
                }
                return new Case(type, conds, vals, Cast.of(ops.get(ops.size() - 1), type));
            }
            case COALESCE: {
                ops = operands(call);
                List<Expr> conds = new ArrayList<>();
                List<Expr> vals = new ArrayList<>();
                for (int k = 0; k + 1 < ops.size(); k++) {
                    conds.add(new Logic.Is(Logic.Test.IS_NOT_NULL, ops.get(k)));
                    vals.add(Cast.of(ops.get(k), type));
                }
                return new Case(type, conds, vals, Cast.of(ops.get(ops.size() - 1), type));
            }
            case CAST:
                return Cast.of(compile(call.getOperands().get(0)), type);
            case SAFE_CAST:
                return TryCast.of(compile(call.getOperands().get(0)), type);
            case LIKE: {
                SqlLikeOperator op = (SqlLikeOperator) call.getOperator();
                RexNode pattern = call.getOperands().get(1);
                if (!(pattern instanceof RexLiteral)) {
                    throw new SqlException("LIKE needs a constant pattern");
                }
                Character escape = null;
                if (call.getOperands().size() > 2) {
                    String e = ((RexLiteral) call.getOperands().get(2)).getValueAs(String.class);
                    escape = e == null || e.isEmpty() ? null : e.charAt(0);
                }
                Expr input = Cast.of(compile(call.getOperands().get(0)), ColumnType.VARCHAR);
                Expr like =
                        new Like(input, ((RexLiteral) pattern).getValueAs(String.class), escape, !op.isCaseSensitive());
                return op.isNegated() ? new Logic.Not(like) : like;
            }
            case EXTRACT: {
                TimeUnitRange unit = ((RexLiteral) call.getOperands().get(0)).getValueAs(TimeUnitRange.class);
                Functions.Field f;
                try {
                    f = Functions.Field.valueOf(unit.name());
                } catch (IllegalArgumentException e) {
                    throw new SqlException("EXTRACT(" + unit + ") is not supported", e);
                }
                return Cast.of(
                        new Functions.Extract(f, compile(call.getOperands().get(1))), type);
            }
            default:
                return function(call, type);
        }
    }

    private Expr function(RexCall call, ColumnType type) {
        Expr vectorized = ScalarFunctions.compile(this, call, type);
        if (vectorized != null) {
            return vectorized;
        }
        String name = call.getOperator().getName().toUpperCase(Locale.ROOT);
        List<Expr> ops = operands(call);
        switch (name) {
            case "SUBSTRING":
            case "SUBSTR":
                return new Functions.Substring(
                        type,
                        Cast.of(ops.get(0), ColumnType.VARCHAR),
                        Cast.of(ops.get(1), ColumnType.BIGINT),
                        ops.size() > 2 ? Cast.of(ops.get(2), ColumnType.BIGINT) : null);
            case "DATE":
                return Cast.of(ops.get(0), ColumnType.DATE);
            case "DATETIME_PLUS":
                return new Functions.DatePlus(type, ops.get(0), ops.get(1), 1);
            case "UPPER":
                return perValue(type, ops, a -> a[0].toString().toUpperCase(Locale.ROOT));
            case "LOWER":
                return perValue(type, ops, a -> a[0].toString().toLowerCase(Locale.ROOT));
            case "CHAR_LENGTH":
            case "CHARACTER_LENGTH":
            case "LENGTH":
                return perValue(type, ops, a ->
                        (long) a[0].toString().codePointCount(0, a[0].toString().length()));
            case "||":
            case "CONCAT":
                return perValue(type, ops, a -> {
                    StringBuilder sb = new StringBuilder();
                    for (Object o : a) {
                        sb.append(o instanceof BigDecimal ? ((BigDecimal) o).toPlainString() : o);
                    }
                    return sb.toString();
                });
            case "TRIM":
                return perValue(type, ops.subList(2, 3), a -> a[0].toString().strip());
            case "ABS":
                return perValue(
                        type,
                        ops,
                        a -> a[0] instanceof BigDecimal
                                ? ((BigDecimal) a[0]).abs()
                                : a[0] instanceof Double
                                        ? (Object) Math.abs((Double) a[0])
                                        : (Object) Math.abs(((Number) a[0]).longValue()));
            case "ROUND": {
                int digits = ops.size() > 1 ? ((Number) ((Expr.Literal) ops.get(1)).value()).intValue() : 0;
                return perValue(
                        type,
                        ops.subList(0, 1),
                        a -> a[0] instanceof Double
                                ? (Object) BigDecimal.valueOf((Double) a[0])
                                        .setScale(digits, RoundingMode.HALF_UP)
                                        .doubleValue()
                                : new BigDecimal(a[0].toString()).setScale(digits, RoundingMode.HALF_UP));
            }
            case "FLOOR":
            case "CEIL": {
                RoundingMode m = name.equals("FLOOR") ? RoundingMode.FLOOR : RoundingMode.CEILING;
                return perValue(
                        type,
                        ops.subList(0, 1),
                        a -> a[0] instanceof Double
                                ? (Object)
                                        (m == RoundingMode.FLOOR ? Math.floor((Double) a[0]) : Math.ceil((Double) a[0]))
                                : new BigDecimal(a[0].toString()).setScale(0, m));
            }
            case "NULLIF":
                return new Case(
                        type,
                        List.of(domainComparison(Comparison.Op.EQ, ops.get(0), ops.get(1))),
                        List.of(new Expr.Literal(type, null)),
                        Cast.of(ops.get(0), type));
            default:
                Expr pg = PgFunctions.compile(call.getKind(), call.getOperator().getName(), type, ops);
                if (pg != null) {
                    return pg;
                }
                throw new SqlException("function " + call.getOperator().getName() + " is not supported yet");
        }
    }

    private static Expr perValue(ColumnType type, List<Expr> ops, java.util.function.Function<Object[], Object> fn) {
        return new Functions.PerValue(type, ops, fn, false);
    }

    private Expr comparison(Comparison.Op op, RexCall call) {
        List<Expr> ops = operands(call);
        return domainComparison(op, ops.get(0), ops.get(1));
    }

    /** Brings two operands to one comparable domain and compares them. */
    static Expr domainComparison(Comparison.Op op, Expr a, Expr b) {
        ColumnType d = commonType(a.type(), b.type());
        return new Comparison(op, Cast.of(a, d), Cast.of(b, d));
    }

    /** The type two values are compared or combined in. */
    public static ColumnType commonType(ColumnType a, ColumnType b) {
        if (a.layout() == Layout.BYTES || b.layout() == Layout.BYTES) {
            return ColumnType.VARCHAR;
        }
        if (a.layout() == Layout.DOUBLE || b.layout() == Layout.DOUBLE) {
            return ColumnType.DOUBLE;
        }
        if (a.kind() == Kind.DECIMAL || b.kind() == Kind.DECIMAL) {
            return ColumnType.decimal(ColumnType.MAX_LONG_DECIMAL_PRECISION, Math.max(scale(a), scale(b)));
        }
        if (a.kind() == Kind.TIMESTAMP || b.kind() == Kind.TIMESTAMP) {
            return ColumnType.TIMESTAMP;
        }
        if (a.kind() == b.kind()) {
            return a;
        }
        return ColumnType.BIGINT;
    }

    private static int scale(ColumnType t) {
        return t.kind() == Kind.DECIMAL ? t.scale() : 0;
    }

    private static Expr arithmetic(org.apache.calcite.sql.SqlKind kind, ColumnType type, Expr a, Expr b) {
        Arithmetic.Op op;
        switch (kind) {
            case PLUS:
                op = Arithmetic.Op.ADD;
                break;
            case MINUS:
                op = Arithmetic.Op.SUB;
                break;
            case TIMES:
                op = Arithmetic.Op.MUL;
                break;
            case DIVIDE:
                op = Arithmetic.Op.DIV;
                break;
            default:
                op = Arithmetic.Op.MOD;
        }
        if (type.kind() == Kind.DATE || type.kind() == Kind.TIMESTAMP) {
            boolean dateFirst = a.type().kind() == Kind.DATE || a.type().kind() == Kind.TIMESTAMP;
            Expr d = dateFirst ? a : b;
            Expr iv = dateFirst ? b : a;
            return new Functions.DatePlus(type, Cast.of(d, type), iv, op == Arithmetic.Op.SUB ? -1 : 1);
        }
        switch (type.layout()) {
            case DOUBLE:
                return new Arithmetic.DoubleOp(type, op, Cast.of(a, ColumnType.DOUBLE), Cast.of(b, ColumnType.DOUBLE));
            case LONG:
                if (type.kind() == Kind.DECIMAL) {
                    return decimalArithmetic(op, type, a, b);
                }
                if (a.type().layout() != Layout.LONG || b.type().layout() != Layout.LONG) {
                    return Cast.of(
                            new Arithmetic.DoubleOp(
                                    ColumnType.DOUBLE,
                                    op,
                                    Cast.of(a, ColumnType.DOUBLE),
                                    Cast.of(b, ColumnType.DOUBLE)),
                            type);
                }
                if (scale(a.type()) != 0 || scale(b.type()) != 0) {
                    ColumnType d = commonType(a.type(), b.type());
                    return Cast.of(decimalArithmetic(op, d, a, b), type);
                }
                return new Arithmetic.LongOp(type, op, a, b);
            default:
                throw new SqlException("arithmetic on " + type + " is not supported");
        }
    }

    private static Expr decimalArithmetic(Arithmetic.Op op, ColumnType type, Expr a, Expr b) {
        if (a.type().layout() == Layout.DOUBLE || b.type().layout() == Layout.DOUBLE) {
            return Cast.of(
                    new Arithmetic.DoubleOp(
                            ColumnType.DOUBLE, op, Cast.of(a, ColumnType.DOUBLE), Cast.of(b, ColumnType.DOUBLE)),
                    type);
        }
        int sa = scale(a.type());
        int sb = scale(b.type());
        int p = ColumnType.MAX_LONG_DECIMAL_PRECISION;
        switch (op) {
            case ADD:
            case SUB:
            case MOD: {
                int s = Math.max(type.scale(), Math.max(sa, sb));
                ColumnType d = ColumnType.decimal(p, s);
                Expr r = new Arithmetic.LongOp(d, op, Cast.of(a, d), Cast.of(b, d));
                return Cast.of(r, type);
            }
            case MUL: {
                Expr x = Cast.of(a, ColumnType.decimal(p, sa));
                Expr y = Cast.of(b, ColumnType.decimal(p, sb));
                Expr r = new Arithmetic.LongOp(ColumnType.decimal(p, Math.min(p, sa + sb)), op, x, y);
                return Cast.of(r, type);
            }
            default:
                return new Arithmetic.DecimalDivide(
                        type, Cast.of(a, ColumnType.decimal(p, sa)), sa, Cast.of(b, ColumnType.decimal(p, sb)), sb);
        }
    }
}
