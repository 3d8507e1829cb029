package dev.silt.sql.exec.expr;

import dev.silt.sql.SqlException;
import dev.silt.sql.plan.Types;
import dev.silt.sql.spi.ColumnType;
import dev.silt.sql.spi.ColumnType.Kind;
import dev.silt.sql.spi.ColumnType.Layout;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.fun.SqlTrimFunction;

/**
 * Compiles scalar function calls by name into the vectorized implementations of {@link StringFunctions}, {@link
 * RegexFunctions}, {@link MathFunctions}, {@link DateTimeFunctions} and {@link JsonFunctions}; {@code null} for a
 * name it does not know, which the caller then handles.
 */
final class ScalarFunctions {
    private ScalarFunctions() {}

    static Expr compile(ExprCompiler c, RexCall call, ColumnType type) {
        String name = call.getOperator().getName().toUpperCase(Locale.ROOT);
        List<RexNode> rex = call.getOperands();
        switch (name) {
            case "TRIM": {
                SqlTrimFunction.Flag flag = ((RexLiteral) rex.get(0)).getValueAs(SqlTrimFunction.Flag.class);
                Expr chars = str(c.compile(rex.get(1)));
                boolean space = chars.isConstant() && " ".equals(((Expr.Literal) chars).value());
                return new StringFunctions.Trim(
                        type,
                        str(c.compile(rex.get(2))),
                        space ? null : chars,
                        flag != SqlTrimFunction.Flag.TRAILING,
                        flag != SqlTrimFunction.Flag.LEADING);
            }
            case "FLOOR":
            case "CEIL":
            case "CEILING":
                if (rex.size() != 1) {
                    return null;
                }
                break;
            default:
                break;
        }
        List<Expr> a = new ArrayList<>();
        for (RexNode r : rex) {
            a.add(c.compile(r));
        }
        switch (name) {
            case "UPPER":
            case "LOWER":
                return new StringFunctions.CaseMap(type, str(a.get(0)), name.equals("UPPER"));
            case "CHAR_LENGTH":
            case "CHARACTER_LENGTH":
            case "LENGTH":
                return new StringFunctions.Length(type, str(a.get(0)));
            case "STRPOS":
                return new StringFunctions.Strpos(type, str(a.get(0)), str(a.get(1)));
            case "POSITION":
                return a.size() == 2 ? new StringFunctions.Strpos(type, str(a.get(1)), str(a.get(0))) : null;
            case "STARTS_WITH":
            case "ENDS_WITH":
                return new StringFunctions.Affix(type, str(a.get(0)), str(a.get(1)), name.equals("STARTS_WITH"));
            case "REPLACE":
                return new StringFunctions.Replace(
                        type, str(a.get(0)), str(a.get(1)), a.size() > 2 ? str(a.get(2)) : null);
            case "SPLIT_PART":
                return new StringFunctions.SplitPart(type, str(a.get(0)), str(a.get(1)), big(a.get(2)));
            case "||":
            case "CONCAT": {
                if (type.kind() == Kind.ARRAY) {
                    List<Expr> e = new ArrayList<>();
                    for (Expr x : a) {
                        e.add(Cast.of(x, type));
                    }
                    return new ComplexFunctions.PerRow(type, e, ComplexFunctions::concat);
                }
                List<Expr> s = new ArrayList<>();
                for (Expr e : a) {
                    s.add(str(e));
                }
                return new StringFunctions.Concat(type, s);
            }
            case "LTRIM":
            case "RTRIM":
                return new StringFunctions.Trim(type, str(a.get(0)), null, name.equals("LTRIM"), name.equals("RTRIM"));
            case "REVERSE":
                return new StringFunctions.Reverse(type, str(a.get(0)));
            case "LPAD":
            case "RPAD":
                return new StringFunctions.Pad(
                        type, str(a.get(0)), big(a.get(1)), a.size() > 2 ? str(a.get(2)) : null, name.equals("LPAD"));
            case "CHR":
                return new StringFunctions.Chr(type, big(a.get(0)));
            case "CODEPOINT":
                return new StringFunctions.Codepoint(type, str(a.get(0)));
            case "REGEXP_LIKE":
                return new RegexFunctions.Like(type, str(a.get(0)), str(a.get(1)));
            case "REGEXP_EXTRACT":
                return new RegexFunctions.Extract(
                        type, str(a.get(0)), str(a.get(1)), a.size() > 2 ? big(a.get(2)) : null);
            case "REGEXP_REPLACE":
                return new RegexFunctions.Replace(
                        type, str(a.get(0)), str(a.get(1)), a.size() > 2 ? str(a.get(2)) : null);
            case "ABS":
                if (a.get(0).type().layout() == Layout.DOUBLE) {
                    return Cast.of(new MathFunctions.Unary(dbl(a.get(0)), Math::abs), type);
                }
                return new MathFunctions.AbsLong(type, Cast.of(a.get(0), type));
            case "SIGN":
                if (a.get(0).type().layout() == Layout.DOUBLE) {
                    return Cast.of(new MathFunctions.Unary(dbl(a.get(0)), Math::signum), type);
                }
                return new MathFunctions.SignLong(type, Cast.of(a.get(0), type));
            case "ROUND": {
                Expr digits = a.size() > 1 ? big(a.get(1)) : new Expr.Literal(ColumnType.BIGINT, 0L);
                if (type.layout() == Layout.DOUBLE) {
                    return Cast.of(new MathFunctions.RoundDouble(ColumnType.DOUBLE, dbl(a.get(0)), digits), type);
                }
                if (type.layout() != Layout.LONG) {
                    return null;
                }
                return new MathFunctions.RoundLong(type, Cast.of(a.get(0), type), digits);
            }
            case "FLOOR":
            case "CEIL":
            case "CEILING": {
                boolean floor = name.equals("FLOOR");
                Expr x = a.get(0);
                if (x.type().layout() == Layout.DOUBLE) {
                    return Cast.of(new MathFunctions.Unary(dbl(x), floor ? Math::floor : Math::ceil), type);
                }
                if (x.type().kind() == Kind.DECIMAL) {
                    ColumnType whole = ColumnType.decimal(ColumnType.MAX_LONG_DECIMAL_PRECISION, 0);
                    return Cast.of(
                            new MathFunctions.FloorCeilLong(whole, x, x.type().scale(), floor), type);
                }
                return Cast.of(x, type);
            }
            case "POWER":
                return Cast.of(new MathFunctions.Binary(dbl(a.get(0)), dbl(a.get(1)), Math::pow), type);
            case "SQRT":
                return Cast.of(new MathFunctions.Unary(dbl(a.get(0)), Math::sqrt), type);
            case "CBRT":
                return Cast.of(new MathFunctions.Unary(dbl(a.get(0)), Math::cbrt), type);
            case "LN":
                return Cast.of(new MathFunctions.Unary(dbl(a.get(0)), Math::log), type);
            case "LOG10":
                return Cast.of(new MathFunctions.Unary(dbl(a.get(0)), Math::log10), type);
            case "LOG2":
                return Cast.of(new MathFunctions.Unary(dbl(a.get(0)), x -> Math.log(x) / Math.log(2)), type);
            case "EXP":
                return Cast.of(new MathFunctions.Unary(dbl(a.get(0)), Math::exp), type);
            case "GREATEST":
            case "LEAST":
                return extreme(type, a, name.equals("GREATEST"));
            case "IF":
                return new Case(
                        type,
                        List.of(a.get(0)),
                        List.of(Cast.of(a.get(1), type)),
                        a.size() > 2 ? Cast.of(a.get(2), type) : new Expr.Literal(type, null));
            case "DATE_TRUNC": {
                DateTimeFunctions.Unit u = DateTimeFunctions.Unit.of(a.get(0), "date_trunc");
                DateTimeFunctions.requireDayOrLonger(u, type, "date_trunc");
                return new DateTimeFunctions.LongUnary(
                        type, Cast.of(a.get(1), type), DateTimeFunctions.trunc(u, type.kind() == Kind.TIMESTAMP));
            }
            case "DATE_ADD": {
                DateTimeFunctions.Unit u = DateTimeFunctions.Unit.of(a.get(0), "date_add");
                DateTimeFunctions.requireDayOrLonger(u, type, "date_add");
                return new DateTimeFunctions.Add(type, u, big(a.get(1)), Cast.of(a.get(2), type));
            }
            case "DATE$DIFF": {
                DateTimeFunctions.Unit u = DateTimeFunctions.Unit.of(a.get(0), "date_diff");
                boolean ts = a.get(1).type().kind() == Kind.TIMESTAMP
                        || a.get(2).type().kind() == Kind.TIMESTAMP;
                ColumnType d = ts ? ColumnType.TIMESTAMP : ColumnType.DATE;
                DateTimeFunctions.requireDayOrLonger(u, d, "date_diff");
                return Cast.of(new DateTimeFunctions.Diff(u, Cast.of(a.get(1), d), Cast.of(a.get(2), d)), type);
            }
            case "FROM_UNIXTIME":
                return Cast.of(new DateTimeFunctions.FromUnixtime(dbl(a.get(0))), type);
            case "TO_UNIXTIME":
                return Cast.of(new DateTimeFunctions.ToUnixtime(Cast.of(a.get(0), ColumnType.TIMESTAMP)), type);
            case "DATE_PARSE":
                return new DateTimeFunctions.Parse(
                        str(a.get(0)), DateTimeFunctions.constantFormat(a.get(1), "date_parse"));
            case "DATE_FORMAT":
                return new DateTimeFunctions.Format(
                        type,
                        temporal(a.get(0)),
                        MySqlFormat.formatter(DateTimeFunctions.constantFormat(a.get(1), "date_format")));
            case "FORMAT_DATETIME":
                return new DateTimeFunctions.Format(
                        type,
                        temporal(a.get(0)),
                        DateTimeFunctions.javaPattern(DateTimeFunctions.constantFormat(a.get(1), "format_datetime")));
            case "DAY_OF_WEEK":
            case "DOW":
                return new DateTimeFunctions.LongUnary(type, date(a.get(0)), d -> Math.floorMod(d + 3, 7) + 1);
            case "DAY_OF_YEAR":
            case "DOY":
                return new DateTimeFunctions.LongUnary(
                        type, date(a.get(0)), d -> LocalDate.ofEpochDay(d).getDayOfYear());
            case "DAY_OF_MONTH":
                return new DateTimeFunctions.LongUnary(
                        type, date(a.get(0)), d -> LocalDate.ofEpochDay(d).getDayOfMonth());
            case "LAST_DAY_OF_MONTH":
                return new DateTimeFunctions.LongUnary(type, date(a.get(0)), d -> {
                    LocalDate x = LocalDate.ofEpochDay(d);
                    return x.withDayOfMonth(x.lengthOfMonth()).toEpochDay();
                });
            case "JSON_EXTRACT_SCALAR":
            case "JSON_EXTRACT":
                return new JsonFunctions.Extract(
                        type,
                        name.equals("JSON_EXTRACT") ? JsonFunctions.Kind.EXTRACT : JsonFunctions.Kind.SCALAR,
                        str(a.get(0)),
                        DateTimeFunctions.constantFormat(a.get(1), name.toLowerCase(Locale.ROOT)));
            case "JSON_ARRAY_LENGTH":
                return new JsonFunctions.Extract(type, JsonFunctions.Kind.ARRAY_LENGTH, str(a.get(0)), null);
            case "ARRAY": {
                List<Expr> e = new ArrayList<>();
                for (Expr x : a) {
                    e.add(Cast.of(x, type.children().get(0)));
                }
                return new ComplexFunctions.PerRow(type, e, ComplexFunctions::array);
            }
            case "MAP": {
                List<Expr> e = new ArrayList<>();
                for (int k = 0; k < a.size(); k++) {
                    e.add(Cast.of(a.get(k), type.children().get(k % 2)));
                }
                return new ComplexFunctions.PerRow(type, e, ComplexFunctions::map);
            }
            case "ROW": {
                List<Expr> e = new ArrayList<>();
                for (int k = 0; k < a.size(); k++) {
                    e.add(Cast.of(a.get(k), type.children().get(k)));
                }
                return new ComplexFunctions.PerRow(type, e, ComplexFunctions::array);
            }
            case "ITEM":
                return new ComplexFunctions.PerRow(type, index(a), x -> ComplexFunctions.item(x[0], x[1]));
            case "ELEMENT_AT":
                return new ComplexFunctions.PerRow(type, index(a), x -> ComplexFunctions.elementAt(x[0], x[1]));
            case "CARDINALITY":
                return new ComplexFunctions.PerRow(type, a, x -> ComplexFunctions.cardinality(x[0]));
            case "CONTAINS": {
                Expr needle = Cast.of(a.get(1), a.get(0).type().children().get(0));
                return new ComplexFunctions.PerRow(
                        type, List.of(a.get(0), needle), x -> ComplexFunctions.contains(x[0], x[1]));
            }
            case "NOW":
            case "CURRENT_DATE":
            case "CURRENT_TIMESTAMP":
            case "LOCALTIMESTAMP":
                throw new SqlException(
                        SqlException.INTERNAL_ERROR, name + " should have been bound to the query's time", null);
            default:
                return null;
        }
    }

