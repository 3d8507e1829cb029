package dev.silt.sql.pgcatalog;

import dev.silt.sql.SqlException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.SqlUserDefinedTypeNameSpec;
import org.apache.calcite.sql.fun.SqlQuantifyOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * The PostgreSQL syntax catalog queries use that Calcite does not take as is, in two documented steps.
 *
 * <p>Before parsing ({@link #text}), outside string literals and quoted names: {@code OPERATOR(pg_catalog.~)}
 * becomes {@code ~}; {@code COLLATE <name>} is dropped (silt compares strings by code point, which is PostgreSQL's
 * {@code C} collation); {@code pg_catalog.f(}/{@code information_schema.f(} calls lose the schema; {@code E'…'}
 * and {@code $$…$$} strings become standard literals.
 *
 * <p>After parsing ({@link #tree}), with the statement's catalog snapshot: PostgreSQL's type names ({@code text},
 * {@code name}, {@code int4}, {@code oid}, {@code regclass}, …) become silt types; {@code 'rel'::regclass} and
 * {@code 'type'::regtype} become the OID they name (an unknown name is an error, as in PostgreSQL), other reg-type
 * casts are plain OIDs (so {@code c.oid::regclass} prints the number, not the name); session functions ({@code
 * current_database()}, {@code current_schema()}, {@code current_schemas(b)} with {@code = ANY} or a subscript,
 * {@code current_user}, {@code version()}) become literals; {@code pg_table_is_visible(x)} becomes {@code x IN
 * (visible relation OIDs)}; {@code pg_get_viewdef(x)} becomes a CASE over the views' OIDs.
 *
 * <p>Stateless and thread-safe ({@link #text}); a tree rewriter serves one statement.
 */
public final class PgRewrite extends SqlShuttle {
    private static final Pattern OPERATOR =
            Pattern.compile("(?i)\\bOPERATOR\\s*\\(\\s*(?:pg_catalog\\s*\\.\\s*)?([~!<>=*+\\-/%^&|#@]+)\\s*\\)");
    private static final Pattern COLLATE =
            Pattern.compile("(?i)\\s+COLLATE\\s+(?:pg_catalog\\s*\\.\\s*)?(?:\"[^\"]*\"|\\w+)");
    private static final Pattern QUALIFIED_CALL =
            Pattern.compile("(?i)\\b(?:pg_catalog|information_schema)\\s*\\.\\s*(\\w+)\\s*\\(");
    private static final Pattern ARRAY_CAST =
            Pattern.compile("(?i)::\\s*((?:pg_catalog\\s*\\.\\s*)?\\w+)\\s*\\[\\s*\\]");
    private static final char MARK = '\u0000';

    private final SystemCatalog catalog;

    public PgRewrite(SystemCatalog catalog) {
        this.catalog = catalog;
    }

    /** The textual step: see the class comment. Text without the constructs comes back unchanged. */
    public static String text(String sql) {
        List<String> literals = new ArrayList<>();
        StringBuilder code = new StringBuilder();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if ((c == 'E' || c == 'e')
                    && i + 1 < n
                    && sql.charAt(i + 1) == '\''
                    && (i == 0 || !Character.isLetterOrDigit(sql.charAt(i - 1)) && sql.charAt(i - 1) != '_')) {
                StringBuilder v = new StringBuilder();
                i = escapeString(sql, i + 2, v);
                literals.add(quote(v.toString()));
                code.append(MARK).append(literals.size() - 1).append(MARK);
            } else if (c == '\'') {
                int end = i + 1;
                while (end < n) {
                    if (sql.charAt(end) == '\'') {
                        if (end + 1 < n && sql.charAt(end + 1) == '\'') {
                            end += 2;
                            continue;
                        }
                        break;
                    }
                    end++;
                }
                literals.add(sql.substring(i, Math.min(end + 1, n)));
                code.append(MARK).append(literals.size() - 1).append(MARK);
                i = end + 1;
            } else if (c == '"') {
                int end = sql.indexOf('"', i + 1);
                while (end > 0 && end + 1 < n && sql.charAt(end + 1) == '"') {
                    end = sql.indexOf('"', end + 2);
                }
                end = end < 0 ? n - 1 : end;
                literals.add(sql.substring(i, end + 1));
                code.append(MARK).append(literals.size() - 1).append(MARK);
                i = end + 1;
            } else if (c == '$' && (i == 0 || !Character.isLetterOrDigit(sql.charAt(i - 1)))) {
                Matcher tag = Pattern.compile("\\$(\\w*)\\$").matcher(sql).region(i, n);
                int close = tag.lookingAt() ? sql.indexOf(tag.group(), tag.end()) : -1;
                if (close < 0) {
                    code.append(c);
                    i++;
                } else {
                    literals.add(quote(sql.substring(tag.end(), close)));
                    code.append(MARK).append(literals.size() - 1).append(MARK);
                    i = close + tag.group().length();
                }
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                end = end < 0 ? n : end;
                code.append(' ');
                i = end;
            } else {
                code.append(c);
                i++;
            }
        }
        String s = code.toString();
        s = OPERATOR.matcher(s).replaceAll(" $1 ");
        s = COLLATE.matcher(s).replaceAll("");
        s = QUALIFIED_CALL.matcher(s).replaceAll("$1(");
        s = ARRAY_CAST.matcher(s).replaceAll("::$1");
        StringBuilder out = new StringBuilder();
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c == MARK) {
                int end = s.indexOf(MARK, k + 1);
                out.append(literals.get(Integer.parseInt(s.substring(k + 1, end))));
                k = end;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Reads a PostgreSQL escape string body from {@code i} (after the quote); returns the index after it. */
    private static int escapeString(String sql, int i, StringBuilder v) {
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' && i + 1 < n && sql.charAt(i + 1) == '\'') {
                v.append('\'');
                i += 2;
            } else if (c == '\'') {
                return i + 1;
            } else if (c == '\\' && i + 1 < n) {
                char e = sql.charAt(i + 1);
                i += 2;
                switch (e) {
                    case 'n':
                        v.append('\n');
                        break;
                    case 't':
                        v.append('\t');
                        break;
                    case 'r':
                        v.append('\r');
                        break;
                    case 'b':
                        v.append('\b');
                        break;
                    case 'f':
                        v.append('\f');
                        break;
                    default:
                        v.append(e);
                }
            } else {
                v.append(c);
                i++;
            }
        }
        throw new SqlException("unterminated string literal");
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    // ---- the tree step

    /** Applies the tree step to a parsed statement. */
    public SqlNode tree(SqlNode node) {
        return node.accept(this);
    }

    @Override
    public SqlNode visit(SqlIdentifier id) {
        if (id.isSimple()) {
            switch (id.getSimple().toLowerCase(Locale.ROOT)) {
                case "current_user":
                case "session_user":
                case "user":
                    return str(SystemCatalog.USER, id.getParserPosition());
                case "current_catalog":
                    return str(catalog.currentDatabase(), id.getParserPosition());
                case "current_schema":
                    return str(catalog.currentSchema(), id.getParserPosition());
                default:
                    break;
            }
        }
        return id;
    }

    @Override
    public SqlNode visit(SqlCall call) {
        SqlParserPos pos = call.getParserPosition();
        if (call.getKind() == SqlKind.ARRAY_QUERY_CONSTRUCTOR && unnestsCatalogArray(call.operand(0))) {
            return SqlStdOperatorTable.CAST.createCall(pos, SqlLiteral.createNull(pos), type(SqlTypeName.VARCHAR, pos));
        }
        if (call instanceof SqlSelect && readsEmptyCatalog((SqlSelect) call)) {
            SqlNodeList items = ((SqlSelect) call).getSelectList();
            for (int i = 0; i < items.size(); i++) {
                if (containsQuery(items.get(i))) {
                    SqlNode typedNull = SqlStdOperatorTable.CAST.createCall(
                            pos, SqlLiteral.createNull(pos), type(SqlTypeName.VARCHAR, pos));
                    items.set(i, typedNull);
                }
            }
        }
        if (call.getKind() == SqlKind.CAST && call.getOperator().getName().equals("::")) {
            SqlNode bound = bindTightly(call);
            if (bound != call) {
                return bound.accept(this);
            }
        }
        if (call.getKind() == SqlKind.CAST && call.operand(1) instanceof SqlDataTypeSpec) {
            SqlNode cast = cast(call.operand(0), (SqlDataTypeSpec) call.operand(1), pos);
            if (cast != null) {
                return cast;
            }
        }
        if (call.getOperator() instanceof SqlQuantifyOperator
                && call.operandCount() == 2
                && call.operand(1) instanceof SqlNodeList
                && ((SqlNodeList) call.operand(1)).size() == 1) {
            List<String> path = schemas(((SqlNodeList) call.operand(1)).get(0));
            SqlKind cmp = ((SqlQuantifyOperator) call.getOperator()).comparisonKind;
            if (path != null && (cmp == SqlKind.EQUALS || cmp == SqlKind.NOT_EQUALS)) {
                SqlNodeList values = new SqlNodeList(pos);
                for (String s : path) {
                    values.add(str(s, pos));
                }
                boolean in = cmp == SqlKind.EQUALS && call.getKind() == SqlKind.SOME;
                return (in ? SqlStdOperatorTable.IN : SqlStdOperatorTable.NOT_IN)
                        .createCall(pos, call.operand(0).accept(this), values);
            }
            SqlNode array = ((SqlNodeList) call.operand(1)).get(0);
            boolean any = cmp == SqlKind.EQUALS && call.getKind() == SqlKind.SOME;
            boolean all = cmp == SqlKind.NOT_EQUALS && call.getKind() == SqlKind.ALL;
            if (path == null && !(array instanceof org.apache.calcite.sql.SqlSelect) && (any || all)) {
                // arrays are their text form in silt's catalogs: x = ANY(a) is a membership test on it
                SqlNode contains = new SqlUnresolvedFunction(
                                new SqlIdentifier(PgFunctions.ARRAY_CONTAINS, pos),
                                null,
                                null,
                                null,
                                null,
                                SqlFunctionCategory.USER_DEFINED_FUNCTION)
                        .createCall(pos, array.accept(this), call.operand(0).accept(this));
                return any ? contains : SqlStdOperatorTable.NOT.createCall(pos, contains);
            }
        }
        if (call.getKind() == SqlKind.ITEM && call.operand(1) instanceof SqlNumericLiteral) {
            List<String> path = schemas(call.operand(0));
            if (path != null) {
                int k = ((SqlNumericLiteral) call.operand(1)).intValue(true);
                return k >= 1 && k <= path.size() ? str(path.get(k - 1), pos) : SqlLiteral.createNull(pos);
            }
        }
        if (call.getKind() == SqlKind.OTHER_FUNCTION
                || call.getOperator().getName().startsWith("CURRENT")) {
            SqlNode r = function(call, pos);
            if (r != null) {
                return r;
            }
        }
        return super.visit(call);
    }

    /**
     * The parser gives {@code ::} the lowest precedence ({@code a = b::int AND c} arrives as {@code (a = b AND
     * c)::int}); in PostgreSQL it binds tightest. Moves the cast onto the rightmost operand of the infix or prefix
     * operators it was wrongly applied to. (The parser keeps no parentheses, so an explicit {@code (a + b)::int}
     * also becomes {@code a + b::int}; write {@code CAST(a + b AS int)} for that.)
     */
    private static SqlNode bindTightly(SqlCall cast) {
        SqlNode operand = cast.operand(0);
        if (!(operand instanceof SqlBasicCall)) {
            return cast;
        }
        SqlBasicCall inner = (SqlBasicCall) operand;
        SqlSyntax syntax = inner.getOperator().getSyntax();
        int n = inner.operandCount();
        if ((syntax != SqlSyntax.BINARY && syntax != SqlSyntax.PREFIX)
                || inner.getKind() == SqlKind.CAST
                || n == 0
                || inner.operand(n - 1) instanceof SqlNodeList
                || inner.operand(n - 1) == null) {
            return cast;
        }
        inner.setOperand(
                n - 1, cast.getOperator().createCall(cast.getParserPosition(), inner.operand(n - 1), cast.operand(1)));
        return inner;
    }

    private SqlNode function(SqlCall call, SqlParserPos pos) {
        switch (call.getOperator().getName().toLowerCase(Locale.ROOT)) {
            case "current_database":
            case "current_catalog":
                return str(catalog.currentDatabase(), pos);
            case "current_schema":
                return str(catalog.currentSchema(), pos);
            case "current_user":
            case "session_user":
            case "user":
                return str(SystemCatalog.USER, pos);
            case "version":
                return str(ServerInfo.VERSION, pos);
            case "pg_table_is_visible": {
                SqlNodeList oids = new SqlNodeList(pos);
                oids.add(SqlLiteral.createExactNumeric("-1", pos)); // never an OID: keeps the list non-empty
                for (int oid : catalog.visibleRelations()) {
                    oids.add(SqlLiteral.createExactNumeric(Integer.toString(oid), pos));
                }
                return SqlStdOperatorTable.IN.createCall(pos, call.operand(0).accept(this), oids);
            }
            case "pg_get_viewdef": {
                List<SqlNode> whens = new ArrayList<>();
                List<SqlNode> thens = new ArrayList<>();
                for (SystemCatalog.Rel r : catalog.snapshot().relations) {
                    if (r.viewSql != null) {
                        whens.add(SqlLiteral.createExactNumeric(Integer.toString(r.oid), pos));
                        thens.add(str(r.viewSql, pos));
                    }
                }
                if (whens.isEmpty()) {
                    return SqlStdOperatorTable.CAST.createCall(
                            pos, SqlLiteral.createNull(pos), type(SqlTypeName.VARCHAR, pos));
                }
                SqlNode oid = call.operand(0).accept(this);
                SqlNodeList conditions = new SqlNodeList(pos);
                for (SqlNode w : whens) {
                    conditions.add(SqlStdOperatorTable.EQUALS.createCall(pos, oid, w));
                }
                return SqlStdOperatorTable.CASE.createCall(
                        null, pos, null, conditions, new SqlNodeList(thens, pos), SqlLiteral.createNull(pos));
            }
            default:
                return null;
        }
    }

    /**
     * Whether a query is {@code SELECT … FROM unnest(<catalog array column>) …}. silt's option arrays
     * ({@code reloptions}, …) are always NULL, so {@code ARRAY(SELECT … FROM unnest(NULL))} has no elements.
     */
    private static boolean unnestsCatalogArray(SqlNode query) {
        if (!(query instanceof SqlSelect) || ((SqlSelect) query).getFrom() == null) {
            return false;
        }
        SqlNode from = ((SqlSelect) query).getFrom();
        if (from.getKind() == SqlKind.AS) {
            from = ((SqlCall) from).operand(0);
        }
        if (from.getKind() == SqlKind.COLLECTION_TABLE) {
            from = ((SqlCall) from).operand(0);
        }
        if (!(from instanceof SqlCall)
                || !((SqlCall) from).getOperator().getName().equalsIgnoreCase("unnest")
                || ((SqlCall) from).operandCount() != 1
                || !(((SqlCall) from).operand(0) instanceof SqlIdentifier)) {
            return false;
        }
        List<String> names = ((SqlIdentifier) ((SqlCall) from).operand(0)).names;
        return PgCatalogTables.OPTION_ARRAYS.contains(names.get(names.size() - 1));
    }

    /**
     * Whether a SELECT without GROUP BY inner-joins a catalog table that never has rows (pg_publication, …): it
     * returns nothing, so its select list is never evaluated, and subqueries there that use PostgreSQL array
     * machinery silt lacks ({@code generate_series}, subscripts) can be replaced by NULL.
     */
    private boolean readsEmptyCatalog(SqlSelect select) {
        return select.getGroup() == null && select.getFrom() != null && innerJoinsEmpty(select.getFrom());
    }

    private boolean innerJoinsEmpty(SqlNode from) {
        if (from.getKind() == SqlKind.AS) {
            return innerJoinsEmpty(((SqlCall) from).operand(0));
        }
        if (from instanceof org.apache.calcite.sql.SqlJoin) {
            org.apache.calcite.sql.SqlJoin j = (org.apache.calcite.sql.SqlJoin) from;
            switch (j.getJoinType()) {
                case INNER:
                case COMMA:
                case CROSS:
                    return innerJoinsEmpty(j.getLeft()) || innerJoinsEmpty(j.getRight());
                case LEFT:
                    return innerJoinsEmpty(j.getLeft());
                default:
                    return false;
            }
        }
        if (from instanceof SqlIdentifier) {
            List<String> names = ((SqlIdentifier) from).names;
            boolean system =
                    names.size() == 1 || (names.size() == 2 && names.get(0).equals(SystemCatalog.PG_CATALOG));
            return system && catalog.alwaysEmpty(SystemCatalog.PG_CATALOG, names.get(names.size() - 1));
        }
        return false;
    }

    private static boolean containsQuery(SqlNode node) {
        if (node == null) {
            return false;
        }
        if (node.getKind() == SqlKind.SELECT) {
            return true;
        }
        if (node instanceof SqlNodeList) {
            for (SqlNode o : (SqlNodeList) node) {
                if (containsQuery(o)) {
                    return true;
                }
            }
        }
        if (node instanceof SqlCall) {
            for (SqlNode o : ((SqlCall) node).getOperandList()) {
                if (containsQuery(o)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The search path when {@code node} is {@code current_schemas(true|false)}; null otherwise. */
    private List<String> schemas(SqlNode node) {
        if (node instanceof SqlBasicCall
                && ((SqlBasicCall) node).getOperator().getName().equalsIgnoreCase("current_schemas")
                && ((SqlBasicCall) node).operandCount() == 1
                && ((SqlBasicCall) node).operand(0) instanceof SqlLiteral) {
            Object v = ((SqlLiteral) ((SqlBasicCall) node).operand(0)).getValue();
            return catalog.currentSchemas(Boolean.TRUE.equals(v));
        }
        return null;
    }

    private SqlNode cast(SqlNode operand, SqlDataTypeSpec spec, SqlParserPos pos) {
        if (!(spec.getTypeNameSpec() instanceof SqlUserDefinedTypeNameSpec)) {
            return null;
        }
        List<String> names = spec.getTypeNameSpec().getTypeName().names;
        String name = names.get(names.size() - 1).toLowerCase(Locale.ROOT);
        SqlNode in = operand.accept(this);
        String literal = in instanceof SqlCharStringLiteral ? ((SqlCharStringLiteral) in).toValue() : null;
        switch (name) {
            case "regclass":
                if (literal != null) {
                    int oid = catalog.regclass(literal)
                            .orElseThrow(() -> new SqlException("relation \"" + literal + "\" does not exist"));
                    return SqlLiteral.createExactNumeric(Integer.toString(oid), pos);
                }
                return castTo(in, SqlTypeName.INTEGER, pos);
            case "regtype":
                if (literal != null) {
                    String t = literal.toLowerCase(Locale.ROOT).replaceFirst("^pg_catalog\\.", "");
                    for (PgTypes.PgType pt : PgTypes.all()) {
                        if (pt.name().equals(t)
                                || PgTypes.formatType(pt.oid(), -1).equals(t)) {
                            return SqlLiteral.createExactNumeric(Integer.toString(pt.oid()), pos);
                        }
                    }
                    throw new SqlException("type \"" + literal + "\" does not exist");
                }
                return castTo(in, SqlTypeName.INTEGER, pos);
            case "regproc":
            case "regprocedure":
                if (literal != null) {
                    return str(literal.replaceFirst("^pg_catalog\\.", ""), pos);
                }
                return castTo(in, SqlTypeName.VARCHAR, pos);
            case "oid":
            case "regnamespace":
            case "regrole":
            case "regoper":
            case "xid":
            case "cid":
            case "int4":
                return castTo(in, SqlTypeName.INTEGER, pos);
            case "text":
            case "name":
            case "bpchar":
            case "char":
            case "varchar":
                return castTo(in, SqlTypeName.VARCHAR, pos);
            case "int2":
                return castTo(in, SqlTypeName.SMALLINT, pos);
            case "int8":
                return castTo(in, SqlTypeName.BIGINT, pos);
            case "float4":
                return castTo(in, SqlTypeName.REAL, pos);
            case "float8":
                return castTo(in, SqlTypeName.DOUBLE, pos);
            case "bool":
                return castTo(in, SqlTypeName.BOOLEAN, pos);
            default:
                return null;
        }
    }

    private static SqlNode castTo(SqlNode operand, SqlTypeName type, SqlParserPos pos) {
        return SqlStdOperatorTable.CAST.createCall(pos, operand, type(type, pos));
    }

    private static SqlDataTypeSpec type(SqlTypeName type, SqlParserPos pos) {
        return new SqlDataTypeSpec(new SqlBasicTypeNameSpec(type, pos), pos);
    }

    private static SqlNode str(String s, SqlParserPos pos) {
        return SqlLiteral.createCharString(s, pos);
    }
}
