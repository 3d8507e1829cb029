package dev.silt.ingest.wire.internal;

import dev.silt.ingest.IngestKeys;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/** Reads the wire server's options from the ingest configuration keys. */
public final class ServerConfig {
    /** Kinesis caps a PutRecords request at 5 MiB; a single larger record raises the cap to its size. */
    static final long MIN_PAYLOAD_BYTES = 5L * 1024 * 1024;
    /** Room for partition keys, explicit hash keys, member names and the stream name around the data. */
    static final long ENVELOPE_BYTES = 1024L * 1024;

    private ServerConfig() {}

    public static WireServerOptions options(Map<String, String> conf, Clock clock) {
        String host = IngestKeys.WIRE_BIND_ADDRESS.getString(conf);
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(
                    IngestKeys.WIRE_BIND_ADDRESS.key() + " names an unknown host: " + host, e);
        }
        SigV4Verifier verifier = null;
        if (parseBoolean(IngestKeys.WIRE_SIGV4_VERIFY, conf)) {
            Map<String, String> credentials =
                    SigV4Verifier.parseCredentials(IngestKeys.WIRE_CREDENTIALS.getString(conf));
            if (credentials.isEmpty()) {
                throw new IllegalArgumentException(IngestKeys.WIRE_SIGV4_VERIFY.key() + " is true but "
                        + IngestKeys.WIRE_CREDENTIALS.key() + " lists no ACCESS_KEY:SECRET pair");
            }
            verifier = new SigV4Verifier(
                    credentials, Duration.ofSeconds(IngestKeys.WIRE_MAX_CLOCK_SKEW_SECONDS.getLong(conf)), clock);
        }
        return new WireServerOptions(
                address,
                (int) IngestKeys.WIRE_PORT.getLong(conf),
                (int) IngestKeys.WIRE_IO_THREADS.getLong(conf),
                (int) IngestKeys.WIRE_WORKER_THREADS.getLong(conf),
                (int) IngestKeys.WIRE_QUEUE_CAPACITY.getLong(conf),
                maxRequestBytes(IngestKeys.MAX_RECORD_BYTES.getLong(conf)),
                verifier);
    }

    /**
     * The largest request body: the largest PutRecords payload, grown by a third for JSON's base64, plus the
     * envelope. 7.7 MiB for the default 1 MiB records, 14.3 MiB for 10 MiB records.
     */
    static int maxRequestBytes(long maxRecordBytes) {
        long payload = Math.max(MIN_PAYLOAD_BYTES, maxRecordBytes);
        return Math.toIntExact((payload + 2) / 3 * 4 + ENVELOPE_BYTES);
    }

    private static boolean parseBoolean(IngestKeys key, Map<String, String> conf) {
        String raw = key.getString(conf).toLowerCase(Locale.ROOT);
        switch (raw) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                throw new IllegalArgumentException(key.key() + " must be true or false, got '" + raw + "'");
        }
    }
}
