package dev.silt.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
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
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every {@code src/test/resources/sql/*.test} file, in the spirit of DuckDB's sqllogictest format:
 *
 * <pre>
 * statement ok | statement error [message substring]
 * SQL (until a blank line)
 *
 * query [rowsort] [noduckdb]
 * SQL
 * ----
 * tab-separated expected rows (NULL for null)
 * </pre>
 *
 * A file whose first line is {@code # crosscheck duckdb} also replays its statements on an in-memory DuckDB and
 * requires DuckDB's rows to equal the expected ones (unless a query says {@code noduckdb}), so the expectations
 * are checked against a reference engine, not only against silt. Each file gets a fresh engine.
 */
class SqlLogicTest {
    private static final Path DIR = Paths.get("src", "test", "resources", "sql");

    @TestFactory
    Stream<DynamicTest> files() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(DIR)) {
            files = s.filter(p -> p.toString().endsWith(".test")).sorted().collect(Collectors.toList());
        }
        assertTrue(files.size() >= 5, "test files found: " + files);
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> run(f)));
    }

    private static final class Entry {
        final int line;
        final String kind;
        final List<String> options;
        final String sql;
        final List<String> expected;

        Entry(int line, String kind, List<String> options, String sql, List<String> expected) {
            this.line = line;
            this.kind = kind;
            this.options = options;
            this.sql = sql;
            this.expected = expected;
        }
    }

    static List<Entry> parse(List<String> lines) {
        List<Entry> out = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            String l = lines.get(i).strip();
            if (l.isEmpty() || l.startsWith("#")) {
                i++;
                continue;
            }
            int start = i + 1;
            String[] head = l.split("\\s+");
            String kind = head[0];
            List<String> options = new ArrayList<>(List.of(head).subList(1, head.length));
            i++;
            StringBuilder sql = new StringBuilder();
            while (i < lines.size() && !lines.get(i).isBlank() && !lines.get(i).equals("----")) {
                sql.append(lines.get(i)).append('\n');
                i++;
            }
            List<String> expected = new ArrayList<>();
            if (i < lines.size() && lines.get(i).equals("----")) {
                i++;
                while (i < lines.size() && !lines.get(i).isBlank()) {
                    expected.add(lines.get(i));
                    i++;
                }
            }
            if (!kind.equals("statement") && !kind.equals("query")) {
                throw new IllegalArgumentException("line " + start + ": unknown record " + kind);
            }
            out.add(new Entry(start, kind, options, sql.toString().strip(), expected));
        }
        return out;
    }

    private static void run(Path file) throws IOException, SQLException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        boolean duck = !lines.isEmpty() && lines.get(0).strip().equals("# crosscheck duckdb");
        try (SqlEngine engine = SqlEngine.withDefaults(2);
                Connection duckdb = duck ? DriverManager.getConnection("jdbc:duckdb:") : null) {
            for (Entry r : parse(lines)) {
                String where = file.getFileName() + ":" + r.line;
                if (r.kind.equals("statement")) {
                    boolean error = r.options.size() > 0 && r.options.get(0).equals("error");
                    if (error) {
                        String msg = String.join(" ", r.options.subList(1, r.options.size()));
                        try {
                            engine.execute(r.sql);
                            fail(where + ": expected an error for " + r.sql);
                        } catch (SqlException e) {
                            assertTrue(
                                    e.getMessage().contains(msg),
                                    where + ": error '" + e.getMessage() + "' does not contain '" + msg + "'");
                        }
                    } else {
                        try {
                            engine.execute(r.sql);
                        } catch (SqlException e) {
                            throw new AssertionError(where + ": " + e.getMessage(), e);
                        }
                        if (duckdb != null && !r.options.contains("noduckdb")) {
                            try (Statement st = duckdb.createStatement()) {
                                st.execute(r.sql);
                            }
                        }
                    }
                    continue;
                }
                boolean sort = r.options.contains("rowsort");
                List<String> expected = new ArrayList<>(r.expected);
                if (sort) {
                    Collections.sort(expected);
                }
                List<String> actual;
                try {
                    actual = render(engine.execute(r.sql).rows());
                } catch (SqlException e) {
                    throw new AssertionError(where + ": " + e.getMessage() + "\n" + r.sql, e);
                }
                if (sort) {
                    Collections.sort(actual);
                }
                assertEquals(String.join("\n", expected), String.join("\n", actual), where + ": silt\n" + r.sql);
                if (duckdb != null && !r.options.contains("noduckdb")) {
                    List<String> reference = duckRows(duckdb, r.sql);
                    if (sort) {
                        Collections.sort(reference);
                    }
                    assertEquals(
                            String.join("\n", expected), String.join("\n", reference), where + ": duckdb\n" + r.sql);
                }
            }
        }
    }

    private static List<String> duckRows(Connection c, String sql) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    Object o = rs.getObject(i);
                    if (o instanceof java.sql.Date) {
                        o = ((java.sql.Date) o).toLocalDate();
                    } else if (o instanceof java.sql.Timestamp) {
                        o = ((java.sql.Timestamp) o).toLocalDateTime();
                    }
                    row.add(o);
                }
                rows.add(row);
            }
        }
        return render(rows);
    }

    static List<String> render(List<List<Object>> rows) {
        List<String> out = new ArrayList<>();
        for (List<Object> row : rows) {
            out.add(row.stream().map(SqlLogicTest::render).collect(Collectors.joining("\t")));
        }
        return out;
    }

    /** One value as the test files write it: NULL, exact numbers without trailing zeros, 12 significant digits. */
    static String render(Object o) {
        if (o == null) {
            return "NULL";
        }
        if (o instanceof Double || o instanceof Float) {
            double d = ((Number) o).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return Double.toString(d);
            }
            return plain(new BigDecimal(d).round(new MathContext(12)));
        }
        if (o instanceof BigDecimal) {
            return plain((BigDecimal) o);
        }
        if (o instanceof java.math.BigInteger) {
            return o.toString();
        }
        if (o instanceof Boolean) {
            return o.toString().toLowerCase(Locale.ROOT);
        }
        return o.toString();
    }

    private static String plain(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        if (s.scale() < 0) {
            s = s.setScale(0);
        }
        String r = s.toPlainString();
        return r.equals("-0") ? "0" : r;
    }
}
