package dev.silt.bench;

import dev.silt.ingest.consumer.ServiceStreamSource;
import dev.silt.ingest.consumer.StartPosition;
import dev.silt.ingest.consumer.StreamConsumer;
import dev.silt.ingest.delivery.DeliverySource;
import dev.silt.ingest.delivery.StreamDeliverySource;
import dev.silt.ingest.stream.StreamService;
import dev.silt.ingest.stream.StreamServiceOptions;
import dev.silt.ingest.stream.model.CreateStreamRequest;
import dev.silt.ingest.stream.model.DescribeStreamSummaryRequest;
import dev.silt.ingest.stream.model.PutRecordsRequest;
import dev.silt.ingest.stream.model.PutRecordsRequestEntry;
import dev.silt.ingest.stream.model.PutRecordsResponse;
import dev.silt.ingest.stream.model.PutRecordsResultEntry;
import dev.silt.ingest.stream.model.StreamStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A silt stream in this process (the stream service with its defaults: every put group-committed and fsynced)
 * as the delivery benchmark's feed. Records are spread over the shards by partition key.
 */
final class StreamFeed implements DeliveryFeed {
    static final String STREAM = "bench";

    private final StreamService service;
    private long nextKey;

    private StreamFeed(StreamService service) {
        this.service = service;
    }

    static StreamFeed open(Path dataDir, int shards, Map<String, String> settings) throws IOException {
        StreamService service = StreamService.open(dataDir, StreamServiceOptions.defaults(), Clock.systemUTC());
        try {
            service.createStream(new CreateStreamRequest(STREAM, shards, null, null));
            while (service.describeStreamSummary(new DescribeStreamSummaryRequest(STREAM, null))
                            .streamDescriptionSummary()
                            .streamStatus()
                    != StreamStatus.ACTIVE) {
                Thread.sleep(5);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            service.close();
            throw new IOException("interrupted while creating the stream", e);
        } catch (RuntimeException e) {
            service.close();
            throw e;
        }
        return new StreamFeed(service);
    }

    @Override
    public void put(List<byte[]> records) throws InterruptedException {
        List<PutRecordsRequestEntry> pending = new ArrayList<>(records.size());
        for (byte[] r : records) {
            pending.add(new PutRecordsRequestEntry(r, null, Long.toString(nextKey++)));
        }
        while (!pending.isEmpty()) {
            PutRecordsResponse response = service.putRecords(new PutRecordsRequest(STREAM, null, pending));
            if (response.failedRecordCount() == 0) {
                return;
            }
            List<PutRecordsRequestEntry> again = new ArrayList<>();
            List<PutRecordsResultEntry> results = response.records();
            for (int i = 0; i < results.size(); i++) {
                if (results.get(i).errorCode() != null) {
                    again.add(pending.get(i));
                }
            }
            pending = again;
            Thread.sleep(1);
        }
    }

    @Override
    public DeliverySource source() {
        return StreamDeliverySource.builder(new ServiceStreamSource(service), STREAM)
                .build();
    }

    @Override
    public long readAllNanos(long expected) throws IOException, InterruptedException {
        AtomicLong seen = new AtomicLong();
        long start = System.nanoTime();
        try (StreamConsumer consumer = StreamConsumer.builder(
                        new ServiceStreamSource(service),
                        STREAM,
                        batch -> seen.addAndGet(batch.records().size()))
                .initialPosition(StartPosition.trimHorizon())
                .build()) {
            consumer.runUntilCaughtUp();
        }
        long nanos = System.nanoTime() - start;
        if (seen.get() != expected) {
            throw new IOException("the plain reader read " + seen.get() + " records, expected " + expected);
        }
        return nanos;
    }

    @Override
    public void close() throws IOException {
        service.close();
    }
}
