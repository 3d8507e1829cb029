package dev.silt.cli.sql;

import java.util.List;

/**
 * psql's aligned table: a header, a rule, one line per row with {@code |} between columns, numbers right-aligned,
 * and a {@code (N rows)} footer. Widths are terminal columns, so wide (CJK) characters line up; control characters
 * are escaped to keep one row on one line.
 */
final class AlignedFormatter implements ResultFormatter {
    @Override
    public void format(ResultTable table, String nullText, boolean footer, StringBuilder out) {
        List<ResultTable.Column> cols = table.columns();
        int n = cols.size();
        String[][] cells = new String[table.rows().size()][n];
        int[] widths = new int[n];
        for (int c = 0; c < n; c++) {
            widths[c] = Values.width(cols.get(c).name());
        }
        for (int r = 0; r < cells.length; r++) {
            List<Object> row = table.rows().get(r);
            for (int c = 0; c < n; c++) {
                Object v = row.get(c);
                String s = v == null ? nullText : Values.oneLine(Values.text(v));
                cells[r][c] = s;
                widths[c] = Math.max(widths[c], Values.width(s));
            }
        }
        for (int c = 0; c < n; c++) {
            String name = cols.get(c).name();
            int w = Values.width(name);
            // headers are centred, as psql does
            int left = (widths[c] - w) / 2;
            out.append(c == 0 ? " " : " | ");
            Values.pad(out, left);
            out.append(name);
            if (c < n - 1) {
                Values.pad(out, widths[c] - w - left);
            }
        }
        out.append('\n');
        for (int c = 0; c < n; c++) {
            out.append(c == 0 ? "-" : "-+-");
            out.append("-".repeat(widths[c]));
        }
        out.append("-\n");
        for (String[] row : cells) {
            for (int c = 0; c < n; c++) {
                out.append(c == 0 ? " " : " | ");
                int gap = widths[c] - Values.width(row[c]);
                if (cols.get(c).numeric()) {
                    Values.pad(out, gap);
                    out.append(row[c]);
                } else {
                    out.append(row[c]);
                    if (c < n - 1) {
                        Values.pad(out, gap);
                    }
                }
            }
            out.append('\n');
        }
        if (footer) {
            int count = cells.length;
            out.append('(')
                    .append(count)
                    .append(count == 1 ? " row)" : " rows)")
                    .append('\n');
        }
    }
}
