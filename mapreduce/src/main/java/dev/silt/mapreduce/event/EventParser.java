package dev.silt.mapreduce.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Parses and validates one landed JSON line into a reused {@link ClickEvent}. Not thread-safe: one parser per task.
 *
 * <p>Validation is strict about what jobs rely on: every required field present and non-null, numbers where numbers
 * are expected, an ISO-8601 {@code ts}, valid UTF-8, exactly one JSON object per line. Domain rules (country codes,
 * status ranges) belong to the schema a job writes, e.g. {@code etl}'s, not to parsing. Unknown fields are ignored so
 * producers can add fields without breaking jobs.
 */
public final class EventParser {
    private final JsonFactory factory = JsonFactory.builder().build();
    private final ClickEvent event = new ClickEvent();

    /**
     * Parses {@code len} bytes at {@code off}. The returned event is overwritten by the next call.
     *
     * @throws MalformedRecordException with the reason when the line cannot be used
     */
    public ClickEvent parse(byte[] bytes, int off, int len) throws MalformedRecordException {
        if (!Utf8.isValid(bytes, off, len)) {
            throw new MalformedRecordException(Reason.INVALID_UTF8, "record is not valid UTF-8");
        }
        event.clear();
        try (JsonParser p = factory.createParser(bytes, off, len)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedRecordException(Reason.MALFORMED_JSON, "record is not a JSON object");
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                readField(p, name, v);
            }
            if (t != JsonToken.END_OBJECT) {
                throw new MalformedRecordException(Reason.MALFORMED_JSON, "unexpected " + t + " in object");
            }
            if (p.nextToken() != null) {
                throw new MalformedRecordException(Reason.MALFORMED_JSON, "trailing content after the JSON object");
            }
        } catch (JsonParseException e) {
            throw new MalformedRecordException(Reason.MALFORMED_JSON, "broken JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedRecordException(Reason.MALFORMED_JSON, "broken JSON: " + e.getMessage());
        }
        checkRequired();
        return event;
    }

    private void readField(JsonParser p, String name, JsonToken v) throws IOException, MalformedRecordException {
        switch (name) {
            case "ts":
                String ts = text(p, name, v);
                if (ts != null) {
                    try {
                        event.tsMillis = Timestamps.parseMillis(ts);
                    } catch (IllegalArgumentException e) {
                        throw new MalformedRecordException(Reason.BAD_VALUE, "field 'ts': " + e.getMessage());
                    }
                }
                break;
            case "user":
                event.user = text(p, name, v);
                break;
            case "session":
                event.session = text(p, name, v);
                break;
            case "method":
                event.method = text(p, name, v);
                break;
            case "url":
                event.url = text(p, name, v);
                break;
            case "referrer":
                event.referrer = text(p, name, v);
                break;
            case "country":
                event.country = text(p, name, v);
                break;
            case "ua":
                event.ua = text(p, name, v);
                break;
            case "status":
                event.status = number(p, name, v, 0, 999);
                break;
            case "bytes":
                event.bytes = number(p, name, v, 0, Long.MAX_VALUE);
                break;
            case "latency_ms":
                event.latencyMs = number(p, name, v, 0, Long.MAX_VALUE);
                break;
            default:
                p.skipChildren();
        }
    }

    private static String text(JsonParser p, String name, JsonToken v) throws IOException, MalformedRecordException {
        if (v == JsonToken.VALUE_NULL) {
            return null;
        }
        if (v != JsonToken.VALUE_STRING) {
            p.skipChildren();
            throw new MalformedRecordException(
                    Reason.BAD_VALUE, "field '" + name + "' must be a string, not " + kind(v));
        }
        return p.getText();
    }

    private static long number(JsonParser p, String name, JsonToken v, long min, long max)
            throws IOException, MalformedRecordException {
        if (v == JsonToken.VALUE_NULL) {
            return Long.MIN_VALUE;
        }
        if (v != JsonToken.VALUE_NUMBER_INT) {
            p.skipChildren();
            throw new MalformedRecordException(
                    Reason.BAD_VALUE, "field '" + name + "' must be an integer, not " + kind(v));
        }
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw new MalformedRecordException(Reason.BAD_VALUE, "field '" + name + "' is out of range");
        }
        long value = p.getLongValue();
        if (value < min || value > max) {
            throw new MalformedRecordException(
                    Reason.BAD_VALUE, "field '" + name + "' is " + value + ", outside [" + min + ", " + max + "]");
        }
        return value;
    }

    private static String kind(JsonToken v) {
        switch (v) {
            case VALUE_STRING:
                return "a string";
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return "a number";
            case VALUE_TRUE:
            case VALUE_FALSE:
                return "a boolean";
            case START_OBJECT:
                return "an object";
            case START_ARRAY:
                return "an array";
            default:
                return String.valueOf(v);
        }
    }

    private void checkRequired() throws MalformedRecordException {
        if (event.tsMillis == Long.MIN_VALUE) {
            throw missing("ts");
        }
        if (event.user == null) {
            throw missing("user");
        }
        if (event.url == null) {
            throw missing("url");
        }
        if (event.status == Long.MIN_VALUE) {
            throw missing("status");
        }
        if (event.bytes == Long.MIN_VALUE) {
            throw missing("bytes");
        }
        if (event.latencyMs == Long.MIN_VALUE) {
            throw missing("latency_ms");
        }
        if (event.country == null) {
            throw missing("country");
        }
    }

    private static MalformedRecordException missing(String field) {
        return new MalformedRecordException(Reason.MISSING_FIELD, "required field '" + field + "' is missing or null");
    }
}
