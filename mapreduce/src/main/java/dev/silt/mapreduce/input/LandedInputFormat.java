package dev.silt.mapreduce.input;

import dev.silt.mapreduce.MapReduceKeys;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;

/**
 * Reads the landed layout ({@code yyyy/MM/dd/HH/*.json[.gz|.zst]}): newline-delimited records, keyed by their byte
 * offset in the (decompressed) file.
 *
 * <p>Uncompressed files are split at {@link MapReduceKeys#SPLIT_MAX_BYTES} (128 MB by default), whatever block size
 * the file system reports: the local file system says 32 MB, which would quadruple the task count for nothing. A
 * compressed file cannot be split and is read whole by one task; the counter {@code Input.COMPRESSED_FILES} says how
 * many were.
 */
public final class LandedInputFormat extends FileInputFormat<LongWritable, LandedRecord> {

    /** The file the current task is reading, for error reports; empty before the first record. */
    public static String currentFile(org.apache.hadoop.conf.Configuration conf) {
        return conf.get(LandedRecordReader.CURRENT_FILE, "");
    }

    @Override
    public RecordReader<LongWritable, LandedRecord> createRecordReader(InputSplit split, TaskAttemptContext context) {
        return new LandedRecordReader();
    }

    @Override
    protected boolean isSplitable(JobContext context, Path file) {
        return Compression.forPath(file, context.getConfiguration()) == null;
    }

    @Override
    protected long computeSplitSize(long blockSize, long minSize, long maxSize) {
        return Math.max(minSize, maxSize);
    }

    /** Sets the target split size; the default is {@link MapReduceKeys#SPLIT_MAX_BYTES}. */
    public static void configureSplits(org.apache.hadoop.mapreduce.Job job) {
        long max = MapReduceKeys.SPLIT_MAX_BYTES.getLong(job.getConfiguration());
        if (max <= 0) {
            throw new IllegalArgumentException(MapReduceKeys.SPLIT_MAX_BYTES.key() + " must be positive, not " + max);
        }
        setMaxInputSplitSize(job, max);
        setMinInputSplitSize(job, 1);
        job.getConfiguration().setBoolean(INPUT_DIR_RECURSIVE, true);
    }
}
