package dev.silt.ingest.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileCheckpointStoreTest {
    @TempDir
    Path dir;

    @Test
    void savedCheckpointsSurviveANewStore() throws IOException {
        FileCheckpointStore store = new FileCheckpointStore(dir);
        assertEquals(Map.of(), store.load("clicks"));
        store.save(
                "clicks",
                "shardId-000000000000",
                Checkpoint.at("49000000000000000000000000000000000000000000000000000007"));
        store.save("clicks", "shardId-000000000001", Checkpoint.shardEnd(null));
        store.save(
                "clicks",
                "shardId-000000000002",
                Checkpoint.shardEnd("490000000000000000000000000000000000000000000000000000012"));
        store.save("other", "shardId-000000000000", Checkpoint.at("1"));

        FileCheckpointStore reopened = new FileCheckpointStore(dir);
        assertEquals(
                Map.of(
                        "shardId-000000000000",
                        Checkpoint.at("49000000000000000000000000000000000000000000000000000007"),
                        "shardId-000000000001",
                        Checkpoint.shardEnd(null),
                        "shardId-000000000002",
                        Checkpoint.shardEnd("490000000000000000000000000000000000000000000000000000012")),
                reopened.load("clicks"));
        assertEquals(Map.of("shardId-000000000000", Checkpoint.at("1")), reopened.load("other"));
        // No temporary file is left behind once a save returned.
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")));
        }
    }

    @Test
    void laterSavesReplaceEarlierOnes() throws IOException {
        FileCheckpointStore store = new FileCheckpointStore(dir);
        store.save("s", "a", Checkpoint.at("5"));
        store.save("s", "a", Checkpoint.at("9"));
        store.save("s", "a", Checkpoint.at("9"));
        assertEquals(Map.of("a", Checkpoint.at("9")), new FileCheckpointStore(dir).load("s"));
    }

    @Test
    void aStaleTemporaryFileFromACrashIsIgnoredAndReplaced() throws IOException {
        FileCheckpointStore store = new FileCheckpointStore(dir);
        store.save("s", "a", Checkpoint.at("5"));
        // A crash between writing the temporary file and renaming it leaves the old checkpoint in force.
        Files.writeString(dir.resolve("s.checkpoints.tmp"), "garbage", StandardCharsets.UTF_8);
        FileCheckpointStore reopened = new FileCheckpointStore(dir);
        assertEquals(Map.of("a", Checkpoint.at("5")), reopened.load("s"));
        reopened.save("s", "a", Checkpoint.at("6"));
        assertEquals(Map.of("a", Checkpoint.at("6")), new FileCheckpointStore(dir).load("s"));
    }

    @Test
    void damagedFilesAreErrorsNamingTheFileNotEmptyCheckpoints() throws IOException {
        Files.writeString(dir.resolve("s.checkpoints"), "not a header\n", StandardCharsets.UTF_8);
        IOException e = assertThrows(IOException.class, () -> new FileCheckpointStore(dir).load("s"));
        assertTrue(e.getMessage().contains("s.checkpoints is not a checkpoint file"), e.getMessage());

        Files.writeString(
                dir.resolve("t.checkpoints"),
                FileCheckpointStore.HEADER + "\nshard 12 sideways\n",
                StandardCharsets.UTF_8);
        e = assertThrows(IOException.class, () -> new FileCheckpointStore(dir).load("t"));
        assertTrue(e.getMessage().contains("line 2 is damaged"), e.getMessage());
    }

    @Test
    void namesThatCannotBeFilesAreRefused() throws IOException {
        FileCheckpointStore store = new FileCheckpointStore(dir);
        assertThrows(IllegalArgumentException.class, () -> store.load("../etc"));
        assertThrows(IllegalArgumentException.class, () -> store.save("s", "two words", Checkpoint.at("1")));
        assertFalse(Files.exists(dir.resolve("s.checkpoints")));
    }
}
