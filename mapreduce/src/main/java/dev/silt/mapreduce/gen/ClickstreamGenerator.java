package dev.silt.mapreduce.gen;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes synthetic clickstream events as landed newline-delimited JSON:
 * {@code <output>/yyyy/MM/dd/HH/events-NNNNN.json[.gz|.zst]}, one folder per UTC hour of the events' time.
 *
 * <p>Deterministic: the same options give the same lines in the same files (and, for the same zlib and zstd
 * library versions, the same compressed bytes). Nothing depends on the clock or the machine. Within a file,
 * events are in time order, as one logger would write them; with several files per hour, events go to the
 * files round-robin, as several loggers behind a load balancer would write them.
 *
 * <p>Traffic is skewed like a real site: users and URLs are Zipf-distributed, countries and browsers are
 * weighted, sizes and latencies are log-normal per kind of page, and the volume follows a daily curve. Users
 * act in visits (bursts under one session id, a minute or so apart), so sessionization has something to find.
 * A configured fraction of lines is broken on purpose (truncated, not JSON, a required field missing, or a
 * field of the wrong type or value), so quarantine paths can be tested.
 *
 * <p>Existing files with the same names are replaced; other files under the output are left alone.
 */
public final class ClickstreamGenerator {
    private static final long HOUR_MS = 3_600_000L;
    private static final int BUFFER = 256 * 1024;

    private final ClickstreamOptions options;

    public ClickstreamGenerator(ClickstreamOptions options) {
        this.options = options;
    }

    /** Writes the events; not safe to run twice at once on the same output. */
    public GenerationStats generate(Configuration conf) throws IOException {
        long began = System.nanoTime();
        Path root = new Path(options.output());
        FileSystem fs = root.getFileSystem(conf);
        long[] perHour = linesPerHour(options.events(), options.hours(), options.start());
        int visits = (int) Math.max(1, Math.min(65_536, options.events() / options.hours() / 60));
        EventWriter writer = new EventWriter(options, visits);
        // Which lines are malformed is chosen by selection sampling: exactly round(events * fraction) of them.
        SplittableRandom picker = new SplittableRandom(EventWriter.mix(options.seed() + 0x6d616c66L));
        long malformedLeft = Math.round(options.events() * options.malformedFraction());
        long linesLeft = options.events();

        List<GenerationStats.Hour> hours = new ArrayList<>();
        long raw = 0;
        long stored = 0;
        long malformedTotal = 0;
        int fileCount = 0;
        for (int h = 0; h < perHour.length; h++) {
            long lines = perHour[h];
            Instant hourStart = options.start().plusMillis(h * HOUR_MS);
            int files = (int) Math.min(options.filesPerHour(), lines);
            ZonedDateTime t = hourStart.atZone(ZoneOffset.UTC);
            byte[] prefix = String.format(
                            Locale.ROOT,
                            "%04d-%02d-%02dT%02d:",
                            t.getYear(),
                            t.getMonthValue(),
                            t.getDayOfMonth(),
                            t.getHour())
                    .getBytes(StandardCharsets.US_ASCII);
            Path dir = new Path(root, hourDirectory(hourStart));
            Sink[] sinks = new Sink[files];
            long malformedHere = 0;
            try {
                for (int f = 0; f < files; f++) {
                    sinks[f] = new Sink(fs, new Path(dir, fileName(f)));
                }
                for (long i = 0; i < lines; i++) {
                    long lo = i * HOUR_MS / lines;
                    long hi = (i + 1) * HOUR_MS / lines;
                    int ms = (int) (hi > lo ? lo + picker.nextLong(hi - lo) : lo);
                    boolean malformed = picker.nextLong(linesLeft) < malformedLeft;
                    linesLeft--;
                    if (malformed) {
                        malformedLeft--;
                        malformedHere++;
                    }
                    LineBuffer b = sinks[(int) (i % files)].buffer;
                    b.ensure();
                    writer.write(b, prefix, ms, malformed);
                }
            } finally {
                for (Sink s : sinks) {
                    if (s != null) {
                        s.close();
                    }
                }
            }
            for (Sink s : sinks) {
                raw += s.buffer.written();
                stored += s.stored.count;
            }
            fileCount += files;
            malformedTotal += malformedHere;
            hours.add(new GenerationStats.Hour(hourStart, lines, malformedHere, files));
        }
        return new GenerationStats(
                options.events(), malformedTotal, fileCount, raw, stored, hours, System.nanoTime() - began);
    }

    /** {@code yyyy/MM/dd/HH} of the UTC hour that starts at {@code hour}. */
    public static String hourDirectory(Instant hour) {
        ZonedDateTime t = hour.atZone(ZoneOffset.UTC);
        return String.format(
                Locale.ROOT, "%04d/%02d/%02d/%02d", t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour());
    }

    private String fileName(int index) {
        return String.format(
                Locale.ROOT, "events-%05d%s", index, options.compression().suffix());
    }

    /**
     * Spreads {@code events} over the hours along a daily curve (busiest mid-afternoon UTC, when the Americas
     * and Europe overlap), by largest remainder so the counts add up exactly.
     */
    static long[] linesPerHour(long events, int hours, Instant start) {
        int firstHourOfDay = start.atZone(ZoneOffset.UTC).getHour();
        double[] weight = new double[hours];
        double total = 0;
        for (int h = 0; h < hours; h++) {
            int hourOfDay = (firstHourOfDay + h) % 24;
            weight[h] = 1 + 0.6 * StrictMath.sin(2 * StrictMath.PI * (hourOfDay - 9) / 24.0);
            total += weight[h];
        }
        long[] lines = new long[hours];
        double[] remainder = new double[hours];
        long assigned = 0;
        for (int h = 0; h < hours; h++) {
            double exact = events * weight[h] / total;
            lines[h] = (long) Math.floor(exact);
            remainder[h] = exact - lines[h];
            assigned += lines[h];
        }
        for (long left = events - assigned; left > 0; left--) {
            int best = 0;
            for (int h = 1; h < hours; h++) {
                if (remainder[h] > remainder[best]) {
                    best = h;
                }
            }
            lines[best]++;
            remainder[best] = -1;
        }
        return lines;
    }

    /** One output file: storage stream, compression, and the line buffer in front. */
    private final class Sink implements AutoCloseable {
        final CountingOutputStream stored;
        final OutputStream compressed;
        final LineBuffer buffer;

        Sink(FileSystem fs, Path file) throws IOException {
            stored = new CountingOutputStream(fs.create(file, true));
            compressed = options.compression().wrap(stored);
            buffer = new LineBuffer(compressed, BUFFER);
        }

        @Override
        public void close() throws IOException {
            try {
                buffer.flush();
            } finally {
                compressed.close();
            }
        }
    }

    private static final class CountingOutputStream extends OutputStream {
        private final OutputStream out;
        long count;

        CountingOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
