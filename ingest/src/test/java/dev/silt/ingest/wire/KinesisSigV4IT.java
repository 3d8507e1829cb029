package dev.silt.ingest.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.silt.ingest.MutableClock;
import dev.silt.ingest.stream.StreamService;
import dev.silt.ingest.stream.StreamServiceOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.KinesisException;

/**
 * Signature verification switched on: the real SDK's signed requests pass, a wrong secret, an unknown key, a
 * stale signature and an unsigned request are refused with the service's error names, and nothing they sent was
 * stored. The SDK signs with the real time, so the server's verifier gets its own clock, moved only to test skew.
 */
class KinesisSigV4IT {
    private static Path dataDir;
    private static StreamService service;
    private static KinesisServer server;
    private static MutableClock verifierClock;

    @BeforeAll
    static void start() throws IOException {
        dataDir = Files.createTempDirectory("silt-kinesis-sigv4");
        service = StreamService.open(dataDir, StreamServiceOptions.defaults().withoutDelays(), Clock.systemUTC(), null);
        verifierClock = new MutableClock(System.currentTimeMillis());
        server = KinesisServer.over(
                        service,
                        Map.of(
                                "silt.ingest.wire.port", "0",
                                "silt.ingest.wire.sigv4.verify", "true",
                                "silt.ingest.wire.credentials", "AKIDSILT:right/secret+1,AKIDOTHER:other"),
                        verifierClock)
                .start();
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
        service.close();
        KinesisSdkSuite.deleteTree(dataDir);
    }

    private static KinesisException refused(String errorCode, KinesisClient client) {
        KinesisException e = assertThrows(
                KinesisException.class,
                () -> client.putRecord(b -> b.streamName("signed")
                        .partitionKey("k")
                        .data(SdkBytes.fromString("intruder", StandardCharsets.UTF_8))));
        assertEquals(errorCode, e.awsErrorDetails().errorCode(), e.getMessage());
        assertEquals(400, e.statusCode());
        return e;
    }

    @Test
    void signedRequestsPassAndEveryBadSignatureIsRefused() throws Exception {
        for (boolean cbor : new boolean[] {true, false}) {
            System.setProperty("aws.cborEnabled", Boolean.toString(cbor));
            KinesisClient good;
            KinesisClient wrongSecret;
            KinesisClient unknownKey;
            try {
                good = SdkClients.client(server.endpoint(), "AKIDSILT", "right/secret+1", null);
                wrongSecret = SdkClients.client(server.endpoint(), "AKIDSILT", "guess", null);
                unknownKey = SdkClients.client(server.endpoint(), "AKIDNOBODY", "right/secret+1", null);
            } finally {
                System.clearProperty("aws.cborEnabled");
            }
            try (good;
                    wrongSecret;
                    unknownKey) {
                if (cbor) {
                    good.createStream(b -> b.streamName("signed").shardCount(1));
                    service.runMaintenance();
                }
                good.putRecord(b -> b.streamName("signed")
                        .partitionKey("k")
                        .data(SdkBytes.fromString("ok-" + cbor, StandardCharsets.UTF_8)));

                KinesisException mismatch = refused("InvalidSignatureException", wrongSecret);
                assertTrue(mismatch.awsErrorDetails().errorMessage().startsWith("The request signature we calculated"));
                refused("UnrecognizedClientException", unknownKey);

                verifierClock.advance(6 * 60_000);
                try {
                    KinesisException stale = refused("InvalidSignatureException", good);
                    assertTrue(stale.awsErrorDetails().errorMessage().startsWith("Signature expired"));
                } finally {
                    verifierClock.advance(-6 * 60_000);
                }
            }
        }

        HttpResponse<String> unsigned = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(server.endpoint() + "/"))
                                .header("Content-Type", "application/x-amz-json-1.1")
                                .header("X-Amz-Target", "Kinesis_20131202.PutRecord")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"StreamName\":\"signed\",\"PartitionKey\":\"k\",\"Data\":\"aGk=\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(400, unsigned.statusCode());
        assertTrue(unsigned.body().contains("\"__type\":\"MissingAuthenticationTokenException\""), unsigned.body());

        // Only the two signed puts were stored.
        try (KinesisClient reader = SdkClients.client(server.endpoint(), "AKIDOTHER", "other", null)) {
            String it = reader.getShardIterator(b -> b.streamName("signed")
                            .shardId("shardId-000000000000")
                            .shardIteratorType("TRIM_HORIZON"))
                    .shardIterator();
            var records = reader.getRecords(b -> b.shardIterator(it)).records();
            assertEquals(2, records.size());
            assertEquals("ok-true", records.get(0).data().asUtf8String());
            assertEquals("ok-false", records.get(1).data().asUtf8String());
        }
    }
}
