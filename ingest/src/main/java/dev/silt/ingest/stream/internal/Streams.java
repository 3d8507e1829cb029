package dev.silt.ingest.stream.internal;

import dev.silt.ingest.stream.StreamServiceOptions;
import dev.silt.ingest.stream.model.AddTagsToStreamRequest;
import dev.silt.ingest.stream.model.CreateStreamRequest;
import dev.silt.ingest.stream.model.DecreaseStreamRetentionPeriodRequest;
import dev.silt.ingest.stream.model.DeleteStreamRequest;
import dev.silt.ingest.stream.model.DescribeStreamRequest;
import dev.silt.ingest.stream.model.DescribeStreamResponse;
import dev.silt.ingest.stream.model.DescribeStreamSummaryRequest;
import dev.silt.ingest.stream.model.DescribeStreamSummaryResponse;
import dev.silt.ingest.stream.model.GetRecordsRequest;
import dev.silt.ingest.stream.model.GetRecordsResponse;
import dev.silt.ingest.stream.model.GetShardIteratorRequest;
import dev.silt.ingest.stream.model.GetShardIteratorResponse;
import dev.silt.ingest.stream.model.IncreaseStreamRetentionPeriodRequest;
import dev.silt.ingest.stream.model.ListShardsRequest;
import dev.silt.ingest.stream.model.ListShardsResponse;
import dev.silt.ingest.stream.model.ListStreamsRequest;
import dev.silt.ingest.stream.model.ListStreamsResponse;
import dev.silt.ingest.stream.model.ListTagsForStreamRequest;
import dev.silt.ingest.stream.model.ListTagsForStreamResponse;
import dev.silt.ingest.stream.model.MergeShardsRequest;
import dev.silt.ingest.stream.model.PutRecordRequest;
import dev.silt.ingest.stream.model.PutRecordResponse;
import dev.silt.ingest.stream.model.PutRecordsRequest;
import dev.silt.ingest.stream.model.PutRecordsResponse;
import dev.silt.ingest.stream.model.RemoveTagsFromStreamRequest;
import dev.silt.ingest.stream.model.SplitShardRequest;
import dev.silt.ingest.stream.model.UpdateShardCountRequest;
import dev.silt.ingest.stream.model.UpdateShardCountResponse;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;

/** Every stream of a data directory, and the operations on them; the engine behind the public service. */
public final class Streams implements Closeable {
    public static Streams open(
            Path dataDir, StreamServiceOptions options, Clock clock, ScheduledExecutorService scheduler)
            throws IOException {
        throw new UnsupportedOperationException("open " + dataDir + options + clock + scheduler);
    }

    public void createStream(CreateStreamRequest request) {
        throw new UnsupportedOperationException("createStream");
    }

    public void deleteStream(DeleteStreamRequest request) {
        throw new UnsupportedOperationException("deleteStream");
    }

    public ListStreamsResponse listStreams(ListStreamsRequest request) {
        throw new UnsupportedOperationException("listStreams");
    }

    public DescribeStreamResponse describeStream(DescribeStreamRequest request) {
        throw new UnsupportedOperationException("describeStream");
    }

    public DescribeStreamSummaryResponse describeStreamSummary(DescribeStreamSummaryRequest request) {
        throw new UnsupportedOperationException("describeStreamSummary");
    }

    public ListShardsResponse listShards(ListShardsRequest request) {
        throw new UnsupportedOperationException("listShards");
    }

    public PutRecordResponse putRecord(PutRecordRequest request) {
        throw new UnsupportedOperationException("putRecord");
    }

    public PutRecordsResponse putRecords(PutRecordsRequest request) {
        throw new UnsupportedOperationException("putRecords");
    }

    public GetShardIteratorResponse getShardIterator(GetShardIteratorRequest request) {
        throw new UnsupportedOperationException("getShardIterator");
    }

    public GetRecordsResponse getRecords(GetRecordsRequest request) {
        throw new UnsupportedOperationException("getRecords");
    }

    public void splitShard(SplitShardRequest request) {
        throw new UnsupportedOperationException("splitShard");
    }

    public void mergeShards(MergeShardsRequest request) {
        throw new UnsupportedOperationException("mergeShards");
    }

    public UpdateShardCountResponse updateShardCount(UpdateShardCountRequest request) {
        throw new UnsupportedOperationException("updateShardCount");
    }

    public void increaseStreamRetentionPeriod(IncreaseStreamRetentionPeriodRequest request) {
        throw new UnsupportedOperationException("increaseStreamRetentionPeriod");
    }

    public void decreaseStreamRetentionPeriod(DecreaseStreamRetentionPeriodRequest request) {
        throw new UnsupportedOperationException("decreaseStreamRetentionPeriod");
    }

    public void addTagsToStream(AddTagsToStreamRequest request) {
        throw new UnsupportedOperationException("addTagsToStream");
    }

    public ListTagsForStreamResponse listTagsForStream(ListTagsForStreamRequest request) {
        throw new UnsupportedOperationException("listTagsForStream");
    }

    public void removeTagsFromStream(RemoveTagsFromStreamRequest request) {
        throw new UnsupportedOperationException("removeTagsFromStream");
    }

    public void runMaintenance() {
        throw new UnsupportedOperationException("runMaintenance");
    }

    @Override
    public void close() throws IOException {}
}
