package dev.silt.mapreduce.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.io.Text;
import org.junit.jupiter.api.Test;

class JoinKeyTest {
    private static byte[] bytes(JoinKey k) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        k.write(new DataOutputStream(b));
        return b.toByteArray();
    }

    private static List<JoinKey> keys() {
        List<JoinKey> keys = new ArrayList<>();
        for (String s : new String[] {"", "A", "AB", "B", "US", "\u00e9", "x".repeat(300)}) {
            keys.add(new JoinKey(s, JoinKey.DIMENSION));
            keys.add(new JoinKey(s, JoinKey.EVENT));
        }
        JoinKey absent = new JoinKey();
        absent.setAbsent(7);
        keys.add(absent);
        return keys;
    }

    @Test
    void rawComparatorsAgreeWithTheObjectOrder() throws IOException {
        JoinKey.SortComparator sort = new JoinKey.SortComparator();
        JoinKey.GroupingComparator group = new JoinKey.GroupingComparator();
        for (JoinKey a : keys()) {
            for (JoinKey b : keys()) {
                byte[] x = bytes(a);
                byte[] y = bytes(b);
                assertEquals(
                        Integer.signum(a.compareTo(b)),
                        Integer.signum(sort.compare(x, 0, x.length, y, 0, y.length)),
                        a + " vs " + b);
                assertEquals(
                        Integer.signum(JoinKey.compare(a, b, false)),
                        Integer.signum(group.compare(x, 0, x.length, y, 0, y.length)),
                        a + " vs " + b);
                assertEquals(Integer.signum(a.compareTo(b)), Integer.signum(sort.compare(a, b)));
            }
        }
    }

    @Test
    void dimensionRowsSortBeforeEventsAndGroupWithThem() {
        JoinKey dim = new JoinKey("US", JoinKey.DIMENSION);
        JoinKey event = new JoinKey("US", JoinKey.EVENT);
        assertTrue(new JoinKey.SortComparator().compare(dim, event) < 0);
        assertEquals(0, new JoinKey.GroupingComparator().compare(dim, event));
        JoinKey absent = new JoinKey();
        absent.setAbsent(0);
        assertTrue(new JoinKey.GroupingComparator().compare(absent, new JoinKey("0", JoinKey.EVENT)) != 0);
    }

    @Test
    void partitionerIgnoresTheTagAndHandlesNegativeHashes() {
        Join.JoinPartitioner p = new Join.JoinPartitioner();
        int negative = 0;
        for (int i = 0; i < 2000; i++) {
            JoinKey dim = new JoinKey("k" + i, JoinKey.DIMENSION);
            JoinKey event = new JoinKey("k" + i, JoinKey.EVENT);
            negative += dim.hashCode() < 0 ? 1 : 0;
            for (int n : new int[] {1, 3, 7}) {
                int part = p.getPartition(dim, new Text(), n);
                assertTrue(part >= 0 && part < n);
                assertEquals(part, p.getPartition(event, new Text(), n));
            }
        }
        assertTrue(negative > 0, "some keys must hash negative for this test to mean anything");
    }
}
