package dev.silt.sql.pgwire;

import dev.silt.sql.SqlKeys;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How a {@link PgServer} listens and whom it lets in. Immutable: every {@code with…} returns a copy. Built from
 * {@link SqlKeys} ({@code silt.sql.pgwire.*}) by {@link #from}; invalid combinations (a non-loopback address
 * without authentication, authentication without users) are rejected by {@link #validate()} with one message
 * naming the key to change.
 */
public final class PgServerOptions {
    /** How clients prove who they are. */
    public enum Auth {
        /** Anyone who can reach the port may connect as any user (the loopback default). */
        TRUST("trust"),
        /** The password in clear text (AuthenticationCleartextPassword). */
        PASSWORD("password"),
        /** PostgreSQL's salted MD5 challenge. */
        MD5("md5"),
        /** SCRAM-SHA-256 (RFC 7677), PostgreSQL's default since version 14. */
        SCRAM_SHA_256("scram-sha-256");

        private final String configName;

        Auth(String configName) {
            this.configName = configName;
        }

        public String configName() {
            return configName;
        }

        static Auth parse(String value) {
            for (Auth a : values()) {
                if (a.configName.equals(value.trim().toLowerCase(Locale.ROOT))) {
                    return a;
                }
            }
            throw new IllegalArgumentException(SqlKeys.PGWIRE_AUTH.key()
                    + " must be one of trust, password, md5, scram-sha-256, got '" + value + "'");
        }
    }

    private final String bind;
    private final int port;
    private final Auth auth;
    private final Map<String, String> users;
    private final int queryThreads;
    private final int maxSessions;
    private final int maxMessageBytes;
    private final SecureRandom random;

    private PgServerOptions(
            String bind,
            int port,
            Auth auth,
            Map<String, String> users,
            int queryThreads,
            int maxSessions,
            int maxMessageBytes,
            SecureRandom random) {
        this.bind = bind;
        this.port = port;
        this.auth = auth;
        this.users = Collections.unmodifiableMap(new LinkedHashMap<>(users));
        this.queryThreads = queryThreads;
        this.maxSessions = maxSessions;
        this.maxMessageBytes = maxMessageBytes;
        this.random = random;
    }

    /** The defaults of {@link SqlKeys}: 127.0.0.1:5439, trust. */
    public static PgServerOptions defaults() {
        return from(Map.of());
    }

    /** Options from the {@code silt.sql.pgwire.*} keys of {@code conf}; bad values are rejected by name. */
    public static PgServerOptions from(Map<String, String> conf) {
        return new PgServerOptions(
                SqlKeys.PGWIRE_BIND.getString(conf),
                (int) SqlKeys.PGWIRE_PORT.getLong(conf),
                Auth.parse(SqlKeys.PGWIRE_AUTH.getString(conf)),
                parseUsers(SqlKeys.PGWIRE_USERS.getString(conf)),
                (int) SqlKeys.PGWIRE_QUERY_THREADS.getLong(conf),
                (int) SqlKeys.PGWIRE_MAX_SESSIONS.getLong(conf),
                (int) (SqlKeys.PGWIRE_MAX_MESSAGE_MB.getLong(conf) << 20),
                new SecureRandom());
    }

    private static Map<String, String> parseUsers(String spec) {
        Map<String, String> users = new LinkedHashMap<>();
        if (spec.isBlank()) {
            return users;
        }
        for (String pair : spec.split(",", -1)) {
            int colon = pair.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException(SqlKeys.PGWIRE_USERS.key()
                        + " must be comma-separated user:password pairs, got '" + pair.strip() + "'");
            }
            users.put(pair.substring(0, colon).strip(), pair.substring(colon + 1));
        }
        return users;
    }

    public PgServerOptions withBind(String address) {
        return new PgServerOptions(address, port, auth, users, queryThreads, maxSessions, maxMessageBytes, random);
    }

    /** The TCP port; 0 picks a free one ({@link PgServer#port()} then says which). */
    public PgServerOptions withPort(int p) {
        if (p < 0 || p > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + p);
        }
        return new PgServerOptions(bind, p, auth, users, queryThreads, maxSessions, maxMessageBytes, random);
    }

    public PgServerOptions withAuth(Auth a) {
        return new PgServerOptions(bind, port, a, users, queryThreads, maxSessions, maxMessageBytes, random);
    }

    /** Adds (or replaces) a user allowed to connect when {@link #auth()} is not trust. */
    public PgServerOptions withUser(String user, String password) {
        Map<String, String> u = new LinkedHashMap<>(users);
        u.put(user, password);
        return new PgServerOptions(bind, port, auth, u, queryThreads, maxSessions, maxMessageBytes, random);
    }

    public PgServerOptions withQueryThreads(int n) {
        return new PgServerOptions(bind, port, auth, users, n, maxSessions, maxMessageBytes, random);
    }

    public PgServerOptions withMaxSessions(int n) {
        return new PgServerOptions(bind, port, auth, users, queryThreads, n, maxMessageBytes, random);
    }

    /** The source of secret keys, salts and nonces (a seeded one makes tests repeatable). */
    public PgServerOptions withRandom(SecureRandom r) {
        return new PgServerOptions(bind, port, auth, users, queryThreads, maxSessions, maxMessageBytes, r);
    }

    public String bind() {
        return bind;
    }

    public int port() {
        return port;
    }

    public Auth auth() {
        return auth;
    }

    /** User name to password; empty under trust. */
    public Map<String, String> users() {
        return users;
    }

    public int queryThreads() {
        return queryThreads;
    }

    public int maxSessions() {
        return maxSessions;
    }

    public int maxMessageBytes() {
        return maxMessageBytes;
    }

    public SecureRandom random() {
        return random;
    }

    /** Rejects settings that cannot work or would expose data: one message naming the key to change. */
    public PgServerOptions validate() {
        if (queryThreads < 1 || maxSessions < 1) {
            throw new IllegalArgumentException(SqlKeys.PGWIRE_QUERY_THREADS.key() + " and "
                    + SqlKeys.PGWIRE_MAX_SESSIONS.key() + " must be at least 1");
        }
        if (auth != Auth.TRUST && users.isEmpty()) {
            throw new IllegalArgumentException(SqlKeys.PGWIRE_AUTH.key() + " is " + auth.configName() + " but "
                    + SqlKeys.PGWIRE_USERS.key() + " names no user:password");
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(
                    SqlKeys.PGWIRE_BIND.key() + " '" + bind + "' is not a known address or host name", e);
        }
        if (auth == Auth.TRUST && !address.isLoopbackAddress()) {
            throw new IllegalArgumentException(SqlKeys.PGWIRE_BIND.key() + " is " + bind
                    + ", which is reachable from other machines: set " + SqlKeys.PGWIRE_AUTH.key()
                    + " to scram-sha-256 (or md5, password) and " + SqlKeys.PGWIRE_USERS.key());
        }
        return this;
    }
}
