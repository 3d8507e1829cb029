package dev.silt.ingest.delivery;

/**
 * A managed delivery stream as {@link DeliveryStreams#describe} sees it at one moment: its definition, its state,
 * the metrics of its current (or, when stopped, its last) run in this process, and the last failure, if any.
 *
 * @param definition what the stream is
 * @param state whether it runs
 * @param metrics counters of the current or last run; {@code null} if it has not run in this process
 * @param failure the last failure (a start that failed, or a delivery error it is retrying), or {@code null}
 */
public record DeliveryStreamStatus(
        DeliveryStreamDefinition definition, State state, DeliveryMetrics metrics, String failure) {
    /** The lifecycle state of a managed delivery stream. */
    public enum State {
        /** Running: it reads its source and lands files. */
        ACTIVE,
        /** Stopped by request: it neither reads nor accepts puts. */
        STOPPED,
        /** It should run but could not be started; see the failure. */
        FAILED
    }
}
