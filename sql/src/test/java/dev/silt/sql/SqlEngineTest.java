package dev.silt.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.silt.sql.memory.MemoryConnector;
import dev.silt.sql.spi.ColumnType;
import dev.silt.sql.tpch.TpchConnector;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The engine's entry points: results, EXPLAIN, configuration, memory limit and cancellation. */
class SqlEngineTest {
    @Test
    void keysHaveTheirDocumentedDefaults() {
        assertEquals(0, SqlKeys.WORKERS.getLong(Map.of()));
        assertEquals(1024, SqlKeys.QUERY_MAX_MEMORY_MB.getLong(Map.of()));
        assertEquals("memory.public", SqlKeys.DEFAULT_SCHEMA.getString(Map.of()));
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> SqlKeys.WORKERS.getLong(Map.of("silt.sql.workers", "-1")));
        assertTrue(e.getMessage().contains("silt.sql.workers must be between 0 and 1024"), e.getMessage());
    }

    @Test
    void resultCarriesNamesTypesAndJavaValues() {
        try (SqlEngine engine = SqlEngine.withDefaults(2)) {
            QueryResult r = engine.execute(
                    "SELECT n_name AS name, n_nationkey, 1.50 AS price, DATE '2024-01-02' AS day FROM tpch.tiny.nation"
                            + " WHERE n_nationkey = 7");
            assertEquals(List.of("name", "n_nationkey", "price", "day"), r.columnNames());
            assertEquals(ColumnType.Kind.VARCHAR, r.columnTypes().get(0).kind());
            assertEquals(ColumnType.BIGINT, r.columnTypes().get(1));
            assertEquals(List.of(List.of("GERMANY", 7L, new BigDecimal("1.50"), LocalDate.of(2024, 1, 2))), r.rows());
            assertTrue(r.isQuery());
        }
    }

    @Test
    void explainShowsParallelismAndExchanges() {
        try (SqlEngine engine = SqlEngine.withDefaults(2)) {
            String plan = engine.explain("SELECT r_name, count(*) FROM tpch.tiny.nation JOIN tpch.tiny.region"
                    + " ON n_regionkey = r_regionkey GROUP BY r_name");
            assertTrue(plan.contains("HashAggregate(final"), plan);
            assertTrue(plan.contains("Gather(workers → leader)"), plan);
            assertTrue(plan.contains("HashAggregate(partial"), plan);
            assertTrue(plan.contains("HashJoin(inner"), plan);
            assertTrue(plan.contains("[parallel ×2]"), plan);
            assertTrue(plan.contains("[single, leader]"), plan);
            assertTrue(plan.contains("TableScan(tpch.tiny.region, columns=[0, 1])"), plan);
            QueryResult viaSql = engine.execute("EXPLAIN SELECT count(*) FROM tpch.tiny.region");
            assertEquals(List.of("plan"), viaSql.columnNames());
            assertTrue(viaSql.rows().size() >= 3);
        }
    }

    @Test
    void memoryLimitFailsTheQueryWithAClearMessageAndTheEngineStaysUsable() {
        try (SqlEngine engine = SqlEngine.create(
                List.of(new MemoryConnector(), new TpchConnector()),
                Map.of(SqlKeys.WORKERS.key(), "2", SqlKeys.QUERY_MAX_MEMORY_MB.key(), "1"))) {
            SqlException e = assertThrows(
                    SqlException.class,
                    () -> engine.execute("SELECT l_comment FROM tpch.tiny.lineitem ORDER BY l_comment"));
            assertTrue(
                    e.getMessage().contains("exceeded its memory limit of 1 MiB (silt.sql.query.max-memory)"),
                    e.getMessage());
            assertEquals(
                    List.of(List.of(25L)),
                    engine.execute("SELECT count(*) FROM tpch.tiny.nation").rows());
        }
    }

    @Test
    void cancelledQueryStopsWithAClearMessage() throws Exception {
        try (SqlEngine engine = SqlEngine.withDefaults(2)) {
            QueryControl before = new QueryControl();
            before.cancel();
            SqlException e = assertThrows(
                    SqlException.class, () -> engine.execute("SELECT count(*) FROM tpch.tiny.lineitem", before));
            assertTrue(e.getMessage().contains("cancelled"), e.getMessage());

            // a scan of SF10 lineitem takes minutes; cancelling must end it at once
            QueryControl during = new QueryControl();
            ExecutorService caller = Executors.newSingleThreadExecutor();
            try {
                Future<QueryResult> f =
                        caller.submit(() -> engine.execute("SELECT count(*) FROM tpch.sf10.lineitem", during));
                during.cancel();
                java.util.concurrent.ExecutionException x =
                        assertThrows(java.util.concurrent.ExecutionException.class, () -> f.get(60, TimeUnit.SECONDS));
                assertTrue(
                        x.getCause().getMessage().contains("cancelled"),
                        x.getCause().getMessage());
            } finally {
                caller.shutdownNow();
            }
            assertEquals(
                    List.of(List.of(5L)),
                    engine.execute("SELECT count(*) FROM tpch.tiny.region").rows());
        }
    }

    @Test
    void memoryTablesSkipBatchesByMinMaxWithoutChangingResults() {
        try (SqlEngine engine = SqlEngine.withDefaults(2)) {
            engine.execute("CREATE TABLE o AS SELECT o_orderkey, o_orderdate, o_totalprice FROM tpch.tiny.orders");
            String pushed = "SELECT count(*), sum(o_totalprice) FROM o WHERE o_orderkey < 5000 AND o_orderdate >= DATE"
                    + " '1995-01-01'";
            String plan = engine.explain(pushed);
            assertTrue(plan.contains("predicates=[#0 LT 5000, #1 GE 1995-01-01]"), plan);
            // the same filter in a form no connector is offered: the engine alone filters
            String notPushed = "SELECT count(*), sum(o_totalprice) FROM o WHERE CAST(o_orderkey AS DOUBLE) < 5000 AND"
                    + " o_orderdate + INTERVAL '0' DAY >= DATE '1995-01-01'";
            assertTrue(!engine.explain(notPushed).contains("predicates="), engine.explain(notPushed));
            List<List<Object>> expected = engine.execute(notPushed).rows();
            assertEquals(expected, engine.execute(pushed).rows());
            assertTrue(((Long) expected.get(0).get(0)) > 0);
            assertEquals(
                    List.of(List.of(0L)),
                    engine.execute("SELECT count(*) FROM o WHERE o_orderkey > 1000000")
                            .rows());
        }
    }
}
