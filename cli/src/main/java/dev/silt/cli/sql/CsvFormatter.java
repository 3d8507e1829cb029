package dev.silt.cli.sql;

import java.util.List;

/**
 * RFC 4180 CSV: a header line, then one record per row, CRLF after every record; a field is quoted (quotes doubled)
 * when it holds a comma, a quote, CR or LF, or is the empty string, so an empty field means NULL and {@code ""} an
 * empty string.
 */
final class CsvFormatter implements ResultFormatter {
    @Override
    public void format(ResultTable table, String nullText, boolean footer, StringBuilder out) {
        List<ResultTable.Column> cols = table.columns();
        for (int c = 0; c < cols.size(); c++) {
            if (c > 0) {
                out.append(',');
            }
            field(cols.get(c).name(), out);
        }
        out.append("\r\n");
        for (List<Object> row : table.rows()) {
            for (int c = 0; c < cols.size(); c++) {
                if (c > 0) {
                    out.append(',');
                }
                Object v = row.get(c);
                if (v != null) {
                    field(Values.text(v), out);
                }
            }
            out.append("\r\n");
        }
    }

    static void field(String s, StringBuilder out) {
        boolean quote = s.isEmpty();
        for (int i = 0; i < s.length() && !quote; i++) {
            char ch = s.charAt(i);
            quote = ch == ',' || ch == '"' || ch == '\r' || ch == '\n';
        }
        if (!quote) {
            out.append(s);
            return;
        }
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '"') {
                out.append('"');
            }
            out.append(ch);
        }
        out.append('"');
    }
}
