package dev.silt.ingest.wire.internal;

import java.time.Instant;

/** A timestamp member of a response; {@link WireProtocol} writes it in the form the client's protocol expects. */
public record WireTimestamp(long epochMillis) {
    public static WireTimestamp of(Instant instant) {
        return new WireTimestamp(instant.toEpochMilli());
    }
}
