package dev.silt.bench;

import java.nio.file.Path;
import java.time.Duration;

/**
 * One system under test in the stream benchmark: a server started in its own JVM with a two-shard (two-partition)
 * stream, the client a user of that system would write against it, and a {@link RecordLedger} of what it
 * acknowledged. Used by one thread at a time, in this order: {@link #start}, any number of {@link #produce}, one
 * {@link #readAll}, {@link #close} (which stops the server and deletes its data, and may be called at any point).
 */
interface StreamContender extends AutoCloseable {
    /** Short stable id, as in {@code --only}. */
    String id();

    /** What runs, for the report: system, durability, client. */
    String description();

    /** Starts the server with its data under {@code workDir} and creates the stream. */
    void start(Path workDir) throws Exception;

    /**
     * Sends records from {@code threads} threads for {@code duration}, then waits for every send in flight.
     *
     * @return acknowledged records and the time from the first send to the last acknowledgement
     */
    LoadFigures produce(int threads, Duration duration) throws Exception;

    /** Reads the whole stream back from the start, recording every record in {@link #ledger}. */
    ReadFigures readAll(Duration limit) throws Exception;

    RecordLedger ledger();

    /** CPU time the server process has used since it started, or -1 if unknown. */
    long serverCpuNanos();

    @Override
    void close() throws Exception;
}
