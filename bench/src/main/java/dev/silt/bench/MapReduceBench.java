package dev.silt.bench;

import dev.silt.mapreduce.MapReduceKeys;
import dev.silt.mapreduce.gen.Compression;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
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
import org.apache.hadoop.fs.FileSystem;

/**
 * Times silt's {@code aggregate} against Hadoop's own {@code wordcount} on the same generated clickstream, all on the
 * LocalJobRunner over {@code file://} in this one JVM: same bytes, same split size, same map threads, one reducer.
 * Prints a table and writes the figures to {@code mapreduce-bench.json} and {@code .tsv} in the report directory.
 *
 * <p>Before the measured runs, every contender runs once on a small data set so that class loading and JIT
 * compilation are not charged to whoever runs first.
 */
public final class MapReduceBench {
    static final long DEFAULT_EVENTS = 3_300_000L;
    static final long DEFAULT_WARMUP_EVENTS = 200_000L;
    static final int DEFAULT_MAP_THREADS = 2;
    static final String METRICS = "count,sum:bytes,avg:latency_ms,max:latency_ms";

    private MapReduceBench() {}

    private static Options options() {
        Options o = new Options();
        o.addOption(opt("data-dir", "dir", "where the data sets and job outputs go (default bench/target/data)"));
        o.addOption(opt("report-dir", "dir", "where the JSON and TSV figures go (default bench/target)"));
        o.addOption(opt("events", "n", "events in the measured data set (default " + DEFAULT_EVENTS + ", ~1.1 GB)"));
        o.addOption(opt("warmup-events", "n", "events in the warm-up data set, 0 for none (default 200000)"));
        o.addOption(opt("repetitions", "n", "runs of each contender; the median is reported (default 1)"));
        o.addOption(opt("map-threads", "n", "mapreduce.local.map.tasks.maximum (default 2)"));
        o.addOption(opt("compression", "none|gzip|zstd", "compression of the generated input (default none)"));
        o.addOption(opt(
                "only",
                "id,…",
                "run only these contenders: " + String.join(", ", contenderIds())
                        + " (default all; the headline ratios need their pairs)"));
        o.addOption(Option.builder("h").longOpt("help").desc("this help").build());
        return o;
    }

    private static Option opt(String name, String arg, String desc) {
        return Option.builder().longOpt(name).hasArg().argName(arg).desc(desc).build();
    }

    private static List<String> contenderIds() {
        return List.copyOf(contenders(1).keySet());
    }

    /** Every contender by id, in run order. */
    private static Map<String, Contender> contenders(long splitBytes) {
        Map<String, Contender> c = new LinkedHashMap<>();
        c.put(Report.WORDCOUNT, new WordCountPeer(splitBytes));
        c.put(Report.COUNTRY_STATUS, new SiltAggregate("country,status", METRICS, true, splitBytes));
        c.put(Report.COUNTRY_STATUS_NO_COMBINER, new SiltAggregate("country,status", METRICS, false, splitBytes));
        c.put(Report.USER, new SiltAggregate("user", METRICS, true, splitBytes));
        c.put(Report.USER_NO_COMBINER, new SiltAggregate("user", METRICS, false, splitBytes));
        return c;
    }

    public static void main(String[] args) throws Exception {
        int code;
        try {
            code = run(args, System.out, System.err);
        } catch (IllegalArgumentException | ParseException e) {
            System.err.println("mapreduce-bench: " + e.getMessage());
            code = 2;
        }
        // exit-ok: the benchmark's main turns its outcome into the process exit code.
        System.exit(code);
    }

