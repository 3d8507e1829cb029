package dev.silt.sql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.silt.sql.SqlEngine;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** MD5 authentication with pgjdbc, configured through the silt.sql.pgwire.* keys. */
class PgMd5AuthIT {
    private static SqlEngine engine;
    private static PgServer server;

    @BeforeAll
    static void start() throws Exception {
        engine = SqlEngine.withDefaults(1);
        server = PgServer.open(
                        engine,
                        PgServerOptions.from(Map.of(
                                "silt.sql.pgwire.port", "0",
                                "silt.sql.pgwire.auth", "md5",
                                "silt.sql.pgwire.users", "bob:hunter2,carol:pa:ss")))
                .start();
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

    @Test
    void eachConfiguredUserGetsInWithTheirPassword() throws Exception {
        for (String[] u : new String[][] {{"bob", "hunter2"}, {"carol", "pa:ss"}}) {
            try (Connection c = PgScramAuthIT.connect(server.port(), u[0], u[1]);
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select session_user, 1 + 1")) {
                assertTrue(rs.next());
                assertEquals(u[0], rs.getString(1));
                assertEquals(2, rs.getInt(2));
            }
        }
    }

    @Test
    void aWrongPasswordIsRefused() {
        SQLException wrong =
                assertThrows(SQLException.class, () -> PgScramAuthIT.connect(server.port(), "bob", "hunter3"));
        assertEquals("28P01", wrong.getSQLState());
        SQLException swapped =
                assertThrows(SQLException.class, () -> PgScramAuthIT.connect(server.port(), "carol", "hunter2"));
        assertEquals("28P01", swapped.getSQLState());
    }
}
