package org.sealbook.toolkit.chart;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Rectangle;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.sealbook.toolkit.explain.Numbers;
import org.sealbook.toolkit.view.Figure;

/**
 * Box plots side by side, each column on its own vertical scale (columns are rarely in the same units):
 * box from the first to the third quartile, a line at the median, whiskers, and points beyond them.
 */
public final class BoxPlot {
    /** Panels narrower than this stop being readable at 720 px. */
    public static final int MAX_PANELS = 6;
    /** The Plotly spec carries at most this many outlier points per column; the alt text gives the full count. */
    static final int MAX_POINTS = 2000;
    private final String title;
    private final List<Box> boxes;

    private BoxPlot(String title, List<Box> boxes) {
        this.title = title;
        this.boxes = List.copyOf(boxes);
    }

    public static BoxPlot of(String title, List<Box> boxes) {
        if (boxes.isEmpty() || boxes.size() > MAX_PANELS) {
            throw new IllegalArgumentException("A box plot figure holds 1 to " + MAX_PANELS + " columns; \"" + title
                    + "\" got " + boxes.size() + ", so split them over several figures.");
        }
        return new BoxPlot(title, boxes);
    }

    public Figure draw() {
        String alt = "Box plots of " + boxes.stream().map(b -> b.column() + " (median " + Numbers.number(b.median())
                + ", middle half from " + Numbers.number(b.q1()) + " to " + Numbers.number(b.q3()) + ", "
                + b.outliers().length + " of " + b.count() + " values beyond the whiskers)")
                .collect(Collectors.joining("; ")) + ".";
        return new Figure(title, plotly(), png(), alt);
    }

    private JsonObject plotly() {
        PlotlySpec spec = new PlotlySpec(title);
        for (int i = 0; i < boxes.size(); i++) {
            Box b = boxes.get(i);
            String suffix = i == 0 ? "" : String.valueOf(i + 1);
            JsonArray at = PlotlySpec.strings(List.of(b.column()));
            JsonObject box = PlotlySpec.trace("box");
            box.addProperty("name", b.column());
            box.add("x", at);
            box.add("q1", PlotlySpec.numbers(b.q1()));
            box.add("median", PlotlySpec.numbers(b.median()));
            box.add("q3", PlotlySpec.numbers(b.q3()));
            box.add("lowerfence", PlotlySpec.numbers(b.lowerWhisker()));
            box.add("upperfence", PlotlySpec.numbers(b.upperWhisker()));
            box.addProperty("boxpoints", false);
            spec.trace(inPanel(box, Palette.BLUE, suffix));
            double[] points = b.outliers();
            if (points.length > 0) {
                double[] shown = Arrays.copyOf(points, Math.min(points.length, MAX_POINTS));
                JsonObject dots = PlotlySpec.trace("scatter");
                dots.addProperty("mode", "markers");
                dots.addProperty("name", b.column() + " beyond whiskers");
                JsonArray xs = new JsonArray();
                for (int k = 0; k < shown.length; k++) {
                    xs.add(b.column());
                }
                dots.add("x", xs);
                dots.add("y", PlotlySpec.numbers(shown));
                spec.trace(inPanel(dots, Palette.VERMILLION, suffix));
            }
        }
        JsonObject grid = new JsonObject();
        grid.addProperty("rows", 1);
        grid.addProperty("columns", boxes.size());
        grid.addProperty("pattern", "independent");
        spec.layout().add("grid", grid);
        return spec.build();
    }

    /** Puts a trace in its side-by-side panel, in one colour, with no legend entry. */
    private static JsonObject inPanel(JsonObject trace, Color color, String suffix) {
        JsonObject marker = new JsonObject();
        marker.addProperty("color", Palette.hex(color));
        trace.add("marker", marker);
        trace.addProperty("xaxis", "x" + suffix);
        trace.addProperty("yaxis", "y" + suffix);
        trace.addProperty("showlegend", false);
        return trace;
    }

    private byte[] png() {
        Canvas c = new Canvas(title);
        Rectangle all = c.plot();
        int panel = all.width / boxes.size();
        for (int i = 0; i < boxes.size(); i++) {
            Box b = boxes.get(i);
            // each panel keeps room on its left for its own tick labels
            Rectangle area = new Rectangle(all.x + i * panel + (i == 0 ? 0 : 50), all.y,
                    panel - (i == 0 ? 16 : 66), all.height);
            c.plot(area);
            Axis axis = Axis.covering(b.lowest(), b.highest());
            c.valueAxis(axis, "");
            int centre = area.x + area.width / 2;
            int half = Math.min(40, area.width / 4);
            c.g.setStroke(new BasicStroke(1.5f));
            c.g.setColor(Palette.INK);
            c.g.drawLine(centre, c.y(axis, b.lowerWhisker()), centre, c.y(axis, b.upperWhisker()));
            c.g.drawLine(centre - half / 2, c.y(axis, b.lowerWhisker()), centre + half / 2, c.y(axis, b.lowerWhisker()));
            c.g.drawLine(centre - half / 2, c.y(axis, b.upperWhisker()), centre + half / 2, c.y(axis, b.upperWhisker()));
            int top = c.y(axis, b.q3());
            int bottom = c.y(axis, b.q1());
            c.g.setColor(Palette.BLUE);
            c.g.fillRect(centre - half, top, 2 * half, Math.max(1, bottom - top));
            c.g.setColor(Palette.INK);
            c.g.drawRect(centre - half, top, 2 * half, Math.max(1, bottom - top));
            c.g.setColor(Palette.ORANGE);
            c.g.setStroke(new BasicStroke(3f));
            c.g.drawLine(centre - half, c.y(axis, b.median()), centre + half, c.y(axis, b.median()));
            c.g.setColor(Palette.VERMILLION);
            for (double v : b.outliers()) {
                int y = c.y(axis, v);
                c.g.drawOval(centre - 3, y - 3, 6, 6);
            }
            c.categoryLabel(b.column(), centre, area.width);
        }
        return c.png();
    }
}
