package dev.silt.ingest.wire.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.silt.ingest.delivery.DeliveryStreamException;
import dev.silt.ingest.delivery.DeliveryStreamStatus;
import dev.silt.ingest.delivery.DeliveryStreams;
import dev.silt.ingest.delivery.ServiceUnavailableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The Firehose operations over a {@link DeliveryStreams} manager ({@code X-Amz-Target: Firehose_20150804.<Op>}):
 * {@code PutRecord}, {@code PutRecordBatch}, {@code CreateDeliveryStream}, {@code DeleteDeliveryStream}, {@code
 * DescribeDeliveryStream}, {@code ListDeliveryStreams}, and silt's {@code StartDeliveryStream} and {@code
 * StopDeliveryStream} (see {@link FirehoseWire}). The manager's errors become the service's: unknown stream {@code
 * ResourceNotFoundException}, exists or stopped {@code ResourceInUseException}, bad values {@code
 * InvalidArgumentException}, full buffers {@code ServiceUnavailableException} with HTTP 503 (which the AWS SDKs
 * retry). Thread-safe.
 */
public final class FirehoseOperations implements OperationHandler {
    private final DeliveryStreams streams;
    private final FirehoseDescriptions descriptions;

    public FirehoseOperations(DeliveryStreams streams, String region, String account) {
        this.streams = streams;
        this.descriptions = new FirehoseDescriptions(region, account);
    }

    @Override
    public ObjectNode handle(String operation, Members m) throws WireException {
        try {
            return dispatch(operation, m);
        } catch (DeliveryStreamException e) {
            throw new WireException(
                    switch (e.reason()) {
                        case NOT_FOUND -> FirehoseWire.RESOURCE_NOT_FOUND;
                        case IN_USE -> FirehoseWire.RESOURCE_IN_USE;
                        case INVALID_ARGUMENT -> FirehoseWire.INVALID_ARGUMENT;
                    },
                    e.getMessage());
        } catch (ServiceUnavailableException e) {
            throw new WireException(FirehoseWire.SERVICE_UNAVAILABLE, e.getMessage(), 503);
        } catch (WireException e) {
            // Firehose answers a missing or malformed member as an invalid argument; bad JSON stays a
            // serialization error.
            if (KinesisWire.VALIDATION.equals(e.errorType())) {
                throw new WireException(FirehoseWire.INVALID_ARGUMENT, e.getMessage());
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ObjectNode dispatch(String operation, Members m) throws WireException, IOException {
        switch (operation) {
            case "PutRecord":
                return putRecord(m);
            case "PutRecordBatch":
                return putRecordBatch(m);
            case "CreateDeliveryStream":
                return descriptions.created(streams.create(
                        m.requiredString("DeliveryStreamName"),
                        descriptions.destination(m),
                        descriptions.source(m),
                        descriptions.settings(m),
                        true));
            case "DeleteDeliveryStream":
                streams.delete(m.requiredString("DeliveryStreamName"));
                return empty();
            case "DescribeDeliveryStream":
                String name = m.requiredString("DeliveryStreamName");
                DeliveryStreamStatus status = streams.describe(name);
                return descriptions.describe(status, streams.config(name));
            case "ListDeliveryStreams":
                return list(m);
            case FirehoseWire.START:
                streams.start(m.requiredString("DeliveryStreamName"));
                return empty();
            case FirehoseWire.STOP:
                streams.stop(m.requiredString("DeliveryStreamName"));
                return empty();
            default:
                throw new WireException(
                        KinesisWire.UNKNOWN_OPERATION,
                        "Operation " + operation + " is unknown or not supported by this server");
        }
    }

    private ObjectNode putRecord(Members m) throws WireException {
        String name = m.requiredString("DeliveryStreamName");
        Members record = m.optionalStructure("Record");
        if (record == null) {
            throw new WireException(FirehoseWire.INVALID_ARGUMENT, "PutRecord needs a Record with Data");
        }
        String id = streams.putRecord(name, record.requiredBlob("Data"));
        ObjectNode out = empty();
        out.put("RecordId", id);
        out.put("Encrypted", false);
        return out;
    }

    private ObjectNode putRecordBatch(Members m) throws WireException {
        String name = m.requiredString("DeliveryStreamName");
        if (!m.has("Records")) {
            throw new WireException(FirehoseWire.INVALID_ARGUMENT, "PutRecordBatch needs Records, 1 to 500 of them");
        }
        List<Members> entries = m.structureList("Records");
        List<byte[]> records = new ArrayList<>(entries.size());
        for (Members e : entries) {
            records.add(e.requiredBlob("Data"));
        }
        DeliveryStreams.PutResult result = streams.putRecordBatch(name, records);
        ObjectNode out = empty();
        out.put("FailedPutCount", result.failedPutCount());
        out.put("Encrypted", false);
        ArrayNode responses = out.putArray("RequestResponses");
        for (DeliveryStreams.PutEntry e : result.entries()) {
            ObjectNode r = responses.addObject();
            if (e.recordId() != null) {
                r.put("RecordId", e.recordId());
            } else {
                r.put("ErrorCode", e.errorCode());
                r.put("ErrorMessage", e.errorMessage());
            }
        }
        return out;
    }

    private ObjectNode list(Members m) throws WireException {
        Integer limit = m.optionalInt("Limit");
        if (limit != null && (limit < 1 || limit > FirehoseWire.MAX_LIST_LIMIT)) {
            throw new WireException(
                    FirehoseWire.INVALID_ARGUMENT,
                    "Limit must be between 1 and " + FirehoseWire.MAX_LIST_LIMIT + ", got " + limit);
        }
        int max = limit == null ? FirehoseWire.DEFAULT_LIST_LIMIT : limit;
        String type = m.optionalString("DeliveryStreamType");
        String after = m.optionalString("ExclusiveStartDeliveryStreamName");
        ObjectNode out = empty();
        ArrayNode names = out.putArray("DeliveryStreamNames");
        boolean more = false;
        for (String name : streams.list()) {
            if (after != null && name.compareTo(after) <= 0) {
                continue;
            }
            if (type != null) {
                DeliveryStreamStatus s;
                try {
                    s = streams.describe(name);
                } catch (DeliveryStreamException e) {
                    continue; // deleted while listing
                }
                if (!type.equals(FirehoseDescriptions.typeOf(s.definition().source()))) {
                    continue;
                }
            }
            if (names.size() == max) {
                more = true;
                break;
            }
            names.add(name);
        }
        out.put("HasMoreDeliveryStreams", more);
        return out;
    }

    private static ObjectNode empty() {
        return JsonNodeFactory.instance.objectNode();
    }
}
