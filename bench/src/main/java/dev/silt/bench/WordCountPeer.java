package dev.silt.bench;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.examples.WordCount;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.IntWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.TaskCounter;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;

/**
 * The peer: Hadoop's own {@code wordcount} from {@code hadoop-mapreduce-examples}, wired exactly as its {@code main}
 * wires it (which calls {@code System.exit}, so the job is built here): {@code TokenizerMapper},
 * {@code IntSumReducer} as combiner and reducer, {@code TextInputFormat}, one reducer. Only the input is adapted to
 * the landed layout: read recursively, with the same split size silt uses.
 */
final class WordCountPeer implements Contender {
    private final long splitBytes;

    WordCountPeer(long splitBytes) {
        this.splitBytes = splitBytes;
    }

    @Override
    public String name() {
        return "wordcount (hadoop-examples)";
    }

    @Override
    public RunFigures run(Configuration base, Path input, Path output, long inputBytes) throws Exception {
        Configuration conf = new Configuration(base);
        Job job = Job.getInstance(conf, "word count");
        job.setJarByClass(WordCount.class);
        job.setMapperClass(WordCount.TokenizerMapper.class);
        job.setCombinerClass(WordCount.IntSumReducer.class);
        job.setReducerClass(WordCount.IntSumReducer.class);
        job.setOutputKeyClass(Text.class);
        job.setOutputValueClass(IntWritable.class);
        FileInputFormat.addInputPath(job, input);
        FileInputFormat.setInputDirRecursive(job, true);
        // min = max, so the local file system's 32 MB block size does not shrink the splits.
        FileInputFormat.setMinInputSplitSize(job, splitBytes);
        FileInputFormat.setMaxInputSplitSize(job, splitBytes);
        FileOutputFormat.setOutputPath(job, output);

        long t0 = System.nanoTime();
        if (!job.waitForCompletion(false)) {
            throw new IllegalStateException(
                    "wordcount failed: " + job.getStatus().getFailureInfo());
        }
        long wall = System.nanoTime() - t0;
        Counters c = job.getCounters();
        return new RunFigures(
                name(),
                wall,
                inputBytes,
                c.findCounter(TaskCounter.MAP_INPUT_RECORDS).getValue(),
                c.findCounter(TaskCounter.MAP_OUTPUT_RECORDS).getValue(),
                c.findCounter(TaskCounter.MAP_OUTPUT_BYTES).getValue(),
                c.findCounter(TaskCounter.COMBINE_INPUT_RECORDS).getValue(),
                c.findCounter(TaskCounter.COMBINE_OUTPUT_RECORDS).getValue(),
                c.findCounter(TaskCounter.MAP_OUTPUT_MATERIALIZED_BYTES).getValue(),
                c.findCounter(TaskCounter.REDUCE_SHUFFLE_BYTES).getValue(),
                c.findCounter(TaskCounter.SPILLED_RECORDS).getValue(),
                c.findCounter(TaskCounter.REDUCE_OUTPUT_RECORDS).getValue());
    }
}
