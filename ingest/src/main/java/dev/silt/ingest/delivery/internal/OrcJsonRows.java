package dev.silt.ingest.delivery.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.apache.hadoop.hive.common.type.HiveDecimal;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DecimalColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.StructColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.TimestampColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.orc.TypeDescription;

/**
 * Maps JSON object records onto an ORC schema by field name: absent or null fields are nulls, fields the schema
 * lacks are ignored, and a value of the wrong kind is a reason for the error output. Timestamps take epoch
 * milliseconds or ISO-8601 instants, dates {@code yyyy-MM-dd}. Supported types: boolean, tinyint to bigint,
 * float, double, decimal, string, char, varchar, binary (base64 text), date, timestamp, and structs of them.
 * Immutable and thread-safe.
 */
public final class OrcJsonRows {
    private final TypeDescription schema;

    public OrcJsonRows(String schema) {
        try {
            this.schema = TypeDescription.fromString(schema);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad ORC schema '" + schema + "': " + e.getMessage(), e);
        }
        if (this.schema.getCategory() != TypeDescription.Category.STRUCT) {
            throw new IllegalArgumentException("the ORC schema must be a struct<...>, got '" + schema + "'");
        }
        checkSupported(this.schema, "");
    }

    public TypeDescription schema() {
        return schema;
    }

    private static void checkSupported(TypeDescription type, String path) {
        switch (type.getCategory()) {
            case LIST, MAP, UNION, TIMESTAMP_INSTANT -> throw new IllegalArgumentException(
                    "ORC type " + type + " of column '" + path + "' is not supported for JSON records");
            case STRUCT -> {
                List<String> names = type.getFieldNames();
                for (int i = 0; i < names.size(); i++) {
                    checkSupported(
                            type.getChildren().get(i), path.isEmpty() ? names.get(i) : path + "." + names.get(i));
                }
            }
            default -> {}
        }
    }

    /** Why {@code record} does not fit the schema, or {@code null} if it does. */
    public String check(JsonNode record) {
        if (record == null || !record.isObject()) {
            return "not a JSON object";
        }
        return checkStruct(schema, record, "");
    }

