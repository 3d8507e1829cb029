package dev.silt.cli.sql;

import java.util.List;

/** psql's expanded display ({@code \x}): each row as a {@code -[ RECORD n ]-} block of {@code name | value} lines. */
final class VerticalFormatter implements ResultFormatter {
    @Override
    public void format(ResultTable table, String nullText, boolean footer, StringBuilder out) {
        List<ResultTable.Column> cols = table.columns();
        int nameWidth = 0;
        for (ResultTable.Column c : cols) {
            nameWidth = Math.max(nameWidth, Values.width(c.name()));
        }
        int r = 0;
        for (List<Object> row : table.rows()) {
            r++;
            String head = "-[ RECORD " + r + " ]";
            out.append(head)
                    .append("-".repeat(Math.max(1, nameWidth + 3 - head.length())))
                    .append('\n');
            for (int c = 0; c < cols.size(); c++) {
                String name = cols.get(c).name();
                out.append(name);
                Values.pad(out, nameWidth - Values.width(name));
                Object v = row.get(c);
                out.append(" | ")
                        .append(v == null ? nullText : Values.oneLine(Values.text(v)))
                        .append('\n');
            }
        }
        if (table.rows().isEmpty()) {
            out.append("(0 rows)\n");
        } else if (footer) {
            int count = table.rows().size();
            out.append('(')
                    .append(count)
                    .append(count == 1 ? " row)" : " rows)")
                    .append('\n');
        }
    }
}
