package dev.silt.mapreduce.jobs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.io.Text;

/**
 * Renders a joined event: the event's own JSON object with the dimension's fields added at the end. The event's
 * fields are copied token by token, numbers with their exact value and precision (only the notation of a
 * number with an exponent may change: {@code 2e3} becomes {@code 2E+3}); an event field that has
 * the name of an added field is replaced by the dimension's value (one name, one value). Not thread-safe.
 */
final class JoinedEvent {
    private final JsonFactory json = JsonFactory.builder().build();
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(512);
    private final List<String> fieldNames;
    private final Set<String> added;
    private final Text out = new Text();

    JoinedEvent(List<String> fieldNames) {
        this.fieldNames = List.copyOf(fieldNames);
        this.added = new HashSet<>(fieldNames);
    }

    /**
     * The event line with the added fields; {@code values == null} adds them as JSON nulls (a left join's unmatched
     * event). The returned text is reused by the next call.
     */
    Text render(Text event, List<String> values) throws IOException {
        buffer.reset();
        try (JsonParser p = json.createParser(event.getBytes(), 0, event.getLength());
                JsonGenerator g = json.createGenerator(buffer)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("a validated event is not a JSON object");
            }
            g.writeStartObject();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if (added.contains(name)) {
                    p.skipChildren();
                    continue;
                }
                g.writeFieldName(name);
                copyValue(p, g);
            }
            for (int i = 0; i < fieldNames.size(); i++) {
                if (values == null) {
                    g.writeNullField(fieldNames.get(i));
                } else {
                    g.writeStringField(fieldNames.get(i), values.get(i));
                }
            }
            g.writeEndObject();
        }
        out.set(buffer.toByteArray());
        return out;
    }

    /** Copies the value at the parser's current token, nested structures included, numbers exactly as written. */
    private static void copyValue(JsonParser p, JsonGenerator g) throws IOException {
        int depth = 0;
        while (true) {
            JsonToken t = p.currentToken();
            g.copyCurrentEventExact(p);
            if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                depth++;
            } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                depth--;
            }
            if (depth == 0) {
                return;
            }
            p.nextToken();
        }
    }
}
