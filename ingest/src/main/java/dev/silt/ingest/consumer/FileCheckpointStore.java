package dev.silt.ingest.consumer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Checkpoints in a local directory, one file per stream ({@code <stream>.checkpoints}), durable when
 * {@link #save} returns: every save rewrites the stream's file as a temporary file, forces it, renames it over the
 * old one atomically and forces the directory. A crash leaves either the old file or the new one, never a mix.
 *
 * <p>Threading: safe for many threads; saves of one stream are serialized. One process owns a directory at a time.
 */
public final class FileCheckpointStore implements CheckpointStore {
    static final String HEADER = "# silt consumer checkpoints v1";
    static final String SUFFIX = ".checkpoints";
    private static final Pattern STREAM_NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,128}");
    private static final String NO_SEQUENCE = "-";

    private final Path dir;
    private final Map<String, Map<String, Checkpoint>> cache = new HashMap<>(); // guarded by this

    public FileCheckpointStore(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
    }

    /** The file that holds a stream's checkpoints. */
    public Path fileOf(String stream) {
        if (!STREAM_NAME.matcher(stream).matches()) {
            throw new IllegalArgumentException("not a stream name: '" + stream + "'");
        }
        return dir.resolve(stream + SUFFIX);
    }

    @Override
    public synchronized Map<String, Checkpoint> load(String stream) throws IOException {
        return Map.copyOf(cached(stream));
    }

    @Override
    public synchronized void save(String stream, String shardId, Checkpoint checkpoint) throws IOException {
        if (shardId.isEmpty() || shardId.chars().anyMatch(c -> c <= ' ')) {
            throw new IllegalArgumentException("not a shard id: '" + shardId + "'");
        }
        Map<String, Checkpoint> current = cached(stream);
        if (checkpoint.equals(current.get(shardId))) {
            return;
        }
        Map<String, Checkpoint> next = new TreeMap<>(current);
        next.put(shardId, checkpoint);
        write(fileOf(stream), next);
        cache.put(stream, next);
    }

    private Map<String, Checkpoint> cached(String stream) throws IOException {
        Map<String, Checkpoint> map = cache.get(stream);
        if (map == null) {
            map = read(fileOf(stream));
            cache.put(stream, map);
        }
        return map;
    }

    private static Map<String, Checkpoint> read(Path file) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new TreeMap<>();
        }
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new IOException(file + " is not a checkpoint file (its first line must be '" + HEADER + "')");
        }
        Map<String, Checkpoint> map = new TreeMap<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split(" ", -1);
            if (f.length != 3 || !(f[2].equals("open") || f[2].equals("end"))) {
                throw new IOException(file + " line " + (i + 1) + " is damaged: '" + line + "'");
            }
            boolean end = f[2].equals("end");
            String sequence = f[1].equals(NO_SEQUENCE) ? null : f[1];
            if (sequence == null && !end) {
                throw new IOException(file + " line " + (i + 1) + " has no sequence number: '" + line + "'");
            }
            map.put(f[0], new Checkpoint(sequence, end));
        }
        return map;
    }

    private static void write(Path file, Map<String, Checkpoint> map) throws IOException {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (Map.Entry<String, Checkpoint> e : map.entrySet()) {
            Checkpoint c = e.getValue();
            text.append(e.getKey())
                    .append(' ')
                    .append(c.sequenceNumber() == null ? NO_SEQUENCE : c.sequenceNumber())
                    .append(' ')
                    .append(c.shardEnd() ? "end" : "open")
                    .append('\n');
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(
                tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                ch.write(bytes);
            }
            ch.force(true);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("checkpoint directory " + file.getParent() + " does not support atomic rename", e);
        }
        forceDirectory(file.getParent());
    }

    /** Makes the rename itself durable; directories cannot be opened for this on every platform. */
    private static void forceDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            if (!System.getProperty("os.name", "")
                    .toLowerCase(java.util.Locale.ROOT)
                    .startsWith("windows")) {
                throw e;
            }
        }
    }
}
