package dev.silt.ingest.wire.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WireProtocolTest {
    private static final byte[] CLICK = "{\"event\":\"click\",\"user\":42}".getBytes(StandardCharsets.UTF_8);

    @Test
    void contentTypesPickTheProtocol() {
        assertEquals(WireProtocol.CBOR, WireProtocol.forContentType("application/x-amz-cbor-1.1"));
        assertEquals(WireProtocol.JSON, WireProtocol.forContentType("application/x-amz-json-1.1"));
        assertEquals(WireProtocol.JSON, WireProtocol.forContentType("Application/X-Amz-Json-1.1; charset=UTF-8"));
        assertNull(WireProtocol.forContentType("text/plain"));
        assertNull(WireProtocol.forContentType(null));
    }

    @Test
    void sdkCborPutRecordDecodes() throws Exception {
        Captures.Message m = Captures.http("PutRecord.req.cbor.http");
        assertEquals("application/x-amz-cbor-1.1", m.headers().get("content-type"));
        assertEquals("Kinesis_20131202.PutRecord", m.headers().get("x-amz-target"));
        Members req = new Members(WireProtocol.CBOR.parse(m.body()), WireProtocol.CBOR);
        assertEquals("probe-cbor", req.requiredString("StreamName"));
        assertEquals("user-42", req.requiredString("PartitionKey"));
        assertArrayEquals(CLICK, req.requiredBlob("Data"));
        assertNull(req.optionalString("ExplicitHashKey"));
    }

    @Test
    void sdkJsonPutRecordDecodes() throws Exception {
        for (String capture : new String[] {"PutRecord.json.req.http", "PutRecord.awscli-v2.req.http"}) {
            Captures.Message m = Captures.http(capture);
            Members req = new Members(WireProtocol.JSON.parse(m.body()), WireProtocol.JSON);
            assertTrue(req.requiredString("StreamName").length() > 0, capture);
            assertTrue(req.requiredString("PartitionKey").startsWith("user-"), capture);
            assertTrue(req.requiredBlob("Data").length > 0, capture);
        }
        Members cli = new Members(
                WireProtocol.JSON.parse(
                        Captures.http("PutRecord.awscli-v2.req.http").body()),
                WireProtocol.JSON);
        assertArrayEquals("hello raw".getBytes(StandardCharsets.UTF_8), cli.requiredBlob("Data"));
    }

    @Test
    void getRecordsRequestsDecodeInBothProtocols() throws Exception {
        Members cbor = new Members(
                WireProtocol.CBOR.parse(
                        Captures.http("GetRecords.req.cbor.http").body()),
                WireProtocol.CBOR);
        assertTrue(cbor.requiredString("ShardIterator").startsWith("AAAAAAAAAAF4vKFb"));
        assertEquals(10, cbor.optionalInt("Limit"));
        Members json = new Members(
                WireProtocol.JSON.parse(
                        Captures.http("GetRecords.json.req.http").body()),
                WireProtocol.JSON);
        assertEquals(10, json.optionalInt("Limit"));
    }

    @Test
    void putRecordsJsonDecodesEveryEntry() throws Exception {
        Members req = new Members(
                WireProtocol.JSON.parse(
                        Captures.http("PutRecords.json.req.http").body()),
                WireProtocol.JSON);
        assertEquals("wirebatch", req.requiredString("StreamName"));
        var records = req.structureList("Records");
        assertEquals(3, records.size());
        for (int i = 0; i < 3; i++) {
            assertEquals("pk-" + i, records.get(i).requiredString("PartitionKey"));
            byte[] data = records.get(i).requiredBlob("Data");
            assertEquals(i, data[7]);
            assertEquals('x', data[8]);
        }
    }

    @Test
    void jsonResponseMatchesTheCapturedShape() throws Exception {
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        record.put("PartitionKey", "user-42");
        record.put("Data", CLICK);
        record.putPOJO("ApproximateArrivalTimestamp", new WireTimestamp(1795383477809L));
        record.put("SequenceNumber", "49680471538262483068583357904153388602916078630735970306");
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        response.put("MillisBehindLatest", 0);
        response.putArray("Records").add(record);
        String json = new String(WireProtocol.JSON.write(response), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"Data\":\"eyJldmVudCI6ImNsaWNrIiwidXNlciI6NDJ9\""), json);
        assertTrue(json.contains("\"ApproximateArrivalTimestamp\":1795383477.809"), json);

        // The captured response reads back through the same tree model.
        JsonNode captured = new ObjectMapper()
                .readTree(Captures.http("GetRecords.json.resp.http").body());
        JsonNode first = captured.get("Records").get(0);
        assertEquals("eyJldmVudCI6ImNsaWNrIiwidXNlciI6NDJ9", first.get("Data").textValue());
        assertEquals(1795383477.809, first.get("ApproximateArrivalTimestamp").doubleValue());
    }

    @Test
    void cborResponseUsesByteStringsAndTaggedMillis() throws Exception {
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        response.put("Data", CLICK);
        response.putPOJO("ApproximateArrivalTimestamp", new WireTimestamp(1795383431276L));
        byte[] body = WireProtocol.CBOR.write(response);
        try (CBORParser p = new CBORFactory().createParser(body)) {
            assertEquals(JsonToken.START_OBJECT, p.nextToken());
            assertEquals("Data", p.nextFieldName());
            assertEquals(JsonToken.VALUE_EMBEDDED_OBJECT, p.nextToken());
            assertArrayEquals(CLICK, p.getBinaryValue());
            assertEquals("ApproximateArrivalTimestamp", p.nextFieldName());
            assertEquals(JsonToken.VALUE_NUMBER_INT, p.nextToken());
            assertEquals(1, p.getCurrentTag());
            assertEquals(1795383431276L, p.getLongValue());
        }
    }

    @Test
    void capturedCborResponseEnvelopeDecodes() throws Exception {
        Members resp = new Members(
                WireProtocol.CBOR.parse(
                        Captures.http("PutRecord.resp.cbor.http").body()),
                WireProtocol.CBOR);
        assertEquals("shardId-000000000000", resp.requiredString("ShardId"));
        assertEquals(56, resp.requiredString("SequenceNumber").length());
    }

    @Test
    void timestampsAreSecondsInJsonAndMillisInCbor() throws Exception {
        Members json = new Members(
                WireProtocol.JSON.parse("{\"Timestamp\":1795383477.809}".getBytes(StandardCharsets.UTF_8)),
                WireProtocol.JSON);
        assertEquals(Instant.ofEpochMilli(1795383477809L), json.optionalTimestamp("Timestamp"));
        ObjectNode tree = JsonNodeFactory.instance.objectNode();
        tree.putPOJO("Timestamp", new WireTimestamp(1795383477809L));
        Members cbor = new Members(WireProtocol.CBOR.parse(WireProtocol.CBOR.write(tree)), WireProtocol.CBOR);
        assertEquals(Instant.ofEpochMilli(1795383477809L), cbor.optionalTimestamp("Timestamp"));
    }

    @Test
    void cborTimestampsInRfcSecondsAreReadToo() throws Exception {
        ObjectMapper cbor = new ObjectMapper(new CBORFactory());
        Instant expected = Instant.ofEpochMilli(1795383477500L);
        Members fraction = new Members(
                WireProtocol.CBOR.parse(cbor.writeValueAsBytes(java.util.Map.of("Timestamp", 1795383477.5))),
                WireProtocol.CBOR);
        assertEquals(expected, fraction.optionalTimestamp("Timestamp"));
        Members whole = new Members(
                WireProtocol.CBOR.parse(cbor.writeValueAsBytes(java.util.Map.of("Timestamp", 1795383477L))),
                WireProtocol.CBOR);
        assertEquals(Instant.ofEpochSecond(1795383477L), whole.optionalTimestamp("Timestamp"));
        Members huge = new Members(
                WireProtocol.JSON.parse("{\"Timestamp\":1e300}".getBytes(StandardCharsets.UTF_8)), WireProtocol.JSON);
        assertEquals(
                "SerializationException",
                assertThrows(WireException.class, () -> huge.optionalTimestamp("Timestamp"))
                        .errorType());
    }

    @Test
    void malformedBodiesAreSerializationErrors() {
        String[] bad = {"{\"StreamName\":", "[1,2]", "{\"a\":1}{", "not json", "\"text\""};
        for (String body : bad) {
            WireException e = assertThrows(
                    WireException.class, () -> WireProtocol.JSON.parse(body.getBytes(StandardCharsets.UTF_8)), body);
            assertEquals("SerializationException", e.errorType(), body);
            assertEquals(400, e.httpStatus());
        }
        byte[] cbor = Captures.http("PutRecord.req.cbor.http").body();
        byte[] truncated = java.util.Arrays.copyOf(cbor, cbor.length - 10);
        assertEquals(
                "SerializationException",
                assertThrows(WireException.class, () -> WireProtocol.CBOR.parse(truncated))
                        .errorType());
        assertEquals(
                "SerializationException",
                assertThrows(WireException.class, () -> WireProtocol.CBOR.parse(new byte[] {(byte) 0xff, 0x13}))
                        .errorType());
        assertEquals(0, assertDoesNotThrowParse(new byte[0]).size());
    }

    private static ObjectNode assertDoesNotThrowParse(byte[] body) {
        try {
            return WireProtocol.JSON.parse(body);
        } catch (WireException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void membersReportMissingAndMistypedValuesAsTheServiceDoes() throws Exception {
        Members m = new Members(
                WireProtocol.JSON.parse(
                        "{\"ShardCount\":\"two\",\"Data\":\"!!notbase64\",\"Records\":[{\"Data\":\"AA==\"}]}"
                                .getBytes(StandardCharsets.UTF_8)),
                WireProtocol.JSON);
        WireException missing = assertThrows(WireException.class, () -> m.requiredString("StreamName"));
        assertEquals("ValidationException", missing.errorType());
        assertEquals(
                "1 validation error detected: Value null at 'streamName' failed to satisfy constraint: Member must"
                        + " not be null",
                missing.getMessage());
        WireException nested = assertThrows(
                WireException.class, () -> m.structureList("Records").get(0).requiredString("PartitionKey"));
        assertTrue(nested.getMessage().contains("'records.1.partitionKey'"), nested.getMessage());
        WireException mistyped = assertThrows(WireException.class, () -> m.optionalInt("ShardCount"));
        assertEquals("SerializationException", mistyped.errorType());
        assertTrue(mistyped.getMessage().contains("ShardCount"), mistyped.getMessage());
        WireException base64 = assertThrows(WireException.class, () -> m.requiredBlob("Data"));
        assertEquals("SerializationException", base64.errorType());
        assertTrue(base64.getMessage().contains("base64"), base64.getMessage());
    }

    @Test
    void errorEnvelopeCarriesTypeAndMessageInBothProtocols() throws Exception {
        WireException e = new WireException("ResourceNotFoundException", "Stream s under account 0 not found.");
        for (WireProtocol p : WireProtocol.values()) {
            var response = Responses.error(p, e, "rid");
            try {
                assertEquals(400, response.status().code());
                assertEquals(p.contentType(), response.headers().get("Content-Type"));
                byte[] body = io.netty.buffer.ByteBufUtil.getBytes(response.content());
                ObjectMapper mapper = p == WireProtocol.JSON ? new ObjectMapper() : new ObjectMapper(new CBORFactory());
                JsonNode tree = mapper.readTree(body);
                assertEquals("ResourceNotFoundException", tree.get("__type").textValue());
                assertEquals(
                        "Stream s under account 0 not found.",
                        tree.get("message").textValue());
            } finally {
                response.release();
            }
        }
        // Unknown protocol (wrong Content-Type): answered in JSON.
        var fallback = Responses.error(null, e, "rid");
        assertEquals("application/x-amz-json-1.1", fallback.headers().get("Content-Type"));
        fallback.release();
    }
}
