package dev.silt.mapreduce.job;

import dev.silt.mapreduce.event.ClickEvent;
import dev.silt.mapreduce.event.EventParser;
import dev.silt.mapreduce.event.MalformedRecordException;
import dev.silt.mapreduce.event.Reason;
import dev.silt.mapreduce.input.LandedInputFormat;
import dev.silt.mapreduce.input.LandedRecord;
import java.io.IOException;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Counter;
import org.apache.hadoop.mapreduce.Mapper;

/**
 * The map side shared by every job over landed events: parses and validates each line and hands good events to
 * {@link #mapEvent}; reader faults and malformed lines go to the {@link Quarantine} with their reason, and are
 * counted. Nothing is dropped silently.
 */
public abstract class EventMapper<KO, VO> extends Mapper<LongWritable, LandedRecord, KO, VO> {
    private final EventParser parser = new EventParser();
    private Quarantine quarantine;
    // Looked up once: a counter lookup per record shows in profiles of the map side.
    private Counter read;
    private Counter valid;
    private Text currentLine;
    private long currentOffset;

    @Override
    protected void setup(Context context) throws IOException, InterruptedException {
        quarantine = new Quarantine(context);
        read = context.getCounter(RecordCounters.READ);
        valid = context.getCounter(RecordCounters.VALID);
    }

    @Override
    protected final void map(LongWritable offset, LandedRecord record, Context context)
            throws IOException, InterruptedException {
        read.increment(1);
        Text line = record.line();
        if (record.fault() != null) {
            quarantine.write(
                    record.fault(),
                    record.faultDetail(),
                    sourceFile(context),
                    offset.get(),
                    line.getBytes(),
                    line.getLength());
            return;
        }
        ClickEvent event;
        try {
            event = parser.parse(line.getBytes(), 0, line.getLength());
        } catch (MalformedRecordException e) {
            quarantine.write(
                    e.reason(), e.getMessage(), sourceFile(context), offset.get(), line.getBytes(), line.getLength());
            return;
        }
        valid.increment(1);
        currentLine = line;
        currentOffset = offset.get();
        mapEvent(event, context);
    }

    /** Called once per valid event; the event object is reused after this returns. */
    protected abstract void mapEvent(ClickEvent event, Context context) throws IOException, InterruptedException;

    /** The raw line of the event being mapped; valid only inside {@link #mapEvent}. */
    protected final Text currentLine() {
        return currentLine;
    }

    /** The byte offset of the event being mapped in its (decompressed) file; valid only inside {@link #mapEvent}. */
    protected final long currentOffset() {
        return currentOffset;
    }

    /**
     * Quarantines the event being mapped for a reason of the subclass's own (e.g. it does not fit an output schema).
     * Valid only inside {@link #mapEvent}.
     */
    protected final void reject(Reason reason, String detail, Context context)
            throws IOException, InterruptedException {
        // It was counted as valid when it parsed; it ends up quarantined instead, so read = valid + quarantined holds.
        valid.increment(-1);
        quarantine.write(
                reason, detail, sourceFile(context), currentOffset, currentLine.getBytes(), currentLine.getLength());
    }

    /** The quarantine of this task, for subclasses that reject events for their own reasons. */
    protected final Quarantine quarantine() {
        return quarantine;
    }

    protected static String sourceFile(org.apache.hadoop.mapreduce.TaskAttemptContext context) {
        return LandedInputFormat.currentFile(context.getConfiguration());
    }

    @Override
    protected void cleanup(Context context) throws IOException, InterruptedException {
        quarantine.close();
    }
}
