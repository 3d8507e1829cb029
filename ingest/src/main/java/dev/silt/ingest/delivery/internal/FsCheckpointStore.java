package dev.silt.ingest.delivery.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.silt.ingest.delivery.CheckpointStore;
import dev.silt.ingest.delivery.SourceCheckpoint;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Checkpoints as files in the destination file system: {@code <dir>/<partition>/<generation>.json}, a new
 * generation written whole (atomically, through the {@link Committer}) before the older ones are deleted, so a
 * crash leaves the old or the new one. Used from one thread.
 */
public final class FsCheckpointStore implements CheckpointStore {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final FileSystem fs;
    private final Path dir;
    private final Committer committer;
    private final Map<String, Long> generations = new HashMap<>();

    public FsCheckpointStore(FileSystem fs, Path dir, Committer committer) {
        this.fs = fs;
        this.dir = dir;
        this.committer = committer;
    }

    @Override
    public Map<String, SourceCheckpoint> loadAll() throws IOException {
        Map<String, SourceCheckpoint> out = new LinkedHashMap<>();
        FileStatus[] partitions;
        try {
            partitions = fs.listStatus(dir);
        } catch (FileNotFoundException e) {
            return out;
        }
        for (FileStatus p : partitions) {
            if (!p.isDirectory()) {
                continue;
            }
            FileStatus[] files = fs.listStatus(p.getPath());
            Arrays.sort(
                    files,
                    Comparator.comparing((FileStatus f) -> f.getPath().getName())
                            .reversed());
            boolean found = false;
            for (FileStatus f : files) {
                String name = f.getPath().getName();
                if (!name.endsWith(".json")) {
                    continue;
                }
                if (found) {
                    // an older generation whose delete a crash interrupted
                    fs.delete(f.getPath(), false);
                    continue;
                }
                SourceCheckpoint cp = read(f.getPath());
                generations.put(cp.partition(), Long.parseLong(name.substring(0, name.length() - 5)));
                out.put(cp.partition(), cp);
                found = true;
            }
        }
        return out;
    }

    private SourceCheckpoint read(Path path) throws IOException {
        try (InputStream in = fs.open(path)) {
            JsonNode node = MAPPER.readTree(in);
            Map<String, Long> landed = new HashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it =
                            node.get("landedThrough").fields();
                    it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                landed.put(e.getKey(), e.getValue().asLong());
            }
            return new SourceCheckpoint(
                    node.get("partition").asText(), node.get("resumeAfter").asLong(), landed);
        } catch (RuntimeException e) {
            throw new IOException("checkpoint " + path + " is unreadable", e);
        }
    }

    @Override
    public void save(SourceCheckpoint checkpoint) throws IOException {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("partition", checkpoint.partition());
        node.put("resumeAfter", checkpoint.resumeAfter());
        ObjectNode landed = node.putObject("landedThrough");
        checkpoint.landedThrough().forEach(landed::put);
        long previous = generations.getOrDefault(checkpoint.partition(), -1L);
        long next = previous + 1;
        Path partitionDir = new Path(dir, Names.partition(checkpoint.partition()));
        committer.writeSmall(new Path(partitionDir, name(next)), MAPPER.writeValueAsBytes(node));
        generations.put(checkpoint.partition(), next);
        if (previous >= 0) {
            fs.delete(new Path(partitionDir, name(previous)), false);
        }
    }

    private static String name(long generation) {
        return String.format(Locale.ROOT, "%020d.json", generation);
    }
}
