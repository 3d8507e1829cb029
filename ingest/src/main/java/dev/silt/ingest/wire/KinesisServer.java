package dev.silt.ingest.wire;

import dev.silt.ingest.IngestKeys;
import dev.silt.ingest.consumer.ServiceStreamSource;
import dev.silt.ingest.delivery.DeliveryConfig;
import dev.silt.ingest.delivery.DeliverySource;
import dev.silt.ingest.delivery.DeliverySourceFactory;
import dev.silt.ingest.delivery.DeliveryStreams;
import dev.silt.ingest.delivery.KafkaDeliverySource;
import dev.silt.ingest.delivery.SourceSpec;
import dev.silt.ingest.delivery.StreamDeliverySource;
import dev.silt.ingest.stream.StreamException;
import dev.silt.ingest.stream.StreamService;
import dev.silt.ingest.stream.StreamServiceOptions;
import dev.silt.ingest.stream.model.DescribeStreamSummaryRequest;
import dev.silt.ingest.wire.internal.FirehoseOperations;
import dev.silt.ingest.wire.internal.FirehoseWire;
import dev.silt.ingest.wire.internal.KinesisWire;
import dev.silt.ingest.wire.internal.OperationHandler;
import dev.silt.ingest.wire.internal.ServerConfig;
import dev.silt.ingest.wire.internal.StreamOperations;
import dev.silt.ingest.wire.internal.WireServer;
import dev.silt.ingest.wire.internal.WireServerOptions;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import org.apache.hadoop.conf.Configuration;

/**
 * A Kinesis Data Streams endpoint over a {@link StreamService}: {@code POST /} with {@code X-Amz-Target:
 * Kinesis_20131202.<Operation>}, bodies in JSON 1.1 or CBOR 1.1 (answered in the request's own type), errors as the
 * service sends them. Point any AWS SDK or awscli at {@link #endpoint()}.
 *
 * <p>Configuration comes from the {@code silt.ingest.wire.*} keys of {@link IngestKeys}: listen address (default
 * 127.0.0.1; any other address requires {@code silt.ingest.wire.sigv4.verify=true} and credentials), port
 * (default 4567, 0 for an ephemeral one), threads, request queue bound and SigV4 verification. The largest
 * request body follows {@code silt.ingest.record.max.bytes}.
 *
 * <p>With a {@link DeliveryStreams} manager the same port also serves the Firehose API ({@code X-Amz-Target:
 * Firehose_20150804.<Operation>}, JSON 1.1): {@code PutRecord}, {@code PutRecordBatch}, {@code
 * CreateDeliveryStream}, {@code DeleteDeliveryStream}, {@code DescribeDeliveryStream}, {@code ListDeliveryStreams},
 * and silt's {@code StartDeliveryStream} / {@code StopDeliveryStream}. Point a Firehose client at {@link
 * #endpoint()} too.
 *
 * <p>Lifecycle: construct, {@link #start()} once, {@link #close()} once (idempotent). Closing stops accepting,
 * finishes and answers the operations already running, then closes the delivery streams (landing what they
 * accepted) and the service, each if this server opened it. Thread-safe.
 */
public final class KinesisServer implements Closeable {
    private final WireServer server;
    private final StreamService service;
    private final boolean ownsService;
    private final DeliveryStreams deliveries;
    private final boolean ownsDeliveries;

    private KinesisServer(WireServerOptions options, StreamService service, boolean ownsService) {
        this(options, service, ownsService, null, false, Map.of());
    }

    private KinesisServer(
            WireServerOptions options,
            StreamService service,
            boolean ownsService,
            DeliveryStreams deliveries,
            boolean ownsDeliveries,
            Map<String, String> conf) {
        Map<String, OperationHandler> handlers = new LinkedHashMap<>();
        handlers.put(KinesisWire.TARGET_PREFIX, new StreamOperations(service));
        if (deliveries != null) {
            handlers.put(
                    FirehoseWire.TARGET_PREFIX,
                    new FirehoseOperations(
                            deliveries,
                            IngestKeys.STREAM_REGION.getString(conf),
                            IngestKeys.STREAM_ACCOUNT.getString(conf)));
        }
        this.server = new WireServer(options, handlers);
        this.service = service;
        this.ownsService = ownsService;
        this.deliveries = deliveries;
        this.ownsDeliveries = ownsDeliveries;
    }

