package org.sealbook.toolkit.evaluation;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sealbook.toolkit.report.ReportDecision;
import org.sealbook.toolkit.workspace.Artifact;
import org.sealbook.toolkit.workspace.Codec;

/**
 * What %eval seals, {@code eval.json}, built on the report: which file (and its SHA-256) was scored by which model,
 * the scores on its labelled rows, how far each column drifted from the training rows, and, for a file without the
 * target, the predictions file written beside the seal.
 *
 * @param chosenAs          "promoted" or "run": how the model was named
 * @param scoredRows        the rows that had a target and were scored; 0 for predictions only
 * @param scores            each locked metric's score on the scored rows, by label; empty for predictions only
 * @param predictions       the predictions file, relative to the workspace; null when the rows were scored
 * @param predictionsSha256 its SHA-256; null with it
 */
public record EvalRecord(String file, String sha256, int rows, int scoredRows, String experiment, String chosenAs,
                         Map<String, Double> scores, List<Drift.ColumnDrift> drift, String predictions,
                         String predictionsSha256) {
    public static final Artifact<EvalRecord> ARTIFACT = Artifact.of("eval", "the evaluation on new rows", "eval",
            ReportDecision.ARTIFACT, Codec.of(EvalRecord::toJson, EvalRecord::fromJson).schema("eval"));

    public EvalRecord {
        scores = new LinkedHashMap<>(scores);
        drift = List.copyOf(drift);
    }

    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("file", file);
        o.addProperty("sha256", sha256);
        o.addProperty("rows", rows);
        o.addProperty("scored_rows", scoredRows);
        o.addProperty("experiment", experiment);
        o.addProperty("chosen_as", chosenAs);
        JsonObject s = new JsonObject();
        scores.forEach((k, v) -> {
            if (Double.isFinite(v)) {
                s.addProperty(k, v);
            }
        });
        o.add("scores", s);
        JsonArray d = new JsonArray();
        for (Drift.ColumnDrift c : drift) {
            JsonObject one = new JsonObject();
            one.addProperty("column", c.column());
            one.addProperty("kind", c.kind());
            one.addProperty("psi", c.psi());
            if (Double.isFinite(c.ks())) {
                one.addProperty("ks", c.ks());
            }
            one.addProperty("unseen", c.unseen());
            one.addProperty("missing_before", c.missingBefore());
            one.addProperty("missing_now", c.missingNow());
            one.addProperty("chance", c.chance());
            d.add(one);
        }
        o.add("drift", d);
        if (predictions != null) {
            JsonObject p = new JsonObject();
            p.addProperty("file", predictions);
            p.addProperty("sha256", predictionsSha256);
            o.add("predictions", p);
        }
        return o;
    }

    public static EvalRecord fromJson(JsonObject o) {
        Map<String, Double> scores = new LinkedHashMap<>();
        o.getAsJsonObject("scores").entrySet().forEach(e -> scores.put(e.getKey(), e.getValue().getAsDouble()));
        List<Drift.ColumnDrift> drift = new ArrayList<>();
        for (JsonElement e : o.getAsJsonArray("drift")) {
            JsonObject c = e.getAsJsonObject();
            drift.add(new Drift.ColumnDrift(c.get("column").getAsString(), c.get("kind").getAsString(),
                    c.get("psi").getAsDouble(), c.has("ks") ? c.get("ks").getAsDouble() : Double.NaN,
                    c.get("unseen").getAsDouble(), c.get("missing_before").getAsDouble(),
                    c.get("missing_now").getAsDouble(), c.get("chance").getAsDouble()));
        }
        JsonObject p = o.has("predictions") ? o.getAsJsonObject("predictions") : null;
        return new EvalRecord(o.get("file").getAsString(), o.get("sha256").getAsString(), o.get("rows").getAsInt(),
                o.get("scored_rows").getAsInt(), o.get("experiment").getAsString(), o.get("chosen_as").getAsString(),
                scores, drift, p == null ? null : p.get("file").getAsString(),
                p == null ? null : p.get("sha256").getAsString());
    }
}
