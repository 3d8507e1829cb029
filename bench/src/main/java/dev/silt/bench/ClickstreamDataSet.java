package dev.silt.bench;

import dev.silt.mapreduce.gen.ClickstreamGenerator;
import dev.silt.mapreduce.gen.ClickstreamOptions;
import dev.silt.mapreduce.gen.Compression;
import dev.silt.mapreduce.gen.GenerationStats;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * A generated clickstream data set on the local file system, made once and reused: a marker file beside the data
 * records the generator's options, and a data set is reused only when the marker says exactly the same options.
 * The marker is written last, so an interrupted generation is never mistaken for a finished one.
 */
final class ClickstreamDataSet {
    /** Hours the events span and files per hour: several files so compressed input still gives several map tasks. */
    static final int HOURS = 4;

    static final int FILES_PER_HOUR = 2;

    private final Path root;
    private final ClickstreamOptions options;

    ClickstreamDataSet(Path dir, long events, Compression compression) {
        this.root = dir.toAbsolutePath().resolve("clickstream-" + compression.cliName());
        this.options = ClickstreamOptions.builder()
                .events(events)
                .output(root.toUri())
                .compression(compression)
                .hours(HOURS)
                .filesPerHour(FILES_PER_HOUR)
                .build();
    }

    /** The landed layout's root, to pass as a job's input. */
    Path root() {
        return root;
    }

    private Path marker() {
        return root.resolveSibling(root.getFileName() + ".options");
    }

    private String describe() {
        return String.format(
                Locale.ROOT,
                "events=%d seed=%d compression=%s hours=%d start=%s filesPerHour=%d malformed=%s users=%d urls=%d%n",
                options.events(),
                options.seed(),
                options.compression().cliName(),
                options.hours(),
                options.start(),
                options.filesPerHour(),
                options.malformedFraction(),
                options.users(),
                options.urls());
    }

    /** Generates the data set unless an identical one is already there. */
    void ensure(Configuration conf, PrintStream log) throws IOException {
        String wanted = describe();
        if (Files.isRegularFile(marker())
                && Files.readString(marker(), StandardCharsets.UTF_8).equals(wanted)
                && Files.isDirectory(root)) {
            log.printf(Locale.ROOT, "data: reusing %s (%s)%n", root, wanted.trim());
            return;
        }
        Files.deleteIfExists(marker());
        if (Files.exists(root)) {
            FileSystem.getLocal(conf).delete(new org.apache.hadoop.fs.Path(root.toUri()), true);
        }
        log.printf(Locale.ROOT, "data: generating %s (%s)%n", root, wanted.trim());
        GenerationStats stats = new ClickstreamGenerator(options).generate(conf);
        log.printf(
                Locale.ROOT,
                "data: %,d lines in %,d files, %,d bytes raw, %,d stored, in %.1f s%n",
                stats.lines(),
                stats.files(),
                stats.rawBytes(),
                stats.storedBytes(),
                stats.nanos() / 1e9);
        Files.writeString(marker(), wanted, StandardCharsets.UTF_8);
    }

    /** Bytes of the data files as stored (compressed if they are), skipping the hidden checksum files. */
    long storedBytes(Configuration conf) throws IOException {
        FileSystem fs = FileSystem.getLocal(conf);
        long total = 0;
        RemoteIterator<LocatedFileStatus> files = fs.listFiles(new org.apache.hadoop.fs.Path(root.toUri()), true);
        while (files.hasNext()) {
            LocatedFileStatus f = files.next();
            String name = f.getPath().getName();
            if (!name.startsWith(".") && !name.startsWith("_")) {
                total += f.getLen();
            }
        }
        return total;
    }
}
