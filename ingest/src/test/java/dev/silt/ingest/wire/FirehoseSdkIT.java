package dev.silt.ingest.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.silt.ingest.MutableClock;
import dev.silt.ingest.delivery.DeliveryStreams;
import dev.silt.ingest.stream.StreamService;
import dev.silt.ingest.stream.StreamServiceOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.CompressionFormat;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamDescription;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamType;
import software.amazon.awssdk.services.firehose.model.ExtendedS3DestinationDescription;
import software.amazon.awssdk.services.firehose.model.FirehoseException;
import software.amazon.awssdk.services.firehose.model.InvalidArgumentException;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponseEntry;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.firehose.model.ResourceInUseException;
import software.amazon.awssdk.services.firehose.model.ResourceNotFoundException;
import software.amazon.awssdk.services.firehose.model.ServiceUnavailableException;

/**
 * The real AWS SDK v2 Firehose client against the wire server's Firehose API. Delivery streams here do not run in
 * the background: the test lands records by stopping a stream, and fills its direct-put buffer by not polling it.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FirehoseSdkIT {
    @TempDir
    static Path tmp;

    private static StreamService service;
    private static DeliveryStreams deliveries;
    private static KinesisServer server;
    private static FirehoseClient firehose;

    @BeforeAll
    static void start() throws IOException {
        MutableClock clock = new MutableClock(1_790_000_000_000L);
        Map<String, String> conf = Map.of("silt.ingest.wire.port", "0");
        service = StreamService.open(tmp.resolve("streams"), StreamServiceOptions.defaults(), clock, null);
        deliveries = DeliveryStreams.open(tmp.resolve("delivery"), conf, clock, new Configuration(), List.of(), false);
        server = KinesisServer.over(service, deliveries, conf, clock).start();
        firehose = client(server.endpoint(), 1, null);
    }

    @AfterAll
    static void stop() throws IOException {
        if (firehose != null) {
            firehose.close();
        }
        if (server != null) {
            server.close();
        }
        if (deliveries != null) {
            deliveries.close();
        }
        if (service != null) {
            service.close();
        }
    }

    private static FirehoseClient client(URI endpoint, int attempts, ExecutionInterceptor interceptor) {
        return FirehoseClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(o -> {
                    o.retryStrategy(b -> b.maxAttempts(attempts));
                    if (interceptor != null) {
                        o.addExecutionInterceptor(interceptor);
                    }
                })
                .build();
    }

    /** A direct-put stream landing uncompressed JSON lines in its own directory. */
    private static Path create(String name, Map<String, String> settings) {
        Path dest = tmp.resolve("lake-" + name);
        firehose.createDeliveryStream(b -> b.deliveryStreamName(name)
                .deliveryStreamType(DeliveryStreamType.DIRECT_PUT)
                .extendedS3DestinationConfiguration(
                        d -> d.bucketARN(dest.toUri().toString())
                                .compressionFormat(CompressionFormat.UNCOMPRESSED)
                                .bufferingHints(h -> h.sizeInMBs(64).intervalInSeconds(900))));
        if (!settings.isEmpty()) {
            // The SDK cannot send silt's own members; the manager takes them directly.
            try {
                deliveries.delete(name);
                deliveries.create(
                        name,
                        dest.toUri().toString(),
                        dev.silt.ingest.delivery.SourceSpec.DIRECT_PUT,
                        withNone(settings),
                        true);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return dest;
    }

    private static Map<String, String> withNone(Map<String, String> settings) {
        Map<String, String> all = new java.util.HashMap<>(settings);
        all.put("silt.ingest.delivery.compression", "NONE");
        all.put("silt.ingest.delivery.buffer.size.mb", "64");
        all.put("silt.ingest.delivery.buffer.interval.seconds", "900");
        return all;
    }

    /** Every line of every landed data file under {@code dest} (state and error output left out). */
    private static List<String> landed(Path dest) throws IOException {
        if (!Files.exists(dest)) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dest)) {
            for (Path f : files.filter(Files::isRegularFile)
                    .filter(f -> !dest.relativize(f).toString().startsWith("_delivery"))
                    .filter(f -> !dest.relativize(f).toString().startsWith("errors"))
                    .sorted()
                    .collect(Collectors.toList())) {
                lines.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
            }
        }
        return lines;
    }

    private static Record record(String text) {
        return Record.builder().data(SdkBytes.fromUtf8String(text)).build();
    }

    private static List<String> events(String tag, int count) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add("{\"tag\":\"" + tag + "\",\"n\":" + i + ",\"text\":\"é ✓\"}");
        }
        return out;
    }

    @Test
    void putRecordAndBatchLandExactlyTheRecords() throws IOException {
        Path dest = create("clicks", Map.of());
        List<String> expected = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (String e : events("single", 3)) {
            String id = firehose.putRecord(b -> b.deliveryStreamName("clicks").record(record(e)))
                    .recordId();
            assertNotNull(id);
            assertTrue(ids.add(id), "record ids are unique");
            expected.add(e);
        }
        List<String> batch = events("batch", 500);
        PutRecordBatchResponse r = firehose.putRecordBatch(b -> b.deliveryStreamName("clicks")
                .records(batch.stream().map(FirehoseSdkIT::record).collect(Collectors.toList())));
        assertEquals(0, r.failedPutCount());
        assertFalse(r.encrypted());
        assertEquals(500, r.requestResponses().size());
        for (PutRecordBatchResponseEntry e : r.requestResponses()) {
            assertNull(e.errorCode());
            assertTrue(ids.add(e.recordId()), "record ids are unique");
        }
        expected.addAll(batch);

        deliveries.stop("clicks");
        assertEquals(expected, landed(dest), "every record once, in the order put");
        DeliveryStreamDescription d = firehose.describeDeliveryStream(b -> b.deliveryStreamName("clicks"))
                .deliveryStreamDescription();
        assertEquals("STOPPED", d.deliveryStreamStatusAsString());
        assertEquals(503, deliveries.describe("clicks").metrics().recordsOut());
        assertThrows(
                ResourceInUseException.class,
                () -> firehose.putRecord(b -> b.deliveryStreamName("clicks").record(record("{}"))));
        assertEquals(expected, landed(dest), "a refused put lands nothing");
    }

    @Test
    void anOversizeRecordFailsAloneAndTheOthersLandOnce() throws IOException {
        Path dest = create("partial", Map.of());
        String big = "x".repeat(1000 * 1024 + 1);
        List<Record> records = List.of(record("{\"n\":1}"), record(big), record("{\"n\":3}"));
        PutRecordBatchResponse r =
                firehose.putRecordBatch(b -> b.deliveryStreamName("partial").records(records));
        assertEquals(1, r.failedPutCount());
        List<PutRecordBatchResponseEntry> e = r.requestResponses();
        assertEquals(3, e.size());
        assertNotNull(e.get(0).recordId());
        assertEquals("InvalidArgumentException", e.get(1).errorCode());
        assertTrue(e.get(1).errorMessage().contains("1,024,001 bytes"), e.get(1).errorMessage());
        assertNull(e.get(1).recordId());
        assertNotNull(e.get(2).recordId());
        // A single oversize put is an error of its own, and accepts nothing.
        InvalidArgumentException single = assertThrows(
                InvalidArgumentException.class,
                () -> firehose.putRecord(b -> b.deliveryStreamName("partial").record(record(big))));
        assertEquals(400, single.statusCode());
        deliveries.stop("partial");
        assertEquals(List.of("{\"n\":1}", "{\"n\":3}"), landed(dest));
    }

    @Test
    void aFullBufferAnswers503AndTheSdkRetryLandsEachRecordOnce() throws Exception {
        Path dest = create("full", Map.of("silt.ingest.delivery.direct.put.capacity.mb", "1"));
        String chunk = "y".repeat(400 * 1024);
        List<String> expected = new ArrayList<>();
        // Nothing polls the source: two records fit in 1 MiB, the third is refused in its entry.
        PutRecordBatchResponse r = firehose.putRecordBatch(b ->
                b.deliveryStreamName("full").records(record("a" + chunk), record("b" + chunk), record("c" + chunk)));
        assertEquals(1, r.failedPutCount());
        assertEquals("ServiceUnavailableException", r.requestResponses().get(2).errorCode());
        expected.add("a" + chunk);
        expected.add("b" + chunk);

        ServiceUnavailableException refused = assertThrows(
                ServiceUnavailableException.class,
                () -> firehose.putRecord(b -> b.deliveryStreamName("full").record(record("c" + chunk))));
        assertEquals(503, refused.statusCode());

        // With retries (the SDK's default strategy retries 503), the put succeeds once the buffer drains.
        List<Integer> statuses = new CopyOnWriteArrayList<>();
        ExecutionInterceptor seen = new ExecutionInterceptor() {
            @Override
            public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
                statuses.add(context.httpResponse().statusCode());
            }
        };
        try (FirehoseClient retrying = client(server.endpoint(), 50, seen)) {
            CompletableFuture<String> put = CompletableFuture.supplyAsync(
                    () -> retrying.putRecord(b -> b.deliveryStreamName("full").record(record("c" + chunk)))
                            .recordId());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!statuses.contains(503) && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertTrue(statuses.contains(503), "the first attempt met a full buffer");
            deliveries.runOnce("full");
            assertNotNull(put.get(30, TimeUnit.SECONDS));
            assertEquals(200, statuses.get(statuses.size() - 1));
        }
        expected.add("c" + chunk);
        deliveries.stop("full");
        assertEquals(expected, landed(dest), "each record exactly once");
    }

    @Test
    void unknownStreamsAreResourceNotFound() {
        ResourceNotFoundException e = assertThrows(
                ResourceNotFoundException.class,
                () -> firehose.putRecord(b -> b.deliveryStreamName("nope").record(record("{}"))));
        assertTrue(e.awsErrorDetails().errorMessage().contains("nope"), e::getMessage);
        assertThrows(
                ResourceNotFoundException.class,
                () -> firehose.putRecordBatch(b -> b.deliveryStreamName("nope").records(record("{}"))));
        assertThrows(
                ResourceNotFoundException.class,
                () -> firehose.describeDeliveryStream(b -> b.deliveryStreamName("nope")));
        assertThrows(
                ResourceNotFoundException.class,
                () -> firehose.deleteDeliveryStream(b -> b.deliveryStreamName("nope")));
    }

    @Test
    void badBatchesAreRefusedWholeAndAcceptNothing() throws IOException {
        Path dest = create("limits", Map.of());
        List<Record> tooMany = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            tooMany.add(record("{\"n\":" + i + "}"));
        }
        InvalidArgumentException many = assertThrows(
                InvalidArgumentException.class,
                () -> firehose.putRecordBatch(
                        b -> b.deliveryStreamName("limits").records(tooMany)));
        assertTrue(many.awsErrorDetails().errorMessage().contains("501"), many::getMessage);
        // Five records of the largest size: each is fine, together they pass the 4 MiB of a batch.
        String largest = "z".repeat(1000 * 1024);
        List<Record> tooBig =
                List.of(record(largest), record(largest), record(largest), record(largest), record(largest));
        assertThrows(
                InvalidArgumentException.class,
                () -> firehose.putRecordBatch(
                        b -> b.deliveryStreamName("limits").records(tooBig)));
        firehose.putRecord(b -> b.deliveryStreamName("limits").record(record("{\"ok\":true}")));
        deliveries.stop("limits");
        assertEquals(List.of("{\"ok\":true}"), landed(dest));
    }

    @Test
    void malformedBodiesAreSerializationOrInvalidArgumentErrors() throws IOException {
        create("raw", Map.of());
        try (RawHttp http = new RawHttp(server.address())) {
            String json = "application/x-amz-json-1.1";
            RawHttp.Response bad = http.post(
                    "Firehose_20150804.PutRecordBatch",
                    json,
                    "{\"DeliveryStreamName\":".getBytes(StandardCharsets.UTF_8));
            assertEquals(400, bad.status());
            assertTrue(bad.text().contains("SerializationException"), bad::text);
            RawHttp.Response notBase64 = http.post(
                    "Firehose_20150804.PutRecord",
                    json,
                    "{\"DeliveryStreamName\":\"raw\",\"Record\":{\"Data\":\"***\"}}".getBytes(StandardCharsets.UTF_8));
            assertEquals(400, notBase64.status());
            assertTrue(notBase64.text().contains("SerializationException"), notBase64::text);
            RawHttp.Response wrongType = http.post(
                    "Firehose_20150804.PutRecordBatch",
                    json,
                    "{\"DeliveryStreamName\":\"raw\",\"Records\":\"x\"}".getBytes(StandardCharsets.UTF_8));
            assertTrue(wrongType.text().contains("SerializationException"), wrongType::text);
            RawHttp.Response noName =
                    http.post("Firehose_20150804.PutRecord", json, "{}".getBytes(StandardCharsets.UTF_8));
            assertEquals(400, noName.status());
            assertTrue(noName.text().contains("InvalidArgumentException"), noName::text);
            RawHttp.Response noRecord = http.post(
                    "Firehose_20150804.PutRecord",
                    json,
                    "{\"DeliveryStreamName\":\"raw\"}".getBytes(StandardCharsets.UTF_8));
            assertTrue(noRecord.text().contains("InvalidArgumentException"), noRecord::text);
            RawHttp.Response unknown =
                    http.post("Firehose_20150804.UpdateDestination", json, "{}".getBytes(StandardCharsets.UTF_8));
            assertTrue(unknown.text().contains("UnknownOperationException"), unknown::text);
            RawHttp.Response good = http.post(
                    "Firehose_20150804.PutRecord",
                    json,
                    "{\"DeliveryStreamName\":\"raw\",\"Record\":{\"Data\":\"eyJvayI6MX0=\"}}"
                            .getBytes(StandardCharsets.UTF_8));
            assertEquals(200, good.status(), good::text);
            assertTrue(good.text().contains("\"RecordId\""), good::text);
        }
        deliveries.stop("raw");
        assertEquals(List.of("{\"ok\":1}"), landed(tmp.resolve("lake-raw")), "only the good record landed");
    }

    @Test
    void createDescribeListAndDelete() throws IOException {
        Path dest = tmp.resolve("lake-admin");
        String arn = firehose.createDeliveryStream(
                        b -> b.deliveryStreamName("admin").extendedS3DestinationConfiguration(d -> d.bucketARN(
                                        dest.toUri().toString())
                                .prefix("raw/!{timestamp:yyyy/MM/dd}/")
                                .errorOutputPrefix("bad/!{firehose:error-output-type}/")
                                .compressionFormat(CompressionFormat.GZIP)
                                .bufferingHints(h -> h.sizeInMBs(7).intervalInSeconds(60))))
                .deliveryStreamARN();
        assertEquals("arn:aws:firehose:us-east-1:000000000000:deliverystream/admin", arn);
        assertThrows(
                ResourceInUseException.class,
                () -> firehose.createDeliveryStream(b -> b.deliveryStreamName("admin")
                        .extendedS3DestinationConfiguration(
                                d -> d.bucketARN(dest.toUri().toString()))));
        DeliveryStreamDescription d = firehose.describeDeliveryStream(b -> b.deliveryStreamName("admin"))
                .deliveryStreamDescription();
        assertEquals("admin", d.deliveryStreamName());
        assertEquals("ACTIVE", d.deliveryStreamStatusAsString());
        assertEquals(DeliveryStreamType.DIRECT_PUT, d.deliveryStreamType());
        assertNotNull(d.createTimestamp());
        ExtendedS3DestinationDescription s3 = d.destinations().get(0).extendedS3DestinationDescription();
        assertEquals(dest.toUri().toString(), s3.bucketARN());
        assertEquals("raw/!{timestamp:yyyy/MM/dd}/", s3.prefix());
        assertEquals("bad/!{firehose:error-output-type}/", s3.errorOutputPrefix());
        assertEquals(CompressionFormat.GZIP, s3.compressionFormat());
        assertEquals(7, s3.bufferingHints().sizeInMBs());
        assertEquals(60, s3.bufferingHints().intervalInSeconds());

        List<String> names = firehose.listDeliveryStreams(b -> b.limit(10000)).deliveryStreamNames();
        assertTrue(names.contains("admin"), names::toString);
        List<String> first = firehose.listDeliveryStreams(b -> b.limit(1)).deliveryStreamNames();
        assertEquals(1, first.size());
        assertTrue(firehose.listDeliveryStreams(b -> b.limit(1)).hasMoreDeliveryStreams() || names.size() == 1);

        // Sources this server cannot read are refused, and nothing is created.
        InvalidArgumentException noSource = assertThrows(
                InvalidArgumentException.class,
                () -> firehose.createDeliveryStream(b -> b.deliveryStreamName("fromstream")
                        .deliveryStreamType(DeliveryStreamType.KINESIS_STREAM_AS_SOURCE)
                        .kinesisStreamSourceConfiguration(
                                k -> k.kinesisStreamARN("arn:aws:kinesis:us-east-1:000000000000:stream/clicks"))
                        .extendedS3DestinationConfiguration(
                                x -> x.bucketARN(dest.toUri().toString()))));
        assertTrue(noSource.awsErrorDetails().errorMessage().contains("stream:clicks"), noSource::getMessage);
        FirehoseException badSize = assertThrows(
                InvalidArgumentException.class,
                () -> firehose.createDeliveryStream(b -> b.deliveryStreamName("huge")
                        .extendedS3DestinationConfiguration(
                                x -> x.bucketARN(dest.toUri().toString()).bufferingHints(h -> h.sizeInMBs(129)))));
        assertTrue(badSize.awsErrorDetails().errorMessage().contains("silt.ingest.delivery.buffer.size.mb"));
        List<String> after = firehose.listDeliveryStreams(b -> b.limit(10000)).deliveryStreamNames();
        assertFalse(after.contains("fromstream") || after.contains("huge"), after::toString);

        firehose.deleteDeliveryStream(b -> b.deliveryStreamName("admin"));
        assertThrows(
                ResourceNotFoundException.class,
                () -> firehose.describeDeliveryStream(b -> b.deliveryStreamName("admin")));
        assertFalse(firehose.listDeliveryStreams(b -> b.limit(10000))
                .deliveryStreamNames()
                .contains("admin"));
    }
}
