package dev.silt.ingest.wire.internal;

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
import java.util.Map;

/**
 * Request members to the service's request records, one operation per method, member for member. Only what the
 * wire format itself needs is checked here (types, enum spellings, members a record cannot do without); values
 * are the service's to validate, so that its errors reach the client unchanged.
 */
final class StreamRequests {
    private StreamRequests() {}

    static CreateStreamRequest createStream(Members m) throws WireException {
        Members mode = m.optionalStructure("StreamModeDetails");
        return new CreateStreamRequest(
                m.requiredString("StreamName"),
                m.optionalInt("ShardCount"),
                mode == null ? null : new StreamModeDetails(mode.optionalEnum("StreamMode", StreamMode.class)),
                m.optionalStringMap("Tags"));
    }

    static DeleteStreamRequest deleteStream(Members m) throws WireException {
        return new DeleteStreamRequest(
                m.optionalString("StreamName"),
                m.optionalString("StreamARN"),
                m.optionalBoolean("EnforceConsumerDeletion"));
    }

    static ListStreamsRequest listStreams(Members m) throws WireException {
        return new ListStreamsRequest(
                m.optionalInt("Limit"), m.optionalString("ExclusiveStartStreamName"), m.optionalString("NextToken"));
    }

    static DescribeStreamRequest describeStream(Members m) throws WireException {
        return new DescribeStreamRequest(
                m.optionalString("StreamName"),
                m.optionalString("StreamARN"),
                m.optionalInt("Limit"),
                m.optionalString("ExclusiveStartShardId"));
    }

    static DescribeStreamSummaryRequest describeStreamSummary(Members m) throws WireException {
        return new DescribeStreamSummaryRequest(m.optionalString("StreamName"), m.optionalString("StreamARN"));
    }

    static ListShardsRequest listShards(Members m) throws WireException {
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

    static PutRecordRequest putRecord(Members m) throws WireException {
        return new PutRecordRequest(
                m.optionalString("StreamName"),
                m.optionalString("StreamARN"),
                m.requiredBlob("Data"),
                m.requiredString("PartitionKey"),
                m.optionalString("ExplicitHashKey"),
                m.optionalString("SequenceNumberForOrdering"));
    }

    static PutRecordsRequest putRecords(Members m) throws WireException {
        if (!m.has("Records")) {
            throw m.missingMember("Records");
        }
        List<Members> entries = m.structureList("Records");
        List<PutRecordsRequestEntry> records = new ArrayList<>(entries.size());
        for (Members e : entries) {
            records.add(new PutRecordsRequestEntry(
                    e.requiredBlob("Data"), e.optionalString("ExplicitHashKey"), e.requiredString("PartitionKey")));
        }
        return new PutRecordsRequest(m.optionalString("StreamName"), m.optionalString("StreamARN"), records);
    }

    static GetShardIteratorRequest getShardIterator(Members m) throws WireException {
        return new GetShardIteratorRequest(
                m.optionalString("StreamName"),
                m.optionalString("StreamARN"),
                m.requiredString("ShardId"),
                required(m, "ShardIteratorType", ShardIteratorType.class),
                m.optionalString("StartingSequenceNumber"),
                m.optionalTimestamp("Timestamp"));
    }

    static GetRecordsRequest getRecords(Members m) throws WireException {
        return new GetRecordsRequest(
                m.requiredString("ShardIterator"), m.optionalInt("Limit"), m.optionalString("StreamARN"));
    }

    static SplitShardRequest splitShard(Members m) throws WireException {
        return new SplitShardRequest(
                m.optionalString("StreamName"),
                m.optionalString("StreamARN"),
                m.requiredString("ShardToSplit"),
                m.requiredString("NewStartingHashKey"));
    }

    static MergeShardsRequest mergeShards(Members m) throws WireException {
        return new MergeShardsRequest(
                m.optionalString("StreamName"),
                m.optionalString("StreamARN"),
                m.requiredString("ShardToMerge"),
                m.requiredString("AdjacentShardToMerge"));
    }

    static UpdateShardCountRequest updateShardCount(Members m) throws WireException {
        return new UpdateShardCountRequest(
                m.optionalString("StreamName"),
                m.optionalString("StreamARN"),
                m.requiredInt("TargetShardCount"),
                required(m, "ScalingType", ScalingType.class));
    }

    static IncreaseStreamRetentionPeriodRequest increaseStreamRetentionPeriod(Members m) throws WireException {
        return new IncreaseStreamRetentionPeriodRequest(
                m.optionalString("StreamName"), m.optionalString("StreamARN"), m.requiredInt("RetentionPeriodHours"));
    }

    static DecreaseStreamRetentionPeriodRequest decreaseStreamRetentionPeriod(Members m) throws WireException {
        return new DecreaseStreamRetentionPeriodRequest(
                m.optionalString("StreamName"), m.optionalString("StreamARN"), m.requiredInt("RetentionPeriodHours"));
    }

    static AddTagsToStreamRequest addTagsToStream(Members m) throws WireException {
        Map<String, String> tags = m.optionalStringMap("Tags");
        if (tags == null) {
            throw m.missingMember("Tags");
        }
        return new AddTagsToStreamRequest(m.optionalString("StreamName"), m.optionalString("StreamARN"), tags);
    }

    static ListTagsForStreamRequest listTagsForStream(Members m) throws WireException {
        return new ListTagsForStreamRequest(
                m.optionalString("StreamName"),
                m.optionalString("StreamARN"),
                m.optionalString("ExclusiveStartTagKey"),
                m.optionalInt("Limit"));
    }

    static RemoveTagsFromStreamRequest removeTagsFromStream(Members m) throws WireException {
        List<String> keys = m.optionalStringList("TagKeys");
        if (keys == null) {
            throw m.missingMember("TagKeys");
        }
        return new RemoveTagsFromStreamRequest(m.optionalString("StreamName"), m.optionalString("StreamARN"), keys);
    }

    private static <E extends Enum<E>> E required(Members m, String name, Class<E> type) throws WireException {
        if (!m.has(name)) {
            throw m.missingMember(name);
        }
        return m.optionalEnum(name, type);
    }
}
