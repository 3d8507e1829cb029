package dev.silt.mapreduce.gen;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Samples an index in {@code [0, n)} with given weights in O(1) (Vose's alias method) from 64 random bits.
 *
 * <p>Only IEEE arithmetic on doubles is used, which Java evaluates strictly, so the same bits give the same
 * index on every JVM. Immutable and thread-safe.
 */
final class AliasTable {
    private final double[] probability;
    private final int[] alias;

    AliasTable(double[] weights) {
        int n = weights.length;
        if (n == 0) {
            throw new IllegalArgumentException("no weights");
        }
        double total = 0;
        for (double w : weights) {
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("weight must be finite and >= 0: " + w);
            }
            total += w;
        }
        if (total <= 0) {
            throw new IllegalArgumentException("weights sum to zero");
        }
        probability = new double[n];
        alias = new int[n];
        double[] scaled = new double[n];
        Deque<Integer> small = new ArrayDeque<>();
        Deque<Integer> large = new ArrayDeque<>();
        for (int i = 0; i < n; i++) {
            scaled[i] = weights[i] * n / total;
            (scaled[i] < 1.0 ? small : large).push(i);
        }
        while (!small.isEmpty() && !large.isEmpty()) {
            int s = small.pop();
            int l = large.pop();
            probability[s] = scaled[s];
            alias[s] = l;
            scaled[l] = (scaled[l] + scaled[s]) - 1.0;
            (scaled[l] < 1.0 ? small : large).push(l);
        }
        while (!large.isEmpty()) {
            int l = large.pop();
            probability[l] = 1.0;
            alias[l] = l;
        }
        while (!small.isEmpty()) {
            // Only rounding leaves entries here; they are (almost exactly) full columns.
            int s = small.pop();
            probability[s] = 1.0;
            alias[s] = s;
        }
    }

    /** Zipf-like weights {@code 1 / (rank + 1)^exponent} for ranks {@code 0..n-1}. */
    static AliasTable zipf(int n, double exponent) {
        double[] weights = new double[n];
        for (int i = 0; i < n; i++) {
            weights[i] = 1.0 / StrictMath.pow(i + 1.0, exponent);
        }
        return new AliasTable(weights);
    }

    int size() {
        return probability.length;
    }

    /** Picks an index from 64 random bits: the high half chooses the column, the low half the side. */
    int sample(long bits) {
        int column = (int) (((bits >>> 32) * probability.length) >>> 32);
        double u = (bits & 0xffffffffL) * 0x1.0p-32;
        return u < probability[column] ? column : alias[column];
    }
}
