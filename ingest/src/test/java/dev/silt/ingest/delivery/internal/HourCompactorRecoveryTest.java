package dev.silt.ingest.delivery.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A compaction cut short by a crash at each step is finished or undone, and readers end with one set of files. */
class HourCompactorRecoveryTest {
    @TempDir
    java.nio.file.Path tmp;

    private FileSystem fs;
    private Path hour;
    private Path work;

    @BeforeEach
    void setUp() throws IOException {
        fs = FileSystem.newInstance(tmp.toUri(), new Configuration());
        fs.setWriteChecksum(false);
        hour = new Path(tmp.toUri().toString(), "2026/11/23/05");
        work = new Path(tmp.toUri().toString(), "_delivery/s/compact");
    }

    @AfterEach
    void tearDown() throws IOException {
        fs.close();
    }

    private HourCompactor compactor(boolean rename) {
        Committer committer = new Committer(fs, new Path(tmp.toUri().toString(), "_delivery/s/tmp"), rename);
        return new HourCompactor(fs, new Configuration(), work, committer, "s", 1 << 20);
    }

    private void write(Path p, String text) throws IOException {
        try (OutputStream out = fs.create(p, true)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private void intent(String id, String mode, List<String> inputs, List<String> outputs) throws IOException {
        StringBuilder json = new StringBuilder("{\"dir\":\"" + hour + "\",\"mode\":\"" + mode + "\",\"inputs\":[");
        json.append(String.join(",", inputs.stream().map(n -> "\"" + n + "\"").toList()));
        json.append("],\"outputs\":[");
        json.append(String.join(",", outputs.stream().map(n -> "\"" + n + "\"").toList()));
        json.append("]}");
        write(new Path(work, id + ".intent"), json.toString());
    }

    private List<String> names(Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        if (!fs.exists(dir)) {
            return out;
        }
        for (FileStatus f : fs.listStatus(dir)) {
            out.add(f.getPath().getName());
        }
        out.sort(null);
        return out;
    }

    @Test
    void renameModeCrashBetweenTheTwoRenamesIsFinished() throws IOException {
        write(new Path(work, "j1/old/a.json"), "a\n");
        write(new Path(work, "j1/old/b.json"), "b\n");
        write(new Path(work, "j1/new/s-compacted-j1-0.json"), "a\nb\n");
        intent("j1", "rename", List.of("a.json", "b.json"), List.of("s-compacted-j1-0.json"));
        assertFalse(fs.exists(hour));
        compactor(true).recover();
        assertEquals(List.of("s-compacted-j1-0.json"), names(hour));
        assertEquals(List.of(), names(work));
    }

    @Test
    void renameModeCrashBeforeTheSwapIsUndone() throws IOException {
        write(new Path(hour, "a.json"), "a\n");
        write(new Path(hour, "b.json"), "b\n");
        write(new Path(work, "j2/new/s-compacted-j2-0.json"), "a\nb\n");
        intent("j2", "rename", List.of("a.json", "b.json"), List.of("s-compacted-j2-0.json"));
        write(new Path(work, "j3/new/s-compacted-j3-0.json"), "half"); // merge without intent
        compactor(true).recover();
        assertEquals(List.of("a.json", "b.json"), names(hour));
        assertEquals(List.of(), names(work));
    }

    @Test
    void directModeWithAllOutputsDeletesTheInputs() throws IOException {
        write(new Path(hour, "a.json"), "a\n");
        write(new Path(hour, "b.json"), "b\n");
        write(new Path(hour, "s-compacted-j4-0.json"), "a\nb\n");
        intent("j4", "direct", List.of("a.json", "b.json"), List.of("s-compacted-j4-0.json"));
        compactor(false).recover();
        assertEquals(List.of("s-compacted-j4-0.json"), names(hour));
        assertEquals(List.of(), names(work));
    }

    @Test
    void directModeWithMissingOutputsIsUndone() throws IOException {
        write(new Path(hour, "a.json"), "a\n");
        write(new Path(hour, "b.json"), "b\n");
        write(new Path(hour, "c.json"), "c\n");
        write(new Path(hour, "s-compacted-j5-0.json"), "a\nb\n");
        intent(
                "j5",
                "direct",
                List.of("a.json", "b.json", "c.json"),
                List.of("s-compacted-j5-0.json", "s-compacted-j5-1.json"));
        compactor(false).recover();
        assertEquals(List.of("a.json", "b.json", "c.json"), names(hour));
        assertTrue(names(work).isEmpty());
    }
}
