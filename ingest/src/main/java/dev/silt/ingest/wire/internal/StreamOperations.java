package dev.silt.ingest.wire.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.silt.ingest.stream.StreamErrorType;
import dev.silt.ingest.stream.StreamException;
import dev.silt.ingest.stream.StreamService;
import dev.silt.ingest.stream.model.AddTagsToStreamRequest;
import dev.silt.ingest.stream.model.CreateStreamRequest;
import dev.silt.ingest.stream.model.DecreaseStreamRetentionPeriodRequest;
import dev.silt.ingest.stream.model.DeleteStreamRequest;
import dev.silt.ingest.stream.model.DescribeStreamRequest;
import dev.silt.ingest.stream.model.DescribeStreamSummaryRequest;
import dev.silt.ingest.stream.model.GetRecordsRequest;
import dev.silt.ingest.stream.model.GetShardIteratorRequest;
import dev.silt.ingest.stream.model.IncreaseStreamRetentionPeriodRequest;
import dev.silt.ingest.stream.model.ListShardsRequest;
import dev.silt.ingest.stream.model.ListStreamsRequest;
import dev.silt.ingest.stream.model.ListTagsForStreamRequest;
import dev.silt.ingest.stream.model.MergeShardsRequest;
import dev.silt.ingest.stream.model.PutRecordRequest;
import dev.silt.ingest.stream.model.PutRecordsRequest;
import dev.silt.ingest.stream.model.PutRecordsRequestEntry;
import dev.silt.ingest.stream.model.RemoveTagsFromStreamRequest;
import dev.silt.ingest.stream.model.ScalingType;
import dev.silt.ingest.stream.model.ShardFilter;
import dev.silt.ingest.stream.model.ShardFilterType;
import dev.silt.ingest.stream.model.ShardIteratorType;
import dev.silt.ingest.stream.model.SplitShardRequest;
import dev.silt.ingest.stream.model.StreamMode;
import dev.silt.ingest.stream.model.StreamModeDetails;
import dev.silt.ingest.stream.model.UpdateShardCountRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * The Kinesis operations over a {@link StreamService}: each request's members become the service's request record
 * one to one, its response record becomes the response members ({@link StreamResponses}), and a {@link
 * StreamException} becomes the service's error. The service validates values; this class only checks what the
 * wire format itself requires (types, and members the service's records cannot do without).
 */
public final class StreamOperations implements OperationHandler {
    private final StreamService service;

    public StreamOperations(StreamService service) {
        this.service = service;
    }

    @Override
    public ObjectNode handle(String operation, Members m) throws WireException {
        try {
            return dispatch(operation, m);
        } catch (StreamException e) {
            if (e.type() == StreamErrorType.INTERNAL_FAILURE) {
                throw e; // logged with its cause by the request processor, answered without detail
            }
            throw new WireException(e.wireName(), e.getMessage(), e.type().httpStatus());
        }
    }

    private ObjectNode dispatch(String operation, Members m) throws WireException {
        switch (operation) {
            case "CreateStream":
                Members mode = m.optionalStructure("StreamModeDetails");
                service.createStream(new CreateStreamRequest(
                        m.requiredString("StreamName"),
                        m.optionalInt("ShardCount"),
                        mode == null ? null : new StreamModeDetails(mode.optionalEnum("StreamMode", StreamMode.class)),
                        m.optionalStringMap("Tags")));
                return empty();
            case "DeleteStream":
                service.deleteStream(new DeleteStreamRequest(
                        m.optionalString("StreamName"),
                        m.optionalString("StreamARN"),
                        m.optionalBoolean("EnforceConsumerDeletion")));
                return empty();
            case "ListStreams":
                return StreamResponses.listStreams(service.listStreams(new ListStreamsRequest(
                        m.optionalInt("Limit"),
                        m.optionalString("ExclusiveStartStreamName"),
                        m.optionalString("NextToken"))));
            case "DescribeStream":
                return StreamResponses.describeStream(service.describeStream(new DescribeStreamRequest(
                        m.optionalString("StreamName"),
                        m.optionalString("StreamARN"),
                        m.optionalInt("Limit"),
                        m.optionalString("ExclusiveStartShardId"))));
            case "DescribeStreamSummary":
                return StreamResponses.describeStreamSummary(
                        service.describeStreamSummary(new DescribeStreamSummaryRequest(
                                m.optionalString("StreamName"), m.optionalString("StreamARN"))));
            case "ListShards":
                return StreamResponses.listShards(service.listShards(listShards(m)));
            case "PutRecord":
                return StreamResponses.putRecord(service.putRecord(new PutRecordRequest(
                        m.optionalString("StreamName"),
                        m.optionalString("StreamARN"),
                        m.requiredBlob("Data"),
                        m.requiredString("PartitionKey"),
                        m.optionalString("ExplicitHashKey"),
                        m.optionalString("SequenceNumberForOrdering"))));
            case "PutRecords":
                return StreamResponses.putRecords(service.putRecords(putRecords(m)));
            case "GetShardIterator":
                return StreamResponses.getShardIterator(service.getShardIterator(new GetShardIteratorRequest(
                        m.optionalString("StreamName"),
                        m.optionalString("StreamARN"),
                        m.requiredString("ShardId"),
                        required(m, "ShardIteratorType", ShardIteratorType.class),
                        m.optionalString("StartingSequenceNumber"),
                        m.optionalTimestamp("Timestamp"))));
            case "GetRecords":
                return StreamResponses.getRecords(service.getRecords(new GetRecordsRequest(
                        m.requiredString("ShardIterator"), m.optionalInt("Limit"), m.optionalString("StreamARN"))));
            case "SplitShard":
                service.splitShard(new SplitShardRequest(
                        m.optionalString("StreamName"),
                        m.optionalString("StreamARN"),
                        m.requiredString("ShardToSplit"),
                        m.requiredString("NewStartingHashKey")));
                return empty();
            case "MergeShards":
                service.mergeShards(new MergeShardsRequest(
                        m.optionalString("StreamName"),
                        m.optionalString("StreamARN"),
                        m.requiredString("ShardToMerge"),
                        m.requiredString("AdjacentShardToMerge")));
                return empty();
            case "UpdateShardCount":
                return StreamResponses.updateShardCount(service.updateShardCount(new UpdateShardCountRequest(
                        m.optionalString("StreamName"),
                        m.optionalString("StreamARN"),
                        m.requiredInt("TargetShardCount"),
                        required(m, "ScalingType", ScalingType.class))));
            case "IncreaseStreamRetentionPeriod":
                service.increaseStreamRetentionPeriod(new IncreaseStreamRetentionPeriodRequest(
                        m.optionalString("StreamName"),
                        m.optionalString("StreamARN"),
                        m.requiredInt("RetentionPeriodHours")));
                return empty();
            case "DecreaseStreamRetentionPeriod":
                service.decreaseStreamRetentionPeriod(new DecreaseStreamRetentionPeriodRequest(
                        m.optionalString("StreamName"),
                        m.optionalString("StreamARN"),
                        m.requiredInt("RetentionPeriodHours")));
                return empty();
            case "AddTagsToStream":
                service.addTagsToStream(new AddTagsToStreamRequest(
                        m.optionalString("StreamName"), m.optionalString("StreamARN"), requiredMap(m, "Tags")));
                return empty();
            case "ListTagsForStream":
                return StreamResponses.listTagsForStream(service.listTagsForStream(new ListTagsForStreamRequest(
                        m.optionalString("StreamName"),
                        m.optionalString("StreamARN"),
                        m.optionalString("ExclusiveStartTagKey"),
                        m.optionalInt("Limit"))));
            case "RemoveTagsFromStream":
                List<String> keys = m.optionalStringList("TagKeys");
                if (keys == null) {
                    throw WireException.missing("tagKeys");
                }
                service.removeTagsFromStream(new RemoveTagsFromStreamRequest(
                        m.optionalString("StreamName"), m.optionalString("StreamARN"), keys));
                return empty();
            default:
                throw new WireException(
                        KinesisWire.UNKNOWN_OPERATION,
                        "Operation " + operation + " is unknown or not supported by this server");
        }
    }

    private static ListShardsRequest listShards(Members m) throws WireException {
        Members filter = m.optionalStructure("ShardFilter");
        ShardFilter shardFilter = filter == null
                ? null
                : new ShardFilter(
                        required(filter, "Type", ShardFilterType.class),
                        filter.optionalString("ShardId"),
                        filter.optionalTimestamp("Timestamp"));
        return new ListShardsRequest(
                m.optionalString("StreamName"),
                m.optionalString("StreamARN"),
                m.optionalString("NextToken"),
                m.optionalString("ExclusiveStartShardId"),
                m.optionalInt("MaxResults"),
                m.optionalTimestamp("StreamCreationTimestamp"),
                shardFilter);
    }

    private static PutRecordsRequest putRecords(Members m) throws WireException {
        if (!m.has("Records")) {
            throw WireException.missing("records");
        }
        List<Members> entries = m.structureList("Records");
        List<PutRecordsRequestEntry> records = new ArrayList<>(entries.size());
        for (Members e : entries) {
            records.add(new PutRecordsRequestEntry(
                    e.requiredBlob("Data"), e.optionalString("ExplicitHashKey"), e.requiredString("PartitionKey")));
        }
        return new PutRecordsRequest(m.optionalString("StreamName"), m.optionalString("StreamARN"), records);
    }

    private static <E extends Enum<E>> E required(Members m, String name, Class<E> type) throws WireException {
        if (!m.has(name)) {
            throw m.missingMember(name);
        }
        return m.optionalEnum(name, type);
    }

    private static java.util.Map<String, String> requiredMap(Members m, String name) throws WireException {
        java.util.Map<String, String> map = m.optionalStringMap(name);
        if (map == null) {
            throw m.missingMember(name);
        }
        return map;
    }

    private static ObjectNode empty() {
        return JsonNodeFactory.instance.objectNode();
    }
}
