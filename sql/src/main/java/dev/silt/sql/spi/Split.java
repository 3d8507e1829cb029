package dev.silt.sql.spi;

/**
 * One independently readable piece of a table (a part of a generated table, a file, a stripe range). Splits are
 * created on the leader by {@link ConnectorTable#splits} and handed to worker threads; an implementation must
 * therefore be immutable and safe to read from any thread.
 */
public interface Split {
    /** A short human-readable description, shown by EXPLAIN ANALYZE and in errors. */
    String describe();
}
