package dev.silt.mapreduce.input;

import dev.silt.mapreduce.event.Reason;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.Writable;
import org.apache.hadoop.io.WritableUtils;

/**
 * One line of landed input, or a fault the reader met while producing it (a line that is too long, a compressed
 * file that ends early). Faults travel to the mapper like records so that they reach the quarantine output and its
 * counters instead of vanishing inside the reader.
 */
public final class LandedRecord implements Writable {
    private final Text line = new Text();
    private Reason fault;
    private String faultDetail = "";

    /** The line's bytes (without the line terminator); for a fault, whatever bytes were read. */
    public Text line() {
        return line;
    }

    /** The reader's fault, or {@code null} for an ordinary line. */
    public Reason fault() {
        return fault;
    }

    public String faultDetail() {
        return faultDetail;
    }

    void setFault(Reason reason, String detail) {
        this.fault = reason;
        this.faultDetail = detail;
    }

    void clearFault() {
        this.fault = null;
        this.faultDetail = "";
    }

    @Override
    public void write(DataOutput out) throws IOException {
        line.write(out);
        WritableUtils.writeVInt(out, fault == null ? -1 : fault.ordinal());
        Text.writeString(out, faultDetail);
    }

    @Override
    public void readFields(DataInput in) throws IOException {
        line.readFields(in);
        int f = WritableUtils.readVInt(in);
        fault = f < 0 ? null : Reason.values()[f];
        faultDetail = Text.readString(in);
    }
}
