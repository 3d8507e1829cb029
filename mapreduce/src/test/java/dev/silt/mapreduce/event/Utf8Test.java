package dev.silt.mapreduce.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Utf8} against the JDK's decoder, which follows RFC 3629 strictly when told to report malformed input. */
class Utf8Test {
    /** Bytes around every boundary of the UTF-8 byte classes. */
    private static final int[] INTERESTING = {
        0x00, 0x0A, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xC3, 0xDF, 0xE0, 0xE1, 0xEC,
        0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xF7, 0xF8, 0xFB, 0xFC, 0xFE, 0xFF
    };

    private final CharsetDecoder decoder = StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    private boolean jdkSaysValid(byte[] b, int off, int len) {
        try {
            decoder.reset().decode(ByteBuffer.wrap(b, off, len));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private void check(byte[] b, int off, int len) {
        assertEquals(jdkSaysValid(b, off, len), Utf8.isValid(b, off, len), () -> HexFormat.ofDelimiter(" ")
                .formatHex(b, off, off + len));
    }

    @Test
    void agreesWithTheJdkOnRandomBytes() {
        Random random = new Random(20260101L);
        int valid = 0;
        for (int i = 0; i < 100_000; i++) {
            byte[] b = new byte[1 + random.nextInt(8)];
            for (int k = 0; k < b.length; k++) {
                b[k] = (byte) INTERESTING[random.nextInt(INTERESTING.length)];
            }
            check(b, 0, b.length);
            valid += Utf8.isValid(b, 0, b.length) ? 1 : 0;
        }
        // The generator must exercise both outcomes, or the comparison proves little.
        assertTrue(valid > 500, "valid arrays: " + valid);
        for (int i = 0; i < 50_000; i++) {
            byte[] b = new byte[random.nextInt(12)];
            random.nextBytes(b);
            check(b, 0, b.length);
        }
    }

    @Test
    void agreesWithTheJdkOnMutatedText() {
        Random random = new Random(42L);
        for (int i = 0; i < 50_000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(10);
            for (int k = 0; k < n; k++) {
                int cp;
                do {
                    cp = switch (random.nextInt(4)) {
                        case 0 -> random.nextInt(0x80);
                        case 1 -> 0x80 + random.nextInt(0x800 - 0x80);
                        case 2 -> 0x800 + random.nextInt(0x10000 - 0x800);
                        default -> 0x10000 + random.nextInt(0x110000 - 0x10000);
                    };
                } while (cp >= 0xD800 && cp <= 0xDFFF);
                sb.appendCodePoint(cp);
            }
            byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
            assertTrue(Utf8.isValid(b, 0, b.length), sb::toString);
            if (b.length > 0) {
                int at = random.nextInt(b.length);
                b[at] = (byte)
                        (random.nextBoolean() ? random.nextInt(256) : INTERESTING[random.nextInt(INTERESTING.length)]);
            }
            check(b, 0, b.length);
            // A slice must be judged on its own bytes only: cutting a valid text can split a sequence.
            if (b.length > 1) {
                int off = random.nextInt(b.length);
                int len = random.nextInt(b.length - off + 1);
                check(b, off, len);
            }
        }
    }

    @Test
    void sliceIgnoresBytesOutsideIt() {
        byte[] b = {(byte) 0xFF, 'a', (byte) 0xC3, (byte) 0xA9, 'b', (byte) 0xE6};
        assertTrue(Utf8.isValid(b, 1, 4));
        assertFalse(Utf8.isValid(b, 0, 5));
        assertFalse(Utf8.isValid(b, 1, 5));
        // A sequence cut by the end of the slice is invalid even when the array continues it.
        assertFalse(Utf8.isValid(b, 1, 2));
        assertTrue(Utf8.isValid(b, 0, 0));
        assertTrue(Utf8.isValid(Arrays.copyOf(b, 0), 0, 0));
    }
}
