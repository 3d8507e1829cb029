package dev.silt.ingest.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;

/**
 * Keeps only the named top-level fields of a JSON object record, in the order given; fields a record lacks are
 * left out. A record that is not a JSON object fails with the parse error as the reason. Stateless and
 * thread-safe.
 */
public final class JsonProjection implements RecordTransform {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final List<String> fields;

    public JsonProjection(List<String> fields) {
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("a JSON projection needs at least one field");
        }
        this.fields = List.copyOf(fields);
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
        ObjectNode out = MAPPER.createObjectNode();
        for (String field : fields) {
            JsonNode value = node.get(field);
            if (value != null) {
                out.set(field, value);
            }
        }
        try {
            return TransformResult.ok(MAPPER.writeValueAsBytes(out));
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
