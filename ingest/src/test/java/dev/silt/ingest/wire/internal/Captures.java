package dev.silt.ingest.wire.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Reads the checked-in wire captures under {@code kinesis-wire/}. */
final class Captures {
    /** One captured HTTP message: its headers (lower-case names) and its body. */
    @SuppressWarnings("ArrayRecordComponent") // test data, read once
    record Message(String startLine, Map<String, String> headers, byte[] body) {}

    private Captures() {}

    static byte[] bytes(String name) {
        try (InputStream in = Captures.class.getResourceAsStream("/kinesis-wire/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no capture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A {@code .http} capture; for CBOR ones the body is the matching {@code .bin} file. */
    static Message http(String name) {
        String text = new String(bytes(name), StandardCharsets.UTF_8).replace("\r\n", "\n");
        int split = text.indexOf("\n\n");
        String head = split < 0 ? text : text.substring(0, split);
        String body = split < 0 ? "" : text.substring(split + 2).strip();
        String[] lines = head.split("\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : Arrays.asList(lines).subList(1, lines.length)) {
            int colon = line.indexOf(':');
            headers.put(
                    line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    line.substring(colon + 1).trim());
        }
        byte[] bodyBytes =
                body.startsWith("<") ? bytes(name.replace(".http", ".bin")) : body.getBytes(StandardCharsets.UTF_8);
        return new Message(lines[0], headers, bodyBytes);
    }
}
