package dev.silt.cli;

import dev.silt.mapreduce.gen.ClickstreamGenerator;
import dev.silt.mapreduce.gen.ClickstreamOptions;
import dev.silt.mapreduce.gen.Compression;
import dev.silt.mapreduce.gen.Countries;
import dev.silt.mapreduce.gen.CountryDimension;
import dev.silt.mapreduce.gen.GenerationStats;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.commons.cli.Options;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * {@code silt quickstart}: generates a small clickstream and the countries dimension under
 * {@code <silt.data.dir>/quickstart}, runs every job on it in this JVM, and prints what each stage did. Needs
 * no server; a previous quickstart directory is replaced.
 */
final class QuickstartCommand implements Command {
    private final JobRunner runner;

    QuickstartCommand(JobRunner runner) {
        this.runner = runner;
    }

    @Override
    public String name() {
        return "quickstart";
    }

    @Override
    public String summary() {
        return "generate a small data set and run every job on it, no server needed";
    }

    /** One job of the tour: its name, a caption, and its arguments after --in/--out. */
    record Stage(String job, String caption, List<String> args) {}

    static List<Stage> stages(String dimension) {
        return List.of(
                new Stage(
                        "aggregate",
                        "requests, bytes and latency by country",
                        List.of("--group-by", "country", "--metrics", "count,sum:bytes,avg:latency_ms,max:latency_ms")),
                new Stage(
                        "topn",
                        "the 3 slowest requests per country",
                        List.of("--group-by", "country", "--order-by", "latency_ms", "--n", "3")),
                new Stage("sessionize", "visits split by 30 minutes of inactivity", List.of("--gap", "30m")),
                new Stage(
                        "distinct",
                        "distinct users per country (HyperLogLog)",
                        List.of("--group-by", "country", "--count", "user")),
                new Stage(
                        "join",
                        "events joined with the countries dimension",
                        List.of("--dim", dimension, "--dim-key", "code", "--on", "country")),
                new Stage("etl", "events converted to ORC, partitioned by day and hour", List.of()),
                new Stage(
                        "sort", "events sorted by response size, largest first", List.of("--key", "bytes", "--desc")));
    }

    @Override
    public int run(CommandContext ctx, List<String> args) throws Exception {
        Options options = new Options().addOption(Usage.help());
        if (Usage.wantsHelp(args)) {
            StringBuilder footer = new StringBuilder("Configuration (-D key=value or silt-site.xml):\n");
            for (CliKeys k : CliKeys.values()) {
                footer.append(String.format(Locale.ROOT, "  %-30s %-10s %s%n", k.key(), k.defaultValue(), k.doc()));
            }
            Usage.print(
                    ctx.out(),
                    "silt quickstart",
                    "Generates a small clickstream under <silt.data.dir>/quickstart (replacing an earlier one), runs "
                            + "every job on it in this JVM and prints what each did.",
                    options,
                    footer.toString());
            return 0;
        }
        Usage.parse("silt quickstart", options, args);
        Configuration conf = ctx.conf();
        PrintStream out = ctx.out();
        int preview = CliKeys.QUICKSTART_PREVIEW_LINES.getInt(conf);
        ClickstreamOptions.Builder gen = ClickstreamOptions.builder()
                .events(CliKeys.QUICKSTART_EVENTS.getLong(conf))
                .hours(CliKeys.QUICKSTART_HOURS.getInt(conf))
                .seed(CliKeys.QUICKSTART_SEED.getLong(conf))
                // Plain lines: they are put into the stream; the delivery compresses what it lands.
                .compression(Compression.NONE);
        String landedCompression;
        try {
            landedCompression =
                    Compression.parse(CliKeys.QUICKSTART_COMPRESSION.get(conf)).name();
        } catch (IllegalArgumentException e) {
            throw new UsageException(
                    CliKeys.QUICKSTART_COMPRESSION.key() + ": " + e.getMessage(), "run 'silt quickstart --help'");
        }

        Path base = new Path(GenCommand.qualify(conf, CliKeys.DATA_DIR.get(conf)), "quickstart");
        FileSystem fs = base.getFileSystem(conf);
        fs.delete(base, true);
        Path generated = new Path(base, "gen");
        Path lake = new Path(base, "lake");
        Path raw = new Path(lake, "raw");
        Path dimension = new Path(base, "dim/" + CountryDimension.FILE_NAME);
        out.println("silt quickstart: working in " + base);
        out.println();

        List<String[]> table = new ArrayList<>();
        long t0 = System.nanoTime();
        GenerationStats stats = generate(conf, gen, generated);
        out.printf(
                Locale.ROOT,
                "[gen] clickstream: %,d events (%,d malformed on purpose) over %d hours, %,.1f MB, %.2f s%n",
                stats.lines(),
                stats.malformedLines(),
                stats.hours().size(),
                stats.storedBytes() / 1e6,
                seconds(t0));
        out.println("      " + generated);
        table.add(row("gen clickstream", seconds(t0), "-", stats.lines(), -1, "ok"));
        String[] ingested = ingest(out, conf, generated, lake, landedCompression);
        table.add(ingested);
        String mrInput = ingested[3];
        t0 = System.nanoTime();
        Path dim = CountryDimension.write(conf, dimension);
        out.printf(
                Locale.ROOT,
                "[gen] countries: %d countries, %.2f s%n      %s%n",
                Countries.all().size(),
                seconds(t0),
                dim);
        table.add(row("gen countries", seconds(t0), "-", Countries.all().size(), -1, "ok"));

        int failed = 0;
        for (Stage stage : stages(dim.toString())) {
            Path output = new Path(base, "out/" + stage.job());
            List<String> jobArgs =
                    new ArrayList<>(List.of(stage.job(), "--in", raw.toString(), "--out", output.toString()));
            jobArgs.addAll(stage.args());
            out.println();
            out.println("[mr] " + stage.job() + ": " + stage.caption());
            out.println("      silt mr " + String.join(" ", jobArgs));
            t0 = System.nanoTime();
            String status;
            try {
                int code = runner.run(new Configuration(conf), jobArgs.toArray(new String[0]));
                status = code == 0 ? "ok" : "exit " + code;
            } catch (Exception e) {
                status = "failed";
                ctx.err().println("silt: error: " + stage.job() + ": " + Silt.describe(e));
                if (ctx.verbose()) {
                    e.printStackTrace(ctx.err());
                }
            }
            double took = seconds(t0);
            if (!status.equals("ok")) {
                failed++;
                table.add(row(stage.job(), took, mrInput, -1, -1, status));
                continue;
            }
            JobOutput result = new JobOutput(conf, output);
            long records =
                    stage.job().equals("etl") ? orcPreview(out, result, preview) : textPreview(out, result, preview);
            if (stage.job().equals("join")) {
                regions(out, result);
            }
            long quarantined = result.quarantined();
            out.printf(Locale.ROOT, "      %,d records out, %,d quarantined, %.2f s%n", records, quarantined, took);
            table.add(row(stage.job(), took, mrInput, records, quarantined, status));
        }

        out.println();
        out.println("Summary");
        out.printf(
                Locale.ROOT,
                "  %-16s %8s %12s %12s %12s  %s%n",
                "stage",
                "time",
                "records in",
                "records out",
                "quarantined",
                "status");
        for (String[] r : table) {
            out.printf(Locale.ROOT, "  %-16s %8s %12s %12s %12s  %s%n", (Object[]) r);
        }
        out.println();
        out.println("Data and results are under " + base + "; run 'silt mr --help' to run the jobs yourself.");
        if (failed > 0) {
            ctx.err()
                    .printf(
                            Locale.ROOT,
                            "silt: error: %d of %d jobs failed%n",
                            failed,
                            stages("").size());
            return 1;
        }
        return 0;
    }

