package dev.silt.mapreduce.jobs;

import dev.silt.mapreduce.MapReduceKeys;
import dev.silt.mapreduce.event.ClickEvent;
import dev.silt.mapreduce.event.Field;
import dev.silt.mapreduce.event.MalformedRecordException;
import dev.silt.mapreduce.event.Reason;
import dev.silt.mapreduce.input.LandedInputFormat;
import dev.silt.mapreduce.job.EventMapper;
import dev.silt.mapreduce.job.JobArgs;
import dev.silt.mapreduce.job.Quarantine;
import dev.silt.mapreduce.job.RecordCounters;
import dev.silt.mapreduce.job.SiltTool;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.Partitioner;
import org.apache.hadoop.mapreduce.Reducer;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.MultipleInputs;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.hadoop.mapreduce.lib.output.TextOutputFormat;
import org.apache.hadoop.util.ToolRunner;

/**
 * Events joined with a dimension CSV (header line first) on {@code event.<on> = dim.<dim-key>}. Each output line is
 * the event's JSON object with the dimension's other columns added as string fields {@code <on>_<column>}; one line
 * per matching row (SQL semantics), so duplicate dimension keys multiply. An inner join drops events without a match
 * and counts them ({@link JoinCounters#UNMATCHED_EVENTS}); a left join keeps them with the added fields as JSON null.
 * Events whose join field is absent never match.
 *
 * <p>Strategies: {@code map} ships the dimension to every map task through the distributed cache and joins in a
 * map-only job ({@code part-m-NNNNN}); {@code reduce} shuffles both sides on the join key, dimension rows first
 * ({@link JoinKey}). {@code auto} picks {@code map} when the file is at most
 * {@link MapReduceKeys#JOIN_MAP_SIDE_MAX_BYTES}.
 *
 * <p>Unusable dimension rows are quarantined as {@link Reason#BAD_DIMENSION_ROW} with the file, line number and byte
 * offset, and count as read and quarantined records. Map-side, every task loads the whole file but only map task 0
 * reports its bad rows (and counts the dimension's rows), so each is reported once; the driver has already checked the
 * header. Reduce-side, the dimension file is read whole by one task ({@link DimensionInputFormat}) so line numbers are
 * exact.
 */
public final class Join extends SiltTool {
    static final String DIM = "silt.join.dim";
    static final String DIM_KEY = "silt.join.dim.key";
    static final String DIM_HEADER = "silt.join.dim.header";
    static final String DIM_LINK = "silt.join.dim.link";
    static final String ON = "silt.join.on";
    static final String LEFT = "silt.join.left";

    /** Absent join values of a left join are spread over this many shuffle keys. */
    static final int ABSENT_BUCKETS = 1024;

    @Override
    public String name() {
        return "join";
    }

    @Override
    public String description() {
        return "join events with a dimension CSV (map-side via the distributed cache, or reduce-side)";
    }

    @Override
    protected void addOptions(Options options) {
        options.addOption(opt("dim", "uri", "dimension CSV file, header line first"));
        options.addOption(opt("dim-key", "column", "dimension column holding the join key, e.g. code"));
        options.addOption(opt("on", "field", "event field to join on, e.g. country"));
        options.addOption(opt("type", "inner|left", "join type (default inner)"));
        options.addOption(opt(
                "strategy",
                "auto|map|reduce",
                "where to join (default auto: map if the dimension is " + "at most "
                        + MapReduceKeys.JOIN_MAP_SIDE_MAX_BYTES.key() + ")"));
    }

    private static Option opt(String name, String arg, String desc) {
        return Option.builder().longOpt(name).hasArg().argName(arg).desc(desc).build();
    }

