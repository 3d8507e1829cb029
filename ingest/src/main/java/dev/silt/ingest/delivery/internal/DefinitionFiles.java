package dev.silt.ingest.delivery.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files that hold managed delivery-stream definitions, one {@code <name>.delivery.json} per stream in one
 * directory. A file is replaced atomically: written to a temporary name, forced, renamed over the old one, and the
 * directory forced, so a crash leaves the old definition or the new one, never a torn file. Not thread-safe for
 * one name: the caller serialises writes of a stream.
 */
public final class DefinitionFiles {
    /** Format of the files; a newer one is refused with a clear error rather than misread. */
    public static final int FORMAT_VERSION = 1;

    private static final String SUFFIX = ".delivery.json";
    private static final String TEMP_SUFFIX = ".tmp";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One definition as stored: plain values, so the public definition type stays free of the file format. */
    public record Stored(
            String name,
            String destination,
            String source,
            Map<String, String> settings,
            boolean running,
            long generation,
            long createdMillis,
            long updatedMillis) {}

    private final Path dir;

    public DefinitionFiles(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
    }

    public Path dir() {
        return dir;
    }

    /** Every stored definition; temporary files of an interrupted write are deleted. */
    public List<Stored> readAll() throws IOException {
        List<Stored> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (name.endsWith(SUFFIX + TEMP_SUFFIX)) {
                    Files.deleteIfExists(f);
                } else if (name.endsWith(SUFFIX)) {
                    out.add(read(f));
                }
            }
        }
        return out;
    }

    private static Stored read(Path file) throws IOException {
        JsonNode n;
        try {
            n = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException("cannot read delivery stream definition " + file + ": " + e.getMessage(), e);
        }
        int version = n.path("formatVersion").asInt(0);
        if (version < 1 || version > FORMAT_VERSION) {
            throw new IOException(
                    file + " has format version " + version + "; this release reads 1 to " + FORMAT_VERSION);
        }
        Map<String, String> settings = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.path("settings").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            settings.put(e.getKey(), e.getValue().asText());
        }
        String name = n.path("name").asText("");
        String destination = n.path("destination").asText("");
        if (name.isEmpty() || destination.isEmpty()) {
            throw new IOException(file + " lacks the stream's name or destination");
        }
        return new Stored(
                name,
                destination,
                n.path("source").asText("direct-put"),
                settings,
                n.path("running").asBoolean(false),
                n.path("generation").asLong(0),
                n.path("createdMillis").asLong(0),
                n.path("updatedMillis").asLong(0));
    }

    /** Replaces the definition of {@code s.name()} atomically and durably. */
    public void write(Stored s) throws IOException {
        ObjectNode n = JSON.createObjectNode()
                .put("formatVersion", FORMAT_VERSION)
                .put("name", s.name())
                .put("destination", s.destination())
                .put("source", s.source())
                .put("running", s.running())
                .put("generation", s.generation())
                .put("createdMillis", s.createdMillis())
                .put("updatedMillis", s.updatedMillis());
        ObjectNode settings = n.putObject("settings");
        s.settings().forEach(settings::put);
        byte[] bytes = JSON.writeValueAsBytes(n);
        Path file = fileOf(s.name());
        Path tmp = dir.resolve(file.getFileName() + TEMP_SUFFIX);
        try (FileChannel ch = FileChannel.open(
                tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                ch.write(buffer);
            }
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory();
    }

    /** Deletes the definition of {@code name} durably; nothing happens if there is none. */
    public void delete(String name) throws IOException {
        if (Files.deleteIfExists(fileOf(name))) {
            forceDirectory();
        }
    }

    private Path fileOf(String name) {
        // Stream names are letters, digits, '_', '.' and '-': safe as file names once suffixed.
        return dir.resolve(name + SUFFIX);
    }

    private void forceDirectory() throws IOException {
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
