package dev.silt.mapreduce.jobs;

import dev.silt.mapreduce.event.ClickEvent;
import dev.silt.mapreduce.event.Field;
import dev.silt.mapreduce.job.EventMapper;
import dev.silt.mapreduce.job.JobArgs;
import dev.silt.mapreduce.job.SiltTool;
import java.io.IOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.hll.Union;
import org.apache.datasketches.memory.Memory;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.Reducer;
import org.apache.hadoop.mapreduce.lib.output.TextOutputFormat;
import org.apache.hadoop.util.ToolRunner;

/**
 * Approximate distinct counts per group with HyperLogLog sketches (Apache DataSketches). Mappers keep one sketch per
 * group in memory and emit each once (flushing early if the groups grow past a bound); the combiner and the reducer
 * union sketches, which is exact set-union on the sketch, so the error is that of one sketch of {@code lgK}.
 *
 * <p>Output: {@code group… \t estimate \t lower \t upper} where [lower, upper] is the 95% (±2 standard deviations)
 * confidence interval of the estimate.
 */
public final class Distinct extends SiltTool {
    static final String GROUP_BY = "silt.distinct.group.by";
    static final String COUNT = "silt.distinct.count";
    static final String LG_K = "silt.distinct.lg.k";
    static final String MAX_GROUPS = "silt.distinct.map.max.groups";
    static final int STD_DEVS = 2;

    @Override
    public String name() {
        return "distinct";
    }

    @Override
    public String description() {
        return "approximate distinct counts per group (HyperLogLog, merged in the combiner)";
    }

    @Override
    protected void addOptions(Options options) {
        options.addOption(GroupKey.option("country"));
        options.addOption(Option.builder()
                .longOpt("count")
                .hasArg()
                .argName("field")
                .desc("field whose distinct values are counted, e.g. user")
                .build());
        options.addOption(Option.builder()
                .longOpt("lg-k")
                .hasArg()
                .argName("4..21")
                .desc("log2 of the sketch size (default 12: about ±1.6% relative standard error)")
                .build());
    }

    @Override
    protected void configure(Job job, JobArgs args) {
        Configuration conf = job.getConfiguration();
        String groupBy = args.require("group-by");
        GroupKey.parse(groupBy);
        Field count = Field.of(args.require("count"));
        int lgK = args.getInt("lg-k", 12);
        if (lgK < 4 || lgK > 21) {
            throw new IllegalArgumentException("--lg-k must be in [4, 21], not " + lgK);
        }
        conf.set(GROUP_BY, groupBy);
        conf.set(COUNT, count.jsonName());
        conf.setInt(LG_K, lgK);
        job.setMapperClass(SketchMapper.class);
        job.setCombinerClass(SketchCombiner.class);
        job.setReducerClass(SketchReducer.class);
        job.setMapOutputKeyClass(Text.class);
        job.setMapOutputValueClass(BytesWritable.class);
        job.setOutputKeyClass(NullWritable.class);
        job.setOutputValueClass(Text.class);
        job.setOutputFormatClass(TextOutputFormat.class);
        job.setNumReduceTasks(args.reducers(conf, 1));
    }

    /** Relative standard error of a sketch of {@code lgK}, for one standard deviation. */
    public static double relativeStandardError(int lgK) {
        return HllSketch.getRelErr(true, false, lgK, 1);
    }

    static Union union(Configuration conf) {
        return new Union(conf.getInt(LG_K, 12));
    }

    static HllSketch read(BytesWritable b) {
        return HllSketch.heapify(Memory.wrap(b.copyBytes()));
    }

    /** Builds one sketch per group of its split and emits them when done (or when too many groups are open). */
    public static final class SketchMapper extends EventMapper<Text, BytesWritable> {
        private final Map<String, HllSketch> sketches = new HashMap<>();
        private GroupKey groupKey;
        private Field count;
        private int lgK;
        private int maxGroups;

        @Override
        protected void setup(Context context) throws IOException, InterruptedException {
            super.setup(context);
            Configuration conf = context.getConfiguration();
            groupKey = new GroupKey(GroupKey.parse(conf.get(GROUP_BY)));
            count = Field.of(conf.get(COUNT));
            lgK = conf.getInt(LG_K, 12);
            maxGroups = conf.getInt(MAX_GROUPS, 10_000);
        }

        @Override
        protected void mapEvent(ClickEvent event, Context context) throws IOException, InterruptedException {
            String value = event.getString(count);
            if (value == null) {
                // SQL's COUNT(DISTINCT x) ignores NULLs; so does this.
                return;
            }
            String group = groupKey.format(event);
            HllSketch sketch = sketches.get(group);
            if (sketch == null) {
                if (sketches.size() >= maxGroups) {
                    flush(context);
                }
                sketch = new HllSketch(lgK, TgtHllType.HLL_4);
                sketches.put(group, sketch);
            }
            sketch.update(value);
        }

        private void flush(Context context) throws IOException, InterruptedException {
            Text key = new Text();
            for (Map.Entry<String, HllSketch> e : sketches.entrySet()) {
                key.set(e.getKey());
                context.write(key, new BytesWritable(e.getValue().toCompactByteArray()));
            }
            sketches.clear();
        }

        @Override
        protected void cleanup(Context context) throws IOException, InterruptedException {
            flush(context);
            super.cleanup(context);
        }
    }

    /** Unions the sketches of a group: still a sketch, so the combiner's output is the map output's type. */
    public static final class SketchCombiner extends Reducer<Text, BytesWritable, Text, BytesWritable> {
        @Override
        protected void reduce(Text key, Iterable<BytesWritable> values, Context context)
                throws IOException, InterruptedException {
            Union u = union(context.getConfiguration());
            for (BytesWritable b : values) {
                u.update(read(b));
            }
            context.write(key, new BytesWritable(u.getResult(TgtHllType.HLL_4).toCompactByteArray()));
        }
    }

    /** Unions a group's sketches and reports the estimate with its 95% bounds. */
    public static final class SketchReducer extends Reducer<Text, BytesWritable, NullWritable, Text> {
        private final Text line = new Text();

        @Override
        protected void reduce(Text key, Iterable<BytesWritable> values, Context context)
                throws IOException, InterruptedException {
            Union u = union(context.getConfiguration());
            for (BytesWritable b : values) {
                u.update(read(b));
            }
            HllSketch s = u.getResult(TgtHllType.HLL_4);
            line.set(String.format(
                    Locale.ROOT,
                    "%s\t%d\t%d\t%d",
                    key,
                    Math.round(s.getEstimate()),
                    (long) Math.floor(s.getLowerBound(STD_DEVS)),
                    (long) Math.ceil(s.getUpperBound(STD_DEVS))));
            context.write(NullWritable.get(), line);
        }
    }

    public static void main(String[] args) throws Exception {
        // exit-ok: entry point of this job in the job jar's driver.
        System.exit(ToolRunner.run(new Distinct(), args));
    }
}
