package org.sealbook.toolkit.chart;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Rectangle;
import java.util.List;
import java.util.Locale;
import org.sealbook.toolkit.data.Stats;
import org.sealbook.toolkit.explain.Numbers;
import org.sealbook.toolkit.view.Figure;

/**
 * Pearson correlations between numeric columns as coloured cells on a diverging scale from -1 (blue) through 0
 * (white) to +1 (red); cells carry their value when there are few enough columns to read them.
 */
public final class Heatmap {
    /** Above this many columns the cells are too small for their numbers. */
    static final int MAX_LABELLED = 15;
    private final String title;
    private final List<String> names;
    private final double[][] r;

    private Heatmap(String title, List<String> names, double[][] r) {
        this.title = title;
        this.names = List.copyOf(names);
        this.r = r;
    }

    /** Correlates every pair of columns (NaN = missing, pairwise-complete rows). */
    public static Heatmap of(String title, List<String> names, List<double[]> columns) {
        if (names.size() < 2 || names.size() != columns.size()) {
            throw new IllegalArgumentException("A correlation heatmap needs at least 2 numeric columns with one name "
                    + "each; got " + names.size() + " names and " + columns.size() + " columns.");
        }
        int n = names.size();
        double[][] r = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double v = i == j ? 1.0 : Stats.pearson(columns.get(i), columns.get(j));
                r[i][j] = v;
                r[j][i] = v;
            }
        }
        return new Heatmap(title, names, r);
    }

    public double correlation(String a, String b) {
        return r[names.indexOf(a)][names.indexOf(b)];
    }

    public Figure draw() {
        int bi = 0;
        int bj = 1;
        for (int i = 0; i < r.length; i++) {
            for (int j = i + 1; j < r.length; j++) {
                if (Math.abs(r[i][j]) > Math.abs(r[bi][bj]) || Double.isNaN(r[bi][bj])) {
                    bi = i;
                    bj = j;
                }
            }
        }
        String alt = "Correlation heatmap of " + names.size() + " numeric columns on a scale from -1 (blue) to +1 "
                + "(red); the most correlated pair is " + names.get(bi) + " and " + names.get(bj) + " at r = "
                + Numbers.number(r[bi][bj]) + ".";
        return new Figure(title, plotly(), png(), alt);
    }

    private JsonObject plotly() {
        JsonObject heat = PlotlySpec.trace("heatmap");
        JsonArray z = new JsonArray();
        for (double[] row : r) {
            z.add(PlotlySpec.numbers(row));
        }
        heat.add("z", z);
        heat.add("x", PlotlySpec.strings(names));
        heat.add("y", PlotlySpec.strings(names));
        heat.addProperty("zmin", -1);
        heat.addProperty("zmax", 1);
        JsonArray scale = new JsonArray();
        scale.add(Palette.stop(0, Palette.NEGATIVE));
        scale.add(Palette.stop(0.5, Palette.ZERO));
        scale.add(Palette.stop(1, Palette.POSITIVE));
        heat.add("colorscale", scale);
        if (names.size() <= MAX_LABELLED) {
            heat.addProperty("texttemplate", "%{z:.2f}");
        }
        PlotlySpec spec = new PlotlySpec(title);
        spec.trace(heat);
        JsonObject y = new JsonObject();
        y.addProperty("autorange", "reversed"); // first column at the top, as in a table
        spec.layout().add("yaxis", y);
        return spec.build();
    }

    private byte[] png() {
        Canvas c = new Canvas(title);
        int n = names.size();
        int left = 170;
        int top = 44;
        int cell = Math.max(1, Math.min((Canvas.HEIGHT - top - 110) / n, (Canvas.WIDTH - left - 110) / n));
        Rectangle grid = new Rectangle(left, top, cell * n, cell * n);
        c.plot(grid);
        c.g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(8, Math.min(11, cell - 2))));
        FontMetrics fm = c.g.getFontMetrics();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                c.g.setColor(Palette.diverging(r[i][j]));
                c.g.fillRect(left + j * cell, top + i * cell, cell, cell);
                if (n <= MAX_LABELLED && !Double.isNaN(r[i][j])) {
                    // white on dark cells, ink on pale ones
                    c.g.setColor(Math.abs(r[i][j]) > 0.6 ? Palette.BACKGROUND : Palette.INK);
                    String v = String.format(Locale.ROOT, "%.2f", r[i][j]);
                    c.g.drawString(v, left + j * cell + (cell - fm.stringWidth(v)) / 2,
                            top + i * cell + (cell + fm.getAscent()) / 2 - 1);
                }
            }
            String label = c.fit(names.get(i), left - 12);
            c.g.setColor(Palette.INK);
            c.g.drawString(label, left - 6 - fm.stringWidth(label), top + i * cell + (cell + fm.getAscent()) / 2 - 1);
            c.categoryLabel(names.get(i), left + i * cell + cell / 2, cell);
        }
        colourBar(c, left + cell * n + 30, top, cell * n);
        return c.png();
    }

    private static void colourBar(Canvas c, int x, int top, int height) {
        for (int y = 0; y < height; y++) {
            c.g.setColor(Palette.diverging(1 - 2.0 * y / Math.max(1, height - 1)));
            c.g.drawLine(x, top + y, x + 14, top + y);
        }
        c.g.setColor(Palette.INK);
        c.g.drawRect(x, top, 14, height);
        FontMetrics fm = c.g.getFontMetrics();
        c.g.drawString("+1", x + 18, top + fm.getAscent());
        c.g.drawString("0", x + 18, top + height / 2 + fm.getAscent() / 2);
        c.g.drawString("-1", x + 18, top + height);
    }
}
