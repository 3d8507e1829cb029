package dev.silt.ingest.client;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
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

    private final JsonProtocol protocol;

    public KinesisHttpClient(URI endpoint, Duration timeout) {
        this.protocol = new JsonProtocol(
                endpoint, timeout, TARGET_PREFIX, "the stream server", StreamApiException.SERVICE_UNAVAILABLE);
    }

    /** A client with the time limit of {@code silt.ingest.client.timeout.ms}. */
    public static KinesisHttpClient create(URI endpoint, Map<String, String> conf) {
        return new KinesisHttpClient(endpoint, Duration.ofMillis(IngestKeys.CLIENT_TIMEOUT_MILLIS.getLong(conf)));
    }

    public URI endpoint() {
        return protocol.endpoint();
    }

    // ---- administration

    public void createStream(String stream, int shardCount) throws IOException {
        ObjectNode req = protocol.object().put("StreamName", stream).put("ShardCount", shardCount);
        protocol.call("CreateStream", req);
    }

    public void deleteStream(String stream) throws IOException {
        protocol.call("DeleteStream", protocol.object().put("StreamName", stream));
    }

    /** Every stream's name, in the service's order (all pages). */
    public List<String> listStreams() throws IOException {
        List<String> names = new ArrayList<>();
        String after = null;
        while (true) {
            ObjectNode req = protocol.object();
            if (after != null) {
                req.put("ExclusiveStartStreamName", after);
            }
            JsonNode res = protocol.call("ListStreams", req);
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
        JsonNode d = protocol.call("DescribeStreamSummary", protocol.object().put("StreamName", stream))
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
        ObjectNode req = protocol.object().put("StreamName", stream);
        ArrayNode records = req.putArray("Records");
        for (PutEntry e : entries) {
            ObjectNode r = records.addObject()
                    .put("Data", Base64.getEncoder().encodeToString(e.data()))
                    .put("PartitionKey", e.partitionKey());
            if (e.explicitHashKey() != null) {
                r.put("ExplicitHashKey", e.explicitHashKey());
            }
        }
        JsonNode res = protocol.call("PutRecords", req);
        List<PutResult.Entry> out = new ArrayList<>(entries.size());
        for (JsonNode r : res.path("Records")) {
            out.add(new PutResult.Entry(
                    JsonProtocol.text(r, "SequenceNumber"),
                    JsonProtocol.text(r, "ShardId"),
                    JsonProtocol.text(r, "ErrorCode"),
                    JsonProtocol.text(r, "ErrorMessage")));
        }
        if (out.size() != entries.size()) {
            throw new IOException("PutRecords answered " + out.size() + " results for " + entries.size() + " records");
        }
        return new PutResult(res.path("FailedRecordCount").asInt(), out);
    }

    public void splitShard(String stream, String shardId, BigInteger newStartingHashKey) throws IOException {
        protocol.call(
                "SplitShard",
                protocol.object()
                        .put("StreamName", stream)
                        .put("ShardToSplit", shardId)
                        .put("NewStartingHashKey", newStartingHashKey.toString()));
    }

    public void mergeShards(String stream, String shardId, String adjacentShardId) throws IOException {
        protocol.call(
                "MergeShards",
                protocol.object()
                        .put("StreamName", stream)
                        .put("ShardToMerge", shardId)
                        .put("AdjacentShardToMerge", adjacentShardId));
    }

    public void updateShardCount(String stream, int targetShardCount) throws IOException {
        protocol.call(
                "UpdateShardCount",
                protocol.object()
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
        protocol.call(op, protocol.object().put("StreamName", stream).put("RetentionPeriodHours", hours));
    }

    // ---- consumer

    @Override
    public List<ShardDescription> listShards(String stream) throws IOException {
        List<ShardDescription> shards = new ArrayList<>();
        String next = null;
        do {
            ObjectNode req = protocol.object();
            if (next == null) {
                req.put("StreamName", stream);
            } else {
                req.put("NextToken", next);
            }
            JsonNode res = protocol.call("ListShards", req);
            for (JsonNode s : res.path("Shards")) {
                JsonNode range = s.path("HashKeyRange");
                JsonNode seq = s.path("SequenceNumberRange");
                shards.add(new ShardDescription(
                        s.path("ShardId").asText(),
                        JsonProtocol.text(s, "ParentShardId"),
                        JsonProtocol.text(s, "AdjacentParentShardId"),
                        bigInteger(range, "StartingHashKey"),
                        bigInteger(range, "EndingHashKey"),
                        JsonProtocol.text(seq, "StartingSequenceNumber"),
                        JsonProtocol.text(seq, "EndingSequenceNumber")));
            }
            next = JsonProtocol.text(res, "NextToken");
        } while (next != null);
        return shards;
    }

    @Override
    public String getShardIterator(String stream, String shardId, StartPosition position) throws IOException {
        ObjectNode req = protocol.object()
                .put("StreamName", stream)
                .put("ShardId", shardId)
                .put("ShardIteratorType", position.type().name());
        if (position.sequenceNumber() != null) {
            req.put("StartingSequenceNumber", position.sequenceNumber());
        }
        if (position.timestamp() != null) {
            req.put("Timestamp", epochSeconds(position.timestamp()));
        }
        String iterator = JsonProtocol.text(protocol.call("GetShardIterator", req), "ShardIterator");
        if (iterator == null) {
            throw new IOException("GetShardIterator answered no iterator for shard " + shardId);
        }
        return iterator;
    }

    @Override
    public RecordBatch getRecords(String shardIterator, int limit) throws IOException {
        JsonNode res = protocol.call(
                "GetRecords",
                protocol.object().put("ShardIterator", shardIterator).put("Limit", limit));
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
                JsonProtocol.text(res, "NextShardIterator"),
                behind == null || behind.isNull() ? null : behind.asLong(),
                children);
    }

    @Override
    public void close() {
        // The JDK's HttpClient (Java 17) has no close; its connections are released when it is unreachable.
    }

    // ---- the protocol

    private static BigInteger bigInteger(JsonNode node, String field) {
        String v = JsonProtocol.text(node, field);
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
