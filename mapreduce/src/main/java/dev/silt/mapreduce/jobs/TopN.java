package dev.silt.mapreduce.jobs;

import dev.silt.mapreduce.event.ClickEvent;
import dev.silt.mapreduce.event.Field;
import dev.silt.mapreduce.job.EventMapper;
import dev.silt.mapreduce.job.JobArgs;
import dev.silt.mapreduce.job.SiltTool;
import java.io.IOException;
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
 * The top N events of each group by a numeric field, through secondary sort: the key is (group, value), sorted by
 * group and then value (descending unless {@code --asc}); partitioning and grouping look at the group alone. A reduce
 * call therefore sees a group's events best first and stops after N. The combiner does the same per spill, with the
 * group as its grouping too, so at most N events per group and spill cross the network.
 *
 * <p>Output: {@code group… \t rank \t value \t event JSON}. Ties at the N-th place are cut arbitrarily.
 */
public final class TopN extends SiltTool {
    static final String GROUP_BY = "silt.topn.group.by";
    static final String ORDER_BY = "silt.topn.order.by";
    static final String N = "silt.topn.n";

    @Override
    public String name() {
        return "topn";
    }

    @Override
    public String description() {
        return "top N events per group by a numeric field (secondary sort)";
    }

    @Override
    protected void addOptions(Options options) {
        options.addOption(GroupKey.option("country"));
        options.addOption(Option.builder()
                .longOpt("order-by")
                .hasArg()
                .argName("field")
                .desc("numeric field to rank by, e.g. latency_ms")
                .build());
        options.addOption(Option.builder()
                .longOpt("n")
                .hasArg()
                .argName("n")
                .desc("events per group (default 10)")
                .build());
        options.addOption(Option.builder()
                .longOpt("asc")
                .desc("smallest values first instead of largest")
                .build());
    }

    @Override
    protected void configure(Job job, JobArgs args) {
        Configuration conf = job.getConfiguration();
        String groupBy = args.require("group-by");
        GroupKey.parse(groupBy);
        Field order = Field.numeric(args.require("order-by"));
        int n = args.getInt("n", 10);
        if (n < 1) {
            throw new IllegalArgumentException("--n must be at least 1, not " + n);
        }
        conf.set(GROUP_BY, groupBy);
        conf.set(ORDER_BY, order.jsonName());
        conf.setInt(N, n);
        job.setMapperClass(TopNMapper.class);
        job.setCombinerClass(TopNCombiner.class);
        job.setReducerClass(TopNReducer.class);
        job.setPartitionerClass(GroupValueKey.GroupPartitioner.class);
        job.setSortComparatorClass(args.has("asc") ? GroupValueKey.Ascending.class : GroupValueKey.Descending.class);
        job.setGroupingComparatorClass(GroupValueKey.GroupComparator.class);
        job.setCombinerKeyGroupingComparatorClass(GroupValueKey.GroupComparator.class);
        job.setMapOutputKeyClass(GroupValueKey.class);
        job.setMapOutputValueClass(Text.class);
        job.setOutputKeyClass(NullWritable.class);
        job.setOutputValueClass(Text.class);
        job.setOutputFormatClass(TextOutputFormat.class);
        job.setNumReduceTasks(args.reducers(conf, 1));
    }

    /** Emits ((group, value), event line). */
    public static final class TopNMapper extends EventMapper<GroupValueKey, Text> {
        private final GroupValueKey key = new GroupValueKey();
        private GroupKey groupKey;
        private Field order;

        @Override
        protected void setup(Context context) throws IOException, InterruptedException {
            super.setup(context);
            groupKey = new GroupKey(GroupKey.parse(context.getConfiguration().get(GROUP_BY)));
            order = Field.numeric(context.getConfiguration().get(ORDER_BY));
        }

        @Override
        protected void mapEvent(ClickEvent event, Context context) throws IOException, InterruptedException {
            groupKey.set(event, key.group());
            key.setValue(event.getLong(order));
            context.write(key, currentLine());
        }
    }

    /** Keeps the first N events of each group of a spill; they arrive best first. */
    public static final class TopNCombiner extends Reducer<GroupValueKey, Text, GroupValueKey, Text> {
        private int n;

        @Override
        protected void setup(Context context) {
            n = context.getConfiguration().getInt(N, 10);
        }

        @Override
        protected void reduce(GroupValueKey key, Iterable<Text> values, Context context)
                throws IOException, InterruptedException {
            int kept = 0;
            // The key object changes with each value: it holds the value of the current event.
            for (Text v : values) {
                if (kept++ == n) {
                    break;
                }
                context.write(key, v);
            }
        }
    }

    /** Emits the first N events of each group with their rank. */
    public static final class TopNReducer extends Reducer<GroupValueKey, Text, NullWritable, Text> {
        private final Text line = new Text();
        private int n;

        @Override
        protected void setup(Context context) {
            n = context.getConfiguration().getInt(N, 10);
        }

        @Override
        protected void reduce(GroupValueKey key, Iterable<Text> values, Context context)
                throws IOException, InterruptedException {
            int rank = 0;
            for (Text v : values) {
                if (rank++ == n) {
                    break;
                }
                line.set(key.group() + "\t" + rank + "\t" + key.value() + "\t" + v);
                context.write(NullWritable.get(), line);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        // exit-ok: entry point of this job in the job jar's driver.
        System.exit(ToolRunner.run(new TopN(), args));
    }
}
