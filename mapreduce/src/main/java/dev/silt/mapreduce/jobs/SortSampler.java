package dev.silt.mapreduce.jobs;

import dev.silt.mapreduce.event.ClickEvent;
import dev.silt.mapreduce.event.EventParser;
import dev.silt.mapreduce.event.MalformedRecordException;
import dev.silt.mapreduce.input.LandedRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.SequenceFile;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.InputFormat;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.apache.hadoop.mapreduce.task.TaskAttemptContextImpl;
import org.apache.hadoop.util.ReflectionUtils;

/**
 * Chooses the total-order sort's partition boundaries in the driver: reads about {@code sampleSize} keys through the
 * job's own input format, from splits spread evenly over the input (the first records of each sampled split, as
 * Hadoop's {@code SplitSampler} does), encodes them with {@link OrderedKeyCodec}, and picks evenly spaced distinct
 * keys. Lines that do not parse are skipped here; the mappers quarantine them.
 */
final class SortSampler {
    /** Sampling reads the starts of at most this many splits, spread evenly. */
    static final int MAX_SPLITS_SAMPLED = 100;

    private SortSampler() {}

    /** Reads the sample: encoded keys in input order. */
    static List<byte[]> sample(Job job, OrderedKeyCodec codec, int sampleSize)
            throws IOException, InterruptedException {
        @SuppressWarnings("unchecked")
        InputFormat<LongWritable, LandedRecord> format = (InputFormat<LongWritable, LandedRecord>)
                ReflectionUtils.newInstance(sampleInputFormat(job), job.getConfiguration());
        List<InputSplit> splits = format.getSplits(job);
        List<byte[]> keys = new ArrayList<>();
        if (splits.isEmpty() || sampleSize <= 0) {
            return keys;
        }
        int sampled = Math.min(splits.size(), MAX_SPLITS_SAMPLED);
        int perSplit = Math.max(1, sampleSize / sampled);
        EventParser parser = new EventParser();
        for (int i = 0; i < sampled; i++) {
            InputSplit split = splits.get((int) ((long) i * splits.size() / sampled));
            // The reader records the current file on its configuration: give it a copy.
            TaskAttemptContext ctx =
                    new TaskAttemptContextImpl(new Configuration(job.getConfiguration()), new TaskAttemptID());
            try (RecordReader<LongWritable, LandedRecord> reader = format.createRecordReader(split, ctx)) {
                reader.initialize(split, ctx);
                int taken = 0;
                while (taken < perSplit && reader.nextKeyValue()) {
                    LandedRecord r = reader.getCurrentValue();
                    if (r.fault() != null) {
                        continue;
                    }
                    Text line = r.line();
                    ClickEvent event;
                    try {
                        event = parser.parse(line.getBytes(), 0, line.getLength());
                    } catch (MalformedRecordException e) {
                        continue;
                    }
                    BytesWritable k = codec.encode(event);
                    keys.add(k.copyBytes());
                    taken++;
                }
            }
        }
        return keys;
    }

    private static Class<?> sampleInputFormat(Job job) throws IOException {
        try {
            return job.getInputFormatClass();
        } catch (ClassNotFoundException e) {
            throw new IOException("input format class not found", e);
        }
    }

    /**
     * Up to {@code partitions - 1} strictly increasing boundaries, evenly spaced over the sorted sample. Fewer come back
     * when the sample has fewer distinct keys; the caller then runs fewer reducers.
     */
    static List<byte[]> boundaries(List<byte[]> sample, int partitions) {
        List<byte[]> sorted = new ArrayList<>(sample);
        sorted.sort(SortSampler::compareUnsigned);
        List<byte[]> cuts = new ArrayList<>();
        if (sorted.isEmpty()) {
            return cuts;
        }
        for (int i = 1; i < partitions; i++) {
            int k = (int) ((long) i * sorted.size() / partitions);
            byte[] candidate = sorted.get(Math.min(k, sorted.size() - 1));
            // A boundary equal to the smallest key would leave partition 0 empty; equal boundaries are not allowed.
            if (compareUnsigned(candidate, sorted.get(0)) <= 0) {
                continue;
            }
            if (!cuts.isEmpty() && compareUnsigned(candidate, cuts.get(cuts.size() - 1)) <= 0) {
                continue;
            }
            cuts.add(candidate);
        }
        return cuts;
    }

    /** Writes the boundaries as {@code TotalOrderPartitioner} reads them. */
    static void writePartitionFile(Configuration conf, Path file, List<byte[]> cuts) throws IOException {
        FileSystem fs = file.getFileSystem(conf);
        try (SequenceFile.Writer w = SequenceFile.createWriter(
                conf,
                SequenceFile.Writer.file(fs.makeQualified(file)),
                SequenceFile.Writer.keyClass(BytesWritable.class),
                SequenceFile.Writer.valueClass(NullWritable.class))) {
            for (byte[] cut : cuts) {
                w.append(new BytesWritable(cut), NullWritable.get());
            }
        }
    }

    static int compareUnsigned(byte[] a, byte[] b) {
        return java.util.Arrays.compareUnsigned(a, b);
    }
}
