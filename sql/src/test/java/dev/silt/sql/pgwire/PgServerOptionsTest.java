package dev.silt.sql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.silt.sql.SqlKeys;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PgServerOptionsTest {
    @Test
    void defaultsArePinned() {
        assertEquals(5439, SqlKeys.PGWIRE_PORT.defaultLong());
        assertEquals("127.0.0.1", SqlKeys.PGWIRE_BIND.defaultString());
        assertEquals("trust", SqlKeys.PGWIRE_AUTH.defaultString());
        assertEquals("", SqlKeys.PGWIRE_USERS.defaultString());
        assertEquals(8, SqlKeys.PGWIRE_QUERY_THREADS.defaultLong());
        assertEquals(256, SqlKeys.PGWIRE_MAX_SESSIONS.defaultLong());
        assertEquals(64, SqlKeys.PGWIRE_MAX_MESSAGE_MB.defaultLong());
        PgServerOptions o = PgServerOptions.defaults().validate();
        assertEquals(5439, o.port());
        assertEquals("127.0.0.1", o.bind());
        assertEquals(PgServerOptions.Auth.TRUST, o.auth());
        assertEquals(64 << 20, o.maxMessageBytes());
    }

    @Test
    void usersParseAsPairsAndPasswordsMayHoldColons() {
        PgServerOptions o = PgServerOptions.from(
                Map.of("silt.sql.pgwire.auth", "SCRAM-SHA-256", "silt.sql.pgwire.users", "alice:a:b, bob:pw"));
        assertEquals(PgServerOptions.Auth.SCRAM_SHA_256, o.auth());
        assertEquals(Map.of("alice", "a:b", "bob", "pw"), o.users());
        IllegalArgumentException bad = assertThrows(
                IllegalArgumentException.class, () -> PgServerOptions.from(Map.of("silt.sql.pgwire.users", "nobody")));
        assertTrue(bad.getMessage().contains("silt.sql.pgwire.users"), bad.getMessage());
    }

    @Test
    void listeningBeyondLoopbackRequiresAuthentication() {
        IllegalArgumentException open = assertThrows(
                IllegalArgumentException.class,
                () -> PgServerOptions.defaults().withBind("0.0.0.0").validate());
        assertTrue(open.getMessage().contains("silt.sql.pgwire.auth"), open.getMessage());
        PgServerOptions.defaults()
                .withBind("0.0.0.0")
                .withAuth(PgServerOptions.Auth.MD5)
                .withUser("u", "p")
                .validate();
        IllegalArgumentException noUsers = assertThrows(IllegalArgumentException.class, () -> PgServerOptions.defaults()
                .withAuth(PgServerOptions.Auth.MD5)
                .validate());
        assertTrue(noUsers.getMessage().contains("silt.sql.pgwire.users"), noUsers.getMessage());
        IllegalArgumentException badAuth = assertThrows(
                IllegalArgumentException.class, () -> PgServerOptions.from(Map.of("silt.sql.pgwire.auth", "ldap")));
        assertTrue(badAuth.getMessage().contains("ldap"), badAuth.getMessage());
        assertThrows(
                IllegalArgumentException.class, () -> PgServerOptions.from(Map.of("silt.sql.pgwire.port", "70000")));
    }
}
