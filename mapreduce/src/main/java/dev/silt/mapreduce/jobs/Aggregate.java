package dev.silt.mapreduce.jobs;

import dev.silt.mapreduce.event.ClickEvent;
import dev.silt.mapreduce.event.Field;
import dev.silt.mapreduce.job.EventMapper;
import dev.silt.mapreduce.job.JobArgs;
import dev.silt.mapreduce.job.SiltTool;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.Reducer;
import org.apache.hadoop.mapreduce.lib.output.TextOutputFormat;
import org.apache.hadoop.util.ToolRunner;

/**
 * {@code GROUP BY} any event fields with {@code count}, {@code sum}, {@code min}, {@code max} and {@code avg} of
 * numeric fields. The combiner merges partial states, so the shuffle carries one record per group and spill instead
 * of one per event.
 *
 * <p>Output: one TSV line per group: the group values (absent values as {@code \N}), then the metrics in the order
 * asked for.
 */
public final class Aggregate extends SiltTool {
    static final String GROUP_BY = "silt.aggregate.group.by";
    static final String METRICS = "silt.aggregate.metrics";
    static final String NULL = GroupKey.NULL;

    @Override
    public String name() {
        return "aggregate";
    }

    @Override
    public String description() {
        return "GROUP BY event fields with count/sum/min/max/avg; partial aggregation in the combiner";
    }

    @Override
    protected void addOptions(Options options) {
        options.addOption(GroupKey.option("country,status"));
        options.addOption(Option.builder()
                .longOpt("metrics")
                .hasArg()
                .argName("metric,…")
                .desc("count, sum:F, min:F, max:F, avg:F over numeric fields F (default: count)")
                .build());
    }

    @Override
    protected void configure(Job job, JobArgs args) {
        Configuration conf = job.getConfiguration();
        String groupBy = args.require("group-by");
        Plan.parse(groupBy, args.get("metrics", "count"));
        conf.set(GROUP_BY, groupBy);
        conf.set(METRICS, args.get("metrics", "count"));
        job.setMapperClass(AggregateMapper.class);
        job.setCombinerClass(AggregateCombiner.class);
        job.setReducerClass(AggregateReducer.class);
        job.setMapOutputKeyClass(Text.class);
        job.setMapOutputValueClass(AggregateState.class);
        job.setOutputKeyClass(NullWritable.class);
        job.setOutputValueClass(Text.class);
        job.setOutputFormatClass(TextOutputFormat.class);
        job.setNumReduceTasks(args.reducers(conf, 1));
    }

    /** The parsed group fields and metrics; the numeric fields the metrics need get one slot each in the state. */
    record Plan(List<Field> groupBy, List<Metric> metrics, List<Field> slots) {
        static Plan parse(String groupBy, String metrics) {
            List<Field> groups = GroupKey.parse(groupBy);
            List<Metric> ms = new ArrayList<>();
            List<Field> slots = new ArrayList<>();
            for (String m : metrics.split(",", -1)) {
                String spec = m.trim().toLowerCase(Locale.ROOT);
                if (spec.equals("count")) {
                    ms.add(new Metric("count", -1));
                    continue;
                }
                int colon = spec.indexOf(':');
                String fn = colon < 0 ? spec : spec.substring(0, colon);
                if (colon < 0 || !List.of("sum", "min", "max", "avg").contains(fn)) {
                    throw new IllegalArgumentException(
                            "unknown metric '" + m + "'; metrics are count, sum:F, min:F, max:F, avg:F");
                }
                Field f = Field.numeric(spec.substring(colon + 1));
                int slot = slots.indexOf(f);
                if (slot < 0) {
                    slot = slots.size();
                    slots.add(f);
                }
                ms.add(new Metric(fn, slot));
            }
            return new Plan(List.copyOf(groups), List.copyOf(ms), List.copyOf(slots));
        }

        static Plan of(Configuration conf) {
            return parse(conf.get(GROUP_BY), conf.get(METRICS, "count"));
        }
    }

    /** One output metric: its function and the state slot of its field ({@code -1} for count). */
    record Metric(String function, int slot) {
        String format(AggregateState s) {
            switch (function) {
                case "count":
                    return Long.toString(s.count);
                case "sum":
                    return s.n[slot] == 0 ? NULL : Long.toString(s.sum[slot]);
                case "min":
                    return s.n[slot] == 0 ? NULL : Long.toString(s.min[slot]);
                case "max":
                    return s.n[slot] == 0 ? NULL : Long.toString(s.max[slot]);
                case "avg":
                    return s.n[slot] == 0 ? NULL : String.format(Locale.ROOT, "%.4f", (double) s.sum[slot] / s.n[slot]);
                default:
                    throw new IllegalStateException(function);
            }
        }
    }

    /** Emits (group values, state of one event). */
    public static final class AggregateMapper extends EventMapper<Text, AggregateState> {
        private final Text key = new Text();
        private final AggregateState state = new AggregateState();
        private Plan plan;
        private GroupKey groupKey;

        @Override
        protected void setup(Context context) throws IOException, InterruptedException {
            super.setup(context);
            plan = Plan.of(context.getConfiguration());
            groupKey = new GroupKey(plan.groupBy());
        }

        @Override
        protected void mapEvent(ClickEvent event, Context context) throws IOException, InterruptedException {
            groupKey.set(event, key);
            state.reset(plan.slots().size());
            state.count = 1;
            for (int i = 0; i < plan.slots().size(); i++) {
                state.add(i, event.getLong(plan.slots().get(i)));
            }
            context.write(key, state);
        }
    }

    /** Merges partial states of a group: the map-side half of the reduce. */
    public static final class AggregateCombiner extends Reducer<Text, AggregateState, Text, AggregateState> {
        private final AggregateState merged = new AggregateState();

        @Override
        protected void reduce(Text key, Iterable<AggregateState> values, Context context)
                throws IOException, InterruptedException {
            boolean first = true;
            for (AggregateState s : values) {
                if (first) {
                    merged.reset(s.n.length);
                    first = false;
                }
                merged.merge(s);
            }
            context.write(key, merged);
        }
    }

    /** Merges a group's states and formats the requested metrics. */
    public static final class AggregateReducer extends Reducer<Text, AggregateState, NullWritable, Text> {
        private final AggregateState merged = new AggregateState();
        private final Text line = new Text();
        private Plan plan;

        @Override
        protected void setup(Context context) {
            plan = Plan.of(context.getConfiguration());
        }

        @Override
        protected void reduce(Text key, Iterable<AggregateState> values, Context context)
                throws IOException, InterruptedException {
            merged.reset(plan.slots().size());
            for (AggregateState s : values) {
                merged.merge(s);
            }
            StringBuilder sb = new StringBuilder(key.toString());
            for (Metric m : plan.metrics()) {
                sb.append('\t').append(m.format(merged));
            }
            line.set(sb.toString());
            context.write(NullWritable.get(), line);
        }
    }

    public static void main(String[] args) throws Exception {
        // exit-ok: entry point of this job in the job jar's driver.
        System.exit(ToolRunner.run(new Aggregate(), args));
    }
}
