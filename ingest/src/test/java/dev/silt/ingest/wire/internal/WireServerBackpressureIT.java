package dev.silt.ingest.wire.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.silt.ingest.wire.RawHttp;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One worker and a queue of one: while an operation blocks (as on a slow fsync), one more request waits and the
 * next is answered at once with 503 ServiceUnavailableException; once the block clears, both waiting requests are
 * answered and the server serves normally again.
 */
class WireServerBackpressureIT {
    @Test
    @Timeout(60)
    void aFullWorkerQueueIs503AndTheServerRecovers() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Semaphore started = new Semaphore(0);
        OperationHandler blocking = (operation, request) -> {
            if (operation.equals("Block")) {
                started.release();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            return JsonNodeFactory.instance.objectNode().put("Op", operation);
        };
        WireServer server = new WireServer(
                new WireServerOptions(InetAddress.getLoopbackAddress(), 0, 1, 1, 1, 1 << 16, null), blocking);
        server.start();
        ExecutorService clients = Executors.newFixedThreadPool(2);
        try {
            List<Future<RawHttp.Response>> waiting = new ArrayList<>();
            waiting.add(clients.submit(() -> post(server, "Block")));
            assertTrue(started.tryAcquire(20, TimeUnit.SECONDS), "the first operation runs");
            waiting.add(clients.submit(() -> post(server, "Queued")));
            // The queued request is accepted once the queue holds it; poll until the third one is refused.
            RawHttp.Response refused = null;
            for (int i = 0; i < 200 && refused == null; i++) {
                RawHttp.Response r = post(server, "Extra");
                if (r.status() == 503) {
                    refused = r;
                } else {
                    Thread.sleep(10); // the queued request has not reached the queue yet
                }
            }
            assertTrue(refused != null, "a request beyond the queue is refused");
            assertTrue(refused.text().contains("ServiceUnavailableException"), refused.text());
            release.countDown();
            for (Future<RawHttp.Response> f : waiting) {
                assertEquals(200, f.get(20, TimeUnit.SECONDS).status());
            }
            assertEquals(200, post(server, "After").status());
        } finally {
            release.countDown();
            clients.shutdownNow();
            server.close();
        }
    }

    private static RawHttp.Response post(WireServer server, String operation) throws IOException {
        try (RawHttp http = new RawHttp(server.address())) {
            return http.post(
                    KinesisWire.TARGET_PREFIX + operation,
                    KinesisWire.JSON_CONTENT_TYPE,
                    "{}".getBytes(StandardCharsets.UTF_8));
        }
    }
}
