package dev.silt.mapreduce.gen;

import java.time.Instant;
import java.util.List;

/**
 * What one {@link ClickstreamGenerator#generate} run wrote.
 *
 * @param lines lines written, malformed ones included (the {@code events} option)
 * @param malformedLines lines that are deliberately not valid events
 * @param files files created
 * @param rawBytes uncompressed bytes (the JSON lines)
 * @param storedBytes bytes on storage after compression
 * @param hours per UTC hour, in order: lines and malformed lines
 * @param nanos time taken
 */
public record GenerationStats(
        long lines, long malformedLines, int files, long rawBytes, long storedBytes, List<Hour> hours, long nanos) {

    /** One hour folder's share. */
    public record Hour(Instant start, long lines, long malformedLines, int files) {}

    public GenerationStats {
        hours = List.copyOf(hours);
    }

    /** Lines that are valid events. */
    public long validEvents() {
        return lines - malformedLines;
    }

    /** Lines per second of wall time. */
    public double linesPerSecond() {
        return nanos == 0 ? 0 : lines * 1e9 / nanos;
    }

    /** Uncompressed megabytes (10^6 bytes) per second of wall time. */
    public double rawMegabytesPerSecond() {
        return nanos == 0 ? 0 : rawBytes * 1e3 / nanos;
    }
}
