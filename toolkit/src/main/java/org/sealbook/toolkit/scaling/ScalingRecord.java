package org.sealbook.toolkit.scaling;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.sealbook.toolkit.report.ReportDecision;
import org.sealbook.toolkit.workspace.Artifact;
import org.sealbook.toolkit.workspace.Codec;

/**
 * What %scaling seals, {@code scaling.json}, built on the report: which run's family was measured, over rows or
 * size, the error at each point, both fitted curves and which one AICc chose, and the bootstrap intervals.
 *
 * @param over      "rows" or "size"
 * @param error     how the primary metric became an error, in words, e.g. "1 - auc"
 * @param chosen    the curve AICc chose
 * @param other     the other curve
 * @param at        the largest point, from which doubling is measured
 * @param asked     the size a prediction was asked for; NaN for none
 */
public record ScalingRecord(String batch, String experiment, String family, String over, String metric, String error,
                            long seed, List<Point> points, Curve chosen, Curve other,
                            CurveBootstrap.Intervals intervals, double at, double asked) {
    public static final Artifact<ScalingRecord> ARTIFACT = Artifact.of("scaling", "the scaling curve", "scaling",
            ReportDecision.ARTIFACT, Codec.of(ScalingRecord::toJson, ScalingRecord::fromJson).schema("scaling"));

    /** One trained point: its size (rows, or the model's size), the setting that gave it, and its error. */
    public record Point(long n, String setting, double error) {
    }

    public ScalingRecord {
        points = List.copyOf(points);
    }

    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("batch", batch);
        o.addProperty("experiment", experiment);
        o.addProperty("family", family);
        o.addProperty("over", over);
        o.addProperty("metric", metric);
        o.addProperty("error", error);
        o.addProperty("seed", seed);
        JsonArray list = new JsonArray();
        for (Point p : points) {
            JsonObject point = new JsonObject();
            point.addProperty("n", p.n());
            point.addProperty("setting", p.setting());
            point.addProperty("error", p.error());
            list.add(point);
        }
        o.add("points", list);
        o.addProperty("chosen", chosen.form().label());
        JsonObject curves = new JsonObject();
        curves.add(chosen.form().label(), curve(chosen));
        curves.add(other.form().label(), curve(other));
        o.add("curves", curves);
        JsonObject boot = new JsonObject();
        boot.addProperty("resamples", intervals.resamples());
        boot.addProperty("used", intervals.used());
        interval(boot, "b", intervals.b());
        interval(boot, "c", intervals.c());
        interval(boot, "at_double", intervals.atDouble());
        interval(boot, "gain", intervals.gain());
        interval(boot, "asked", intervals.asked());
        o.add("bootstrap", boot);
        o.addProperty("at", at);
        if (!Double.isNaN(asked)) {
            o.addProperty("asked", asked);
        }
        return o;
    }

    public static ScalingRecord fromJson(JsonObject o) {
        List<Point> points = new ArrayList<>();
        for (JsonElement e : o.getAsJsonArray("points")) {
            JsonObject p = e.getAsJsonObject();
            points.add(new Point(p.get("n").getAsLong(), p.get("setting").getAsString(), p.get("error").getAsDouble()));
        }
        Curve.Form chosenForm = Curve.Form.byLabel(o.get("chosen").getAsString());
        Curve.Form otherForm = chosenForm == Curve.Form.SATURATING ? Curve.Form.POWER_LAW : Curve.Form.SATURATING;
        JsonObject curves = o.getAsJsonObject("curves");
        JsonObject boot = o.getAsJsonObject("bootstrap");
        CurveBootstrap.Intervals intervals = new CurveBootstrap.Intervals(boot.get("resamples").getAsInt(),
                boot.get("used").getAsInt(), interval(boot, "b"), interval(boot, "c"), interval(boot, "at_double"),
                interval(boot, "gain"), interval(boot, "asked"));
        return new ScalingRecord(o.get("batch").getAsString(), o.get("experiment").getAsString(),
                o.get("family").getAsString(), o.get("over").getAsString(), o.get("metric").getAsString(),
                o.get("error").getAsString(), o.get("seed").getAsLong(), points,
                curve(chosenForm, curves.getAsJsonObject(chosenForm.label()), points.size()),
                curve(otherForm, curves.getAsJsonObject(otherForm.label()), points.size()), intervals,
                o.get("at").getAsDouble(), o.has("asked") ? o.get("asked").getAsDouble() : Double.NaN);
    }

    private static JsonObject curve(Curve c) {
        JsonObject o = new JsonObject();
        o.addProperty("a", c.a());
        o.addProperty("b", c.b());
        o.addProperty("c", c.c());
        o.addProperty("rss", c.rss());
        o.addProperty("tss", c.tss());
        if (Double.isFinite(c.aicc())) { // too few points to judge it: JSON holds no infinity, so it is left out
            o.addProperty("aicc", c.aicc());
        }
        return o;
    }

    private static Curve curve(Curve.Form form, JsonObject o, int points) {
        return new Curve(form, o.get("a").getAsDouble(), o.get("b").getAsDouble(), o.get("c").getAsDouble(),
                o.get("rss").getAsDouble(), o.get("tss").getAsDouble(), points);
    }

    private static void interval(JsonObject o, String name, CurveBootstrap.Interval i) {
        if (i.known()) {
            JsonArray pair = new JsonArray();
            pair.add(i.low());
            pair.add(i.high());
            o.add(name, pair);
        }
    }

    private static CurveBootstrap.Interval interval(JsonObject o, String name) {
        if (!o.has(name)) {
            return new CurveBootstrap.Interval(Double.NaN, Double.NaN);
        }
        JsonArray pair = o.getAsJsonArray(name);
        return new CurveBootstrap.Interval(pair.get(0).getAsDouble(), pair.get(1).getAsDouble());
    }
}
