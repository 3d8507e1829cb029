package dev.silt.bench;

import dev.silt.ingest.IngestKeys;
import dev.silt.ingest.delivery.DeliveryConfig;
import dev.silt.ingest.delivery.DeliveryStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.apache.hadoop.conf.Configuration;

/**
 * Stream to durable files: how many records per second a delivery stream lands, and how late a record is from its
 * put to the moment its file is durable, for raw gzip JSON lines and for ORC, at 100-byte and 1 KiB records.
 *
 * <p>Per record size and output format, two phases over a fresh feed and destination under the work directory:
 *
 * <ol>
 *   <li><b>Catch-up</b>: {@code --records} records are put first; then a plain reader reads them all (the
 *       stream's own read throughput, the ceiling), then a delivery stream lands them all from the beginning. Its
 *       rate is records over the time from its start to its last file.
 *   <li><b>Fixed rate</b>: a running delivery stream while a producer puts {@code --rate} records/s for {@code
 *       --duration}; lag per record is its file's landing wall time minus the record's put wall time (carried in
 *       the record), over every record put after the first {@code --warmup}.
 * </ol>
 *
 * Both phases read every landed file back and check that each record landed exactly once.
 */
public final class DeliveryBench {
    private static final PrintStream OUT = System.out;

    private DeliveryBench() {}

    private static Options options() {
        Options o = new Options();
        o.addOption(opt("feed", "stream|direct", "what the delivery reads: a silt stream (default) or direct put"));
        o.addOption(opt("sizes", "bytes,…", "record sizes (default 100,1024)"));
        o.addOption(opt("formats", "id,…", "gzip (JSON lines, gzip), orc (ORC, zstd) (default gzip,orc)"));
        o.addOption(opt("records", "n", "records of the catch-up phase per 100 bytes of record (default 2000000)"));
        o.addOption(opt("rate", "records/s", "input rate of the fixed-rate phase (default 50000)"));
        o.addOption(opt("duration", "seconds", "producing time of the fixed-rate phase (default 20)"));
        o.addOption(opt("warmup", "seconds", "first seconds of the fixed-rate phase left out of the lag (default 3)"));
        o.addOption(opt("interval", "seconds", "buffer interval hint of the delivery (default 1)"));
        o.addOption(opt("buffer-mb", "MiB", "buffer size hint of the delivery (default 8)"));
        o.addOption(opt("shards", "n", "stream shards (default 2)"));
        o.addOption(opt("phases", "id,…", "catchup, rate (default both)"));
        o.addOption(opt("work", "dir", "work directory (default bench/target/delivery), emptied first"));
        o.addOption(Option.builder("D")
                .argName("key=value")
                .numberOfArgs(2)
                .valueSeparator('=')
                .desc("a delivery or stream setting (silt.ingest.*)")
                .build());
        o.addOption(Option.builder().longOpt("help").desc("this text").build());
        return o;
    }

    private static Option opt(String name, String arg, String desc) {
        return Option.builder().longOpt(name).hasArg().argName(arg).desc(desc).build();
    }

    public static void main(String[] args) throws Exception {
        int code;
        try {
            code = run(args);
        } catch (IllegalArgumentException | ParseException e) {
            System.err.println("delivery-bench: " + e.getMessage());
            code = 2;
        }
        // exit-ok: the benchmark's main turns its outcome into the process exit code.
        System.exit(code);
    }

