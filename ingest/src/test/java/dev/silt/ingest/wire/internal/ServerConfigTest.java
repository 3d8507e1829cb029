package dev.silt.ingest.wire.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerConfigTest {
    private static final Clock CLOCK = Clock.systemUTC();

    @Test
    void defaultsListenOnLoopbackWithoutVerification() {
        WireServerOptions o = ServerConfig.options(Map.of(), CLOCK);
        assertEquals("127.0.0.1", o.bindAddress().getHostAddress());
        assertEquals(4567, o.port());
        assertEquals(16, o.workerThreads());
        assertNull(o.verifier());
        assertEquals(ServerConfig.maxRequestBytes(1024 * 1024), o.maxRequestBytes());
    }

    @Test
    void requestLimitFollowsTheRecordLimit() {
        // 5 MiB of PutRecords payload, a third more as base64, plus 1 MiB of envelope.
        assertEquals(6_990_508 + 1_048_576, ServerConfig.maxRequestBytes(1024 * 1024));
        assertEquals(13_981_016 + 1_048_576, ServerConfig.maxRequestBytes(10L * 1024 * 1024));
        assertEquals(
                ServerConfig.maxRequestBytes(10L * 1024 * 1024),
                ServerConfig.options(Map.of("silt.ingest.record.max.bytes", "10485760"), CLOCK)
                        .maxRequestBytes());
    }

    @Test
    void aWideListenAddressRequiresVerification() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> ServerConfig.options(Map.of("silt.ingest.wire.bind.address", "0.0.0.0"), CLOCK));
        assertTrue(
                e.getMessage().startsWith("refusing to listen on 0.0.0.0 without signature verification"),
                e.getMessage());
        assertTrue(e.getMessage().contains("silt.ingest.wire.sigv4.verify"), e.getMessage());
        WireServerOptions wide = ServerConfig.options(
                Map.of(
                        "silt.ingest.wire.bind.address", "0.0.0.0",
                        "silt.ingest.wire.sigv4.verify", "true",
                        "silt.ingest.wire.credentials", "AKID:secret"),
                CLOCK);
        assertNotNull(wide.verifier());
    }

    @Test
    void badValuesNameTheirKey() {
        IllegalArgumentException noCredentials = assertThrows(
                IllegalArgumentException.class,
                () -> ServerConfig.options(Map.of("silt.ingest.wire.sigv4.verify", "true"), CLOCK));
        assertTrue(noCredentials.getMessage().contains("silt.ingest.wire.credentials"), noCredentials.getMessage());
        IllegalArgumentException flag = assertThrows(
                IllegalArgumentException.class,
                () -> ServerConfig.options(Map.of("silt.ingest.wire.sigv4.verify", "yes"), CLOCK));
        assertEquals("silt.ingest.wire.sigv4.verify must be true or false, got 'yes'", flag.getMessage());
        IllegalArgumentException port = assertThrows(
                IllegalArgumentException.class,
                () -> ServerConfig.options(Map.of("silt.ingest.wire.port", "70000"), CLOCK));
        assertTrue(
                port.getMessage().startsWith("silt.ingest.wire.port must be between 0 and 65535"), port.getMessage());
    }
}
