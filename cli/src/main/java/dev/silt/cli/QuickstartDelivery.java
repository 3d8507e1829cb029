package dev.silt.cli;

import dev.silt.ingest.consumer.ServiceStreamSource;
import dev.silt.ingest.delivery.DeliveryConfig;
import dev.silt.ingest.delivery.DeliveryMetrics;
import dev.silt.ingest.delivery.DeliveryStream;
import dev.silt.ingest.delivery.StreamDeliverySource;
import dev.silt.ingest.stream.FsyncPolicy;
import dev.silt.ingest.stream.ShardLogOptions;
import dev.silt.ingest.stream.StreamService;
import dev.silt.ingest.stream.StreamServiceOptions;
import dev.silt.ingest.stream.model.CreateStreamRequest;
import dev.silt.ingest.stream.model.PutRecordsRequest;
import dev.silt.ingest.stream.model.PutRecordsRequestEntry;
import dev.silt.ingest.stream.model.PutRecordsResponse;
import dev.silt.ingest.stream.model.PutRecordsResultEntry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * The ingest stage of the quickstart: puts generated event lines into an in-process silt stream, and a delivery
 * stream reading that stream's shards lands them under {@code <lake>/raw/yyyy/MM/dd/HH/} by the events' own
 * {@code ts} field, records that cannot be routed (malformed, no timestamp) under {@code <lake>/errors/}. The
 * MapReduce jobs then read the landed hours. Single-threaded; the stream's log lives in a local directory that
 * is removed afterwards.
 */
final class QuickstartDelivery {
    static final String STREAM = "clickstream";
    private static final int SHARDS = 2;
    private static final int PUT_BATCH = 500;

    /** What the stage did. */
    record Result(long put, long landed, long files, long errorRecords, long errorFiles, long bytes, double seconds) {}

    private QuickstartDelivery() {}

    /** The delivery's settings: event-time hours, one file per shard and hour, compressed as the user asked. */
    static Map<String, String> settings(String compression) {
        Map<String, String> conf = new HashMap<>();
        conf.put("silt.ingest.delivery.prefix", "raw/");
        conf.put("silt.ingest.delivery.error.prefix", "errors/!{firehose:error-output-type}/");
        conf.put("silt.ingest.delivery.time.field", "ts");
        // Generated events span past hours: none of them is "late" in a way worth reporting here.
        conf.put("silt.ingest.delivery.lateness.seconds", Integer.toString(7 * 24 * 3600));
        conf.put("silt.ingest.delivery.compression", compression);
        // Land on close (or when memory fills): one file per shard and hour rather than many small ones.
        conf.put("silt.ingest.delivery.buffer.size.mb", "128");
        conf.put("silt.ingest.delivery.buffer.interval.seconds", "900");
        conf.put("silt.ingest.delivery.idle.flush.seconds", "900");
        conf.put("silt.ingest.delivery.poll.records", "10000");
        conf.put("silt.ingest.delivery.metrics.interval.seconds", "0");
        conf.put("silt.ingest.delivery.progress.interval.seconds", "2");
        return conf;
    }

    /**
     * Puts every line of the files under {@code generated} (in path order) into a new stream and delivers it into
     * {@code lake}; {@code progress} receives the delivery's catch-up lines.
     */
    static Result run(Configuration conf, Path generated, Path lake, String compression, Consumer<String> progress)
            throws IOException {
        long began = System.nanoTime();
        java.nio.file.Path logDir = Files.createTempDirectory("silt-quickstart-stream");
        try {
            // The stream's log is scratch space here, so no fsync: the data is landed before the stage ends.
            StreamServiceOptions options = StreamServiceOptions.defaults()
                    .withoutDelays()
                    .withShardLogOptions(ShardLogOptions.defaults().withFsyncPolicy(FsyncPolicy.NONE));
            try (StreamService service = StreamService.open(logDir, options, Clock.systemUTC(), null)) {
                service.createStream(new CreateStreamRequest(STREAM, SHARDS, null, null));
                long put = putAll(service, conf, generated);
                DeliveryConfig config = DeliveryConfig.of(STREAM, settings(compression));
                StreamDeliverySource source = StreamDeliverySource.builder(new ServiceStreamSource(service), STREAM)
                        .build();
                DeliveryMetrics metrics;
                try (DeliveryStream delivery = DeliveryStream.builder(config, lake.toString())
                        .source(source)
                        .hadoopConf(conf)
                        .reportTo(progress)
                        .open()) {
                    metrics = delivery.metrics();
                    drain(delivery, put);
                }
                long landed = metrics.recordsOut() + metrics.errorRecords();
                if (landed != put) {
                    throw new IOException("the delivery landed " + landed + " of the " + put + " records put");
                }
                return new Result(
                        put,
                        metrics.recordsOut(),
                        metrics.filesOut(),
                        metrics.errorRecords(),
                        metrics.errorFiles(),
                        metrics.bytesOut(),
                        (System.nanoTime() - began) / 1e9);
            }
        } finally {
            deleteTree(logDir);
        }
    }

    /** Polls until every record put has been read; the delivery's close lands what is buffered. */
    private static void drain(DeliveryStream delivery, long put) throws IOException {
        long idleSince = System.nanoTime();
        while (delivery.metrics().recordsIn() < put) {
            if (delivery.runOnce() > 0) {
                idleSince = System.nanoTime();
            } else if (System.nanoTime() - idleSince > 60_000_000_000L) {
                throw new IOException("the delivery read " + delivery.metrics().recordsIn() + " of " + put
                        + " records and then nothing for 60 s");
            } else {
                // A shard that had nothing new is read again only after a short pause of the source's own.
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while delivering stream " + STREAM, e);
                }
            }
        }
    }

    private static long putAll(StreamService service, Configuration conf, Path generated) throws IOException {
        FileSystem fs = generated.getFileSystem(conf);
        List<Path> files = new ArrayList<>();
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(generated, true);
        while (it.hasNext()) {
            files.add(it.next().getPath());
        }
        files.sort(Comparator.naturalOrder());
        long put = 0;
        long key = 0;
        List<PutRecordsRequestEntry> batch = new ArrayList<>(PUT_BATCH);
        for (Path file : files) {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(fs.open(file), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    batch.add(new PutRecordsRequestEntry(
                            line.getBytes(StandardCharsets.UTF_8), null, Long.toString(key++ % 64)));
                    if (batch.size() == PUT_BATCH) {
                        put += send(service, batch);
                    }
                }
            }
        }
        if (!batch.isEmpty()) {
            put += send(service, batch);
        }
        return put;
    }

    /** Puts a batch, putting again the entries that failed (throttling), as a producer should. */
    private static int send(StreamService service, List<PutRecordsRequestEntry> batch) throws IOException {
        int sent = batch.size();
        List<PutRecordsRequestEntry> pending = new ArrayList<>(batch);
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            if (attempt == 10) {
                throw new IOException(pending.size() + " records could not be put into stream " + STREAM);
            }
            PutRecordsResponse res = service.putRecords(new PutRecordsRequest(STREAM, null, pending));
            List<PutRecordsRequestEntry> failed = new ArrayList<>();
            for (int i = 0; i < pending.size(); i++) {
                PutRecordsResultEntry r = res.records().get(i);
                if (r.errorCode() != null) {
                    failed.add(pending.get(i));
                }
            }
            pending = failed;
        }
        batch.clear();
        return sent;
    }

    private static void deleteTree(java.nio.file.Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (java.nio.file.Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
