package dev.silt.ingest.wire.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import dev.silt.ingest.stream.model.PutRecordsResultEntry;
import dev.silt.ingest.stream.model.Record;
import java.io.IOException;
import java.util.List;

/**
 * The two large arrays of the hot operations, PutRecords' result entries and GetRecords' records, written straight
 * to the response's generator when the tree around them is written, instead of as a node per member: they hold
 * up to 500 and 10,000 entries, and building then walking those trees cost more than the operations themselves.
 * Member for member the output is what the tree form wrote.
 */
final class RecordArrays {
    private RecordArrays() {}

    /** PutRecords' {@code Records}: a sequence number and shard per success, an error code and message per failure. */
    static final class PutResults extends JsonSerializable.Base {
        private final List<PutRecordsResultEntry> entries;

        PutResults(List<PutRecordsResultEntry> entries) {
            this.entries = entries;
        }

        @Override
        public void serialize(JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeStartArray(entries, entries.size());
            for (PutRecordsResultEntry e : entries) {
                gen.writeStartObject();
                if (e.failed()) {
                    gen.writeStringField("ErrorCode", e.errorCode());
                    if (e.errorMessage() != null) {
                        gen.writeStringField("ErrorMessage", e.errorMessage());
                    }
                } else {
                    gen.writeStringField("SequenceNumber", e.sequenceNumber());
                    gen.writeStringField("ShardId", e.shardId());
                }
                gen.writeEndObject();
            }
            gen.writeEndArray();
        }

        @Override
        public void serializeWithType(JsonGenerator gen, SerializerProvider provider, TypeSerializer t)
                throws IOException {
            serialize(gen, provider);
        }
    }

    /** GetRecords' {@code Records}: data as the protocol's blob form, arrival time as its timestamp form. */
    static final class Records extends JsonSerializable.Base {
        private final List<Record> records;

        Records(List<Record> records) {
            this.records = records;
        }

        @Override
        public void serialize(JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeStartArray(records, records.size());
            for (Record r : records) {
                gen.writeStartObject();
                gen.writeStringField("SequenceNumber", r.sequenceNumber());
                if (r.approximateArrivalTimestamp() != null) {
                    gen.writeFieldName("ApproximateArrivalTimestamp");
                    WireProtocol.writeTimestamp(
                            gen, r.approximateArrivalTimestamp().toEpochMilli());
                }
                gen.writeFieldName("Data");
                if (r.data() == null) {
                    gen.writeNull();
                } else {
                    gen.writeBinary(provider.getConfig().getBase64Variant(), r.data(), 0, r.data().length);
                }
                gen.writeStringField("PartitionKey", r.partitionKey());
                if (r.encryptionType() != null) {
                    gen.writeStringField("EncryptionType", r.encryptionType().name());
                }
                gen.writeEndObject();
            }
            gen.writeEndArray();
        }

        @Override
        public void serializeWithType(JsonGenerator gen, SerializerProvider provider, TypeSerializer t)
                throws IOException {
            serialize(gen, provider);
        }
    }
}
