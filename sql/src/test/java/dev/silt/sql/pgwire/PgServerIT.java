package dev.silt.sql.pgwire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.silt.sql.SqlEngine;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.util.PGInterval;

/** The wire server against the real PostgreSQL JDBC driver: one server on an ephemeral port for the class. */
class PgServerIT {
    private static SqlEngine engine;
    private static PgServer server;

    @BeforeAll
    static void start() throws Exception {
        engine = SqlEngine.withDefaults(2);
        server = PgServer.open(engine, PgServerOptions.defaults().withPort(0)).start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    static String url() {
        return "jdbc:postgresql://127.0.0.1:" + server.port() + "/silt";
    }

    static Connection connect(String... props) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "silt");
        for (int i = 0; i < props.length; i += 2) {
            p.setProperty(props[i], props[i + 1]);
        }
        return DriverManager.getConnection(url(), p);
    }

    @Test
    void simpleQueryModeRunsSeveralStatementsInOneMessage() throws Exception {
        try (Connection c = connect("preferQueryMode", "simple");
                Statement s = c.createStatement()) {
            assertFalse(s.execute("create table multi (a integer, b varchar); insert into multi values (1, 'x'),"
                    + " (2, 'it''s'); select a, b from multi order by a"));
            assertEquals(0, s.getUpdateCount());
            assertFalse(s.getMoreResults());
            assertEquals(2, s.getUpdateCount());
            assertTrue(s.getMoreResults());
            try (ResultSet rs = s.getResultSet()) {
                assertTrue(rs.next());
                assertEquals(1, rs.getInt(1));
                assertEquals("x", rs.getString(2));
                assertTrue(rs.next());
                assertEquals("it's", rs.getString("b"));
                assertFalse(rs.next());
            }
            // an empty query and a comment-only query are answered, not rejected
            assertFalse(s.execute(";"));
            assertFalse(s.execute("-- nothing"));
        }
    }

    @Test
    void preparedStatementsStayCorrectPastTheServerPrepareThreshold() throws Exception {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute("create table prep (id bigint, name varchar, score double, d date)");
            try (PreparedStatement ins = c.prepareStatement("insert into prep values (?, ?, ?, ?)")) {
                for (int i = 0; i < 12; i++) {
                    ins.setLong(1, i);
                    ins.setString(2, "n'" + i);
                    ins.setDouble(3, i * 1.5);
                    ins.setObject(4, LocalDate.of(2024, 1, 1).plusDays(i));
                    assertEquals(1, ins.executeUpdate());
                }
            }
            try (PreparedStatement q =
                    c.prepareStatement("select id, name, score, d from prep where id >= ? and name <> ? order by id")) {
                for (int run = 0; run < 10; run++) {
                    q.setLong(1, run);
                    q.setString(2, "none");
                    try (ResultSet rs = q.executeQuery()) {
                        int expected = run;
                        while (rs.next()) {
                            assertEquals(expected, rs.getLong(1));
                            assertEquals("n'" + expected, rs.getString(2));
                            assertEquals(expected * 1.5, rs.getDouble(3), 0.0);
                            assertEquals(LocalDate.of(2024, 1, 1).plusDays(expected), rs.getObject(4, LocalDate.class));
                            expected++;
                        }
                        assertEquals(12, expected, "run " + run);
                    }
                }
            }
            try (ResultSet rs = s.executeQuery("select count(*) from prep")) {
                assertTrue(rs.next());
                assertEquals(12, rs.getLong(1), "each insert happened exactly once");
            }
        }
    }

    private static final String ALL_TYPES = "select true as b, cast(7 as smallint) as i2, 42 as i4,"
            + " cast(9000000000 as bigint) as i8, cast(1.5 as real) as f4, cast(0.1 as double) as f8,"
            + " cast(-12345.67 as decimal(12, 2)) as num, cast(0.0001 as decimal(10, 4)) as small,"
            + " 'héllo' as txt, cast('ab' as char(3)) as ch, date '2024-02-29' as d,"
            + " timestamp '2024-02-29 13:14:15.123' as ts, interval '3' day as iv,"
            + " cast(null as integer) as nul";

    private static void assertAllTypes(ResultSet rs) throws SQLException {
        assertTrue(rs.next());
        assertTrue(rs.getBoolean("b"));
        assertEquals(7, rs.getShort("i2"));
        assertEquals(42, rs.getInt("i4"));
        assertEquals(9_000_000_000L, rs.getLong("i8"));
        assertEquals(1.5f, rs.getFloat("f4"));
        assertEquals(0.1, rs.getDouble("f8"));
        assertEquals(new BigDecimal("-12345.67"), rs.getBigDecimal("num"));
        assertEquals(new BigDecimal("0.0001"), rs.getBigDecimal("small"));
        assertEquals("héllo", rs.getString("txt"));
        assertEquals("ab ", rs.getString("ch"));
        assertEquals(LocalDate.of(2024, 2, 29), rs.getObject("d", LocalDate.class));
        assertEquals(LocalDateTime.of(2024, 2, 29, 13, 14, 15, 123_000_000), rs.getObject("ts", LocalDateTime.class));
        assertEquals(new PGInterval(0, 0, 3, 0, 0, 0), new PGInterval(rs.getString("iv")));
        assertEquals(0, rs.getInt("nul"));
        assertTrue(rs.wasNull());
        ResultSetMetaData md = rs.getMetaData();
        assertEquals(Types.BIT, md.getColumnType(1));
        assertEquals(Types.SMALLINT, md.getColumnType(2));
        assertEquals(Types.INTEGER, md.getColumnType(3));
        assertEquals(Types.BIGINT, md.getColumnType(4));
        assertEquals(Types.REAL, md.getColumnType(5));
        assertEquals(Types.DOUBLE, md.getColumnType(6));
        assertEquals(Types.NUMERIC, md.getColumnType(7));
        assertEquals(12, md.getPrecision(7));
        assertEquals(2, md.getScale(7));
        assertEquals(Types.DATE, md.getColumnType(11));
        assertEquals(Types.TIMESTAMP, md.getColumnType(12));
        assertFalse(rs.next());
    }

    @Test
    void everyTypeReadsTheSameInTextAndBinary() throws Exception {
        try (Connection c = connect("preferQueryMode", "simple");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(ALL_TYPES)) {
            assertAllTypes(rs);
        }
        // prepareThreshold -1: server-prepared from the first use, so results come back in binary
        try (Connection c = connect("prepareThreshold", "-1", "binaryTransfer", "true")) {
            for (int i = 0; i < 3; i++) {
                try (PreparedStatement ps = c.prepareStatement(ALL_TYPES);
                        ResultSet rs = ps.executeQuery()) {
                    assertAllTypes(rs);
                }
            }
        }
    }

    @Test
    void binaryParametersOfEveryTypeRoundTrip() throws Exception {
        try (Connection c = connect("prepareThreshold", "-1");
                PreparedStatement ps = c.prepareStatement("select ?, ?, ?, ?, ?, ?, ?, ?, ?")) {
            for (int run = 0; run < 6; run++) {
                ps.setBoolean(1, run % 2 == 0);
                ps.setShort(2, (short) -run);
                ps.setInt(3, Integer.MIN_VALUE + run);
                ps.setLong(4, Long.MAX_VALUE - run);
                ps.setFloat(5, 2.5f * run);
                ps.setDouble(6, -1e-7 * run);
                ps.setBigDecimal(7, new BigDecimal("123.4500").add(BigDecimal.valueOf(run)));
                ps.setString(8, "o'clock " + run);
                ps.setObject(9, LocalDate.of(1999, 12, 31).plusDays(run));
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(run % 2 == 0, rs.getBoolean(1));
                    assertEquals(-run, rs.getShort(2));
                    assertEquals(Integer.MIN_VALUE + run, rs.getInt(3));
                    assertEquals(Long.MAX_VALUE - run, rs.getLong(4));
                    assertEquals(2.5f * run, rs.getFloat(5), 0f);
                    assertEquals(-1e-7 * run, rs.getDouble(6), 0.0);
                    assertEquals(
                            0,
                            new BigDecimal("123.45")
                                    .add(BigDecimal.valueOf(run))
                                    .compareTo(rs.getBigDecimal(7)));
                    assertEquals("o'clock " + run, rs.getString(8));
                    assertEquals(LocalDate.of(1999, 12, 31).plusDays(run), rs.getObject(9, LocalDate.class));
                }
            }
        }
    }

    @Test
    void fetchSizeWithoutAutocommitReadsThroughASuspendedPortal() throws Exception {
        long expected;
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*), sum(o_orderkey) from tpch.tiny.orders")) {
            assertTrue(rs.next());
            expected = rs.getLong(2);
            assertEquals(15_000, rs.getLong(1));
        }
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.setFetchSize(1000);
                long rows = 0;
                long sum = 0;
                long last = Long.MIN_VALUE;
                try (ResultSet rs = s.executeQuery("select o_orderkey from tpch.tiny.orders order by o_orderkey")) {
                    while (rs.next()) {
                        long k = rs.getLong(1);
                        assertTrue(k > last, "ordered, no row repeated");
                        last = k;
                        sum += k;
                        rows++;
                    }
                }
                assertEquals(15_000, rows);
                assertEquals(expected, sum);
            }
            c.commit();
        }
    }

    @Test
    void executeWithARowLimitSuspendsAndResumesThePortal() throws Exception {
        try (RawPgClient raw = new RawPgClient(server.port())) {
            raw.startup(Map.of("user", "silt", "database", "silt"));
            assertEquals('Z', last(raw.readUntilReady()).type());
            raw.send('P', body(b -> {
                RawPgClient.cstring(b, "");
                RawPgClient.cstring(b, "select n_nationkey from tpch.tiny.nation order by n_nationkey");
                b.writeShort(0);
            }));
            raw.send('B', body(b -> {
                RawPgClient.cstring(b, "p1");
                RawPgClient.cstring(b, "");
                b.writeShort(0);
                b.writeShort(0);
                b.writeShort(0);
            }));
            byte[] execute10 = body(b -> {
                RawPgClient.cstring(b, "p1");
                b.writeInt(10);
            });
            raw.send('E', execute10);
            raw.send('H', new byte[0]);
            List<Character> types = new ArrayList<>();
            RawPgClient.Message m;
            while ((m = raw.read()).type() != 's') {
                types.add(m.type());
            }
            assertEquals('1', types.get(0));
            assertEquals('2', types.get(1));
            assertEquals(10, types.stream().filter(t -> t == 'D').count());
            raw.send('E', execute10);
            raw.send('E', execute10);
            raw.send('S', new byte[0]);
            List<RawPgClient.Message> rest = raw.readUntilReady();
            assertEquals(15, rest.stream().filter(x -> x.type() == 'D').count(), "25 nations in all, none twice");
            assertEquals('s', rest.get(10).type());
            RawPgClient.Message done = rest.get(rest.size() - 2);
            assertEquals('C', done.type());
            assertEquals(
                    "SELECT 5",
                    new String(done.body(), 0, done.body().length - 1, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Test
    void statementCancelStopsALongQueryAndTheSessionGoesOn() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            Future<Object> running = pool.submit(() -> {
                try (ResultSet rs =
                        s.executeQuery("select sum(l_extendedprice * l_discount) from tpch.sf100.lineitem")) {
                    return rs.next();
                }
            });
            SQLException cancelled = null;
            for (int attempt = 0; attempt < 600 && cancelled == null; attempt++) {
                s.cancel(); // CancelRequest on a new connection; a request that arrives between statements does nothing
                try {
                    running.get(100, TimeUnit.MILLISECONDS);
                    throw new AssertionError("the query finished instead of being cancelled");
                } catch (TimeoutException e) {
                    // still running: cancel again
                } catch (java.util.concurrent.ExecutionException e) {
                    cancelled = (SQLException) e.getCause();
                }
            }
            assertNotNull(cancelled, "cancelled within a minute");
            assertEquals("57014", cancelled.getSQLState());
            try (ResultSet rs = s.executeQuery("select 1")) {
                assertTrue(rs.next());
                assertEquals(1, rs.getInt(1));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Waits (up to a minute) for the server's count of running statements to reach {@code n}. */
    private static void awaitRunning(int n) throws InterruptedException {
        for (int i = 0; i < 3000 && server.runningStatements() != n; i++) {
            Thread.sleep(20);
        }
        assertEquals(n, server.runningStatements());
    }

    @Test
    void aDroppedConnectionCancelsItsQuery() throws Exception {
        awaitRunning(0);
        try (RawPgClient raw = new RawPgClient(server.port())) {
            raw.startup(Map.of("user", "silt"));
            raw.readUntilReady();
            // hours of work at scale factor 100: it only ends this test if the disconnect cancels it
            raw.send('Q', body(b -> RawPgClient.cstring(b, "select sum(l_quantity) from tpch.sf100.lineitem")));
            awaitRunning(1);
        }
        awaitRunning(0);
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from tpch.tiny.region")) {
            assertTrue(rs.next());
            assertEquals(5, rs.getInt(1));
        }
    }

    private static String stateOf(Statement s, String sql) {
        SQLException e = assertThrows(SQLException.class, () -> s.execute(sql), sql);
        return e.getSQLState();
    }

    @Test
    void errorsCarrySqlStatesAndLeaveTheSessionUsable() throws Exception {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute("create table errs (a integer, b varchar)");
            s.execute("insert into errs values (1, 'one'), (0, 'zero')");
            org.postgresql.util.PSQLException syntax =
                    assertThrows(org.postgresql.util.PSQLException.class, () -> s.execute("select from where"));
            assertEquals("42601", syntax.getSQLState());
            assertNotNull(syntax.getServerErrorMessage());
            assertTrue(syntax.getServerErrorMessage().getPosition() > 0, "the error points into the query");
            assertEquals("42P01", stateOf(s, "select * from no_such_table"));
            assertEquals("42703", stateOf(s, "select no_such_column from errs"));
            assertEquals("22012", stateOf(s, "select 10 / a from errs"));
            assertEquals("22003", stateOf(s, "select cast(a + 1 as bigint) * 5000000000 * 5000000000 from errs"));
            assertEquals("42P07", stateOf(s, "create table errs (x integer)"));
            // a failed statement changed nothing
            try (ResultSet rs = s.executeQuery("select count(*) from errs")) {
                assertTrue(rs.next());
                assertEquals(2, rs.getInt(1));
            }
        }
    }

    @Test
    void anErrorInATransactionBlocksItUntilRollback() throws Exception {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                assertEquals("42P01", stateOf(s, "select * from missing_in_tx"));
                assertEquals("25P02", stateOf(s, "select 1"));
                c.rollback();
                try (ResultSet rs = s.executeQuery("select 2")) {
                    assertTrue(rs.next());
                    assertEquals(2, rs.getInt(1));
                }
                c.commit();
            }
        }
    }

    @Test
    void sessionSettingsAndFunctionsAnswerAsPostgreSqlDoes() throws Exception {
        try (Connection c = connect("ApplicationName", "silt-it");
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("show application_name")) {
                assertTrue(rs.next());
                assertEquals("silt-it", rs.getString(1));
            }
            s.execute("set application_name = 'renamed'");
            assertEquals("renamed", c.getClientInfo("ApplicationName"), "ParameterStatus reported the change");
            s.execute("SET search_path TO public");
            s.execute("set extra_float_digits = 3");
            try (ResultSet rs = s.executeQuery("select version()")) {
                assertTrue(rs.next());
                assertTrue(rs.getString("version").startsWith("PostgreSQL 16.0 (silt)"));
            }
            try (ResultSet rs = s.executeQuery("select current_schema(), current_database()")) {
                assertTrue(rs.next());
                assertEquals("public", rs.getString(1));
                assertEquals("silt", rs.getString(2));
            }
            assertEquals("42704", stateOf(s, "show no_such_setting"));
            assertTrue(c.getMetaData().getDatabaseProductVersion().startsWith("16.0"));
            assertEquals(16, c.getMetaData().getDatabaseMajorVersion());
            assertNotNull(c.unwrap(PGConnection.class).getBackendPID());
        }
    }

    @Test
    void largeResultsStreamCompletely() throws Exception {
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select l_orderkey, l_comment from tpch.tiny.lineitem")) {
            long rows = 0;
            while (rs.next()) {
                assertNotNull(rs.getString(2));
                rows++;
            }
            assertEquals(60_175, rows);
        }
    }

    @Test
    void sixteenConcurrentSessionsGetTheirOwnAnswers() throws Exception {
        long[] expected = new long[16];
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "select o_orderkey % 16, count(*) from tpch.tiny.orders group by o_orderkey % 16")) {
            while (rs.next()) {
                expected[rs.getInt(1)] = rs.getLong(2);
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                int me = t;
                results.add(pool.submit(() -> {
                    try (Connection c = connect();
                            PreparedStatement ps = c.prepareStatement(
                                    "select count(*) from tpch.tiny.orders where o_orderkey % 16 = ?")) {
                        for (int i = 0; i < 6; i++) {
                            ps.setInt(1, me);
                            try (ResultSet rs = ps.executeQuery()) {
                                assertTrue(rs.next());
                                assertEquals(expected[me], rs.getLong(1), "count for remainder " + me);
                            }
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : results) {
                assertTrue(f.get(120, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void malformedBytesCloseThatConnectionOnly() throws Exception {
        try (Connection good = connect();
                Statement s = good.createStatement()) {
            // 1: a message with an impossible length
            try (RawPgClient raw = new RawPgClient(server.port())) {
                raw.startup(Map.of("user", "silt"));
                raw.readUntilReady();
                raw.sendRaw(new byte[] {'Q', (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xf0, 'x'});
                RawPgClient.Message m = raw.read();
                assertEquals('E', m.type());
                assertEquals("08P01", m.field('C'));
                assertNull(raw.read(), "the server closed the connection");
            }
            // 2: an unknown message type
            try (RawPgClient raw = new RawPgClient(server.port())) {
                raw.startup(Map.of("user", "silt"));
                raw.readUntilReady();
                raw.send('y', new byte[] {1, 2, 3});
                RawPgClient.Message m = raw.read();
                assertEquals("08P01", m.field('C'));
                assertNull(raw.read());
            }
            // 3: a Bind whose counts run past its end
            try (RawPgClient raw = new RawPgClient(server.port())) {
                raw.startup(Map.of("user", "silt"));
                raw.readUntilReady();
                raw.send('B', new byte[] {0, 0, 0x7f, 0x7f});
                RawPgClient.Message m = raw.read();
                assertEquals("08P01", m.field('C'));
                assertNull(raw.read());
            }
            // 4: garbage instead of a startup packet
            try (RawPgClient raw = new RawPgClient(server.port())) {
                raw.sendRaw("GET / HTTP/1.1\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                RawPgClient.Message m = raw.read();
                assertEquals('E', m.type());
                assertEquals("08P01", m.field('C'));
            }
            try (ResultSet rs = s.executeQuery("select 40 + 2")) {
                assertTrue(rs.next());
                assertEquals(42, rs.getInt(1), "other sessions are untouched");
            }
        }
    }

    @Test
    void sslRequestIsDeclinedAndTheClientGoesOnInTheClear() throws Exception {
        try (Connection c = connect("sslmode", "prefer", "gssEncMode", "prefer");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select 'clear'")) {
            assertTrue(rs.next());
            assertEquals("clear", rs.getString(1));
        }
    }

    private interface BodyWriter {
        void write(DataOutputStream b) throws Exception;
    }

    private static byte[] body(BodyWriter w) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        w.write(new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    private static RawPgClient.Message last(List<RawPgClient.Message> ms) {
        return ms.get(ms.size() - 1);
    }

    @Test
    void closeStatementAndPortalAreAcknowledged() throws Exception {
        try (RawPgClient raw = new RawPgClient(server.port())) {
            raw.startup(Map.of("user", "silt"));
            raw.readUntilReady();
            raw.send('P', body(b -> {
                RawPgClient.cstring(b, "s1");
                RawPgClient.cstring(b, "select $1::integer + 1");
                b.writeShort(1);
                b.writeInt(23);
            }));
            raw.send('D', body(b -> {
                b.writeByte('S');
                RawPgClient.cstring(b, "s1");
            }));
            raw.send('C', body(b -> {
                b.writeByte('S');
                RawPgClient.cstring(b, "s1");
            }));
            raw.send('S', new byte[0]);
            List<RawPgClient.Message> ms = raw.readUntilReady();
            char[] types = new char[ms.size()];
            for (int i = 0; i < types.length; i++) {
                types[i] = ms.get(i).type();
            }
            assertArrayEquals(new char[] {'1', 't', 'T', '3', 'Z'}, types);
        }
    }
}
