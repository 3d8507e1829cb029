package dev.silt.bench;

import dev.silt.ingest.delivery.DeliverySink;
import dev.silt.ingest.delivery.LandedObject;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.orc.OrcFile;
import org.apache.orc.Reader;
import org.apache.orc.RecordReader;

/**
 * The delivery benchmark's sink: notes the wall time at which each object became durable, counts the records
 * landed so far (the throughput), and afterwards reads every landed object back to check that each record id
 * landed exactly once and to measure each record's lag from its put to its object's landing.
 *
 * <p>{@link #landed} runs on the delivery's thread; the counters may be read from any thread.
 */
final class LandedLedger implements DeliverySink {
    private final Map<String, Long> landedAtMillis = new HashMap<>();
    private final List<String> order = new ArrayList<>();
    private volatile long records;
    private volatile long files;
    private volatile long lastLandedNanos;
    private volatile long errorRecords;

    @Override
    public synchronized void landed(LandedObject object) {
        if (object.errorOutput()) {
            errorRecords += Math.max(0, object.records());
            return;
        }
        if (landedAtMillis.putIfAbsent(object.uri(), System.currentTimeMillis()) == null) {
            order.add(object.uri());
            records += Math.max(0, object.records());
            files++;
            lastLandedNanos = System.nanoTime();
        }
    }

    long records() {
        return records;
    }

    long files() {
        return files;
    }

    long errorRecords() {
        return errorRecords;
    }

    long lastLandedNanos() {
        return lastLandedNanos;
    }

    /** What reading every landed object back found. */
    record Check(long distinct, long duplicates, long missing, long bytes, LatencyHistogram lag) {
        boolean exact() {
            return duplicates == 0 && missing == 0;
        }
    }

    /**
     * Reads every landed object: ids {@code 0 .. expected-1} must each appear once; lag is measured only for
     * records put at or after {@code lagFromMillis} (so a warm-up does not count).
     */
    synchronized Check check(Configuration conf, long expected, long lagFromMillis) throws IOException {
        byte[] seen = new byte[Math.toIntExact(expected)];
        long duplicates = 0;
        long distinct = 0;
        long bytes = 0;
        LatencyHistogram lag = new LatencyHistogram();
        for (String uri : order) {
            long landedAt = landedAtMillis.get(uri);
            Path path = new Path(uri);
            FileSystem fs = path.getFileSystem(conf);
            bytes += fs.getFileStatus(path).getLen();
            List<long[]> rows = uri.endsWith(".orc") ? readOrc(path, conf) : readLines(fs, path);
            for (long[] row : rows) {
                long id = row[0];
                if (id < 0 || id >= expected) {
                    throw new IllegalStateException("landed record id " + id + " was never put (in " + uri + ")");
                }
                if (seen[(int) id] == 0) {
                    seen[(int) id] = 1;
                    distinct++;
                } else {
                    duplicates++;
                }
                if (row[1] >= lagFromMillis) {
                    lag.recordNanos(Math.max(0, landedAt - row[1]) * 1_000_000L);
                }
            }
        }
        return new Check(distinct, duplicates, expected - distinct, bytes, lag);
    }

    private static List<long[]> readLines(FileSystem fs, Path path) throws IOException {
        List<long[]> out = new ArrayList<>();
        try (InputStream raw = new BufferedInputStream(fs.open(path), 1 << 16);
                InputStream in = path.getName().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw) {
            byte[] all = in.readAllBytes();
            int start = 0;
            for (int i = 0; i < all.length; i++) {
                if (all[i] == '\n') {
                    if (i > start) {
                        out.add(DeliveryPayloads.idAndTime(all, start, i));
                    }
                    start = i + 1;
                }
            }
            if (start < all.length) {
                throw new IllegalStateException("object " + path + " ends inside a line: "
                        + new String(all, start, Math.min(80, all.length - start), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static List<long[]> readOrc(Path path, Configuration conf) throws IOException {
        List<long[]> out = new ArrayList<>();
        Reader reader = OrcFile.createReader(path, OrcFile.readerOptions(conf));
        boolean[] include = new boolean[reader.getSchema().getMaximumId() + 1];
        include[0] = true;
        include[1] = true;
        include[2] = true;
        try (RecordReader rows = reader.rows(reader.options().include(include))) {
            VectorizedRowBatch batch = reader.getSchema().createRowBatch(4096);
            while (rows.nextBatch(batch)) {
                LongColumnVector ids = (LongColumnVector) batch.cols[0];
                LongColumnVector times = (LongColumnVector) batch.cols[1];
                for (int r = 0; r < batch.size; r++) {
                    int i = ids.isRepeating ? 0 : r;
                    int j = times.isRepeating ? 0 : r;
                    out.add(new long[] {ids.vector[i], times.vector[j]});
                }
            }
        }
        return out;
    }
}