    /**
     * A server over the streams in {@code dataDir}, which it opens (and later closes) with the service options of
     * the same configuration and the system clock. Not yet listening: call {@link #start()}.
     *
     * @throws IllegalArgumentException for a bad configuration value, naming the key
     * @throws IOException if the data directory cannot be opened
     */
    public static KinesisServer open(Map<String, String> conf, Path dataDir) throws IOException {
        Clock clock = Clock.systemUTC();
        WireServerOptions options = ServerConfig.options(conf, clock);
        StreamService service = StreamService.open(dataDir, StreamServiceOptions.fromConfig(conf), clock);
        return new KinesisServer(options, service, true);
    }

    /**
     * A server over the streams in {@code dataDir} and the delivery streams defined in {@code deliveryDir}, both
     * opened (and later closed) by this server; delivery streams that were running start again before it listens.
     * Not yet listening: call {@link #start()}.
     *
     * @throws IllegalArgumentException for a bad configuration value, naming the key
     * @throws IOException if a directory cannot be opened
     */
    public static KinesisServer open(Map<String, String> conf, Path dataDir, Path deliveryDir) throws IOException {
        Clock clock = Clock.systemUTC();
        WireServerOptions options = ServerConfig.options(conf, clock);
        StreamService service = StreamService.open(dataDir, StreamServiceOptions.fromConfig(conf), clock);
        DeliveryStreams deliveries;
        try {
            deliveries =
                    DeliveryStreams.open(deliveryDir, conf, clock, new Configuration(), deliverySources(service, conf));
        } catch (IOException | RuntimeException e) {
            try {
                service.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        return new KinesisServer(options, service, true, deliveries, true, conf);
    }

    /**
     * How the server's delivery streams read {@code stream:} sources (the streams of this server's own service,
     * in process) and {@code kafka:} sources (a consumer group per delivery stream); both read with the server's
     * {@code silt.ingest.*} settings.
     */
    static List<DeliverySourceFactory> deliverySources(StreamService service, Map<String, String> conf) {
        DeliverySourceFactory stream = new DeliverySourceFactory() {
            @Override
            public SourceSpec.Kind kind() {
                return SourceSpec.Kind.STREAM;
            }

            @Override
            public DeliverySource open(SourceSpec spec, DeliveryConfig config) {
                try {
                    service.describeStreamSummary(new DescribeStreamSummaryRequest(spec.target(), null));
                } catch (StreamException e) {
                    throw new IllegalArgumentException(
                            "source " + spec + " cannot be read: " + e.getMessage() + " Create the stream first.", e);
                }
                return StreamDeliverySource.builder(new ServiceStreamSource(service), spec.target())
                        .configure(conf)
                        .build();
            }
        };
        DeliverySourceFactory kafka = new DeliverySourceFactory() {
            @Override
            public SourceSpec.Kind kind() {
                return SourceSpec.Kind.KAFKA;
            }

            @Override
            public DeliverySource open(SourceSpec spec, DeliveryConfig config) {
                return KafkaDeliverySource.builder(spec.target(), List.of(spec.topic()))
                        .configure(config.streamName(), conf)
                        .build();
            }
        };
        return List.of(stream, kafka);
    }

    /**
     * A server over a stream service and a delivery-stream manager the caller owns (and closes after this
     * server); {@code clock} judges signature skew. Not yet listening: call {@link #start()}.
     */
    public static KinesisServer over(
            StreamService service, DeliveryStreams deliveries, Map<String, String> conf, Clock clock) {
        return new KinesisServer(
                ServerConfig.options(conf, clock),
                Objects.requireNonNull(service),
                false,
                Objects.requireNonNull(deliveries),
                false,
                conf);
    }

    /**
     * A server over a service the caller owns (and closes after this server); {@code clock} judges signature
     * skew. Not yet listening: call {@link #start()}.
     */
    public static KinesisServer over(StreamService service, Map<String, String> conf, Clock clock) {
        return new KinesisServer(ServerConfig.options(conf, clock), Objects.requireNonNull(service), false);
    }

    /** Binds and starts serving; returns this server. */
    public KinesisServer start() throws IOException {
        server.start();
        return this;
    }

    /** The bound port (the chosen one when configured as 0). */
    public int port() {
        return server.address().getPort();
    }

    public InetSocketAddress address() {
        return server.address();
    }

    /** {@code http://host:port} for an SDK's {@code endpointOverride} or awscli's {@code --endpoint-url}. */
    public URI endpoint() {
        InetSocketAddress a = server.address();
        String host = a.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort());
    }

    /** The largest request body accepted; a larger one is answered with HTTP 413 and its connection closed. */
    public int maxRequestBytes() {
        return server.options().maxRequestBytes();
    }

    public StreamService service() {
        return service;
    }

    /** The delivery streams this server serves over the Firehose API, or {@code null} if it serves none. */
    public DeliveryStreams deliveryStreams() {
        return deliveries;
    }

    @Override
    public void close() throws IOException {
        server.close();
        try {
            if (ownsDeliveries) {
                // Before the service: stream sources read from it while the deliveries land their last files.
                deliveries.close();
            }
        } finally {
            if (ownsService) {
                service.close();
            }
        }
    }

    /**
     * Serves until the JVM shuts down (Ctrl-C, SIGTERM): opens the data directory, starts, prints one line with
     * the endpoint to {@code out}, and closes cleanly from a shutdown hook. For {@code silt stream serve}.
     */
    public static void serve(Map<String, String> conf, Path dataDir, PrintStream out)
            throws IOException, InterruptedException {
        serve(conf, dataDir, null, out);
    }

    /**
     * As {@link #serve(Map, Path, PrintStream)}, and also the delivery streams defined in {@code deliveryDir}
     * (none when it is null) over the Firehose API on the same port. For {@code silt server}.
     */
    public static void serve(Map<String, String> conf, Path dataDir, Path deliveryDir, PrintStream out)
            throws IOException, InterruptedException {
        KinesisServer server = (deliveryDir == null ? open(conf, dataDir) : open(conf, dataDir, deliveryDir)).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(
                () -> {
                    try {
                        server.close();
                    } catch (IOException e) {
                        System.getLogger(KinesisServer.class.getName())
                                .log(System.Logger.Level.ERROR, "closing the Kinesis server failed", e);
                    } finally {
                        stopped.countDown();
                    }
                },
                "silt-kinesis-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("silt Kinesis endpoint " + server.endpoint() + " serving " + dataDir.toAbsolutePath());
        if (server.deliveryStreams() != null) {
            out.println("silt Firehose endpoint " + server.endpoint() + " with "
                    + server.deliveryStreams().list().size() + " delivery stream(s) defined in "
                    + deliveryDir.toAbsolutePath());
        }
        out.flush();
        stopped.await();
    }

    /**
     * {@code KinesisServer --data-dir DIR [key=value …]}: {@link #serve} with the given configuration keys. Bad
     * arguments are an {@link IllegalArgumentException} naming the argument.
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        Map<String, String> conf = new LinkedHashMap<>();
        Path dataDir = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--data-dir") && i + 1 < args.length) {
                dataDir = Path.of(args[++i]);
            } else if (a.contains("=")) {
                String kv = a.startsWith("-D") ? a.substring(2) : a;
                int eq = kv.indexOf('=');
                conf.put(kv.substring(0, eq), kv.substring(eq + 1));
            } else {
                throw new IllegalArgumentException(
                        "unexpected argument '" + a + "'; usage: KinesisServer --data-dir DIR [key=value ...]");
            }
        }
        if (dataDir == null) {
            throw new IllegalArgumentException("--data-dir DIR is required");
        }
        serve(conf, dataDir, new PrintStream(System.out, true, StandardCharsets.UTF_8));
    }
}
