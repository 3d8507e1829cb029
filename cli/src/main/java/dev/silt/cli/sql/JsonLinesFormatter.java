package dev.silt.cli.sql;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * JSON lines: one object per row, keys in column order. Numbers are JSON numbers (exact decimals stay exact; NaN
 * and infinities, which JSON lacks, are strings), booleans are booleans, NULL is {@code null}, everything else is a
 * string in the console's text form.
 */
final class JsonLinesFormatter implements ResultFormatter {
    @Override
    public void format(ResultTable table, String nullText, boolean footer, StringBuilder out) {
        List<ResultTable.Column> cols = table.columns();
        for (List<Object> row : table.rows()) {
            out.append('{');
            for (int c = 0; c < cols.size(); c++) {
                if (c > 0) {
                    out.append(',');
                }
                string(cols.get(c).name(), out);
                out.append(':');
                value(row.get(c), out);
            }
            out.append("}\n");
        }
    }

    private static void value(Object v, StringBuilder out) {
        if (v == null) {
            out.append("null");
        } else if (v instanceof Boolean) {
            out.append(v);
        } else if (v instanceof BigDecimal) {
            out.append(((BigDecimal) v).toPlainString());
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isFinite(d)) {
                out.append(v);
            } else {
                string(v.toString(), out);
            }
        } else if (v instanceof Number) {
            out.append(v);
        } else {
            string(Values.text(v), out);
        }
    }

    static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    out.append("\\\"");
                    break;
                case '\\':
                    out.append("\\\\");
                    break;
                case '\n':
                    out.append("\\n");
                    break;
                case '\r':
                    out.append("\\r");
                    break;
                case '\t':
                    out.append("\\t");
                    break;
                default:
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }
}
