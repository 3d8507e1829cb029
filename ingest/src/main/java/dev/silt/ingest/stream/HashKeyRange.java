package dev.silt.ingest.stream;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * A contiguous, inclusive range of the 128-bit hash-key space that one shard owns, and the hashing that maps a
 * record to it: MD5 of the partition key's UTF-8 bytes read as an unsigned integer, or an explicit hash key.
 */
public record HashKeyRange(BigInteger startingHashKey, BigInteger endingHashKey) {
    /** 2^128: one past the largest hash key. */
    public static final BigInteger SPACE = BigInteger.ONE.shiftLeft(128);

    /** 2^128 − 1, the largest hash key. */
    public static final BigInteger MAX_HASH_KEY = SPACE.subtract(BigInteger.ONE);

    public static final int MAX_PARTITION_KEY_CHARS = 256;

    /** Looking MD5 up per record costs more than hashing a short key; a digest is not thread-safe, hence one each. */
    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides MD5", e);
        }
    });

    public HashKeyRange {
        checkKey(startingHashKey, "starting hash key");
        checkKey(endingHashKey, "ending hash key");
        if (startingHashKey.compareTo(endingHashKey) > 0) {
            throw new IllegalArgumentException("starting hash key is above the ending hash key");
        }
    }

    /** The whole space, owned by a stream's single shard. */
    public static HashKeyRange all() {
        return new HashKeyRange(BigInteger.ZERO, MAX_HASH_KEY);
    }

    /** Splits the space evenly into {@code n} shards as Kinesis does: shard i gets [i·2^128/n, (i+1)·2^128/n − 1]. */
    public static List<HashKeyRange> split(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("shard count must be at least 1, got " + n);
        }
        List<HashKeyRange> ranges = new ArrayList<>(n);
        BigInteger count = BigInteger.valueOf(n);
        for (int i = 0; i < n; i++) {
            BigInteger start = SPACE.multiply(BigInteger.valueOf(i)).divide(count);
            BigInteger next = SPACE.multiply(BigInteger.valueOf(i + 1L)).divide(count);
            ranges.add(new HashKeyRange(start, next.subtract(BigInteger.ONE)));
        }
        return ranges;
    }

    public boolean contains(BigInteger hashKey) {
        return startingHashKey.compareTo(hashKey) <= 0 && hashKey.compareTo(endingHashKey) <= 0;
    }

    /** MD5 of the partition key's UTF-8 bytes as an unsigned 128-bit integer; the key is validated first. */
    public static BigInteger hashKeyOf(String partitionKey) {
        validatePartitionKey(partitionKey);
        // digest() resets the instance, so one per thread serves every record that thread routes
        return new BigInteger(1, MD5.get().digest(partitionKey.getBytes(StandardCharsets.UTF_8)));
    }

    /** Parses an {@code ExplicitHashKey}: a decimal integer with 0 ≤ key < 2^128. */
    public static BigInteger parseExplicitHashKey(String text) {
        if (text == null || text.isEmpty() || text.length() > 39) {
            throw new IllegalArgumentException("ExplicitHashKey must be 1 to 39 decimal digits, got '" + text + "'");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("ExplicitHashKey must be decimal digits, got '" + text + "'");
            }
        }
        BigInteger key = new BigInteger(text);
        if (key.compareTo(MAX_HASH_KEY) > 0) {
            throw new IllegalArgumentException("ExplicitHashKey must be below 2^128, got " + text);
        }
        return key;
    }

    /** A partition key is 1 to 256 characters (Unicode code units, as the service counts them). */
    public static void validatePartitionKey(String partitionKey) {
        if (partitionKey == null || partitionKey.isEmpty()) {
            throw new IllegalArgumentException("partition key must not be empty");
        }
        if (partitionKey.length() > MAX_PARTITION_KEY_CHARS) {
            throw new IllegalArgumentException("partition key is " + partitionKey.length()
                    + " characters, the limit is " + MAX_PARTITION_KEY_CHARS);
        }
    }

    private static void checkKey(BigInteger key, String what) {
        if (key == null || key.signum() < 0 || key.compareTo(MAX_HASH_KEY) > 0) {
            throw new IllegalArgumentException(what + " must be in [0, 2^128 - 1], got " + key);
        }
    }
}
