package dev.silt.ingest.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.silt.ingest.MutableClock;
import dev.silt.ingest.delivery.DeliveryMetrics.Snapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeliveryProgressTest {
    @TempDir
    Path dir;

    @Test
    void metricsLineCarriesEveryCounterAndTheRate() {
        Snapshot before = new Snapshot(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1);
        Snapshot now = new Snapshot(10_000, 12_000, 1_258_291, 11_500, 317_440, 8, 3, 1, 2_100, 500, 0);
        assertEquals(
                "delivery clicks: in 12,000 records (1.2 MiB), out 11,500 records in 8 files (310.0 KiB),"
                        + " errors 3 records in 1 files, lag 2.1 s / 500 records, 1,150 records/s",
                DeliveryProgress.metricsLine("clicks", before, now));
    }

    @Test
    void progressLineHasLandedToGoRateAndEta() {
        Snapshot before = new Snapshot(1_000, 0, 0, 30_000, 0, 3, 0, 0, 0, 470_000, 450_000);
        Snapshot now = new Snapshot(3_000, 0, 0, 120_000, 0, 12, 0, 0, 0, 380_000, 370_000);
        assertEquals(
                "delivery clicks catching up: 120,000 landed, 380,000 to go (24%), 45,000 records/s, ETA 8.4 s",
                DeliveryProgress.progressLine("clicks", before, now));
        Snapshot stalled = new Snapshot(5_000, 0, 0, 120_000, 0, 12, 0, 0, 0, 380_000, 370_000);
        assertTrue(DeliveryProgress.progressLine("clicks", now, stalled).endsWith("0 records/s, ETA unknown"));
    }

    @Test
    void unitsReadNaturally() {
        assertEquals("512 B", DeliveryProgress.bytes(512));
        assertEquals("1.5 KiB", DeliveryProgress.bytes(1536));
        assertEquals("3.0 GiB", DeliveryProgress.bytes(3L << 30));
        assertEquals("850 ms", DeliveryProgress.duration(850));
        assertEquals("4 min 05 s", DeliveryProgress.duration(245_000));
        assertEquals("2 h 03 min", DeliveryProgress.duration(7_380_000));
    }

    @Test
    void aDeliveryReportsOnItsClockAndShowsProgressOnlyWhileBehind() throws IOException {
        MutableClock clock = new MutableClock(SequenceSource.BASE_MILLIS);
        Map<String, String> conf = new HashMap<>();
        conf.put("silt.ingest.delivery.buffer.interval.seconds", "0");
        conf.put("silt.ingest.delivery.poll.records", "100");
        conf.put("silt.ingest.delivery.metrics.interval.seconds", "10");
        conf.put("silt.ingest.delivery.progress.interval.seconds", "2");
        SequenceSource source = new SequenceSource(2, 500, 1);
        List<String> lines = new ArrayList<>();
        try (DeliveryStream s = DeliveryStream.builder(DeliveryConfig.of("seq", conf), dir.toUri() + "out/")
                .source(source)
                .clock(clock)
                .hadoopConf(new Configuration())
                .reportTo(lines::add)
                .open()) {
            s.runOnce();
            assertEquals(List.of(), lines, "nothing before an interval has passed");
            clock.advance(2_000);
            s.runOnce();
            assertEquals(
                    List.of("delivery seq catching up: 200 landed, 800 to go (20%), 100 records/s, ETA 8.0 s"), lines);
            for (int i = 0; i < 4; i++) {
                clock.advance(2_000);
                s.runOnce();
            }
            // 10 s: the metrics line, then the progress line (600 landed, 400 to go)
            assertEquals(6, lines.size(), lines.toString());
            assertEquals(
                    "delivery seq: in 600 records ("
                            + DeliveryProgress.bytes(s.metrics().bytesIn())
                            + "), out 600 records in 12 files ("
                            + DeliveryProgress.bytes(s.metrics().bytesOut())
                            + "), errors 0 records in 0 files, lag 0 ms / 400 records, 60 records/s",
                    lines.get(4));
            assertEquals(
                    "delivery seq catching up: 600 landed, 400 to go (60%), 50 records/s, ETA 8.0 s", lines.get(5));
            lines.clear();
            while (source.backlogRecords() > 0) {
                clock.advance(2_000);
                s.runOnce();
            }
            clock.advance(2_000);
            s.runOnce();
            // 12 to 16 s: behind, so progress; 18 s: caught up, none; 20 s: the metrics line
            assertEquals(4, lines.size(), lines.toString());
            assertTrue(lines.get(2).contains("900 landed, 100 to go (90%)"), lines.toString());
            assertTrue(lines.get(3).startsWith("delivery seq: in 1,000 records"), lines.toString());
            lines.clear();
            clock.advance(2_000);
            s.runOnce();
            assertEquals(List.of(), lines, "caught up: no progress line");
            assertEquals(1_000, s.metrics().recordsOut());
        }
    }
}
