package dev.silt.ingest.delivery.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.orc.OrcFile;

/**
 * Merges the files of one output directory into a few large ones.
 *
 * <p>JSON lines files are concatenated byte for byte: GZIP members, ZSTD frames, Snappy framed streams and plain
 * lines all stay valid when concatenated, so nothing is decompressed. ORC files are merged stripe by stripe,
 * Parquet files row group by row group.
 *
 * <p>Rename mode (HDFS, local): the merged files are built in a directory under the state directory, then two
 * renames swap the whole directory (live to old, new to live). A reader sees the old set or the new set, never
 * both; one that lists between the two renames finds the directory missing. Direct mode (object stores, no
 * rename): the intent (inputs and outputs) is recorded first, the merged objects are written, then the inputs
 * are deleted; a plain reader may see both for the time of those deletes, and a reader that honours the intent
 * files never does. Either way a crash is finished or undone by {@link #recover()}.
 */
public final class HourCompactor {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final FileSystem fs;
    private final Configuration conf;
    private final Path workDir;
    private final Committer committer;
    private final String stream;
    private final long targetBytes;

    public HourCompactor(
            FileSystem fs, Configuration conf, Path workDir, Committer committer, String stream, long targetBytes) {
        this.fs = fs;
        this.conf = conf;
        this.workDir = workDir;
        this.committer = committer;
        this.stream = stream;
        this.targetBytes = targetBytes;
    }

    /** Merges {@code dir}'s data files ending with {@code extension}; returns how many files were replaced. */
    public int compact(Path dir, String extension) throws IOException {
        FileStatus[] listed;
        try {
            listed = fs.listStatus(dir);
        } catch (FileNotFoundException e) {
            return 0;
        }
        List<FileStatus> inputs = new ArrayList<>();
        for (FileStatus f : listed) {
            String name = f.getPath().getName();
            if (f.isFile() && name.endsWith(extension) && !name.startsWith("_") && !name.startsWith(".")) {
                inputs.add(f);
            }
        }
        if (inputs.size() < 2) {
            return 0;
        }
        inputs.sort(Comparator.comparing((FileStatus f) -> f.getPath().getName()));
        if (committer.renames()
                && inputs.size()
                        != Arrays.stream(listed).filter(FileStatus::isFile).count()) {
            // The directory swap replaces every file of the directory: refuse rather than hide foreign files.
            throw new IOException("cannot compact " + dir + ": it holds files that are not " + extension + " data");
        }
        List<List<FileStatus>> groups = new ArrayList<>();
        List<FileStatus> current = new ArrayList<>();
        long currentBytes = 0;
        for (FileStatus f : inputs) {
            if (!current.isEmpty() && currentBytes + f.getLen() > targetBytes) {
                groups.add(current);
                current = new ArrayList<>();
                currentBytes = 0;
            }
            current.add(f);
            currentBytes += f.getLen();
        }
        groups.add(current);
        String id = digest(inputs);
        Path job = new Path(workDir, id);
        Path intent = new Path(workDir, id + ".intent");
        ObjectNode note = MAPPER.createObjectNode();
        note.put("dir", dir.toString());
        note.put("mode", committer.renames() ? "rename" : "direct");
        ArrayNode in = note.putArray("inputs");
        ArrayNode out = note.putArray("outputs");
        List<Path> outputs = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            String name = stream + "-compacted-" + id + "-" + g + extension;
            outputs.add(new Path(committer.renames() ? new Path(job, "new") : dir, name));
            out.add(name);
        }
        inputs.forEach(f -> in.add(f.getPath().getName()));
        if (committer.renames()) {
            for (int g = 0; g < groups.size(); g++) {
                merge(groups.get(g), outputs.get(g), extension);
            }
            committer.writeSmall(intent, MAPPER.writeValueAsBytes(note));
            if (!fs.rename(dir, new Path(job, "old"))) {
                throw new IOException("could not move " + dir + " aside for compaction");
            }
            finish(note, job, intent);
        } else {
            committer.writeSmall(intent, MAPPER.writeValueAsBytes(note));
            for (int g = 0; g < groups.size(); g++) {
                merge(groups.get(g), outputs.get(g), extension);
            }
            finish(note, job, intent);
        }
        return inputs.size();
    }

    /** Finishes or undoes compactions a crash interrupted. */
    public void recover() throws IOException {
        FileStatus[] listed;
        try {
            listed = fs.listStatus(workDir);
        } catch (FileNotFoundException e) {
            return;
        }
        for (FileStatus f : listed) {
            String name = f.getPath().getName();
            if (!name.endsWith(".intent")) {
                continue;
            }
            Path job = new Path(workDir, name.substring(0, name.length() - ".intent".length()));
            JsonNode note;
            try (InputStream in = fs.open(f.getPath())) {
                note = MAPPER.readTree(in);
            }
            finish(note, job, f.getPath());
        }
        // Work directories without an intent are merges that never reached the swap.
        for (FileStatus f : fs.listStatus(workDir)) {
            if (f.isDirectory() && !fs.exists(new Path(workDir, f.getPath().getName() + ".intent"))) {
                fs.delete(f.getPath(), true);
            }
        }
    }

    private void finish(JsonNode note, Path job, Path intent) throws IOException {
        Path dir = new Path(note.get("dir").asText());
        if (note.get("mode").asText().equals("rename")) {
            Path fresh = new Path(job, "new");
            Path old = new Path(job, "old");
            if (fs.exists(old) && !fs.exists(dir)) {
                if (!fs.rename(fresh, dir)) {
                    throw new IOException("could not move compacted files into " + dir);
                }
            } else if (!fs.exists(old)) {
                // Crashed before the swap: the live directory is untouched; drop the merge.
                fs.delete(job, true);
                fs.delete(intent, false);
                return;
            }
        } else {
            boolean complete = true;
            for (JsonNode out : note.get("outputs")) {
                complete &= fs.exists(new Path(dir, out.asText()));
            }
            for (JsonNode name : complete ? note.get("inputs") : note.get("outputs")) {
                fs.delete(new Path(dir, name.asText()), false);
            }
        }
        fs.delete(job, true);
        fs.delete(intent, false);
    }

    private void merge(List<FileStatus> group, Path output, String extension) throws IOException {
        if (extension.equals(".parquet")) {
            ParquetMerger.merge(fs, group, output);
            return;
        }
        if (extension.equals(".orc")) {
            List<Path> paths = group.stream().map(FileStatus::getPath).toList();
            List<Path> merged =
                    OrcFile.mergeFiles(output, OrcFile.writerOptions(conf).fileSystem(fs), paths);
            if (merged.size() != paths.size()) {
                fs.delete(output, false);
                throw new IOException("ORC files of " + output.getParent() + " could not be merged (different schemas"
                        + " or codecs); nothing was changed");
            }
            return;
        }
        byte[] chunk = new byte[1 << 16];
        try (OutputStream out = fs.create(output, true)) {
            for (FileStatus f : group) {
                try (InputStream in = fs.open(f.getPath())) {
                    int n;
                    while ((n = in.read(chunk)) > 0) {
                        out.write(chunk, 0, n);
                    }
                }
            }
        }
    }

    private static String digest(List<FileStatus> inputs) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (FileStatus f : inputs) {
                md.update(f.getPath().getName().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            }
            return HexFormat.of().formatHex(md.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
