package dev.silt.mapreduce.jobs;

import dev.silt.mapreduce.MapReduceKeys;
import dev.silt.mapreduce.event.ClickEvent;
import dev.silt.mapreduce.event.Field;
import dev.silt.mapreduce.job.EventMapper;
import dev.silt.mapreduce.job.JobArgs;
import dev.silt.mapreduce.job.SiltTool;
import java.io.IOException;
import java.util.List;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.Reducer;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.TextOutputFormat;
import org.apache.hadoop.mapreduce.lib.partition.TotalOrderPartitioner;
import org.apache.hadoop.util.ToolRunner;

/**
 * Total-order sort of events by one field, as Hadoop's {@code TeraSort}: the driver samples the input and writes the
 * partition boundaries; {@link TotalOrderPartitioner} sends each key range to one reducer, so concatenating
 * {@code part-r-00000}, {@code part-r-00001}, … in order is globally sorted.
 *
 * <p>Numeric fields sort numerically, strings by their UTF-8 bytes, absent values first (in both directions). Keys are
 * encoded by {@link OrderedKeyCodec} so that the shuffle's byte comparison is the key order. Output: the original
 * JSON lines. Events with equal keys come in no particular order.
 */
public final class Sort extends SiltTool {
    static final String KEY = "silt.sort.key";
    static final String DESC = "silt.sort.desc";
    static final int DEFAULT_REDUCERS = 2;

    private Path partitionFile;

    @Override
    public String name() {
        return "sort";
    }

    @Override
    public String description() {
        return "total-order sort of events by a field (sampled range partitioning)";
    }

    @Override
    protected void addOptions(Options options) {
        options.addOption(Option.builder()
                .longOpt("key")
                .hasArg()
                .argName("field")
                .desc("field to sort by, e.g. bytes, ts, user (also: hour, date)")
                .build());
        options.addOption(Option.builder()
                .longOpt("desc")
                .desc("sort in descending order (absent values still first)")
                .build());
    }

    @Override
    protected void configure(Job job, JobArgs args) throws IOException {
        Configuration conf = job.getConfiguration();
        Field field = Field.of(args.require("key"));
        boolean desc = args.has("desc");
        conf.set(KEY, field.jsonName());
        conf.setBoolean(DESC, desc);
        job.setMapperClass(SortMapper.class);
        job.setReducerClass(SortReducer.class);
        job.setMapOutputKeyClass(BytesWritable.class);
        job.setMapOutputValueClass(Text.class);
        job.setOutputKeyClass(NullWritable.class);
        job.setOutputValueClass(Text.class);
        job.setOutputFormatClass(TextOutputFormat.class);
        int reducers = args.reducers(conf, DEFAULT_REDUCERS);
        if (reducers > 1) {
            reducers = partition(job, new OrderedKeyCodec(field, desc), reducers);
        }
        job.setNumReduceTasks(reducers);
    }

    /** Samples, writes the partition file beside the staging output, and returns the reducers to run. */
    private int partition(Job job, OrderedKeyCodec codec, int reducers) throws IOException {
        Configuration conf = job.getConfiguration();
        int sampleSize = (int) Math.min(Integer.MAX_VALUE, MapReduceKeys.SORT_SAMPLE_SIZE.getLong(conf));
        List<byte[]> cuts;
        try {
            cuts = SortSampler.boundaries(SortSampler.sample(job, codec, sampleSize), reducers);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while sampling", e);
        }
        if (cuts.isEmpty()) {
            // One distinct key (or no input): a single reducer is the whole sort.
            return 1;
        }
        Path staging = FileOutputFormat.getOutputPath(job);
        partitionFile = new Path(staging.getParent(), staging.getName() + ".partitions");
        SortSampler.writePartitionFile(conf, partitionFile, cuts);
        TotalOrderPartitioner.setPartitionFile(conf, partitionFile);
        // Binary search with the shuffle's comparator, not the byte trie: the trie sent every key to partition 0
        // for keys rich in 0xFF bytes (as the descending and sign-flipped encodings are); JobTasksTest pins the
        // routing.
        conf.setBoolean(TotalOrderPartitioner.NATURAL_ORDER, false);
        job.setPartitionerClass(TotalOrderPartitioner.class);
        return cuts.size() + 1;
    }

    @Override
    protected void cleanup(Job job) throws IOException {
        if (partitionFile != null) {
            FileSystem fs = partitionFile.getFileSystem(job.getConfiguration());
            fs.delete(partitionFile, false);
            partitionFile = null;
        }
    }

    /** Emits (encoded key, original line). */
    public static final class SortMapper extends EventMapper<BytesWritable, Text> {
        private OrderedKeyCodec codec;

        @Override
        protected void setup(Context context) throws IOException, InterruptedException {
            super.setup(context);
            Configuration conf = context.getConfiguration();
            codec = new OrderedKeyCodec(Field.of(conf.get(KEY)), conf.getBoolean(DESC, false));
        }

        @Override
        protected void mapEvent(ClickEvent event, Context context) throws IOException, InterruptedException {
            context.write(codec.encode(event), currentLine());
        }
    }

    /** Writes every line of a key, in the order the shuffle sorted the keys. */
    public static final class SortReducer extends Reducer<BytesWritable, Text, NullWritable, Text> {
        @Override
        protected void reduce(BytesWritable key, Iterable<Text> lines, Context context)
                throws IOException, InterruptedException {
            for (Text line : lines) {
                context.write(NullWritable.get(), line);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        // exit-ok: entry point of this job in the job jar's driver.
        System.exit(ToolRunner.run(new Sort(), args));
    }
}
