package dev.silt.mapreduce.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.silt.mapreduce.input.LandedRecord;
import java.io.IOException;
import java.util.List;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mrunit.mapreduce.MapDriver;
import org.apache.hadoop.mrunit.mapreduce.MapReduceDriver;
import org.apache.hadoop.mrunit.mapreduce.ReduceDriver;
import org.apache.hadoop.mrunit.types.Pair;
import org.junit.jupiter.api.Test;

class DistinctTest {
    @Test
    void mapperEmitsOneSketchPerGroupAtTheEnd() throws IOException {
        MapDriver<LongWritable, LandedRecord, Text, BytesWritable> d =
                MapDriver.newMapDriver(new Distinct.SketchMapper());
        d.getConfiguration().set(Distinct.GROUP_BY, "country");
        d.getConfiguration().set(Distinct.COUNT, "user");
        for (int i = 0; i < 100; i++) {
            d.withInput(new LongWritable(i), Events.event("u" + (i % 10), i % 2 == 0 ? "US" : "DE", 1, 1));
        }
        List<Pair<Text, BytesWritable>> out = d.run();
        assertEquals(2, out.size());
        for (Pair<Text, BytesWritable> p : out) {
            assertEquals(
                    5.0,
                    Distinct.read(p.getSecond()).getEstimate(),
                    0.01,
                    p.getFirst().toString());
        }
    }

    @Test
    void tooManyGroupsAreFlushedEarlyWithoutLosingAny() throws IOException {
        MapReduceDriver<LongWritable, LandedRecord, Text, BytesWritable, NullWritable, Text> d =
                MapReduceDriver.newMapReduceDriver(
                        new Distinct.SketchMapper(), new Distinct.SketchReducer(), new Distinct.SketchCombiner());
        d.getConfiguration().set(Distinct.GROUP_BY, "user");
        d.getConfiguration().set(Distinct.COUNT, "country");
        d.getConfiguration().setInt(Distinct.MAX_GROUPS, 3);
        String[] countries = {"US", "DE", "IN"};
        for (int i = 0; i < 30; i++) {
            d.withInput(new LongWritable(i), Events.event("u" + (i % 10), countries[i % 3], 1, 1));
        }
        List<Pair<NullWritable, Text>> out = d.run();
        assertEquals(10, out.size(), "one row per user");
        for (Pair<NullWritable, Text> p : out) {
            String[] f = p.getSecond().toString().split("\t");
            assertEquals("3", f[1], "each user saw all three countries: " + p);
        }
    }

    @Test
    void combinerUnionsSketchesAndReducerReportsBounds() throws IOException {
        HllSketch a = new HllSketch(12, TgtHllType.HLL_4);
        HllSketch b = new HllSketch(12, TgtHllType.HLL_4);
        for (int i = 0; i < 60_000; i++) {
            a.update("x" + i);
        }
        for (int i = 40_000; i < 100_000; i++) {
            b.update("x" + i);
        }
        ReduceDriver<Text, BytesWritable, Text, BytesWritable> c =
                ReduceDriver.newReduceDriver(new Distinct.SketchCombiner());
        List<Pair<Text, BytesWritable>> combined = c.withInput(
                        new Text("g"),
                        List.of(new BytesWritable(a.toCompactByteArray()), new BytesWritable(b.toCompactByteArray())))
                .run();
        ReduceDriver<Text, BytesWritable, NullWritable, Text> r =
                ReduceDriver.newReduceDriver(new Distinct.SketchReducer());
        String line = r.withInput(new Text("g"), List.of(combined.get(0).getSecond()))
                .run()
                .get(0)
                .getSecond()
                .toString();
        String[] f = line.split("\t");
        long estimate = Long.parseLong(f[1]);
        long lower = Long.parseLong(f[2]);
        long upper = Long.parseLong(f[3]);
        double rse = Distinct.relativeStandardError(12);
        assertTrue(rse > 0.01 && rse < 0.02, "lgK 12 is about 1.6%: " + rse);
        assertTrue(Math.abs(estimate - 100_000) < 4 * rse * 100_000, line);
        assertTrue(lower < estimate && estimate < upper, line);
        assertTrue(upper - lower < 8 * rse * 100_000, "bounds are about ±2 standard errors: " + line);
    }

    @Test
    void nullCountValuesAreIgnoredLikeSqlCountDistinct() throws IOException {
        MapDriver<LongWritable, LandedRecord, Text, BytesWritable> d =
                MapDriver.newMapDriver(new Distinct.SketchMapper());
        d.getConfiguration().set(Distinct.GROUP_BY, "country");
        d.getConfiguration().set(Distinct.COUNT, "referrer");
        d.withInput(new LongWritable(0), Events.event("u1", "US", 1, 1));
        assertEquals(0, d.run().size());
    }
}
