package dev.silt.ingest.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;

/**
 * Adds the source's arrival time to a JSON object record as an ISO-8601 UTC string field (by default {@code
 * arrival_time}). The time comes from the source record, not from a clock, so a record read again after a
 * restart gets the same value. Stateless and thread-safe.
 */
public final class AddArrivalTime implements RecordTransform {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final String field;

    public AddArrivalTime(String field) {
        if (field.isEmpty()) {
            throw new IllegalArgumentException("the arrival time field name must not be empty");
        }
        this.field = field;
    }

    public AddArrivalTime() {
        this("arrival_time");
    }

    @Override
    public TransformResult apply(SourceRecord record) {
        JsonNode node;
        try {
            node = MAPPER.readTree(record.data());
        } catch (IOException e) {
            return TransformResult.failed("not JSON: " + firstLine(e));
        }
        if (node == null || !node.isObject()) {
            return TransformResult.failed("not a JSON object");
        }
        ((ObjectNode) node)
                .put(field, Instant.ofEpochMilli(record.arrivalMillis()).toString());
        try {
            return TransformResult.ok(MAPPER.writeValueAsBytes(node));
        } catch (IOException e) {
            return TransformResult.failed("cannot write JSON: " + e.getMessage());
        }
    }

    private static String firstLine(IOException e) {
        String message = String.valueOf(e.getMessage());
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
