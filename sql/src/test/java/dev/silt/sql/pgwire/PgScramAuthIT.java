package dev.silt.sql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.silt.sql.SqlEngine;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SCRAM-SHA-256 authentication with pgjdbc (which speaks it as PostgreSQL 14+ servers ask). */
class PgScramAuthIT {
    private static SqlEngine engine;
    private static PgServer server;

    @BeforeAll
    static void start() throws Exception {
        engine = SqlEngine.withDefaults(1);
        server = PgServer.open(
                        engine,
                        PgServerOptions.defaults()
                                .withPort(0)
                                .withAuth(PgServerOptions.Auth.SCRAM_SHA_256)
                                .withUser("alice", "s3cret-ü")
                                .withRandom(new SecureRandom(new byte[] {1, 2, 3})))
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

    static Connection connect(int port, String user, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/silt", p);
    }

    @Test
    void theRightPasswordGetsIn() throws Exception {
        try (Connection c = connect(server.port(), "alice", "s3cret-ü");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select current_user")) {
            assertTrue(rs.next());
            assertEquals("alice", rs.getString(1));
        }
    }

    @Test
    void aWrongPasswordOrUnknownUserIsRefused() {
        SQLException wrong = assertThrows(SQLException.class, () -> connect(server.port(), "alice", "guess"));
        assertEquals("28P01", wrong.getSQLState());
        SQLException unknown = assertThrows(SQLException.class, () -> connect(server.port(), "mallory", "s3cret-ü"));
        assertEquals("28P01", unknown.getSQLState());
        assertEquals(0, server.sessions(), "refused clients hold no session");
    }
}
