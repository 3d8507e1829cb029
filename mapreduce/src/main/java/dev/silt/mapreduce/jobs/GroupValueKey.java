package dev.silt.mapreduce.jobs;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.WritableComparable;
import org.apache.hadoop.io.WritableComparator;
import org.apache.hadoop.io.WritableUtils;
import org.apache.hadoop.mapreduce.Partitioner;

/**
 * A composite key for secondary sort: the natural key ({@code group}) and a value to order by within it. Sorting
 * compares both; grouping and partitioning look at the group only, so one reduce call sees a whole group with its
 * values already ordered.
 */
public final class GroupValueKey implements WritableComparable<GroupValueKey> {
    private final Text group = new Text();
    private long value;

    public Text group() {
        return group;
    }

    public long value() {
        return value;
    }

    public void set(String group, long value) {
        this.group.set(group);
        this.value = value;
    }

    public void setValue(long value) {
        this.value = value;
    }

    public void set(GroupValueKey other) {
        this.group.set(other.group);
        this.value = other.value;
    }

    @Override
    public void write(DataOutput out) throws IOException {
        group.write(out);
        WritableUtils.writeVLong(out, value);
    }

    @Override
    public void readFields(DataInput in) throws IOException {
        group.readFields(in);
        value = WritableUtils.readVLong(in);
    }

    /** Group ascending, then value ascending. */
    @Override
    public int compareTo(GroupValueKey o) {
        int c = group.compareTo(o.group);
        return c != 0 ? c : Long.compare(value, o.value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GroupValueKey && compareTo((GroupValueKey) o) == 0;
    }

    @Override
    public int hashCode() {
        return group.hashCode() * 31 + Long.hashCode(value);
    }

    @Override
    public String toString() {
        return group + "/" + value;
    }

    /** Group ascending, then value ascending. */
    public static class Ascending extends WritableComparator {
        public Ascending() {
            super(GroupValueKey.class, true);
        }
    }

    /** Group ascending, then value descending: the largest value of a group comes first. */
    public static final class Descending extends WritableComparator {
        public Descending() {
            super(GroupValueKey.class, true);
        }

        @Override
        @SuppressWarnings("rawtypes")
        public int compare(WritableComparable a, WritableComparable b) {
            GroupValueKey x = (GroupValueKey) a;
            GroupValueKey y = (GroupValueKey) b;
            int c = x.group.compareTo(y.group);
            return c != 0 ? c : Long.compare(y.value, x.value);
        }
    }

    /** Compares the group only: the grouping comparator of reducers (and combiners). */
    public static final class GroupComparator extends WritableComparator {
        public GroupComparator() {
            super(GroupValueKey.class, true);
        }

        @Override
        @SuppressWarnings("rawtypes")
        public int compare(WritableComparable a, WritableComparable b) {
            return ((GroupValueKey) a).group.compareTo(((GroupValueKey) b).group);
        }
    }

    /** Partitions on the group only, so a group's values all reach one reducer. */
    public static final class GroupPartitioner<V> extends Partitioner<GroupValueKey, V> {
        @Override
        public int getPartition(GroupValueKey key, V value, int partitions) {
            return (key.group.hashCode() & Integer.MAX_VALUE) % partitions;
        }
    }
}
