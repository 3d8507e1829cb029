package dev.silt.mapreduce.input;

import dev.silt.mapreduce.MapReduceKeys;
import dev.silt.mapreduce.event.Reason;
import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.util.LineReader;

/**
 * Reads the lines of one split, by Hadoop's rule: a split owns every line that starts after its first byte, up to and
 * including a line that starts exactly at its end; it skips the line it starts in (the previous split reads it) and
 * reads past its end to finish its last line. Each line is read exactly once.
 *
 * <p>Unlike Hadoop's {@code LineRecordReader}, nothing is dropped silently: a line longer than
 * {@link MapReduceKeys#RECORD_MAX_BYTES} comes out as a {@link Reason#RECORD_TOO_LONG} fault carrying its first bytes,
 * and a compressed file that ends early (truncated gzip, corrupt zstd) comes out as a {@link Reason#TRUNCATED_INPUT}
 * fault after every complete line before the damage.
 */
final class LandedRecordReader extends RecordReader<LongWritable, LandedRecord> {
    /** Set on the task's configuration while a file is read: the file's URI. */
    static final String CURRENT_FILE = "silt.mr.input.current.file";

    private final LongWritable key = new LongWritable();
    private final LandedRecord value = new LandedRecord();

    private InputStream in;
    private FSDataInputStream fileIn;
    private LineReader reader;
    private boolean compressed;
    private long start;
    private long end;
    private long pos;
    private int maxRecord;
    private boolean done;

    @Override
    public void initialize(InputSplit genericSplit, TaskAttemptContext context) throws IOException {
        FileSplit split = (FileSplit) genericSplit;
        Configuration conf = context.getConfiguration();
        long max = MapReduceKeys.RECORD_MAX_BYTES.getLong(conf);
        if (max <= 0 || max >= Integer.MAX_VALUE - 1) {
            throw new IllegalArgumentException(
                    MapReduceKeys.RECORD_MAX_BYTES.key() + " must be in [1, " + (Integer.MAX_VALUE - 2) + "]");
        }
        maxRecord = (int) max;
        Path file = split.getPath();
        // Mappers name the source of bad records; under MultipleInputs the split they see is wrapped.
        conf.set(CURRENT_FILE, file.toString());
        FileSystem fs = file.getFileSystem(conf);
        fileIn = fs.open(file);
        CompressionCodec codec = Compression.forPath(file, conf);
        start = split.getStart();
        if (codec != null) {
            compressed = true;
            context.getCounter(InputCounters.COMPRESSED_FILES).increment(1);
            in = codec.createInputStream(fileIn);
            start = 0;
            end = Long.MAX_VALUE;
        } else {
            context.getCounter(InputCounters.PLAIN_SPLITS).increment(1);
            fileIn.seek(start);
            in = fileIn;
            end = start + split.getLength();
        }
        reader = new LineReader(in, conf);
        pos = start;
        if (start != 0) {
            // The line that straddles our start belongs to the previous split.
            // It may run far past our end (one huge line); then this split has no lines of its own.
            pos += reader.readLine(new Text(), 0, Integer.MAX_VALUE);
        }
    }

    @Override
    public boolean nextKeyValue() throws IOException {
        if (done || pos > end) {
            return false;
        }
        key.set(pos);
        value.clearFault();
        Text line = value.line();
        int consumed;
        try {
            // Read at most maxRecord + 1 bytes into the line: one more than allowed tells us it was too long.
            consumed = reader.readLine(line, maxRecord + 1, Integer.MAX_VALUE);
        } catch (IOException e) {
            if (!compressed) {
                throw e;
            }
            done = true;
            value.setFault(
                    Reason.TRUNCATED_INPUT,
                    "compressed input ends early after " + pos + " decompressed bytes: " + e.getMessage());
            return true;
        }
        if (consumed == 0) {
            done = true;
            return false;
        }
        pos += consumed;
        if (line.getLength() > maxRecord) {
            value.setFault(
                    Reason.RECORD_TOO_LONG,
                    "line of " + consumed + " bytes (with its terminator) exceeds "
                            + MapReduceKeys.RECORD_MAX_BYTES.key() + "=" + maxRecord);
        }
        return true;
    }

    @Override
    public LongWritable getCurrentKey() {
        return key;
    }

    @Override
    public LandedRecord getCurrentValue() {
        return value;
    }

    @Override
    public float getProgress() throws IOException {
        if (compressed) {
            return done
                    ? 1f
                    : Math.min(1f, fileIn.getPos() / (float) Math.max(1, fileIn.available() + fileIn.getPos()));
        }
        if (end == start) {
            return 1f;
        }
        return Math.min(1f, (pos - start) / (float) (end - start));
    }

    @Override
    public void close() throws IOException {
        try {
            if (in != null) {
                in.close();
            }
        } finally {
            if (fileIn != null) {
                fileIn.close();
            }
        }
    }
}
