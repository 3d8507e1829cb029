package dev.silt.mapreduce.jobs;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.apache.hadoop.io.Writable;
import org.apache.hadoop.io.WritableUtils;

/**
 * The partial aggregate of one group: a row count and, per numeric field, the count of values, their sum, minimum
 * and maximum. Partial states merge associatively and commutatively, which is what lets the combiner run them.
 */
public final class AggregateState implements Writable {
    long count;
    long[] n = new long[0];
    long[] sum = new long[0];
    long[] min = new long[0];
    long[] max = new long[0];

    void reset(int fields) {
        if (n.length != fields) {
            n = new long[fields];
            sum = new long[fields];
            min = new long[fields];
            max = new long[fields];
        }
        count = 0;
        for (int i = 0; i < fields; i++) {
            n[i] = 0;
            sum[i] = 0;
            min[i] = Long.MAX_VALUE;
            max[i] = Long.MIN_VALUE;
        }
    }

    void add(int field, long value) {
        n[field]++;
        sum[field] = Math.addExact(sum[field], value);
        min[field] = Math.min(min[field], value);
        max[field] = Math.max(max[field], value);
    }

    void merge(AggregateState other) {
        count += other.count;
        for (int i = 0; i < n.length; i++) {
            n[i] += other.n[i];
            sum[i] = Math.addExact(sum[i], other.sum[i]);
            min[i] = Math.min(min[i], other.min[i]);
            max[i] = Math.max(max[i], other.max[i]);
        }
    }

    @Override
    public void write(DataOutput out) throws IOException {
        WritableUtils.writeVLong(out, count);
        WritableUtils.writeVInt(out, n.length);
        for (int i = 0; i < n.length; i++) {
            WritableUtils.writeVLong(out, n[i]);
            WritableUtils.writeVLong(out, sum[i]);
            WritableUtils.writeVLong(out, min[i]);
            WritableUtils.writeVLong(out, max[i]);
        }
    }

    @Override
    public void readFields(DataInput in) throws IOException {
        long c = WritableUtils.readVLong(in);
        reset(WritableUtils.readVInt(in));
        count = c;
        for (int i = 0; i < n.length; i++) {
            n[i] = WritableUtils.readVLong(in);
            sum[i] = WritableUtils.readVLong(in);
            min[i] = WritableUtils.readVLong(in);
            max[i] = WritableUtils.readVLong(in);
        }
    }
}
