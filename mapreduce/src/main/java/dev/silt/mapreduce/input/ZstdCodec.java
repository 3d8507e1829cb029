package dev.silt.mapreduce.input;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.hadoop.conf.Configurable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionInputStream;
import org.apache.hadoop.io.compress.CompressionOutputStream;
import org.apache.hadoop.io.compress.Compressor;
import org.apache.hadoop.io.compress.Decompressor;

/**
 * Zstandard streams through zstd-jni, which bundles its native library, so {@code .zst} files read the same on a
 * laptop and on a cluster without libhadoop. Streaming only: there is no pooled (de)compressor.
 */
public final class ZstdCodec implements CompressionCodec, Configurable {
    public static final String EXTENSION = ".zst";

    private Configuration conf;

    @Override
    public void setConf(Configuration conf) {
        this.conf = conf;
    }

    @Override
    public Configuration getConf() {
        return conf;
    }

    @Override
    public CompressionOutputStream createOutputStream(OutputStream out) throws IOException {
        ZstdOutputStreamNoFinalizer z = new ZstdOutputStreamNoFinalizer(out, 3);
        // finish() must leave a complete frame behind without closing the underlying stream.
        z.setCloseFrameOnFlush(true);
        return new CompressionOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                z.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                z.write(b, off, len);
            }

            @Override
            public void finish() throws IOException {
                z.flush();
            }

            @Override
            public void resetState() {}

            @Override
            public void close() throws IOException {
                z.close();
            }
        };
    }

    @Override
    public CompressionOutputStream createOutputStream(OutputStream out, Compressor compressor) throws IOException {
        return createOutputStream(out);
    }

    @Override
    public Class<? extends Compressor> getCompressorType() {
        return null;
    }

    @Override
    public Compressor createCompressor() {
        return null;
    }

    @Override
    public CompressionInputStream createInputStream(InputStream in) throws IOException {
        ZstdInputStreamNoFinalizer z = new ZstdInputStreamNoFinalizer(in);
        return new CompressionInputStream(in) {
            @Override
            public int read() throws IOException {
                return z.read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return z.read(b, off, len);
            }

            @Override
            public void resetState() {}

            @Override
            public void close() throws IOException {
                z.close();
            }
        };
    }

    @Override
    public CompressionInputStream createInputStream(InputStream in, Decompressor decompressor) throws IOException {
        return createInputStream(in);
    }

    @Override
    public Class<? extends Decompressor> getDecompressorType() {
        return null;
    }

    @Override
    public Decompressor createDecompressor() {
        return null;
    }

    @Override
    public String getDefaultExtension() {
        return EXTENSION;
    }
}
