package dev.silt.mapreduce.gen;

import com.github.luben.zstd.ZstdInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** Reads what the generator wrote, with the JDK and zstd-jni rather than the generator's own code. */
final class GenTestSupport {
    private GenTestSupport() {}

    /** Every data file under {@code root} (Hadoop's hidden .crc side files left out), by relative path. */
    static TreeMap<String, byte[]> files(Path root) throws IOException {
        TreeMap<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                if (!p.getFileName().toString().startsWith(".")) {
                    files.put(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
                }
            }
        }
        return files;
    }

    static String decompress(String name, byte[] bytes) throws IOException {
        InputStream in = new ByteArrayInputStream(bytes);
        if (name.endsWith(".gz")) {
            in = new GZIPInputStream(in);
        } else if (name.endsWith(".zst")) {
            in = new ZstdInputStream(in);
        }
        try (InputStream s = in) {
            return new String(s.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The lines of a file's text, which must end with a newline unless it is empty. */
    static List<String> lines(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        if (!text.endsWith("\n")) {
            throw new AssertionError("file does not end with a newline");
        }
        return List.of(text.substring(0, text.length() - 1).split("\n", -1));
    }
}
