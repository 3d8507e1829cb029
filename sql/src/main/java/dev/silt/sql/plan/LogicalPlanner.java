package dev.silt.sql.plan;

import dev.silt.sql.SqlException;
import dev.silt.sql.pgcatalog.PgFunctions;
import dev.silt.sql.pgcatalog.PgRewrite;
import dev.silt.sql.pgcatalog.SystemCatalog;
import dev.silt.sql.spi.Connector;
import java.util.List;
import java.util.Properties;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.config.NullCollation;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.plan.ConventionTraitDef;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.hep.HepMatchOrder;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgramBuilder;
import org.apache.calcite.plan.volcano.VolcanoPlanner;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rel.rules.PruneEmptyRules;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlLibrary;
import org.apache.calcite.sql.fun.SqlLibraryOperatorTableFactory;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.babel.SqlBabelParserImpl;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorUtil;
import org.apache.calcite.sql2rel.RelDecorrelator;
import org.apache.calcite.sql2rel.SqlToRelConverter;
import org.apache.calcite.sql2rel.StandardConvertletTable;
import org.apache.calcite.tools.RelBuilder;

/**
 * The Calcite front end: parse (PostgreSQL/Trino-friendly: unquoted names fold to lower case, {@code "quoted"}
 * names are exact, {@code LIMIT/OFFSET}, {@code ::} casts, {@code ILIKE}), validate, convert to relational algebra,
 * remove subqueries, and optimize with rule programs (pushdown, constant folding, join ordering by statistics).
 *
 * <p>One instance per statement; not thread-safe.
 */
public final class LogicalPlanner implements RelOptTable.ViewExpander {
    static final SqlParser.Config PARSER = SqlParser.config()
            .withParserFactory(SqlBabelParserImpl.FACTORY)
            .withQuoting(Quoting.DOUBLE_QUOTE)
            .withUnquotedCasing(Casing.TO_LOWER)
            .withQuotedCasing(Casing.UNCHANGED)
            .withCaseSensitive(true)
            .withConformance(new org.apache.calcite.sql.validate.SqlDelegatingConformance(SqlConformanceEnum.BABEL) {
                // ROW(a, b) as a value, as Trino and PostgreSQL allow
                @Override
                public boolean allowExplicitRowValueConstructor() {
                    return true;
                }
            });

    private final CalciteSchema root;
    private final RelDataTypeFactory typeFactory = new JavaTypeFactoryImpl(SiltTypeSystem.INSTANCE);
    private final RelOptCluster cluster;
    private final CalciteCatalogReader catalogReader;
    private java.time.Clock clock = java.time.Clock.systemUTC();
    private final SystemCatalog system;

    public LogicalPlanner(List<Connector> connectors, List<String> defaultSchema) {
        this.root = CalciteSchema.createRootSchema(false, false);
        SchemaPlus plus = root.plus();
        for (Connector c : connectors) {
            plus.add(c.name(), new CatalogAdapter.CatalogSchema(c));
        }
        this.system = new SystemCatalog(connectors, defaultSchema, SCRATCH);
        for (String s : system.schemas()) {
            plus.add(s, new CatalogAdapter.SchemaAdapter(system, s));
        }
        this.catalogReader = reader(defaultSchema);
        VolcanoPlanner planner = new VolcanoPlanner();
        planner.addRelTraitDef(ConventionTraitDef.INSTANCE);
        this.cluster = RelOptCluster.create(planner, new RexBuilder(typeFactory));
    }

    /**
     * Names resolve in the given schema first, then in the in-memory scratch schema {@code memory.public}, then
     * from the root ({@code catalog.schema.table}).
     */
    private CalciteCatalogReader reader(List<String> schema) {
        Properties p = new Properties();
        p.setProperty(CalciteConnectionProperty.CASE_SENSITIVE.camelName(), "true");
        List<List<String>> paths = new java.util.ArrayList<>();
        paths.add(schema);
        if (!schema.equals(SCRATCH)) {
            paths.add(SCRATCH);
        }
        // last, unlike PostgreSQL, so a system table never hides a user's table of the same name
        paths.add(List.of(SystemCatalog.PG_CATALOG));
        paths.add(List.of());
        return new CalciteCatalogReader(
                root,
                org.apache.calcite.sql.validate.SqlNameMatchers.withCaseSensitive(true),
                paths,
                typeFactory,
                new CalciteConnectionConfigImpl(p)) {};
    }

    /** The in-memory schema that is always on the path. */
    public static final List<String> SCRATCH = List.of("memory", "public");

    public RelDataTypeFactory typeFactory() {
        return typeFactory;
    }

