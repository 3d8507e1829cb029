package dev.silt.ingest.delivery.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a record into the directory it lands in, relative to the destination: the prefix with its {@code
 * !{...}} expressions substituted. A pure function of the record's bytes and its source arrival time, so a record
 * read again after a restart lands in the same place. Used by one thread: it remembers the last directory it
 * computed (records of a batch mostly share their second and so their directory).
 */
public final class Router {
    private static final Pattern EXPRESSION = Pattern.compile("!\\{([A-Za-z]+):([^}]*)\\}");
    private static final Pattern SAFE_VALUE = Pattern.compile("[A-Za-z0-9_.=+@-]{1,128}");
    private static final String DEFAULT_TIME = "yyyy/MM/dd/HH/";

    private sealed interface Part {}

    private record Literal(String text) implements Part {}

    private record Timestamp(DateTimeFormatter format) implements Part {}

    private record PartitionKey(String field) implements Part {}

    private record ErrorType() implements Part {}

    private final List<Part> data;
    private final List<Part> error;
    private final String timeField;
    private final long latenessMillis;
    private final boolean cacheBySecond;
    private final boolean needsJson;
    private long cachedSecond = Long.MIN_VALUE;
    private String cachedDir;

    public Router(String prefix, String errorPrefix, String timeField, long latenessMillis) {
        this.data = parse(prefix, false);
        this.error = parse(errorPrefix, true);
        this.timeField = timeField;
        this.latenessMillis = latenessMillis;
        this.needsJson = !timeField.isEmpty() || data.stream().anyMatch(p -> p instanceof PartitionKey);
        // Sub-second pattern letters (S, n, N, A) would make a second's records differ; partition keys always do.
        this.cacheBySecond =
                !prefix.contains("!{partitionKey:") && !prefix.matches("(?s).*!\\{timestamp:[^}]*[SnNA][^}]*}.*");
    }

    /** Whether routing a data record needs its JSON. */
    public boolean needsJson() {
        return needsJson;
    }

    private static List<Part> parse(String prefix, boolean errorPrefix) {
        List<Part> parts = new ArrayList<>();
        Matcher m = EXPRESSION.matcher(prefix);
        int at = 0;
        boolean timed = false;
        while (m.find()) {
            if (m.start() > at) {
                parts.add(new Literal(prefix.substring(at, m.start())));
            }
            String ns = m.group(1);
            String arg = m.group(2);
            if (ns.equals("timestamp")) {
                try {
                    parts.add(new Timestamp(
                            DateTimeFormatter.ofPattern(arg, Locale.ROOT).withZone(ZoneOffset.UTC)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("bad timestamp pattern in prefix '" + prefix + "': " + arg, e);
                }
                timed = true;
            } else if (ns.equals("partitionKey") && !errorPrefix) {
                if (arg.isEmpty()) {
                    throw new IllegalArgumentException(
                            "!{partitionKey:} needs a field name in prefix '" + prefix + "'");
                }
                parts.add(new PartitionKey(arg));
            } else if (ns.equals("firehose") && arg.equals("error-output-type") && errorPrefix) {
                parts.add(new ErrorType());
            } else {
                throw new IllegalArgumentException("unsupported expression " + m.group() + " in "
                        + (errorPrefix ? "error " : "") + "prefix '" + prefix + "'");
            }
            at = m.end();
        }
        if (at < prefix.length()) {
            String rest = prefix.substring(at);
            if (rest.contains("!{")) {
                throw new IllegalArgumentException("unterminated expression in prefix '" + prefix + "'");
            }
            parts.add(new Literal(rest));
        }
        if (prefix.startsWith("/") || prefix.contains("..")) {
            throw new IllegalArgumentException("prefix '" + prefix + "' must be relative and must not contain '..'");
        }
        if (!timed) {
            if (!parts.isEmpty() && !prefix.endsWith("/")) {
                parts.add(new Literal("/"));
            }
            parts.add(new Timestamp(
                    DateTimeFormatter.ofPattern(DEFAULT_TIME, Locale.ROOT).withZone(ZoneOffset.UTC)));
        }
        return List.copyOf(parts);
    }

    /** The time a data record is partitioned by: its event time if configured, else its arrival. */
    public long partitionTime(long arrivalMillis, JsonNode json) throws RouteException {
        if (timeField.isEmpty()) {
            return arrivalMillis;
        }
        JsonNode value = json == null ? null : json.get(timeField);
        if (value == null || value.isNull()) {
            throw new RouteException(ErrorTypes.MALFORMED, "event time field '" + timeField + "' is missing");
        }
        if (value.isIntegralNumber()) {
            return value.asLong();
        }
        if (value.isTextual()) {
            try {
                return Instant.parse(value.asText()).toEpochMilli();
            } catch (DateTimeParseException e) {
                throw new RouteException(
                        ErrorTypes.MALFORMED,
                        "event time field '" + timeField + "' is not ISO-8601 or epoch millis: " + value.asText());
            }
        }
        throw new RouteException(
                ErrorTypes.MALFORMED, "event time field '" + timeField + "' is not a timestamp: " + value);
    }

    /** Whether an event time is older than the lateness window allows (the record still lands in its hour). */
    public boolean isLate(long partitionTime, long arrivalMillis) {
        return !timeField.isEmpty() && partitionTime < arrivalMillis - latenessMillis;
    }

    /** The directory a data record lands in, ending with '/'. */
    public String dataDir(long partitionTime, JsonNode json) throws RouteException {
        long second = Math.floorDiv(partitionTime, 1000L);
        if (cacheBySecond && second == cachedSecond) {
            return cachedDir;
        }
        StringBuilder out = new StringBuilder();
        for (Part part : data) {
            if (part instanceof Literal l) {
                out.append(l.text());
            } else if (part instanceof Timestamp t) {
                out.append(t.format().format(Instant.ofEpochMilli(partitionTime)));
            } else if (part instanceof PartitionKey k) {
                JsonNode value = json == null ? null : json.get(k.field());
                if (value == null || value.isNull() || value.isContainerNode()) {
                    throw new RouteException(
                            ErrorTypes.MALFORMED, "partition key field '" + k.field() + "' is missing or not a value");
                }
                String text = value.asText();
                if (!SAFE_VALUE.matcher(text).matches() || text.equals(".") || text.equals("..")) {
                    throw new RouteException(
                            ErrorTypes.MALFORMED,
                            "partition key field '" + k.field() + "' has a value unfit for a path: " + text);
                }
                out.append(text);
            }
        }
        String dir = endWithSlash(out);
        if (cacheBySecond) {
            cachedSecond = second;
            cachedDir = dir;
        }
        return dir;
    }

    /** The directory an error record of {@code errorType} lands in, ending with '/'. */
    public String errorDir(String errorType, long arrivalMillis) {
        StringBuilder out = new StringBuilder();
        for (Part part : error) {
            if (part instanceof Literal l) {
                out.append(l.text());
            } else if (part instanceof Timestamp t) {
                out.append(t.format().format(Instant.ofEpochMilli(arrivalMillis)));
            } else if (part instanceof ErrorType) {
                out.append(errorType);
            }
        }
        return endWithSlash(out);
    }

    private static String endWithSlash(StringBuilder out) {
        if (out.length() == 0 || out.charAt(out.length() - 1) != '/') {
            out.append('/');
        }
        return out.toString();
    }
}
