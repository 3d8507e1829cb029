package dev.silt.ingest.stream.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentTest {
    private static final int INTERVAL = 256;

    @TempDir
    Path dir;

    @Test
    void sparseIndexLandsWithinOneIntervalOfEveryRecord() throws IOException {
        List<Long> positions = new ArrayList<>();
        long base = 1000;
        int records = 500;
        try (Segment segment = Segment.create(dir, base, INTERVAL)) {
            for (int i = 0; i < records; i++) {
                byte[] key = ("key" + i).getBytes(StandardCharsets.UTF_8);
                byte[] data = new byte[40 + i % 7];
                ByteBuffer frame = ByteBuffer.allocate(SegmentFormat.frameBytes(key.length, data.length));
                SegmentFormat.writeFrame(frame, base + i, 10L * i, key, data);
                frame.flip();
                positions.add(segment.size());
                segment.indexed(base + i, 10L * i, segment.size());
                segment.write(frame);
            }
            check(segment, positions, base, records);
        }
        try (Segment reopened = Segment.open(dir.resolve(SegmentFormat.fileName(base)), base, true, INTERVAL, e -> {
            throw new AssertionError(e);
        })) {
            check(reopened, positions, base, records);
        }
    }

    private static void check(Segment segment, List<Long> positions, long base, int records) {
        assertTrue(segment.indexEntries() > records * 50 / INTERVAL / 2, "entries: " + segment.indexEntries());
        for (int i = 0; i < records; i++) {
            long at = positions.get(i);
            long bySequence = segment.positionFor(base + i);
            assertTrue(bySequence <= at && at - bySequence < INTERVAL + 100, i + ": " + bySequence + " vs " + at);
            long byTime = segment.positionForArrival(10L * i);
            assertTrue(byTime <= at && at - byTime < INTERVAL + 100, i + ": " + byTime + " vs " + at);
        }
        assertEquals(base + records - 1, segment.lastSequence());
    }
}
