package dev.silt.ingest.wire.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.silt.ingest.stream.HashKeyRange;
import dev.silt.ingest.stream.model.ChildShard;
import dev.silt.ingest.stream.model.DescribeStreamResponse;
import dev.silt.ingest.stream.model.DescribeStreamSummaryResponse;
import dev.silt.ingest.stream.model.EnhancedMetrics;
import dev.silt.ingest.stream.model.GetRecordsResponse;
import dev.silt.ingest.stream.model.GetShardIteratorResponse;
import dev.silt.ingest.stream.model.ListShardsResponse;
import dev.silt.ingest.stream.model.ListStreamsResponse;
import dev.silt.ingest.stream.model.ListTagsForStreamResponse;
import dev.silt.ingest.stream.model.PutRecordResponse;
import dev.silt.ingest.stream.model.PutRecordsResponse;
import dev.silt.ingest.stream.model.Shard;
import dev.silt.ingest.stream.model.StreamDescription;
import dev.silt.ingest.stream.model.StreamDescriptionSummary;
import dev.silt.ingest.stream.model.StreamModeDetails;
import dev.silt.ingest.stream.model.StreamSummary;
import dev.silt.ingest.stream.model.Tag;
import dev.silt.ingest.stream.model.UpdateShardCountResponse;
import java.time.Instant;
import java.util.List;

/**
 * The service's response records as wire trees, member for member in the API's spelling. Absent (null) optional
 * members are left out, as the service does; timestamps become {@link WireTimestamp}s and data stays bytes, so
 * that each protocol writes them in its own form. The record arrays of PutRecords and GetRecords are not trees
 * but {@link RecordArrays}, written straight to the generator.
 */
final class StreamResponses {
    private StreamResponses() {}

    static ObjectNode listStreams(ListStreamsResponse r) {
        ObjectNode out = object();
        ArrayNode names = out.putArray("StreamNames");
        r.streamNames().forEach(names::add);
        out.put("HasMoreStreams", r.hasMoreStreams());
        putIfPresent(out, "NextToken", r.nextToken());
        if (r.streamSummaries() != null) {
            ArrayNode summaries = out.putArray("StreamSummaries");
            for (StreamSummary s : r.streamSummaries()) {
                ObjectNode node = summaries.addObject();
                node.put("StreamName", s.streamName());
                node.put("StreamARN", s.streamARN());
                putIfPresent(node, "StreamStatus", s.streamStatus());
                mode(node, s.streamModeDetails());
                timestamp(node, "StreamCreationTimestamp", s.streamCreationTimestamp());
            }
        }
        return out;
    }

    static ObjectNode describeStream(DescribeStreamResponse r) {
        StreamDescription d = r.streamDescription();
        ObjectNode out = object();
        ObjectNode node = out.putObject("StreamDescription");
        node.put("StreamName", d.streamName());
        node.put("StreamARN", d.streamARN());
        putIfPresent(node, "StreamStatus", d.streamStatus());
        mode(node, d.streamModeDetails());
        shards(node.putArray("Shards"), d.shards());
        node.put("HasMoreShards", d.hasMoreShards());
        node.put("RetentionPeriodHours", d.retentionPeriodHours());
        timestamp(node, "StreamCreationTimestamp", d.streamCreationTimestamp());
        enhancedMonitoring(node, d.enhancedMonitoring());
        putIfPresent(node, "EncryptionType", d.encryptionType());
        putIfPresent(node, "KeyId", d.keyId());
        return out;
    }

    static ObjectNode describeStreamSummary(DescribeStreamSummaryResponse r) {
        StreamDescriptionSummary d = r.streamDescriptionSummary();
        ObjectNode out = object();
        ObjectNode node = out.putObject("StreamDescriptionSummary");
        node.put("StreamName", d.streamName());
        node.put("StreamARN", d.streamARN());
        putIfPresent(node, "StreamStatus", d.streamStatus());
        mode(node, d.streamModeDetails());
        node.put("RetentionPeriodHours", d.retentionPeriodHours());
        timestamp(node, "StreamCreationTimestamp", d.streamCreationTimestamp());
        enhancedMonitoring(node, d.enhancedMonitoring());
        putIfPresent(node, "EncryptionType", d.encryptionType());
        putIfPresent(node, "KeyId", d.keyId());
        node.put("OpenShardCount", d.openShardCount());
        node.put("ConsumerCount", d.consumerCount());
        return out;
    }

