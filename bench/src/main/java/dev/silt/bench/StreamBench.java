package dev.silt.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/**
 * Puts small records into silt's stream through the AWS SDK for Java v2 Kinesis client and into an Apache Kafka
 * broker through Kafka's own producer, on loopback, then reads everything back and checks that exactly the
 * acknowledged records came back. Every server runs in its own child JVM with the same heap and GC flags, over a
 * fresh data directory under a temporary directory that is deleted afterwards.
 *
 * <p>Per contender and repetition: start the server, then for each producer thread count a warm-up phase and a
 * measured phase (records accumulate in one stream), then one read-back of the whole stream. Reported per contender
 * and thread count: the median repetition's records/s in, MB/s in and acknowledgement latency; per contender: the
 * median read-back; and the headline ratios.
 */
public final class StreamBench {
    static final Duration DEFAULT_DURATION = Duration.ofSeconds(20);
    static final Duration DEFAULT_WARMUP = Duration.ofSeconds(5);
    static final String DEFAULT_THREADS = "4,16,32";
    static final String DEFAULT_CONTENDERS = "kafka,silt-fsync,silt-nofsync";
    static final String ALL_CONTENDERS = "kafka,kafka-fsync,silt-fsync,silt-nofsync,kinesalite";
    static final int DEFAULT_RECORD_BYTES = 100;
    static final int DEFAULT_BATCH = 500;
    /** Server JVM flags for both systems: Kafka's own start script defaults (heap and G1 settings). */
    static final String DEFAULT_SERVER_JVM =
            "-Xms1g -Xmx1g -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35"
                    + " -XX:+ExplicitGCInvokesConcurrent";

    private StreamBench() {}

    private static Options options() {
        Options o = new Options();
        o.addOption(opt("duration", "time", "measured producing time per thread count, e.g. 20s, 1m (default 20s)"));
        o.addOption(opt("warmup", "time", "producing time before each measured phase, 0 for none (default 5s)"));
        o.addOption(opt(
                "threads", "n,…", "producer thread counts, each measured in turn (default " + DEFAULT_THREADS + ")"));
        o.addOption(opt("repetitions", "n", "runs of everything; medians are reported (default 1)"));
        o.addOption(
                opt("only", "id,…", "contenders among " + ALL_CONTENDERS + " (default " + DEFAULT_CONTENDERS + ")"));
        o.addOption(opt("record-bytes", "n", "bytes per record (default 100)"));
        o.addOption(opt("batch", "n", "records per PutRecords call, at most 500 (default 500)"));
        o.addOption(opt("work-dir", "dir", "parent of the temporary data directories (default the system's temp)"));
        o.addOption(opt("report-dir", "dir", "where the JSON and TSV figures go (default bench/target)"));
        o.addOption(opt("server-jvm", "flags", "JVM flags of both servers (default '" + DEFAULT_SERVER_JVM + "')"));
        o.addOption(opt("silt-jvm", "flags", "extra JVM flags of the silt server only, e.g. for JFR"));
        o.addOption(opt("kafka-jvm", "flags", "extra JVM flags of the Kafka broker only"));
        o.addOption(opt("read-limit", "time", "longest a read-back may take before it fails (default 10m)"));
        o.addOption(opt(
                "kinesalite",
                "path",
                "kinesalite's npm launcher; when given, kinesalite joins the default contenders"));
        o.addOption(opt("keep", null, "keep the data directories and server logs"));
        o.addOption(Option.builder("h").longOpt("help").desc("this help").build());
        return o;
    }

    private static Option opt(String name, String arg, String desc) {
        Option.Builder b = Option.builder().longOpt(name).desc(desc);
        return (arg == null ? b : b.hasArg().argName(arg)).build();
    }

    public static void main(String[] args) throws Exception {
        int code;
        try {
            code = run(args, System.out, System.err);
        } catch (IllegalArgumentException | ParseException e) {
            System.err.println("stream-bench: " + e.getMessage());
            code = 2;
        }
        // exit-ok: the benchmark's main turns its outcome into the process exit code.
        System.exit(code);
    }

