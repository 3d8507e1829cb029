package dev.silt.ingest.delivery.internal;

import dev.silt.ingest.delivery.DeliveryMetrics;
import dev.silt.ingest.delivery.DeliveryMetrics.Snapshot;
import dev.silt.ingest.delivery.DeliveryProgress;
import java.util.function.Consumer;

/**
 * Emits a delivery stream's metrics line every metrics interval and, while the source has a backlog, its
 * progress line every progress interval, by the delivery's injected clock (an interval of 0 turns a line off).
 * Called by the delivery's thread after each poll; not thread-safe.
 */
public final class MetricsReporter {
    private final String stream;
    private final DeliveryMetrics metrics;
    private final long metricsIntervalMillis;
    private final long progressIntervalMillis;
    private final Consumer<String> out;
    private Snapshot lastMetrics;
    private Snapshot lastProgress;

    public MetricsReporter(
            String stream,
            DeliveryMetrics metrics,
            long metricsIntervalMillis,
            long progressIntervalMillis,
            Consumer<String> out,
            long nowMillis) {
        this.stream = stream;
        this.metrics = metrics;
        this.metricsIntervalMillis = metricsIntervalMillis;
        this.progressIntervalMillis = progressIntervalMillis;
        this.out = out;
        this.lastMetrics = metrics.snapshot(nowMillis);
        this.lastProgress = lastMetrics;
    }

    public void observe(long nowMillis) {
        Snapshot now = null;
        if (metricsIntervalMillis > 0 && nowMillis - lastMetrics.atMillis() >= metricsIntervalMillis) {
            now = metrics.snapshot(nowMillis);
            out.accept(DeliveryProgress.metricsLine(stream, lastMetrics, now));
            lastMetrics = now;
        }
        if (progressIntervalMillis > 0 && nowMillis - lastProgress.atMillis() >= progressIntervalMillis) {
            now = now != null ? now : metrics.snapshot(nowMillis);
            if (now.backlogRecords() > 0) {
                out.accept(DeliveryProgress.progressLine(stream, lastProgress, now));
            }
            // Also when caught up, so the next episode's rate starts from here rather than from long ago.
            lastProgress = now;
        }
    }
}
