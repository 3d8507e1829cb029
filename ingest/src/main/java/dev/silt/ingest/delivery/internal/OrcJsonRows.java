package dev.silt.ingest.delivery.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * lacks are ignored (a repeated field: the last one counts), and a value of the wrong kind is a reason for the
 * error output. Timestamps take epoch milliseconds or ISO-8601 instants, dates {@code yyyy-MM-dd}. Supported
 * types: boolean, tinyint to bigint, float, double, decimal, string, char, varchar, binary (base64 text), date,
 * timestamp, and structs of them.
 *
 * <p>Records are read with a streaming parser straight into column vectors: no JSON tree is built, which is most of
 * what converting small records costs. Immutable and thread-safe ({@link #check} uses a per-thread scratch row).
 */
public final class OrcJsonRows {
    private static final JsonFactory JSON = new JsonFactory();

    private final TypeDescription schema;
    private final Shape root;
    private final ThreadLocal<VectorizedRowBatch> scratch;

    /** A struct of the schema with its field names indexed. */
    private static final class Shape {
        final TypeDescription type;
        final Map<String, Integer> index = new HashMap<>();
        final Shape[] children;

        Shape(TypeDescription type) {
            this.type = type;
            List<TypeDescription> kids = type.getChildren();
            List<String> names = type.getFieldNames();
            this.children = new Shape[kids.size()];
            for (int i = 0; i < kids.size(); i++) {
                index.put(names.get(i), i);
                if (kids.get(i).getCategory() == TypeDescription.Category.STRUCT) {
                    children[i] = new Shape(kids.get(i));
                }
            }
        }
    }

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
        this.root = new Shape(this.schema);
        this.scratch = ThreadLocal.withInitial(() -> this.schema.createRowBatch(1));
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

    /** Why {@code json} does not fit the schema (or is not one JSON object), or {@code null} if it does. */
    public String check(byte[] json) {
        VectorizedRowBatch batch = scratch.get();
        batch.reset();
        return fill(batch, 0, json);
    }

    /**
     * Puts {@code json} into row {@code row} of {@code batch}; returns why it does not fit (the row's content is
     * then undefined), or {@code null}. The caller counts the row into {@code batch.size}.
     */
    public String fill(VectorizedRowBatch batch, int row, byte[] json) {
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return "not a JSON object";
            }
            String problem = readStruct(p, root, batch.cols, row, "");
            if (problem != null) {
                return problem;
            }
            JsonToken after = p.nextToken();
            return after == null ? null : "not JSON: content after the object (" + after + ")";
        } catch (JsonProcessingException e) {
            return "not JSON: " + e.getOriginalMessage().lines().findFirst().orElse("");
        } catch (IOException e) {
            return "not JSON: " + e.getMessage();
        }
    }

    private static String readStruct(JsonParser p, Shape shape, ColumnVector[] cols, int row, String path)
            throws IOException {
        for (ColumnVector col : cols) {
            setNull(col, row);
        }
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            Integer i = shape.index.get(p.currentName());
            JsonToken value = p.nextToken();
            if (i == null) {
                p.skipChildren();
                continue;
            }
            if (value == JsonToken.VALUE_NULL) {
                setNull(cols[i], row);
                continue;
            }
            TypeDescription type = shape.type.getChildren().get(i);
            String name = shape.type.getFieldNames().get(i);
            String column = path.isEmpty() ? name : path + "." + name;
            String problem = readValue(p, value, type, shape.children[i], cols[i], row, column);
            if (problem != null) {
                return problem;
            }
        }
        return t == JsonToken.END_OBJECT ? null : "not JSON: unexpected " + t;
    }

    private static void setNull(ColumnVector vector, int row) {
        vector.noNulls = false;
        vector.isNull[row] = true;
        if (vector instanceof StructColumnVector s) {
            for (ColumnVector field : s.fields) {
                setNull(field, row);
            }
        }
    }

    private static String readValue(
            JsonParser p, JsonToken t, TypeDescription type, Shape shape, ColumnVector vector, int row, String column)
            throws IOException {
        switch (type.getCategory()) {
            case BOOLEAN -> {
                if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
                    return mismatch(p, t, column, type);
                }
                ((LongColumnVector) vector).vector[row] = t == JsonToken.VALUE_TRUE ? 1 : 0;
            }
            case BYTE -> {
                return integral(p, t, type, vector, row, column, Byte.MIN_VALUE, Byte.MAX_VALUE);
            }
            case SHORT -> {
                return integral(p, t, type, vector, row, column, Short.MIN_VALUE, Short.MAX_VALUE);
            }
            case INT -> {
                return integral(p, t, type, vector, row, column, Integer.MIN_VALUE, Integer.MAX_VALUE);
            }
            case LONG -> {
                return integral(p, t, type, vector, row, column, Long.MIN_VALUE, Long.MAX_VALUE);
            }
            case FLOAT, DOUBLE -> {
                if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
                    return mismatch(p, t, column, type);
                }
                ((DoubleColumnVector) vector).vector[row] = p.getDoubleValue();
            }
            case DECIMAL -> {
                HiveDecimal d = decimal(p, t, type);
                if (d == null) {
                    return mismatch(p, t, column, type);
                }
                ((DecimalColumnVector) vector).set(row, d);
            }
            case STRING, CHAR, VARCHAR -> {
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    return mismatch(p, t, column, type);
                }
                ((BytesColumnVector) vector).setVal(row, p.getText().getBytes(StandardCharsets.UTF_8));
            }
            case BINARY -> {
                if (t != JsonToken.VALUE_STRING) {
                    return mismatch(p, t, column, type);
                }
                byte[] bytes;
                try {
                    bytes = p.getBinaryValue();
                } catch (JsonProcessingException e) {
                    return "column '" + column + "': not base64 text";
                }
                ((BytesColumnVector) vector).setVal(row, bytes);
            }
            case DATE -> {
                Long day = t == JsonToken.VALUE_STRING ? date(p.getText()) : null;
                if (day == null) {
                    return mismatch(p, t, column, type);
                }
                ((LongColumnVector) vector).vector[row] = day;
            }
            case TIMESTAMP -> {
                Instant instant = timestamp(p, t);
                if (instant == null) {
                    return mismatch(p, t, column, type);
                }
                ((TimestampColumnVector) vector).set(row, Timestamp.from(instant));
            }
            case STRUCT -> {
                if (t != JsonToken.START_OBJECT) {
                    return mismatch(p, t, column, type);
                }
                String problem = readStruct(p, shape, ((StructColumnVector) vector).fields, row, column);
                if (problem != null) {
                    return problem;
                }
            }
            default -> {
                return "column '" + column + "': type " + type + " is not supported";
            }
        }
        vector.isNull[row] = false;
        return null;
    }

    private static String integral(
            JsonParser p,
            JsonToken t,
            TypeDescription type,
            ColumnVector vector,
            int row,
            String column,
            long min,
            long max)
            throws IOException {
        if (t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            return mismatch(p, t, column, type);
        }
        long v = p.getLongValue();
        if (v < min || v > max) {
            return mismatch(p, t, column, type);
        }
        ((LongColumnVector) vector).vector[row] = v;
        vector.isNull[row] = false;
        return null;
    }

    private static String mismatch(JsonParser p, JsonToken t, String column, TypeDescription type) throws IOException {
        String shown =
                switch (t) {
                    case START_OBJECT -> "an object";
                    case START_ARRAY -> "an array";
                    case VALUE_STRING -> '"' + p.getText() + '"';
                    default -> p.getText();
                };
        if (shown.length() > 80) {
            shown = shown.substring(0, 77) + "...";
        }
        return "column '" + column + "' expects " + type + ", got " + shown;
    }

    private static HiveDecimal decimal(JsonParser p, JsonToken t, TypeDescription type) throws IOException {
        BigDecimal d;
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            d = p.getDecimalValue();
        } else if (t == JsonToken.VALUE_STRING) {
            try {
                d = new BigDecimal(p.getText());
            } catch (NumberFormatException e) {
                return null;
            }
        } else {
            return null;
        }
        HiveDecimal h = HiveDecimal.create(d);
        return h == null ? null : HiveDecimal.enforcePrecisionScale(h, type.getPrecision(), type.getScale());
    }

    private static Long date(String text) {
        try {
            return LocalDate.parse(text).toEpochDay();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Instant timestamp(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            return Instant.ofEpochMilli(p.getLongValue());
        }
        if (t == JsonToken.VALUE_STRING) {
            try {
                return Instant.parse(p.getText());
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }

    // Value conversions of a parsed JSON tree, shared with the Parquet writer (which writes from trees); they
    // accept exactly what the streaming conversion above accepts.

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
        return value.isTextual() ? date(value.asText()) : null;
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
}
