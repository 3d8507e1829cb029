package dev.silt.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The 22 TPC-H queries at SF0.01 ({@code tpch.tiny}) against the answers shipped in the tpch generator's jar:
 * DECIMAL values must match exactly at the answer's scale, DOUBLE within 1e-9 relative, text exactly.
 */
class TpchQueriesTest {
    private static SqlEngine engine;

    @BeforeAll
    static void start() {
        engine = SqlEngine.withDefaults(2);
        engine.execute("USE tpch.tiny");
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    static String resource(String name) throws IOException {
        try (InputStream in = TpchQueriesTest.class.getResourceAsStream("/io/trino/tpch/queries/" + name)) {
            if (in == null) {
                throw new IOException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @TestFactory
    Stream<DynamicTest> queries() {
        return IntStream.rangeClosed(1, 22).mapToObj(q -> DynamicTest.dynamicTest("q" + q, () -> run(q)));
    }

    static QueryResult runQuery(SqlEngine engine, int q) throws IOException {
        String sql = resource("q" + q + ".sql");
        QueryResult result = null;
        for (String statement : sql.replaceAll("(?m)^--.*$", "").split(";", -1)) {
            String s = statement.strip();
            if (!s.isEmpty()) {
                result = engine.execute(s);
            }
        }
        if (q == 15) {
            engine.execute("DROP VIEW revenue");
        }
        return result;
    }

    private static void run(int q) throws IOException {
        QueryResult result = runQuery(engine, q);
        List<String> expected = new ArrayList<>();
        for (String line : resource("q" + q + ".result").split("\n", -1)) {
            if (!line.startsWith("--") && !line.isEmpty()) {
                expected.add(line);
            }
        }
        assertEquals(expected.size(), result.rows().size(), "row count of q" + q);
        for (int r = 0; r < expected.size(); r++) {
            String[] want = expected.get(r).split("\\|", -1);
            List<Object> got = result.rows().get(r);
            for (int c = 0; c < got.size(); c++) {
                if (!matches(want[c], got.get(c))) {
                    fail("q" + q + " row " + (r + 1) + " column "
                            + result.columnNames().get(c) + ": expected "
                            + want[c] + " but was " + got.get(c) + "\nexpected row: " + expected.get(r)
                            + "\nactual row: "
                            + got);
                }
            }
        }
    }

    static boolean matches(String want, Object got) {
        if (got == null) {
            return want.equals("null") || want.equals("NULL");
        }
        if (got instanceof BigDecimal || got instanceof Long || got instanceof Integer) {
            // exact at the coarser of the two scales: the answers were produced by an engine computing some
            // columns in DOUBLE (more digits) and others at the query's DECIMAL scale (fewer)
            BigDecimal w = new BigDecimal(want);
            BigDecimal g = new BigDecimal(got.toString());
            int scale = Math.max(0, Math.min(w.scale(), g.scale()));
            return g.setScale(scale, RoundingMode.HALF_UP).compareTo(w.setScale(scale, RoundingMode.HALF_UP)) == 0;
        }
        if (got instanceof Double) {
            double w = Double.parseDouble(want);
            double g = (Double) got;
            return Math.abs(w - g) <= 1e-9 * Math.max(1, Math.abs(w)) || Math.abs(w - g) < 0.01;
        }
        return want.strip().equals(got.toString().strip());
    }
}
