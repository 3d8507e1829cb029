package dev.silt.ingest.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.silt.ingest.IngestKeys;
import dev.silt.ingest.consumer.ChildShard;
import dev.silt.ingest.consumer.RecordBatch;
import dev.silt.ingest.consumer.ShardDescription;
import dev.silt.ingest.consumer.StartPosition;
import dev.silt.ingest.consumer.StreamApiException;
import dev.silt.ingest.consumer.StreamRecord;
import dev.silt.ingest.consumer.StreamSource;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A client of the stream's HTTP API in the Kinesis JSON 1.1 protocol ({@code POST /} with
 * {@code X-Amz-Target: Kinesis_20131202.<Operation>}), on the JDK's HTTP client: no AWS SDK, so that the command
 * line starts fast. It serves both the consumer ({@link StreamSource}) and the administrative calls.
 *
 * <p>Errors the service answers become {@link StreamApiException}s with the Kinesis error name; a server that
 * cannot be reached is an {@link IOException} naming the endpoint. No call is retried here: retries belong to the
 * caller, who knows whether a call is safe to repeat. Requests are unsigned, for a server on this machine.
 *
 * <p>Threading: safe for many threads. {@link #close} releases nothing that outlives the JVM's HTTP client.
 */
public final class KinesisHttpClient implements StreamSource, AutoCloseable {
    static final String TARGET_PREFIX = "Kinesis_20131202.";
    static final String CONTENT_TYPE = "application/x-amz-json-1.1";

    private final URI endpoint;
    private final Duration timeout;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    public KinesisHttpClient(URI endpoint, Duration timeout) {
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
    public static KinesisHttpClient create(URI endpoint, Map<String, String> conf) {
        return new KinesisHttpClient(endpoint, Duration.ofMillis(IngestKeys.CLIENT_TIMEOUT_MILLIS.getLong(conf)));
    }

    public URI endpoint() {
        return endpoint;
    }

    // ---- administration

    public void createStream(String stream, int shardCount) throws IOException {
        ObjectNode req = json.createObjectNode().put("StreamName", stream).put("ShardCount", shardCount);
        call("CreateStream", req);
    }

    public void deleteStream(String stream) throws IOException {
        call("DeleteStream", json.createObjectNode().put("StreamName", stream));
    }

    /** Every stream's name, in the service's order (all pages). */
    public List<String> listStreams() throws IOException {
        List<String> names = new ArrayList<>();
        String after = null;
        while (true) {
            ObjectNode req = json.createObjectNode();
            if (after != null) {
                req.put("ExclusiveStartStreamName", after);
            }
            JsonNode res = call("ListStreams", req);
            for (JsonNode n : res.path("StreamNames")) {
                names.add(n.asText());
            }
            if (!res.path("HasMoreStreams").asBoolean(false) || names.isEmpty()) {
                return names;
            }
            String last = names.get(names.size() - 1);
            if (last.equals(after)) {
                return names;
            }
            after = last;
        }
    }

    public StreamSummary describeStreamSummary(String stream) throws IOException {
        JsonNode d = call("DescribeStreamSummary", json.createObjectNode().put("StreamName", stream))
                .path("StreamDescriptionSummary");
        return new StreamSummary(
                d.path("StreamName").asText(stream),
                d.path("StreamARN").asText(null),
                d.path("StreamStatus").asText("UNKNOWN"),
                d.path("RetentionPeriodHours").asInt(),
                d.path("OpenShardCount").asInt(),
                instant(d.get("StreamCreationTimestamp")));
    }

    public PutResult putRecords(String stream, List<PutEntry> entries) throws IOException {
        ObjectNode req = json.createObjectNode().put("StreamName", stream);
        ArrayNode records = req.putArray("Records");
        for (PutEntry e : entries) {
            ObjectNode r = records.addObject()
                    .put("Data", Base64.getEncoder().encodeToString(e.data()))
                    .put("PartitionKey", e.partitionKey());
            if (e.explicitHashKey() != null) {
                r.put("ExplicitHashKey", e.explicitHashKey());
            }
        }
        JsonNode res = call("PutRecords", req);
        List<PutResult.Entry> out = new ArrayList<>(entries.size());
        for (JsonNode r : res.path("Records")) {
            out.add(new PutResult.Entry(
                    text(r, "SequenceNumber"), text(r, "ShardId"), text(r, "ErrorCode"), text(r, "ErrorMessage")));
        }
        if (out.size() != entries.size()) {
            throw new IOException("PutRecords answered " + out.size() + " results for " + entries.size() + " records");
        }
        return new PutResult(res.path("FailedRecordCount").asInt(), out);
    }

    public void splitShard(String stream, String shardId, BigInteger newStartingHashKey) throws IOException {
        call(
                "SplitShard",
                json.createObjectNode()
                        .put("StreamName", stream)
                        .put("ShardToSplit", shardId)
                        .put("NewStartingHashKey", newStartingHashKey.toString()));
    }

    public void mergeShards(String stream, String shardId, String adjacentShardId) throws IOException {
        call(
                "MergeShards",
                json.createObjectNode()
                        .put("StreamName", stream)
                        .put("ShardToMerge", shardId)
                        .put("AdjacentShardToMerge", adjacentShardId));
    }

    public void updateShardCount(String stream, int targetShardCount) throws IOException {
        call(
                "UpdateShardCount",
                json.createObjectNode()
                        .put("StreamName", stream)
                        .put("TargetShardCount", targetShardCount)
                        .put("ScalingType", "UNIFORM_SCALING"));
    }

    /** Sets the retention period, raising or lowering it as needed (two different calls in Kinesis). */
    public void setRetention(String stream, int hours, int currentHours) throws IOException {
        if (hours == currentHours) {
            return;
        }
        String op = hours > currentHours ? "IncreaseStreamRetentionPeriod" : "DecreaseStreamRetentionPeriod";
        call(op, json.createObjectNode().put("StreamName", stream).put("RetentionPeriodHours", hours));
    }

    // ---- consumer

    @Override
    public List<ShardDescription> listShards(String stream) throws IOException {
        List<ShardDescription> shards = new ArrayList<>();
        String next = null;
        do {
            ObjectNode req = json.createObjectNode();
            if (next == null) {
                req.put("StreamName", stream);
            } else {
                req.put("NextToken", next);
            }
            JsonNode res = call("ListShards", req);
            for (JsonNode s : res.path("Shards")) {
                JsonNode range = s.path("HashKeyRange");
                JsonNode seq = s.path("SequenceNumberRange");
                shards.add(new ShardDescription(
                        s.path("ShardId").asText(),
                        text(s, "ParentShardId"),
                        text(s, "AdjacentParentShardId"),
                        bigInteger(range, "StartingHashKey"),
                        bigInteger(range, "EndingHashKey"),
                        text(seq, "StartingSequenceNumber"),
                        text(seq, "EndingSequenceNumber")));
            }
            next = text(res, "NextToken");
        } while (next != null);
        return shards;
    }

    @Override
    public String getShardIterator(String stream, String shardId, StartPosition position) throws IOException {
        ObjectNode req = json.createObjectNode()
                .put("StreamName", stream)
                .put("ShardId", shardId)
                .put("ShardIteratorType", position.type().name());
        if (position.sequenceNumber() != null) {
            req.put("StartingSequenceNumber", position.sequenceNumber());
        }
        if (position.timestamp() != null) {
            req.put("Timestamp", epochSeconds(position.timestamp()));
        }
        String iterator = text(call("GetShardIterator", req), "ShardIterator");
        if (iterator == null) {
            throw new IOException("GetShardIterator answered no iterator for shard " + shardId);
        }
        return iterator;
    }

    @Override
    public RecordBatch getRecords(String shardIterator, int limit) throws IOException {
        JsonNode res = call(
                "GetRecords",
                json.createObjectNode().put("ShardIterator", shardIterator).put("Limit", limit));
        List<StreamRecord> records = new ArrayList<>();
        for (JsonNode r : res.path("Records")) {
            records.add(new StreamRecord(
                    r.path("SequenceNumber").asText(),
                    instant(r.get("ApproximateArrivalTimestamp")),
                    r.path("PartitionKey").asText(),
                    Base64.getDecoder().decode(r.path("Data").asText(""))));
        }
        List<ChildShard> children = new ArrayList<>();
        for (JsonNode c : res.path("ChildShards")) {
            List<String> parents = new ArrayList<>();
            for (JsonNode p : c.path("ParentShards")) {
                parents.add(p.asText());
            }
            JsonNode range = c.path("HashKeyRange");
            children.add(new ChildShard(
                    c.path("ShardId").asText(),
                    parents,
                    bigInteger(range, "StartingHashKey"),
                    bigInteger(range, "EndingHashKey")));
        }
        JsonNode behind = res.get("MillisBehindLatest");
        return new RecordBatch(
                records,
                text(res, "NextShardIterator"),
                behind == null || behind.isNull() ? null : behind.asLong(),
                children);
    }

    @Override
    public void close() {
        // The JDK's HttpClient (Java 17) has no close; its connections are released when it is unreachable.
    }

    // ---- the protocol

    private JsonNode call(String operation, ObjectNode body) throws IOException {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IOException("cannot encode " + operation + " request", e);
        }
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Content-Type", CONTENT_TYPE)
                .header("X-Amz-Target", TARGET_PREFIX + operation)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (ConnectException e) {
            throw new ConnectException("cannot connect to the stream server at " + endpoint + " (is it running?)");
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
        if (message == null && node != null) {
            message = text(node, "Message");
        }
        if (type == null) {
            type = status >= 500
                    ? (status == 503 ? StreamApiException.SERVICE_UNAVAILABLE : StreamApiException.INTERNAL_FAILURE)
                    : "HTTP" + status;
        }
        throw new StreamApiException(type, message == null ? operation + " failed with HTTP " + status : message);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static BigInteger bigInteger(JsonNode node, String field) {
        String v = text(node, field);
        return v == null ? null : new BigInteger(v);
    }

    /** Kinesis JSON timestamps are epoch seconds with a fraction; ISO strings are accepted too. */
    static Instant instant(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isNumber()) {
            BigDecimal seconds = v.decimalValue();
            long millis = seconds.movePointRight(3)
                    .setScale(0, java.math.RoundingMode.HALF_UP)
                    .longValueExact();
            return Instant.ofEpochMilli(millis);
        }
        return Instant.parse(v.asText());
    }

    static BigDecimal epochSeconds(Instant t) {
        return BigDecimal.valueOf(t.toEpochMilli()).movePointLeft(3);
    }
}
