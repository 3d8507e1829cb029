package dev.silt.ingest.stream;

import java.math.BigInteger;
import java.util.Comparator;

/**
 * Kinesis-style sequence numbers: decimal strings, unique and strictly increasing within a shard.
 *
 * <p>A shard log numbers its records with a plain {@code long} offset (0, 1, 2, ...). On the wire that offset is
 * shown as {@code BASE + offset}, a 56-digit decimal like the ones Kinesis hands out, so clients that store or
 * compare them as strings of equal length, or as big integers, both see the right order.
 */
public final class SequenceNumbers {
    /** Added to every offset: 49 followed by 54 zeros, the shape of a Kinesis sequence number. */
    public static final BigInteger BASE = new BigInteger("49").multiply(BigInteger.TEN.pow(54));

    private static final BigInteger MAX = BASE.add(BigInteger.valueOf(Long.MAX_VALUE));

    /** Kinesis accepts {@code 0|([1-9]\d{0,128})}. */
    private static final int MAX_DIGITS = 129;

    /** Orders sequence-number strings numerically. */
    public static final Comparator<String> ORDER = SequenceNumbers::compare;

    private SequenceNumbers() {}

    /** The wire form of a shard-log offset. */
    public static String format(long offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("sequence offset must not be negative: " + offset);
        }
        return BASE.add(BigInteger.valueOf(offset)).toString();
    }

    /** The shard-log offset of a wire sequence number. */
    public static long parse(String sequenceNumber) {
        BigInteger value = parseDecimal(sequenceNumber);
        if (value.compareTo(BASE) < 0 || value.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("'" + sequenceNumber + "' is not a sequence number issued by silt");
        }
        return value.subtract(BASE).longValueExact();
    }

    /** Compares two sequence numbers numerically; both must be well-formed decimals. */
    public static int compare(String a, String b) {
        return parseDecimal(a).compareTo(parseDecimal(b));
    }

    private static BigInteger parseDecimal(String s) {
        if (s == null || s.isEmpty()) {
            throw new IllegalArgumentException("sequence number must not be empty");
        }
        if (s.length() > MAX_DIGITS) {
            throw new IllegalArgumentException("sequence number longer than " + MAX_DIGITS + " digits");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("sequence number must be decimal digits, got '" + s + "'");
            }
        }
        if (s.length() > 1 && s.charAt(0) == '0') {
            throw new IllegalArgumentException("sequence number must not have leading zeros, got '" + s + "'");
        }
        return new BigInteger(s);
    }
}
