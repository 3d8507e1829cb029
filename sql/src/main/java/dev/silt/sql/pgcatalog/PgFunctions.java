package dev.silt.sql.pgcatalog;

import dev.silt.sql.SqlException;
import dev.silt.sql.exec.expr.Cast;
import dev.silt.sql.exec.expr.Expr;
import dev.silt.sql.exec.expr.Functions;
import dev.silt.sql.spi.ColumnType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.util.SqlOperatorTables;

/**
 * The PostgreSQL functions catalog queries call, and the POSIX regular-expression operators ({@code ~}, {@code
 * !~}, {@code ~*}, {@code !~*}). Functions whose answer depends on the session or the catalogs ({@code
 * current_schema()}, {@code pg_table_is_visible(oid)}, {@code 'name'::regclass}, …) are resolved while planning by
 * {@link PgRewrite}; the ones here are pure. silt has no comments, defaults, indexes or constraints, so the
 * functions describing those return NULL, and every privilege check is true (one role owns everything).
 * Thread-safe.
 */
public final class PgFunctions {
    private PgFunctions() {}

    /** {@code x = ANY(array)}, as {@link PgRewrite} writes it: {@code pg_array_contains(array, x)}. */
    static final String ARRAY_CONTAINS = "pg_array_contains";

    private static final SqlReturnTypeInference TEXT = ReturnTypes.VARCHAR_NULLABLE;
    private static final SqlReturnTypeInference BOOL = ReturnTypes.BOOLEAN_NULLABLE;

    private static final List<String> NULL_TEXT = List.of(
            "obj_description",
            "col_description",
            "shobj_description",
            "pg_get_expr",
            "pg_get_indexdef",
            "pg_get_constraintdef",
            "pg_get_triggerdef",
            "pg_get_ruledef",
            "pg_get_function_result",
            "pg_get_function_arguments",
            "pg_get_function_identity_arguments",
            "pg_get_partkeydef",
            "pg_get_statisticsobjdef_columns");

    private static final List<String> PRIVILEGES = List.of(
            "has_table_privilege",
            "has_schema_privilege",
            "has_database_privilege",
            "has_type_privilege",
            "has_function_privilege",
            "has_column_privilege",
            "has_any_column_privilege",
            "has_sequence_privilege",
            "has_tablespace_privilege",
            "pg_has_role",
            // every type and function lives in pg_catalog, which is always on the search path
            "pg_type_is_visible",
            "pg_function_is_visible");

    /** The operator table the validator consults for these functions. */
    public static final SqlOperatorTable OPERATORS = operators();

    private static SqlOperatorTable operators() {
        List<SqlOperator> ops = new ArrayList<>();
        for (String n : NULL_TEXT) {
            ops.add(fn(n, TEXT));
        }
        for (String n : PRIVILEGES) {
            ops.add(fn(n, ReturnTypes.BOOLEAN));
        }
        ops.add(fn("format_type", TEXT));
        ops.add(fn("pg_get_userbyid", TEXT));
        ops.add(fn("pg_encoding_to_char", TEXT));
        ops.add(fn("array_to_string", TEXT));
        ops.add(fn("quote_ident", TEXT));
        ops.add(fn("pg_tablespace_location", TEXT));
        ops.add(fn("pg_size_pretty", TEXT));
        ops.add(fn("current_setting", TEXT));
        ops.add(fn("pg_relation_size", ReturnTypes.BIGINT));
        ops.add(fn("pg_total_relation_size", ReturnTypes.BIGINT));
        ops.add(fn("pg_table_size", ReturnTypes.BIGINT));
        ops.add(fn("pg_indexes_size", ReturnTypes.BIGINT));
        ops.add(fn("pg_is_in_recovery", ReturnTypes.BOOLEAN));
        ops.add(fn("pg_relation_is_publishable", ReturnTypes.BOOLEAN));
        ops.add(fn(ARRAY_CONTAINS, BOOL));
        ops.add(fn("pg_backend_pid", ReturnTypes.INTEGER));
        return SqlOperatorTables.of(ops);
    }

