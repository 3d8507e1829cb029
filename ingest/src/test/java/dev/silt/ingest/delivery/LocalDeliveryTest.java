package dev.silt.ingest.delivery;

import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.io.TempDir;

/** The delivery contract on the local file system ({@code file://}). */
class LocalDeliveryTest extends DeliveryContract {
    @TempDir
    static Path dir;

    @Override
    protected String baseUri() {
        return dir.toUri().toString();
    }

    @Override
    protected Configuration hadoopConf() {
        return new Configuration();
    }
}