    static int run(String[] args, PrintStream out, PrintStream log) throws Exception {
        Options options = options();
        CommandLine line = new DefaultParser().parse(options, args);
        if (line.hasOption("help")) {
            new HelpFormatter().printHelp("run-stream.sh [options]", options);
            return 0;
        }
        Duration duration = duration(line, "duration", DEFAULT_DURATION);
        Duration warmup = duration(line, "warmup", DEFAULT_WARMUP);
        Duration readLimit = duration(line, "read-limit", Duration.ofMinutes(10));
        if (duration.isZero()) {
            throw new IllegalArgumentException("--duration must be positive");
        }
        List<Integer> threadCounts = new ArrayList<>();
        for (String t : line.getOptionValue("threads", DEFAULT_THREADS).split(",", -1)) {
            threadCounts.add((int) positive("threads", t));
        }
        int repetitions = (int) positive("repetitions", line.getOptionValue("repetitions", "1"));
        int recordBytes =
                (int) positive("record-bytes", line.getOptionValue("record-bytes", "" + DEFAULT_RECORD_BYTES));
        int batch = (int) positive("batch", line.getOptionValue("batch", "" + DEFAULT_BATCH));
        if (batch > 500) {
            throw new IllegalArgumentException("--batch must be at most 500 (the PutRecords limit), not " + batch);
        }
        Path kinesalite = line.hasOption("kinesalite") ? Path.of(line.getOptionValue("kinesalite")) : null;
        String defaults = kinesalite == null ? DEFAULT_CONTENDERS : DEFAULT_CONTENDERS + ",kinesalite";
        List<String> ids = new ArrayList<>();
        List<String> known = Arrays.asList(ALL_CONTENDERS.split(","));
        for (String id : line.getOptionValue("only", defaults).split(",", -1)) {
            if (!known.contains(id.trim())) {
                throw new IllegalArgumentException("unknown contender '" + id + "'; contenders are " + known);
            }
            ids.add(id.trim());
        }
        List<String> serverJvm = flags(line.getOptionValue("server-jvm", DEFAULT_SERVER_JVM));
        List<String> siltJvm = concat(serverJvm, flags(line.getOptionValue("silt-jvm", "")));
        List<String> kafkaJvm = concat(serverJvm, flags(line.getOptionValue("kafka-jvm", "")));
        Path reportDir = Path.of(line.getOptionValue("report-dir", "bench/target"));
        Path workParent = Path.of(line.getOptionValue("work-dir", System.getProperty("java.io.tmpdir")));
        boolean keep = line.hasOption("keep");
        int maxThreads = threadCounts.stream().mapToInt(Integer::intValue).max().orElse(1);
        Payloads payloads = new Payloads(recordBytes, 42);

        Files.createDirectories(reportDir);
        Files.createDirectories(workParent);
        Path work = Files.createTempDirectory(workParent, "silt-stream-bench-");
        log.printf(Locale.ROOT, "stream-bench: data under %s%n", work);

        Map<String, String> descriptions = new LinkedHashMap<>();
        Map<String, Map<Integer, List<LoadFigures>>> loads = new LinkedHashMap<>();
        Map<String, List<ReadFigures>> reads = new LinkedHashMap<>();
        Map<String, List<String>> checks = new LinkedHashMap<>();
        boolean allExact = true;
        double startLoad = loadAverage();
        double maxLoad = startLoad;
        try {
            for (int r = 1; r <= repetitions; r++) {
                for (String id : ids) {
                    Path dir = work.resolve(id + "-" + r);
                    try (StreamContender c =
                            contender(id, payloads, siltJvm, kafkaJvm, kinesalite, batch, maxThreads)) {
                        descriptions.put(id, c.description());
                        log.printf(Locale.ROOT, "run %d/%d: %s: starting%n", r, repetitions, id);
                        c.start(dir);
                        for (int threads : threadCounts) {
                            if (!warmup.isZero()) {
                                c.produce(threads, warmup);
                            }
                            long serverBefore = c.serverCpuNanos();
                            long clientBefore = processCpuNanos();
                            LoadFigures f = c.produce(threads, duration);
                            long serverAfter = c.serverCpuNanos();
                            long clientAfter = processCpuNanos();
                            f = f.withCpu(
                                    serverBefore < 0 || serverAfter < 0 ? -1 : serverAfter - serverBefore,
                                    clientBefore < 0 || clientAfter < 0 ? -1 : clientAfter - clientBefore);
                            loads.computeIfAbsent(id, k -> new TreeMap<>())
                                    .computeIfAbsent(threads, k -> new ArrayList<>())
                                    .add(f);
                            maxLoad = Math.max(maxLoad, loadAverage());
                            log.printf(
                                    Locale.ROOT,
                                    "run %d/%d: %-13s %3d threads %,12.0f records/s in %7.1f MB/s"
                                            + "  p50 %.2f ms p99 %.2f ms  CPU us/record server %.2f client %.2f"
                                            + "  retried %d  (load average %.1f)%n",
                                    r,
                                    repetitions,
                                    id,
                                    threads,
                                    f.recordsPerSecond(),
                                    f.megabytesPerSecond(),
                                    f.p50Millis(),
                                    f.p99Millis(),
                                    f.serverMicrosPerRecord(),
                                    f.clientMicrosPerRecord(),
                                    f.retried(),
                                    loadAverage());
                        }
                        ReadFigures rf = c.readAll(readLimit);
                        reads.computeIfAbsent(id, k -> new ArrayList<>()).add(rf);
                        RecordLedger ledger = c.ledger();
                        String check = String.format(
                                Locale.ROOT,
                                "%s: acknowledged %,d, read %,d, missing %,d, duplicates %,d, unacknowledged %,d",
                                ledger.exact() ? "exact" : "MISMATCH",
                                ledger.acknowledged(),
                                ledger.readCount(),
                                ledger.missing(),
                                ledger.duplicates(),
                                ledger.unacknowledgedRead());
                        allExact &= ledger.exact();
                        checks.computeIfAbsent(id, k -> new ArrayList<>()).add(check);
                        log.printf(
                                Locale.ROOT,
                                "run %d/%d: %-13s read back %,d records in %.2f s: %,.0f records/s out; %s%n",
                                r,
                                repetitions,
                                id,
                                rf.records(),
                                rf.nanos() / 1e9,
                                rf.recordsPerSecond(),
                                check);
                    } finally {
                        if (!keep) {
                            deleteTree(dir);
                        }
                    }
                }
            }
        } finally {
            if (!keep) {
                deleteTree(work);
            }
        }

        Map<String, String> setting = new LinkedHashMap<>();
        setting.put("records", recordBytes + " bytes, PutRecords batches of " + batch);
        setting.put("stream", "2 shards / 2 partitions, 127.0.0.1");
        setting.put(
                "phases",
                String.format(
                        Locale.ROOT,
                        "%s warm-up + %s measured per thread count %s",
                        human(warmup),
                        human(duration),
                        threadCounts));
        setting.put("repetitions", repetitions + (repetitions > 1 ? " (medians shown)" : ""));
        setting.put("server jvm", String.join(" ", serverJvm));
        descriptions.forEach((id, d) -> setting.put(id, d));
        setting.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        // With 2 cores, a load above ~2 means other work shared the CPUs with the benchmark.
        setting.put(
                "load average",
                String.format(Locale.ROOT, "%.1f at start, %.1f highest after a phase", startLoad, maxLoad));
        setting.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        if (keep) {
            setting.put("data", work.toString());
        }

        StreamReport report = new StreamReport(loads, reads, checks, setting);
        out.println();
        report.print(out);
        report.writeJson(reportDir.resolve("stream-bench.json"));
        report.writeTsv(reportDir.resolve("stream-bench.tsv"));
        log.printf(Locale.ROOT, "figures written to %s/stream-bench.{json,tsv}%n", reportDir);
        if (!allExact) {
            log.println("stream-bench: a read-back did not match the acknowledged records (see the checks above)");
            return 1;
        }
        return 0;
    }

