package dev.silt.mapreduce.jobs;

import dev.silt.mapreduce.event.MalformedRecordException;
import dev.silt.mapreduce.event.Reason;
import dev.silt.mapreduce.event.Utf8;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.util.LineReader;

/**
 * A join's dimension: the CSV header (its first line), the key column, the event fields the other columns become
 * ({@code <on>_<column>}), and for a map-side join the rows by key. Line terminators are {@code \n}, {@code \r\n} or
 * {@code \r}, as for Hadoop's text input; a UTF-8 byte-order mark before the header is ignored.
 *
 * <p>Blank lines carry no data and are skipped. A data row is usable when it is UTF-8, its quoting is sound, it has as many fields as the header and its key is
 * not empty; {@link #row} says why not otherwise. Several rows may share a key: a join emits one output per match.
 */
final class DimensionTable {
    /** Receives the rows a load could not use. */
    interface BadRows {
        void bad(long lineNumber, long offset, byte[] bytes, int length, String detail)
                throws IOException, InterruptedException;
    }

    private final List<String> columns;
    private final int keyIndex;
    private final List<String> fieldNames = new ArrayList<>();
    private final Map<String, List<List<String>>> rows = new HashMap<>();
    private long rowCount;

    /**
     * @param header the header line
     * @param keyColumn the column holding the join key
     * @param on the event field joined on; the other columns become fields {@code <on>_<column>}
     * @throws IllegalArgumentException when the header is unusable or lacks {@code keyColumn}
     */
    DimensionTable(String header, String keyColumn, String on) {
        String h = header.startsWith("\uFEFF") ? header.substring(1) : header;
        try {
            columns = List.copyOf(CsvLine.parse(h));
        } catch (MalformedRecordException e) {
            throw new IllegalArgumentException("the dimension's header is not CSV: " + e.getMessage(), e);
        }
        Set<String> seen = new HashSet<>();
        for (String c : columns) {
            if (c.isEmpty() || !seen.add(c)) {
                throw new IllegalArgumentException("the dimension's header has an empty or repeated column: " + h);
            }
        }
        keyIndex = columns.indexOf(keyColumn);
        if (keyIndex < 0) {
            throw new IllegalArgumentException(
                    "--dim-key " + keyColumn + " is not a column of the dimension; columns are " + columns);
        }
        for (int i = 0; i < columns.size(); i++) {
            if (i != keyIndex) {
                fieldNames.add(on + "_" + columns.get(i));
            }
        }
    }

    /** The names of the fields a join adds, in column order (the key column is not repeated). */
    List<String> fieldNames() {
        return fieldNames;
    }

    /**
     * Checks and splits one data row.
     *
     * @return the key first, then the values of {@link #fieldNames()} in order
     * @throws MalformedRecordException with {@link Reason#BAD_DIMENSION_ROW}
     */
    List<String> row(byte[] bytes, int length) throws MalformedRecordException {
        if (!Utf8.isValid(bytes, 0, length)) {
            throw new MalformedRecordException(Reason.BAD_DIMENSION_ROW, "row is not valid UTF-8");
        }
        List<String> fields = CsvLine.parse(new String(bytes, 0, length, StandardCharsets.UTF_8));
        if (fields.size() != columns.size()) {
            throw new MalformedRecordException(
                    Reason.BAD_DIMENSION_ROW, "row has " + fields.size() + " fields, the header has " + columns.size());
        }
        String key = fields.get(keyIndex);
        if (key.isEmpty()) {
            throw new MalformedRecordException(
                    Reason.BAD_DIMENSION_ROW, "row has an empty key column '" + columns.get(keyIndex) + "'");
        }
        List<String> out = new ArrayList<>(fields.size());
        out.add(key);
        for (int i = 0; i < fields.size(); i++) {
            if (i != keyIndex) {
                out.add(fields.get(i));
            }
        }
        return out;
    }

    /** Rows of a key (values of {@link #fieldNames()}), or an empty list. */
    List<List<String>> lookup(String key) {
        return rows.getOrDefault(key, List.of());
    }

    /** Usable rows loaded. */
    long rowCount() {
        return rowCount;
    }

    /** Reads the header line of a dimension file. */
    static String readHeader(InputStream in, Configuration conf) throws IOException {
        LineReader reader = new LineReader(in, conf);
        Text line = new Text();
        if (reader.readLine(line) == 0) {
            throw new IllegalArgumentException("the dimension file is empty; its first line must be the header");
        }
        return line.toString();
    }

    /**
     * Loads a whole dimension file for a map-side join: header, then rows by key. Unusable rows go to {@code bad}
     * with their 1-based line number and byte offset.
     */
    static DimensionTable load(InputStream in, Configuration conf, String keyColumn, String on, BadRows bad)
            throws IOException, InterruptedException {
        LineReader reader = new LineReader(in, conf);
        Text line = new Text();
        int read = reader.readLine(line);
        if (read == 0) {
            throw new IllegalArgumentException("the dimension file is empty; its first line must be the header");
        }
        DimensionTable table = new DimensionTable(line.toString(), keyColumn, on);
        long offset = read;
        long lineNumber = 1;
        while ((read = reader.readLine(line)) > 0) {
            lineNumber++;
            if (line.getLength() > 0) {
                table.add(line, lineNumber, offset, bad);
            }
            offset += read;
        }
        return table;
    }

    private void add(Text line, long lineNumber, long offset, BadRows bad) throws IOException, InterruptedException {
        try {
            List<String> r = row(line.getBytes(), line.getLength());
            rows.computeIfAbsent(r.get(0), k -> new ArrayList<>(1)).add(List.copyOf(r.subList(1, r.size())));
            rowCount++;
        } catch (MalformedRecordException e) {
            bad.bad(
                    lineNumber,
                    offset,
                    line.getBytes(),
                    line.getLength(),
                    "line " + lineNumber + ": " + e.getMessage());
        }
    }
}
