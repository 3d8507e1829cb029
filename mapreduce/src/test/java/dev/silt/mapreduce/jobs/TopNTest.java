package dev.silt.mapreduce.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

class TopNTest {
    private static MapReduceDriver<LongWritable, LandedRecord, GroupValueKey, Text, NullWritable, Text> driver(
            int n, boolean asc) {
        MapReduceDriver<LongWritable, LandedRecord, GroupValueKey, Text, NullWritable, Text> d =
                MapReduceDriver.newMapReduceDriver(
                        new TopN.TopNMapper(), new TopN.TopNReducer(), new TopN.TopNCombiner());
        d.getConfiguration().set(TopN.GROUP_BY, "country");
        d.getConfiguration().set(TopN.ORDER_BY, "latency_ms");
        d.getConfiguration().setInt(TopN.N, n);
        d.withKeyOrderComparator(asc ? new GroupValueKey.Ascending() : new GroupValueKey.Descending());
        d.withKeyGroupingComparator(new GroupValueKey.GroupComparator());
        return d;
    }

    @Test
    void keepsTheLargestNPerGroupInOrder() throws IOException {
        MapReduceDriver<LongWritable, LandedRecord, GroupValueKey, Text, NullWritable, Text> d = driver(2, false);
        long[] latencies = {5, 50, 7, 49, 1};
        for (int i = 0; i < latencies.length; i++) {
            d.withInput(new LongWritable(i), Events.event("u" + i, "US", 1, latencies[i]));
        }
        d.withInput(new LongWritable(9), Events.event("u9", "DE", 1, 3));
        List<Pair<NullWritable, Text>> out = d.run();
        List<String> rows = new ArrayList<>();
        for (Pair<NullWritable, Text> p : out) {
            String[] f = p.getSecond().toString().split("\t", 4);
            rows.add(f[0] + " " + f[1] + " " + f[2]);
        }
        assertEquals(List.of("DE 1 3", "US 1 50", "US 2 49"), rows);
    }

    @Test
    void ascendingKeepsTheSmallest() throws IOException {
        MapReduceDriver<LongWritable, LandedRecord, GroupValueKey, Text, NullWritable, Text> d = driver(1, true);
        d.withInput(new LongWritable(0), Events.event("a", "US", 1, 9))
                .withInput(new LongWritable(1), Events.event("b", "US", 1, 2))
                .withInput(new LongWritable(2), Events.event("c", "US", 1, 4));
        List<Pair<NullWritable, Text>> out = d.run();
        assertEquals(1, out.size());
        assertTrue(
                out.get(0).getSecond().toString().startsWith("US\t1\t2\t{"),
                out.get(0).toString());
    }

    @Test
    void groupSmallerThanNIsEmittedWhole() throws IOException {
        MapReduceDriver<LongWritable, LandedRecord, GroupValueKey, Text, NullWritable, Text> d = driver(10, false);
        d.withInput(new LongWritable(0), Events.event("a", "JP", 1, 1));
        assertEquals(1, d.run().size());
    }

    @Test
    void partitionerUsesTheGroupOnlyAndNeverGoesNegative() {
        GroupValueKey.GroupPartitioner<Text> p = new GroupValueKey.GroupPartitioner<>();
        GroupValueKey a = new GroupValueKey();
        GroupValueKey b = new GroupValueKey();
        for (int i = 0; i < 10_000; i++) {
            String group = "g" + i * 7919;
            a.set(group, i);
            b.set(group, -i * 31L);
            int pa = p.getPartition(a, null, 7);
            assertEquals(pa, p.getPartition(b, null, 7));
            assertTrue(pa >= 0 && pa < 7);
        }
        // A group whose Text hash is Integer.MIN_VALUE-like negative still lands in range.
        a.set("polygenelubricants", 0);
        int part = p.getPartition(a, null, 3);
        assertTrue(part >= 0 && part < 3);
    }

    @Test
    void comparatorsOrderValuesWithinAGroupAndGroupOnTheGroup() {
        GroupValueKey x = new GroupValueKey();
        GroupValueKey y = new GroupValueKey();
        x.set("a", Long.MIN_VALUE);
        y.set("a", Long.MAX_VALUE);
        assertTrue(new GroupValueKey.Ascending().compare(x, y) < 0);
        assertTrue(new GroupValueKey.Descending().compare(x, y) > 0);
        assertEquals(0, new GroupValueKey.GroupComparator().compare(x, y));
        y.set("b", Long.MIN_VALUE);
        assertTrue(new GroupValueKey.Descending().compare(x, y) < 0, "groups stay ascending when values descend");
    }
}
