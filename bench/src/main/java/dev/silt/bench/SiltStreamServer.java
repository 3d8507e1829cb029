package dev.silt.bench;

import dev.silt.ingest.IngestKeys;
import dev.silt.ingest.wire.KinesisServer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * silt's Kinesis server as the stream benchmark runs it in a child JVM: {@link KinesisServer} over a data
 * directory with its default configuration, except an ephemeral port, the given fsync policy and any
 * {@code key=value} pairs given after the options. Prints {@value #READY} and the port once it listens on 127.0.0.1;
 * stops cleanly on SIGTERM.
 *
 * <p>Usage: {@code SiltStreamServer --data DIR --fsync SYNC_EACH_BATCH|NONE [key=value ...]}
 */
public final class SiltStreamServer {
    static final String READY = "silt stream listening on port";

    private SiltStreamServer() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put(IngestKeys.WIRE_PORT.key(), "0");
        Path data = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--data") && i + 1 < args.length) {
                data = Path.of(args[++i]);
            } else if (a.equals("--fsync") && i + 1 < args.length) {
                conf.put(IngestKeys.FSYNC_POLICY.key(), args[++i]);
            } else if (a.indexOf('=') > 0) {
                conf.put(a.substring(0, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
            } else {
                throw new IllegalArgumentException("unexpected argument '" + a
                        + "'; usage: SiltStreamServer --data DIR --fsync SYNC_EACH_BATCH|NONE [key=value ...]");
            }
        }
        if (data == null) {
            throw new IllegalArgumentException("--data DIR is required");
        }
        KinesisServer server = KinesisServer.open(conf, data).start();
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            try {
                                server.close();
                            } catch (IOException e) {
                                e.printStackTrace();
                            } finally {
                                closed.countDown();
                            }
                        },
                        "silt-stream-bench-shutdown"));
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        out.println(READY + " " + server.port() + " (" + conf + ")");
        closed.await();
    }
}
