package dev.silt.mapreduce.gen;

/**
 * What a URL serves, which shapes the request: method, status mix, response size and latency.
 * Distributions are per kind so that, say, the slowest requests are searches and checkouts, not images.
 */
enum UrlKind {
    HOME(0, new LogNormal(9_000, 0.5), new LogNormal(70, 0.7)),
    PAGE(0, new LogNormal(6_000, 0.8), new LogNormal(90, 0.8)),
    SEARCH(0, new LogNormal(14_000, 0.6), new LogNormal(180, 0.8)),
    PRODUCT(0, new LogNormal(11_000, 0.7), new LogNormal(110, 0.7)),
    CART(0.3, new LogNormal(4_000, 0.6), new LogNormal(120, 0.6)),
    CHECKOUT(0.5, new LogNormal(5_000, 0.5), new LogNormal(320, 0.7)),
    STATIC(0, new LogNormal(30_000, 1.2), new LogNormal(12, 0.7)),
    API(0.2, new LogNormal(1_200, 1.0), new LogNormal(40, 0.9));

    /** Bodies of error pages and redirects. */
    static final LogNormal ERROR_BYTES = new LogNormal(600, 0.3);

    /** Server errors are slow: timeouts and retries behind them. */
    static final LogNormal ERROR_LATENCY = new LogNormal(900, 1.0);

    final double postShare;
    final LogNormal bytes;
    final LogNormal latencyMs;

    UrlKind(double postShare, LogNormal bytes, LogNormal latencyMs) {
        this.postShare = postShare;
        this.bytes = bytes;
        this.latencyMs = latencyMs;
    }
}
