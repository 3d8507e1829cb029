package dev.silt.ingest.consumer;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Bounded exponential backoff with jitter: attempt n waits a random time in [cap/2, cap] where
 * cap = min(max, base · 2^n). The random half spreads retries of many readers apart; the fixed half keeps the
 * delay growing. Thread-safe when the random generator is.
 */
public final class Backoff {
    private final long baseMillis;
    private final long maxMillis;
    private final RandomGenerator random;

    public Backoff(Duration base, Duration max, RandomGenerator random) {
        if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < base <= max, got " + base + " and " + max);
        }
        this.baseMillis = base.toMillis();
        this.maxMillis = max.toMillis();
        this.random = random;
    }

    /** The delay before retry number {@code attempt} (0 for the first retry). */
    public Duration delay(int attempt) {
        long cap = maxMillis;
        if (attempt < 62 && baseMillis <= (maxMillis >> Math.min(attempt, 62))) {
            cap = Math.min(maxMillis, baseMillis << attempt);
        }
        long half = cap / 2;
        return Duration.ofMillis(half + random.nextLong(cap - half + 1));
    }
}
