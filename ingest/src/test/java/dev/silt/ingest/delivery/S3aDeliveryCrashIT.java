package dev.silt.ingest.delivery;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** SIGKILL crash test of a delivery into S3 through s3a: s3proxy in this JVM, the delivery in a child JVM. */
class S3aDeliveryCrashIT extends DeliveryCrashContract {
    @TempDir
    static Path dir;

    private static S3ProxyServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3ProxyServer.start(dir.resolve("s3"));
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected String destination() {
        return server.baseUri() + "lake/raw/";
    }

    @Override
    protected String warmupDestination() {
        return server.baseUri() + "warmup/";
    }

    @Override
    protected Map<String, String> settings() {
        return server.s3aSettings();
    }

    @Override
    protected Path workDir() {
        return dir;
    }
}
