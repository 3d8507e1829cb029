package dev.silt.ingest.delivery.internal;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * Makes a file visible under its final name in one step. {@code rename}: write a temp file under the state
 * directory, then rename it (atomic on HDFS and local file systems). {@code direct}: write the final name itself
 * (object stores publish an object only when its upload completes, and S3A's rename is a copy).
 *
 * <p>Durability: on a local file system every file is forced to disk before it is published and its directory
 * after, so a file the checkpoint names survives a power loss, not only a process crash. HDFS acknowledges a
 * closed file once every datanode of its pipeline has it, and an object store once the object is stored: their
 * own durability points, which the delivery relies on as they are.
 */
public final class Committer {
    private final FileSystem fs;
    private final Path tmpDir;
    private final boolean rename;
    private final RawLocalFileSystem local;

    public Committer(FileSystem fs, Path tmpDir, boolean rename) {
        this.fs = fs;
        this.tmpDir = tmpDir;
        this.rename = rename;
        this.local = fs instanceof LocalFileSystem l && l.getRaw() instanceof RawLocalFileSystem raw
                ? raw
                : fs instanceof RawLocalFileSystem raw ? raw : null;
    }

    public boolean renames() {
        return rename;
    }

    /** Where to write the bytes that will become {@code target}. */
    public Path writePath(String partition, Path target) {
        return rename ? new Path(new Path(tmpDir, Names.partition(partition)), target.getName()) : target;
    }

    /** Publishes what was written to {@link #writePath} under {@code target}. */
    public void publish(Path written, Path target) throws IOException {
        force(written, false);
        if (!rename) {
            return;
        }
        Path parent = target.getParent();
        if (parent != null && !fs.exists(parent)) {
            fs.mkdirs(parent);
        }
        if (!fs.rename(written, target)) {
            throw new IOException(
                    "could not rename " + written + " to " + target + (fs.exists(target) ? ": the target exists" : ""));
        }
        force(parent, true);
    }

    /** On a local file system, forces a file's content, or a directory's entries, to disk. */
    private void force(Path path, boolean directory) throws IOException {
        if (local == null || path == null) {
            return;
        }
        java.nio.file.Path file = local.pathToFile(path).toPath();
        try (FileChannel channel =
                FileChannel.open(file, directory ? StandardOpenOption.READ : StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /** Removes a write that will not be published (best effort on a path that may not exist). */
    public void abandon(Path written) throws IOException {
        if (rename) {
            fs.delete(written, false);
        }
    }

    /** Writes a small file whole and atomically, replacing an existing one. */
    public void writeSmall(Path target, byte[] content) throws IOException {
        if (!rename) {
            try (OutputStream out = fs.create(target, true)) {
                out.write(content);
            }
            force(target, false);
            return;
        }
        Path tmp = new Path(new Path(tmpDir, "_small"), UUID.randomUUID().toString());
        try (OutputStream out = fs.create(tmp, true)) {
            out.write(content);
        }
        force(tmp, false);
        Path parent = target.getParent();
        if (parent != null && !fs.exists(parent)) {
            fs.mkdirs(parent);
        }
        if (fs.exists(target)) {
            fs.delete(target, false);
        }
        if (!fs.rename(tmp, target)) {
            throw new IOException("could not rename " + tmp + " to " + target);
        }
        force(parent, true);
    }

    /** Deletes every temp file (a previous run's unfinished writes). */
    public void clearTemp() throws IOException {
        try {
            fs.delete(tmpDir, true);
        } catch (FileNotFoundException e) {
            // nothing was left
        }
    }
}
