package dev.silt.ingest.wire.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import dev.silt.ingest.wire.RawHttp;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP layer against bad input, with a small in-test operation handler that stores records in memory: each
 * bad request gets the right error, the connection or at least the server keeps serving, and what was stored
 * before is still there, once.
 */
class WireServerIT {
    private static final String JSON = "application/x-amz-json-1.1";
    private static final String CBOR = "application/x-amz-cbor-1.1";
    private static final String PUT = "Kinesis_20131202.PutRecord";
    private static final String LIST = "Kinesis_20131202.ListAll";
    private static final int MAX_REQUEST_BYTES = 64 * 1024;

    /** The in-test service: PutRecord appends, ListAll returns everything, Fail breaks. */
    private static final class MemoryHandler implements OperationHandler {
        final List<byte[]> stored = new ArrayList<>();

        @Override
        public synchronized ObjectNode handle(String operation, Members request) throws WireException {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            switch (operation) {
                case "PutRecord" -> {
                    request.requiredString("StreamName");
                    request.requiredString("PartitionKey");
                    stored.add(request.requiredBlob("Data"));
                    out.put("SequenceNumber", Integer.toString(stored.size()));
                }
                case "ListAll" -> {
                    ArrayNode records = out.putArray("Records");
                    for (byte[] data : stored) {
                        records.addObject().put("Data", data).putPOJO("At", new WireTimestamp(1_000L));
                    }
                }
                case "Fail" -> throw new IllegalStateException("secret internal detail");
                default -> throw new WireException(
                        KinesisWire.UNKNOWN_OPERATION, "Operation " + operation + " is not supported");
            }
            return out;
        }
    }

    private static final MemoryHandler HANDLER = new MemoryHandler();
    private static WireServer server;
    private static InetSocketAddress address;
    private static final ObjectMapper JSON_MAPPER = new ObjectMapper();
    private static final ObjectMapper CBOR_MAPPER = new ObjectMapper(new CBORFactory());

    @BeforeAll
    static void start() throws IOException {
        server = new WireServer(
                new WireServerOptions(InetAddress.getLoopbackAddress(), 0, 1, 2, 16, MAX_REQUEST_BYTES, null), HANDLER);
        server.start();
        address = server.address();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void seed() throws IOException {
        synchronized (HANDLER) {
            HANDLER.stored.clear();
        }
        try (RawHttp http = new RawHttp(address)) {
            assertEquals(
                    200,
                    http.post(PUT, JSON, json("{\"StreamName\":\"s\",\"PartitionKey\":\"k\",\"Data\":\"b25l\"}"))
                            .status());
            ObjectNode cbor = CBOR_MAPPER.createObjectNode();
            cbor.put("StreamName", "s").put("PartitionKey", "k").put("Data", "two".getBytes(StandardCharsets.UTF_8));
            RawHttp.Response r = http.post(PUT, CBOR, CBOR_MAPPER.writeValueAsBytes(cbor));
            assertEquals(200, r.status());
            assertEquals(CBOR, r.headers().get("content-type"));
            assertEquals(
                    "2", CBOR_MAPPER.readTree(r.body()).get("SequenceNumber").textValue());
        }
    }

    private static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The stored records, read back over a fresh connection: exactly the two seeded ones, in order. */
    private static void assertStoredIntact() throws IOException {
        try (RawHttp http = new RawHttp(address)) {
            RawHttp.Response r = http.post(LIST, JSON, json("{}"));
            assertEquals(200, r.status(), r.text());
            JsonNode records = JSON_MAPPER.readTree(r.body()).get("Records");
            assertEquals(2, records.size(), r.text());
            assertEquals("b25l", records.get(0).get("Data").textValue());
            assertEquals("dHdv", records.get(1).get("Data").textValue());
            assertTrue(r.text().contains("\"At\":1.000"), r.text());
        }
    }

    private static void assertError(RawHttp.Response r, int status, String type, String contentType)
            throws IOException {
        assertEquals(status, r.status(), r.text());
        assertEquals(contentType, r.headers().get("content-type"));
        ObjectMapper mapper = contentType.equals(CBOR) ? CBOR_MAPPER : JSON_MAPPER;
        JsonNode body = mapper.readTree(r.body());
        assertEquals(type, body.get("__type").textValue(), body.toString());
        assertFalse(body.path("message").asText().isEmpty(), body.toString());
        assertTrue(r.headers().containsKey("x-amzn-requestid"));
    }

    @Test
    void badBodiesAreSerializationErrorsAndTheConnectionKeepsServing() throws IOException {
        try (RawHttp http = new RawHttp(address)) {
            assertError(http.post(PUT, JSON, json("{\"StreamName\": \"s\", ")), 400, "SerializationException", JSON);
            assertError(http.post(PUT, JSON, json("this is not json")), 400, "SerializationException", JSON);
            assertError(http.post(PUT, JSON, json("[\"StreamName\"]")), 400, "SerializationException", JSON);
            assertError(
                    http.post(PUT, CBOR, new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, 0x13}),
                    400,
                    "SerializationException",
                    CBOR);
            byte[] cbor = Captures.http("PutRecord.req.cbor.http").body();
            assertError(
                    http.post(PUT, CBOR, Arrays.copyOf(cbor, cbor.length / 2)), 400, "SerializationException", CBOR);
            RawHttp.Response base64 = http.post(
                    PUT, JSON, json("{\"StreamName\":\"s\",\"PartitionKey\":\"k\",\"Data\":\"not*base64!\"}"));
            assertError(base64, 400, "SerializationException", JSON);
            assertTrue(base64.text().contains("Data"), base64.text());
            RawHttp.Response missing = http.post(PUT, JSON, json("{\"StreamName\":\"s\",\"Data\":\"AA==\"}"));
            assertError(missing, 400, "ValidationException", JSON);
            assertTrue(missing.text().contains("'partitionKey'"), missing.text());
            assertError(
                    http.post(PUT, JSON, json("{\"StreamName\":7,\"PartitionKey\":\"k\",\"Data\":\"AA==\"}")),
                    400,
                    "SerializationException",
                    JSON);
            // The same connection still works.
            assertEquals(200, http.post(LIST, JSON, json("{}")).status());
        }
        assertStoredIntact();
    }