    static int run(String[] args) throws Exception {
        CommandLine cl = new DefaultParser().parse(options(), args);
        if (cl.hasOption("help")) {
            new HelpFormatter().printHelp("bench/run-delivery.sh [options]", options());
            return 0;
        }
        Settings s = new Settings(cl);
        Files.createDirectories(s.work);
        OUT.printf(
                Locale.ROOT,
                "delivery bench: feed %s, %d shards, interval %d s, buffer %d MiB, %d cores, max heap %d MiB%n",
                s.feed,
                s.shards,
                s.intervalSeconds,
                s.bufferMb,
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        List<String> rows = new ArrayList<>();
        for (int size : s.sizes) {
            for (String format : s.formats) {
                if (s.phases.contains("catchup")) {
                    rows.add(catchUp(s, size, format));
                }
                if (s.phases.contains("rate")) {
                    rows.add(fixedRate(s, size, format));
                }
            }
        }
        OUT.println();
        OUT.println("| phase | record | format | records | records/s | MB/s in | stream read rec/s | delivery ÷ read"
                + " | files | p50 lag ms | p99 lag ms | max lag ms | exact |");
        OUT.println("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        rows.forEach(OUT::println);
        return rows.stream().allMatch(r -> r.endsWith("| yes |")) ? 0 : 1;
    }

    private static String catchUp(Settings s, int size, String format) throws Exception {
        long n = s.recordsPer100Bytes * 100 / size;
        DeliveryPayloads payloads = new DeliveryPayloads(size);
        Path dir = s.fresh("catchup-" + size + "-" + format);
        DeliveryConfig config = s.config(format, n * size);
        try (DeliveryFeed feed = s.feed(config, dir)) {
            long putStart = System.nanoTime();
            long now = System.currentTimeMillis();
            List<byte[]> batch = new ArrayList<>(500);
            for (long id = 0; id < n; id++) {
                batch.add(payloads.record(id, now));
                if (batch.size() == 500) {
                    feed.put(batch);
                    batch = new ArrayList<>(500);
                }
            }
            if (!batch.isEmpty()) {
                feed.put(batch);
            }
            double putSeconds = (System.nanoTime() - putStart) / 1e9;
            long readNanos = feed.readAllNanos(n);
            double readRate = readNanos < 0 ? Double.NaN : n / (readNanos / 1e9);
            OUT.printf(
                    Locale.ROOT,
                    "catch-up %d B %s: put %,d records in %.1f s (%,.0f/s); plain read %s%n",
                    size,
                    format,
                    n,
                    putSeconds,
                    n / putSeconds,
                    readNanos < 0 ? "n/a" : String.format(Locale.ROOT, "%,.0f records/s", readRate));
            LandedLedger ledger = new LandedLedger();
            long start = System.nanoTime();
            try (DeliveryStream delivery = DeliveryStream.builder(
                            config, dir.resolve("out").toUri().toString())
                    .source(feed.source())
                    .sink(ledger)
                    .hadoopConf(s.hadoop)
                    .open()) {
                delivery.start();
                waitFor(ledger, delivery, n, 600);
            }
            double seconds = (ledger.lastLandedNanos() - start) / 1e9;
            double rate = n / seconds;
            LandedLedger.Check check = ledger.check(s.hadoop, n, Long.MAX_VALUE);
            OUT.printf(
                    Locale.ROOT,
                    "catch-up %d B %s: delivery landed %,d records in %,d files in %.2f s: %,.0f records/s%n",
                    size,
                    format,
                    ledger.records(),
                    ledger.files(),
                    seconds,
                    rate);
            return row(
                    "catch-up",
                    size,
                    format,
                    n,
                    rate,
                    rate * size / 1e6,
                    readRate,
                    rate / readRate,
                    ledger.files(),
                    null,
                    check);
        }
    }

    private static String fixedRate(Settings s, int size, String format) throws Exception {
        DeliveryPayloads payloads = new DeliveryPayloads(size);
        Path dir = s.fresh("rate-" + size + "-" + format);
        DeliveryConfig config = s.config(format, 0);
        long total = (long) s.rate * s.durationSeconds;
        LandedLedger ledger = new LandedLedger();
        long warmupEndsMillis;
        try (DeliveryFeed feed = s.feed(config, dir);
                DeliveryStream delivery = DeliveryStream.builder(
                                config, dir.resolve("out").toUri().toString())
                        .source(feed.source())
                        .sink(ledger)
                        .hadoopConf(s.hadoop)
                        .open()) {
            delivery.start();
            // Ticks of 10 ms, each putting what the schedule says is due, so a late tick catches up.
            long startNanos = System.nanoTime();
            warmupEndsMillis = System.currentTimeMillis() + s.warmupSeconds * 1000L;
            long id = 0;
            long behindMaxMillis = 0;
            while (id < total) {
                long elapsed = System.nanoTime() - startNanos;
                long due = Math.min(total, (long) (elapsed / 1e9 * s.rate));
                if (id < due) {
                    behindMaxMillis = Math.max(behindMaxMillis, (long) ((due - id) * 1000.0 / s.rate));
                }
                while (id < due) {
                    int count = (int) Math.min(500, due - id);
                    List<byte[]> batch = new ArrayList<>(count);
                    long now = System.currentTimeMillis();
                    for (int i = 0; i < count; i++) {
                        batch.add(payloads.record(id++, now));
                    }
                    feed.put(batch);
                }
                long next = startNanos + (long) ((id + Math.max(1, s.rate / 100)) * 1e9 / s.rate);
                long sleep = next - System.nanoTime();
                if (sleep > 0) {
                    Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                }
            }
            double producing = (System.nanoTime() - startNanos) / 1e9;
            waitFor(ledger, delivery, total, 120);
            OUT.printf(
                    Locale.ROOT,
                    "rate %d B %s: put %,d records in %.1f s (%,.0f/s, at most %d ms behind schedule); %,d files%n",
                    size,
                    format,
                    total,
                    producing,
                    total / producing,
                    behindMaxMillis,
                    ledger.files());
        }
        LandedLedger.Check check = ledger.check(s.hadoop, total, warmupEndsMillis);
        return row(
                "rate " + s.rate + "/s",
                size,
                format,
                total,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                ledger.files(),
                check.lag(),
                check);
    }

    private static void waitFor(LandedLedger ledger, DeliveryStream delivery, long n, int timeoutSeconds)
            throws InterruptedException, IOException {
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        while (ledger.records() + ledger.errorRecords() < n) {
            if (System.nanoTime() > deadline) {
                throw new IOException("delivery landed " + ledger.records() + " of " + n + " records in "
                        + timeoutSeconds + " s; last failure: " + delivery.lastFailure());
            }
            Thread.sleep(2);
        }
        if (ledger.errorRecords() > 0) {
            throw new IOException(ledger.errorRecords() + " records went to the error output");
        }
    }

    private static String row(
            String phase,
            int size,
            String format,
            long records,
            double rate,
            double mbPerSecond,
            double readRate,
            double ratio,
            long files,
            LatencyHistogram lag,
            LandedLedger.Check check) {
        return String.format(
                Locale.ROOT,
                "| %s | %d B | %s | %,d | %s | %s | %s | %s | %,d | %s | %s | %s | %s |",
                phase,
                size,
                format,
                records,
                Double.isNaN(rate) ? "" : String.format(Locale.ROOT, "%,.0f", rate),
                Double.isNaN(mbPerSecond) ? "" : String.format(Locale.ROOT, "%.1f", mbPerSecond),
                Double.isNaN(readRate) ? "" : String.format(Locale.ROOT, "%,.0f", readRate),
                Double.isNaN(ratio) ? "" : String.format(Locale.ROOT, "%.2f", ratio),
                files,
                lag == null ? "" : String.format(Locale.ROOT, "%.0f", lag.quantileMillis(0.5)),
                lag == null ? "" : String.format(Locale.ROOT, "%.0f", lag.quantileMillis(0.99)),
                lag == null ? "" : String.format(Locale.ROOT, "%.0f", lag.quantileMillis(1.0)),
                check.exact() ? "yes" : "NO: " + check.missing() + " missing, " + check.duplicates() + " duplicated");
    }

    /** The command line, checked. */
    private static final class Settings {
        final String feed;
        final List<Integer> sizes = new ArrayList<>();
        final List<String> formats = new ArrayList<>();
        final List<String> phases;
        final long recordsPer100Bytes;
        final int rate;
        final int durationSeconds;
        final int warmupSeconds;
        final int intervalSeconds;
        final int bufferMb;
        final int shards;
        final Path work;
        final Map<String, String> extra = new HashMap<>();
        final Configuration hadoop = new Configuration();

        Settings(CommandLine cl) {
            feed = cl.getOptionValue("feed", "stream");
            if (!feed.equals("stream") && !feed.equals("direct")) {
                throw new IllegalArgumentException("--feed must be stream or direct, got " + feed);
            }
            for (String v : cl.getOptionValue("sizes", "100,1024").split(",")) {
                sizes.add(Integer.parseInt(v.trim()));
            }
            for (String v : cl.getOptionValue("formats", "gzip,orc").split(",")) {
                String f = v.trim().toLowerCase(Locale.ROOT);
                if (!f.equals("gzip") && !f.equals("orc")) {
                    throw new IllegalArgumentException("--formats takes gzip and orc, got " + v);
                }
                formats.add(f);
            }
            phases = List.of(cl.getOptionValue("phases", "catchup,rate").split(","));
            recordsPer100Bytes = Long.parseLong(cl.getOptionValue("records", "2000000"));
            rate = Integer.parseInt(cl.getOptionValue("rate", "50000"));
            durationSeconds = Integer.parseInt(cl.getOptionValue("duration", "20"));
            warmupSeconds = Integer.parseInt(cl.getOptionValue("warmup", "3"));
            intervalSeconds = Integer.parseInt(cl.getOptionValue("interval", "1"));
            bufferMb = Integer.parseInt(cl.getOptionValue("buffer-mb", "8"));
            shards = Integer.parseInt(cl.getOptionValue("shards", "2"));
            work = Path.of(cl.getOptionValue("work", "bench/target/delivery")).toAbsolutePath();
            if (cl.hasOption("D")) {
                cl.getOptionProperties("D").forEach((k, v) -> extra.put((String) k, (String) v));
            }
        }

        /** The delivery settings of one run; {@code queueBytes} sizes a direct-put queue that holds a preload. */
        DeliveryConfig config(String format, long queueBytes) {
            Map<String, String> conf = new HashMap<>();
            conf.put(IngestKeys.DELIVERY_BUFFER_SIZE_MB.key(), Integer.toString(bufferMb));
            conf.put(IngestKeys.DELIVERY_BUFFER_INTERVAL_SECONDS.key(), Integer.toString(intervalSeconds));
            conf.put(IngestKeys.DELIVERY_IDLE_FLUSH_SECONDS.key(), Integer.toString(intervalSeconds));
            long queueMb = Math.max(64, (queueBytes * 2 >> 20) + 1);
            conf.put(IngestKeys.DELIVERY_DIRECT_PUT_CAPACITY_MB.key(), Long.toString(queueMb));
            if (format.equals("orc")) {
                conf.put(IngestKeys.DELIVERY_FORMAT.key(), "ORC");
                conf.put(IngestKeys.DELIVERY_COMPRESSION.key(), "ZSTD");
                conf.put(IngestKeys.DELIVERY_ORC_SCHEMA.key(), DeliveryPayloads.ORC_SCHEMA);
            } else {
                conf.put(IngestKeys.DELIVERY_FORMAT.key(), "JSON_LINES");
                conf.put(IngestKeys.DELIVERY_COMPRESSION.key(), "GZIP");
            }
            conf.putAll(extra);
            return DeliveryConfig.of("bench", conf);
        }

        DeliveryFeed feed(DeliveryConfig config, Path dir) throws IOException {
            if (feed.equals("direct")) {
                return DeliveryFeed.direct(config);
            }
            return StreamFeed.open(dir.resolve("stream"), shards, extra);
        }

        Path fresh(String name) throws IOException {
            Path dir = work.resolve(name);
            if (Files.exists(dir)) {
                try (var paths = Files.walk(dir)) {
                    for (Path p :
                            paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("README"), "delivery benchmark scratch\n", StandardCharsets.UTF_8);
            return dir;
        }
    }
}
