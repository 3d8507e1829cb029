package dev.silt.ingest.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void delaysGrowExponentiallyWithinJitterAndStayBounded() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), new Random(7));
        for (int attempt = 0; attempt < 200; attempt++) {
            long cap = Math.min(5000, 100L << Math.min(attempt, 20));
            long d = b.delay(attempt).toMillis();
            assertTrue(
                    d >= cap / 2 && d <= cap,
                    "attempt " + attempt + ": " + d + " not in [" + cap / 2 + ", " + cap + "]");
        }
    }

    @Test
    void theSameSeedGivesTheSameDelays() {
        Backoff a = new Backoff(Duration.ofMillis(10), Duration.ofSeconds(1), new Random(42));
        Backoff b = new Backoff(Duration.ofMillis(10), Duration.ofSeconds(1), new Random(42));
        for (int i = 0; i < 20; i++) {
            assertEquals(a.delay(i), b.delay(i));
        }
    }

    @Test
    void jitterSpreadsDelays() {
        Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), new Random(1));
        long distinct = java.util.stream.IntStream.range(0, 50)
                .mapToLong(i -> b.delay(3).toMillis())
                .distinct()
                .count();
        assertTrue(distinct > 10, "jitter gave only " + distinct + " distinct delays");
    }

    @Test
    void badBoundsAreRefused() {
        assertThrows(
                IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), new Random()));
        assertThrows(
                IllegalArgumentException.class,
                () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), new Random()));
    }
}
