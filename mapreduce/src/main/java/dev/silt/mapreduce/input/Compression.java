package dev.silt.mapreduce.input;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;

/** Picks the codec of an input file from its name. */
final class Compression {
    private Compression() {}

    /** The codec for {@code file}, or {@code null} when it is not compressed. */
    static CompressionCodec forPath(Path file, Configuration conf) {
        // Hadoop's own ZStandardCodec needs libhadoop's native zstd; ours runs on zstd-jni everywhere.
        if (file.getName().endsWith(ZstdCodec.EXTENSION)) {
            ZstdCodec codec = new ZstdCodec();
            codec.setConf(conf);
            return codec;
        }
        return new CompressionCodecFactory(conf).getCodec(file);
    }
}
