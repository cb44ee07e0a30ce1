package org.sealbook.toolkit.chart;

import com.google.gson.JsonObject;
import org.sealbook.toolkit.data.Stats;
import org.sealbook.toolkit.explain.Numbers;
import org.sealbook.toolkit.view.Figure;

/**
 * How a numeric column's values spread: counts per equal-width bin. The bins are counted here, not by
 * Plotly, so the interactive and static forms and the alt text show the same numbers; the spec stays small
 * for a million rows.
 */
public final class Histogram {
    private final String title;
    private final String column;
    private final double[] edges;
    private final long[] counts;
    private final long total;

    private Histogram(String title, String column, double[] edges, long[] counts, long total) {
        this.title = title;
        this.column = column;
        this.edges = edges;
        this.counts = counts;
        this.total = total;
    }

    /** Bins the present values (NaN = missing) into Sturges' number of bins, at most 50. */
    public static Histogram of(String title, String column, double[] values) {
        double[] x = Stats.present(values);
        if (x.length == 0) {
            throw new IllegalArgumentException("The column '" + column + "' has no values to draw a histogram of; "
                    + "choose a column with numbers in it.");
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        int bins = max > min ? (int) Math.min(50, Math.ceil(Math.log(x.length) / Math.log(2)) + 1) : 1;
        double width = max > min ? (max - min) / bins : 1;
        double[] edges = new double[bins + 1];
        for (int i = 0; i <= bins; i++) {
            edges[i] = min + width * i;
        }
        long[] counts = new long[bins];
        for (double v : x) {
            // the top edge belongs to the last bin, so the maximum is counted
            counts[Math.min(bins - 1, (int) ((v - min) / width))]++;
        }
        return new Histogram(title, column, edges, counts, x.length);
    }

    public long[] counts() {
        return counts.clone();
    }

    public double[] edges() {
        return edges.clone();
    }

    public Figure draw() {
        int peak = 0;
        for (int i = 1; i < counts.length; i++) {
            if (counts[i] > counts[peak]) {
                peak = i;
            }
        }
        String alt = "Histogram of " + column + ": " + total + " values from " + Numbers.number(edges[0]) + " to "
                + Numbers.number(edges[edges.length - 1]) + " in " + counts.length + " bins; the fullest bin, "
                + Numbers.number(edges[peak]) + " to " + Numbers.number(edges[peak + 1]) + ", holds " + counts[peak]
                + " values.";
        return new Figure(title, plotly(), png(), alt);
    }

    private JsonObject plotly() {
        double[] centres = new double[counts.length];
        double[] ys = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            centres[i] = (edges[i] + edges[i + 1]) / 2;
            ys[i] = counts[i];
        }
        JsonObject bar = PlotlySpec.trace("bar");
        bar.add("x", PlotlySpec.numbers(centres));
        bar.add("y", PlotlySpec.numbers(ys));
        bar.addProperty("width", edges[1] - edges[0]);
        bar.addProperty("name", column);
        JsonObject marker = new JsonObject();
        marker.addProperty("color", Palette.hex(Palette.BLUE));
        JsonObject line = new JsonObject();
        line.addProperty("color", "#ffffff");
        line.addProperty("width", 1);
        marker.add("line", line);
        bar.add("marker", marker);
        PlotlySpec spec = new PlotlySpec(title).trace(bar).axes(column, "rows");
        spec.layout().addProperty("bargap", 0);
        return spec.build();
    }

    private byte[] png() {
        Canvas c = new Canvas(title);
        long max = 0;
        for (long n : counts) {
            max = Math.max(max, n);
        }
        Axis y = Axis.covering(0, max);
        c.valueAxis(y, "rows");
        var plot = c.plot();
        double lo = edges[0];
        double span = edges[edges.length - 1] - lo;
        for (int i = 0; i < counts.length; i++) {
            int x0 = plot.x + (int) Math.round((edges[i] - lo) / span * plot.width);
            int x1 = plot.x + (int) Math.round((edges[i + 1] - lo) / span * plot.width);
            int top = c.y(y, counts[i]);
            c.g.setColor(Palette.BLUE);
            c.g.fillRect(x0, top, Math.max(1, x1 - x0 - 1), plot.y + plot.height - top);
        }
        Axis x = Axis.covering(edges[0], edges[edges.length - 1]);
        for (double tick : x.ticks()) {
            if (tick >= lo - 1e-9 * Math.abs(span) && tick <= lo + span * (1 + 1e-9)) {
                int px = plot.x + (int) Math.round((tick - lo) / span * plot.width);
                c.g.setColor(Palette.INK);
                c.g.drawLine(px, plot.y + plot.height, px, plot.y + plot.height + 4);
                c.centred(x.format(tick), px, plot.y + plot.height + 18);
            }
        }
        c.centred(column, plot.x + plot.width / 2, Canvas.HEIGHT - 40);
        return c.png();
    }
}
