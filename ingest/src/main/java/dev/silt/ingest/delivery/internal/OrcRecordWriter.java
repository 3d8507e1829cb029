package dev.silt.ingest.delivery.internal;

import dev.silt.ingest.delivery.DeliveryConfig.Compression;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.orc.CompressionKind;
import org.apache.orc.OrcFile;
import org.apache.orc.Writer;

/** Writes checked JSON object records as ORC rows, 1,024 at a time. */
public final class OrcRecordWriter implements RecordFileWriter {
    private final OrcJsonRows rows;
    private final Writer writer;
    private final VectorizedRowBatch batch;

    public OrcRecordWriter(FileSystem fs, Path path, Configuration conf, OrcJsonRows rows, Compression compression)
            throws IOException {
        this.rows = rows;
        CompressionKind kind =
                switch (compression) {
                    case NONE -> CompressionKind.NONE;
                    case GZIP -> CompressionKind.ZLIB;
                    case ZSTD -> CompressionKind.ZSTD;
                    case SNAPPY -> CompressionKind.SNAPPY;
                };
        this.writer = OrcFile.createWriter(
                path,
                OrcFile.writerOptions(conf)
                        .fileSystem(fs)
                        .setSchema(rows.schema())
                        .compress(kind)
                        .overwrite(true));
        this.batch = rows.schema().createRowBatch();
    }

    @Override
    public void write(byte[] record) throws IOException {
        String problem = rows.fill(batch, batch.size, record);
        if (problem != null) {
            throw new IllegalStateException("a record that passed the schema check does not convert: " + problem);
        }
        batch.size++;
        if (batch.size == batch.getMaxSize()) {
            writer.addRowBatch(batch);
            batch.reset();
        }
    }

    /** Writes rows converted beforehand (see {@link OrcBatches}); the batches are not changed. */
    public void writeBatches(List<VectorizedRowBatch> batches) throws IOException {
        for (VectorizedRowBatch b : batches) {
            if (b.size > 0) {
                writer.addRowBatch(b);
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (batch.size > 0) {
            writer.addRowBatch(batch);
            batch.reset();
        }
        writer.close();
    }
}
