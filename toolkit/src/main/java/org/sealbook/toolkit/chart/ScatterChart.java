package org.sealbook.toolkit.chart;

import com.google.gson.JsonObject;
import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Composite;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.geom.Path2D;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.sealbook.toolkit.view.Figure;

/**
 * Points on two numeric axes, optionally labelled (hover text in Plotly; small text beside each point in the PNG
 * when there are few enough to read), with a highlighted subset joined by a line in x order and the rest faded
 * (e.g. a Pareto front), and an optional y = x reference line (e.g. predicted against actual).
 * Usage: {@code ScatterChart.of("Score against complexity", complexity, scores).axes("complexity", "rmse")
 * .labels(ids).highlight(onFront, "Pareto front", "other runs").draw(alt)}.
 */
public final class ScatterChart {
    /** Above this many points, text beside each one would overlap into a smudge; hover text still has them. */
    static final int MAX_LABELLED = 30;
    static final String IDENTITY_NAME = "y = x";

    private final String title;
    private final double[] x;
    private final double[] y;
    private String xTitle = "";
    private String yTitle = "";
    private List<String> labels;
    private boolean[] chosen;
    private String chosenName;
    private String othersName;
    private boolean identityLine;
    private double yFloor = Double.NEGATIVE_INFINITY;
    private double yCeiling = Double.POSITIVE_INFINITY;

    private ScatterChart(String title, double[] x, double[] y) {
        this.title = title;
        this.x = x;
        this.y = y;
    }

