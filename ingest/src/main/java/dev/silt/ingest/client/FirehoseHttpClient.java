package dev.silt.ingest.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.silt.ingest.IngestKeys;
import dev.silt.ingest.consumer.StreamApiException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
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

    private final URI endpoint;
    private final Duration timeout;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    public FirehoseHttpClient(URI endpoint, Duration timeout) {
        if (endpoint.getScheme() == null
                || !(endpoint.getScheme().equals("http") || endpoint.getScheme().equals("https"))
                || endpoint.getHost() == null) {
            throw new IllegalArgumentException("endpoint must be an http:// or https:// URL, got '" + endpoint + "'");
        }
        this.endpoint = endpoint.getPath() == null || endpoint.getPath().isEmpty() ? endpoint.resolve("/") : endpoint;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .build();
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
        ObjectNode req = json.createObjectNode()
                .put("DeliveryStreamName", name)
                .put("SiltDestination", destination)
                .put("SiltSource", source);
        ObjectNode s = req.putObject("SiltSettings");
        settings.forEach(s::put);
        return call("CreateDeliveryStream", req).path("DeliveryStreamARN").asText("");
    }

    public void delete(String name) throws IOException {
        call("DeleteDeliveryStream", named(name));
    }

    public void start(String name) throws IOException {
        call("StartDeliveryStream", named(name));
    }

    public void stop(String name) throws IOException {
        call("StopDeliveryStream", named(name));
    }

    /** Every delivery stream's name, all pages. */
    public List<String> list() throws IOException {
        List<String> names = new ArrayList<>();
        String after = null;
        while (true) {
            ObjectNode req = json.createObjectNode().put("Limit", 10_000);
            if (after != null) {
                req.put("ExclusiveStartDeliveryStreamName", after);
            }
            JsonNode res = call("ListDeliveryStreams", req);
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
        return call("DescribeDeliveryStream", named(name)).path("DeliveryStreamDescription");
    }

    /** One {@code PutRecordBatch} call (at most 500 records and 4 MiB). */
    public PutBatchResult putRecordBatch(String name, List<byte[]> records) throws IOException {
        ObjectNode req = named(name);
        ArrayNode array = req.putArray("Records");
        Base64.Encoder base64 = Base64.getEncoder();
        for (byte[] r : records) {
            array.addObject().put("Data", base64.encodeToString(r));
        }
        JsonNode res = call("PutRecordBatch", req);
        List<PutEntry> entries = new ArrayList<>(records.size());
        for (JsonNode r : res.path("RequestResponses")) {
            entries.add(new PutEntry(text(r, "RecordId"), text(r, "ErrorCode"), text(r, "ErrorMessage")));
        }
        if (entries.size() != records.size()) {
            throw new IOException(
                    "PutRecordBatch answered " + entries.size() + " entries for " + records.size() + " records");
        }
        return new PutBatchResult(res.path("FailedPutCount").asInt(), List.copyOf(entries));
    }

    private ObjectNode named(String name) {
        return json.createObjectNode().put("DeliveryStreamName", name);
    }

    private JsonNode call(String operation, ObjectNode body) throws IOException {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IOException("cannot encode " + operation + " request", e);
        }
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Content-Type", KinesisHttpClient.CONTENT_TYPE)
                .header("X-Amz-Target", TARGET_PREFIX + operation)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (ConnectException e) {
            throw new ConnectException("cannot connect to the silt server at " + endpoint + " (is it running?)");
        } catch (HttpTimeoutException e) {
            throw new IOException(operation + " to " + endpoint + " timed out after " + timeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException io = new InterruptedIOException(operation + " interrupted");
            io.initCause(e);
            throw io;
        }
        return parse(operation, response.statusCode(), response.body());
    }

    private JsonNode parse(String operation, int status, byte[] body) throws IOException {
        JsonNode node = null;
        if (body.length > 0) {
            try {
                node = json.readTree(body);
            } catch (JsonProcessingException e) {
                if (status == 200) {
                    throw new IOException(operation + " answered a body that is not JSON", e);
                }
            }
        }
        if (status == 200) {
            return node == null ? json.createObjectNode() : node;
        }
        String type = node == null ? null : text(node, "__type");
        if (type != null && type.indexOf('#') >= 0) {
            type = type.substring(type.indexOf('#') + 1);
        }
        String message = node == null ? null : text(node, "message");
        if (type == null) {
            type = status == 503 ? "ServiceUnavailableException" : "HTTP" + status;
        }
        throw new StreamApiException(type, message == null ? operation + " failed with HTTP " + status : message);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
