package dev.silt.ingest.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.silt.ingest.IngestKeys;
import dev.silt.ingest.consumer.StreamApiException;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A client of the delivery streams' Firehose API in JSON 1.1 ({@code X-Amz-Target: Firehose_20150804.<Op>}), on
 * the JDK's HTTP client, for the command line: the standard operations silt serves plus its own {@code
 * StartDeliveryStream} / {@code StopDeliveryStream} and the {@code Silt*} members of create and describe.
 *
 * <p>Errors the server answers become {@link StreamApiException}s with the Firehose error name; an unreachable
 * server is an {@link IOException} naming the endpoint. Nothing is retried here. Requests are unsigned, for a server
 * on this machine. Thread-safe.
 */
public final class FirehoseHttpClient {
    static final String TARGET_PREFIX = "Firehose_20150804.";

    /** One record's outcome in a batch: a record id, or an error code and message. */
    public record PutEntry(String recordId, String errorCode, String errorMessage) {
        public boolean failed() {
            return recordId == null;
        }
    }

    /** A {@code PutRecordBatch} answer: one entry per record, in order. */
    public record PutBatchResult(int failedPutCount, List<PutEntry> entries) {}

    private final JsonProtocol protocol;

    public FirehoseHttpClient(URI endpoint, Duration timeout) {
        this.protocol =
                new JsonProtocol(endpoint, timeout, TARGET_PREFIX, "the silt server", "ServiceUnavailableException");
    }

    /** A client with the time limit of {@code silt.ingest.client.timeout.ms}. */
    public static FirehoseHttpClient create(URI endpoint, Map<String, String> conf) {
        return new FirehoseHttpClient(endpoint, Duration.ofMillis(IngestKeys.CLIENT_TIMEOUT_MILLIS.getLong(conf)));
    }

    /**
     * Creates (and starts) a delivery stream; returns its ARN.
     *
     * @param source {@code direct-put}, {@code stream:NAME} or {@code kafka:HOST:PORT/TOPIC}
     * @param settings {@code silt.ingest.delivery.*} keys of this stream
     */
    public String create(String name, String destination, String source, Map<String, String> settings)
            throws IOException {
        ObjectNode req = protocol.object()
                .put("DeliveryStreamName", name)
                .put("SiltDestination", destination)
                .put("SiltSource", source);
        ObjectNode s = req.putObject("SiltSettings");
        settings.forEach(s::put);
        return protocol.call("CreateDeliveryStream", req)
                .path("DeliveryStreamARN")
                .asText("");
    }

    public void delete(String name) throws IOException {
        protocol.call("DeleteDeliveryStream", named(name));
    }

    public void start(String name) throws IOException {
        protocol.call("StartDeliveryStream", named(name));
    }

    public void stop(String name) throws IOException {
        protocol.call("StopDeliveryStream", named(name));
    }

    /** Every delivery stream's name, all pages. */
    public List<String> list() throws IOException {
        List<String> names = new ArrayList<>();
        String after = null;
        while (true) {
            ObjectNode req = protocol.object().put("Limit", 10_000);
            if (after != null) {
                req.put("ExclusiveStartDeliveryStreamName", after);
            }
            JsonNode res = protocol.call("ListDeliveryStreams", req);
            int before = names.size();
            for (JsonNode n : res.path("DeliveryStreamNames")) {
                names.add(n.asText());
            }
            if (!res.path("HasMoreDeliveryStreams").asBoolean(false) || names.size() == before) {
                return names;
            }
            after = names.get(names.size() - 1);
        }
    }

    /** The {@code DeliveryStreamDescription} member of {@code DescribeDeliveryStream}, as the server sent it. */
    public JsonNode describe(String name) throws IOException {
        return protocol.call("DescribeDeliveryStream", named(name)).path("DeliveryStreamDescription");
    }

    /** One {@code PutRecordBatch} call (at most 500 records and 4 MiB). */
    public PutBatchResult putRecordBatch(String name, List<byte[]> records) throws IOException {
        ObjectNode req = named(name);
        ArrayNode array = req.putArray("Records");
        Base64.Encoder base64 = Base64.getEncoder();
        for (byte[] r : records) {
            array.addObject().put("Data", base64.encodeToString(r));
        }
        JsonNode res = protocol.call("PutRecordBatch", req);
        List<PutEntry> entries = new ArrayList<>(records.size());
        for (JsonNode r : res.path("RequestResponses")) {
            entries.add(new PutEntry(
                    JsonProtocol.text(r, "RecordId"),
                    JsonProtocol.text(r, "ErrorCode"),
                    JsonProtocol.text(r, "ErrorMessage")));
        }
        if (entries.size() != records.size()) {
            throw new IOException(
                    "PutRecordBatch answered " + entries.size() + " entries for " + records.size() + " records");
        }
        return new PutBatchResult(res.path("FailedPutCount").asInt(), List.copyOf(entries));
    }

    private ObjectNode named(String name) {
        return protocol.object().put("DeliveryStreamName", name);
    }
}
