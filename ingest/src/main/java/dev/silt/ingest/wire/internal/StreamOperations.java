package dev.silt.ingest.wire.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.silt.ingest.stream.StreamErrorType;
import dev.silt.ingest.stream.StreamException;
import dev.silt.ingest.stream.StreamService;

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
                service.createStream(StreamRequests.createStream(m));
                return empty();
            case "DeleteStream":
                service.deleteStream(StreamRequests.deleteStream(m));
                return empty();
            case "ListStreams":
                return StreamResponses.listStreams(service.listStreams(StreamRequests.listStreams(m)));
            case "DescribeStream":
                return StreamResponses.describeStream(service.describeStream(StreamRequests.describeStream(m)));
            case "DescribeStreamSummary":
                return StreamResponses.describeStreamSummary(
                        service.describeStreamSummary(StreamRequests.describeStreamSummary(m)));
            case "ListShards":
                return StreamResponses.listShards(service.listShards(StreamRequests.listShards(m)));
            case "PutRecord":
                return StreamResponses.putRecord(service.putRecord(StreamRequests.putRecord(m)));
            case "PutRecords":
                return StreamResponses.putRecords(service.putRecords(StreamRequests.putRecords(m)));
            case "GetShardIterator":
                return StreamResponses.getShardIterator(service.getShardIterator(StreamRequests.getShardIterator(m)));
            case "GetRecords":
                return StreamResponses.getRecords(service.getRecords(StreamRequests.getRecords(m)));
            case "SplitShard":
                service.splitShard(StreamRequests.splitShard(m));
                return empty();
            case "MergeShards":
                service.mergeShards(StreamRequests.mergeShards(m));
                return empty();
            case "UpdateShardCount":
                return StreamResponses.updateShardCount(service.updateShardCount(StreamRequests.updateShardCount(m)));
            case "IncreaseStreamRetentionPeriod":
                service.increaseStreamRetentionPeriod(StreamRequests.increaseStreamRetentionPeriod(m));
                return empty();
            case "DecreaseStreamRetentionPeriod":
                service.decreaseStreamRetentionPeriod(StreamRequests.decreaseStreamRetentionPeriod(m));
                return empty();
            case "AddTagsToStream":
                service.addTagsToStream(StreamRequests.addTagsToStream(m));
                return empty();
            case "ListTagsForStream":
                return StreamResponses.listTagsForStream(
                        service.listTagsForStream(StreamRequests.listTagsForStream(m)));
            case "RemoveTagsFromStream":
                service.removeTagsFromStream(StreamRequests.removeTagsFromStream(m));
                return empty();
            default:
                throw new WireException(
                        KinesisWire.UNKNOWN_OPERATION,
                        "Operation " + operation + " is unknown or not supported by this server");
        }
    }

    private static ObjectNode empty() {
        return JsonNodeFactory.instance.objectNode();
    }
}
