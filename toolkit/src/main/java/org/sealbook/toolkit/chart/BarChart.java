package org.sealbook.toolkit.chart;

import com.google.gson.JsonObject;
import java.util.Arrays;
import java.util.List;
import org.sealbook.toolkit.explain.Numbers;
import org.sealbook.toolkit.view.Figure;

/**
 * Vertical bars, one per category: missing values per column, or how many rows each class has.
 * Usage: {@code BarChart.of("Missing values per column", names, shares).axes("column", "% missing").draw(alt)}.
 */
public final class BarChart {
    private final String title;
    private final List<String> categories;
    private final double[] values;
    private String xTitle = "";
    private String yTitle = "";
    private boolean percent;

    private BarChart(String title, List<String> categories, double[] values) {
        this.title = title;
        this.categories = List.copyOf(categories);
        this.values = values.clone();
    }

    public static BarChart of(String title, List<String> categories, double[] values) {
        if (categories.isEmpty() || categories.size() != values.length) {
            throw new IllegalArgumentException("A bar chart needs one value per category; \"" + title + "\" got "
                    + categories.size() + " categories and " + values.length + " values.");
        }
        return new BarChart(title, categories, values);
    }

    public BarChart axes(String x, String y) {
        this.xTitle = x;
        this.yTitle = y;
        return this;
    }

    /** Values are percentages: the axis starts at 0 and labels carry a % sign. */
    public BarChart percent() {
        this.percent = true;
        return this;
    }

    public Figure draw(String altText) {
        return new Figure(title, plotly(), png(), altText);
    }

    private JsonObject plotly() {
        JsonObject bar = PlotlySpec.trace("bar");
        bar.add("x", PlotlySpec.strings(categories));
        bar.add("y", PlotlySpec.numbers(values));
        JsonObject marker = new JsonObject();
        marker.addProperty("color", Palette.hex(Palette.BLUE));
        bar.add("marker", marker);
        bar.add("text", PlotlySpec.strings(Arrays.stream(values).mapToObj(this::label).toList()));
        bar.addProperty("textposition", "outside");
        PlotlySpec spec = new PlotlySpec(title).trace(bar).axes(xTitle, yTitle);
        if (percent) {
            spec.layout().getAsJsonObject("yaxis").addProperty("ticksuffix", "%");
        }
        return spec.build();
    }

    private String label(double v) {
        return percent ? Numbers.percent(v / 100) : Numbers.number(v);
    }

    private byte[] png() {
        Canvas c = new Canvas(title);
        double max = 0;
        for (double v : values) {
            max = Math.max(max, v);
        }
        Axis axis = Axis.covering(0, max > 0 ? max : 1);
        c.valueAxis(axis, yTitle);
        var plot = c.plot();
        int slot = plot.width / values.length;
        int barWidth = Math.max(1, (int) (slot * 0.7));
        for (int i = 0; i < values.length; i++) {
            int centre = plot.x + slot * i + slot / 2;
            int top = c.y(axis, values[i]);
            c.g.setColor(Palette.BLUE);
            c.g.fillRect(centre - barWidth / 2, top, barWidth, plot.y + plot.height - top);
            if (values.length <= 20) {
                String label = label(values[i]);
                c.g.setColor(Palette.INK);
                c.centred(label, centre, top - 4);
            }
            if (values.length <= 40) {
                c.categoryLabel(categories.get(i), centre, slot);
            }
        }
        c.centred(xTitle, plot.x + plot.width / 2, Canvas.HEIGHT - 6);
        return c.png();
    }
}
