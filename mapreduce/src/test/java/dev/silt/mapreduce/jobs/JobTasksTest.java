package dev.silt.mapreduce.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.silt.mapreduce.event.Field;
import dev.silt.mapreduce.input.LandedRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.lib.partition.TotalOrderPartitioner;
import org.apache.hadoop.mrunit.mapreduce.MapDriver;
import org.apache.hadoop.mrunit.mapreduce.ReduceDriver;
import org.apache.hadoop.mrunit.types.Pair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jobs' mappers, reducers and partitioners one by one (MRUnit). MRUnit's reduce driver hands every value the same
 * key object, unlike the framework, which updates it per value; the join reducer's matching (which reads the tag of the
 * updated key) is therefore covered by {@link JoinJobTest}, and here only groups of one side.
 */
class JobTasksTest {
    private static final String EVENT = "{\"ts\":\"2026-01-01T03:15:22.123Z\",\"user\":\"u0012345\",\"url\":\"/p\","
            + "\"status\":200,\"bytes\":%d,\"latency_ms\":87,\"country\":\"%s\"%s}";

    @TempDir
    Path tmp;

    private static LandedRecord record(String line) {
        LandedRecord r = new LandedRecord();
        r.line().set(line);
        return r;
    }

    private static String event(long bytes, String country, String extra) {
        return String.format(java.util.Locale.ROOT, EVENT, bytes, country, extra);
    }

    @Test
    void sortMapperKeysEventsByTheEncodedField() throws Exception {
        MapDriver<LongWritable, LandedRecord, BytesWritable, Text> d = MapDriver.newMapDriver(new Sort.SortMapper());
        d.getConfiguration().set(Sort.KEY, "bytes");
        d.getConfiguration().setBoolean(Sort.DESC, true);
        String line = event(Long.MAX_VALUE, "US", "");
        d.withInput(new LongWritable(0), record(line))
                .withOutput(new OrderedKeyCodec(Field.BYTES, true).encodeLong(Long.MAX_VALUE), new Text(line))
                .runTest();
    }

    @Test
    void sortReducerWritesEveryLineOfAKey() throws Exception {
        ReduceDriver<BytesWritable, Text, NullWritable, Text> d = ReduceDriver.newReduceDriver(new Sort.SortReducer());
        d.withInput(new BytesWritable(new byte[] {1}), List.of(new Text("a"), new Text("a"), new Text("b")))
                .withOutput(NullWritable.get(), new Text("a"))
                .withOutput(NullWritable.get(), new Text("a"))
                .withOutput(NullWritable.get(), new Text("b"))
                .runTest();
    }

    @Test
    void totalOrderBoundariesRouteExtremeKeysInBothDirections() throws Exception {
        for (boolean desc : new boolean[] {false, true}) {
            OrderedKeyCodec codec = new OrderedKeyCodec(Field.BYTES, desc);
            List<byte[]> sample = new ArrayList<>();
            for (long v : new long[] {0, 10, 20, 30, 40, 50, Long.MAX_VALUE, Long.MAX_VALUE - 1, 60}) {
                sample.add(codec.encodeLong(v).copyBytes());
            }
            List<byte[]> cuts = SortSampler.boundaries(sample, 3);
            assertEquals(2, cuts.size());
            Configuration conf = new Configuration(false);
            org.apache.hadoop.fs.Path file =
                    new org.apache.hadoop.fs.Path(tmp.resolve("parts-" + desc).toUri());
            SortSampler.writePartitionFile(conf, file, cuts);
            conf.set("mapreduce.map.output.key.class", BytesWritable.class.getName());
            conf.setInt("mapreduce.job.reduces", 3);
            conf.setBoolean(TotalOrderPartitioner.NATURAL_ORDER, false);
            TotalOrderPartitioner.setPartitionFile(conf, file);
            TotalOrderPartitioner<BytesWritable, Text> p = new TotalOrderPartitioner<>();
            p.setConf(conf);
            int first = p.getPartition(codec.encodeLong(desc ? Long.MAX_VALUE : Long.MIN_VALUE), null, 3);
            int last = p.getPartition(codec.encodeLong(desc ? Long.MIN_VALUE : Long.MAX_VALUE), null, 3);
            assertEquals(0, first, "desc=" + desc);
            assertEquals(2, last, "desc=" + desc);
            int previous = 0;
            long[] ordered =
                    desc ? new long[] {Long.MAX_VALUE, 60, 30, 0, -5} : new long[] {-5, 0, 30, 60, Long.MAX_VALUE};
            for (long v : ordered) {
                int part = p.getPartition(codec.encodeLong(v), null, 3);
                assertTrue(part >= previous, v + " went back to partition " + part);
                previous = part;
            }
        }
        assertEquals(List.of(), SortSampler.boundaries(List.of(new byte[] {1}, new byte[] {1}), 3), "one key");
        assertEquals(List.of(), SortSampler.boundaries(List.of(), 3), "no input");
    }

