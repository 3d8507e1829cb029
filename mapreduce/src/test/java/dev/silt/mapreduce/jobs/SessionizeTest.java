package dev.silt.mapreduce.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.silt.mapreduce.input.LandedRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mrunit.mapreduce.MapReduceDriver;
import org.apache.hadoop.mrunit.types.Pair;
import org.junit.jupiter.api.Test;

class SessionizeTest {
    private static MapReduceDriver<LongWritable, LandedRecord, GroupValueKey, Sessionize.PageView, NullWritable, Text>
            driver(long gapMs) {
        MapReduceDriver<LongWritable, LandedRecord, GroupValueKey, Sessionize.PageView, NullWritable, Text> d =
                MapReduceDriver.newMapReduceDriver(new Sessionize.SessionMapper(), new Sessionize.SessionReducer());
        d.getConfiguration().setLong(Sessionize.GAP_MS, gapMs);
        d.withKeyOrderComparator(new GroupValueKey.Ascending());
        d.withKeyGroupingComparator(new GroupValueKey.GroupComparator());
        return d;
    }

    private static LandedRecord at(String user, String time, String url, long bytes) {
        return Events.line("2026-01-01T" + time + ".000Z", user, url, 200, bytes, 1, "US");
    }

    @Test
    void splitsAtGapsAndSortsByTimeWhateverTheInputOrder() throws IOException {
        MapReduceDriver<LongWritable, LandedRecord, GroupValueKey, Sessionize.PageView, NullWritable, Text> d =
                driver(30 * 60_000L);
        d.withInput(new LongWritable(0), at("u1", "01:00:00", "/c", 3))
                .withInput(new LongWritable(1), at("u1", "00:00:00", "/a", 1))
                .withInput(new LongWritable(2), at("u1", "00:30:00", "/b", 2))
                .withInput(new LongWritable(3), at("u2", "00:10:00", "/x", 5));
        List<String> rows = new ArrayList<>();
        for (Pair<NullWritable, Text> p : d.run()) {
            rows.add(p.getSecond().toString());
        }
        assertEquals(
                List.of(
                        // exactly the gap apart: still one session
                        "u1\t0\t2026-01-01T00:00:00.000Z\t2026-01-01T01:00:00.000Z\t3600\t3\t6\t/a\t/c",
                        "u2\t0\t2026-01-01T00:10:00.000Z\t2026-01-01T00:10:00.000Z\t0\t1\t5\t/x\t/x"),
                rows);
    }

    @Test
    void aGapOneMillisecondLongerStartsANewSession() throws IOException {
        MapReduceDriver<LongWritable, LandedRecord, GroupValueKey, Sessionize.PageView, NullWritable, Text> d =
                driver(30 * 60_000L - 1);
        d.withInput(new LongWritable(0), at("u1", "00:00:00", "/a", 1))
                .withInput(new LongWritable(1), at("u1", "00:30:00", "/b", 2));
        List<Pair<NullWritable, Text>> out = d.run();
        assertEquals(2, out.size());
        assertEquals(
                "u1\t1\t2026-01-01T00:30:00.000Z\t2026-01-01T00:30:00.000Z\t0\t1\t2\t/b\t/b",
                out.get(1).getSecond().toString());
    }

    @Test
    void gapParsing() {
        assertEquals(1_800_000L, Sessionize.parseGap("30m"));
        assertEquals(3_600_000L, Sessionize.parseGap("1h"));
        assertEquals(90_000L, Sessionize.parseGap("90s"));
        assertEquals(1500L, Sessionize.parseGap("1500ms"));
        assertEquals(120_000L, Sessionize.parseGap("PT2M"));
        assertThrows(IllegalArgumentException.class, () -> Sessionize.parseGap("0m"));
        assertThrows(IllegalArgumentException.class, () -> Sessionize.parseGap("soon"));
    }
}
