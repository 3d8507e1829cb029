package dev.silt.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.silt.sql.memory.MemoryConnector;
import dev.silt.sql.tpch.TpchConnector;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SQLSTATEs of user errors, the query clock, and functions whose behaviour spans batches. */
class SqlErrorsAndClockTest {
    private static SqlEngine engine;

    @BeforeAll
    static void start() {
        engine = SqlEngine.create(
                List.of(new MemoryConnector(), new TpchConnector()),
                Map.of(SqlKeys.WORKERS.key(), "2"),
                Clock.fixed(Instant.parse("2024-02-29T23:59:59.250Z"), ZoneOffset.UTC));
        engine.execute("CREATE TABLE t (i INTEGER, b BIGINT, d DECIMAL(5, 2), s VARCHAR)");
        engine.execute("INSERT INTO t VALUES (2147483647, 1, 999.99, 'x'), (0, 0, 0, '7')");
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private static String state(String sql) {
        SqlException e = assertThrows(SqlException.class, () -> engine.execute(sql), sql);
        return e.sqlState();
    }

    @Test
    void runTimeErrorsCarryTheirSqlState() {
        assertEquals(SqlException.DIVISION_BY_ZERO, state("SELECT 1 / i FROM t"));
        assertEquals(SqlException.DIVISION_BY_ZERO, state("SELECT d / 0 FROM t"));
        assertEquals(SqlException.DIVISION_BY_ZERO, state("SELECT mod(b, i) FROM t"));
        assertEquals(SqlException.NUMERIC_VALUE_OUT_OF_RANGE, state("SELECT i + 1 FROM t"));
        assertEquals(SqlException.NUMERIC_VALUE_OUT_OF_RANGE, state("SELECT b * 9223372036854775 * 10000 FROM t"));
        assertEquals(SqlException.NUMERIC_VALUE_OUT_OF_RANGE, state("SELECT CAST(d * 100 AS DECIMAL(5, 2)) FROM t"));
        assertEquals(SqlException.NUMERIC_VALUE_OUT_OF_RANGE, state("SELECT CAST(i AS SMALLINT) FROM t"));
        assertEquals(SqlException.INVALID_TEXT_REPRESENTATION, state("SELECT CAST(s AS INTEGER) FROM t"));
        assertEquals(SqlException.INVALID_REGULAR_EXPRESSION, state("SELECT regexp_like(s, '(') FROM t"));
        assertEquals(SqlException.INVALID_DATETIME_FORMAT, state("SELECT date_parse(s, '%Y') FROM t"));
    }

    @Test
    void compileTimeErrorsCarryTheirSqlState() {
        assertEquals(SqlException.SYNTAX_ERROR, state("SELECT FROM t"));
        assertEquals(SqlException.UNDEFINED_TABLE, state("SELECT * FROM missing"));
        assertEquals(SqlException.UNDEFINED_COLUMN, state("SELECT missing FROM t"));
        assertEquals(SqlException.UNDEFINED_FUNCTION, state("SELECT missing_fn(i) FROM t"));
        assertEquals(SqlException.UNDEFINED_FUNCTION, state("SELECT i + TRUE FROM t"));
    }

    @Test
    void anErrorLeavesTheTableAsItWas() {
        assertEquals(SqlException.DIVISION_BY_ZERO, state("INSERT INTO t SELECT i / 0, b, d, s FROM t"));
        assertEquals(2L, engine.execute("SELECT count(*) FROM t").rows().get(0).get(0));
    }

    @Test
    void currentTimeComesFromTheEngineClockOncePerStatement() {
        List<Object> row = engine.execute(
                        "SELECT current_date, now(), current_timestamp, date_add('day', 1, current_date) FROM t")
                .rows()
                .get(0);
        assertEquals(LocalDate.of(2024, 2, 29), row.get(0));
        assertEquals(LocalDateTime.of(2024, 2, 29, 23, 59, 59, 250_000_000), row.get(1));
        assertEquals(LocalDateTime.of(2024, 2, 29, 23, 59, 59), row.get(2));
        assertEquals(LocalDate.of(2024, 3, 1), row.get(3));
    }

    @Test
    void dateDiffSpellingInTextIsNotRewritten() {
        List<Object> row = engine.execute(
                        "SELECT 'date_diff(x)', date_diff('day', DATE '2024-01-01', DATE '2024-01-31'),"
                                + " \"date_diff\" FROM (VALUES (1)) v(\"date_diff\") -- date_diff(")
                .rows()
                .get(0);
        assertEquals(List.of("date_diff(x)", 30L, 1), row);
        SqlException e = assertThrows(SqlException.class, () -> engine.execute("SELECT date_diff(1, 2, 3)"));
        assertTrue(e.getMessage().contains("DATE_DIFF"), e.getMessage());
    }

    @Test
    void tryCastAndRegexWorkAcrossManyBatches() {
        // 15,000 orders in 15 batches: every comment fails the cast, every key passes it
        List<List<Object>> r = engine.execute(
                        "SELECT count(*), count(try_cast(o_orderkey || '' AS INTEGER)),"
                                + " count(try_cast(o_comment AS INTEGER)), sum(CASE WHEN regexp_like(o_comment, '^[a-z]') THEN 1 ELSE 0 END)"
                                + " + sum(CASE WHEN NOT regexp_like(o_comment, '^[a-z]') THEN 1 ELSE 0 END) FROM tpch.tiny.orders")
                .rows();
        assertEquals(List.of(15000L, 15000L, 0L, 15000L), r.get(0));
    }
}
