package dev.silt.bench;

/**
 * The silt stream server as the benchmark runs it in a child JVM: prints {@value #READY} and its port once it
 * listens on 127.0.0.1, and stops on SIGTERM.
 */
public final class SiltStreamServer {
    static final String READY = "silt stream listening on port";

    private SiltStreamServer() {}

    public static void main(String[] args) {
        throw new UnsupportedOperationException("the silt stream server is not part of this build yet");
    }
}
