package dev.silt.sql.exec.expr;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.silt.sql.SqlException;
import dev.silt.sql.spi.ColumnType;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;

/**
 * JSON_EXTRACT_SCALAR, JSON_EXTRACT and JSON_ARRAY_LENGTH on JSON text, as Trino: a JSONPath of member names
 * ({@code $.a.b}, {@code $["a b"]}) and array indexes ({@code $.items[0]}), compiled once; each row's text is
 * streamed from its UTF-8 bytes, skipping what the path does not enter. Text that is not JSON, a missing member, or
 * (for the scalar form) a value that is an object or array gives NULL.
 */
public final class JsonFunctions {
    private static final JsonFactory JSON = new JsonFactory();

    private JsonFunctions() {}

    /** A compiled path: each step a member name (String) or an array index (Integer). */
    static List<Object> path(String path) {
        List<Object> steps = new ArrayList<>();
        String p = path.trim();
        if (!p.startsWith("$")) {
            throw badPath(path, "it must start with $");
        }
        int i = 1;
        while (i < p.length()) {
            char c = p.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < p.length() && p.charAt(end) != '.' && p.charAt(end) != '[') {
                    end++;
                }
                if (end == i + 1) {
                    throw badPath(path, "empty member name at " + i);
                }
                steps.add(p.substring(i + 1, end));
                i = end;
            } else if (c == '[') {
                int close = p.indexOf(']', i);
                if (close < 0) {
                    throw badPath(path, "unclosed [");
                }
                String in = p.substring(i + 1, close).trim();
                if (in.length() >= 2
                        && (in.startsWith("\"") && in.endsWith("\"") || in.startsWith("'") && in.endsWith("'"))) {
                    steps.add(in.substring(1, in.length() - 1));
                } else {
                    try {
                        steps.add(Integer.valueOf(in));
                    } catch (NumberFormatException e) {
                        throw badPath(path, "'" + in + "' is not an array index");
                    }
                }
                i = close + 1;
            } else {
                throw badPath(path, "unexpected '" + c + "' at " + i);
            }
        }
        return steps;
    }

    private static SqlException badPath(String path, String why) {
        return new SqlException(SqlException.INVALID_PARAMETER_VALUE, "invalid JSON path '" + path + "': " + why, null);
    }

    /**
     * Positions the parser on the value the path names; false when there is none. The parser starts before the
     * first token.
     */
    static boolean seek(JsonParser p, List<Object> steps) throws IOException {
        if (p.nextToken() == null) {
            return false;
        }
        for (Object step : steps) {
            JsonToken t = p.currentToken();
            if (step instanceof String) {
                if (t != JsonToken.START_OBJECT) {
                    return false;
                }
                boolean found = false;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    if (name.equals(step)) {
                        found = true;
                        break;
                    }
                    p.skipChildren();
                }
                if (!found) {
                    return false;
                }
            } else {
                if (t != JsonToken.START_ARRAY) {
                    return false;
                }
                int want = (Integer) step;
                int k = 0;
                boolean found = false;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    if (p.currentToken() == null) {
                        return false;
                    }
                    if (k++ == want) {
                        found = true;
                        break;
                    }
                    p.skipChildren();
                }
                if (!found) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Which of the functions. */
    public enum Kind {
        SCALAR,
        EXTRACT,
        ARRAY_LENGTH
    }

    /** One of the JSON functions with a constant path (none for ARRAY_LENGTH). */
    public static final class Extract extends StringFunctions.Fn {
        private final Kind kind;
        private final List<Object> steps;

        public Extract(ColumnType type, Kind kind, Expr json, String path) {
            super(type, List.of(json));
            this.kind = kind;
            this.steps = path == null ? List.of() : path(path);
        }

        @Override
        void compute(ColumnVector[] in, int[] rows, int n) {
            BytesColumnVector s = (BytesColumnVector) in[0];
            for (int j = 0; j < n; j++) {
                int i = rows[j];
                if (skip(i)) {
                    continue;
                }
                try (JsonParser p = JSON.createParser(s.vector[i], s.start[i], s.length[i])) {
                    if (!seek(p, steps)) {
                        setNull(i);
                        continue;
                    }
                    switch (kind) {
                        case SCALAR:
                            scalar(p, i);
                            break;
                        case EXTRACT:
                            StringWriter w = new StringWriter();
                            try (JsonGenerator g = JSON.createGenerator(w)) {
                                g.copyCurrentStructure(p);
                            }
                            StringFunctions.setString((BytesColumnVector) out, i, w.toString());
                            break;
                        default:
                            arrayLength(p, i);
                    }
                } catch (IOException e) {
                    // not JSON: NULL, as Trino (the row's other columns are still good data)
                    setNull(i);
                }
            }
        }

        private void scalar(JsonParser p, int i) throws IOException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY || t == JsonToken.VALUE_NULL) {
                setNull(i);
            } else {
                StringFunctions.setString((BytesColumnVector) out, i, p.getText());
            }
        }

        private void arrayLength(JsonParser p, int i) throws IOException {
            if (p.currentToken() != JsonToken.START_ARRAY) {
                setNull(i);
                return;
            }
            long k = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                p.skipChildren();
                k++;
            }
            ((LongColumnVector) out).vector[i] = k;
        }
    }
}
