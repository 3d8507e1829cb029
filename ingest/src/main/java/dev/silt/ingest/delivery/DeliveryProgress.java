package dev.silt.ingest.delivery;

import dev.silt.ingest.delivery.DeliveryMetrics.Snapshot;
import java.util.Locale;

/**
 * The text of a delivery stream's periodic metrics line and of its progress line while it catches up with a
 * backlog. Pure functions of two {@link Snapshot}s (the previous line's and now), so they are the same on every
 * machine and in tests; numbers use {@link Locale#ROOT}.
 */
public final class DeliveryProgress {
    private DeliveryProgress() {}

    /**
     * Counters and lag, e.g. {@code delivery clicks: in 12,000 records (1.2 MiB), out 11,500 records in 8 files
     * (310.0 KiB), errors 3 records in 1 file, lag 2.1 s / 500 records, 1,150 records/s}. The rate is that of
     * records landed between {@code previous} and {@code now}.
     */
    public static String metricsLine(String stream, Snapshot previous, Snapshot now) {
        return String.format(
                Locale.ROOT,
                "delivery %s: in %,d records (%s), out %,d records in %,d files (%s), errors %,d records in %,d files,"
                        + " lag %s / %,d records, %,d records/s",
                stream,
                now.recordsIn(),
                bytes(now.bytesIn()),
                now.recordsOut(),
                now.filesOut(),
                bytes(now.bytesOut()),
                now.errorRecords(),
                now.errorFiles(),
                duration(now.lagMillis()),
                now.lagRecords(),
                Math.round(rate(previous, now)));
    }

    /**
     * Where a delivery that is behind stands, e.g. {@code delivery clicks catching up: 120,000 landed, 380,000 to
     * go (24%), 45,000 records/s, ETA 8.4 s}. "To go" is the records not landed yet (the source's backlog plus the
     * buffered ones); the ETA is that divided by the rate since {@code previous}, or "unknown" while nothing lands.
     */
    public static String progressLine(String stream, Snapshot previous, Snapshot now) {
        long landed = now.landedRecords();
        long toGo = Math.max(0, now.lagRecords());
        double rate = rate(previous, now);
        long percent = landed + toGo == 0 ? 100 : landed * 100 / (landed + toGo);
        String eta = rate > 0 ? duration(Math.round(toGo / rate * 1000)) : "unknown";
        return String.format(
                Locale.ROOT,
                "delivery %s catching up: %,d landed, %,d to go (%d%%), %,d records/s, ETA %s",
                stream,
                landed,
                toGo,
                percent,
                Math.round(rate),
                eta);
    }

    /** Records landed per second between two snapshots; 0 when no time passed. */
    public static double rate(Snapshot previous, Snapshot now) {
        long millis = now.atMillis() - previous.atMillis();
        if (millis <= 0) {
            return 0;
        }
        return (now.landedRecords() - previous.landedRecords()) * 1000.0 / millis;
    }

    /** {@code 512 B}, {@code 1.5 KiB}, {@code 12.0 MiB}, {@code 3.2 GiB}. */
    public static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n / 1024.0;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /** {@code 850 ms}, {@code 12.3 s}, {@code 4 min 05 s}, {@code 2 h 03 min}. */
    public static String duration(long millis) {
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long seconds = millis / 1000;
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", seconds / 3600, seconds % 3600 / 60);
    }
}
