package dev.silt.sql.pgwire.internal;

import io.netty.buffer.ByteBuf;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL's binary {@code numeric}: int16 digit count, int16 weight (base-10000 exponent of the first digit),
 * int16 sign, int16 display scale, then base-10000 digits, most significant first. Stateless.
 */
final class PgNumeric {
    private static final int POSITIVE = 0x0000;
    private static final int NEGATIVE = 0x4000;
    private static final int NAN = 0xC000;
    private static final BigInteger NBASE = BigInteger.valueOf(10_000);

    private PgNumeric() {}

    /** Writes {@code v}, length prefix included. */
    static void write(BigDecimal v, ByteBuf out) {
        int dscale = Math.max(v.scale(), 0);
        String plain = v.abs().setScale(dscale).toPlainString();
        int dot = plain.indexOf('.');
        String intPart = dot < 0 ? plain : plain.substring(0, dot);
        String fracPart = dot < 0 ? "" : plain.substring(dot + 1);
        intPart = intPart.replaceFirst("^0+", "");
        List<Integer> digits = new ArrayList<>();
        int lead = (4 - intPart.length() % 4) % 4;
        String paddedInt = "0".repeat(lead) + intPart;
        for (int i = 0; i < paddedInt.length(); i += 4) {
            digits.add(Integer.parseInt(paddedInt.substring(i, i + 4)));
        }
        int weight = digits.size() - 1;
        String paddedFrac = fracPart + "0".repeat((4 - fracPart.length() % 4) % 4);
        for (int i = 0; i < paddedFrac.length(); i += 4) {
            digits.add(Integer.parseInt(paddedFrac.substring(i, i + 4)));
        }
        int first = 0;
        while (first < digits.size() && digits.get(first) == 0) {
            first++;
            weight--;
        }
        int last = digits.size();
        while (last > first && digits.get(last - 1) == 0) {
            last--;
        }
        int n = last - first;
        out.writeInt(8 + 2 * n);
        out.writeShort(n);
        out.writeShort(n == 0 ? 0 : weight);
        out.writeShort(v.signum() < 0 ? NEGATIVE : POSITIVE);
        out.writeShort(dscale);
        for (int i = first; i < last; i++) {
            out.writeShort(digits.get(i));
        }
    }

    /** Reads a value of {@code len} bytes (the length prefix already consumed). */
    static BigDecimal read(ByteBuf in, int len) {
        if (len < 8) {
            throw new IllegalArgumentException("binary numeric needs at least 8 bytes, got " + len);
        }
        int n = in.readUnsignedShort();
        int weight = in.readShort();
        int sign = in.readUnsignedShort();
        int dscale = in.readUnsignedShort();
        if (sign == NAN) {
            throw new IllegalArgumentException("NaN is not a supported numeric value");
        }
        if (len != 8 + 2 * n || (sign != POSITIVE && sign != NEGATIVE)) {
            throw new IllegalArgumentException("malformed binary numeric");
        }
        BigInteger unscaled = BigInteger.ZERO;
        for (int i = 0; i < n; i++) {
            int d = in.readUnsignedShort();
            if (d >= 10_000) {
                throw new IllegalArgumentException("malformed binary numeric digit " + d);
            }
            unscaled = unscaled.multiply(NBASE).add(BigInteger.valueOf(d));
        }
        // the digits read are worth 10000^(weight - n + 1) each
        BigDecimal v = new BigDecimal(unscaled).scaleByPowerOfTen(4 * (weight - n + 1));
        v = v.setScale(dscale, java.math.RoundingMode.UNNECESSARY);
        return sign == NEGATIVE ? v.negate() : v;
    }
}
