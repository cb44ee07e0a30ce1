package org.sealbook.toolkit.data;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sealbook.toolkit.workspace.Artifact;
import org.sealbook.toolkit.workspace.Codec;

/**
 * What the data check decided: the task, the target and its transform, the features left after the recipe,
 * every finding and the recipe itself. {@link #toJson()} is the decision a later stage seals.
 */
public record DataCheckResult(String source, String sourceSha256, String id, String time, Task task,
                              boolean taskInferred, String target, String targetTransform,
                              List<String> features, List<Finding> findings, Recipe recipe, Mitigate mitigate,
                              int rowsRead, int rowsDroppedMissingTarget, List<Threshold> thresholds) {
    /** The sealed data check, {@code data_check.json}: the first record every later stage is built on. */
    public static final Artifact<DataCheckResult> ARTIFACT = Artifact.of("data_check", "the data check", "data_check",
            null, Codec.of(DataCheckResult::toJson, DataCheckResult::fromJson).schema("data_check"));

    public DataCheckResult {
        features = List.copyOf(features);
        findings = List.copyOf(findings);
        thresholds = List.copyOf(thresholds);
    }

    public int rowsKept() {
        return rowsRead - rowsDroppedMissingTarget;
    }

    /** The most severe finding's severity: any FAIL means later stages must not run on this data. */
    public Severity worst() {
        return findings.stream().map(Finding::severity).max(Enum::compareTo).orElse(Severity.PASS);
    }

    public List<Finding> findings(String code) {
        return findings.stream().filter(f -> f.code().equals(code)).toList();
    }

    public List<Finding> findingsFor(String column) {
        return findings.stream().filter(f -> f.columns().contains(column)).toList();
    }

    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("source", source);
        o.addProperty("source_sha256", sourceSha256);
        if (id != null) {
            o.addProperty("id", id);
        }
        if (time != null) {
            o.addProperty("time", time);
        }
        o.addProperty("task", task.label());
        o.addProperty("task_inferred", taskInferred);
        o.addProperty("target", target);
        o.addProperty("target_transform", targetTransform);
        o.addProperty("mitigate", mitigate.name().toLowerCase(java.util.Locale.ROOT));
        JsonArray fs = new JsonArray();
        features.forEach(fs::add);
        o.add("features", fs);
        JsonObject counts = new JsonObject();
        counts.addProperty("rows_read", rowsRead);
        counts.addProperty("rows_dropped_missing_target", rowsDroppedMissingTarget);
        counts.addProperty("rows_kept", rowsKept());
        o.add("counts", counts);
        JsonArray steps = new JsonArray();
        for (Mitigation m : recipe.steps()) {
            JsonObject s = new JsonObject();
            s.addProperty("column", m.column());
            s.addProperty("action", m.action().name().toLowerCase(java.util.Locale.ROOT));
            s.addProperty("reason", m.reason());
            steps.add(s);
        }
        o.add("recipe", steps);
        JsonArray found = new JsonArray();
        for (Finding f : findings) {
            JsonObject j = new JsonObject();
            j.addProperty("check", f.check());
            JsonArray cols = new JsonArray();
            f.columns().forEach(cols::add);
            j.add("columns", cols);
            j.addProperty("severity", f.severity().name());
            j.addProperty("code", f.code());
            JsonObject m = new JsonObject();
            // NaN is not JSON: an undefined number is written as null
            f.measures().forEach((k, v) -> {
                if (Double.isFinite(v)) {
                    m.addProperty(k, v);
                } else {
                    m.add(k, com.google.gson.JsonNull.INSTANCE);
                }
            });
            j.add("measures", m);
            if (f.threshold() != null) {
                JsonObject t = new JsonObject();
                t.addProperty("key", f.threshold().key());
                t.addProperty("value", f.threshold().value());
                t.addProperty("source", f.threshold().source());
                j.add("threshold", t);
            }
            found.add(j);
        }
        o.add("findings", found);
        o.addProperty("worst", worst().name());
        return o;
    }

    /** Reads back {@link #toJson}; the limits in force are those the findings name. */
    public static DataCheckResult fromJson(JsonObject o) {
        List<Finding> findings = new ArrayList<>();
        List<Threshold> thresholds = new ArrayList<>();
        for (JsonElement e : o.getAsJsonArray("findings")) {
            JsonObject j = e.getAsJsonObject();
            Map<String, Double> measures = new LinkedHashMap<>();
            j.getAsJsonObject("measures").entrySet().forEach(m -> measures.put(m.getKey(),
                    m.getValue().isJsonNull() ? Double.NaN : m.getValue().getAsDouble()));
            Threshold threshold = null;
            if (j.has("threshold")) {
                JsonObject t = j.getAsJsonObject("threshold");
                threshold = new Threshold(t.get("key").getAsString(), t.get("value").getAsDouble(),
                        t.get("source").getAsString());
                if (!thresholds.contains(threshold)) {
                    thresholds.add(threshold);
                }
            }
            findings.add(new Finding(j.get("check").getAsString(), texts(j.getAsJsonArray("columns")),
                    Severity.valueOf(j.get("severity").getAsString()), j.get("code").getAsString(), measures, threshold));
        }
        List<Mitigation> steps = new ArrayList<>();
        for (JsonElement e : o.getAsJsonArray("recipe")) {
            JsonObject s = e.getAsJsonObject();
            steps.add(new Mitigation(s.get("column").getAsString(),
                    Mitigation.Action.valueOf(s.get("action").getAsString().toUpperCase(java.util.Locale.ROOT)),
                    s.get("reason").getAsString()));
        }
        JsonObject counts = o.getAsJsonObject("counts");
        return new DataCheckResult(o.get("source").getAsString(), o.get("source_sha256").getAsString(),
                o.has("id") ? o.get("id").getAsString() : null, o.has("time") ? o.get("time").getAsString() : null,
                Task.parse(o.get("task").getAsString()), o.get("task_inferred").getAsBoolean(),
                o.get("target").getAsString(), o.get("target_transform").getAsString(),
                texts(o.getAsJsonArray("features")), findings, new Recipe(steps),
                Mitigate.parse(o.get("mitigate").getAsString()), counts.get("rows_read").getAsInt(),
                counts.get("rows_dropped_missing_target").getAsInt(), thresholds);
    }

    private static List<String> texts(JsonArray a) {
        List<String> out = new ArrayList<>();
        a.forEach(e -> out.add(e.getAsString()));
        return out;
    }
}
