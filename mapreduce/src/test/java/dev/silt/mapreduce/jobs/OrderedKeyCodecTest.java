package dev.silt.mapreduce.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.silt.mapreduce.event.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.hadoop.io.BytesWritable;
import org.junit.jupiter.api.Test;

class OrderedKeyCodecTest {
    private static int cmp(BytesWritable a, BytesWritable b) {
        // BytesWritable's own order, as the shuffle's raw comparator applies it
        return Integer.signum(a.compareTo(b));
    }

    @Test
    void longsOrderAsSignedNumbersIncludingTheExtremes() {
        List<Long> values = new ArrayList<>(List.of(Long.MIN_VALUE, Long.MIN_VALUE + 1, -1L, 0L, 1L, Long.MAX_VALUE));
        Random r = new Random(11);
        for (int i = 0; i < 200; i++) {
            values.add(r.nextLong());
        }
        OrderedKeyCodec asc = new OrderedKeyCodec(Field.BYTES, false);
        OrderedKeyCodec desc = new OrderedKeyCodec(Field.BYTES, true);
        for (long a : values) {
            for (long b : values) {
                BytesWritable ea = new BytesWritable(asc.encodeLong(a).copyBytes());
                assertEquals(Long.signum(Long.compare(a, b)), cmp(ea, asc.encodeLong(b)), a + " vs " + b);
                BytesWritable da = new BytesWritable(desc.encodeLong(a).copyBytes());
                assertEquals(Long.signum(Long.compare(b, a)), cmp(da, desc.encodeLong(b)), a + " vs " + b + " desc");
            }
        }
        assertEquals(
                "01 00 00 00 00 00 00 00 00", asc.encodeLong(Long.MIN_VALUE).toString());
        assertEquals(
                "01 ff ff ff ff ff ff ff ff", asc.encodeLong(Long.MAX_VALUE).toString());
        assertEquals(
                "01 00 00 00 00 00 00 00 00", desc.encodeLong(Long.MAX_VALUE).toString());
    }

    @Test
    void stringsOrderByUtf8BytesWithAbsentFirstInBothDirections() {
        List<String> values = Arrays.asList(
                null, "", "a", "a\0", "a\0b", "a\u0001", "ab", "abc", "b", "\u00e9", "\uffff", "\ud83d\ude00", "Z");
        for (boolean descending : new boolean[] {false, true}) {
            OrderedKeyCodec codec = new OrderedKeyCodec(Field.SESSION, descending);
            for (String a : values) {
                for (String b : values) {
                    int expected;
                    if (a == null || b == null) {
                        expected = Boolean.compare(a != null, b != null);
                    } else {
                        expected = Integer.signum(Arrays.compareUnsigned(
                                a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
                        expected = descending ? -expected : expected;
                    }
                    BytesWritable ea = new BytesWritable(codec.encodeString(a).copyBytes());
                    assertEquals(expected, cmp(ea, codec.encodeString(b)), a + " vs " + b + " desc=" + descending);
                }
            }
        }
    }
}