    @Override
    protected void configure(Job job, JobArgs args) throws IOException {
        Configuration conf = job.getConfiguration();
        String type = args.get("type", "inner").toLowerCase(Locale.ROOT);
        if (!type.equals("inner") && !type.equals("left")) {
            throw new IllegalArgumentException("--type must be inner or left, not '" + type + "'");
        }
        String strategy = args.get("strategy", "auto").toLowerCase(Locale.ROOT);
        if (!List.of("auto", "map", "reduce").contains(strategy)) {
            throw new IllegalArgumentException("--strategy must be auto, map or reduce, not '" + strategy + "'");
        }
        Field on = Field.of(args.require("on"));
        String dimKey = args.require("dim-key");
        Path dim = new Path(args.require("dim"));
        FileSystem fs = dim.getFileSystem(conf);
        if (!fs.exists(dim) || !fs.getFileStatus(dim).isFile()) {
            throw new IllegalArgumentException("--dim " + dim + " is not a file");
        }
        FileStatus dimStatus = fs.getFileStatus(dim);
        String header;
        try (InputStream in = fs.open(dim)) {
            header = DimensionTable.readHeader(in, conf);
        }
        new DimensionTable(header, dimKey, on.jsonName()); // fails early on a bad header or key column
        conf.set(DIM, dimStatus.getPath().toString());
        conf.set(DIM_KEY, dimKey);
        conf.set(DIM_HEADER, header);
        conf.set(ON, on.jsonName());
        conf.setBoolean(LEFT, type.equals("left"));
        job.setOutputKeyClass(NullWritable.class);
        job.setOutputValueClass(Text.class);
        job.setOutputFormatClass(TextOutputFormat.class);

        boolean mapSide = strategy.equals("map")
                || (strategy.equals("auto")
                        && dimStatus.getLen() <= MapReduceKeys.JOIN_MAP_SIDE_MAX_BYTES.getLong(conf));
        if (mapSide) {
            // A name of its own: task working directories (and the local runner's) may see other jobs' links.
            String link = "silt-dim-" + UUID.randomUUID();
            conf.set(DIM_LINK, link);
            try {
                job.addCacheFile(new URI(dimStatus.getPath().toUri() + "#" + link));
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("--dim " + dim + " is not a valid URI", e);
            }
            job.setMapperClass(MapSideJoinMapper.class);
            job.setNumReduceTasks(0);
            return;
        }
        for (Path in : FileInputFormat.getInputPaths(job)) {
            MultipleInputs.addInputPath(job, in, LandedInputFormat.class, EventSideMapper.class);
        }
        MultipleInputs.addInputPath(job, dimStatus.getPath(), DimensionInputFormat.class, DimensionMapper.class);
        job.setMapOutputKeyClass(JoinKey.class);
        job.setMapOutputValueClass(Text.class);
        job.setPartitionerClass(JoinPartitioner.class);
        job.setSortComparatorClass(JoinKey.SortComparator.class);
        job.setGroupingComparatorClass(JoinKey.GroupingComparator.class);
        job.setReducerClass(JoinReducer.class);
        job.setNumReduceTasks(args.reducers(conf, 1));
    }

    static DimensionTable schema(Configuration conf) {
        return new DimensionTable(conf.get(DIM_HEADER), conf.get(DIM_KEY), conf.get(ON));
    }

    /** Map-side join: the whole dimension in a hash map, one output line per match. */
    public static final class MapSideJoinMapper extends EventMapper<NullWritable, Text> {
        private DimensionTable table;
        private JoinedEvent joined;
        private Field on;
        private boolean left;

        @Override
        protected void setup(Context context) throws IOException, InterruptedException {
            super.setup(context);
            Configuration conf = context.getConfiguration();
            on = Field.of(conf.get(ON));
            left = conf.getBoolean(LEFT, false);
            String dim = conf.get(DIM);
            boolean reporter = context.getTaskAttemptID().getTaskID().getId() == 0;
            DimensionTable.BadRows bad = (line, offset, bytes, length, detail) -> {
                if (reporter) {
                    quarantine().write(Reason.BAD_DIMENSION_ROW, detail, dim, offset, bytes, length);
                }
            };
            java.nio.file.Path link = java.nio.file.Paths.get(conf.get(DIM_LINK));
            try (InputStream in = Files.isReadable(link)
                    ? Files.newInputStream(link)
                    : new Path(dim).getFileSystem(conf).open(new Path(dim))) {
                table = DimensionTable.load(in, conf, conf.get(DIM_KEY), on.jsonName(), bad);
            }
            if (reporter) {
                long badRows = context.getCounter(Reason.BAD_DIMENSION_ROW).getValue();
                context.getCounter(RecordCounters.READ).increment(table.rowCount() + badRows);
                context.getCounter(RecordCounters.VALID).increment(table.rowCount());
                context.getCounter(JoinCounters.DIMENSION_ROWS).increment(table.rowCount());
            }
            joined = new JoinedEvent(table.fieldNames());
        }

        @Override
        protected void mapEvent(ClickEvent event, Context context) throws IOException, InterruptedException {
            String key = event.getString(on);
            List<List<String>> rows = key == null ? List.of() : table.lookup(key);
            if (rows.isEmpty()) {
                context.getCounter(JoinCounters.UNMATCHED_EVENTS).increment(1);
                if (left) {
                    context.write(NullWritable.get(), joined.render(currentLine(), null));
                }
                return;
            }
            context.getCounter(JoinCounters.MATCHED_EVENTS).increment(1);
            for (List<String> row : rows) {
                context.write(NullWritable.get(), joined.render(currentLine(), row));
            }
        }
    }

    /** Reduce-side, event side: (join key, EVENT) → the event line. */
    public static final class EventSideMapper extends EventMapper<JoinKey, Text> {
        private final JoinKey out = new JoinKey();
        private Field on;
        private boolean left;
        private int bucket;

        @Override
        protected void setup(Context context) throws IOException, InterruptedException {
            super.setup(context);
            on = Field.of(context.getConfiguration().get(ON));
            left = context.getConfiguration().getBoolean(LEFT, false);
        }

