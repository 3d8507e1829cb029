package dev.silt.mapreduce.gen;

import com.github.luben.zstd.ZstdOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/** How landed event files are compressed, and the file suffix that says so. */
public enum Compression {
    NONE(".json"),
    /** gzip at the fastest level: generated data is for processing, not for archiving. */
    GZIP(".json.gz"),
    /** zstd level 3 (zstd-jni), single-threaded so the output is reproducible. */
    ZSTD(".json.zst");

    private static final int BUFFER = 64 * 1024;

    private final String suffix;

    Compression(String suffix) {
        this.suffix = suffix;
    }

    /** The file suffix including {@code .json}, e.g. {@code .json.gz}. */
    public String suffix() {
        return suffix;
    }

    /** The name used on the command line: {@code none}, {@code gzip} or {@code zstd}. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code none}, {@code gzip} or {@code zstd} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the unknown value and the accepted ones
     */
    public static Compression parse(String name) {
        for (Compression c : values()) {
            if (c.cliName().equalsIgnoreCase(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown compression '" + name + "' (expected one of "
                + Arrays.stream(values()).map(Compression::cliName).collect(Collectors.joining(", ")) + ")");
    }

    /** Wraps {@code out}; closing the returned stream finishes the compressed frame and closes {@code out}. */
    public OutputStream wrap(OutputStream out) throws IOException {
        switch (this) {
            case NONE:
                return out;
            case GZIP:
                return new FastGzipOutputStream(out);
            case ZSTD:
                return new ZstdOutputStream(out, 3);
        }
        throw new AssertionError(this);
    }

    private static final class FastGzipOutputStream extends GZIPOutputStream {
        FastGzipOutputStream(OutputStream out) throws IOException {
            super(out, BUFFER);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }
}
