package dev.silt.ingest.stream;

import dev.silt.ingest.stream.ShardLog.Entry;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The child process of {@link ShardLogCrashIT}: appends batches from several threads to the shard log in
 * {@code args[0]} (payloads prefixed with {@code args[1]}) and prints {@code ack <sequence> <payload> end} for every acknowledged record, until it is
 * killed (or gives up after a minute so that a lost parent never leaves it running).
 */
public final class CrashingAppender {
    private CrashingAppender() {}

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        long deadline = System.nanoTime() + 60_000_000_000L;
        try (ShardLog log = ShardLog.open(
                Path.of(args[0]), ShardLogOptions.defaults().withSegmentBytes(256 * 1024), Clock.systemUTC())) {
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                Thread worker = new Thread(() -> {
                    try {
                        for (long n = 0; System.nanoTime() < deadline; n++) {
                            List<Entry> batch = new ArrayList<>();
                            for (int i = 0; i < 10; i++) {
                                String payload = args[1] + "-t" + thread + "-" + n + "-" + i;
                                batch.add(new Entry("key-" + thread, payload.getBytes(StandardCharsets.UTF_8)));
                            }
                            long[] seqs = log.append(batch);
                            synchronized (out) {
                                for (int i = 0; i < seqs.length; i++) {
                                    out.println("ack " + seqs[i] + " " + args[1] + "-t" + thread + "-" + n + "-" + i
                                            + " end");
                                }
                                out.flush();
                            }
                        }
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                });
                worker.start();
                threads.add(worker);
            }
            for (Thread worker : threads) {
                worker.join();
            }
        }
    }
}