    /** Point i is (x[i], y[i]); every coordinate must be a finite number. */
    public static ScatterChart of(String title, double[] x, double[] y) {
        if (x.length == 0 || x.length != y.length) {
            throw new IllegalArgumentException("A scatter chart needs one y per x and at least one point; \"" + title
                    + "\" got " + x.length + " x values and " + y.length + " y values.");
        }
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
                throw new IllegalArgumentException("Point " + i + " of \"" + title + "\" is (" + x[i] + ", " + y[i]
                        + "); leave out points without two finite coordinates.");
            }
        }
        return new ScatterChart(title, x.clone(), y.clone());
    }

    public ScatterChart axes(String x, String y) {
        this.xTitle = x;
        this.yTitle = y;
        return this;
    }

    /** One label per point. */
    public ScatterChart labels(List<String> labels) {
        if (labels.size() != x.length) {
            throw new IllegalArgumentException("\"" + title + "\" has " + x.length + " points but " + labels.size()
                    + " labels; give one label per point.");
        }
        this.labels = List.copyOf(labels);
        return this;
    }

    /** Draws the points where {@code chosen[i]} is true joined by a line in x order, and the others faded. */
    public ScatterChart highlight(boolean[] chosen, String chosenName, String othersName) {
        if (chosen.length != x.length) {
            throw new IllegalArgumentException("\"" + title + "\" has " + x.length + " points but " + chosen.length
                    + " highlight flags; give one flag per point.");
        }
        this.chosen = chosen.clone();
        this.chosenName = chosenName;
        this.othersName = othersName;
        return this;
    }

    /**
     * The values y can take at all, such as a metric's possible range (0 to 1 for accuracy): the y axis fits the points
     * with a little room and never goes beyond these.
     */
    public ScatterChart yWithin(double floor, double ceiling) {
        if (!(floor < ceiling)) {
            throw new IllegalArgumentException("\"" + title + "\" was given y values from " + floor + " to " + ceiling
                    + "; give a floor below the ceiling.");
        }
        this.yFloor = floor;
        this.yCeiling = ceiling;
        return this;
    }

    /** Adds the line y = x, with both axes on the same range, so points on it have y equal to x. */
    public ScatterChart identityLine() {
        this.identityLine = true;
        return this;
    }

    public Figure draw(String altText) {
        return new Figure(title, plotly(), png(), altText);
    }

    private int[] chosenInXOrder() {
        return IntStream.range(0, x.length).filter(i -> chosen[i]).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> x[i]).thenComparingDouble(i -> y[i]))
                .mapToInt(Integer::intValue).toArray();
    }

    private int[] others() {
        return IntStream.range(0, x.length).filter(i -> chosen == null || !chosen[i]).toArray();
    }

    private boolean yBounded() {
        return Double.isFinite(yFloor) || Double.isFinite(yCeiling);
    }

    private Axis xAxis() {
        return identityLine ? Axis.covering(Math.min(min(x), min(y)), Math.max(max(x), max(y)))
                : Axis.covering(min(x), max(x));
    }

    private Axis yAxis() {
        if (identityLine) {
            return xAxis();
        }
        return yBounded() ? Axis.within(min(y), max(y), yFloor, yCeiling) : Axis.covering(min(y), max(y));
    }

    private JsonObject plotly() {
        PlotlySpec spec = new PlotlySpec(title).axes(xTitle, yTitle);
        if (yBounded()) {
            Axis yAxis = yAxis();
            spec.layout().getAsJsonObject("yaxis").add("range", PlotlySpec.numbers(yAxis.min(), yAxis.max()));
        }
        if (identityLine) {
            double[] ends = {Math.min(min(x), min(y)), Math.max(max(x), max(y))};
            JsonObject line = PlotlySpec.trace("scatter");
            line.addProperty("mode", "lines");
            line.addProperty("name", IDENTITY_NAME);
            line.add("x", PlotlySpec.numbers(ends));
            line.add("y", PlotlySpec.numbers(ends));
            line.addProperty("hoverinfo", "skip");
            JsonObject style = new JsonObject();
            style.addProperty("color", Palette.hex(Palette.INK));
            style.addProperty("dash", "dash");
            style.addProperty("width", 1);
            line.add("line", style);
            spec.trace(line);
        }
        if (chosen == null) {
            spec.trace(points(others(), "points", "markers", Palette.BLUE, false));
        } else {
            spec.trace(points(others(), othersName, "markers", Legend.FADED, true));
            spec.trace(points(chosenInXOrder(), chosenName, "lines+markers", Palette.BLUE, true));
        }
        return spec.build();
    }

    private JsonObject points(int[] picked, String name, String mode, Color colour, boolean inLegend) {
        JsonObject trace = PlotlySpec.trace("scatter");
        trace.addProperty("mode", mode);
        trace.addProperty("name", name);
        trace.addProperty("showlegend", inLegend);
        trace.add("x", PlotlySpec.numbers(IntStream.of(picked).mapToDouble(i -> x[i]).toArray()));
        trace.add("y", PlotlySpec.numbers(IntStream.of(picked).mapToDouble(i -> y[i]).toArray()));
        if (labels != null) {
            trace.add("text", PlotlySpec.strings(IntStream.of(picked).mapToObj(labels::get).toList()));
            trace.addProperty("hoverinfo", "text+x+y");
        }
        JsonObject marker = new JsonObject();
        marker.addProperty("color", Palette.hex(colour));
        marker.addProperty("size", 8);
        trace.add("marker", marker);
        JsonObject line = new JsonObject();
        line.addProperty("color", Palette.hex(colour));
        trace.add("line", line);
        return trace;
    }

    private byte[] png() {
        Canvas c = new Canvas(title);
        List<Legend.Entry> entries = new ArrayList<>();
        if (chosen != null) {
            entries.add(new Legend.Entry(chosenName, Palette.BLUE, Legend.Mark.DOT_AND_LINE));
            entries.add(new Legend.Entry(othersName, Legend.FADED, Legend.Mark.FADED_DOT));
        }
        if (identityLine) {
            entries.add(new Legend.Entry(IDENTITY_NAME, Palette.INK, Legend.Mark.DASHED));
        }
        Legend.draw(c, entries);
        Axis xAxis = xAxis();
        Axis yAxis = yAxis();
        c.valueAxis(yAxis, yTitle);
        c.valueAxisBelow(xAxis, xTitle);
        if (identityLine) {
            c.g.setColor(Palette.INK);
            c.g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, Legend.DASH, 0f));
            c.g.drawLine(c.x(xAxis, xAxis.min()), c.y(yAxis, xAxis.min()), c.x(xAxis, xAxis.max()),
                    c.y(yAxis, xAxis.max()));
        }
        Composite opaque = c.g.getComposite();
        // many points on top of each other still show where they crowd
        c.g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, x.length > 100 ? 0.5f : 0.85f));
        c.g.setColor(chosen == null ? Palette.BLUE : Legend.FADED);
        for (int i : others()) {
            c.g.fillOval(c.x(xAxis, x[i]) - 4, c.y(yAxis, y[i]) - 4, 8, 8);
        }
        c.g.setComposite(opaque);
        if (chosen != null) {
            c.g.setColor(Palette.BLUE);
            c.g.setStroke(Legend.line(false));
            Path2D.Double path = new Path2D.Double();
            int[] front = chosenInXOrder();
            for (int k = 0; k < front.length; k++) {
                int px = c.x(xAxis, x[front[k]]);
                int py = c.y(yAxis, y[front[k]]);
                if (k == 0) {
                    path.moveTo(px, py);
                } else {
                    path.lineTo(px, py);
                }
                c.g.fillOval(px - 4, py - 4, 8, 8);
            }
            c.g.draw(path);
        }
        if (labels != null && x.length <= MAX_LABELLED) {
            c.g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 9));
            FontMetrics fm = c.g.getFontMetrics();
            for (int i = 0; i < x.length; i++) {
                c.g.setColor(chosen == null || chosen[i] ? Palette.INK : Legend.FADED.darker());
                String label = labels.get(i);
                int px = c.x(xAxis, x[i]);
                // beside the point on its right, or on its left where the right would run off the picture
                int at = px + 6 + fm.stringWidth(label) <= Canvas.WIDTH ? px + 6 : px - 6 - fm.stringWidth(label);
                c.g.drawString(label, at, c.y(yAxis, y[i]) - 3 + fm.getAscent() / 2);
            }
        }
        return c.png();
    }

    private static double min(double[] values) {
        double m = Double.POSITIVE_INFINITY;
        for (double v : values) {
            m = Math.min(m, v);
        }
        return m;
    }

    private static double max(double[] values) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            m = Math.max(m, v);
        }
        return m;
    }
}