    private static Path requireKinesalite(Path kinesalite) {
        if (kinesalite == null || !Files.isExecutable(kinesalite)) {
            throw new IllegalArgumentException(
                    "contender kinesalite needs --kinesalite <its npm launcher>; run-stream.sh installs it");
        }
        return kinesalite;
    }

    private static StreamContender contender(
            String id,
            Payloads payloads,
            List<String> siltJvm,
            List<String> kafkaJvm,
            Path kinesalite,
            int batch,
            int maxThreads) {
        return switch (id) {
            case "kafka" -> new KafkaPeer(payloads, kafkaJvm, false);
            case "kafka-fsync" -> new KafkaPeer(payloads, kafkaJvm, true);
            case "silt-fsync" -> KinesisStream.silt(payloads, siltJvm, "SYNC_EACH_BATCH", batch, maxThreads);
            case "silt-nofsync" -> KinesisStream.silt(payloads, siltJvm, "NONE", batch, maxThreads);
            case "kinesalite" -> KinesisStream.kinesalite(payloads, requireKinesalite(kinesalite), batch, maxThreads);
            default -> throw new IllegalArgumentException("unknown contender '" + id + "'");
        };
    }

    /** Parses {@code 20s}, {@code 500ms}, {@code 2m} or plain seconds. */
    static Duration parseDuration(String option, String v) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        try {
            if (s.endsWith("ms")) {
                return nonNegative(option, Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2))));
            } else if (s.endsWith("s")) {
                return nonNegative(option, Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1))));
            } else if (s.endsWith("m")) {
                return nonNegative(option, Duration.ofMinutes(Long.parseLong(s.substring(0, s.length() - 1))));
            }
            return nonNegative(option, Duration.ofSeconds(Long.parseLong(s)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "--" + option + " must be a time such as 20s, 500ms or 2m, not '" + v + "'", e);
        }
    }

    private static Duration nonNegative(String option, Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("--" + option + " must not be negative, not " + d);
        }
        return d;
    }

    private static Duration duration(CommandLine line, String option, Duration defaultValue) {
        String v = line.getOptionValue(option);
        return v == null ? defaultValue : parseDuration(option, v);
    }

    private static long positive(String option, String v) {
        try {
            long n = Long.parseLong(v.trim().replace("_", ""));
            if (n < 1) {
                throw new IllegalArgumentException("--" + option + " must be at least 1, not " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + option + " must be a positive integer, not '" + v + "'", e);
        }
    }

    private static List<String> flags(String s) {
        List<String> out = new ArrayList<>();
        for (String f : s.trim().split("\\s+", -1)) {
            if (!f.isEmpty()) {
                out.add(f);
            }
        }
        return out;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** CPU time this JVM has used, or -1 where the platform does not say. */
    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** The system's one-minute load average, or -1 where the platform has none. */
    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
