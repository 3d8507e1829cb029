package dev.silt.ingest.delivery.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.hive.common.type.HiveDecimal;
import org.apache.orc.TypeDescription;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Maps JSON object records onto a Parquet schema derived from the same struct type string as ORC output, so both
 * formats accept the same records and reject the rest with the same reasons ({@link OrcJsonRows#check}). Every
 * column is optional (an absent field is a null). Types: boolean, int8/16/32 and int64, float, double, decimal
 * (INT64 up to precision 18, else BINARY), string/char/varchar (STRING), binary, date, and timestamp as INT64
 * microseconds adjusted to UTC, which Hive, Spark, Trino and DuckDB all read as an instant. Immutable and
 * thread-safe.
 */
public final class ParquetJsonRows {
    private static final int LONG_DECIMAL_DIGITS = 18;

    private final OrcJsonRows rows;
    private final MessageType schema;

    public ParquetJsonRows(OrcJsonRows rows) {
        this.rows = rows;
        this.schema = new MessageType("record", fields(rows.schema()));
    }

    /** The declared schema as ORC types; {@link OrcJsonRows#check} decides whether a record fits. */
    public OrcJsonRows rows() {
        return rows;
    }

    public MessageType schema() {
        return schema;
    }

    private static List<Type> fields(TypeDescription struct) {
        List<Type> out = new ArrayList<>();
        List<String> names = struct.getFieldNames();
        for (int i = 0; i < names.size(); i++) {
            out.add(type(struct.getChildren().get(i), names.get(i)));
        }
        return out;
    }

    private static Type type(TypeDescription t, String name) {
        return switch (t.getCategory()) {
            case BOOLEAN -> Types.optional(PrimitiveTypeName.BOOLEAN).named(name);
            case BYTE -> Types.optional(PrimitiveTypeName.INT32)
                    .as(LogicalTypeAnnotation.intType(8, true))
                    .named(name);
            case SHORT -> Types.optional(PrimitiveTypeName.INT32)
                    .as(LogicalTypeAnnotation.intType(16, true))
                    .named(name);
            case INT -> Types.optional(PrimitiveTypeName.INT32).named(name);
            case LONG -> Types.optional(PrimitiveTypeName.INT64).named(name);
            case FLOAT -> Types.optional(PrimitiveTypeName.FLOAT).named(name);
            case DOUBLE -> Types.optional(PrimitiveTypeName.DOUBLE).named(name);
            case DECIMAL -> Types.optional(
                            t.getPrecision() <= LONG_DECIMAL_DIGITS
                                    ? PrimitiveTypeName.INT64
                                    : PrimitiveTypeName.BINARY)
                    .as(LogicalTypeAnnotation.decimalType(t.getScale(), t.getPrecision()))
                    .named(name);
            case STRING, CHAR, VARCHAR -> Types.optional(PrimitiveTypeName.BINARY)
                    .as(LogicalTypeAnnotation.stringType())
                    .named(name);
            case BINARY -> Types.optional(PrimitiveTypeName.BINARY).named(name);
            case DATE -> Types.optional(PrimitiveTypeName.INT32)
                    .as(LogicalTypeAnnotation.dateType())
                    .named(name);
            case TIMESTAMP -> Types.optional(PrimitiveTypeName.INT64)
                    .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS))
                    .named(name);
            case STRUCT -> new GroupType(Type.Repetition.OPTIONAL, name, fields(t));
            default -> throw new IllegalArgumentException(
                    "type " + t + " of column '" + name + "' has no Parquet mapping for JSON records");
        };
    }

    /** Writes {@code record} (already {@link OrcJsonRows#check checked}) as one Parquet record. */
    public void write(RecordConsumer out, JsonNode record) {
        out.startMessage();
        writeFields(out, rows.schema(), record);
        out.endMessage();
    }

    private static void writeFields(RecordConsumer out, TypeDescription struct, JsonNode node) {
        List<String> names = struct.getFieldNames();
        for (int i = 0; i < names.size(); i++) {
            JsonNode value = node.get(names.get(i));
            if (value == null || value.isNull()) {
                continue; // an optional field left out is a null
            }
            out.startField(names.get(i), i);
            writeValue(out, struct.getChildren().get(i), value);
            out.endField(names.get(i), i);
        }
    }

    private static void writeValue(RecordConsumer out, TypeDescription t, JsonNode value) {
        switch (t.getCategory()) {
            case BOOLEAN -> out.addBoolean(value.asBoolean());
            case BYTE, SHORT, INT -> out.addInteger(value.asInt());
            case LONG -> out.addLong(value.asLong());
            case FLOAT -> out.addFloat((float) value.asDouble());
            case DOUBLE -> out.addDouble(value.asDouble());
            case DECIMAL -> {
                HiveDecimal d = OrcJsonRows.decimal(value, t);
                BigInteger unscaled = d.bigDecimalValue().setScale(t.getScale()).unscaledValue();
                if (t.getPrecision() <= LONG_DECIMAL_DIGITS) {
                    out.addLong(unscaled.longValueExact());
                } else {
                    out.addBinary(Binary.fromConstantByteArray(unscaled.toByteArray()));
                }
            }
            case STRING, CHAR, VARCHAR -> out.addBinary(Binary.fromString(value.asText()));
            case BINARY -> {
                try {
                    out.addBinary(Binary.fromConstantByteArray(value.binaryValue()));
                } catch (IOException e) {
                    throw new IllegalStateException("binary value passed the check but does not decode", e);
                }
            }
            case DATE -> out.addInteger(Math.toIntExact(OrcJsonRows.date(value)));
            case TIMESTAMP -> {
                Instant instant = OrcJsonRows.timestamp(value);
                out.addLong(ChronoUnit.MICROS.between(Instant.EPOCH, instant));
            }
            case STRUCT -> {
                out.startGroup();
                writeFields(out, t, value);
                out.endGroup();
            }
            default -> throw new IllegalStateException("unsupported type " + t);
        }
    }
}