    /** Parses one statement. */
    public static SqlNode parse(String sql) {
        try {
            return SqlParser.create(Dialect.rewrite(PgRewrite.text(sql)), PARSER)
                    .parseStmt();
        } catch (SqlParseException e) {
            String msg = e.getMessage() == null ? "syntax error" : e.getMessage();
            int nl = msg.indexOf('\n');
            String first = nl < 0 ? msg : msg.substring(0, nl);
            throw new SqlException(SqlException.SYNTAX_ERROR, "syntax error: " + first.replace("\"", "'"), e);
        }
    }

    private SqlValidator validator(CalciteCatalogReader reader) {
        return SqlValidatorUtil.newValidator(
                caseInsensitive(SiltOperatorTable.over(SqlOperatorTables.chain(
                        PgFunctions.OPERATORS,
                        SqlStdOperatorTable.instance(),
                        SqlLibraryOperatorTableFactory.INSTANCE.getOperatorTable(SqlLibrary.POSTGRESQL),
                        SqlOperatorTables.of(SqlLibraryOperators.DATE)))),
                reader,
                typeFactory,
                SqlValidator.Config.DEFAULT
                        .withConformance(SqlConformanceEnum.LENIENT)
                        .withIdentifierExpansion(true)
                        .withDefaultNullCollation(NullCollation.LAST));
    }

    /** Function names match regardless of case (identifiers fold to lower case, built-ins are upper case). */
    private static org.apache.calcite.sql.SqlOperatorTable caseInsensitive(org.apache.calcite.sql.SqlOperatorTable t) {
        return new org.apache.calcite.sql.SqlOperatorTable() {
            @Override
            public void lookupOperatorOverloads(
                    org.apache.calcite.sql.SqlIdentifier opName,
                    org.apache.calcite.sql.SqlFunctionCategory category,
                    org.apache.calcite.sql.SqlSyntax syntax,
                    List<org.apache.calcite.sql.SqlOperator> operatorList,
                    org.apache.calcite.sql.validate.SqlNameMatcher nameMatcher) {
                t.lookupOperatorOverloads(
                        opName,
                        category,
                        syntax,
                        operatorList,
                        org.apache.calcite.sql.validate.SqlNameMatchers.withCaseSensitive(false));
            }

            @Override
            public List<org.apache.calcite.sql.SqlOperator> getOperatorList() {
                return t.getOperatorList();
            }
        };
    }

    /** Validates and converts a query (or INSERT's source) to an optimized logical plan. */
    public RelRoot toRel(SqlNode query) {
        RelRoot root = convert(query, catalogReader);
        return root.withRel(optimize(QueryTime.bind(root.rel, clock.instant())));
    }

    /** Sets the clock CURRENT_DATE, CURRENT_TIMESTAMP and NOW() read (once per statement); UTC by default. */
    public LogicalPlanner withClock(java.time.Clock clock) {
        this.clock = clock;
        return this;
    }

