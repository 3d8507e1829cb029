package dev.silt.ingest.delivery.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.silt.ingest.delivery.DeliveryConfig.Compression;
import java.io.IOException;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopStreams;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.api.RecordConsumer;

/**
 * Writes checked JSON object records as one Parquet file (one row group per file up to 128 MiB, which a landed
 * buffer never exceeds by much). The file is written through the delivery's own {@link FileSystem} instance, so
 * the commit protocol (temp file and rename, or the final name written once on object stores) applies unchanged.
 */
public final class ParquetRecordWriter implements RecordFileWriter {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final ParquetWriter<JsonNode> writer;

    public ParquetRecordWriter(
            FileSystem fs, Path path, Configuration conf, ParquetJsonRows rows, Compression compression)
            throws IOException {
        this.writer = new Builder(new FsOutputFile(fs, path), rows)
                .withConf(conf)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withCompressionCodec(codec(compression))
                .build();
    }

    static CompressionCodecName codec(Compression compression) {
        return switch (compression) {
            case NONE -> CompressionCodecName.UNCOMPRESSED;
            case GZIP -> CompressionCodecName.GZIP;
            case ZSTD -> CompressionCodecName.ZSTD;
            case SNAPPY -> CompressionCodecName.SNAPPY;
        };
    }

    @Override
    public void write(byte[] record) throws IOException {
        writer.write(MAPPER.readTree(record));
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }

    private static final class Builder extends ParquetWriter.Builder<JsonNode, Builder> {
        private final ParquetJsonRows rows;

        Builder(OutputFile file, ParquetJsonRows rows) {
            super(file);
            this.rows = rows;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<JsonNode> getWriteSupport(Configuration conf) {
            return new JsonWriteSupport(rows);
        }
    }

    private static final class JsonWriteSupport extends WriteSupport<JsonNode> {
        private final ParquetJsonRows rows;
        private RecordConsumer consumer;

        JsonWriteSupport(ParquetJsonRows rows) {
            this.rows = rows;
        }

        @Override
        public WriteContext init(Configuration configuration) {
            return new WriteContext(rows.schema(), Map.of());
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.consumer = recordConsumer;
        }

        @Override
        public void write(JsonNode record) {
            rows.write(consumer, record);
        }
    }

    /** A file of the delivery's file system instance (Parquet's own HadoopOutputFile would use the FS cache). */
    static final class FsOutputFile implements OutputFile {
        private final FileSystem fs;
        private final Path path;

        FsOutputFile(FileSystem fs, Path path) {
            this.fs = fs;
            this.path = path;
        }

        @Override
        public PositionOutputStream create(long blockSizeHint) throws IOException {
            return HadoopStreams.wrap(fs.create(path, false));
        }

        @Override
        public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
            return HadoopStreams.wrap(fs.create(path, true));
        }

        @Override
        public boolean supportsBlockSize() {
            return false;
        }

        @Override
        public long defaultBlockSize() {
            return 0;
        }

        @Override
        public String getPath() {
            return path.toString();
        }
    }
}
