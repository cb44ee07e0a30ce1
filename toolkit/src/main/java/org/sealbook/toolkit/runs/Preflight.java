package org.sealbook.toolkit.runs;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.sealbook.toolkit.models.Metrics;
import org.sealbook.toolkit.models.Model;
import org.sealbook.toolkit.plan.Experiment;
import org.sealbook.toolkit.prepare.Prepared;
import org.sealbook.toolkit.prepare.TrainingData;
import org.sealbook.toolkit.workspace.StageNames;

/**
 * What a run must pass before its real fit: the rows are finite, a fresh model trains one step on a few rows, its
 * predictions are finite (probabilities summing to 1), and the locked metric can be computed from them. The check
 * is logged as the run's first record.
 * Usage: {@code Preflight.check(experiment, data, factory, log, names);}
 */
final class Preflight {
    static final int ROWS = 64;

    private Preflight() {
    }

    /** Throws, with one sentence naming the experiment, when the run would fail at once. */
    static void check(Experiment e, TrainingData data, Batch.ModelFactory factory, RunLog log, StageNames names) {
        requireFinite(data.train(), "training", names);
        requireFinite(data.validation(), "validation", names);
        int n = Math.min(ROWS, data.train().rows());
        Prepared sample = head(data.train(), n);
        Model probe = factory.create(e, data.contract().seed());
        probe.fit(sample, sample, (step, total, metrics) -> false);
        double[][] predicted = probe.predict(sample.x());
        for (double[] row : predicted) {
            double sum = 0;
            for (double v : row) {
                if (!Double.isFinite(v)) {
                    throw new ArithmeticException(e.id() + " failed its preflight: a prediction after one training "
                            + "step is not a finite number; check the data for extreme values or lower the learning rate.");
                }
                sum += v;
            }
            if (sample.isClassification() && Math.abs(sum - 1) > 1e-6) {
                throw new IllegalStateException(e.id() + " failed its preflight: its class probabilities add up to "
                        + sum + ", not 1.");
            }
        }
        Map<String, Double> probeScores = Metrics.compute(List.of(data.contract().primary()), sample, predicted,
                data.preprocessor());
        JsonObject record = new JsonObject();
        record.addProperty("event", "preflight");
        record.addProperty("rows", n);
        record.addProperty("seed", data.contract().seed());
        record.addProperty("metric_emitted", probeScores.containsKey(data.contract().primary().label()));
        JsonArray checks = new JsonArray();
        probe.selfChecks().forEach(checks::add);
        record.add("model_checks", checks);
        if (data.train().isWeighted()) {
            // whether train_loss is the weighted loss it optimises, or the plain one of a family that cannot weight
            record.addProperty("class_weights", probe.learnsClassWeights() ? "learned" : "not learned by this family");
        }
        log.append(record);
    }

    private static void requireFinite(Prepared rows, String which, StageNames names) {
        if (rows.rows() == 0) {
            throw new IllegalStateException("The " + which + " split has no rows; run " + names.stage("hypothesize")
                    + " again with other ratios.");
        }
        for (double[] row : rows.x()) {
            for (double v : row) {
                if (!Double.isFinite(v)) {
                    throw new IllegalStateException("The prepared " + which + " rows hold a value that is not a finite "
                            + "number; the data check's recipe should have filled it, so run " + names.stage("data_check")
                            + " again.");
                }
            }
        }
    }

    /** The first n rows, with the rows' class weights when they carry some. */
    private static Prepared head(Prepared p, int n) {
        double[][] x = Arrays.copyOf(p.x(), n);
        if (!p.isClassification()) {
            return Prepared.regression(p.features(), x, Arrays.copyOf(p.y(), n));
        }
        Prepared head = Prepared.classification(p.features(), x, Arrays.copyOf(p.labels(), n), p.classes());
        return p.isWeighted() ? head.withClassWeights(p.classWeights()) : head;
    }
}
