package dev.silt.mapreduce.jobs;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.WritableComparable;
import org.apache.hadoop.io.WritableComparator;
import org.apache.hadoop.io.WritableUtils;

/**
 * The reduce-side join's shuffle key: the join key and a tag saying which side the record comes from. Sorting by
 * (key, tag) puts a key's dimension rows before its events, so the reducer buffers only the (few) dimension rows and
 * streams the events; grouping and partitioning look at the join key only.
 *
 * <p>Events whose join field is absent never match. In a left join they still travel, marked {@link #absent()}, with
 * a spreading bucket number as their key so that they do not all land on one reducer.
 *
 * <p>Serialized form: flag byte (1 = absent), the key as {@link Text}, tag byte. The raw comparators below compare that
 * form without deserializing.
 */
public final class JoinKey implements WritableComparable<JoinKey> {
    public static final byte DIMENSION = 0;
    public static final byte EVENT = 1;

    private boolean absent;
    private final Text key = new Text();
    private byte tag;

    public JoinKey() {}

    public JoinKey(String key, byte tag) {
        set(key, tag);
    }

    public void set(String joinKey, byte side) {
        absent = false;
        key.set(joinKey);
        tag = side;
    }

    /** An event without a join value; {@code bucket} only spreads such events over the reducers. */
    public void setAbsent(int bucket) {
        absent = true;
        key.set(Integer.toString(bucket));
        tag = EVENT;
    }

    public boolean absent() {
        return absent;
    }

    public Text key() {
        return key;
    }

    public byte tag() {
        return tag;
    }

    @Override
    public void write(DataOutput out) throws IOException {
        out.writeByte(absent ? 1 : 0);
        key.write(out);
        out.writeByte(tag);
    }

    @Override
    public void readFields(DataInput in) throws IOException {
        absent = in.readByte() != 0;
        key.readFields(in);
        tag = in.readByte();
    }

    /** Join-key order; without {@code withTag} the tag is ignored (grouping). */
    static int compare(JoinKey a, JoinKey b, boolean withTag) {
        int c = Boolean.compare(a.absent, b.absent);
        if (c == 0) {
            c = a.key.compareTo(b.key);
        }
        if (c == 0 && withTag) {
            c = Byte.compare(a.tag, b.tag);
        }
        return c;
    }

    @Override
    public int compareTo(JoinKey o) {
        return compare(this, o, true);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JoinKey && compareTo((JoinKey) o) == 0;
    }

    /** The hash of the join key alone (not the tag), so both sides of a key meet in one partition. */
    @Override
    public int hashCode() {
        return 31 * key.hashCode() + (absent ? 1 : 0);
    }

    @Override
    public String toString() {
        return (absent ? "absent#" : "") + key + "/" + tag;
    }

    /** Raw comparison of the serialized form; with {@code withTag == false} the grouping order. */
    static int compareRaw(byte[] b1, int s1, byte[] b2, int s2, boolean withTag) {
        int c = Byte.compare(b1[s1], b2[s2]);
        if (c != 0) {
            return c;
        }
        try {
            int n1 = WritableUtils.decodeVIntSize(b1[s1 + 1]);
            int n2 = WritableUtils.decodeVIntSize(b2[s2 + 1]);
            int len1 = WritableComparator.readVInt(b1, s1 + 1);
            int len2 = WritableComparator.readVInt(b2, s2 + 1);
            c = WritableComparator.compareBytes(b1, s1 + 1 + n1, len1, b2, s2 + 1 + n2, len2);
            if (c != 0 || !withTag) {
                return c;
            }
            return Byte.compare(b1[s1 + 1 + n1 + len1], b2[s2 + 1 + n2 + len2]);
        } catch (IOException e) {
            throw new IllegalArgumentException("corrupt join key", e);
        }
    }

    /** The shuffle's sort order: join key, then dimension rows before events. */
    public static final class SortComparator extends WritableComparator {
        public SortComparator() {
            super(JoinKey.class, true);
        }

        @Override
        public int compare(byte[] b1, int s1, int l1, byte[] b2, int s2, int l2) {
            return compareRaw(b1, s1, b2, s2, true);
        }

        @Override
        @SuppressWarnings("rawtypes")
        public int compare(WritableComparable a, WritableComparable b) {
            return JoinKey.compare((JoinKey) a, (JoinKey) b, true);
        }
    }

    /** The reducer's grouping: the join key alone, so one reduce call sees a key's rows and events. */
    public static final class GroupingComparator extends WritableComparator {
        public GroupingComparator() {
            super(JoinKey.class, true);
        }

        @Override
        public int compare(byte[] b1, int s1, int l1, byte[] b2, int s2, int l2) {
            return compareRaw(b1, s1, b2, s2, false);
        }

        @Override
        @SuppressWarnings("rawtypes")
        public int compare(WritableComparable a, WritableComparable b) {
            return JoinKey.compare((JoinKey) a, (JoinKey) b, false);
        }
    }
}
