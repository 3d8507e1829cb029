package dev.silt.ingest.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.junit.jupiter.api.Test;

class HashKeyRangeTest {
    private static final BigInteger TWO_128 = BigInteger.TWO.pow(128);

    @Test
    void evenSplitsCoverTheSpaceWithoutGapsOrOverlaps() {
        for (int n = 1; n <= 1000; n++) {
            List<HashKeyRange> ranges = HashKeyRange.split(n);
            assertEquals(n, ranges.size());
            assertEquals(BigInteger.ZERO, ranges.get(0).startingHashKey());
            assertEquals(TWO_128.subtract(BigInteger.ONE), ranges.get(n - 1).endingHashKey());
            for (int i = 1; i < n; i++) {
                assertEquals(
                        ranges.get(i - 1).endingHashKey().add(BigInteger.ONE),
                        ranges.get(i).startingHashKey(),
                        "n=" + n + " i=" + i);
            }
        }
    }

    @Test
    void splitMatchesTheServiceFormula() {
        List<HashKeyRange> four = HashKeyRange.split(4);
        assertEquals(BigInteger.TWO.pow(126), four.get(1).startingHashKey());
        assertEquals(
                BigInteger.TWO.pow(127).subtract(BigInteger.ONE), four.get(1).endingHashKey());
        List<HashKeyRange> three = HashKeyRange.split(3);
        assertEquals(TWO_128.divide(BigInteger.valueOf(3)), three.get(1).startingHashKey());
        assertEquals(
                "113427455640312821154458202477256070484",
                three.get(0).endingHashKey().toString());
        assertThrows(IllegalArgumentException.class, () -> HashKeyRange.split(0));
    }

    @Test
    void partitionKeysHashWithMd5AsUnsigned128BitIntegers() throws Exception {
        for (String key : new String[] {"a", "user-42", "ключ", "🙂", "x".repeat(256)}) {
            byte[] digest = MessageDigest.getInstance("MD5").digest(key.getBytes(StandardCharsets.UTF_8));
            BigInteger expected = new BigInteger(1, digest);
            assertEquals(expected, HashKeyRange.hashKeyOf(key), key);
            assertTrue(HashKeyRange.all().contains(expected));
            long owners = HashKeyRange.split(7).stream()
                    .filter(r -> r.contains(expected))
                    .count();
            assertEquals(1, owners);
        }
        // A well-known vector: MD5("") is d41d8cd98f00b204e9800998ecf8427e, but an empty key is not allowed.
        assertThrows(IllegalArgumentException.class, () -> HashKeyRange.hashKeyOf(""));
        assertThrows(IllegalArgumentException.class, () -> HashKeyRange.hashKeyOf("x".repeat(257)));
        assertEquals(new BigInteger("0cc175b9c0f1b6a831c399e269772661", 16), HashKeyRange.hashKeyOf("a"));
    }

    @Test
    void explicitHashKeysAreBoundedDecimals() {
        assertEquals(BigInteger.ZERO, HashKeyRange.parseExplicitHashKey("0"));
        String max = TWO_128.subtract(BigInteger.ONE).toString();
        assertEquals(TWO_128.subtract(BigInteger.ONE), HashKeyRange.parseExplicitHashKey(max));
        for (String bad : new String[] {"", "-1", "1e5", "0x10", TWO_128.toString(), "9".repeat(40)}) {
            assertThrows(IllegalArgumentException.class, () -> HashKeyRange.parseExplicitHashKey(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> HashKeyRange.parseExplicitHashKey(null));
        assertThrows(IllegalArgumentException.class, () -> new HashKeyRange(BigInteger.TEN, BigInteger.ONE));
    }
}
