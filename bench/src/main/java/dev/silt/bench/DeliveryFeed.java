package dev.silt.bench;

import dev.silt.ingest.delivery.DeliveryConfig;
import dev.silt.ingest.delivery.DeliverySource;
import dev.silt.ingest.delivery.DirectPutSource;
import java.io.Closeable;
import java.io.IOException;
import java.time.Clock;
import java.util.List;

/**
 * Where the delivery benchmark puts records and what the delivery reads them from: a silt stream (durable, the
 * case the benchmark is about) or the in-process direct-put queue (the delivery alone, without a stream).
 */
interface DeliveryFeed extends Closeable {
    /** Puts {@code records} (at most 500), retrying what is refused for back pressure, until all are accepted. */
    void put(List<byte[]> records) throws IOException, InterruptedException;

    /** The source a delivery stream reads this feed through. */
    DeliverySource source() throws IOException;

    /**
     * Reads the {@code expected} records put so far with a plain reader that does nothing with them, and returns
     * the nanoseconds it took: the ceiling a delivery could reach. {@code -1} when the feed has no such reader.
     */
    long readAllNanos(long expected) throws IOException, InterruptedException;

    /** The direct-put queue: records wait in memory until the delivery polls them. */
    static DeliveryFeed direct(DeliveryConfig config) {
        DirectPutSource source = DirectPutSource.create(config, Clock.systemUTC());
        return new DeliveryFeed() {
            @Override
            public void put(List<byte[]> records) throws InterruptedException {
                List<byte[]> pending = records;
                while (true) {
                    DirectPutSource.PutBatchResult result = source.putRecordBatch(pending);
                    if (result.failedPutCount() == 0) {
                        return;
                    }
                    // Accepted in order until full: retry the refused tail after the delivery drained some.
                    int accepted = result.errorCodes().indexOf("ServiceUnavailableException");
                    pending = pending.subList(accepted, pending.size());
                    Thread.sleep(1);
                }
            }

            @Override
            public DeliverySource source() {
                return source;
            }

            @Override
            public long readAllNanos(long expected) {
                return -1;
            }

            @Override
            public void close() {}
        };
    }
}
