package dev.silt.mapreduce.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventParserTest {
    private final EventParser parser = new EventParser();

    /** The contract's example event, field by field as raw JSON values, in landed order. */
    private static Map<String, String> fullEvent() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("ts", "\"2026-01-01T03:15:22.123Z\"");
        f.put("user", "\"u0012345\"");
        f.put("session", "\"s-5f3a9c1e\"");
        f.put("method", "\"GET\"");
        f.put("url", "\"/products/1234\"");
        f.put("referrer", "\"https://www.google.com/\"");
        f.put("status", "200");
        f.put("bytes", "5123");
        f.put("latency_ms", "87");
        f.put("country", "\"US\"");
        f.put("ua", "\"Mozilla/5.0 (X11)\"");
        return f;
    }

    private static Map<String, String> requiredOnly() {
        Map<String, String> f = fullEvent();
        f.remove("session");
        f.remove("method");
        f.remove("referrer");
        f.remove("ua");
        return f;
    }

    private static String json(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\":" + e.getValue())
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static Map<String, String> with(String field, String rawValue) {
        Map<String, String> f = fullEvent();
        f.put(field, rawValue);
        return f;
    }

    private ClickEvent parse(String line) throws MalformedRecordException {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        return parser.parse(b, 0, b.length);
    }

    private MalformedRecordException reject(byte[] b) {
        return assertThrows(
                MalformedRecordException.class,
                () -> parser.parse(b, 0, b.length),
                () -> "accepted " + new String(b, StandardCharsets.UTF_8));
    }

    private MalformedRecordException reject(String line) {
        return reject(line.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void validLineFillsEveryField() throws Exception {
        ClickEvent e = parse(json(fullEvent()));
        assertEquals(1767237322123L, e.tsMillis());
        assertEquals("u0012345", e.user());
        assertEquals("s-5f3a9c1e", e.session());
        assertEquals("GET", e.method());
        assertEquals("/products/1234", e.url());
        assertEquals("https://www.google.com/", e.referrer());
        assertEquals(200, e.status());
        assertEquals(5123L, e.bytes());
        assertEquals(87L, e.latencyMs());
        assertEquals("US", e.country());
        assertEquals("Mozilla/5.0 (X11)", e.ua());

        assertEquals("2026-01-01T03:15:22.123Z", e.getString(Field.TS));
        assertEquals("2026-01-01T03", e.getString(Field.HOUR));
        assertEquals("2026-01-01", e.getString(Field.DATE));
        assertEquals("200", e.getString(Field.STATUS));
        assertEquals(5123L, e.getLong(Field.BYTES));
        assertEquals(87L, e.getLong(Field.LATENCY_MS));
        assertEquals(200L, e.getLong(Field.STATUS));
        assertThrows(IllegalArgumentException.class, () -> e.getLong(Field.COUNTRY));
    }

    @Test
    void parsesASliceOfALargerBuffer() throws Exception {
        byte[] line = json(fullEvent()).getBytes(StandardCharsets.UTF_8);
        byte[] buffer = new byte[line.length + 20];
        java.util.Arrays.fill(buffer, (byte) '}');
        System.arraycopy(line, 0, buffer, 7, line.length);
        ClickEvent e = parser.parse(buffer, 7, line.length);
        assertEquals("US", e.country());
    }

    @Test
    void stringEscapesAreDecoded() throws Exception {
        ClickEvent e = parse(json(with("url", "\"/a\\\"b\\\\c\\u00e9\\n\"")));
        assertEquals("/a\"b\\c\u00e9\n", e.url());
    }

    static Stream<String> requiredFields() {
        return Stream.of(Field.values())
                .filter(Field::isRequired)
                .map(Field::jsonName)
                .filter(n -> !n.equals("hour") && !n.equals("date"));
    }

    @Test
    void requiredFieldsAreTheContractsOnes() {
        assertEquals(
                java.util.List.of("ts", "user", "url", "status", "bytes", "latency_ms", "country"),
                requiredFields().collect(Collectors.toList()));
    }

    @ParameterizedTest
    @MethodSource("requiredFields")
    void missingRequiredFieldIsNamed(String field) {
        Map<String, String> f = fullEvent();
        f.remove(field);
        MalformedRecordException e = reject(json(f));
        assertSame(Reason.MISSING_FIELD, e.reason());
        assertTrue(e.getMessage().contains("'" + field + "'"), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("requiredFields")
    void nullRequiredFieldIsMissing(String field) {
        MalformedRecordException e = reject(json(with(field, "null")));
        assertSame(Reason.MISSING_FIELD, e.reason());
        assertTrue(e.getMessage().contains("'" + field + "'"), e.getMessage());
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of("status", "\"200\"", "must be an integer"),
                Arguments.of("bytes", "\"5123\"", "must be an integer"),
                Arguments.of("latency_ms", "\"87\"", "must be an integer"),
                Arguments.of("user", "12345", "must be a string"),
                Arguments.of("country", "1", "must be a string"),
                Arguments.of("url", "true", "must be a string"),
                Arguments.of("ts", "1767237322123", "must be a string"),
                Arguments.of("session", "7", "must be a string"),
                Arguments.of("referrer", "false", "must be a string"),
                Arguments.of("ua", "[\"a\"]", "must be a string"),
                Arguments.of("url", "{\"path\":\"/x\"}", "must be a string"),
                Arguments.of("country", "[\"US\"]", "must be a string"),
                Arguments.of("status", "{\"code\":200}", "must be an integer"),
                Arguments.of("bytes", "[1,2]", "must be an integer"),
                Arguments.of("status", "200.0", "must be an integer"),
                Arguments.of("latency_ms", "8.7", "must be an integer"),
                Arguments.of("bytes", "1e3", "must be an integer"),
                Arguments.of("bytes", "-1", "outside"),
                Arguments.of("latency_ms", "-87", "outside"),
                Arguments.of("bytes", "92233720368547758070", "out of range"),
                Arguments.of("bytes", "-92233720368547758070", "out of range"),
                Arguments.of("status", "1000", "outside"),
                Arguments.of("status", "-1", "outside"),
                Arguments.of("status", "4294967496", "outside"),
                Arguments.of("ts", "\"2026-02-29T00:00:00.000Z\"", "ts"),
                Arguments.of("ts", "\"2026-04-31T00:00:00.000Z\"", "ts"),
                Arguments.of("ts", "\"2026-01-01T24:00:00.000Z\"", "ts"),
                Arguments.of("ts", "\"yesterday\"", "ts"),
                Arguments.of("ts", "\"\"", "ts"));
    }

    @ParameterizedTest
    @MethodSource("badValues")
    void wrongTypeOrValueIsNamed(String field, String rawValue, String expected) {
        MalformedRecordException e = reject(json(with(field, rawValue)));
        assertSame(Reason.BAD_VALUE, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains("'" + field + "'"), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void boundaryValuesAreAccepted() throws Exception {
        Map<String, String> f = fullEvent();
        f.put("status", "999");
        f.put("bytes", "9223372036854775807");
        f.put("latency_ms", "0");
        ClickEvent e = parse(json(f));
        assertEquals(999, e.status());
        assertEquals(Long.MAX_VALUE, e.bytes());
        assertEquals(0L, e.latencyMs());
        assertEquals(0, parse(json(with("status", "0"))).status());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                "{",
                "}",
                "[]",
                "[{\"ts\":\"2026-01-01T03:15:22.123Z\"}]",
                "42",
                "\"text\"",
                "null",
                "true",
                "{\"ts\":\"2026-01-01T03:15:22.123Z\",\"user\":\"u00",
                "{\"ts\":\"2026-01-01T03:15:22.123Z\",\"user\"}",
                "{\"ts\":\"2026-01-01T03:15:22.123Z\",}",
                "{'ts':'2026-01-01T03:15:22.123Z'}",
                "{ts:1}",
                "{\"ua\":\"a\" \"b\"}",
                "{\"ua\":NaN}"
            })
    void brokenJsonIsMalformed(String line) {
        assertSame(Reason.MALFORMED_JSON, reject(line).reason());
    }

    @Test
    void onlyOneObjectPerLine() {
        String valid = json(fullEvent());
        for (String line : new String[] {
            valid + " x", valid + "}", valid + valid, valid + " " + valid, valid + ",", valid + "[]", valid + "1"
        }) {
            MalformedRecordException e = reject(line);
            assertSame(Reason.MALFORMED_JSON, e.reason(), line);
        }
    }

    @Test
    void truncatedValidLineIsMalformedAtEveryCut() {
        String valid = json(fullEvent());
        for (int cut = 0; cut < valid.length(); cut++) {
            MalformedRecordException e = reject(valid.substring(0, cut));
            assertSame(Reason.MALFORMED_JSON, e.reason(), "cut at " + cut);
        }
    }

    @Test
    void whitespaceAroundTheObjectIsAllowed() throws Exception {
        assertEquals("US", parse(" \t" + json(fullEvent()) + "  ").country());
    }

    /** The example line with {@code bad} spliced into the value of {@code ua}. */
    private static byte[] withUaBytes(int... bad) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String line = json(with("ua", "\"Mozilla X\""));
        int x = line.indexOf("Mozilla X") + "Mozilla ".length();
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, x);
        for (int v : bad) {
            out.write(v);
        }
        out.write(b, x + 1, b.length - x - 1);
        return out.toByteArray();
    }

    @Test
    void invalidUtf8IsRejected() {
        int[][] cases = {
            {0x80}, // lone continuation byte
            {0xBF},
            {0xC0, 0xAF}, // overlong '/'
            {0xC1, 0xBF}, // overlong
            {0xE0, 0x80, 0xAF}, // overlong 3-byte '/'
            {0xF0, 0x80, 0x80, 0xAF}, // overlong 4-byte '/'
            {0xED, 0xA0, 0x80}, // UTF-16 surrogate D800
            {0xED, 0xBF, 0xBF}, // surrogate DFFF
            {0xF4, 0x90, 0x80, 0x80}, // above U+10FFFF
            {0xF5, 0x80, 0x80, 0x80},
            {0xE6, 0xBC}, // truncated 3-byte sequence followed by ASCII
            {0xC3}, // truncated 2-byte sequence
            {0xFF},
            {0xFE},
            {0xC3, 0x28} // lead byte followed by a non-continuation byte
        };
        for (int[] c : cases) {
            MalformedRecordException e = reject(withUaBytes(c));
            assertSame(Reason.INVALID_UTF8, e.reason(), java.util.Arrays.toString(c));
        }
    }

    @Test
    void truncatedMultiByteAtEndOfLineIsInvalidUtf8() {
        byte[] line = json(fullEvent()).getBytes(StandardCharsets.UTF_8);
        for (int[] tail : new int[][] {{0xE6, 0xBC}, {0xE6}, {0xF0, 0x9F, 0x98}, {0xC3}}) {
            byte[] b = java.util.Arrays.copyOf(line, line.length + tail.length);
            for (int i = 0; i < tail.length; i++) {
                b[line.length + i] = (byte) tail[i];
            }
            assertSame(Reason.INVALID_UTF8, reject(b).reason());
        }
    }

    @Test
    void validMultiByteIsAccepted() throws Exception {
        Map<String, String> f = fullEvent();
        f.put("ua", "\"caf\u00e9 \u6f22\u5b57 \ud83d\ude00 \uffff \u0800 \u07ff\"");
        f.put("url", "\"/\u00e9/\u6f22/\ud83d\ude00\"");
        ClickEvent e = parse(json(f));
        assertEquals("caf\u00e9 \u6f22\u5b57 \ud83d\ude00 \uffff \u0800 \u07ff", e.ua());
        assertEquals("/\u00e9/\u6f22/\ud83d\ude00", e.url());
        // U+10FFFF, the largest code point, is valid.
        byte[] max = withUaBytes(0xF4, 0x8F, 0xBF, 0xBF);
        assertEquals("Mozilla \udbff\udfff", parser.parse(max, 0, max.length).ua());
    }

    @Test
    void unknownFieldsAreIgnored() throws Exception {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("extra", "1");
        f.put("nested", "{\"ts\":\"garbage\",\"status\":\"x\",\"deep\":[1,{\"user\":null},[[]]]}");
        f.put("list", "[\"a\",{\"b\":2},null,true,1.5]");
        f.put("flag", "true");
        f.put("nothing", "null");
        f.putAll(fullEvent());
        f.put("after", "{\"country\":[]}");
        ClickEvent e = parse(json(f));
        assertEquals(1767237322123L, e.tsMillis());
        assertEquals(200, e.status());
        assertEquals("u0012345", e.user());
        assertEquals("US", e.country());
    }

    @Test
    void absentOrNullOptionalFieldsAreNull() throws Exception {
        ClickEvent e = parse(json(requiredOnly()));
        assertNull(e.session());
        assertNull(e.method());
        assertNull(e.referrer());
        assertNull(e.ua());
        assertNull(e.getString(Field.UA));
        assertEquals("/products/1234", e.url());

        Map<String, String> f = fullEvent();
        f.put("referrer", "null");
        f.put("session", "null");
        e = parse(json(f));
        assertNull(e.referrer());
        assertNull(e.session());
        assertEquals("GET", e.method());
    }

    @Test
    void reuseDoesNotLeakFieldsOfAPreviousRecord() throws Exception {
        parse(json(fullEvent()));
        ClickEvent e = parse(json(requiredOnly()));
        assertNull(e.session());
        assertNull(e.method());
        assertNull(e.referrer());
        assertNull(e.ua());

        // A required field present in the previous record must not satisfy the next one.
        parse(json(fullEvent()));
        for (String field : requiredFields().collect(Collectors.toList())) {
            Map<String, String> f = fullEvent();
            f.remove(field);
            assertSame(Reason.MISSING_FIELD, reject(json(f)).reason(), field);
            parse(json(fullEvent()));
        }

        // A record rejected half-way must not leave values behind either.
        Map<String, String> half = fullEvent();
        half.put("ua", "\"leaked\"");
        half.remove("country");
        half.put("country", "1");
        reject(json(half));
        e = parse(json(requiredOnly()));
        assertNull(e.ua());
        assertEquals("US", e.country());
    }
}