    @Test
    void targetAndContentTypeErrors() throws IOException {
        try (RawHttp http = new RawHttp(address)) {
            assertError(
                    http.post("Kinesis_20131202.Teleport", JSON, json("{}")), 400, "UnknownOperationException", JSON);
            assertError(
                    http.post("DynamoDB_20120810.PutItem", CBOR, new byte[0]), 400, "UnknownOperationException", CBOR);
            RawHttp.Response noTarget = http.post(null, JSON, json("{}"));
            assertError(noTarget, 400, "UnknownOperationException", JSON);
            assertTrue(noTarget.text().contains("X-Amz-Target"), noTarget.text());
            RawHttp.Response wrongType = http.post(PUT, "text/plain", json("{}"));
            assertError(wrongType, 400, "SerializationException", JSON);
            assertTrue(wrongType.text().contains("text/plain"), wrongType.text());
            assertError(http.post(PUT, null, json("{}")), 400, "SerializationException", JSON);
            assertEquals(200, http.post(LIST, CBOR, new byte[0]).status());
        }
        assertStoredIntact();
    }

    @Test
    void internalFailuresAre500sThatLeakNothing() throws IOException {
        try (RawHttp http = new RawHttp(address)) {
            for (String type : new String[] {JSON, CBOR}) {
                RawHttp.Response r = http.post("Kinesis_20131202.Fail", type, new byte[0]);
                assertError(r, 500, "InternalFailure", type);
                assertFalse(new String(r.body(), StandardCharsets.ISO_8859_1).contains("secret"));
            }
            assertEquals(200, http.post(LIST, JSON, json("{}")).status());
        }
        assertStoredIntact();
    }

    @Test
    void oversizeBodiesAre413AndTheConnectionGoesOn() throws IOException {
        byte[] big = new byte[MAX_REQUEST_BYTES * 3];
        Arrays.fill(big, (byte) 'a');
        try (RawHttp http = new RawHttp(address)) {
            RawHttp.Response r = http.post(PUT, JSON, big);
            assertError(r, 413, "ValidationException", JSON);
            assertTrue(r.text().contains(Integer.toString(MAX_REQUEST_BYTES)), r.text());
            // The rest of the body was read and dropped; the next request on this connection is served.
            assertEquals(200, http.post(LIST, JSON, json("{}")).status());
        }
        // Just under the limit is read in full (and rejected only for what it says).
        byte[] under = new byte[MAX_REQUEST_BYTES - 100];
        Arrays.fill(under, (byte) ' ');
        under[0] = '{';
        under[under.length - 1] = '}';
        try (RawHttp http = new RawHttp(address)) {
            assertError(http.post(PUT, JSON, under), 400, "ValidationException", JSON);
        }
        assertStoredIntact();
    }

    @Test
    void aBodyFarPastTheLimitIsRefusedBeforeItIsSentAndItsConnectionClosed() throws IOException {
        try (RawHttp http = new RawHttp(address)) {
            http.sendRaw(("POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: " + PUT + "\r\nContent-Type: " + CBOR
                            + "\r\nContent-Length: 1000000000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            RawHttp.Response r = http.read();
            assertError(r, 413, "ValidationException", CBOR);
            assertEquals("close", r.headers().get("connection"));
            assertTrue(http.closedByServer());
        }
        assertStoredIntact();
    }

    @Test
    void garbageInsteadOfHttpClosesThatConnectionOnly() throws IOException {
        try (RawHttp http = new RawHttp(address)) {
            byte[] garbage = new byte[300];
            new java.util.Random(7).nextBytes(garbage);
            http.sendRaw(garbage);
            http.sendRaw("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            RawHttp.Response r = http.read();
            assertEquals(400, r.status());
            assertTrue(http.closedByServer());
        }
        assertStoredIntact();
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws IOException {
        try (RawHttp http = new RawHttp(address)) {
            StringBuilder both = new StringBuilder();
            for (String data : new String[] {"dGhyZWU=", "Zm91cg=="}) {
                String body = "{\"StreamName\":\"s\",\"PartitionKey\":\"k\",\"Data\":\"" + data + "\"}";
                both.append("POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: ")
                        .append(PUT)
                        .append("\r\nContent-Type: ")
                        .append(JSON)
                        .append("\r\nContent-Length: ")
                        .append(body.length())
                        .append("\r\n\r\n")
                        .append(body);
            }
            http.sendRaw(both.toString().getBytes(StandardCharsets.US_ASCII));
            assertEquals(
                    "3",
                    JSON_MAPPER
                            .readTree(http.read().body())
                            .get("SequenceNumber")
                            .textValue());
            assertEquals(
                    "4",
                    JSON_MAPPER
                            .readTree(http.read().body())
                            .get("SequenceNumber")
                            .textValue());
        }
        synchronized (HANDLER) {
            assertArrayEquals("four".getBytes(StandardCharsets.UTF_8), HANDLER.stored.get(3));
        }
    }
}