    private RelRoot convert(SqlNode parsed, CalciteCatalogReader reader) {
        SqlValidator validator = validator(reader);
        SqlNode validated;
        try {
            SqlNode query = new PgRewrite(system).tree(parsed);
            validated = validator.validate(query);
        } catch (CalciteContextException e) {
            String msg = Dialect.userText(e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
            throw new SqlException(
                    ErrorStates.ofValidation(msg),
                    "line " + e.getPosLine() + ", column " + e.getPosColumn() + ": " + msg,
                    e);
        } catch (RuntimeException e) {
            if (e instanceof SqlException) {
                throw e;
            }
            throw new SqlException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
        }
        SqlToRelConverter converter = new SqlToRelConverter(
                this,
                validator,
                reader,
                cluster,
                StandardConvertletTable.INSTANCE,
                SqlToRelConverter.config().withExpand(false).withTrimUnusedFields(true));
        return converter.convertQuery(validated, false, true);
    }

    @Override
    public RelRoot expandView(RelDataType rowType, String queryString, List<String> schemaPath, List<String> viewPath) {
        return convert(parse(queryString), reader(schemaPath));
    }

    /** The row type a query would produce, without optimizing it (for CREATE VIEW). */
    public RelDataType rowType(SqlNode query) {
        return convert(query, catalogReader).validatedRowType;
    }

    private RelNode optimize(RelNode rel) {
        RelBuilder builder = RelFactories.LOGICAL_BUILDER.create(cluster, catalogReader);
        // catalog queries join tables that are always empty (pg_index, pg_constraint, …): prune them first
        RelNode r = hep(rel, pruneEmptyRules());
        r = hep(
                r,
                CoreRules.FILTER_SUB_QUERY_TO_CORRELATE,
                CoreRules.PROJECT_SUB_QUERY_TO_CORRELATE,
                CoreRules.JOIN_SUB_QUERY_TO_CORRELATE);
        r = RelDecorrelator.decorrelateQuery(r, builder);
        // window functions (RexOver in a projection) become a LogicalWindow the physical planner knows
        r = hep(r, CoreRules.PROJECT_TO_LOGICAL_PROJECT_AND_WINDOW);
        r = hep(r, pruneEmptyRules());
        r = hep(
                r,
                CoreRules.UNION_TO_DISTINCT,
                CoreRules.INTERSECT_TO_DISTINCT,
                CoreRules.MINUS_TO_DISTINCT,
                CoreRules.AGGREGATE_REDUCE_FUNCTIONS,
                CoreRules.AGGREGATE_EXPAND_DISTINCT_AGGREGATES_TO_JOIN);
        r = hep(r, pushdownRules());
        r = hep(r, CoreRules.JOIN_TO_MULTI_JOIN, CoreRules.PROJECT_MULTI_JOIN_MERGE, CoreRules.FILTER_MULTI_JOIN_MERGE);
        r = hep(r, CoreRules.MULTI_JOIN_OPTIMIZE);
        r = hep(r, pushdownRules());
        r = hep(
                r,
                CoreRules.PROJECT_MERGE,
                CoreRules.PROJECT_REMOVE,
                CoreRules.AGGREGATE_PROJECT_MERGE,
                CoreRules.PROJECT_JOIN_TRANSPOSE,
                CoreRules.PROJECT_FILTER_TRANSPOSE,
                CoreRules.PROJECT_TABLE_SCAN);
        // last: read only the columns each scan's consumers use (a project of references right above the scan)
        return new org.apache.calcite.sql2rel.RelFieldTrimmer(null, builder).trim(r);
    }

    private static RelOptRule[] pruneEmptyRules() {
        return new RelOptRule[] {
            PruneEmptyRules.PROJECT_INSTANCE,
            PruneEmptyRules.FILTER_INSTANCE,
            PruneEmptyRules.SORT_INSTANCE,
            PruneEmptyRules.SORT_FETCH_ZERO_INSTANCE,
            PruneEmptyRules.AGGREGATE_INSTANCE,
            PruneEmptyRules.JOIN_LEFT_INSTANCE,
            PruneEmptyRules.JOIN_RIGHT_INSTANCE,
            PruneEmptyRules.CORRELATE_LEFT_INSTANCE,
            PruneEmptyRules.CORRELATE_RIGHT_INSTANCE,
            PruneEmptyRules.UNION_INSTANCE,
            PruneEmptyRules.MINUS_INSTANCE,
            PruneEmptyRules.INTERSECT_INSTANCE
        };
    }

    private static RelOptRule[] pushdownRules() {
        return new RelOptRule[] {
            CoreRules.FILTER_INTO_JOIN,
            CoreRules.JOIN_CONDITION_PUSH,
            CoreRules.JOIN_PUSH_EXPRESSIONS,
            CoreRules.FILTER_PROJECT_TRANSPOSE,
            CoreRules.FILTER_AGGREGATE_TRANSPOSE,
            CoreRules.FILTER_SET_OP_TRANSPOSE,
            CoreRules.FILTER_MERGE,
            CoreRules.FILTER_REDUCE_EXPRESSIONS,
            CoreRules.PROJECT_REDUCE_EXPRESSIONS,
            CoreRules.JOIN_REDUCE_EXPRESSIONS,
            CoreRules.PROJECT_MERGE,
            CoreRules.PROJECT_REMOVE,
            CoreRules.AGGREGATE_PROJECT_MERGE,
            CoreRules.PROJECT_FILTER_VALUES_MERGE,
            CoreRules.FILTER_VALUES_MERGE,
            CoreRules.PROJECT_VALUES_MERGE,
            CoreRules.AGGREGATE_REMOVE,
            CoreRules.UNION_REMOVE
        };
    }

    private static RelNode hep(RelNode rel, RelOptRule... rules) {
        HepProgramBuilder b = new HepProgramBuilder().addMatchOrder(HepMatchOrder.BOTTOM_UP);
        b.addRuleCollection(List.of(rules));
        HepPlanner hep = new HepPlanner(b.build());
        hep.setRoot(rel);
        return hep.findBestExp();
    }

    /** Logical plan as text, for tests and debugging. */
    public static String explain(RelNode rel) {
        return RelOptUtil.toString(rel);
    }

    /** The type a DDL column declaration names. */
    public RelDataType deriveType(org.apache.calcite.sql.SqlDataTypeSpec spec) {
        try {
            return spec.deriveType(validator(catalogReader));
        } catch (RuntimeException e) {
            throw new SqlException("unknown type " + spec + ": " + e.getMessage(), e);
        }
    }
}
