package dev.silt.ingest.stream;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
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

    /** Digits of every issued sequence number: "49", then 54 digits holding the zero-padded offset. */
    private static final int LENGTH = 56;

    /** Digits of {@link Long#MAX_VALUE}: the offset occupies the last 19 digits, the rest are a constant prefix. */
    private static final int OFFSET_DIGITS = 19;

    /**
     * The first {@code LENGTH - OFFSET_DIGITS} characters of every issued sequence number ("49" then zeros), so
     * formatting and parsing work on a {@code long} and never build a {@link BigInteger} per record.
     */
    private static final String PREFIX = BASE.toString().substring(0, LENGTH - OFFSET_DIGITS);

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
        byte[] digits = new byte[LENGTH];
        for (int i = 0; i < PREFIX.length(); i++) {
            digits[i] = (byte) PREFIX.charAt(i);
        }
        long rest = offset;
        for (int i = LENGTH - 1; i >= PREFIX.length(); i--) {
            digits[i] = (byte) ('0' + (int) (rest % 10));
            rest /= 10;
        }
        return new String(digits, StandardCharsets.US_ASCII);
    }

    /** The shard-log offset of a wire sequence number. */
    public static long parse(String sequenceNumber) {
        long fast = parseIssued(sequenceNumber);
        if (fast >= 0) {
            return fast;
        }
        // Anything else is malformed or out of range: the exact checks below name what is wrong.
        BigInteger value = parseDecimal(sequenceNumber);
        if (value.compareTo(BASE) < 0 || value.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("'" + sequenceNumber + "' is not a sequence number issued by silt");
        }
        return value.subtract(BASE).longValueExact();
    }

    /**
     * The offset of a string shaped exactly like an issued sequence number (56 digits, the constant prefix, an
     * offset of at most {@link Long#MAX_VALUE}), or -1 when it is not, leaving the diagnosis to the slow path.
     */
    private static long parseIssued(String s) {
        if (s == null || s.length() != LENGTH || !s.startsWith(PREFIX)) {
            return -1;
        }
        long value = 0;
        for (int i = PREFIX.length(); i < LENGTH; i++) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            // value * 10 + d must stay at or below Long.MAX_VALUE.
            if (value > (Long.MAX_VALUE - d) / 10) {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
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
