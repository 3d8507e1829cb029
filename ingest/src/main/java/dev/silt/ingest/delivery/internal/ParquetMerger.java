package dev.silt.ingest.delivery.internal;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.util.HadoopStreams;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;
import org.apache.parquet.schema.MessageType;

/** Merges Parquet files of one schema by copying their row groups, without decoding a value. */
final class ParquetMerger {
    private ParquetMerger() {}

    /** Writes {@code output} from {@code inputs}; fails (leaving no output) if their schemas differ. */
    static void merge(FileSystem fs, List<FileStatus> inputs, Path output) throws IOException {
        MessageType schema = null;
        for (FileStatus f : inputs) {
            MessageType s;
            try (ParquetFileReader reader = ParquetFileReader.open(input(fs, f))) {
                s = reader.getFileMetaData().getSchema();
            }
            if (schema != null && !schema.equals(s)) {
                throw new IOException("Parquet files of " + output.getParent()
                        + " could not be merged (different schemas); nothing was changed");
            }
            schema = s;
        }
        ParquetFileWriter writer = new ParquetFileWriter(
                new ParquetRecordWriter.FsOutputFile(fs, output),
                schema,
                ParquetFileWriter.Mode.OVERWRITE,
                ParquetWriter.DEFAULT_BLOCK_SIZE,
                ParquetWriter.MAX_PADDING_SIZE_DEFAULT);
        try {
            writer.start();
            for (FileStatus f : inputs) {
                writer.appendFile(input(fs, f));
            }
            writer.end(Map.of());
        } catch (IOException | RuntimeException e) {
            try {
                fs.delete(output, false);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private static InputFile input(FileSystem fs, FileStatus status) {
        return new InputFile() {
            @Override
            public long getLength() {
                return status.getLen();
            }

            @Override
            public SeekableInputStream newStream() throws IOException {
                return HadoopStreams.wrap(fs.open(status.getPath()));
            }
        };
    }
}
