package org.sealbook.toolkit.chart;

import com.google.gson.JsonObject;
import java.awt.FontMetrics;
import java.awt.Rectangle;
import java.util.Arrays;
import java.util.List;
import org.sealbook.toolkit.explain.Numbers;
import org.sealbook.toolkit.view.Figure;

/**
 * Horizontal bars from a zero line, one per name, top to bottom in the order given, each with its value; names
 * sit on the left where long ones stay readable. Negative values point left.
 */
final class HorizontalBars {
    /** Room on the left for the names. */
    private static final int NAMES = 170;

    private HorizontalBars() {
    }

    static Figure draw(String title, List<String> names, double[] values, String valueTitle, String altText) {
        return new Figure(title, plotly(title, names, values, valueTitle), png(title, names, values, valueTitle),
                altText);
    }

    private static JsonObject plotly(String title, List<String> names, double[] values, String valueTitle) {
        JsonObject bar = PlotlySpec.trace("bar");
        bar.addProperty("orientation", "h");
        bar.add("x", PlotlySpec.numbers(values));
        bar.add("y", PlotlySpec.strings(names));
        bar.add("text", PlotlySpec.strings(Arrays.stream(values).mapToObj(Numbers::number).toList()));
        bar.addProperty("textposition", "outside");
        JsonObject marker = new JsonObject();
        marker.addProperty("color", Palette.hex(Palette.BLUE));
        bar.add("marker", marker);
        PlotlySpec spec = new PlotlySpec(title).trace(bar).axes(valueTitle, "");
        JsonObject y = spec.layout().getAsJsonObject("yaxis");
        y.addProperty("autorange", "reversed"); // the first name on top, as listed
        y.addProperty("automargin", true);
        return spec.build();
    }

    private static byte[] png(String title, List<String> names, double[] values, String valueTitle) {
        Canvas c = new Canvas(title);
        Rectangle plot = new Rectangle(NAMES, 44, Canvas.WIDTH - NAMES - 50, Canvas.HEIGHT - 44 - 60);
        c.plot(plot);
        double low = 0;
        double high = 0;
        for (double v : values) {
            low = Math.min(low, v);
            high = Math.max(high, v);
        }
        Axis axis = Axis.covering(low, high);
        c.valueAxisBelow(axis, valueTitle);
        FontMetrics fm = c.g.getFontMetrics();
        int slot = plot.height / names.size();
        int thickness = Math.max(1, (int) (slot * 0.7));
        int zero = c.x(axis, 0);
        for (int i = 0; i < names.size(); i++) {
            int middle = plot.y + slot * i + slot / 2;
            int end = c.x(axis, values[i]);
            c.g.setColor(Palette.BLUE);
            c.g.fillRect(Math.min(zero, end), middle - thickness / 2, Math.max(1, Math.abs(end - zero)), thickness);
            c.g.setColor(Palette.INK);
            String name = c.fit(names.get(i), NAMES - 12);
            c.g.drawString(name, NAMES - 6 - fm.stringWidth(name), middle + fm.getAscent() / 2 - 1);
            String value = Numbers.number(values[i]);
            int at = values[i] < 0 ? Math.min(zero, end) - 4 - fm.stringWidth(value) : Math.max(zero, end) + 4;
            c.g.drawString(value, at, middle + fm.getAscent() / 2 - 1);
        }
        c.g.setColor(Palette.INK);
        c.g.drawLine(zero, plot.y, zero, plot.y + plot.height);
        return c.png();
    }
}
