package dev.silt.sql;

import java.util.Locale;
import java.util.Map;

/**
 * Every configuration key of the SQL engine, with its default, unit and accepted range, in one place. Values are
 * read from a plain string map (a properties file, {@code -D} options, a server's settings).
 */
public enum SqlKeys {
    /** Worker threads that run query fragments in parallel; 0 means one per available processor. */
    WORKERS("silt.sql.workers", 0L, 0, 1024, "worker threads (0 = one per processor)"),
    /** Memory one query's blocking operators (hash tables, sort buffers) may hold, in MiB. */
    QUERY_MAX_MEMORY_MB("silt.sql.query.max-memory", 1024L, 1, 1L << 30, "per-query memory limit in MiB"),
    /**
     * Expected groups (or window rows) from which an aggregation or a partitioned window is repartitioned by key
     * among the workers, each finalizing its share, instead of being finalized on the leader alone.
     */
    REPARTITION_MIN_ROWS(
            "silt.sql.repartition.min-rows",
            100_000L,
            0,
            Long.MAX_VALUE,
            "expected groups from which aggregations and windows are finalized in parallel by key"),
    /**
     * Expected build-side rows from which a hash join is partitioned by key (both inputs repartitioned, every
     * worker building its share) instead of broadcasting one table built on the leader.
     */
    JOIN_PARTITIONED_MIN_ROWS(
            "silt.sql.join.partitioned.min-rows",
            2_000_000L,
            0,
            Long.MAX_VALUE,
            "expected build rows from which hash joins are partitioned by key rather than broadcast"),
    /** The schema unqualified table names resolve in, as {@code catalog.schema}. */
    DEFAULT_SCHEMA("silt.sql.default-schema", "memory.public", "default catalog.schema for unqualified names"),

    // The PostgreSQL wire protocol server (dev.silt.sql.pgwire).
    /** TCP port of the PostgreSQL protocol server; 5439 as Redshift uses, 0 picks a free one. */
    PGWIRE_PORT("silt.sql.pgwire.port", 5439L, 0, 65535, "PostgreSQL protocol TCP port (0 = any free port)"),
    /** Address the PostgreSQL protocol server listens on; anything but loopback requires authentication. */
    PGWIRE_BIND("silt.sql.pgwire.bind", "127.0.0.1", "PostgreSQL protocol listen address"),
    /** How clients authenticate: trust, password (cleartext), md5 or scram-sha-256. */
    PGWIRE_AUTH("silt.sql.pgwire.auth", "trust", "client authentication: trust | password | md5 | scram-sha-256"),
    /** Users allowed to connect when authentication is on, as comma-separated user:password pairs. */
    PGWIRE_USERS("silt.sql.pgwire.users", "", "user:password pairs, comma-separated (auth other than trust)"),
    /** Statements that run at once across all sessions; more wait their turn. */
    PGWIRE_QUERY_THREADS("silt.sql.pgwire.query-threads", 8L, 1, 1024, "statements running at once"),
    /** Open sessions the server accepts; more are refused with SQLSTATE 53300. */
    PGWIRE_MAX_SESSIONS("silt.sql.pgwire.max-sessions", 256L, 1, 65536, "open sessions at most"),
    /** Largest protocol message a client may send, in MiB; a bigger one is a protocol violation. */
    PGWIRE_MAX_MESSAGE_MB("silt.sql.pgwire.max-message", 64L, 1, 1024, "largest client message in MiB");

    private final String key;
    private final String defaultValue;
    private final boolean numeric;
    private final long min;
    private final long max;
    private final String doc;

    SqlKeys(String key, long defaultValue, long min, long max, String doc) {
        this.key = key;
        this.defaultValue = Long.toString(defaultValue);
        this.numeric = true;
        this.min = min;
        this.max = max;
        this.doc = doc;
    }

    SqlKeys(String key, String defaultValue, String doc) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.numeric = false;
        this.min = 0;
        this.max = 0;
        this.doc = doc;
    }

    public String key() {
        return key;
    }

    public String doc() {
        return doc;
    }

    public String defaultString() {
        return defaultValue;
    }

    public long defaultLong() {
        if (!numeric) {
            throw new IllegalStateException(key + " is not a numeric key");
        }
        return Long.parseLong(defaultValue);
    }

    public long min() {
        return min;
    }

    public long max() {
        return max;
    }

    /** The key's value in {@code conf}, or its default; out-of-range or non-numeric values are rejected. */
    public long getLong(Map<String, String> conf) {
        String raw = conf.get(key);
        if (raw == null) {
            return defaultLong();
        }
        long value;
        try {
            value = Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, got '" + raw + "'", e);
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    String.format(Locale.ROOT, "%s must be between %d and %d, got %d", key, min, max, value));
        }
        return value;
    }

    /** The key's value in {@code conf}, or its default. */
    public String getString(Map<String, String> conf) {
        String raw = conf.get(key);
        return raw == null ? defaultString() : raw.trim();
    }
}
