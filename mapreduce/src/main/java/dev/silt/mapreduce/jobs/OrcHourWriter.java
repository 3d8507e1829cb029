package dev.silt.mapreduce.jobs;

import dev.silt.mapreduce.event.ClickEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.TimestampColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.orc.OrcFile;
import org.apache.orc.TypeDescription;
import org.apache.orc.Writer;

/**
 * Writes events into Hive-style hour partitions, {@code <dir>/dt=yyyy-MM-dd/hr=HH/<file>}, with orc-core's
 * {@link Writer}. Events must arrive grouped by hour (the ETL shuffle sorts them by time), so only one file is open at a
 * time: a reducer's memory holds one stripe, however many hours it writes.
 *
 * <p>Timestamps are written as UTC ({@code useUTCTimestamp}), so the file's {@code timestamp} values read back as the
 * UTC wall-clock time of {@code ts} whatever the writer's or reader's time zone. Not thread-safe; the caller closes it.
 */
final class OrcHourWriter implements AutoCloseable {
    /** The ORC schema of the clickstream table; {@code dt} and {@code hr} are partition folders, not columns. */
    static final TypeDescription SCHEMA = TypeDescription.fromString("struct<ts:timestamp,user:string,session:string,"
            + "method:string,url:string,referrer:string,status:int,bytes:bigint,latency_ms:int,country:string,"
            + "ua:string>");

    private static final DateTimeFormatter PARTITION =
            DateTimeFormatter.ofPattern("'dt='yyyy-MM-dd'/hr='HH", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final long HOUR_MILLIS = 3_600_000L;

    private final Configuration conf;
    private final Path dir;
    private final String fileName;
    private final VectorizedRowBatch batch = SCHEMA.createRowBatch();
    private Writer writer;
    private long hour = Long.MIN_VALUE;
    private long files;

    OrcHourWriter(Configuration conf, Path dir, String fileName) {
        this.conf = conf;
        this.dir = dir;
        this.fileName = fileName;
        ((TimestampColumnVector) batch.cols[0]).setIsUTC(true);
    }

    /** The partition folder of an instant, {@code dt=yyyy-MM-dd/hr=HH} (UTC). */
    static String partition(long tsMillis) {
        return PARTITION.format(Instant.ofEpochMilli(tsMillis));
    }

    /** The hour of an instant, as hours since the epoch. */
    static long hourOf(long tsMillis) {
        return Math.floorDiv(tsMillis, HOUR_MILLIS);
    }

    void write(ClickEvent e) throws IOException {
        long h = hourOf(e.tsMillis());
        if (h != hour) {
            closeFile();
            hour = h;
            writer = OrcFile.createWriter(
                    new Path(new Path(dir, partition(e.tsMillis())), fileName),
                    OrcFile.writerOptions(conf).setSchema(SCHEMA).useUTCTimestamp(true));
            files++;
        }
        int row = batch.size++;
        TimestampColumnVector ts = (TimestampColumnVector) batch.cols[0];
        ts.time[row] = e.tsMillis();
        ts.nanos[row] = (int) Math.floorMod(e.tsMillis(), 1000L) * 1_000_000;
        string(1, row, e.user());
        string(2, row, e.session());
        string(3, row, e.method());
        string(4, row, e.url());
        string(5, row, e.referrer());
        ((LongColumnVector) batch.cols[6]).vector[row] = e.status();
        ((LongColumnVector) batch.cols[7]).vector[row] = e.bytes();
        ((LongColumnVector) batch.cols[8]).vector[row] = e.latencyMs();
        string(9, row, e.country());
        string(10, row, e.ua());
        if (batch.size == batch.getMaxSize()) {
            flush();
        }
    }

    private void string(int col, int row, String value) {
        BytesColumnVector v = (BytesColumnVector) batch.cols[col];
        if (value == null) {
            v.noNulls = false;
            v.isNull[row] = true;
            return;
        }
        v.isNull[row] = false;
        v.setVal(row, value.getBytes(StandardCharsets.UTF_8));
    }

    private void flush() throws IOException {
        if (batch.size > 0) {
            writer.addRowBatch(batch);
            batch.reset();
            ((TimestampColumnVector) batch.cols[0]).setIsUTC(true);
        }
    }

    private void closeFile() throws IOException {
        if (writer != null) {
            flush();
            writer.close();
            writer = null;
        }
    }

    /** Files opened so far. */
    long files() {
        return files;
    }

    @Override
    public void close() throws IOException {
        closeFile();
    }
}
