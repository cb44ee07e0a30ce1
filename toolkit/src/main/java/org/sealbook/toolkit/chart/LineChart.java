package org.sealbook.toolkit.chart;

import com.google.gson.JsonObject;
import java.awt.Color;
import java.awt.geom.Path2D;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.sealbook.toolkit.explain.Numbers;
import org.sealbook.toolkit.view.Figure;

/**
 * Named lines of (x, y) points on numeric axes with a legend, e.g. training and validation loss per step for
 * several runs. A missing y (NaN) leaves a gap in its line. Lines given the same colour index share a colour, so a
 * run's two curves read as a pair; a dashed line tells them apart.
 * Usage: {@code LineChart.of("Learning curves").axes("step", "loss").line("exp_1 validation", steps, losses, 0,
 * false).draw(alt)}.
 */
public final class LineChart {
    /** Okabe-Ito colours in the order lines take them; yellow is left out as too faint on white. */
    static final List<Color> COLOURS = List.of(Palette.BLUE, Palette.ORANGE, new Color(0x00, 0x9E, 0x73),
            Palette.VERMILLION, new Color(0xCC, 0x79, 0xA7), new Color(0x56, 0xB4, 0xE9), Color.BLACK);

    private record Line(String name, double[] x, double[] y, Color colour, boolean dashed) {
    }

    private final String title;
    private final List<Line> lines = new ArrayList<>();
    private String xTitle = "";
    private String yTitle = "";
    private boolean logY;
    private boolean logX;

    private LineChart(String title) {
        this.title = title;
    }

    public static LineChart of(String title) {
        return new LineChart(title);
    }

    public LineChart axes(String x, String y) {
        this.xTitle = x;
        this.yTitle = y;
        return this;
    }

    /** Puts y on a scale of powers of ten, for values spanning several orders of magnitude; all must be above 0. */
    public LineChart logY() {
        this.logY = true;
        return this;
    }

    /** Puts x on a scale of powers of ten (with {@link #logY}, a log-log chart); every x must be above 0. */
    public LineChart logX() {
        this.logX = true;
        return this;
    }

    /**
     * Adds a line through the points (x[i], y[i]) in the given order.
     *
     * @param colour index into the chart's colour-blind-safe colours (it wraps around after 7)
     * @param dashed drawn dashed instead of solid
     */
    public LineChart line(String name, double[] x, double[] y, int colour, boolean dashed) {
        if (x.length == 0 || x.length != y.length) {
            throw new IllegalArgumentException("The line '" + name + "' in \"" + title + "\" has " + x.length
                    + " x values and " + y.length + " y values; give one y per x, at least one point.");
        }
        for (double v : x) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("The line '" + name + "' in \"" + title + "\" has an x value of "
                        + v + "; give every point a finite x (a missing y is fine and leaves a gap).");
            }
        }
        lines.add(new Line(name, x.clone(), y.clone(), COLOURS.get(Math.floorMod(colour, COLOURS.size())), dashed));
        return this;
    }

    public Figure draw(String altText) {
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("The line chart \"" + title + "\" has no lines; add one with "
                    + "line(name, x, y, colour, dashed) before drawing.");
        }
        for (Line line : lines) {
            for (double v : line.x()) {
                if (logX && v <= 0) {
                    throw new IllegalArgumentException("The line '" + line.name() + "' in \"" + title + "\" has the "
                            + "x value " + Numbers.number(v) + ", which a log scale cannot show; draw it without logX().");
                }
            }
        }
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (Line line : lines) {
            for (double v : line.y()) {
                if (logY && v <= 0) {
                    throw new IllegalArgumentException("The line '" + line.name() + "' in \"" + title + "\" has the "
                            + "value " + Numbers.number(v) + ", which a log scale cannot show; draw it without logY().");
                }
                if (Double.isFinite(v)) {
                    low = Math.min(low, v);
                    high = Math.max(high, v);
                }
            }
        }
        if (low > high) {
            throw new IllegalArgumentException("Every y value in \"" + title + "\" is missing, so there is nothing "
                    + "to draw; give the lines some finite values.");
        }
        return new Figure(title, plotly(), png(low, high), altText);
    }

    private JsonObject plotly() {
        PlotlySpec spec = new PlotlySpec(title).axes(xTitle, yTitle);
        for (Line line : lines) {
            JsonObject trace = PlotlySpec.trace("scatter");
            trace.addProperty("mode", line.x().length == 1 ? "markers" : "lines");
            trace.addProperty("name", line.name());
            trace.add("x", PlotlySpec.numbers(line.x()));
            trace.add("y", PlotlySpec.numbers(line.y()));
            JsonObject style = new JsonObject();
            style.addProperty("color", Palette.hex(line.colour()));
            style.addProperty("width", 2);
            style.addProperty("dash", line.dashed() ? "dash" : "solid");
            trace.add("line", style);
            JsonObject marker = new JsonObject();
            marker.addProperty("color", Palette.hex(line.colour()));
            trace.add("marker", marker);
            spec.trace(trace);
        }
        if (logY) {
            spec.layout().getAsJsonObject("yaxis").addProperty("type", "log");
        }
        if (logX) {
            spec.layout().getAsJsonObject("xaxis").addProperty("type", "log");
        }
        return spec.build();
    }

    private byte[] png(double low, double high) {
        Canvas c = new Canvas(title);
        Legend.draw(c, lines.stream().map(line -> new Legend.Entry(line.name(), line.colour(),
                line.dashed() ? Legend.Mark.DASHED : Legend.Mark.LINE)).toList());
        Axis y = logY ? Axis.decades(low, high) : Axis.covering(low, high);
        c.valueAxis(y, yTitle, logY ? LineChart::powerOfTen : y::format);
        double left = Double.POSITIVE_INFINITY;
        double right = Double.NEGATIVE_INFINITY;
        for (Line line : lines) {
            for (double v : line.x()) {
                left = Math.min(left, v);
                right = Math.max(right, v);
            }
        }
        Axis x = logX ? Axis.decades(left, right) : Axis.covering(left, right);
        c.valueAxisBelow(x, xTitle, logX ? LineChart::powerOfTen : x::format);
        c.g.setClip(c.plot());
        for (Line line : lines) {
            c.g.setColor(line.colour());
            c.g.setStroke(Legend.line(line.dashed()));
            Path2D.Double path = new Path2D.Double();
            boolean drawing = false;
            for (int i = 0; i < line.x().length; i++) {
                double v = line.y()[i];
                if (!Double.isFinite(v)) {
                    drawing = false;
                    continue;
                }
                int px = c.x(x, logX ? Math.log10(line.x()[i]) : line.x()[i]);
                int py = c.y(y, logY ? Math.log10(v) : v);
                if (drawing) {
                    path.lineTo(px, py);
                } else {
                    path.moveTo(px, py);
                }
                boolean alone = !drawing && (i + 1 == line.x().length || !Double.isFinite(line.y()[i + 1]));
                if (alone) {
                    // a point with no neighbour would be an invisible zero-length line
                    c.g.fillOval(px - 3, py - 3, 6, 6);
                }
                drawing = true;
            }
            c.g.draw(path);
        }
        c.g.setClip(null);
        return c.png();
    }

    /** The label of a tick at exponent e on a log axis: 0.01, 1, 1000, or 1e-5 for the far ones. */
    static String powerOfTen(double exponent) {
        int e = (int) Math.round(exponent);
        return e >= -4 && e <= 6 ? BigDecimal.ONE.scaleByPowerOfTen(e).toPlainString() : "1e" + e;
    }
}
