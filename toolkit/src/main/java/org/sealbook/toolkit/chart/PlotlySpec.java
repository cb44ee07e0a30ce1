package org.sealbook.toolkit.chart;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.util.List;

/** Builds the Plotly JSON a figure carries: {"data": [traces], "layout": {...}}, as Plotly's schema expects. */
final class PlotlySpec {
    private final JsonArray data = new JsonArray();
    private final JsonObject layout = new JsonObject();

    PlotlySpec(String title) {
        layout.add("title", text(title));
        layout.addProperty("width", Canvas.WIDTH);
        layout.addProperty("height", Canvas.HEIGHT);
    }

    PlotlySpec trace(JsonObject trace) {
        data.add(trace);
        return this;
    }

    PlotlySpec axes(String xTitle, String yTitle) {
        JsonObject x = new JsonObject();
        x.add("title", text(xTitle));
        JsonObject y = new JsonObject();
        y.add("title", text(yTitle));
        layout.add("xaxis", x);
        layout.add("yaxis", y);
        return this;
    }

    JsonObject layout() {
        return layout;
    }

    JsonObject build() {
        JsonObject spec = new JsonObject();
        spec.add("data", data);
        spec.add("layout", layout);
        return spec;
    }

    static JsonObject trace(String type) {
        JsonObject t = new JsonObject();
        t.addProperty("type", type);
        return t;
    }

    static JsonObject text(String text) {
        JsonObject o = new JsonObject();
        o.addProperty("text", text);
        return o;
    }

    static JsonArray strings(List<String> values) {
        JsonArray a = new JsonArray();
        values.forEach(a::add);
        return a;
    }

    /** Numbers as a JSON array; NaN is not JSON, so an undefined value becomes null (a gap in Plotly). */
    static JsonArray numbers(double... values) {
        JsonArray a = new JsonArray();
        for (double v : values) {
            if (Double.isFinite(v)) {
                a.add(v);
            } else {
                a.add(JsonNull.INSTANCE);
            }
        }
        return a;
    }
}
