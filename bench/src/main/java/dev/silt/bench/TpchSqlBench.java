package dev.silt.bench;

import dev.silt.sql.SqlEngine;
import io.trino.tpch.LineItem;
import io.trino.tpch.TpchTable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * TPC-H Q1 and Q6 on silt's SQL engine against DuckDB (JDBC, in process) over the same rows: the lineitem columns
 * the two queries read, generated once by the {@code io.trino.tpch} generator and loaded into a silt in-memory
 * table and into a DuckDB table. Both engines use the same number of threads. Prints load times and, per query,
 * the median of the timed runs after warm-up runs.
 *
 * <p>Usage: {@code TpchSqlBench [scale-factor=1] [threads=2] [runs=5]}.
 */
public final class TpchSqlBench {
    private static final String COLUMNS =
            "l_quantity, l_extendedprice, l_discount, l_tax, l_returnflag, l_linestatus, l_shipdate";

    private TpchSqlBench() {}

    public static void main(String[] args) throws Exception {
        double sf = args.length > 0 ? Double.parseDouble(args[0]) : 1;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        String schema =
                sf == 0.01 ? "tiny" : "sf" + (sf == Math.rint(sf) ? Long.toString((long) sf) : Double.toString(sf));
        System.out.printf(Locale.ROOT, "TPC-H SF%s, %d threads, median of %d runs%n", sf, threads, runs);
        try (SqlEngine silt = SqlEngine.withDefaults(threads);
                Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
            long t0 = System.nanoTime();
            silt.execute("CREATE TABLE lineitem AS SELECT " + COLUMNS + " FROM tpch." + schema + ".lineitem");
            System.out.printf(Locale.ROOT, "silt   load %.1f s (generate + copy into memory)%n", seconds(t0));
            t0 = System.nanoTime();
            long rows = loadDuck((DuckDBConnection) duck, sf, threads);
            System.out.printf(Locale.ROOT, "duckdb load %.1f s (%,d rows, generate + append)%n", seconds(t0), rows);
            for (String q : List.of("q1", "q6")) {
                String sql = query(q);
                double s = median(runs, () -> silt.execute(sql).rows().size());
                double d = median(runs, () -> duckQuery(duck, sql));
                System.out.printf(Locale.ROOT, "%s  silt %.3f s   duckdb %.3f s   ratio %.1fx%n", q, s, d, s / d);
            }
        }
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private interface Run {
        int run() throws Exception;
    }

    private static double median(int runs, Run r) throws Exception {
        for (int i = 0; i < 2; i++) {
            r.run();
        }
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            r.run();
            times.add(seconds(t0));
        }
        Collections.sort(times);
        return times.get(times.size() / 2);
    }

    private static int duckQuery(Connection c, String sql) throws SQLException {
        int n = 0;
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                n++;
            }
        }
        return n;
    }

    private static String query(String name) throws IOException {
        try (InputStream in = TpchTable.class.getResourceAsStream("/io/trino/tpch/queries/" + name + ".sql")) {
            if (in == null) {
                throw new IOException("the tpch jar has no " + name + ".sql");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replaceAll("(?m)^--.*$", "")
                    .strip();
        }
    }

    private static long loadDuck(DuckDBConnection c, double sf, int threads) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SET threads = " + threads);
            st.execute("CREATE TABLE staging (q BIGINT, p BIGINT, d BIGINT, t BIGINT, rf VARCHAR, ls VARCHAR,"
                    + " sd INTEGER)");
        }
        long n = 0;
        try (DuckDBAppender a = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "staging")) {
            for (LineItem li : TpchTable.LINE_ITEM.createGenerator(sf, 1, 1)) {
                a.beginRow();
                a.append(li.getQuantity());
                a.append(li.getExtendedPriceInCents());
                a.append(li.getDiscountPercent());
                a.append(li.getTaxPercent());
                a.append(li.getReturnFlag());
                a.append(li.getStatus());
                a.append(li.getShipDate());
                a.endRow();
                n++;
            }
        }
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE lineitem AS SELECT CAST(q AS DECIMAL(12, 2)) AS l_quantity,"
                    + " CAST(CAST(p AS DECIMAL(14, 2)) / 100 AS DECIMAL(12, 2)) AS l_extendedprice,"
                    + " CAST(CAST(d AS DECIMAL(12, 2)) / 100 AS DECIMAL(12, 2)) AS l_discount,"
                    + " CAST(CAST(t AS DECIMAL(12, 2)) / 100 AS DECIMAL(12, 2)) AS l_tax,"
                    + " rf AS l_returnflag, ls AS l_linestatus, DATE '1970-01-01' + sd AS l_shipdate FROM staging");
            st.execute("DROP TABLE staging");
        }
        return n;
    }
}