    /** GREATEST / LEAST, ignoring NULL arguments (NULL only when all are), as PostgreSQL and DuckDB. */
    private static Expr extreme(ColumnType type, List<Expr> args, boolean greatest) {
        Expr r = Cast.of(args.get(0), type);
        for (int k = 1; k < args.size(); k++) {
            Expr b = Cast.of(args.get(k), type);
            Expr better = ExprCompiler.domainComparison(greatest ? Comparison.Op.GE : Comparison.Op.LE, r, b);
            r = new Case(
                    type,
                    List.of(new Logic.Is(Logic.Test.IS_NULL, r), new Logic.Is(Logic.Test.IS_NULL, b), better),
                    List.of(b, r, r),
                    b);
        }
        return r;
    }

    /** A container and its subscript, the subscript in the array index or map key type. */
    private static List<Expr> index(List<Expr> a) {
        ColumnType c = a.get(0).type();
        ColumnType key = c.kind() == Kind.MAP ? c.children().get(0) : ColumnType.BIGINT;
        return List.of(a.get(0), Cast.of(a.get(1), key));
    }

    private static Expr str(Expr e) {
        return e.type().layout() == Layout.BYTES ? e : Cast.of(e, ColumnType.VARCHAR);
    }

    private static Expr big(Expr e) {
        return Cast.of(e, ColumnType.BIGINT);
    }

    private static Expr dbl(Expr e) {
        return Cast.of(e, ColumnType.DOUBLE);
    }

    private static Expr date(Expr e) {
        return Cast.of(e, ColumnType.DATE);
    }

    private static Expr temporal(Expr e) {
        Kind k = e.type().kind();
        return k == Kind.DATE || k == Kind.TIMESTAMP ? e : Cast.of(e, ColumnType.TIMESTAMP);
    }

    static ColumnType typeOf(RexNode n) {
        return Types.of(n.getType());
    }
}
