package dev.silt.ingest.stream;

import static dev.silt.ingest.stream.ShardLogTest.entry;
import static dev.silt.ingest.stream.ShardLogTest.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.silt.ingest.MutableClock;
import dev.silt.ingest.stream.ShardLog.StoredRecord;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardLogRecoveryTest {
    private static final int RECORDS = 60;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(1_700_000_000_000L);

    private final ShardLogOptions options =
            ShardLogOptions.defaults().withSegmentBytes(1024).withIndexIntervalBytes(128);

    /** Writes RECORDS records over several segments; returns the last segment's size before the last record. */
    private long writeLog() throws IOException {
        try (ShardLog log = ShardLog.open(dir, options, clock)) {
            for (int i = 0; i < RECORDS - 1; i++) {
                log.append(List.of(entry("key" + i, "payload-" + i)));
            }
            long before = Files.size(segments().get(segments().size() - 1));
            log.append(List.of(entry("last", "payload-" + (RECORDS - 1))));
            assertTrue(segments().size() >= 3);
            return before;
        }
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".seg")).sorted().toList();
        }
    }

    private void assertRecords(ShardLog log, int count) throws IOException {
        List<StoredRecord> all = log.read(0, 10_000, Long.MAX_VALUE);
        assertEquals(count, all.size());
        for (int i = 0; i < count; i++) {
            assertEquals(i, all.get(i).sequence());
            assertEquals("payload-" + i, text(all.get(i)));
        }
        assertEquals(count, log.nextSequence());
    }

    @Test
    void tornLastFrameIsCutAtEveryByteOffset() throws IOException {
        long before = writeLog();
        Path last = segments().get(segments().size() - 1);
        byte[] full = Files.readAllBytes(last);
        assertTrue(full.length > before);
        for (long cut = before; cut < full.length; cut++) {
            Files.write(last, Arrays.copyOf(full, (int) cut));
            try (ShardLog log = ShardLog.open(dir, options, clock)) {
                assertRecords(log, RECORDS - 1);
                assertEquals(cut == before ? 0 : 1, log.truncations().size(), "cut at " + cut);
                if (cut > before) {
                    assertEquals(before, log.truncations().get(0).offset());
                    assertEquals(last, log.truncations().get(0).file());
                }
            }
            assertEquals(before, Files.size(last), "the torn bytes are gone from disk");
        }
        // The repaired log takes new records where the complete ones end.
        try (ShardLog log = ShardLog.open(dir, options, clock)) {
            assertEquals(RECORDS - 1, log.append(List.of(entry("k", "payload-" + (RECORDS - 1))))[0]);
            assertRecords(log, RECORDS);
        }
    }

    @Test
    void flippedByteInTheLastRecordCutsItByCrc() throws IOException {
        writeLog();
        Path last = segments().get(segments().size() - 1);
        byte[] bytes = Files.readAllBytes(last);
        bytes[bytes.length - 2] ^= 0x40;
        Files.write(last, bytes);
        try (ShardLog log = ShardLog.open(dir, options, clock)) {
            assertRecords(log, RECORDS - 1);
            assertEquals(1, log.truncations().size());
            assertTrue(
                    log.truncations().get(0).reason().contains("CRC"),
                    log.truncations().toString());
        }
    }

    @Test
    void zeroFilledTailIsCut() throws IOException {
        writeLog();
        Path last = segments().get(segments().size() - 1);
        byte[] bytes = Files.readAllBytes(last);
        Files.write(last, Arrays.copyOf(bytes, bytes.length + 100));
        try (ShardLog log = ShardLog.open(dir, options, clock)) {
            assertRecords(log, RECORDS);
            assertEquals(1, log.truncations().size());
        }
    }

    @Test
    void aZeroFilledNewSegmentIsReset() throws IOException {
        writeLog();
        Path empty = dir.resolve(String.format(java.util.Locale.ROOT, "%020d.seg", RECORDS));
        Files.write(empty, new byte[64]);
        try (ShardLog log = ShardLog.open(dir, options, clock)) {
            assertRecords(log, RECORDS);
            assertEquals(1, log.truncations().size());
            assertEquals(RECORDS, log.append(List.of(entry("k", "payload-" + RECORDS)))[0]);
        }
    }

    @Test
    void corruptionInAMiddleSegmentIsAClearError() throws IOException {
        writeLog();
        Path middle = segments().get(1);
        byte[] bytes = Files.readAllBytes(middle);
        bytes[40] ^= 0x01;
        Files.write(middle, bytes);
        IOException e = assertThrows(IOException.class, () -> ShardLog.open(dir, options, clock));
        assertTrue(e.getMessage().contains(middle.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("offset"), e.getMessage());
        assertEquals(bytes.length, Files.size(middle), "nothing is cut from a middle segment");
    }

    @Test
    void corruptionFollowedByRecordsInTheLastSegmentIsAClearError() throws IOException {
        writeLog();
        Path last = segments().get(segments().size() - 1);
        byte[] bytes = Files.readAllBytes(last);
        bytes[8 + 30] ^= 0x01; // inside the first frame, with acknowledged frames after it
        Files.write(last, bytes);
        IOException e = assertThrows(IOException.class, () -> ShardLog.open(dir, options, clock));
        assertTrue(e.getMessage().contains(last.toString() + " at byte offset 8"), e.getMessage());
    }

    @Test
    void aMissingSegmentIsAClearError() throws IOException {
        writeLog();
        Files.delete(segments().get(1));
        IOException e = assertThrows(IOException.class, () -> ShardLog.open(dir, options, clock));
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void aNewerFormatVersionIsAClearError() throws IOException {
        writeLog();
        Path first = segments().get(0);
        byte[] bytes = Files.readAllBytes(first);
        ByteBuffer.wrap(bytes).putInt(4, 99);
        Files.write(first, bytes);
        IOException e = assertThrows(IOException.class, () -> ShardLog.open(dir, options, clock));
        assertTrue(e.getMessage().contains("version 99"), e.getMessage());
    }
}
