package dev.silt.bench;

import dev.silt.sql.SqlEngine;
import io.trino.tpch.TpchColumn;
import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The 22 TPC-H queries on silt's SQL engine (in-memory tables) against DuckDB on its own tables and DuckDB over
 * Parquet files, in one run on the same rows. The rows are generated once by the {@code io.trino.tpch} generator
 * into pipe-separated text ({@code <data-dir>/sfN/*.tbl}); DuckDB loads them with {@code COPY} and writes the
 * Parquet files itself; silt copies the same generator's rows into {@code memory.public} tables. Every engine gets
 * the same number of threads. Per query: one warm-up run, then the median of the timed runs; then every ratio
 * and their geometric means.
 *
 * <p>Usage: {@code TpchSqlBench [scale-factor=1] [threads=2] [runs=3] [queries=1,...,22|all] [data-dir]}.
 */
public final class TpchSqlBench {
    private TpchSqlBench() {}

    public static void main(String[] args) throws Exception {
        double sf = args.length > 0 ? Double.parseDouble(args[0]) : 1;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        List<Integer> queries = new ArrayList<>();
        if (args.length > 3 && !args[3].equals("all")) {
            for (String q : args[3].split(",", -1)) {
                queries.add(Integer.parseInt(q.strip().replaceFirst("^[qQ]", "")));
            }
        } else {
            for (int q = 1; q <= 22; q++) {
                queries.add(q);
            }
        }
        String schema =
                sf == 0.01 ? "tiny" : "sf" + (sf == Math.rint(sf) ? Long.toString((long) sf) : Double.toString(sf));
        Path dir = Paths.get(args.length > 4 ? args[4] : "bench/target/tpch").resolve(schema);
        System.out.printf(
                Locale.ROOT,
                "TPC-H SF%s, %d threads, 1 warm-up + median of %d runs, queries %s%n",
                sf,
                threads,
                runs,
                queries);
        long t0 = System.nanoTime();
        generate(dir, sf);
        System.out.printf(Locale.ROOT, "text files   %.1f s (%s)%n", seconds(t0), dir);
        try (SqlEngine silt = SqlEngine.withDefaults(threads);
                Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Connection parquet = DriverManager.getConnection("jdbc:duckdb:")) {
            t0 = System.nanoTime();
            loadDuck(duck, dir, threads);
            System.out.printf(Locale.ROOT, "duckdb load  %.1f s (COPY from text)%n", seconds(t0));
            t0 = System.nanoTime();
            writeParquet(duck, parquet, dir, threads);
            System.out.printf(
                    Locale.ROOT, "parquet      %.1f s (written by duckdb, views over read_parquet)%n", seconds(t0));
            t0 = System.nanoTime();
            for (TpchTable<?> t : TpchTable.getTables()) {
                silt.execute("CREATE TABLE " + t.getTableName() + " AS SELECT * FROM tpch." + schema + "."
                        + t.getTableName());
            }
            System.out.printf(Locale.ROOT, "silt load    %.1f s (generate + copy into memory tables)%n", seconds(t0));
            List<double[]> ratios = new ArrayList<>();
            StringBuilder tsv = new StringBuilder("query\tsilt_s\tduckdb_s\tduckdb_parquet_s\tvs_duckdb\tvs_parquet\n");
            System.out.printf(
                    Locale.ROOT,
                    "%-5s %10s %10s %10s %9s %9s%n",
                    "query",
                    "silt s",
                    "duckdb s",
                    "parquet s",
                    "÷duckdb",
                    "÷parquet");
            for (int q : queries) {
                List<String> statements = statements(q);
                double s;
                try {
                    s = median(runs, () -> runSilt(silt, statements));
                } catch (RuntimeException e) {
                    System.out.printf(Locale.ROOT, "q%-4d silt failed: %s%n", q, e.getMessage());
                    continue;
                }
                double d = median(runs, () -> runDuck(duck, statements));
                double p = median(runs, () -> runDuck(parquet, statements));
                ratios.add(new double[] {s / d, s / p});
                System.out.printf(Locale.ROOT, "q%-4d %10.3f %10.3f %10.3f %8.2fx %8.2fx%n", q, s, d, p, s / d, s / p);
                tsv.append(String.format(Locale.ROOT, "q%d\t%.4f\t%.4f\t%.4f\t%.3f\t%.3f%n", q, s, d, p, s / d, s / p));
            }
            double gd = 0;
            double gp = 0;
            for (double[] r : ratios) {
                gd += Math.log(r[0]);
                gp += Math.log(r[1]);
            }
            gd = Math.exp(gd / ratios.size());
            gp = Math.exp(gp / ratios.size());
            System.out.printf(
                    Locale.ROOT,
                    "geometric mean of %d ratios: silt ÷ duckdb %.2fx, silt ÷ duckdb-parquet %.2fx%n",
                    ratios.size(),
                    gd,
                    gp);
            tsv.append(String.format(Locale.ROOT, "geomean\t\t\t\t%.3f\t%.3f%n", gd, gp));
            Path out = Paths.get("bench/target/tpch-sql-bench.tsv");
            Files.createDirectories(out.getParent());
            Files.writeString(out, tsv.toString(), StandardCharsets.UTF_8);
        }
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private interface Run {
        int run() throws Exception;
    }

    private static double median(int runs, Run r) throws Exception {
        r.run();
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            r.run();
            times.add(seconds(t0));
        }
        Collections.sort(times);
        return times.get(times.size() / 2);
    }

    private static int runSilt(SqlEngine silt, List<String> statements) {
        int n = 0;
        for (String s : statements) {
            n = silt.execute(s).rows().size();
        }
        return n;
    }

    private static int runDuck(Connection c, List<String> statements) throws SQLException {
        int n = 0;
        try (Statement st = c.createStatement()) {
            for (String s : statements) {
                if (st.execute(s)) {
                    n = 0;
                    try (ResultSet rs = st.getResultSet()) {
                        while (rs.next()) {
                            n++;
                        }
                    }
                }
            }
        }
        return n;
    }

    /** The statements of one query as shipped in the tpch jar (Q15 creates and drops a view around its query). */
    private static List<String> statements(int q) throws IOException {
        String name = "q" + q + ".sql";
        try (InputStream in = TpchTable.class.getResourceAsStream("/io/trino/tpch/queries/" + name)) {
            if (in == null) {
                throw new IOException("the tpch jar has no " + name);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)^--.*$", "");
            List<String> r = new ArrayList<>();
            for (String s : text.split(";", -1)) {
                if (!s.isBlank()) {
                    r.add(s.strip());
                }
            }
            if (q == 15) {
                r.add("DROP VIEW revenue");
            }
            return r;
        }
    }

    /** Writes each table as pipe-separated text once; a finished table has its {@code .done} marker. */
    private static void generate(Path dir, double sf) throws IOException {
        Files.createDirectories(dir);
        for (TpchTable<?> t : TpchTable.getTables()) {
            Path file = dir.resolve(t.getTableName() + ".tbl");
            Path done = dir.resolve(t.getTableName() + ".done");
            if (Files.exists(done)) {
                continue;
            }
            try (Writer w = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 20)) {
                for (TpchEntity e : t.createGenerator(sf, 1, 1)) {
                    String line = e.toLine();
                    // the generator ends each line with a separator, which would read as one more column
                    w.write(line, 0, line.endsWith("|") ? line.length() - 1 : line.length());
                    w.write('\n');
                }
            }
            Files.writeString(done, "", StandardCharsets.UTF_8);
        }
    }

    /** The column types silt's tpch catalog gives: keys BIGINT, money DECIMAL(12, 2), dates DATE. */
    private static String ddl(TpchTable<?> t) {
        List<String> cols = new ArrayList<>();
        for (TpchColumn<?> c : t.getColumns()) {
            String type;
            switch (c.getType().getBase()) {
                case IDENTIFIER:
                    type = "BIGINT";
                    break;
                case INTEGER:
                    type = "INTEGER";
                    break;
                case DATE:
                    type = "DATE";
                    break;
                case DOUBLE:
                    type = "DECIMAL(12, 2)";
                    break;
                default:
                    type = "VARCHAR";
            }
            cols.add(c.getColumnName().toLowerCase(Locale.ROOT) + " " + type);
        }
        return "CREATE TABLE " + t.getTableName() + " (" + String.join(", ", cols) + ")";
    }

    private static void loadDuck(Connection c, Path dir, int threads) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SET threads = " + threads);
            for (TpchTable<?> t : TpchTable.getTables()) {
                st.execute(ddl(t));
                st.execute("COPY " + t.getTableName() + " FROM '"
                        + dir.resolve(t.getTableName() + ".tbl").toAbsolutePath()
                        + "' (DELIMITER '|', HEADER false, QUOTE '')");
            }
        }
    }

    private static void writeParquet(Connection duck, Connection parquet, Path dir, int threads) throws SQLException {
        try (Statement st = duck.createStatement();
                Statement pq = parquet.createStatement()) {
            pq.execute("SET threads = " + threads);
            for (TpchTable<?> t : TpchTable.getTables()) {
                String file = dir.resolve(t.getTableName() + ".parquet")
                        .toAbsolutePath()
                        .toString();
                st.execute("COPY " + t.getTableName() + " TO '" + file + "' (FORMAT parquet)");
                pq.execute("CREATE VIEW " + t.getTableName() + " AS SELECT * FROM read_parquet('" + file + "')");
            }
        }
    }
}
