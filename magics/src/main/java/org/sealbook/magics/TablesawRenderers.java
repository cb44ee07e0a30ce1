package org.sealbook.magics;

import org.sealbook.kernel.display.MimeBundle;
import org.sealbook.kernel.display.RendererProvider;
import org.sealbook.kernel.display.RendererRegistry;
import org.sealbook.toolkit.view.Html;
import tech.tablesaw.api.Table;

/**
 * Shows Tablesaw tables as an HTML table and as Tablesaw's own text layout. Both show at most {@link #MAX_ROWS}
 * rows, the first and last halves, so a million-row table costs the notebook no more than a small one.
 */
public final class TablesawRenderers implements RendererProvider {
    public static final int MAX_ROWS = 20;

    @Override
    public void registerRenderers(RendererRegistry registry) {
        registry.register(Table.class, TablesawRenderers::render);
    }

    public static MimeBundle render(Table table) {
        return MimeBundle.of("text/html", html(table)).with("text/plain", text(table));
    }

    /** Tablesaw's print layout, which already elides the middle rows, plus how many it left out. */
    static String text(Table table) {
        String printed = table.print(MAX_ROWS).stripTrailing();
        int hidden = hiddenRows(table);
        return hidden == 0 ? printed : printed + "\n… " + hidden + " more rows (" + table.rowCount() + " in all)";
    }

    static String html(Table table) {
        int columns = table.columnCount();
        StringBuilder out = new StringBuilder("<table class=\"sealbook-table\">\n");
        if (table.name() != null && !table.name().isBlank()) {
            out.append("<caption>").append(Html.escape(table.name())).append("</caption>\n");
        }
        out.append("<thead><tr>");
        for (String name : table.columnNames()) {
            out.append("<th>").append(Html.escape(name)).append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        int hidden = hiddenRows(table);
        int head = hidden == 0 ? table.rowCount() : MAX_ROWS / 2;
        for (int row = 0; row < head; row++) {
            appendRow(out, table, row);
        }
        if (hidden > 0) {
            out.append("<tr><td colspan=\"").append(Math.max(1, columns)).append("\" style=\"text-align:center\">… ")
                    .append(hidden).append(" more rows</td></tr>\n");
            for (int row = table.rowCount() - MAX_ROWS / 2; row < table.rowCount(); row++) {
                appendRow(out, table, row);
            }
        }
        return out.append("</tbody>\n</table>").toString();
    }

    private static int hiddenRows(Table table) {
        return Math.max(0, table.rowCount() - MAX_ROWS);
    }

    private static void appendRow(StringBuilder out, Table table, int row) {
        out.append("<tr>");
        for (int c = 0; c < table.columnCount(); c++) {
            out.append("<td>").append(Html.escape(table.column(c).getString(row))).append("</td>");
        }
        out.append("</tr>\n");
    }
}
