package org.sealbook.toolkit.plan;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.sealbook.toolkit.hypothesis.Family;

/**
 * One planned training run: which model, with which settings, why, and the rules that decide its outcome.
 * Usage: {@code new Experiment("exp_002", "exp_001", Family.RANDOM_FOREST, Map.of("trees", 200, "max_depth", 8),
 * features, "trees 100 -> 200", "Does a bigger forest vote better?", success, failure, 12).complexity()}.
 *
 * @param id               {@code exp_000}, {@code exp_001}, ...
 * @param parent           the experiment this one changes one setting of; null for the baseline and a new family
 * @param family           the model family
 * @param params           the settings, keys sorted; each value an Integer, Double or String
 * @param features         the columns the model reads
 * @param change           one sentence: what changed from the parent, or "new family" / "baseline"
 * @param question         the question this run answers, in plain words
 * @param success          the rule that makes the run a success
 * @param failure          the rule that makes the run a failure
 * @param estimatedSeconds a rough guess of the run's wall-clock seconds
 */
public record Experiment(String id, String parent, Family family, Map<String, Object> params, List<String> features,
                         String change, String question, Criterion success, Criterion failure,
                         double estimatedSeconds) {

    public Experiment {
        require(id, "an id such as exp_001", "An experiment");
        String who = "Experiment " + id;
        require(family, "a model family such as linear", who);
        require(params, "a parameter map (empty for none)", who);
        require(features, "a list of feature columns", who);
        require(change, "a sentence saying what changed from its parent", who);
        require(question, "a question in plain words", who);
        require(success, "a success criterion such as val_auc >= baseline * 1.01", who);
        require(failure, "a failure criterion such as val_auc < baseline", who);
        if (!(estimatedSeconds >= 0) || Double.isInfinite(estimatedSeconds)) {
            throw new IllegalArgumentException(who + " has an estimated time of " + estimatedSeconds
                    + " seconds; give a finite number of seconds, 0 or more.");
        }
        SortedMap<String, Object> sorted = new TreeMap<>();
        params.forEach((key, value) -> {
            if (key == null) {
                throw new IllegalArgumentException(who + " has a parameter without a name; give every parameter "
                        + "a name such as trees.");
            }
            if (!(value instanceof Integer || value instanceof Double || value instanceof String)) {
                throw new IllegalArgumentException(who + " gives its parameter " + key + " the value " + value
                        + (value == null ? "" : " (" + value.getClass().getSimpleName() + ")")
                        + "; give each parameter an Integer, Double or String value.");
            }
            sorted.put(key, value);
        });
        params = Collections.unmodifiableSortedMap(sorted);
        features = List.copyOf(features);
    }

    /**
     * The model's size in its family's unit: 0 for the baseline, one weight per feature plus the intercept for
     * linear, trees x max_depth for ensembles, and weights plus biases for an MLP whose layers run from the
     * features through {@code hidden} (e.g. "64,32") to {@code outputs} (default 1).
     */
    public long complexity() {
        return switch (family) {
            case BASELINE -> 0;
            case LINEAR -> features.size() + 1L;
            case RANDOM_FOREST, GRADIENT_BOOSTING -> (long) wholeParam("trees") * wholeParam("max_depth");
            case MLP -> mlpParameters();
        };
    }

    private long mlpParameters() {
        List<Integer> widths = new ArrayList<>();
        widths.add(features.size());
        Object hidden = params.get("hidden");
        if (hidden instanceof Integer one) {
            hidden = one.toString(); // one hidden layer, written as a bare number
        }
        if (!(hidden instanceof String text) || !text.trim().matches("\\d{1,9}(\\s*,\\s*\\d{1,9})*")) {
            throw new IllegalArgumentException("Experiment " + id + " (mlp) has "
                    + (hidden == null ? "no hidden layer sizes" : "the hidden layer sizes '" + hidden + "'")
                    + "; give hidden as whole numbers separated by commas, such as \"64,32\".");
        }
        for (String width : text.trim().split("\\s*,\\s*")) {
            widths.add(Integer.parseInt(width));
        }
        widths.add(params.containsKey("outputs") ? wholeParam("outputs") : 1);
        long total = 0;
        for (int i = 1; i < widths.size(); i++) {
            total += (long) widths.get(i - 1) * widths.get(i) + widths.get(i); // weights plus biases
        }
        return total;
    }

    private int wholeParam(String key) {
        Object value = params.get(key);
        if (!(value instanceof Integer whole) || whole <= 0) {
            throw new IllegalArgumentException("Experiment " + id + " (" + family.label() + ") has "
                    + (value == null ? "no " + key : key + " " + value) + "; give " + key
                    + " as a whole number above 0.");
        }
        return whole;
    }

    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("id", id);
        o.add("parent", parent == null ? JsonNull.INSTANCE : new JsonPrimitive(parent));
        o.addProperty("family", family.label());
        JsonObject p = new JsonObject();
        params.forEach((key, value) -> p.add(key, value instanceof String s ? new JsonPrimitive(s)
                : new JsonPrimitive((Number) value)));
        o.add("params", p);
        JsonArray f = new JsonArray();
        features.forEach(f::add);
        o.add("features", f);
        o.addProperty("change", change);
        o.addProperty("question", question);
        o.addProperty("success", success.text());
        o.addProperty("failure", failure.text());
        o.addProperty("estimated_seconds", estimatedSeconds);
        return o;
    }

    /** Reads back {@link #toJson}; a missing field is refused with one sentence naming it. */
    public static Experiment fromJson(JsonObject o) {
        String id = field(o, "id", "an experiment").getAsString();
        String where = "experiment " + id;
        JsonElement parent = o.get("parent");
        Map<String, Object> params = new TreeMap<>();
        field(o, "params", where).getAsJsonObject().entrySet()
                .forEach(e -> params.put(e.getKey(), value(e.getKey(), e.getValue(), where)));
        List<String> features = new ArrayList<>();
        field(o, "features", where).getAsJsonArray().forEach(e -> features.add(e.getAsString()));
        return new Experiment(id, parent == null || parent.isJsonNull() ? null : parent.getAsString(),
                Family.byLabel(field(o, "family", where).getAsString()), params, features,
                field(o, "change", where).getAsString(), field(o, "question", where).getAsString(),
                Criterion.parse(field(o, "success", where).getAsString()),
                Criterion.parse(field(o, "failure", where).getAsString()),
                field(o, "estimated_seconds", where).getAsDouble());
    }

    private static Object value(String key, JsonElement e, String where) {
        if (!e.isJsonPrimitive() || e.getAsJsonPrimitive().isBoolean()) {
            throw new IllegalArgumentException("The parameter " + key + " of " + where + " is " + e
                    + "; give each parameter a number or a text.");
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        if (p.isString()) {
            return p.getAsString();
        }
        // Whole numbers are written without a point (100), fractions with one (0.1, 1.0): that tells them apart.
        String text = p.getAsString();
        if (!text.matches("-?\\d+")) {
            return p.getAsDouble();
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException tooBig) {
            throw new IllegalArgumentException("The parameter " + key + " of " + where + " is " + text
                    + ", too big for a whole-number setting; give a value below 2147483648.", tooBig);
        }
    }

    static JsonElement field(JsonObject o, String key, String where) {
        JsonElement e = o == null ? null : o.get(key);
        if (e == null || e.isJsonNull()) {
            throw new IllegalArgumentException("The JSON of " + where + " has no '" + key + "' field; write it back "
                    + "with toJson, which always includes it.");
        }
        return e;
    }

    private static void require(Object value, String what, String who) {
        if (value == null) {
            throw new IllegalArgumentException(who + " needs " + what + "; give one instead of null.");
        }
    }
}