    @Test
    void etlMapperKeysByTimeAndHourPartitionerKeepsAnHourTogether() throws Exception {
        MapDriver<LongWritable, LandedRecord, LongWritable, Text> d = MapDriver.newMapDriver(new Etl.EtlMapper());
        String line = event(5, "DE", "");
        d.withInput(new LongWritable(0), record(line))
                .withOutput(new LongWritable(1767237322123L), new Text(line))
                .runTest();

        Etl.HourPartitioner p = new Etl.HourPartitioner();
        long hour = 3_600_000L;
        for (long ts : new long[] {Long.MIN_VALUE / 2, -1, 0, 1767237322123L, Long.MAX_VALUE}) {
            long start = Math.floorDiv(ts, hour) * hour;
            for (int n : new int[] {1, 4, 7}) {
                int part = p.getPartition(new LongWritable(ts), null, n);
                assertTrue(part >= 0 && part < n, ts + " → " + part);
                assertEquals(part, p.getPartition(new LongWritable(start), null, n), "same hour, same reducer");
            }
        }
        assertTrue(p.getPartition(new LongWritable(0), null, 4) != p.getPartition(new LongWritable(hour), null, 4));
    }

    @Test
    void etlSchemaCheck() throws Exception {
        dev.silt.mapreduce.event.EventParser parser = new dev.silt.mapreduce.event.EventParser();
        String ok = event(1, "US", "");
        assertEquals(null, Etl.schemaProblem(parser.parse(ok.getBytes(), 0, ok.length())));
        for (String bad : new String[] {
            event(1, "U1", ""),
            event(1, "", ""),
            event(1, "\u00c9S", ""),
            ok.replace("\"status\":200", "\"status\":600")
        }) {
            byte[] b = bad.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(Etl.schemaProblem(parser.parse(b, 0, b.length)) != null, bad);
        }
    }

    @Test
    void eventSideMapperDropsAbsentKeysForInnerAndSpreadsThemForLeft() throws Exception {
        String withSession = event(1, "US", ",\"session\":\"s-1\"");
        String without = event(2, "US", "");
        MapDriver<LongWritable, LandedRecord, JoinKey, Text> inner = MapDriver.newMapDriver(new Join.EventSideMapper());
        inner.getConfiguration().set(Join.ON, "session");
        inner.withInput(new LongWritable(0), record(withSession))
                .withInput(new LongWritable(1), record(without))
                .withOutput(new JoinKey("s-1", JoinKey.EVENT), new Text(withSession))
                .runTest();
        assertEquals(
                1,
                inner.getCounters()
                        .findCounter(Join.JoinCounters.UNMATCHED_EVENTS)
                        .getValue());

        MapDriver<LongWritable, LandedRecord, JoinKey, Text> left = MapDriver.newMapDriver(new Join.EventSideMapper());
        left.getConfiguration().set(Join.ON, "session");
        left.getConfiguration().setBoolean(Join.LEFT, true);
        List<Pair<JoinKey, Text>> out = left.withInput(new LongWritable(0), record(without))
                .withInput(new LongWritable(1), record(without))
                .run();
        assertEquals(2, out.size());
        assertTrue(out.get(0).getFirst().absent() && out.get(1).getFirst().absent());
        assertTrue(!out.get(0).getFirst().key().equals(out.get(1).getFirst().key()), "absent keys are spread");
    }

    private static Configuration joinConf(boolean left) {
        Configuration conf = new Configuration(false);
        conf.set(Join.DIM_HEADER, "code,name");
        conf.set(Join.DIM_KEY, "code");
        conf.set(Join.ON, "country");
        conf.setBoolean(Join.LEFT, left);
        return conf;
    }

    @Test
    void joinReducerGroupsOfOneSide() throws Exception {
        String e = event(1, "XX", "");
        // events without dimension rows: left keeps them with nulls, inner drops and counts them
        ReduceDriver<JoinKey, Text, NullWritable, Text> left = ReduceDriver.newReduceDriver(new Join.JoinReducer());
        left.setConfiguration(joinConf(true));
        List<Pair<NullWritable, Text>> out = left.withInput(new JoinKey("XX", JoinKey.EVENT), List.of(new Text(e)))
                .run();
        assertEquals(1, out.size());
        assertEquals(
                JobHarness.tree(e.replace("}", ",\"country_name\":null}")),
                JobHarness.tree(out.get(0).getSecond().toString()));

        ReduceDriver<JoinKey, Text, NullWritable, Text> inner = ReduceDriver.newReduceDriver(new Join.JoinReducer());
        inner.setConfiguration(joinConf(false));
        inner.withInput(new JoinKey("XX", JoinKey.EVENT), List.of(new Text(e), new Text(e)))
                .runTest();
        assertEquals(
                2,
                inner.getCounters()
                        .findCounter(Join.JoinCounters.UNMATCHED_EVENTS)
                        .getValue());

        // dimension rows without events, and an empty group: nothing
        ReduceDriver<JoinKey, Text, NullWritable, Text> dims = ReduceDriver.newReduceDriver(new Join.JoinReducer());
        dims.setConfiguration(joinConf(true));
        dims.withInput(new JoinKey("US", JoinKey.DIMENSION), List.of(new Text("US,United States"), new Text("US,USA")))
                .withInput(new JoinKey("FR", JoinKey.DIMENSION), List.of())
                .runTest();
    }

    @Test
    void joinedEventReplacesCollidingFieldsAndKeepsNumbersExact() throws Exception {
        JoinedEvent j = new JoinedEvent(List.of("country_name"));
        Text out = j.render(
                new Text(
                        "{\"a\":1.50,\"country_name\":\"old\",\"n\":{\"x\":[1,2e3,null]},\"big\":9223372036854775807}"),
                List.of("Ünited \"States\""));
        assertEquals(
                "{\"a\":1.50,\"n\":{\"x\":[1,2E+3,null]},\"big\":9223372036854775807,"
                        + "\"country_name\":\"Ünited \\\"States\\\"\"}",
                out.toString());
    }
}
