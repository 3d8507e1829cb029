package dev.silt.mapreduce.job;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.silt.mapreduce.MapReduceKeys;
import dev.silt.mapreduce.event.Reason;
import dev.silt.mapreduce.event.Utf8;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.TaskInputOutputContext;
import org.apache.hadoop.mapreduce.lib.output.MultipleOutputs;
import org.apache.hadoop.mapreduce.lib.output.TextOutputFormat;

/**
 * The quarantine output: one JSON line per unusable record under {@code <out>/_quarantine/}, committed with the job's
 * output. Each line says why ({@code reason}, {@code detail}), where from ({@code file}, {@code offset} in the
 * decompressed file) and what ({@code record}, or {@code record_base64} when the bytes are not UTF-8), cut to
 * {@link MapReduceKeys#QUARANTINE_RECORD_BYTES}. Not thread-safe; one per task.
 */
public final class Quarantine implements AutoCloseable {
    public static final String DIR = "_quarantine";
    static final String NAMED_OUTPUT = "quarantine";

    private final TaskInputOutputContext<?, ?, ?, ?> context;
    private final int keepBytes;
    private final JsonFactory json = JsonFactory.builder().build();
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(512);
    private final Text line = new Text();
    private MultipleOutputs<?, ?> outputs;

    /** Registers the quarantine output on a job. Call once while configuring it. */
    public static void configure(Job job) {
        MultipleOutputs.addNamedOutput(job, NAMED_OUTPUT, TextOutputFormat.class, NullWritable.class, Text.class);
    }

    public Quarantine(TaskInputOutputContext<?, ?, ?, ?> context) {
        this.context = context;
        this.keepBytes = (int)
                Math.min(Integer.MAX_VALUE, MapReduceKeys.QUARANTINE_RECORD_BYTES.getLong(context.getConfiguration()));
    }

    /** Writes one bad record and counts it. */
    public void write(Reason reason, String detail, String file, long offset, byte[] bytes, int length)
            throws IOException, InterruptedException {
        context.getCounter(RecordCounters.QUARANTINED).increment(1);
        context.getCounter(reason).increment(1);
        buffer.reset();
        try (JsonGenerator g = json.createGenerator(buffer)) {
            g.writeStartObject();
            g.writeStringField("reason", reason.code());
            g.writeStringField("detail", detail);
            g.writeStringField("file", file);
            g.writeNumberField("offset", offset);
            g.writeNumberField("length", length);
            int kept = Math.min(length, keepBytes);
            if (Utf8.isValid(bytes, 0, length)) {
                kept = charBoundary(bytes, kept, length);
                g.writeStringField("record", new String(bytes, 0, kept, StandardCharsets.UTF_8));
            } else {
                g.writeStringField("record_base64", Base64.getEncoder().encodeToString(copy(bytes, kept)));
            }
            if (kept < length) {
                g.writeBooleanField("record_cut", true);
            }
            g.writeEndObject();
        }
        line.set(buffer.toByteArray());
        outputs().write(NAMED_OUTPUT, NullWritable.get(), line, DIR + "/part");
    }

    private static byte[] copy(byte[] bytes, int length) {
        byte[] b = new byte[length];
        System.arraycopy(bytes, 0, b, 0, length);
        return b;
    }

    /**
     * Moves a cut back so that it does not split a UTF-8 sequence. Only bytes before {@code length} are the record's:
     * the buffer is reused, and what lies past the record is left over from a longer one.
     */
    private static int charBoundary(byte[] b, int cut, int length) {
        int c = cut;
        while (c > 0 && c < length && (b[c] & 0xC0) == 0x80) {
            c--;
        }
        return c;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private MultipleOutputs<?, ?> outputs() {
        if (outputs == null) {
            outputs = new MultipleOutputs(context);
        }
        return outputs;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (outputs != null) {
            outputs.close();
        }
    }
}
