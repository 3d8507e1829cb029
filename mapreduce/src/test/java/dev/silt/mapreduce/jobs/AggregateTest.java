package dev.silt.mapreduce.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.silt.mapreduce.input.LandedRecord;
import dev.silt.mapreduce.job.RecordCounters;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mrunit.mapreduce.MapDriver;
import org.apache.hadoop.mrunit.mapreduce.MapReduceDriver;
import org.apache.hadoop.mrunit.mapreduce.ReduceDriver;
import org.apache.hadoop.mrunit.types.Pair;
import org.junit.jupiter.api.Test;

class AggregateTest {
    private static final String METRICS = "count,sum:bytes,min:latency_ms,max:latency_ms,avg:bytes";

    private static <D extends org.apache.hadoop.mrunit.TestDriver<?, ?, ?>> D configure(D d, String groupBy) {
        d.getConfiguration().set(Aggregate.GROUP_BY, groupBy);
        d.getConfiguration().set(Aggregate.METRICS, METRICS);
        return d;
    }

    @Test
    void mapperEmitsOneStatePerEvent() throws IOException {
        MapDriver<LongWritable, LandedRecord, Text, AggregateState> d =
                configure(MapDriver.newMapDriver(new Aggregate.AggregateMapper()), "country,status");
        List<Pair<Text, AggregateState>> out = d.withInput(new LongWritable(0), Events.event("u1", "US", 100, 7))
                .run();
        assertEquals(1, out.size());
        assertEquals("US\t200", out.get(0).getFirst().toString());
        AggregateState s = out.get(0).getSecond();
        assertEquals(1, s.count);
        assertEquals(100, s.sum[0]);
        assertEquals(7, s.min[1]);
        assertEquals(1, d.getCounters().findCounter(RecordCounters.VALID).getValue());
    }

    @Test
    void absentGroupValuesBecomeNullMarker() throws IOException {
        MapDriver<LongWritable, LandedRecord, Text, AggregateState> d =
                configure(MapDriver.newMapDriver(new Aggregate.AggregateMapper()), "country,referrer");
        List<Pair<Text, AggregateState>> out =
                d.withInput(new LongWritable(0), Events.event("u1", "DE", 1, 1)).run();
        assertEquals("DE\t\\N", out.get(0).getFirst().toString());
    }

    @Test
    void groupKeysAreTheJoinedTextOfTheValuesWhateverTheirCharacters() throws IOException {
        String groupBy = "status,bytes,latency_ms,country,user,url,hour,ts";
        for (String url : List.of("/cart", "/caf\u00e9/\u65e5\u672c", "/emoji/\ud83d\ude00")) {
            MapDriver<LongWritable, LandedRecord, Text, AggregateState> d =
                    configure(MapDriver.newMapDriver(new Aggregate.AggregateMapper()), groupBy);
            LandedRecord r = Events.line("2026-01-01T05:06:07.089Z", "u0000042", url, 404, 0, 1234567890123L, "JP");
            List<Pair<Text, AggregateState>> out =
                    d.withInput(new LongWritable(0), r).run();
            assertEquals(
                    "404\t0\t1234567890123\tJP\tu0000042\t" + url + "\t2026-01-01T05\t2026-01-01T05:06:07.089Z",
                    out.get(0).getFirst().toString());
        }
    }

    @Test
    void combinerAndReducerAgreeWithDirectComputation() throws IOException {
        MapReduceDriver<LongWritable, LandedRecord, Text, AggregateState, NullWritable, Text> d =
                MapReduceDriver.newMapReduceDriver(
                        new Aggregate.AggregateMapper(),
                        new Aggregate.AggregateReducer(),
                        new Aggregate.AggregateCombiner());
        configure(d, "country");
        d.withInput(new LongWritable(0), Events.event("u1", "US", 10, 5))
                .withInput(new LongWritable(1), Events.event("u2", "US", 30, 1))
                .withInput(new LongWritable(2), Events.event("u3", "DE", Long.MAX_VALUE / 4, 9))
                .withInput(new LongWritable(3), Events.event("u4", "US", 0, 0));
        d.withOutput(
                        NullWritable.get(),
                        new Text("DE\t1\t" + Long.MAX_VALUE / 4 + "\t9\t9\t"
                                + String.format(java.util.Locale.ROOT, "%.4f", (double) (Long.MAX_VALUE / 4))))
                .withOutput(NullWritable.get(), new Text("US\t3\t40\t0\t5\t13.3333"));
        d.runTest(false);
    }

    @Test
    void combinerMergesPartialStates() throws IOException {
        ReduceDriver<Text, AggregateState, Text, AggregateState> d =
                ReduceDriver.newReduceDriver(new Aggregate.AggregateCombiner());
        AggregateState a = state(2, 10, 1, 5);
        AggregateState b = state(3, 20, -4, 3);
        List<Pair<Text, AggregateState>> out =
                d.withInput(new Text("g"), List.of(a, b)).run();
        AggregateState m = out.get(0).getSecond();
        assertEquals(5, m.count);
        assertEquals(30, m.sum[0]);
        assertEquals(-4, m.min[0]);
        assertEquals(5, m.max[0]);
    }

    @Test
    void sumOverflowFailsLoudlyInsteadOfWrapping() {
        AggregateState a = state(1, Long.MAX_VALUE, 0, 0);
        AggregateState b = state(1, 1, 0, 0);
        assertThrows(ArithmeticException.class, () -> a.merge(b));
    }

    @Test
    void stateSurvivesSerialization() throws IOException {
        AggregateState a = state(7, -3, Long.MIN_VALUE, Long.MAX_VALUE);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        a.write(new DataOutputStream(bytes));
        AggregateState b = new AggregateState();
        b.readFields(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertEquals(7, b.count);
        assertEquals(-3, b.sum[0]);
        assertEquals(Long.MIN_VALUE, b.min[0]);
        assertEquals(Long.MAX_VALUE, b.max[0]);
    }

    @Test
    void badPlansNameTheProblem() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Aggregate.Plan.parse("country", "median:bytes"));
        assertTrue(e.getMessage().contains("median:bytes"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Aggregate.Plan.parse("country", "sum:url"));
        assertTrue(e.getMessage().contains("not numeric"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Aggregate.Plan.parse("nation", "count"));
        assertTrue(e.getMessage().contains("nation"), e.getMessage());
    }

    @Test
    void metricsWithoutValuesPrintNull() {
        Aggregate.Plan plan = Aggregate.Plan.parse("country", "count,avg:bytes");
        AggregateState empty = new AggregateState();
        empty.reset(1);
        assertEquals("\\N", plan.metrics().get(1).format(empty));
        assertEquals("0", plan.metrics().get(0).format(empty));
    }

    private static AggregateState state(long count, long sum, long min, long max) {
        AggregateState s = new AggregateState();
        s.reset(1);
        s.count = count;
        s.n[0] = count;
        s.sum[0] = sum;
        s.min[0] = min;
        s.max[0] = max;
        return s;
    }
}
