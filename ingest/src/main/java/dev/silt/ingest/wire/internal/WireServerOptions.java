package dev.silt.ingest.wire.internal;

import java.net.InetAddress;

/**
 * How the wire server listens and works: address and port (0 for an ephemeral one), event-loop and worker
 * threads, the worker queue's bound, the largest request body, and the SigV4 verifier (null: signatures are
 * accepted unchecked).
 */
public record WireServerOptions(
        InetAddress bindAddress,
        int port,
        int ioThreads,
        int workerThreads,
        int queueCapacity,
        int maxRequestBytes,
        SigV4Verifier verifier) {
    public WireServerOptions {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
        if (ioThreads < 1 || workerThreads < 1 || queueCapacity < 1 || maxRequestBytes < 1) {
            throw new IllegalArgumentException("thread counts, queue capacity and request size must be positive");
        }
        if (!bindAddress.isLoopbackAddress() && verifier == null) {
            throw new IllegalArgumentException("refusing to listen on " + bindAddress.getHostAddress()
                    + " without signature verification: anyone who can reach it could read and write every"
                    + " stream; enable silt.ingest.wire.sigv4.verify with silt.ingest.wire.credentials, or bind"
                    + " to 127.0.0.1");
        }
    }
}