    private static SqlFunction fn(String name, SqlReturnTypeInference type) {
        return new SqlFunction(
                name, SqlKind.OTHER_FUNCTION, type, null, OperandTypes.VARIADIC, SqlFunctionCategory.SYSTEM);
    }

    /**
     * Compiles a call of one of these functions or regex operators, or returns null when {@code name} is not one
     * of them.
     */
    public static Expr compile(SqlKind kind, String name, ColumnType type, List<Expr> ops) {
        if (kind == SqlKind.POSIX_REGEX_CASE_SENSITIVE || kind == SqlKind.POSIX_REGEX_CASE_INSENSITIVE) {
            // the negated forms share the kind; only the operator's name tells them apart
            return regex(ops, kind == SqlKind.POSIX_REGEX_CASE_INSENSITIVE, name.startsWith("NEGATED"));
        }
        String n = name.toLowerCase(Locale.ROOT);
        if (NULL_TEXT.contains(n)) {
            return new Expr.Literal(type, null);
        }
        if (PRIVILEGES.contains(n)) {
            return new Expr.Literal(type, true);
        }
        switch (n) {
            case "format_type":
                return perValue(
                        type,
                        ints(ops),
                        a -> PgTypes.formatType((Integer) a[0], a.length > 1 && a[1] != null ? (Integer) a[1] : null),
                        true);
            case "pg_get_userbyid":
                return new Expr.Literal(type, SystemCatalog.USER);
            case "pg_encoding_to_char":
                return perValue(type, ints(ops), a -> encoding((Integer) a[0]), false);
            case "array_to_string":
                return perValue(type, texts(ops), a -> arrayToString(a), false);
            case "quote_ident":
                return perValue(type, texts(ops), a -> quoteIdent((String) a[0]), false);
            case "replace":
                return perValue(type, texts(ops), a -> ((String) a[0]).replace((String) a[1], (String) a[2]), false);
            case "pg_tablespace_location":
                return new Expr.Literal(type, "");
            case "pg_size_pretty":
                return perValue(type, ops, a -> ((Number) a[0]).longValue() + " bytes", false);
            case "current_setting":
                return perValue(type, texts(ops), a -> setting((String) a[0]), false);
            case "pg_relation_size":
            case "pg_total_relation_size":
            case "pg_table_size":
            case "pg_indexes_size":
                return new Expr.Literal(type, 0L);
            case ARRAY_CONTAINS:
                return new Functions.PerValue(
                        type,
                        List.of(Cast.of(ops.get(0), ColumnType.VARCHAR), ops.get(1)),
                        PgFunctions::arrayContains,
                        true);
            case "pg_relation_is_publishable":
            case "pg_is_in_recovery":
                return new Expr.Literal(type, false);
            case "pg_backend_pid":
                return new Expr.Literal(type, (long) ProcessHandle.current().pid());
            default:
                return null;
        }
    }

    private static Expr perValue(ColumnType type, List<Expr> ops, Function<Object[], Object> fn, boolean nullSafe) {
        return new Functions.PerValue(type, ops, fn, nullSafe);
    }

    private static List<Expr> ints(List<Expr> ops) {
        List<Expr> r = new ArrayList<>();
        for (Expr e : ops) {
            r.add(Cast.of(e, ColumnType.INTEGER));
        }
        return r;
    }

    private static List<Expr> texts(List<Expr> ops) {
        List<Expr> r = new ArrayList<>();
        for (Expr e : ops) {
            r.add(Cast.of(e, ColumnType.VARCHAR));
        }
        return r;
    }

    private static String encoding(int code) {
        switch (code) {
            case 0:
                return "SQL_ASCII";
            case 6:
                return "UTF8";
            case 8:
                return "LATIN1";
            default:
                return "";
        }
    }

