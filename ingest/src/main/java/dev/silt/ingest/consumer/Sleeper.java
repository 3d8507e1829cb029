package dev.silt.ingest.consumer;

import java.time.Duration;

/** Waits between retries; injected so that tests of backoff do not sleep. */
@FunctionalInterface
public interface Sleeper {
    /** Waits about {@code duration}; may return early when the consumer is stopping. */
    void sleep(Duration duration) throws InterruptedException;
}
