package dev.silt.ingest.delivery.internal;

import com.github.luben.zstd.ZstdOutputStream;
import dev.silt.ingest.delivery.DeliveryConfig.Compression;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.GZIPOutputStream;
import org.xerial.snappy.SnappyFramedOutputStream;

/**
 * One record per line, the whole file compressed: GZIP, ZSTD (one frame) or Snappy (the framing format).
 * Records reach it without a line break of their own (the delivery checks that).
 */
public final class JsonLinesWriter implements RecordFileWriter {
    private final OutputStream out;

    public JsonLinesWriter(OutputStream raw, Compression compression) throws IOException {
        OutputStream buffered = new BufferedOutputStream(raw, 1 << 16);
        OutputStream compressed =
                switch (compression) {
                    case NONE -> buffered;
                    case GZIP -> new GZIPOutputStream(buffered, 1 << 16);
                    case ZSTD -> new ZstdOutputStream(buffered, 3);
                    case SNAPPY -> new SnappyFramedOutputStream(buffered);
                };
        // Compressors pay per call: hand them 128 KiB at a time, not one small record and its line break.
        this.out = compression == Compression.NONE ? compressed : new BufferedOutputStream(compressed, 1 << 17);
    }

    @Override
    public void write(byte[] record) throws IOException {
        out.write(record);
        out.write('\n');
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
