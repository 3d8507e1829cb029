package dev.silt.ingest.delivery;

import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The delivery contract on S3 through {@code s3a}, against s3proxy: commits write final names, never rename. */
class S3aDeliveryIT extends DeliveryContract {
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
    protected String baseUri() {
        return server.baseUri();
    }

    @Override
    protected Configuration hadoopConf() {
        return server.hadoopConf();
    }
}