    private static String setting(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "server_version":
                return ServerInfo.SERVER_VERSION;
            case "server_version_num":
                return ServerInfo.SERVER_VERSION_NUM;
            case "server_encoding":
            case "client_encoding":
                return "UTF8";
            case "standard_conforming_strings":
                return "on";
            case "datestyle":
                return "ISO, MDY";
            case "timezone":
                return "UTC";
            case "max_identifier_length":
                return "63";
            default:
                throw new SqlException("unrecognized configuration parameter \"" + name + "\"");
        }
    }

    /** array_to_string over the text form of an array ({@code {a,"b c"}}); NULL elements are skipped. */
    static String arrayToString(Object[] a) {
        String sep = (String) a[1];
        StringBuilder out = new StringBuilder();
        for (String item : parseArray((String) a[0])) {
            String v = item == null ? (a.length > 2 ? (String) a[2] : null) : item;
            if (v != null) {
                if (out.length() > 0) {
                    out.append(sep);
                }
                out.append(v);
            }
        }
        return out.toString();
    }

    /** {@code x = ANY(array)} over the text form: SQL's three-valued answer. */
    static Boolean arrayContains(Object[] a) {
        if (a[0] == null || a[1] == null) {
            return null;
        }
        String x = a[1] instanceof Boolean ? ((Boolean) a[1] ? "t" : "f") : a[1].toString();
        boolean sawNull = false;
        for (String item : parseArray((String) a[0])) {
            if (item == null) {
                sawNull = true;
            } else if (item.equals(x)) {
                return true;
            }
        }
        return sawNull ? null : false;
    }

    /** The elements of a one-dimensional array in PostgreSQL's text form; null for NULL elements. */
    static List<String> parseArray(String text) {
        String s = text.strip();
        if (s.length() < 2 || s.charAt(0) != '{' || s.charAt(s.length() - 1) != '}') {
            throw new SqlException("malformed array literal: \"" + s + "\"");
        }
        List<String> items = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 1; i < s.length() - 1; i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() - 1) {
                cur.append(s.charAt(++i));
            } else if (c == '"') {
                quoted = !quoted;
                wasQuoted = true;
            } else if (c == ',' && !quoted) {
                items.add(!wasQuoted && cur.toString().equals("NULL") ? null : cur.toString());
                cur.setLength(0);
                wasQuoted = false;
            } else {
                cur.append(c);
            }
        }
        if (s.length() > 2) {
            items.add(!wasQuoted && cur.toString().equals("NULL") ? null : cur.toString());
        }
        return items;
    }

    static String quoteIdent(String s) {
        if (s.matches("[a-z_][a-z0-9_$]*")) {
            return s;
        }
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

    private static Expr regex(List<Expr> ops, boolean insensitive, boolean negated) {
        Expr input = Cast.of(ops.get(0), ColumnType.VARCHAR);
        Expr pattern = Cast.of(ops.get(1), ColumnType.VARCHAR);
        return new Functions.PerValue(
                ColumnType.BOOLEAN,
                List.of(input, pattern),
                a -> negated
                        ^ pattern((String) a[1], insensitive)
                                .matcher((String) a[0])
                                .find(),
                false);
    }

    /**
     * PostgreSQL's advanced regular expressions, for the subset clients send (anchors, groups, classes,
     * alternation, quantifiers), are Java patterns; compiled patterns are shared.
     */
    private static Pattern pattern(String regex, boolean insensitive) {
        if (PATTERNS.size() > 1024) {
            PATTERNS.clear(); // bounded: patterns may come from data
        }
        return PATTERNS.computeIfAbsent((insensitive ? "i:" : "s:") + regex, k -> {
            try {
                return Pattern.compile(regex, insensitive ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
            } catch (PatternSyntaxException e) {
                throw new SqlException("invalid regular expression: " + e.getDescription(), e);
            }
        });
    }
}
