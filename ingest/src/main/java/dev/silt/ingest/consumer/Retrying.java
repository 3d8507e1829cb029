package dev.silt.ingest.consumer;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Runs one stream call with the consumer's retry rules: throttling is retried with backoff for as long as the
 * consumer runs; service-side and transport failures up to a limit; every other error is final.
 */
final class Retrying {
    /** Thrown instead of retrying once the consumer is stopping. */
    static final class StoppedException extends Exception {
        private static final long serialVersionUID = 1L;

        StoppedException() {
            super("consumer is stopping", null, false, false);
        }
    }

    interface Call<T> {
        T call() throws IOException;
    }

    private static final System.Logger LOG = System.getLogger(StreamConsumer.class.getName());

    private final Backoff backoff;
    private final Sleeper sleeper;
    private final int maxRetries;
    private final BooleanSupplier stopping;
    final AtomicLong throttled = new AtomicLong();
    final AtomicLong retried = new AtomicLong();

    Retrying(Backoff backoff, Sleeper sleeper, int maxRetries, BooleanSupplier stopping) {
        this.backoff = backoff;
        this.sleeper = sleeper;
        this.maxRetries = maxRetries;
        this.stopping = stopping;
    }

    <T> T call(String what, Call<T> call) throws IOException, InterruptedException, StoppedException {
        int attempt = 0;
        int failures = 0;
        while (true) {
            if (stopping.getAsBoolean()) {
                throw new StoppedException();
            }
            IOException error;
            try {
                return call.call();
            } catch (StreamApiException e) {
                if (e.isThrottling()) {
                    throttled.incrementAndGet();
                } else if (e.isTransient() && failures < maxRetries) {
                    failures++;
                    retried.incrementAndGet();
                } else {
                    throw e;
                }
                error = e;
            } catch (IOException e) {
                if (failures >= maxRetries) {
                    throw new IOException(what + " failed " + (failures + 1) + " times: " + e.getMessage(), e);
                }
                failures++;
                retried.incrementAndGet();
                error = e;
            }
            var delay = backoff.delay(attempt++);
            LOG.log(
                    System.Logger.Level.DEBUG,
                    () -> what + " failed (" + error.getMessage() + "), retrying in " + delay.toMillis() + " ms");
            sleeper.sleep(delay);
        }
    }
}
