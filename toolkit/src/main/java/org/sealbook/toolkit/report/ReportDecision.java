package org.sealbook.toolkit.report;

import com.google.gson.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.sealbook.toolkit.runs.TrainingRecord;
import org.sealbook.toolkit.workspace.Artifact;
import org.sealbook.toolkit.workspace.Codec;

/**
 * What the report seals, {@code report.json}: the verdict on each run in words, the winner and where it was
 * promoted, the hashes of the dashboard and the HTML report, and, once, the locked test rows' result.
 *
 * @param winner   the recommended run; null when none earned it
 * @param verdicts each run's verdict in words, by experiment id
 * @param promoted where the winner went; null when there is none
 * @param last     the test rows' single result; null until {@code %report --final}
 */
public record ReportDecision(String batch, String winner, Map<String, String> verdicts, Promotion promoted,
                             FinalScore last, String dashboardSha256, String reportSha256) {
    public static final Artifact<ReportDecision> ARTIFACT = Artifact.of("report", "the report", "report",
            TrainingRecord.ARTIFACT, Codec.of(ReportDecision::toJson, ReportDecision::fromJson).schema("report"));

    /** The promoted winner: its tag and the branch it was merged into. */
    public record Promotion(String experiment, String tag, String branch) {
        JsonObject toJson() {
            JsonObject o = new JsonObject();
            o.addProperty("experiment", experiment);
            o.addProperty("tag", tag);
            o.addProperty("branch", branch);
            return o;
        }
    }

    /** One model's scores on the test rows, by metric. */
    public record Scored(String experiment, Map<String, Double> metrics) {
        public Scored {
            metrics = new LinkedHashMap<>(metrics);
        }

        JsonObject toJson() {
            JsonObject o = new JsonObject();
            o.addProperty("experiment", experiment);
            JsonObject m = new JsonObject();
            metrics.forEach((k, v) -> {
                if (Double.isFinite(v)) {
                    m.addProperty(k, v);
                }
            });
            o.add("metrics", m);
            return o;
        }

        static Scored fromJson(JsonObject o) {
            Map<String, Double> metrics = new LinkedHashMap<>();
            o.getAsJsonObject("metrics").entrySet().forEach(e -> metrics.put(e.getKey(), e.getValue().getAsDouble()));
            return new Scored(o.get("experiment").getAsString(), metrics);
        }
    }

    /** The locked test rows' one use: when, how many rows, the winner's and the baseline's scores. */
    public record FinalScore(String at, int rows, Scored winner, Scored baseline) {
        JsonObject toJson() {
            JsonObject o = new JsonObject();
            o.addProperty("at", at);
            o.addProperty("rows", rows);
            o.add("winner", winner.toJson());
            o.add("baseline", baseline.toJson());
            return o;
        }

        /** The winner and the baseline as the dashboard shows them. */
        public JsonObject forDashboard() {
            JsonObject o = new JsonObject();
            o.add("winner", winner.toJson());
            o.add("baseline", baseline.toJson());
            return o;
        }
    }

    public ReportDecision {
        verdicts = new LinkedHashMap<>(verdicts);
    }

    public Optional<String> winnerId() {
        return Optional.ofNullable(winner);
    }

    public Optional<FinalScore> finalScore() {
        return Optional.ofNullable(last);
    }

    /** The same decision with the test rows' result added. */
    public ReportDecision withFinal(FinalScore score) {
        return new ReportDecision(batch, winner, verdicts, promoted, score, dashboardSha256, reportSha256);
    }

    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("batch", batch);
        if (winner != null) {
            o.addProperty("winner", winner);
        }
        JsonObject v = new JsonObject();
        verdicts.forEach(v::addProperty);
        o.add("verdicts", v);
        if (promoted != null) {
            o.add("promoted", promoted.toJson());
        }
        if (last != null) {
            o.add("final", last.toJson());
        }
        o.addProperty("dashboard_sha256", dashboardSha256);
        o.addProperty("report_sha256", reportSha256);
        return o;
    }

    public static ReportDecision fromJson(JsonObject o) {
        Map<String, String> verdicts = new LinkedHashMap<>();
        o.getAsJsonObject("verdicts").entrySet().forEach(e -> verdicts.put(e.getKey(), e.getValue().getAsString()));
        Promotion promoted = null;
        if (o.has("promoted")) {
            JsonObject p = o.getAsJsonObject("promoted");
            promoted = new Promotion(p.get("experiment").getAsString(), p.get("tag").getAsString(),
                    p.get("branch").getAsString());
        }
        FinalScore last = null;
        if (o.has("final")) {
            JsonObject f = o.getAsJsonObject("final");
            last = new FinalScore(f.get("at").getAsString(), f.get("rows").getAsInt(),
                    Scored.fromJson(f.getAsJsonObject("winner")), Scored.fromJson(f.getAsJsonObject("baseline")));
        }
        return new ReportDecision(o.get("batch").getAsString(), o.has("winner") ? o.get("winner").getAsString() : null,
                verdicts, promoted, last, o.get("dashboard_sha256").getAsString(), o.get("report_sha256").getAsString());
    }
}
