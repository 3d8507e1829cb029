package dev.silt.mapreduce.gen;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * What {@link ClickstreamGenerator} writes. Immutable; the canonical constructor rejects bad values with an
 * {@link IllegalArgumentException} that names the option.
 *
 * @param events lines to write, malformed ones included (>= 0)
 * @param output root of the landed layout on any Hadoop file system ({@code file://}, {@code hdfs://}, …)
 * @param seed the only source of randomness: the same options give the same bytes
 * @param compression how each file is compressed
 * @param hours consecutive UTC hours the events span (>= 1)
 * @param start the first hour, on a whole UTC hour
 * @param filesPerHour files each hour's events are spread over, as by that many loggers (>= 1)
 * @param malformedFraction share of lines that are deliberately broken, in [0, 1]
 * @param users distinct users to draw from, Zipf-distributed (1 to 10,000,000)
 * @param urls distinct URL paths to draw from, Zipf-distributed (1 to 1,000,000)
 */
public record ClickstreamOptions(
        long events,
        URI output,
        long seed,
        Compression compression,
        int hours,
        Instant start,
        int filesPerHour,
        double malformedFraction,
        int users,
        int urls) {

    public static final long DEFAULT_SEED = 42;
    public static final Compression DEFAULT_COMPRESSION = Compression.GZIP;
    public static final int DEFAULT_HOURS = 1;
    public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");
    public static final int DEFAULT_FILES_PER_HOUR = 1;
    public static final double DEFAULT_MALFORMED_FRACTION = 0.001;
    public static final int DEFAULT_USERS = 100_000;
    public static final int DEFAULT_URLS = 5_000;

    /** User ids are "u" + 7 digits. */
    public static final int MAX_USERS = 10_000_000;

    public static final int MAX_URLS = 1_000_000;

    public ClickstreamOptions {
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(compression, "compression");
        Objects.requireNonNull(start, "start");
        if (events < 0) {
            throw new IllegalArgumentException("events must be >= 0, got " + events);
        }
        if (hours < 1) {
            throw new IllegalArgumentException("hours must be >= 1, got " + hours);
        }
        if (start.getNano() != 0 || start.getEpochSecond() % 3600 != 0) {
            throw new IllegalArgumentException("start must be on a whole UTC hour, got " + start);
        }
        if (filesPerHour < 1) {
            throw new IllegalArgumentException("files per hour must be >= 1, got " + filesPerHour);
        }
        if (!(malformedFraction >= 0 && malformedFraction <= 1)) {
            throw new IllegalArgumentException("malformed fraction must be in [0, 1], got " + malformedFraction);
        }
        if (users < 1 || users > MAX_USERS) {
            throw new IllegalArgumentException("users must be in [1, " + MAX_USERS + "], got " + users);
        }
        if (urls < 1 || urls > MAX_URLS) {
            throw new IllegalArgumentException("urls must be in [1, " + MAX_URLS + "], got " + urls);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts from the defaults; {@code events} and {@code output} must be set. */
    public static final class Builder {
        private Long events;
        private URI output;
        private long seed = DEFAULT_SEED;
        private Compression compression = DEFAULT_COMPRESSION;
        private int hours = DEFAULT_HOURS;
        private Instant start = DEFAULT_START;
        private int filesPerHour = DEFAULT_FILES_PER_HOUR;
        private double malformedFraction = DEFAULT_MALFORMED_FRACTION;
        private int users = DEFAULT_USERS;
        private int urls = DEFAULT_URLS;

        private Builder() {}

        public Builder events(long value) {
            this.events = value;
            return this;
        }

        public Builder output(URI value) {
            this.output = value;
            return this;
        }

        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        public Builder compression(Compression value) {
            this.compression = value;
            return this;
        }

        public Builder hours(int value) {
            this.hours = value;
            return this;
        }

        public Builder start(Instant value) {
            this.start = value;
            return this;
        }

        public Builder filesPerHour(int value) {
            this.filesPerHour = value;
            return this;
        }

        public Builder malformedFraction(double value) {
            this.malformedFraction = value;
            return this;
        }

        public Builder users(int value) {
            this.users = value;
            return this;
        }

        public Builder urls(int value) {
            this.urls = value;
            return this;
        }

        public ClickstreamOptions build() {
            if (events == null) {
                throw new IllegalArgumentException("events is required");
            }
            if (output == null) {
                throw new IllegalArgumentException("output is required");
            }
            return new ClickstreamOptions(
                    events, output, seed, compression, hours, start, filesPerHour, malformedFraction, users, urls);
        }
    }
}
