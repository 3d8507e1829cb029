package dev.silt.ingest.wire.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Typed, validating access to the members of one request structure. A missing required member is the service's
 * {@code ValidationException}; a member of the wrong type or an undecodable blob is a {@code
 * SerializationException}, as the service reports them. Unknown members are ignored, as the service does.
 */
public final class Members {
    private final ObjectNode node;
    private final WireProtocol protocol;
    private final String path;

    public Members(ObjectNode node, WireProtocol protocol) {
        this(node, protocol, "");
    }

    private Members(ObjectNode node, WireProtocol protocol, String path) {
        this.node = node;
        this.protocol = protocol;
        this.path = path;
    }

    public WireProtocol protocol() {
        return protocol;
    }

    public boolean has(String name) {
        JsonNode value = node.get(name);
        return value != null && !value.isNull();
    }

    public String requiredString(String name) throws WireException {
        String value = optionalString(name);
        if (value == null) {
            throw WireException.missing(memberPath(name));
        }
        return value;
    }

    public String optionalString(String name) throws WireException {
        JsonNode value = present(name);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw wrongType(name, "a string", value);
        }
        return value.textValue();
    }

    public int requiredInt(String name) throws WireException {
        Integer value = optionalInt(name);
        if (value == null) {
            throw WireException.missing(memberPath(name));
        }
        return value;
    }

    public Integer optionalInt(String name) throws WireException {
        Long value = optionalLong(name);
        if (value == null) {
            return null;
        }
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw WireException.serialization(
                    "Member " + displayPath(name) + " is out of the range of an integer: " + value);
        }
        return value.intValue();
    }

    public Long optionalLong(String name) throws WireException {
        JsonNode value = present(name);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw wrongType(name, "a whole number", value);
        }
        return value.longValue();
    }

    public Boolean optionalBoolean(String name) throws WireException {
        JsonNode value = present(name);
        if (value == null) {
            return null;
        }
        if (!value.isBoolean()) {
            throw wrongType(name, "a boolean", value);
        }
        return value.booleanValue();
    }

    /** A blob: a byte string in CBOR, a base64 string in JSON (and in CBOR, from clients that send text). */
    public byte[] requiredBlob(String name) throws WireException {
        JsonNode value = present(name);
        if (value == null) {
            throw WireException.missing(memberPath(name));
        }
        if (value.isBinary()) {
            try {
                return value.binaryValue();
            } catch (IOException e) {
                throw WireException.serialization("Member " + displayPath(name) + " is not a readable blob");
            }
        }
        if (!value.isTextual()) {
            throw wrongType(name, "a base64 string or byte string", value);
        }
        try {
            return Base64.getDecoder().decode(value.textValue());
        } catch (IllegalArgumentException e) {
            throw WireException.serialization(
                    "Member " + displayPath(name) + " is not valid base64: " + e.getMessage());
        }
    }

    /** A timestamp: epoch seconds (with a fraction) in JSON, epoch milliseconds in CBOR (see {@link WireProtocol}). */
    public Instant optionalTimestamp(String name) throws WireException {
        JsonNode value = present(name);
        if (value == null) {
            return null;
        }
        if (!value.isNumber()) {
            throw wrongType(
                    name,
                    "a timestamp (epoch " + (protocol == WireProtocol.JSON ? "seconds" : "milliseconds") + ")",
                    value);
        }
        BigDecimal number = value.decimalValue();
        try {
            return Instant.ofEpochMilli(protocol.timestampMillis(number, value.isFloatingPointNumber()));
        } catch (ArithmeticException | java.time.DateTimeException e) {
            throw WireException.serialization("Member " + displayPath(name) + " is not a valid timestamp: " + number);
        }
    }

    /**
     * An enum member by its wire spelling; an unknown value is the service's {@code ValidationException} listing
     * the accepted values.
     */
    public <E extends Enum<E>> E optionalEnum(String name, Class<E> type) throws WireException {
        String value = optionalString(name);
        if (value == null) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value)) {
                return constant;
            }
        }
        throw new WireException(
                KinesisWire.VALIDATION,
                "1 validation error detected: Value '" + value + "' at '" + memberPath(name)
                        + "' failed to satisfy constraint: Member must satisfy enum value set: "
                        + java.util.Arrays.toString(type.getEnumConstants()));
    }

    public Members optionalStructure(String name) throws WireException {
        JsonNode value = present(name);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            throw wrongType(name, "a structure", value);
        }
        return new Members((ObjectNode) value, protocol, displayPath(name) + ".");
    }

    /** A list of structures; an absent list is empty, so the caller decides whether that is an error. */
    public List<Members> structureList(String name) throws WireException {
        JsonNode value = present(name);
        if (value == null) {
            return new ArrayList<>();
        }
        if (!value.isArray()) {
            throw wrongType(name, "a list", value);
        }
        List<Members> out = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            String itemPath = displayPath(name) + "." + (i + 1);
            if (!item.isObject()) {
                throw WireException.serialization("Member " + itemPath + " must be a structure, got " + typeOf(item));
            }
            out.add(new Members((ObjectNode) item, protocol, itemPath + "."));
        }
        return out;
    }

    /** A list of strings, or null when absent. */
    public List<String> optionalStringList(String name) throws WireException {
        JsonNode value = present(name);
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            throw wrongType(name, "a list of strings", value);
        }
        List<String> out = new ArrayList<>(value.size());
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw wrongType(name, "a list of strings", value);
            }
            out.add(item.textValue());
        }
        return out;
    }

    /** A map of string to string, or null when absent. */
    public Map<String, String> optionalStringMap(String name) throws WireException {
        JsonNode value = present(name);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            throw wrongType(name, "a map of strings", value);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : value.properties()) {
            if (!e.getValue().isTextual()) {
                throw wrongType(name, "a map of strings", value);
            }
            out.put(e.getKey(), e.getValue().textValue());
        }
        return out;
    }

    /** The service's error for a required member that is absent, named by its path. */
    public WireException missingMember(String name) {
        return WireException.missing(memberPath(name));
    }

    private JsonNode present(String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : value;
    }

    private WireException wrongType(String name, String expected, JsonNode actual) {
        return WireException.serialization(
                "Member " + displayPath(name) + " must be " + expected + ", got " + typeOf(actual));
    }

    private static String typeOf(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private String displayPath(String name) {
        return path + name;
    }

    /** The service names members in validation errors with a lower-case first letter: {@code streamName}. */
    private String memberPath(String name) {
        String full = displayPath(name);
        StringBuilder out = new StringBuilder(full.length());
        boolean start = true;
        for (int i = 0; i < full.length(); i++) {
            char c = full.charAt(i);
            out.append(start ? Character.toLowerCase(c) : c);
            start = c == '.';
        }
        return out.toString();
    }
}
