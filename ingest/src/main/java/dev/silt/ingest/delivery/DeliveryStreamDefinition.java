package dev.silt.ingest.delivery;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a managed delivery stream is: its name, where it lands ({@code file://}, {@code hdfs://}, {@code s3a://}
 * URI), what it reads, its own settings (keys of {@code silt.ingest.delivery.*} that override the server's), and
 * whether it should be running. {@link DeliveryStreams} persists it and restores it on restart. Immutable.
 *
 * @param name the delivery stream's name
 * @param destination the destination URI
 * @param source what it reads
 * @param settings its own configuration keys (sorted, unmodifiable)
 * @param running whether it runs; a running stream is started again when the server restarts
 * @param generation how many times it has been started; record ids of one start never repeat another's
 * @param createdMillis when it was created, epoch milliseconds
 * @param updatedMillis when its definition last changed, epoch milliseconds
 */
public record DeliveryStreamDefinition(
        String name,
        String destination,
        SourceSpec source,
        Map<String, String> settings,
        boolean running,
        long generation,
        long createdMillis,
        long updatedMillis) {
    public DeliveryStreamDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(source, "source");
        settings = java.util.Collections.unmodifiableMap(new TreeMap<>(settings));
    }

    DeliveryStreamDefinition withRunning(boolean value, long generationValue, long now) {
        return new DeliveryStreamDefinition(
                name, destination, source, settings, value, generationValue, createdMillis, now);
    }
}
