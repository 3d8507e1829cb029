package dev.silt.ingest.stream.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The service's data directory: its lock, and removing trees of it. */
final class DataDirectory {
    private DataDirectory() {}

    /** One service per data directory, in this process or any other: a second one would corrupt the first. */
    static FileLock lock(Path dataDir, String lockFile) throws IOException {
        FileChannel channel =
                FileChannel.open(dataDir.resolve(lockFile), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new IOException("the stream data directory " + dataDir + " is in use by another service (" + lockFile
                    + " is locked)");
        }
        return lock;
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(dir)) {
            paths = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path p : paths) {
            Files.deleteIfExists(p);
        }
    }
}
