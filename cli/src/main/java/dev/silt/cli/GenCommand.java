package dev.silt.cli;

import dev.silt.mapreduce.gen.ClickstreamGenerator;
import dev.silt.mapreduce.gen.ClickstreamOptions;
import dev.silt.mapreduce.gen.Compression;
import dev.silt.mapreduce.gen.CountryDimension;
import dev.silt.mapreduce.gen.GenerationStats;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/** {@code silt gen clickstream|countries}: writes generated data sets to any Hadoop file system. */
final class GenCommand implements Command {
    static final String CLICKSTREAM = "clickstream";
    static final String COUNTRIES = "countries";

    @Override
    public String name() {
        return "gen";
    }

    @Override
    public String summary() {
        return "generate data sets: clickstream events, the countries dimension";
    }

    @Override
    public int run(CommandContext ctx, List<String> args) throws Exception {
        if (args.isEmpty() || args.get(0).startsWith("-")) {
            if (Usage.wantsHelp(args)) {
                printHelp(ctx.out());
                return 0;
            }
            throw new UsageException(
                    args.isEmpty()
                            ? "'silt gen' needs a data set: " + CLICKSTREAM + " or " + COUNTRIES
                            : "unknown option '" + args.get(0) + "' for 'silt gen'",
                    "run 'silt gen --help' for usage");
        }
        String what = args.get(0);
        List<String> rest = args.subList(1, args.size());
        switch (what) {
            case CLICKSTREAM:
                return clickstream(ctx, rest);
            case COUNTRIES:
                return countries(ctx, rest);
            default:
                throw new UsageException(
                        "unknown data set '" + what + "' for 'silt gen' (expected " + CLICKSTREAM + " or " + COUNTRIES
                                + ")",
                        "run 'silt gen --help' for usage");
        }
    }

    private static void printHelp(PrintStream out) {
        out.println("usage: silt gen <data set> [options]");
        out.println();
        out.println("Data sets:");
        out.printf(
                Locale.ROOT,
                "  %-12s %s%n",
                CLICKSTREAM,
                "landed clickstream events, yyyy/MM/dd/HH/events-*.json[.gz|.zst]");
        out.printf(
                Locale.ROOT,
                "  %-12s %s%n",
                COUNTRIES,
                "the countries dimension CSV (code,name,region,population_millions)");
        out.println();
        out.println("Run 'silt gen <data set> --help' for its options.");
    }

    static Options clickstreamOptions() {
        Options o = new Options();
        o.addOption(Option.builder()
                .longOpt("events")
                .hasArg()
                .argName("N")
                .required()
                .desc("lines to write, malformed ones included")
                .build());
        o.addOption(Option.builder()
                .longOpt("out")
                .hasArg()
                .argName("URI")
                .required()
                .desc("root of the landed layout (file://, hdfs://, s3a:// or a local path)")
                .build());
        o.addOption(Option.builder()
                .longOpt("seed")
                .hasArg()
                .argName("S")
                .desc("random seed; the same options give the same bytes (default " + ClickstreamOptions.DEFAULT_SEED
                        + ")")
                .build());
        o.addOption(Option.builder()
                .longOpt("compress")
                .hasArg()
                .argName("gzip|zstd|none")
                .desc("file compression (default " + ClickstreamOptions.DEFAULT_COMPRESSION.cliName() + ")")
                .build());
        o.addOption(Option.builder()
                .longOpt("hours")
                .hasArg()
                .argName("H")
                .desc("consecutive UTC hours the events span (default " + ClickstreamOptions.DEFAULT_HOURS + ")")
                .build());
        o.addOption(Option.builder()
                .longOpt("start")
                .hasArg()
                .argName("yyyy-MM-ddTHH")
                .desc("first hour, UTC (default " + ClickstreamOptions.DEFAULT_START + ")")
                .build());
        o.addOption(Option.builder()
                .longOpt("malformed")
                .hasArg()
                .argName("F")
                .desc("fraction of deliberately broken lines, 0 to 1 (default "
                        + ClickstreamOptions.DEFAULT_MALFORMED_FRACTION + ")")
                .build());
        o.addOption(Option.builder()
                .longOpt("files-per-hour")
                .hasArg()
                .argName("N")
                .desc("files per hour folder (default " + ClickstreamOptions.DEFAULT_FILES_PER_HOUR + ")")
                .build());
        o.addOption(Option.builder()
                .longOpt("users")
                .hasArg()
                .argName("N")
                .desc("distinct users, Zipf-distributed (default " + ClickstreamOptions.DEFAULT_USERS + ")")
                .build());
        o.addOption(Option.builder()
                .longOpt("urls")
                .hasArg()
                .argName("N")
                .desc("distinct URL paths, Zipf-distributed (default " + ClickstreamOptions.DEFAULT_URLS + ")")
                .build());
        o.addOption(Usage.help());
        return o;
    }

