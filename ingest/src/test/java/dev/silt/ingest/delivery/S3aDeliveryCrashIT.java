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
    protected Map<String, String> settings() {
        return server.s3aSettings();
    }

    /**
     * A child JVM that starts Hadoop and the AWS SDK takes ~9 s per cycle on a 2-core machine, so the default
     * run kills 12 times (about 2.5 minutes); {@code -Dsilt.crash.cycles=20} (or more) is the full fault test.
     */
    @Override
    protected int defaultCycles() {
        return 12;
    }

    @Override
    protected Path workDir() {
        return dir;
    }
}
