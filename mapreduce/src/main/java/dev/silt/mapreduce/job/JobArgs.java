package dev.silt.mapreduce.job;

import dev.silt.mapreduce.MapReduceKeys;
import dev.silt.mapreduce.event.Timestamps;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** The arguments every job takes (input, output, hour range, overwrite, reducers, split size) plus its own. */
public final class JobArgs {
    private static final DateTimeFormatter HOUR_DIR =
            DateTimeFormatter.ofPattern("yyyy/MM/dd/HH", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final CommandLine line;
    private final List<Path> inputs = new ArrayList<>();
    private final Path output;
    private final Long fromMillis;
    private final Long toMillis;

    private JobArgs(CommandLine line) {
        this.line = line;
        for (String in : line.getOptionValue("in").split(",", -1)) {
            if (in.isBlank()) {
                throw new IllegalArgumentException("--in has an empty path");
            }
            inputs.add(new Path(in.trim()));
        }
        this.output = new Path(line.getOptionValue("out"));
        this.fromMillis = line.hasOption("from") ? Timestamps.parseHour(line.getOptionValue("from")) : null;
        this.toMillis = line.hasOption("to") ? Timestamps.parseHour(line.getOptionValue("to")) : null;
        if ((fromMillis == null) != (toMillis == null)) {
            throw new IllegalArgumentException("--from and --to go together");
        }
        if (fromMillis != null && fromMillis >= toMillis) {
            throw new IllegalArgumentException(
                    "--from " + line.getOptionValue("from") + " must be before --to " + line.getOptionValue("to"));
        }
    }

    /** The options shared by every job, to which a job adds its own. */
    public static Options commonOptions() {
        Options o = new Options();
        o.addOption(Option.builder()
                .longOpt("in")
                .hasArg()
                .argName("uri[,uri…]")
                .required()
                .desc("input root(s) in the landed layout yyyy/MM/dd/HH/ (read recursively)")
                .build());
        o.addOption(Option.builder()
                .longOpt("out")
                .hasArg()
                .argName("uri")
                .required()
                .desc("output directory (must not exist unless --overwrite)")
                .build());
        o.addOption(Option.builder()
                .longOpt("from")
                .hasArg()
                .argName("yyyy-MM-ddTHH")
                .desc("first hour to read (UTC, inclusive)")
                .build());
        o.addOption(Option.builder()
                .longOpt("to")
                .hasArg()
                .argName("yyyy-MM-ddTHH")
                .desc("hour to stop before (UTC, exclusive)")
                .build());
        o.addOption(Option.builder()
                .longOpt("overwrite")
                .desc("replace an existing output atomically")
                .build());
        o.addOption(Option.builder()
                .longOpt("reducers")
                .hasArg()
                .argName("n")
                .desc("number of reduce tasks")
                .build());
        o.addOption(Option.builder()
                .longOpt("max-split-size")
                .hasArg()
                .argName("bytes")
                .desc("target split size (default 128 MiB; also -D " + MapReduceKeys.SPLIT_MAX_BYTES.key() + ")")
                .build());
        return o;
    }

    /**
     * Parses job arguments.
     *
     * @throws IllegalArgumentException with a message naming the wrong argument
     */
    public static JobArgs parse(Options options, String[] args) {
        try {
            CommandLine line = new DefaultParser().parse(options, args);
            if (!line.getArgList().isEmpty()) {
                throw new IllegalArgumentException(
                        "unexpected argument '" + line.getArgList().get(0) + "'");
            }
            return new JobArgs(line);
        } catch (ParseException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    public Path output() {
        return output;
    }

    public boolean overwrite() {
        return line.hasOption("overwrite");
    }

    public boolean has(String option) {
        return line.hasOption(option);
    }

    public String get(String option, String defaultValue) {
        return line.getOptionValue(option, defaultValue);
    }

    /** A required option of the job's own. */
    public String require(String option) {
        String v = line.getOptionValue(option);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("missing required option --" + option);
        }
        return v;
    }

    public int getInt(String option, int defaultValue) {
        String v = line.getOptionValue(option);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + option + " must be an integer, not '" + v + "'", e);
        }
    }

    public long getLong(String option, long defaultValue) {
        String v = line.getOptionValue(option);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + option + " must be an integer, not '" + v + "'", e);
        }
    }

    /** Reducers asked for, or {@code defaultValue}. */
    public int reducers(Configuration conf, int defaultValue) {
        int configured = (int) MapReduceKeys.REDUCERS.getLong(conf);
        int n = getInt("reducers", configured > 0 ? configured : defaultValue);
        if (n < 1) {
            throw new IllegalArgumentException("--reducers must be at least 1, not " + n);
        }
        return n;
    }

    /** Applies {@code --max-split-size} to the configuration. */
    void applySplitSize(Configuration conf) {
        if (line.hasOption("max-split-size")) {
            long v = getLong("max-split-size", 0);
            if (v <= 0) {
                throw new IllegalArgumentException("--max-split-size must be positive, not " + v);
            }
            conf.setLong(MapReduceKeys.SPLIT_MAX_BYTES.key(), v);
        }
    }

    /**
     * The input paths: the roots themselves, or with {@code --from/--to} every existing hour folder of the range
     * under each root.
     *
     * @throws IllegalArgumentException when nothing matches
     */
    public List<Path> inputPaths(Configuration conf) throws IOException {
        List<Path> paths = new ArrayList<>();
        for (Path root : inputs) {
            FileSystem fs = root.getFileSystem(conf);
            if (!fs.exists(root)) {
                throw new IllegalArgumentException("input " + root + " does not exist");
            }
            if (fromMillis == null && toMillis == null) {
                paths.add(root);
                continue;
            }
            for (long h = fromMillis; h < toMillis; h += 3_600_000L) {
                Path hour = new Path(root, HOUR_DIR.format(Instant.ofEpochMilli(h)));
                if (fs.exists(hour)) {
                    paths.add(hour);
                }
            }
        }
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("no input hours between --from " + line.getOptionValue("from")
                    + " and --to " + line.getOptionValue("to") + " under " + inputs);
        }
        return paths;
    }
}
