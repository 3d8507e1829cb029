package dev.silt.mapreduce.gen;

/**
 * A log-normal distribution sampled from a precomputed quantile table.
 *
 * <p>The table is built once with {@link StrictMath}; sampling is a table look-up plus linear interpolation,
 * so it is fast and gives the same value for the same random bits on every JVM (unlike {@code Math.exp},
 * whose last bit may differ between the interpreter and compiled code). The extreme tail beyond the
 * 1/8192 quantiles is cut off, which suits request sizes and latencies. Immutable.
 */
final class LogNormal {
    private static final int BITS = 12;
    private static final int SIZE = 1 << BITS;

    private final double[] quantiles = new double[SIZE + 1];

    /**
     * @param median the distribution's median ({@code exp(mu)})
     * @param sigma the standard deviation of the underlying normal
     */
    LogNormal(double median, double sigma) {
        if (!(median > 0) || !(sigma >= 0)) {
            throw new IllegalArgumentException("median must be > 0 and sigma >= 0");
        }
        for (int i = 0; i <= SIZE; i++) {
            double p = (i + 0.5) / (SIZE + 1);
            quantiles[i] = median * StrictMath.exp(sigma * inverseNormal(p));
        }
    }

    double sample(long bits) {
        int i = (int) (bits >>> (64 - BITS));
        double fraction = (bits & ((1L << 52) - 1)) * 0x1.0p-52;
        return quantiles[i] + (quantiles[i + 1] - quantiles[i]) * fraction;
    }

    /** Rounded to a non-negative long. */
    long sampleLong(long bits) {
        return Math.round(sample(bits));
    }

    /** Acklam's rational approximation of the standard normal quantile (relative error below 1.2e-9). */
    static double inverseNormal(double p) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("p must be in (0, 1): " + p);
        }
        final double pLow = 0.02425;
        if (p < pLow) {
            return tail(StrictMath.sqrt(-2 * StrictMath.log(p)));
        }
        if (p > 1 - pLow) {
            return -tail(StrictMath.sqrt(-2 * StrictMath.log(1 - p)));
        }
        double q = p - 0.5;
        double r = q * q;
        double num = (((((-3.969683028665376e+01 * r + 2.209460984245205e+02) * r - 2.759285104469687e+02) * r
                                                + 1.383577518672690e+02)
                                        * r
                                - 3.066479806614716e+01)
                        * r
                + 2.506628277459239e+00);
        double den = (((((-5.447609879822406e+01 * r + 1.615858368580409e+02) * r - 1.556989798598866e+02) * r
                                                + 6.680131188771972e+01)
                                        * r
                                - 1.328068155288572e+01)
                        * r
                + 1);
        return num * q / den;
    }

    private static double tail(double q) {
        double num = (((((-7.784894002430293e-03 * q - 3.223964580411365e-01) * q - 2.400758277161838e+00) * q
                                                - 2.549732539343734e+00)
                                        * q
                                + 4.374664141464968e+00)
                        * q
                + 2.938163982698783e+00);
        double den = ((((7.784695709041462e-03 * q + 3.224671290700398e-01) * q + 2.445134137142996e+00) * q
                                + 3.754408661907416e+00)
                        * q
                + 1);
        return num / den;
    }
}
