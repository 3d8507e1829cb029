package dev.silt.ingest.delivery;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * The child process of the crash tests: delivers a {@link SequenceSource} into a destination until the source is
 * exhausted, landing a file on every poll, and prints {@code started} once reconciled and {@code done} at the end.
 * The parent kills it with SIGKILL at random points and starts it again.
 *
 * <p>Arguments: destination URI, stream name, partitions, records per partition, then Hadoop settings as
 * {@code key=value}.
 */
public final class CrashingDelivery {
    private CrashingDelivery() {}

    public static void main(String[] args) throws Exception {
        String destination = args[0];
        String stream = args[1];
        int partitions = Integer.parseInt(args[2]);
        long perPartition = Long.parseLong(args[3]);
        Configuration hadoop = new Configuration();
        for (int i = 4; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            hadoop.set(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        Map<String, String> conf = new HashMap<>();
        conf.put("silt.ingest.delivery.buffer.interval.seconds", "0");
        conf.put("silt.ingest.delivery.poll.records", "30");
        conf.put("silt.ingest.delivery.prefix", "crash/");
        SequenceSource source = new SequenceSource(partitions, perPartition, 1_000);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (DeliveryStream delivery = DeliveryStream.builder(DeliveryConfig.of(stream, conf), destination)
                .source(source)
                .hadoopConf(hadoop)
                .open()) {
            out.println("started");
            while (!source.exhausted()) {
                delivery.runOnce();
            }
            delivery.flushAll();
        }
        out.println("done");
    }
}
