package dev.silt.mapreduce.jobs;

import dev.silt.mapreduce.event.MalformedRecordException;
import dev.silt.mapreduce.event.Reason;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits one CSV line into fields, RFC 4180 style: fields separated by commas; a field may be enclosed in double
 * quotes, and then may hold commas and doubled quotes ({@code ""} for {@code "}). Spaces are part of fields.
 *
 * <p>Strict where a lenient reading would guess: a quote inside an unquoted field, text after a closing quote, and an
 * unterminated quote are errors. A record is one line: quoted fields spanning lines are not supported and show up as
 * unterminated quotes, so they are reported instead of being joined with the wrong data.
 */
final class CsvLine {
    private CsvLine() {}

    /**
     * The fields of {@code line} (without its line terminator).
     *
     * @throws MalformedRecordException with {@link Reason#BAD_DIMENSION_ROW} when the quoting is broken
     */
    static List<String> parse(String line) throws MalformedRecordException {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        int n = line.length();
        while (true) {
            field.setLength(0);
            if (i < n && line.charAt(i) == '"') {
                int open = i;
                i++;
                while (true) {
                    if (i >= n) {
                        throw broken("unterminated quoted field starting at column " + (open + 1));
                    }
                    char c = line.charAt(i);
                    if (c == '"') {
                        if (i + 1 < n && line.charAt(i + 1) == '"') {
                            field.append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    field.append(c);
                    i++;
                }
                if (i < n && line.charAt(i) != ',') {
                    throw broken("text after the closing quote at column " + i);
                }
            } else {
                while (i < n && line.charAt(i) != ',') {
                    char c = line.charAt(i);
                    if (c == '"') {
                        throw broken("quote inside an unquoted field at column " + (i + 1));
                    }
                    field.append(c);
                    i++;
                }
            }
            fields.add(field.toString());
            if (i >= n) {
                return fields;
            }
            i++; // the comma
        }
    }

    private static MalformedRecordException broken(String detail) {
        return new MalformedRecordException(Reason.BAD_DIMENSION_ROW, "broken quotes: " + detail);
    }
}
