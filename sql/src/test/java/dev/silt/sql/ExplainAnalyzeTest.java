package dev.silt.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** EXPLAIN ANALYZE: the physical plan with what each operator produced, and the query's totals. */
class ExplainAnalyzeTest {
    private static final Pattern ROWS = Pattern.compile("rows=([0-9,]+)");

    private static long rows(String line) {
        Matcher m = ROWS.matcher(line);
        assertTrue(m.find(), line);
        return Long.parseLong(m.group(1).replace(",", ""));
    }

    private static String line(List<String> plan, String prefix) {
        return plan.stream()
                .filter(l -> l.strip().startsWith(prefix))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + prefix + " in\n" + String.join("\n", plan)));
    }

    @Test
    void countsRowsPerOperatorAndMatchesTheQuery() {
        try (SqlEngine engine = SqlEngine.withDefaults(2)) {
            String sql = "SELECT l_returnflag, count(*) FROM tpch.tiny.lineitem WHERE l_quantity < 10"
                    + " GROUP BY l_returnflag";
            long expectedGroups = engine.execute(sql).rows().size();
            long filtered = (Long) engine.execute("SELECT count(*) FROM tpch.tiny.lineitem WHERE l_quantity < 10")
                    .rows()
                    .get(0)
                    .get(0);
            List<String> plan = engine.execute("EXPLAIN ANALYZE " + sql).rows().stream()
                    .map(r -> (String) r.get(0))
                    .collect(Collectors.toList());
            String text = String.join("\n", plan);
            // the scan reads every row of the table, the filter keeps those that pass, the final step emits groups
            assertEquals(60_175, rows(line(plan, "TableScan")), text);
            assertEquals(filtered, rows(line(plan, "Filter")), text);
            assertEquals(expectedGroups, rows(line(plan, "HashAggregate(final")), text);
            assertTrue(line(plan, "TableScan").contains("instances=2"), text);
            assertTrue(line(plan, "HashAggregate(final").contains("[single, leader]"), text);
            assertTrue(text.contains("bytes="), text);
            assertTrue(text.contains("self="), text);
            String last = plan.get(plan.size() - 1);
            assertTrue(last.startsWith("Query: rows=" + expectedGroups + " "), last);
            assertTrue(last.contains("workers=2"), last);
        }
    }

    @Test
    void showsTheBuildTimeOfAHashJoin() {
        try (SqlEngine engine = SqlEngine.withDefaults(2)) {
            List<String> plan = engine
                    .execute("EXPLAIN ANALYZE SELECT count(*) FROM tpch.tiny.orders JOIN tpch.tiny.customer"
                            + " ON o_custkey = c_custkey")
                    .rows()
                    .stream()
                    .map(r -> (String) r.get(0))
                    .collect(Collectors.toList());
            String join = line(plan, "HashJoin");
            assertTrue(join.contains("build="), join);
            assertEquals(15_000, rows(join), String.join("\n", plan));
        }
    }

    @Test
    void refusesStatementsThatAreNotQueriesAndLeavesTablesAlone() {
        try (SqlEngine engine = SqlEngine.withDefaults(2)) {
            engine.execute("CREATE TABLE t (x INTEGER)");
            engine.execute("INSERT INTO t VALUES (1), (2)");
            SqlException e =
                    assertThrows(SqlException.class, () -> engine.execute("EXPLAIN ANALYZE INSERT INTO t VALUES (3)"));
            assertTrue(e.getMessage().contains("EXPLAIN ANALYZE runs queries only"), e.getMessage());
            assertEquals(
                    List.of(List.of(2L)),
                    engine.execute("SELECT count(*) FROM t").rows());
        }
    }
}
