package dev.silt.ingest.delivery;

import java.util.Locale;
import java.util.Objects;

/**
 * Where a managed delivery stream reads from, as written in its definition and on the command line:
 *
 * <ul>
 *   <li>{@code direct-put}: records put with {@code PutRecord}/{@code PutRecordBatch} ({@link DirectPutSource});
 *   <li>{@code stream:NAME}: the silt stream {@code NAME}, all of its shards;
 *   <li>{@code kafka:BOOTSTRAP/TOPIC}: a Kafka topic, {@code BOOTSTRAP} being {@code host:port[,host:port…]}.
 * </ul>
 *
 * Immutable; {@link #toString()} gives the canonical spelling, which {@link #parse} reads back.
 *
 * @param kind which kind of source
 * @param target the stream name, or the Kafka bootstrap servers; empty for direct put
 * @param topic the Kafka topic; empty for other kinds
 */
public record SourceSpec(Kind kind, String target, String topic) {
    /** The kinds of source a delivery stream can read. */
    public enum Kind {
        DIRECT_PUT,
        STREAM,
        KAFKA
    }

    public static final SourceSpec DIRECT_PUT = new SourceSpec(Kind.DIRECT_PUT, "", "");

    public SourceSpec {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(topic, "topic");
    }

    /**
     * Reads a spec.
     *
     * @throws IllegalArgumentException naming what is wrong with {@code spec}
     */
    public static SourceSpec parse(String spec) {
        String s = spec == null ? "" : spec.trim();
        if (s.equalsIgnoreCase("direct-put")) {
            return DIRECT_PUT;
        }
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.startsWith("stream:")) {
            String name = s.substring("stream:".length()).trim();
            if (name.isEmpty() || name.contains("/") || name.contains(":")) {
                throw new IllegalArgumentException(
                        "source '" + s + "' must name one stream: stream:NAME (NAME without '/' or ':')");
            }
            return new SourceSpec(Kind.STREAM, name, "");
        }
        if (lower.startsWith("kafka:")) {
            String rest = s.substring("kafka:".length()).trim();
            int slash = rest.lastIndexOf('/');
            String bootstrap = slash < 0 ? "" : rest.substring(0, slash).trim();
            String topic = slash < 0 ? "" : rest.substring(slash + 1).trim();
            if (bootstrap.isEmpty() || topic.isEmpty() || !bootstrap.contains(":")) {
                throw new IllegalArgumentException(
                        "source '" + s + "' must be kafka:HOST:PORT/TOPIC (several brokers: kafka:H1:P1,H2:P2/TOPIC)");
            }
            return new SourceSpec(Kind.KAFKA, bootstrap, topic);
        }
        throw new IllegalArgumentException(
                "unknown source '" + s + "': use direct-put, stream:NAME or kafka:HOST:PORT/TOPIC");
    }

    @Override
    public String toString() {
        return switch (kind) {
            case DIRECT_PUT -> "direct-put";
            case STREAM -> "stream:" + target;
            case KAFKA -> "kafka:" + target + "/" + topic;
        };
    }
}
