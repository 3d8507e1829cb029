package dev.silt.ingest.consumer;

import dev.silt.ingest.IngestKeys;
import java.time.Duration;
import java.util.Map;

/**
 * How a consumer reads: parallelism, call size, polling and retries. Defaults and ranges come from
 * {@link IngestKeys} ({@code silt.ingest.consumer.*}).
 */
public record ConsumerOptions(
        int maxWorkers,
        int recordsPerCall,
        Duration idlePoll,
        Duration backoffBase,
        Duration backoffMax,
        int maxRetries) {
    public ConsumerOptions {
        if (maxWorkers < 1 || recordsPerCall < 1 || recordsPerCall > 10_000 || maxRetries < 0) {
            throw new IllegalArgumentException("consumer options out of range: workers " + maxWorkers
                    + ", records per call " + recordsPerCall + ", retries " + maxRetries);
        }
        if (idlePoll.isNegative() || backoffBase.isNegative() || backoffBase.isZero()) {
            throw new IllegalArgumentException("consumer durations must be positive");
        }
        if (backoffMax.compareTo(backoffBase) < 0) {
            throw new IllegalArgumentException("backoff maximum " + backoffMax + " is below its base " + backoffBase);
        }
    }

    public static ConsumerOptions defaults() {
        return fromConfig(Map.of());
    }

    public static ConsumerOptions fromConfig(Map<String, String> conf) {
        return new ConsumerOptions(
                (int) IngestKeys.CONSUMER_MAX_WORKERS.getLong(conf),
                (int) IngestKeys.CONSUMER_RECORDS_PER_CALL.getLong(conf),
                Duration.ofMillis(IngestKeys.CONSUMER_IDLE_POLL_MILLIS.getLong(conf)),
                Duration.ofMillis(IngestKeys.CONSUMER_BACKOFF_BASE_MILLIS.getLong(conf)),
                Duration.ofMillis(IngestKeys.CONSUMER_BACKOFF_MAX_MILLIS.getLong(conf)),
                (int) IngestKeys.CONSUMER_MAX_RETRIES.getLong(conf));
    }

    public ConsumerOptions withMaxWorkers(int workers) {
        return new ConsumerOptions(workers, recordsPerCall, idlePoll, backoffBase, backoffMax, maxRetries);
    }

    public ConsumerOptions withRecordsPerCall(int records) {
        return new ConsumerOptions(maxWorkers, records, idlePoll, backoffBase, backoffMax, maxRetries);
    }

    public ConsumerOptions withIdlePoll(Duration poll) {
        return new ConsumerOptions(maxWorkers, recordsPerCall, poll, backoffBase, backoffMax, maxRetries);
    }

    public ConsumerOptions withMaxRetries(int retries) {
        return new ConsumerOptions(maxWorkers, recordsPerCall, idlePoll, backoffBase, backoffMax, retries);
    }
}
