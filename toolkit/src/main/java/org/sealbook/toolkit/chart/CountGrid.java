package org.sealbook.toolkit.chart;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Rectangle;
import java.util.List;
import org.sealbook.toolkit.view.Figure;

/**
 * A square grid of counts, rows against columns (a confusion matrix: true class down, predicted class across), each
 * cell shaded from white to blue by its count and carrying the count when the cells are big enough to read.
 */
final class CountGrid {
    /** Above this many classes the cells are too small for their numbers (the same limit as the heatmap's). */
    static final int MAX_LABELLED = Heatmap.MAX_LABELLED;
    static final String ROWS_TITLE = "true class";
    static final String COLUMNS_TITLE = "predicted class";
    /** Room on the left for the class names and the axis title. */
    private static final int NAMES = 190;

    private CountGrid() {
    }

    static Figure draw(String title, List<String> names, long[][] counts, String altText) {
        return new Figure(title, plotly(title, names, counts), png(title, names, counts), altText);
    }

    private static JsonObject plotly(String title, List<String> names, long[][] counts) {
        JsonObject heat = PlotlySpec.trace("heatmap");
        JsonArray z = new JsonArray();
        for (long[] row : counts) {
            JsonArray cells = new JsonArray();
            for (long n : row) {
                cells.add(n);
            }
            z.add(cells);
        }
        heat.add("z", z);
        heat.add("x", PlotlySpec.strings(names));
        heat.add("y", PlotlySpec.strings(names));
        JsonArray scale = new JsonArray();
        scale.add(Palette.stop(0, Palette.BACKGROUND));
        scale.add(Palette.stop(1, Palette.BLUE));
        heat.add("colorscale", scale);
        heat.addProperty("zmin", 0);
        if (names.size() <= MAX_LABELLED) {
            heat.addProperty("texttemplate", "%{z}");
        }
        PlotlySpec spec = new PlotlySpec(title).trace(heat).axes(COLUMNS_TITLE, ROWS_TITLE);
        spec.layout().getAsJsonObject("yaxis").addProperty("autorange", "reversed"); // first class on top
        return spec.build();
    }

    private static byte[] png(String title, List<String> names, long[][] counts) {
        Canvas c = new Canvas(title);
        int n = names.size();
        int top = 44;
        int cell = Math.max(1, Math.min((Canvas.HEIGHT - top - 110) / n, (Canvas.WIDTH - NAMES - 60) / n));
        // centred under the title when the names leave room
        int left = Math.max(NAMES, (Canvas.WIDTH - cell * n) / 2);
        c.plot(new Rectangle(left, top, cell * n, cell * n));
        long most = 1;
        for (long[] row : counts) {
            for (long v : row) {
                most = Math.max(most, v);
            }
        }
        c.g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(8, Math.min(11, cell - 2))));
        FontMetrics fm = c.g.getFontMetrics();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double share = counts[i][j] / (double) most;
                // blue at the cell's share of the largest count, laid over the white page
                Color blue = Palette.BLUE;
                c.g.setColor(new Color(blue.getRed(), blue.getGreen(), blue.getBlue(), (int) Math.round(255 * share)));
                c.g.fillRect(left + j * cell, top + i * cell, cell, cell);
                c.g.setColor(Palette.GRID);
                c.g.drawRect(left + j * cell, top + i * cell, cell, cell);
                if (n <= MAX_LABELLED) {
                    // white on dark cells, ink on pale ones
                    c.g.setColor(share > 0.6 ? Palette.BACKGROUND : Palette.INK);
                    String v = Long.toString(counts[i][j]);
                    c.g.drawString(v, left + j * cell + (cell - fm.stringWidth(v)) / 2,
                            top + i * cell + (cell + fm.getAscent()) / 2 - 1);
                }
            }
            String label = c.fit(names.get(i), NAMES - 40);
            c.g.setColor(Palette.INK);
            c.g.drawString(label, left - 6 - fm.stringWidth(label), top + i * cell + (cell + fm.getAscent()) / 2 - 1);
            c.categoryLabel(names.get(i), left + i * cell + cell / 2, cell);
        }
        int widest = names.stream().mapToInt(name -> fm.stringWidth(c.fit(name, NAMES - 40))).max().orElse(0);
        c.rotated(ROWS_TITLE, left - widest - 20, top + cell * n / 2);
        // right under the names when they fit level in their cells, below the slanted ones otherwise
        boolean slanted = names.stream().anyMatch(name -> fm.stringWidth(name) > cell - 4);
        c.centred(COLUMNS_TITLE, left + cell * n / 2, slanted ? Canvas.HEIGHT - 8 : top + cell * n + 40);
        return c.png();
    }
}
