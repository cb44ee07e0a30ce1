package org.sealbook.toolkit.view;

import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** A Tablesaw table as aligned plain-text lines: numbers right-aligned, text left-aligned. */
final class TextTable {
    static final int MAX_ROWS = 20;
    static final String MISSING = "missing";

    private TextTable() {
    }

    static List<String> lines(Table table) {
        int shown = Math.min(table.rowCount(), MAX_ROWS);
        List<Column<?>> columns = table.columns();
        int[] widths = new int[columns.size()];
        List<String[]> cells = new ArrayList<>();
        for (int row = 0; row < shown; row++) {
            String[] values = new String[columns.size()];
            for (int c = 0; c < columns.size(); c++) {
                Column<?> column = columns.get(c);
                values[c] = column.isMissing(row) ? MISSING : column.getString(row);
            }
            cells.add(values);
        }
        for (int c = 0; c < columns.size(); c++) {
            widths[c] = columns.get(c).name().length();
            for (String[] values : cells) {
                widths[c] = Math.max(widths[c], values[c].length());
            }
        }
        List<String> lines = new ArrayList<>();
        String[] header = columns.stream().map(Column::name).toArray(String[]::new);
        lines.add(row(header, widths, columns));
        StringBuilder rule = new StringBuilder();
        for (int c = 0; c < widths.length; c++) {
            rule.append(c == 0 ? "" : "  ").append("-".repeat(widths[c]));
        }
        lines.add(rule.toString());
        cells.forEach(values -> lines.add(row(values, widths, columns)));
        int hidden = table.rowCount() - shown;
        if (table.rowCount() == 0) {
            lines.add("(no rows)");
        } else if (hidden > 0) {
            lines.add("… " + hidden + " more " + (hidden == 1 ? "row" : "rows") + " not shown ("
                    + table.rowCount() + " in all).");
        }
        return lines;
    }

    private static String row(String[] values, int[] widths, List<Column<?>> columns) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < values.length; c++) {
            String padding = " ".repeat(widths[c] - values[c].length());
            line.append(c == 0 ? "" : "  ");
            // Numbers line up on their last digit, so they are padded on the left.
            line.append(columns.get(c) instanceof NumericColumn<?> ? padding + values[c] : values[c] + padding);
        }
        return line.toString().stripTrailing();
    }
}
