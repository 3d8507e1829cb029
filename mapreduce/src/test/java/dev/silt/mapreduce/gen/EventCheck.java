package dev.silt.mapreduce.gen;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks one line against the event contract with a streaming JSON parser; independent of the generator. */
final class EventCheck {
    private static final JsonFactory JSON = new JsonFactory();
    private static final Pattern TS = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
    private static final Pattern USER = Pattern.compile("u\\d{7}");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Set<String> REQUIRED = Set.of("ts", "user", "url", "status", "bytes", "latency_ms", "country");

    private EventCheck() {}

    /** The fields of a valid event, or empty with the reason recorded in {@code reason[0]}. */
    static Optional<Map<String, Object>> parse(String line, String[] reason) {
        Map<String, Object> fields = new HashMap<>();
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                reason[0] = "not an object";
                return Optional.empty();
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                switch (v) {
                    case VALUE_STRING -> fields.put(name, p.getText());
                    case VALUE_NUMBER_INT -> fields.put(name, p.getLongValue());
                    case VALUE_NULL -> fields.put(name, null);
                    default -> {
                        reason[0] = "unexpected value for " + name;
                        return Optional.empty();
                    }
                }
            }
            if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
                reason[0] = "trailing content";
                return Optional.empty();
            }
        } catch (IOException e) {
            reason[0] = "parse: " + e.getMessage();
            return Optional.empty();
        }
        for (String r : REQUIRED) {
            if (!fields.containsKey(r) || fields.get(r) == null) {
                reason[0] = "missing " + r;
                return Optional.empty();
            }
        }
        if (!(fields.get("ts") instanceof String ts && TS.matcher(ts).matches())
                || !(fields.get("user") instanceof String u && USER.matcher(u).matches())
                || !(fields.get("url") instanceof String url && url.startsWith("/"))
                || !(fields.get("status") instanceof Long)
                || !(fields.get("bytes") instanceof Long b && b >= 0)
                || !(fields.get("latency_ms") instanceof Long l && l >= 0)
                || !(fields.get("country") instanceof String c
                        && COUNTRY.matcher(c).matches())) {
            reason[0] = "wrong type or value";
            return Optional.empty();
        }
        return Optional.of(fields);
    }
}
