package dev.silt.ingest.delivery.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.silt.ingest.delivery.SourceRecord;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * One line of the error output: the kind of failure, the reason, where the record came from, and the raw record
 * — as text in {@code rawData} when it is valid UTF-8, else base64 in {@code rawDataBase64}.
 */
public final class ErrorRecords {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ErrorRecords() {}

    public static byte[] line(String errorType, String reason, SourceRecord record) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("errorOutputType", errorType);
        node.put("errorMessage", reason);
        node.put("sourcePartition", record.partition());
        node.put("sequenceNumber", record.sequence());
        node.put(
                "arrivalTimestamp", Instant.ofEpochMilli(record.arrivalMillis()).toString());
        String text = utf8(record.data());
        if (text != null) {
            node.put("rawData", text);
        } else {
            node.put("rawDataBase64", Base64.getEncoder().encodeToString(record.data()));
        }
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String utf8(byte[] data) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
