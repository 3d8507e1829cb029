package dev.silt.mapreduce.jobs;

import dev.silt.mapreduce.event.ClickEvent;
import dev.silt.mapreduce.event.EventParser;
import dev.silt.mapreduce.event.MalformedRecordException;
import dev.silt.mapreduce.event.Reason;
import dev.silt.mapreduce.job.EventMapper;
import dev.silt.mapreduce.job.JobArgs;
import dev.silt.mapreduce.job.SiltTool;
import java.io.IOException;
import org.apache.commons.cli.Options;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.Partitioner;
import org.apache.hadoop.mapreduce.Reducer;
import org.apache.hadoop.mapreduce.TaskCounter;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.LazyOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.TextOutputFormat;
import org.apache.hadoop.util.ToolRunner;

/**
 * Landed JSON to ORC, partitioned Hive-style as {@code <out>/dt=yyyy-MM-dd/hr=HH/part-r-NNNNN.orc} by the UTC hour of
 * {@code ts}, for the warehouse and the schema-on-read layer.
 *
 * <p>The shuffle key is {@code ts}; the {@link HourPartitioner} sends a whole hour to one reducer and the sort orders
 * it by time, so each hour is one file whose rows are time-ordered (tight min/max statistics per stripe), and a reducer
 * has one ORC file open at a time ({@link OrcHourWriter}).
 *
 * <p>Besides the parser's validation, events must fit the table's schema ({@link #schemaProblem}); those that do not
 * are quarantined as {@link Reason#SCHEMA_MISMATCH} with the reason.
 */
public final class Etl extends SiltTool {
    static final String FILE_PREFIX = "part";

    @Override
    public String name() {
        return "etl";
    }

    @Override
    public String description() {
        return "landed JSON to ORC partitioned by dt=yyyy-MM-dd/hr=HH (UTC), time-ordered within each hour";
    }

    @Override
    protected void addOptions(Options options) {
        // Only the common options.
    }

    @Override
    protected void configure(Job job, JobArgs args) {
        Configuration conf = job.getConfiguration();
        job.setMapperClass(EtlMapper.class);
        job.setPartitionerClass(HourPartitioner.class);
        job.setReducerClass(EtlReducer.class);
        job.setMapOutputKeyClass(LongWritable.class);
        job.setMapOutputValueClass(Text.class);
        job.setOutputKeyClass(NullWritable.class);
        job.setOutputValueClass(Text.class);
        // The reducer writes ORC files itself; the output format only provides the committer, and lazily so that no
        // empty text part files appear.
        LazyOutputFormat.setOutputFormatClass(job, TextOutputFormat.class);
        job.setNumReduceTasks(args.reducers(conf, 1));
    }

    /**
     * Why an event does not fit the ORC schema, or {@code null} if it does: {@code status} must be an HTTP status
     * (100..599), {@code latency_ms} must fit an {@code int}, {@code country} must be two upper-case ASCII letters.
     */
    static String schemaProblem(ClickEvent e) {
        if (e.status() < 100 || e.status() > 599) {
            return "status " + e.status() + " is not an HTTP status (100..599)";
        }
        if (e.latencyMs() > Integer.MAX_VALUE) {
            return "latency_ms " + e.latencyMs() + " does not fit an int";
        }
        String c = e.country();
        if (c.length() != 2 || !upperAscii(c.charAt(0)) || !upperAscii(c.charAt(1))) {
            return "country '" + c + "' is not two upper-case ASCII letters";
        }
        return null;
    }

    private static boolean upperAscii(char c) {
        return c >= 'A' && c <= 'Z';
    }

    /** Emits (ts, line) for events that fit the schema; quarantines the others. */
    public static final class EtlMapper extends EventMapper<LongWritable, Text> {
        private final LongWritable ts = new LongWritable();

        @Override
        protected void mapEvent(ClickEvent event, Context context) throws IOException, InterruptedException {
            String problem = schemaProblem(event);
            if (problem != null) {
                reject(Reason.SCHEMA_MISMATCH, problem, context);
                return;
            }
            ts.set(event.tsMillis());
            context.write(ts, currentLine());
        }
    }

    /** Partitions by the UTC hour of the key, so an hour is never split between reducers. */
    public static final class HourPartitioner extends Partitioner<LongWritable, Text> {
        @Override
        public int getPartition(LongWritable ts, Text line, int partitions) {
            return (Long.hashCode(OrcHourWriter.hourOf(ts.get())) & Integer.MAX_VALUE) % partitions;
        }
    }

    /** Writes the time-ordered events of its hours into one ORC file per hour. */
    public static final class EtlReducer extends Reducer<LongWritable, Text, NullWritable, Text> {
        private final EventParser parser = new EventParser();
        private OrcHourWriter writer;

        @Override
        protected void setup(Context context) throws IOException, InterruptedException {
            String file = FileOutputFormat.getUniqueFile(context, FILE_PREFIX, ".orc");
            writer = new OrcHourWriter(context.getConfiguration(), FileOutputFormat.getWorkOutputPath(context), file);
        }

        @Override
        protected void reduce(LongWritable ts, Iterable<Text> lines, Context context)
                throws IOException, InterruptedException {
            for (Text line : lines) {
                try {
                    writer.write(parser.parse(line.getBytes(), 0, line.getLength()));
                } catch (MalformedRecordException e) {
                    throw new IOException("an event the map side validated no longer parses: " + e.getMessage(), e);
                }
                // Rows go to ORC files, not to context.write: count them where the job summary reads its output.
                context.getCounter(TaskCounter.REDUCE_OUTPUT_RECORDS).increment(1);
            }
        }

        @Override
        protected void cleanup(Context context) throws IOException {
            writer.close();
            context.getCounter(EtlCounters.FILES_WRITTEN).increment(writer.files());
        }
    }

    /** What the ETL wrote, in the counter group {@code EtlCounters}. */
    public enum EtlCounters {
        /** ORC files written (one per hour). */
        FILES_WRITTEN
    }

    public static void main(String[] args) throws Exception {
        // exit-ok: entry point of this job in the job jar's driver.
        System.exit(ToolRunner.run(new Etl(), args));
    }
}
