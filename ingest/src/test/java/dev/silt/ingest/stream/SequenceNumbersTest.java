package dev.silt.ingest.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SequenceNumbersTest {
    @Test
    void formatLooksLikeKinesisAndRoundTrips() {
        String zero = SequenceNumbers.format(0);
        assertEquals(56, zero.length());
        assertTrue(zero.startsWith("49"));
        for (long offset : new long[] {0, 1, 9, 10, 12_345_678_901L, Long.MAX_VALUE}) {
            assertEquals(offset, SequenceNumbers.parse(SequenceNumbers.format(offset)));
        }
        assertEquals(56, SequenceNumbers.format(Long.MAX_VALUE).length());
    }

    @Test
    void formatIsExactlyBasePlusOffsetAndParseAcceptsOnlyThat() {
        for (long offset :
                new long[] {0, 7, 10, 999, 1_000, 123_456_789_012_345L, Long.MAX_VALUE - 1, Long.MAX_VALUE}) {
            String expected =
                    SequenceNumbers.BASE.add(BigInteger.valueOf(offset)).toString();
            assertEquals(expected, SequenceNumbers.format(offset));
            assertEquals(offset, SequenceNumbers.parse(expected));
        }
        // Right length and prefix but not digits, or a 19-digit tail past Long.MAX_VALUE: still rejected.
        String zero = SequenceNumbers.format(0);
        assertThrows(IllegalArgumentException.class, () -> SequenceNumbers.parse(zero.substring(0, 55) + "x"));
        assertThrows(
                IllegalArgumentException.class,
                () -> SequenceNumbers.parse(zero.substring(0, 37) + "9999999999999999999"));
    }

    @Test
    void stringsOrderLikeTheirOffsets() {
        List<String> s = new ArrayList<>();
        for (long offset : new long[] {0, 1, 2, 99, 100, 1_000_000, Long.MAX_VALUE - 1, Long.MAX_VALUE}) {
            s.add(SequenceNumbers.format(offset));
        }
        for (int i = 1; i < s.size(); i++) {
            assertTrue(SequenceNumbers.compare(s.get(i - 1), s.get(i)) < 0);
            assertTrue(s.get(i - 1).compareTo(s.get(i)) < 0, "equal length strings sort as text too");
        }
        assertEquals(0, SequenceNumbers.compare(s.get(3), SequenceNumbers.format(99)));
        assertTrue(SequenceNumbers.compare("9", "10") < 0);
    }

    @Test
    void invalidStringsAreClearErrors() {
        for (String bad : new String[] {"", "abc", "-1", "1.5", "012", " 49", "4".repeat(130)}) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> SequenceNumbers.parse(bad), bad);
            assertTrue(e.getMessage().contains("sequence number"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> SequenceNumbers.parse(null));
        // Well-formed but never issued: below the base, or past the largest offset.
        assertThrows(IllegalArgumentException.class, () -> SequenceNumbers.parse("123"));
        String tooBig = SequenceNumbers.BASE
                .add(BigInteger.valueOf(Long.MAX_VALUE))
                .add(BigInteger.ONE)
                .toString();
        assertThrows(IllegalArgumentException.class, () -> SequenceNumbers.parse(tooBig));
        assertThrows(IllegalArgumentException.class, () -> SequenceNumbers.format(-1));
    }
}