    static ObjectNode listShards(ListShardsResponse r) {
        ObjectNode out = object();
        shards(out.putArray("Shards"), r.shards());
        putIfPresent(out, "NextToken", r.nextToken());
        return out;
    }

    static ObjectNode putRecord(PutRecordResponse r) {
        ObjectNode out = object();
        out.put("ShardId", r.shardId());
        out.put("SequenceNumber", r.sequenceNumber());
        putIfPresent(out, "EncryptionType", r.encryptionType());
        return out;
    }

    static ObjectNode putRecords(PutRecordsResponse r) {
        ObjectNode out = object();
        out.put("FailedRecordCount", r.failedRecordCount());
        out.putPOJO("Records", new RecordArrays.PutResults(r.records()));
        putIfPresent(out, "EncryptionType", r.encryptionType());
        return out;
    }

    static ObjectNode getShardIterator(GetShardIteratorResponse r) {
        ObjectNode out = object();
        out.put("ShardIterator", r.shardIterator());
        return out;
    }

    static ObjectNode getRecords(GetRecordsResponse r) {
        ObjectNode out = object();
        out.putPOJO("Records", new RecordArrays.Records(r.records()));
        putIfPresent(out, "NextShardIterator", r.nextShardIterator());
        out.put("MillisBehindLatest", r.millisBehindLatest());
        if (r.childShards() != null && !r.childShards().isEmpty()) {
            ArrayNode children = out.putArray("ChildShards");
            for (ChildShard c : r.childShards()) {
                ObjectNode node = children.addObject();
                node.put("ShardId", c.shardId());
                ArrayNode parents = node.putArray("ParentShards");
                c.parentShards().forEach(parents::add);
                hashKeyRange(node, c.hashKeyRange());
            }
        }
        return out;
    }

    static ObjectNode updateShardCount(UpdateShardCountResponse r) {
        ObjectNode out = object();
        out.put("StreamName", r.streamName());
        out.put("CurrentShardCount", r.currentShardCount());
        out.put("TargetShardCount", r.targetShardCount());
        putIfPresent(out, "StreamARN", r.streamARN());
        return out;
    }

    static ObjectNode listTagsForStream(ListTagsForStreamResponse r) {
        ObjectNode out = object();
        ArrayNode tags = out.putArray("Tags");
        for (Tag t : r.tags()) {
            ObjectNode node = tags.addObject();
            node.put("Key", t.key());
            putIfPresent(node, "Value", t.value());
        }
        out.put("HasMoreTags", r.hasMoreTags());
        return out;
    }

    private static void shards(ArrayNode out, List<Shard> shards) {
        for (Shard s : shards) {
            ObjectNode node = out.addObject();
            node.put("ShardId", s.shardId());
            putIfPresent(node, "ParentShardId", s.parentShardId());
            putIfPresent(node, "AdjacentParentShardId", s.adjacentParentShardId());
            hashKeyRange(node, s.hashKeyRange());
            ObjectNode range = node.putObject("SequenceNumberRange");
            range.put("StartingSequenceNumber", s.sequenceNumberRange().startingSequenceNumber());
            putIfPresent(range, "EndingSequenceNumber", s.sequenceNumberRange().endingSequenceNumber());
        }
    }

    private static void hashKeyRange(ObjectNode node, HashKeyRange range) {
        ObjectNode out = node.putObject("HashKeyRange");
        out.put("StartingHashKey", range.startingHashKey().toString());
        out.put("EndingHashKey", range.endingHashKey().toString());
    }

    private static void mode(ObjectNode node, StreamModeDetails mode) {
        if (mode != null && mode.streamMode() != null) {
            node.putObject("StreamModeDetails")
                    .put("StreamMode", mode.streamMode().name());
        }
    }

    private static void enhancedMonitoring(ObjectNode node, List<EnhancedMetrics> metrics) {
        ArrayNode out = node.putArray("EnhancedMonitoring");
        if (metrics != null) {
            for (EnhancedMetrics m : metrics) {
                ArrayNode names = out.addObject().putArray("ShardLevelMetrics");
                if (m.shardLevelMetrics() != null) {
                    m.shardLevelMetrics().forEach(names::add);
                }
            }
        }
    }

    private static void timestamp(ObjectNode node, String name, Instant value) {
        if (value != null) {
            node.putPOJO(name, WireTimestamp.of(value));
        }
    }

    private static void putIfPresent(ObjectNode node, String name, Object value) {
        if (value != null) {
            node.put(name, value instanceof Enum<?> e ? e.name() : value.toString());
        }
    }

    private static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }
}
