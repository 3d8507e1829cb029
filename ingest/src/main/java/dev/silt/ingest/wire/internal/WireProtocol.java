package dev.silt.ingest.wire.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * The two body encodings of the Kinesis wire protocol. Requests and responses are Jackson trees in both; they
 * differ in how {@code Data} and timestamps travel:
 *
 * <ul>
 *   <li>JSON 1.1 (awscli, other SDKs, the Java SDK with {@code aws.cborEnabled=false}): blobs are base64 strings,
 *       timestamps are epoch seconds with a fraction.
 *   <li>CBOR 1.1 (the Java SDK's default): blobs are byte strings, timestamps are CBOR tag 1 followed by epoch
 *       <em>milliseconds</em>, which is what the Java SDKs (v1 and v2) write and read, though RFC 8949 says
 *       seconds.
 * </ul>
 *
 * Thread-safe: the mappers are shared and immutable once built.
 */
@SuppressWarnings("ImmutableEnumChecker") // the mappers are configured once here and only read after
public enum WireProtocol {
    JSON(KinesisWire.JSON_CONTENT_TYPE, new JsonFactory()),
    CBOR(KinesisWire.CBOR_CONTENT_TYPE, new CBORFactory());

    private static final BigDecimal CBOR_SECONDS_BELOW = BigDecimal.valueOf(100_000_000_000L);

    private final String contentType;
    private final ObjectMapper mapper;
    private final ObjectWriter streamWriter;

    WireProtocol(String contentType, JsonFactory factory) {
        this.contentType = contentType;
        SimpleModule timestamps = new SimpleModule("wire-timestamps");
        timestamps.addSerializer(WireTimestamp.class, new TimestampSerializer());
        this.mapper = new ObjectMapper(factory)
                .registerModule(timestamps)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
        this.streamWriter = mapper.writer().without(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    }

    public String contentType() {
        return contentType;
    }

    /**
     * The protocol a request's {@code Content-Type} asks for, or null if it is neither. Parameters such as
     * {@code charset} are ignored; plain {@code application/json} and JSON 1.0 are read as JSON 1.1.
     */
    public static WireProtocol forContentType(String header) {
        if (header == null) {
            return null;
        }
        int semicolon = header.indexOf(';');
        String type =
                (semicolon < 0 ? header : header.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
        switch (type) {
            case KinesisWire.JSON_CONTENT_TYPE:
            case "application/x-amz-json-1.0":
            case "application/json":
                return JSON;
            case KinesisWire.CBOR_CONTENT_TYPE:
                return CBOR;
            default:
                return null;
        }
    }

    /** Reads a request body: an object (map), or nothing at all, which counts as an empty object. */
    public ObjectNode parse(byte[] body) throws WireException {
        if (body.length == 0) {
            return mapper.createObjectNode();
        }
        JsonNode node;
        try {
            node = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw WireException.serialization(
                    "Malformed " + name() + " request body: " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw WireException.serialization("Unreadable " + name() + " request body: " + firstLine(e.getMessage()));
        }
        if (node == null || node.isMissingNode()) {
            return mapper.createObjectNode();
        }
        if (!node.isObject()) {
            throw WireException.serialization(
                    "The request body must be a " + (this == JSON ? "JSON object" : "CBOR map") + ", got "
                            + node.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        return (ObjectNode) node;
    }

    /** Writes a response tree; {@link WireTimestamp} values are written in this protocol's timestamp form. */
    public byte[] write(ObjectNode response) {
        try {
            return mapper.writeValueAsBytes(response);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a response tree to {@code out}, as {@link #write(ObjectNode)} does; does not close {@code out}. */
    public void write(ObjectNode response, OutputStream out) throws IOException {
        streamWriter.writeValue(out, response);
    }

    /** A timestamp in the generator's protocol: CBOR tag 1 and epoch milliseconds, or JSON epoch seconds. */
    static void writeTimestamp(JsonGenerator gen, long epochMillis) throws IOException {
        if (gen instanceof CBORGenerator cbor) {
            cbor.writeTag(1);
            cbor.writeNumber(epochMillis);
        } else {
            gen.writeNumber(BigDecimal.valueOf(epochMillis, 3));
        }
    }

    /**
     * A timestamp member read in this protocol's form: epoch seconds in JSON; in CBOR, epoch milliseconds as the
     * Java SDKs send them, except that a fraction or a value below 10^11 (which as milliseconds would be 1973) is
     * taken as RFC 8949 seconds, as other CBOR writers send them.
     *
     * @throws ArithmeticException if the value does not fit an epoch-millisecond long
     */
    long timestampMillis(BigDecimal number, boolean floatingPoint) {
        boolean seconds = this == JSON || floatingPoint || number.abs().compareTo(CBOR_SECONDS_BELOW) < 0;
        BigDecimal millis = seconds ? number.movePointRight(3) : number;
        return millis.setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    private static final class TimestampSerializer extends StdSerializer<WireTimestamp> {
        private static final long serialVersionUID = 1L;

        TimestampSerializer() {
            super(WireTimestamp.class);
        }

        @Override
        public void serialize(WireTimestamp value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            writeTimestamp(gen, value.epochMillis());
        }
    }
}