    /** The stream and delivery stage: its lines, and its row of the summary. */
    private static String[] ingest(PrintStream out, Configuration conf, Path generated, Path lake, String compression)
            throws Exception {
        out.println();
        out.println("[ingest] events put into silt stream '" + QuickstartDelivery.STREAM
                + "', landed by a delivery stream into hourly folders by event time");
        QuickstartDelivery.Result r =
                QuickstartDelivery.run(conf, generated, lake, compression, line -> out.println("      " + line));
        out.printf(
                Locale.ROOT,
                "      put %,d records; landed %,d in %,d files, %,d in %,d error files (%s), %,.1f MB, %.2f s%n",
                r.put(),
                r.landed(),
                r.files(),
                r.errorRecords(),
                r.errorFiles(),
                "malformed or without a timestamp",
                r.bytes() / 1e6,
                r.seconds());
        out.println("      " + new Path(lake, "raw") + "  (errors: " + new Path(lake, "errors") + ")");
        return row(
                "ingest", r.seconds(), String.format(Locale.ROOT, "%,d", r.put()), r.landed(), r.errorRecords(), "ok");
    }

    private static GenerationStats generate(Configuration conf, ClickstreamOptions.Builder gen, Path raw)
            throws Exception {
        try {
            return new ClickstreamGenerator(gen.output(raw.toUri()).build()).generate(conf);
        } catch (IllegalArgumentException e) {
            throw new UsageException("quickstart settings: " + e.getMessage(), "run 'silt quickstart --help'");
        }
    }

    private static long textPreview(PrintStream out, JobOutput result, int lines) throws Exception {
        for (String line : result.head(lines)) {
            out.println("      | " + clip(line.replace('\t', ' ')));
        }
        return result.records();
    }

    private static long orcPreview(PrintStream out, JobOutput result, int lines) throws Exception {
        List<Path> files = result.orcFiles();
        long rows = 0;
        for (Path f : files) {
            long n = result.orcRows(f);
            rows += n;
            if (lines-- > 0) {
                out.printf(
                        Locale.ROOT,
                        "      | %s  %,d rows%n",
                        clip(f.getParent().getName() + "/" + f.getName()),
                        n);
            }
        }
        if (!files.isEmpty()) {
            out.println("      | schema " + clip(result.orcSchema(files.get(0))));
        }
        return rows;
    }

    /** Events per region in the join output: the region is whichever column holds a known region name. */
    /** Events per region, from the {@code country_region} field the join added to each event. */
    private static void regions(PrintStream out, JobOutput result) throws Exception {
        Pattern region = Pattern.compile("\"country_region\":\"([^\"]*)\"");
        Map<String, Long> counts = new TreeMap<>();
        result.forEachLine(line -> {
            Matcher m = region.matcher(line);
            if (m.find()) {
                counts.merge(m.group(1), 1L, Long::sum);
            }
        });
        if (!counts.isEmpty()) {
            out.println("      by region: "
                    + counts.entrySet().stream()
                            .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                            .map(e -> String.format(Locale.ROOT, "%s %,d", e.getKey(), e.getValue()))
                            .collect(Collectors.joining(", ")));
        }
    }

    private static String[] row(String stage, double seconds, String in, long out, long quarantined, String status) {
        return new String[] {
            stage,
            String.format(Locale.ROOT, "%.2f s", seconds),
            in,
            out < 0 ? "-" : String.format(Locale.ROOT, "%,d", out),
            quarantined < 0 ? "-" : String.format(Locale.ROOT, "%,d", quarantined),
            status
        };
    }

    private static String clip(String s) {
        return s.length() <= 110 ? s : s.substring(0, 107) + "...";
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
