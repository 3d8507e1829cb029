package dev.silt.ingest.wire;

import java.io.IOException;
import org.junit.jupiter.api.BeforeAll;

/** The SDK suite with JSON 1.1, as the SDK sends it with {@code aws.cborEnabled=false} (and as awscli does). */
class KinesisSdkJsonIT extends KinesisSdkSuite {
    @BeforeAll
    static void startJson() throws IOException {
        start(false);
    }
}
