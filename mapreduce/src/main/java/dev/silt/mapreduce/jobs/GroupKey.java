package dev.silt.mapreduce.jobs;

import dev.silt.mapreduce.event.ClickEvent;
import dev.silt.mapreduce.event.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.cli.Option;
import org.apache.hadoop.io.Text;

/**
 * The values of an event's group fields as one key: tab-separated, absent values as {@code \N} (Hive's null). Shared
 * by the jobs that group ({@code aggregate}, {@code topn}, {@code distinct}) so that their keys and outputs agree.
 * Not thread-safe: one per task.
 */
final class GroupKey {
    static final String NULL = "\\N";
    private static final byte[] NULL_BYTES = NULL.getBytes(StandardCharsets.US_ASCII);

    private final List<Field> fields;
    private final StringBuilder sb = new StringBuilder();
    private byte[] bytes = new byte[64];

    GroupKey(List<Field> fields) {
        this.fields = List.copyOf(fields);
    }

    /** Parses {@code country,status}; an unknown field is a clear error. */
    static List<Field> parse(String spec) {
        List<Field> fields = new ArrayList<>();
        for (String name : spec.split(",", -1)) {
            fields.add(Field.of(name));
        }
        return fields;
    }

    /** The {@code --group-by} option. */
    static Option option(String example) {
        return Option.builder()
                .longOpt("group-by")
                .hasArg()
                .argName("field,…")
                .desc("fields that form a group, e.g. " + example + " (also: hour, date)")
                .build();
    }

    List<Field> fields() {
        return fields;
    }

    /** The key as text. */
    String format(ClickEvent event) {
        sb.setLength(0);
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                sb.append('\t');
            }
            String v = event.getString(fields.get(i));
            sb.append(v == null ? NULL : v);
        }
        return sb.toString();
    }

    /**
     * Sets {@code key} to the event's group. All-ASCII values (country codes, status codes, user ids: the common
     * case) are written straight into the key's bytes, without a joined String and its encoder, the map side's one
     * allocation per event; anything else goes through {@link #format} and is encoded exactly the same.
     */
    void set(ClickEvent event, Text key) {
        int len = 0;
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                len = put(len, (byte) '\t');
            }
            Field f = fields.get(i);
            if (f.isNumeric() && f != Field.TS) {
                len = putDigits(len, event.getLong(f));
                continue;
            }
            String v = event.getString(f);
            if (v == null) {
                for (byte b : NULL_BYTES) {
                    len = put(len, b);
                }
                continue;
            }
            for (int c = 0; c < v.length(); c++) {
                char ch = v.charAt(c);
                if (ch >= 0x80) {
                    key.set(format(event));
                    return;
                }
                len = put(len, (byte) ch);
            }
        }
        key.set(bytes, 0, len);
    }

    private int put(int len, byte b) {
        if (len == bytes.length) {
            bytes = Arrays.copyOf(bytes, len * 2);
        }
        bytes[len] = b;
        return len + 1;
    }

    /** {@link Long#toString(long)}'s characters, without the String. */
    private int putDigits(int len, long value) {
        if (value == Long.MIN_VALUE) {
            String digits = Long.toString(value);
            for (int i = 0; i < digits.length(); i++) {
                len = put(len, (byte) digits.charAt(i));
            }
            return len;
        }
        long v = value;
        if (v < 0) {
            len = put(len, (byte) '-');
            v = -v;
        }
        int start = len;
        do {
            len = put(len, (byte) ('0' + v % 10));
            v /= 10;
        } while (v != 0);
        for (int i = start, j = len - 1; i < j; i++, j--) {
            byte t = bytes[i];
            bytes[i] = bytes[j];
            bytes[j] = t;
        }
        return len;
    }
}
