package dev.silt.ingest.stream.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Reads and atomically replaces {@code stream.json}: write a temporary file, force it, rename, force the directory. */
public final class MetadataFiles {
    public static final String STREAM_FILE = "stream.json";
    private static final String TEMP_SUFFIX = ".tmp";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private MetadataFiles() {}

    public static void write(Path streamDir, StreamMetadata metadata) throws IOException {
        Files.createDirectories(streamDir);
        byte[] bytes = JSON.writeValueAsBytes(metadata);
        Path tmp = streamDir.resolve(STREAM_FILE + TEMP_SUFFIX);
        try (FileChannel ch = FileChannel.open(
                tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                ch.write(buffer);
            }
            ch.force(true);
        }
        Files.move(tmp, streamDir.resolve(STREAM_FILE), StandardCopyOption.ATOMIC_MOVE);
        forceDirectory(streamDir);
    }

    public static StreamMetadata read(Path streamDir) throws IOException {
        Path file = streamDir.resolve(STREAM_FILE);
        StreamMetadata m;
        try {
            m = JSON.readValue(file.toFile(), StreamMetadata.class);
        } catch (IOException e) {
            throw new IOException("cannot read stream metadata " + file + ": " + e.getMessage(), e);
        }
        if (m.formatVersion() > StreamMetadata.FORMAT_VERSION) {
            throw new IOException(file + " has format version " + m.formatVersion()
                    + ", newer than this release understands (" + StreamMetadata.FORMAT_VERSION + ")");
        }
        return m;
    }

    /** Makes a rename or a new file in {@code dir} durable (a no-op where directories cannot be opened). */
    public static void forceDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            if (System.getProperty("os.name", "").startsWith("Windows")) {
                return; // Windows cannot open a directory as a channel; NTFS journals the rename itself
            }
            throw e;
        }
    }
}
