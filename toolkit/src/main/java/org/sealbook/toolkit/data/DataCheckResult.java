package org.sealbook.toolkit.data;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;

/**
 * What the data check decided: the task, the target and its transform, the features left after the recipe,
 * every finding and the recipe itself. {@link #toJson()} is the decision a later stage seals.
 */
public record DataCheckResult(String source, String sourceSha256, String id, String time, Task task,
                              boolean taskInferred, String target, String targetTransform,
                              List<String> features, List<Finding> findings, Recipe recipe, Mitigate mitigate,
                              int rowsRead, int rowsDroppedMissingTarget, List<Threshold> thresholds) {

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
        o.addProperty("mitigate", mitigate.name().toLowerCase());
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
            s.addProperty("action", m.action().name().toLowerCase());
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
}
