package dev.silt.ingest.wire;

import java.io.IOException;
import org.junit.jupiter.api.BeforeAll;

/** The SDK suite with the SDK's default protocol, CBOR. */
class KinesisSdkCborIT extends KinesisSdkSuite {
    @BeforeAll
    static void startCbor() throws IOException {
        start(true);
    }
}
