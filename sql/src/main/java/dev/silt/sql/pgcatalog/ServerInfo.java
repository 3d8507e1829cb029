package dev.silt.sql.pgcatalog;

/**
 * What silt tells PostgreSQL clients about itself. Clients pick their catalog queries by the server version (psql
 * 15 and pgjdbc 42.7 send the queries this package answers when the server says 15), so a wire server should
 * report {@link #SERVER_VERSION} as its {@code server_version} parameter.
 */
public final class ServerInfo {
    /** The PostgreSQL version whose catalogs silt presents. */
    public static final String SERVER_VERSION = "15.0";
    /** {@link #SERVER_VERSION} as PostgreSQL's {@code server_version_num}. */
    public static final String SERVER_VERSION_NUM = "150000";
    /** What {@code version()} returns. */
    public static final String VERSION = "PostgreSQL " + SERVER_VERSION + " (silt) on Java 17";

    private ServerInfo() {}
}