        @Override
        protected void mapEvent(ClickEvent event, Context context) throws IOException, InterruptedException {
            String key = event.getString(on);
            if (key != null) {
                out.set(key, JoinKey.EVENT);
            } else if (left) {
                out.setAbsent(bucket);
                bucket = (bucket + 1) % ABSENT_BUCKETS;
            } else {
                context.getCounter(JoinCounters.UNMATCHED_EVENTS).increment(1);
                return;
            }
            context.write(out, currentLine());
        }
    }

    /** Reduce-side, dimension side: (join key, DIMENSION) → the CSV line; bad rows to the quarantine. */
    public static final class DimensionMapper extends Mapper<LongWritable, Text, JoinKey, Text> {
        private final JoinKey out = new JoinKey();
        private DimensionTable table;
        private Quarantine quarantine;
        private String file;
        private long lineNumber;

        @Override
        protected void setup(Context context) {
            quarantine = new Quarantine(context);
            table = schema(context.getConfiguration());
            file = context.getConfiguration().get(DIM);
        }

        @Override
        protected void map(LongWritable offset, Text line, Context context) throws IOException, InterruptedException {
            lineNumber++;
            if (offset.get() == 0 || line.getLength() == 0) {
                return; // the header, checked by the driver; blank lines carry nothing
            }
            context.getCounter(RecordCounters.READ).increment(1);
            List<String> row;
            try {
                row = table.row(line.getBytes(), line.getLength());
            } catch (MalformedRecordException e) {
                quarantine.write(
                        e.reason(),
                        "line " + lineNumber + ": " + e.getMessage(),
                        file,
                        offset.get(),
                        line.getBytes(),
                        line.getLength());
                return;
            }
            context.getCounter(RecordCounters.VALID).increment(1);
            context.getCounter(JoinCounters.DIMENSION_ROWS).increment(1);
            out.set(row.get(0), JoinKey.DIMENSION);
            context.write(out, line);
        }

        @Override
        protected void cleanup(Context context) throws IOException, InterruptedException {
            quarantine.close();
        }
    }

    /** A dimension file is read whole by one task, so that its header is line 1 and line numbers are exact. */
    public static final class DimensionInputFormat extends TextInputFormat {
        @Override
        protected boolean isSplitable(JobContext context, Path file) {
            return false;
        }
    }

    /** Sends both sides of a join key to one reducer: the join key's hash, never the tag. */
    public static final class JoinPartitioner extends Partitioner<JoinKey, Text> {
        @Override
        public int getPartition(JoinKey key, Text value, int partitions) {
            return (key.hashCode() & Integer.MAX_VALUE) % partitions;
        }
    }

    /**
     * One call per join key: its dimension rows come first (sort order) and are buffered; each event that follows is
     * emitted once per row, or unmatched.
     */
    public static final class JoinReducer extends Reducer<JoinKey, Text, NullWritable, Text> {
        private final List<List<String>> rows = new ArrayList<>();
        private DimensionTable table;
        private JoinedEvent joined;
        private boolean left;

        @Override
        protected void setup(Context context) {
            table = schema(context.getConfiguration());
            joined = new JoinedEvent(table.fieldNames());
            left = context.getConfiguration().getBoolean(LEFT, false);
        }

        @Override
        protected void reduce(JoinKey key, Iterable<Text> values, Context context)
                throws IOException, InterruptedException {
            rows.clear();
            // The framework updates `key` as the values advance: its tag says which side each value is from.
            for (Text value : values) {
                if (key.tag() == JoinKey.DIMENSION) {
                    rows.add(dimensionRow(value));
                    continue;
                }
                if (rows.isEmpty()) {
                    context.getCounter(JoinCounters.UNMATCHED_EVENTS).increment(1);
                    if (left) {
                        context.write(NullWritable.get(), joined.render(value, null));
                    }
                    continue;
                }
                context.getCounter(JoinCounters.MATCHED_EVENTS).increment(1);
                for (List<String> row : rows) {
                    context.write(NullWritable.get(), joined.render(value, row));
                }
            }
        }

        private List<String> dimensionRow(Text line) throws IOException {
            try {
                List<String> r = table.row(line.getBytes(), line.getLength());
                return List.copyOf(r.subList(1, r.size()));
            } catch (MalformedRecordException e) {
                throw new IOException("a dimension row the map side validated no longer parses: " + e.getMessage(), e);
            }
        }
    }

    /** What the join matched, in the counter group {@code JoinCounters}. */
    public enum JoinCounters {
        /** Usable dimension rows. */
        DIMENSION_ROWS,
        /** Events with at least one matching dimension row. */
        MATCHED_EVENTS,
        /** Events without a match (absent join value included): dropped by inner joins, kept by left joins. */
        UNMATCHED_EVENTS
    }

    public static void main(String[] args) throws Exception {
        // exit-ok: entry point of this job in the job jar's driver.
        System.exit(ToolRunner.run(new Join(), args));
    }
}
