package dev.silt.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.silt.sql.memory.MemoryConnector;
import dev.silt.sql.tpch.TpchConnector;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The repartition exchange: with it forced on every aggregation, partitioned window and hash join, queries give
 * the same rows as with everything finalized on the leader and every build side broadcast.
 */
class RepartitionTest {
    private static SqlEngine repartitioned;
    private static SqlEngine leader;

    private static SqlEngine engine(long minRows, long maxMemoryMb) {
        return SqlEngine.create(
                List.of(new MemoryConnector(), new TpchConnector()),
                Map.of(
                        SqlKeys.WORKERS.key(), "3",
                        SqlKeys.REPARTITION_MIN_ROWS.key(), Long.toString(minRows),
                        SqlKeys.JOIN_PARTITIONED_MIN_ROWS.key(), Long.toString(minRows),
                        SqlKeys.QUERY_MAX_MEMORY_MB.key(), Long.toString(maxMemoryMb)));
    }

    @BeforeAll
    static void start() {
        repartitioned = engine(0, 1024);
        leader = engine(Long.MAX_VALUE, 1024);
        repartitioned.execute("USE tpch.tiny");
        leader.execute("USE tpch.tiny");
    }

    @AfterAll
    static void stop() {
        repartitioned.close();
        leader.close();
    }

    @Test
    void keysHaveTheirDocumentedDefaults() {
        assertEquals(100_000, SqlKeys.REPARTITION_MIN_ROWS.getLong(Map.of()));
        assertEquals(2_000_000, SqlKeys.JOIN_PARTITIONED_MIN_ROWS.getLong(Map.of()));
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> SqlKeys.REPARTITION_MIN_ROWS.getLong(Map.of("silt.sql.repartition.min-rows", "-5")));
        assertTrue(e.getMessage().contains("silt.sql.repartition.min-rows"), e.getMessage());
    }

    /** Rows as sorted text, doubles to 9 digits: the exchange may change row order and summation order. */
    private static List<String> canonical(QueryResult r) {
        List<String> rows = new ArrayList<>();
        for (List<Object> row : r.rows()) {
            StringBuilder sb = new StringBuilder();
            for (Object o : row) {
                if (o instanceof Double) {
                    o = new BigDecimal((Double) o).round(new MathContext(9)).stripTrailingZeros();
                }
                sb.append(o).append('|');
            }
            rows.add(sb.toString());
        }
        rows.sort(null);
        return rows;
    }

    @TestFactory
    Stream<DynamicTest> tpchQueriesGiveTheSameRows() {
        return IntStream.rangeClosed(1, 22)
                .mapToObj(q -> DynamicTest.dynamicTest("q" + q, () -> {
                    List<String> want = canonical(TpchQueriesTest.runQuery(leader, q));
                    List<String> got = canonical(TpchQueriesTest.runQuery(repartitioned, q));
                    assertEquals(want, got, "q" + q);
                }));
    }

    @Test
    void explainShowsTheExchangeAndAnalyzeCountsEveryGroupOnce() {
        String sql = "SELECT l_orderkey, count(*), sum(l_quantity) FROM lineitem GROUP BY l_orderkey";
        String plan = repartitioned.explain(sql);
        assertTrue(plan.contains("Repartition(by hash of [0], workers → workers)"), plan);
        assertTrue(plan.contains("HashAggregate(final"), plan);
        assertTrue(!leader.explain(sql).contains("Repartition"), leader.explain(sql));
        long groups = (Long) leader.execute("SELECT count(DISTINCT l_orderkey) FROM lineitem")
                .rows()
                .get(0)
                .get(0);
        QueryResult r = repartitioned.execute(sql);
        assertEquals(groups, r.rows().size());
        assertEquals(canonical(leader.execute(sql)), canonical(r));
    }

    @Test
    void partitionedJoinsMatchBroadcastJoinsForEveryKind() {
        String[] queries = {
            "SELECT o_orderkey, l_linenumber FROM orders JOIN lineitem ON o_orderkey = l_orderkey"
                    + " WHERE l_quantity > 45",
            "SELECT c_custkey, o_orderkey FROM customer LEFT JOIN orders ON c_custkey = o_custkey"
                    + " AND o_totalprice > 400000",
            "SELECT c_custkey FROM customer WHERE c_custkey IN (SELECT o_custkey FROM orders WHERE o_totalprice > 300000)",
            "SELECT c_custkey FROM customer WHERE NOT EXISTS (SELECT 1 FROM orders WHERE o_custkey = c_custkey)",
            "SELECT c_custkey FROM customer WHERE c_nationkey NOT IN (SELECT s_nationkey FROM supplier WHERE s_acctbal > 9000)"
        };
        String first = repartitioned.explain(queries[0]);
        assertTrue(first.contains("partitioned by key"), first);
        for (String sql : queries) {
            assertEquals(canonical(leader.execute(sql)), canonical(repartitioned.execute(sql)), sql);
        }
    }

    @Test
    void partitionedWindowsRunOnEveryWorker() {
        String sql = "SELECT o_custkey, o_orderkey, ROW_NUMBER() OVER (PARTITION BY o_custkey ORDER BY o_orderkey),"
                + " SUM(o_totalprice) OVER (PARTITION BY o_custkey ORDER BY o_orderdate, o_orderkey"
                + " ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) FROM orders";
        String plan = repartitioned.explain(sql);
        assertTrue(plan.contains("Repartition"), plan);
        assertTrue(plan.matches("(?s).*Window\\(.*\\[parallel ×3\\].*"), plan);
        assertEquals(canonical(leader.execute(sql)), canonical(repartitioned.execute(sql)));
    }

    @Test
    void memoryLimitStopsTheExchangeWithAClearMessageAndTheEngineStaysUsable() {
        try (SqlEngine small = engine(0, 1)) {
            SqlException e = assertThrows(
                    SqlException.class,
                    () -> small.execute("SELECT l_orderkey, l_linenumber, l_comment, count(*)"
                            + " FROM tpch.tiny.lineitem GROUP BY l_orderkey, l_linenumber, l_comment"));
            assertTrue(e.getMessage().contains("memory limit of 1 MiB"), e.getMessage());
            assertEquals(
                    List.of(List.of(25L)),
                    small.execute("SELECT count(*) FROM tpch.tiny.nation").rows());
        }
    }
}
