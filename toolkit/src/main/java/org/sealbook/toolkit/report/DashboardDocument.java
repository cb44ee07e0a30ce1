package org.sealbook.toolkit.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sealbook.toolkit.hypothesis.Metric;
import org.sealbook.toolkit.review.MetricReview;
import org.sealbook.toolkit.review.ParetoPoint;
import org.sealbook.toolkit.review.ReviewFinding;
import org.sealbook.toolkit.review.RunEvidence;
import org.sealbook.toolkit.review.StrategyReport;
import org.sealbook.toolkit.review.StrategyReview;
import org.sealbook.toolkit.review.Verdicts;
import org.sealbook.toolkit.runs.RunStatus;
import org.sealbook.toolkit.runs.TrainingRecord;

/** The report's {@code dashboard.json}, built from what the reviewers concluded; {@link Dashboard} checks and writes it. */
public final class DashboardDocument {
    private DashboardDocument() {
    }

    /**
     * The dashboard of {@code reviewed}: counts, wall clock and integrity, each run's metrics, verdicts, settings and
     * history, the trust flags, the Pareto front and the advice. {@code sealedRecords} is how many sealed records
     * the report verified before it read the runs.
     */
    public static JsonObject build(ReviewedBatch reviewed, TrainingRecord training, String hypothesisHash,
                                   int sealedRecords) {
        List<RunEvidence> evidence = reviewed.evidence();
        Map<String, MetricReview> reviews = reviewed.reviews();
        StrategyReport strategy = reviewed.strategy();
        Map<String, String> words = reviewed.words();
        Metric primary = reviewed.primary();
        JsonObject d = new JsonObject();
        d.addProperty("schema_version", 1);
        d.addProperty("plan_id", reviewed.batch());
        d.addProperty("hypothesis_hash", hypothesisHash);
        JsonObject header = new JsonObject();
        JsonObject counts = new JsonObject();
        counts.addProperty("planned", evidence.size());
        counts.addProperty("done", count(evidence, RunStatus.DONE));
        counts.addProperty("stopped", count(evidence, RunStatus.STOPPED));
        counts.addProperty("crashed", count(evidence, RunStatus.CRASHED) + count(evidence, RunStatus.CRASHED_NAN)
                + count(evidence, RunStatus.CRASHED_OOM));
        counts.addProperty("blocked", count(evidence, RunStatus.BLOCKED_TAMPER));
        counts.addProperty("unfinished", evidence.stream().filter(e -> !e.status().isFinal()).count());
        header.add("counts", counts);
        JsonObject clock = new JsonObject();
        Instant started = Instant.parse(training.started());
        Instant finished = Instant.parse(training.finished());
        clock.addProperty("started", started.toString());
        clock.addProperty("finished", finished.toString());
        clock.addProperty("seconds", Math.max(0, finished.getEpochSecond() - started.getEpochSecond()));
        header.add("wall_clock", clock);
        JsonObject integrity = new JsonObject();
        integrity.addProperty("code", "INTACT");
        integrity.addProperty("words", "Every sealed decision, split file, result and model file matched its seal "
                + "when this report was made.");
        // each sealed decision, each run's result file, and each model file the reviewers loaded
        integrity.addProperty("artifacts_checked", sealedRecords + evidence.size()
                + evidence.stream().filter(e -> e.validationPredictions() != null).count());
        header.add("integrity", integrity);
        d.add("header", header);
        JsonArray experiments = new JsonArray();
        JsonArray flags = new JsonArray();
        for (RunEvidence run : evidence) {
            JsonObject e = new JsonObject();
            e.addProperty("id", run.id());
            e.add("status", coded(run.status().name(), run.status().words()));
            JsonObject metrics = new JsonObject();
            run.scores().forEach((k, v) -> {
                if (Double.isFinite(v)) {
                    metrics.addProperty(k, v);
                }
            });
            e.add("metrics", metrics);
            e.addProperty("complexity", run.complexity());
            e.addProperty("wall_seconds", Double.isFinite(run.fitSeconds()) ? run.fitSeconds() : 0);
            MetricReview review = reviews.get(run.id());
            Optional<StrategyReview> strategic = strategy.review(run.id());
            if (review != null && review.verdict() != null) {
                JsonObject verdicts = new JsonObject();
                verdicts.add("metric", coded(review.verdict().name(), Verdicts.words(run.status(), review, null)));
                strategic.ifPresent(s -> verdicts.add("strategy", coded(s.decision().name(), words.get(run.id()))));
                e.add("verdicts", verdicts);
            }
            JsonObject config = new JsonObject();
            config.addProperty("family", run.experiment().family().label());
            JsonObject params = new JsonObject();
            run.experiment().params().forEach((k, v) -> {
                if (v instanceof Number n) {
                    params.addProperty(k, n);
                } else {
                    params.addProperty(k, String.valueOf(v));
                }
            });
            config.add("params", params);
            if (run.experiment().parent() != null) {
                config.addProperty("parent", run.experiment().parent());
            }
            config.addProperty("change", run.experiment().change());
            e.add("config", config);
            JsonArray history = new JsonArray();
            for (Map<String, Double> step : run.history()) {
                JsonObject s = new JsonObject();
                step.forEach((k, v) -> {
                    if (k.equals("step") || k.equals("total")) {
                        s.addProperty(k, v.longValue());
                    } else if (Double.isFinite(v)) {
                        s.addProperty(k, v);
                    } else {
                        s.add(k, JsonNull.INSTANCE);
                    }
                });
                history.add(s);
            }
            e.add("history", history);
            e.addProperty("assessment", words.get(run.id()) + ". " + (review == null || review.findings().isEmpty()
                    ? run.experiment().question() : review.findings().get(0).sentence()));
            experiments.add(e);
            if (review != null && run != evidence.get(0)) {
                for (ReviewFinding finding : review.findings()) {
                    if (finding.code() != ReviewFinding.Code.IMPROVEMENT) {
                        JsonObject flag = new JsonObject();
                        flag.addProperty("code", finding.code().name());
                        flag.addProperty("words", finding.sentence());
                        flag.addProperty("experiment", run.id());
                        flags.add(flag);
                    }
                }
            }
        }
        d.add("experiments", experiments);
        reviewed.winner().ifPresent(w -> d.addProperty("winner", w));
        List<ParetoPoint> points = strategy.points().stream().filter(p -> Double.isFinite(p.primaryScore())).toList();
        if (points.size() >= 2) {
            JsonObject pareto = new JsonObject();
            pareto.addProperty("metric", primary.label());
            pareto.addProperty("higher_is_better", primary.higherIsBetter());
            JsonArray list = new JsonArray();
            for (ParetoPoint p : points) {
                JsonObject o = new JsonObject();
                o.addProperty("experiment", p.experimentId());
                o.addProperty("complexity", p.complexity());
                o.addProperty("value", p.primaryScore());
                JsonArray by = new JsonArray();
                p.dominatedBy().forEach(by::add);
                o.add("dominated_by", by);
                list.add(o);
            }
            pareto.add("points", list);
            d.add("pareto", pareto);
        }
        d.add("trust_flags", flags);
        d.addProperty("recommendation", reviewed.recommendation());
        JsonArray steps = new JsonArray();
        reviewed.nextSteps().forEach(steps::add);
        d.add("next_steps", steps);
        return d;
    }

    private static JsonObject coded(String code, String words) {
        JsonObject o = new JsonObject();
        o.addProperty("code", code);
        o.addProperty("words", words);
        return o;
    }

    private static long count(List<RunEvidence> evidence, RunStatus status) {
        return evidence.stream().filter(e -> e.status() == status).count();
    }
}