    private static int clickstream(CommandContext ctx, List<String> args) throws UsageException, IOException {
        String command = "silt gen " + CLICKSTREAM;
        Options options = clickstreamOptions();
        if (Usage.wantsHelp(args)) {
            Usage.print(
                    ctx.out(),
                    command + " --events N --out URI [options]",
                    "Writes synthetic clickstream events as newline-delimited JSON, one folder per UTC hour.",
                    options,
                    "Example: silt gen clickstream --events 1000000 --hours 24 --out ./silt-data/raw/clicks");
            return 0;
        }
        CommandLine line = Usage.parse(command, options, args);
        ClickstreamOptions gen;
        try {
            ClickstreamOptions.Builder b = ClickstreamOptions.builder()
                    .events(number(line, "events", 0))
                    .output(qualify(ctx.conf(), line.getOptionValue("out")).toUri())
                    .seed(number(line, "seed", ClickstreamOptions.DEFAULT_SEED))
                    .hours((int) number(line, "hours", ClickstreamOptions.DEFAULT_HOURS))
                    .filesPerHour((int) number(line, "files-per-hour", ClickstreamOptions.DEFAULT_FILES_PER_HOUR))
                    .users((int) number(line, "users", ClickstreamOptions.DEFAULT_USERS))
                    .urls((int) number(line, "urls", ClickstreamOptions.DEFAULT_URLS));
            if (line.hasOption("compress")) {
                b.compression(Compression.parse(line.getOptionValue("compress")));
            }
            if (line.hasOption("start")) {
                b.start(parseHour(line.getOptionValue("start")));
            }
            if (line.hasOption("malformed")) {
                String fraction = line.getOptionValue("malformed");
                try {
                    b.malformedFraction(Double.parseDouble(fraction));
                } catch (NumberFormatException e) {
                    throw new NumberFormatException("--malformed " + fraction);
                }
            }
            gen = b.build();
        } catch (NumberFormatException e) {
            throw new UsageException("not a number: " + e.getMessage(), "run '" + command + " --help' for usage");
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), "run '" + command + " --help' for usage");
        }
        GenerationStats stats = new ClickstreamGenerator(gen).generate(ctx.conf());
        double seconds = stats.nanos() / 1e9;
        ctx.out()
                .printf(
                        Locale.ROOT,
                        "wrote %,d events (%,d malformed) in %,d files over %d hours to %s%n",
                        stats.lines(),
                        stats.malformedLines(),
                        stats.files(),
                        stats.hours().size(),
                        gen.output());
        ctx.out()
                .printf(
                        Locale.ROOT,
                        "%,.1f MB of JSON, %,.1f MB stored (%s), in %.2f s: %,.0f events/s, %,.0f MB/s%n",
                        stats.rawBytes() / 1e6,
                        stats.storedBytes() / 1e6,
                        gen.compression().cliName(),
                        seconds,
                        stats.linesPerSecond(),
                        stats.rawMegabytesPerSecond());
        return 0;
    }

    private static int countries(CommandContext ctx, List<String> args) throws UsageException, IOException {
        String command = "silt gen " + COUNTRIES;
        Options options = new Options();
        options.addOption(Option.builder()
                .longOpt("out")
                .hasArg()
                .argName("URI")
                .required()
                .desc("file to write, or an existing directory to write " + CountryDimension.FILE_NAME + " into")
                .build());
        options.addOption(Usage.help());
        if (Usage.wantsHelp(args)) {
            Usage.print(
                    ctx.out(),
                    command + " --out URI",
                    "Writes the countries dimension CSV: " + CountryDimension.HEADER + ".",
                    options,
                    null);
            return 0;
        }
        CommandLine line = Usage.parse(command, options, args);
        Path written = CountryDimension.write(ctx.conf(), qualify(ctx.conf(), line.getOptionValue("out")));
        ctx.out().println("wrote " + written);
        return 0;
    }

    /** Resolves a local path or URI against its file system, so messages show where data really went. */
    static Path qualify(Configuration conf, String location) throws IOException {
        Path p = new Path(location);
        return p.getFileSystem(conf).makeQualified(p);
    }

    private static long number(CommandLine line, String option, long fallback) {
        if (!line.hasOption(option)) {
            return fallback;
        }
        String value = line.getOptionValue(option);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new NumberFormatException("--" + option + " " + value);
        }
    }

    /** Accepts the jobs' hour format {@code yyyy-MM-ddTHH} or a full ISO-8601 instant. */
    static Instant parseHour(String value) {
        try {
            if (value.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}")) {
                return LocalDateTime.parse(value + ":00").toInstant(ZoneOffset.UTC);
            }
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--start must look like 2026-01-01T00, got '" + value + "'", e);
        }
    }
}