    private static String checkStruct(TypeDescription type, JsonNode node, String path) {
        List<String> names = type.getFieldNames();
        for (int i = 0; i < names.size(); i++) {
            String column = path.isEmpty() ? names.get(i) : path + "." + names.get(i);
            JsonNode value = node.get(names.get(i));
            if (value == null || value.isNull()) {
                continue;
            }
            String problem = checkValue(type.getChildren().get(i), value, column);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private static String checkValue(TypeDescription type, JsonNode value, String column) {
        switch (type.getCategory()) {
            case BOOLEAN:
                return value.isBoolean() ? null : mismatch(column, type, value);
            case BYTE:
                return integral(value, Byte.MIN_VALUE, Byte.MAX_VALUE) ? null : mismatch(column, type, value);
            case SHORT:
                return integral(value, Short.MIN_VALUE, Short.MAX_VALUE) ? null : mismatch(column, type, value);
            case INT:
                return integral(value, Integer.MIN_VALUE, Integer.MAX_VALUE) ? null : mismatch(column, type, value);
            case LONG:
                return value.isIntegralNumber() && value.canConvertToLong() ? null : mismatch(column, type, value);
            case FLOAT:
            case DOUBLE:
                return value.isNumber() ? null : mismatch(column, type, value);
            case DECIMAL:
                if (!value.isNumber() && !value.isTextual()) {
                    return mismatch(column, type, value);
                }
                return decimal(value, type) == null ? mismatch(column, type, value) : null;
            case STRING:
            case CHAR:
            case VARCHAR:
                return value.isValueNode() ? null : mismatch(column, type, value);
            case BINARY:
                if (!value.isTextual()) {
                    return mismatch(column, type, value);
                }
                try {
                    value.binaryValue();
                    return null;
                } catch (java.io.IOException e) {
                    return "column '" + column + "': not base64 text";
                }
            case DATE:
                return date(value) == null ? mismatch(column, type, value) : null;
            case TIMESTAMP:
                return timestamp(value) == null ? mismatch(column, type, value) : null;
            case STRUCT:
                return value.isObject() ? checkStruct(type, value, column) : mismatch(column, type, value);
            default:
                return "column '" + column + "': type " + type + " is not supported";
        }
    }

    private static String mismatch(String column, TypeDescription type, JsonNode value) {
        String shown = value.toString();
        if (shown.length() > 80) {
            shown = shown.substring(0, 77) + "...";
        }
        return "column '" + column + "' expects " + type + ", got " + shown;
    }

    private static boolean integral(JsonNode value, long min, long max) {
        return value.isIntegralNumber() && value.canConvertToLong() && value.asLong() >= min && value.asLong() <= max;
    }

    static HiveDecimal decimal(JsonNode value, TypeDescription type) {
        try {
            BigDecimal d = value.isNumber() ? value.decimalValue() : new BigDecimal(value.asText());
            HiveDecimal h = HiveDecimal.create(d);
            return h == null ? null : HiveDecimal.enforcePrecisionScale(h, type.getPrecision(), type.getScale());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Long date(JsonNode value) {
        if (!value.isTextual()) {
            return null;
        }
        try {
            return LocalDate.parse(value.asText()).toEpochDay();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static Instant timestamp(JsonNode value) {
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return Instant.ofEpochMilli(value.asLong());
        }
        if (value.isTextual()) {
            try {
                return Instant.parse(value.asText());
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }

    /** Puts {@code record} (already {@link #check checked}) into row {@code row} of {@code batch}. */
    public void fill(VectorizedRowBatch batch, int row, JsonNode record) {
        List<TypeDescription> children = schema.getChildren();
        List<String> names = schema.getFieldNames();
        for (int i = 0; i < names.size(); i++) {
            set(batch.cols[i], row, children.get(i), record.get(names.get(i)));
        }
    }

    private static void set(ColumnVector vector, int row, TypeDescription type, JsonNode value) {
        if (value == null || value.isNull()) {
            vector.noNulls = false;
            vector.isNull[row] = true;
            if (vector instanceof StructColumnVector s) {
                for (ColumnVector field : s.fields) {
                    field.noNulls = false;
                    field.isNull[row] = true;
                }
            }
            return;
        }
        vector.isNull[row] = false;
        switch (type.getCategory()) {
            case BOOLEAN -> ((LongColumnVector) vector).vector[row] = value.asBoolean() ? 1 : 0;
            case BYTE, SHORT, INT, LONG -> ((LongColumnVector) vector).vector[row] = value.asLong();
            case FLOAT, DOUBLE -> ((DoubleColumnVector) vector).vector[row] = value.asDouble();
            case DECIMAL -> ((DecimalColumnVector) vector).set(row, decimal(value, type));
            case STRING, CHAR, VARCHAR -> {
                byte[] bytes = value.asText().getBytes(StandardCharsets.UTF_8);
                ((BytesColumnVector) vector).setVal(row, bytes);
            }
            case BINARY -> {
                try {
                    ((BytesColumnVector) vector).setVal(row, value.binaryValue());
                } catch (java.io.IOException e) {
                    throw new IllegalStateException("binary value passed the check but does not decode", e);
                }
            }
            case DATE -> ((LongColumnVector) vector).vector[row] = date(value);
            case TIMESTAMP -> ((TimestampColumnVector) vector).set(row, Timestamp.from(timestamp(value)));
            case STRUCT -> {
                StructColumnVector s = (StructColumnVector) vector;
                List<String> names = type.getFieldNames();
                for (int i = 0; i < names.size(); i++) {
                    set(s.fields[i], row, type.getChildren().get(i), value.get(names.get(i)));
                }
            }
            default -> throw new IllegalStateException("unsupported ORC type " + type);
        }
    }
}
