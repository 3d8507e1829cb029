package dev.silt.ingest.stream.internal;

import java.time.Clock;

/**
 * A token bucket on the injected clock: {@code ratePerSecond} tokens a second, holding at most one second's worth.
 * A take larger than the whole bucket succeeds when the bucket is full and leaves it in debt, so that one record or
 * read bigger than a second's allowance is possible but pays for it before the next. Thread-safe.
 */
public final class TokenBucket {
    private final Clock clock;
    private final double ratePerMilli;
    private final double capacity;
    private double tokens; // guarded by this
    private long lastMillis; // guarded by this

    public TokenBucket(Clock clock, long ratePerSecond) {
        this.clock = clock;
        this.ratePerMilli = ratePerSecond / 1000.0;
        this.capacity = (double) ratePerSecond;
        this.tokens = capacity;
        this.lastMillis = clock.millis();
    }

    private void refill() {
        long now = clock.millis();
        if (now > lastMillis) {
            tokens = Math.min(capacity, tokens + (double) (now - lastMillis) * ratePerMilli);
            lastMillis = now;
        }
    }

    /** Takes {@code n} tokens if they are there (or the bucket is full); false leaves the bucket as it was. */
    public synchronized boolean tryTake(long n) {
        refill();
        if (tokens >= Math.min((double) n, capacity)) {
            tokens -= (double) n;
            return true;
        }
        return false;
    }

    /** Whether any token is left, without taking one. */
    public synchronized boolean hasTokens() {
        refill();
        return tokens > 0;
    }

    /** Takes {@code n} tokens unconditionally, going into debt if needed (for costs known only afterwards). */
    public synchronized void take(long n) {
        refill();
        tokens -= (double) n;
    }

    /** Gives back tokens taken for work that did not happen. */
    public synchronized void giveBack(long n) {
        tokens = Math.min(capacity, tokens + (double) n);
    }
}