    static int run(String[] args, PrintStream out, PrintStream log) throws Exception {
        Options options = options();
        CommandLine line = new DefaultParser().parse(options, args);
        if (line.hasOption("help")) {
            new HelpFormatter().printHelp("run-mapreduce.sh [options]", options);
            return 0;
        }
        Path dataDir = Path.of(line.getOptionValue("data-dir", "bench/target/data"));
        Path reportDir = Path.of(line.getOptionValue("report-dir", "bench/target"));
        long events = positive(line, "events", DEFAULT_EVENTS);
        long warmupEvents = number(line, "warmup-events", DEFAULT_WARMUP_EVENTS);
        int repetitions = (int) positive(line, "repetitions", 1);
        int mapThreads = (int) positive(line, "map-threads", DEFAULT_MAP_THREADS);
        Compression compression = Compression.parse(line.getOptionValue("compression", "none"));
        long splitBytes = MapReduceKeys.SPLIT_MAX_BYTES.defaultLong();

        Map<String, Contender> contenders = contenders(splitBytes);
        if (line.hasOption("only")) {
            List<String> wanted = Arrays.asList(line.getOptionValue("only").split(",", -1));
            for (String id : wanted) {
                if (!contenders.containsKey(id.trim())) {
                    throw new IllegalArgumentException(
                            "unknown contender '" + id + "'; contenders are " + contenderIds());
                }
            }
            contenders.keySet().removeIf(id -> !wanted.contains(id));
        }

        Files.createDirectories(dataDir);
        Files.createDirectories(reportDir);
        Configuration conf = localConfiguration(dataDir, mapThreads);
        FileSystem fs = FileSystem.getLocal(conf);

        ClickstreamDataSet data = new ClickstreamDataSet(dataDir, events, compression);
        data.ensure(conf, log);
        long inputBytes = data.storedBytes(conf);

        if (warmupEvents > 0) {
            ClickstreamDataSet warmup = new ClickstreamDataSet(dataDir.resolve("warmup"), warmupEvents, compression);
            warmup.ensure(conf, log);
            long warmupBytes = warmup.storedBytes(conf);
            for (Map.Entry<String, Contender> c : contenders.entrySet()) {
                log.printf(Locale.ROOT, "warm-up: %s%n", c.getValue().name());
                runOnce(
                        fs,
                        c.getValue(),
                        conf,
                        warmup.root(),
                        dataDir.resolve("out/warmup-" + c.getKey()),
                        warmupBytes);
            }
        }

        Map<String, List<RunFigures>> all = new LinkedHashMap<>();
        double startLoad = loadAverage();
        double maxLoad = startLoad;
        for (int r = 1; r <= repetitions; r++) {
            for (Map.Entry<String, Contender> c : contenders.entrySet()) {
                RunFigures f =
                        runOnce(fs, c.getValue(), conf, data.root(), dataDir.resolve("out/" + c.getKey()), inputBytes);
                log.printf(
                        Locale.ROOT,
                        "run %d/%d: %-42s %7.2f s %7.1f MB/s  (load average now %.1f)%n",
                        r,
                        repetitions,
                        f.contender(),
                        f.wallSeconds(),
                        f.inputMegabytesPerSecond(),
                        loadAverage());
                maxLoad = Math.max(maxLoad, loadAverage());
                all.computeIfAbsent(c.getKey(), k -> new ArrayList<>()).add(f);
            }
        }

        Map<String, RunFigures> median = new LinkedHashMap<>();
        Map<String, List<Long>> walls = new LinkedHashMap<>();
        all.forEach((id, runs) -> {
            List<Long> nanos = runs.stream().map(RunFigures::wallNanos).toList();
            walls.put(id, nanos);
            List<RunFigures> sorted = new ArrayList<>(runs);
            sorted.sort(Comparator.comparingLong(RunFigures::wallNanos));
            median.put(id, sorted.get((sorted.size() - 1) / 2));
        });

        Map<String, String> setting = new LinkedHashMap<>();
        setting.put("input", data.root().toString());
        setting.put("events", String.format(Locale.ROOT, "%,d (%s)", events, compression.cliName()));
        setting.put("input bytes", String.format(Locale.ROOT, "%,d", inputBytes));
        setting.put("split bytes", String.format(Locale.ROOT, "%,d", splitBytes));
        setting.put("map threads", Integer.toString(mapThreads));
        setting.put("reducers", "1");
        setting.put("repetitions", repetitions + (repetitions > 1 ? " (median shown)" : ""));
        setting.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        // Anything else running on the machine shows here; with 2 cores, a load above ~2 means shared CPUs.
        setting.put(
                "load average",
                String.format(Locale.ROOT, "%.1f at start, %.1f highest after a run", startLoad, maxLoad));
        setting.put(
                "max heap",
                String.format(Locale.ROOT, "%,d MiB", Runtime.getRuntime().maxMemory() >> 20));
        setting.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        setting.put("hadoop", org.apache.hadoop.util.VersionInfo.getVersion());

        Report report = new Report(median, walls, setting);
        out.println();
        report.print(out);
        report.writeJson(reportDir.resolve("mapreduce-bench.json"));
        report.writeTsv(reportDir.resolve("mapreduce-bench.tsv"));
        log.printf(Locale.ROOT, "figures written to %s/mapreduce-bench.{json,tsv}%n", reportDir);
        return 0;
    }

    private static RunFigures runOnce(
            FileSystem fs, Contender c, Configuration conf, Path input, Path output, long inputBytes) throws Exception {
        org.apache.hadoop.fs.Path out =
                new org.apache.hadoop.fs.Path(output.toAbsolutePath().toUri());
        fs.delete(out, true);
        // Start each run from the same heap state rather than inheriting the previous run's garbage.
        System.gc();
        RunFigures f = c.run(conf, new org.apache.hadoop.fs.Path(input.toUri()), out, inputBytes);
        fs.delete(out, true);
        return f;
    }

    /** The system's one-minute load average, or -1 where the platform has none. */
    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** The LocalJobRunner over the local file system, with its scratch space under the data directory. */
    private static Configuration localConfiguration(Path dataDir, int mapThreads) throws IOException {
        Configuration conf = new Configuration();
        conf.set("mapreduce.framework.name", "local");
        conf.set("fs.defaultFS", "file:///");
        conf.setInt("mapreduce.local.map.tasks.maximum", mapThreads);
        conf.setInt("mapreduce.local.reduce.tasks.maximum", 1);
        // The client looks for completion every 5 s by default, which would round every wall time up to 5 s.
        conf.setInt("mapreduce.client.completion.pollinterval", 50);
        Path tmp = dataDir.toAbsolutePath().resolve("hadoop-tmp");
        Files.createDirectories(tmp);
        conf.set("hadoop.tmp.dir", tmp.toString());
        return conf;
    }

    private static long number(CommandLine line, String option, long defaultValue) {
        String v = line.getOptionValue(option);
        if (v == null) {
            return defaultValue;
        }
        try {
            long n = Long.parseLong(v.trim().replace("_", ""));
            if (n < 0) {
                throw new IllegalArgumentException("--" + option + " must not be negative, not " + v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + option + " must be an integer, not '" + v + "'", e);
        }
    }

    private static long positive(CommandLine line, String option, long defaultValue) {
        long n = number(line, option, defaultValue);
        if (n < 1) {
            throw new IllegalArgumentException("--" + option + " must be at least 1, not " + n);
        }
        return n;
    }
}
