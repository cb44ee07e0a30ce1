package org.sealbook.toolkit.sweep;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.sealbook.toolkit.hypothesis.Family;
import org.sealbook.toolkit.hypothesis.Hypothesis;
import org.sealbook.toolkit.workspace.Artifact;
import org.sealbook.toolkit.workspace.CanonicalJson;
import org.sealbook.toolkit.workspace.Codec;

/**
 * What a sweep searches and what it may spend, sealed on the hypothesis as {@code sweep.json} before any trial
 * trains (as the plan is sealed before a batch).
 *
 * @param fixed         settings every trial uses as they are, keys sorted
 * @param strategy      grid, random or bayesian
 * @param earlyStopping none or asha
 * @param eta           with asha: a trial goes on at a rung only in the best 1/eta there
 * @param minSteps      with asha: the first rung, in the family's steps (trees, epochs)
 * @param maxSteps      with asha: the longest a trial can train (the largest value of the step setting); 0 without
 * @param patience      stop after this many finished trials without a better score; 0 for never
 */
public record SweepSpec(Family family, Map<String, Object> fixed, SearchSpace space, String strategy, int trials,
                        double maxMinutes, String earlyStopping, int eta, int minSteps, int maxSteps, long seed,
                        int concurrency, int patience) {
    public static final Artifact<SweepSpec> ARTIFACT = Artifact.of("sweep", "the sweep's plan", "sweep",
            Hypothesis.ARTIFACT, Codec.of(SweepSpec::toJson, SweepSpec::fromJson).schema("sweep"));

    public SweepSpec {
        fixed = Collections.unmodifiableMap(new TreeMap<>(fixed));
    }

    /** The sweep's id: s and the first 8 hex digits of its sealed content, so the same plan has the same folder. */
    public String id() {
        return "s" + CanonicalJson.sha256(CanonicalJson.bytes(toJson())).substring(0, 8);
    }

    public boolean asha() {
        return "asha".equals(earlyStopping);
    }

    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("family", family.label());
        JsonObject f = new JsonObject();
        fixed.forEach((k, v) -> f.add(k, value(v)));
        o.add("fixed", f);
        JsonArray ranges = new JsonArray();
        space.ranges().forEach((name, range) -> ranges.add(rangeJson(name, range)));
        o.add("space", ranges);
        o.addProperty("strategy", strategy);
        o.addProperty("trials", trials);
        o.addProperty("max_minutes", maxMinutes);
        o.addProperty("early_stopping", earlyStopping);
        o.addProperty("eta", eta);
        o.addProperty("min_steps", minSteps);
        o.addProperty("max_steps", maxSteps);
        o.addProperty("seed", seed);
        o.addProperty("concurrency", concurrency);
        o.addProperty("patience", patience);
        return o;
    }

    public static SweepSpec fromJson(JsonObject o) {
        Map<String, Object> fixed = new LinkedHashMap<>();
        o.getAsJsonObject("fixed").entrySet().forEach(e -> fixed.put(e.getKey(), value(e.getValue())));
        Map<String, Range> ranges = new LinkedHashMap<>();
        for (JsonElement e : o.getAsJsonArray("space")) {
            JsonObject r = e.getAsJsonObject();
            ranges.put(r.get("setting").getAsString(), range(r));
        }
        return new SweepSpec(Family.byLabel(o.get("family").getAsString()), fixed, SearchSpace.of(ranges),
                o.get("strategy").getAsString(), o.get("trials").getAsInt(), o.get("max_minutes").getAsDouble(),
                o.get("early_stopping").getAsString(), o.get("eta").getAsInt(), o.get("min_steps").getAsInt(),
                o.get("max_steps").getAsInt(), o.get("seed").getAsLong(), o.get("concurrency").getAsInt(),
                o.get("patience").getAsInt());
    }

    private static JsonObject rangeJson(String name, Range range) {
        JsonObject r = new JsonObject();
        r.addProperty("setting", name);
        if (range instanceof Range.Choice c) {
            r.addProperty("kind", "choice");
            JsonArray values = new JsonArray();
            c.values().forEach(v -> values.add(value(v)));
            r.add("values", values);
        } else if (range instanceof Range.Uniform u) {
            bounds(r, "range", u.lo(), u.hi());
        } else if (range instanceof Range.LogUniform l) {
            bounds(r, "log", l.lo(), l.hi());
        } else if (range instanceof Range.IntUniform i) {
            r.addProperty("kind", "int");
            r.addProperty("lo", i.lo());
            r.addProperty("hi", i.hi());
        }
        return r;
    }

    private static void bounds(JsonObject r, String kind, double lo, double hi) {
        r.addProperty("kind", kind);
        r.addProperty("lo", lo);
        r.addProperty("hi", hi);
    }

    private static Range range(JsonObject r) {
        return switch (r.get("kind").getAsString()) {
            case "choice" -> {
                List<Object> values = new ArrayList<>();
                r.getAsJsonArray("values").forEach(v -> values.add(value(v)));
                yield new Range.Choice(values);
            }
            case "range" -> new Range.Uniform(r.get("lo").getAsDouble(), r.get("hi").getAsDouble());
            case "log" -> new Range.LogUniform(r.get("lo").getAsDouble(), r.get("hi").getAsDouble());
            default -> new Range.IntUniform(r.get("lo").getAsInt(), r.get("hi").getAsInt());
        };
    }

    private static JsonPrimitive value(Object v) {
        return v instanceof String s ? new JsonPrimitive(s) : new JsonPrimitive((Number) v);
    }

    /** Whole numbers are written without a point, fractions with one, as the plan writes its settings. */
    private static Object value(JsonElement e) {
        JsonPrimitive p = e.getAsJsonPrimitive();
        if (p.isString()) {
            return p.getAsString();
        }
        String text = p.getAsString();
        return text.matches("-?\\d{1,9}") ? (Object) Integer.parseInt(text) : (Object) p.getAsDouble();
    }
}
