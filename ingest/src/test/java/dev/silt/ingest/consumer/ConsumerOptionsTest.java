package dev.silt.ingest.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.silt.ingest.IngestKeys;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pins the consumer's and the client's keys in {@link IngestKeys} and how options are read from them. */
class ConsumerOptionsTest {
    @Test
    void defaultsArePinned() {
        assertEquals("silt.ingest.consumer.max.workers", IngestKeys.CONSUMER_MAX_WORKERS.key());
        assertEquals(8, IngestKeys.CONSUMER_MAX_WORKERS.defaultLong());
        assertEquals(10_000, IngestKeys.CONSUMER_RECORDS_PER_CALL.defaultLong());
        assertEquals(10_000, IngestKeys.CONSUMER_RECORDS_PER_CALL.max());
        assertEquals(250, IngestKeys.CONSUMER_IDLE_POLL_MILLIS.defaultLong());
        assertEquals(100, IngestKeys.CONSUMER_BACKOFF_BASE_MILLIS.defaultLong());
        assertEquals(10_000, IngestKeys.CONSUMER_BACKOFF_MAX_MILLIS.defaultLong());
        assertEquals(10, IngestKeys.CONSUMER_MAX_RETRIES.defaultLong());
        assertEquals(30_000, IngestKeys.CLIENT_TIMEOUT_MILLIS.defaultLong());

        ConsumerOptions o = ConsumerOptions.defaults();
        assertEquals(8, o.maxWorkers());
        assertEquals(10_000, o.recordsPerCall());
        assertEquals(Duration.ofMillis(250), o.idlePoll());
        assertEquals(Duration.ofMillis(100), o.backoffBase());
        assertEquals(Duration.ofSeconds(10), o.backoffMax());
        assertEquals(10, o.maxRetries());
    }

    @Test
    void valuesAreReadAndChecked() {
        ConsumerOptions o = ConsumerOptions.fromConfig(Map.of(
                "silt.ingest.consumer.max.workers", "2",
                "silt.ingest.consumer.backoff.base.ms", "5",
                "silt.ingest.consumer.backoff.max.ms", "50"));
        assertEquals(2, o.maxWorkers());
        assertEquals(Duration.ofMillis(50), o.backoffMax());
        assertThrows(
                IllegalArgumentException.class,
                () -> ConsumerOptions.fromConfig(Map.of("silt.ingest.consumer.records.per.call", "10001")));
        assertThrows(
                IllegalArgumentException.class,
                () -> ConsumerOptions.fromConfig(Map.of(
                        "silt.ingest.consumer.backoff.base.ms", "500", "silt.ingest.consumer.backoff.max.ms", "100")));
        assertThrows(IllegalArgumentException.class, () -> StartPosition.afterSequence(null));
        assertThrows(IllegalArgumentException.class, () -> StreamConsumer.builder(
                        new ServiceStreamSource(null), "s", b -> {})
                .initialPosition(StartPosition.atSequence("1")));
    }

    @Test
    void gapsAreCountedFromSiltSequenceNumbersOnly() {
        String a = dev.silt.ingest.stream.SequenceNumbers.format(10);
        String b = dev.silt.ingest.stream.SequenceNumbers.format(100);
        assertEquals(89, ShardReader.missingBetween(a, b));
        assertEquals(0, ShardReader.missingBetween(a, dev.silt.ingest.stream.SequenceNumbers.format(11)));
        // Numbers another service issued leave gaps by design: the count is unknown, not zero.
        assertEquals(-1, ShardReader.missingBetween("12", "15"));
    }
}
