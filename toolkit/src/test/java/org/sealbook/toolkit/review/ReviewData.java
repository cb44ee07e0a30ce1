package org.sealbook.toolkit.review;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.sealbook.toolkit.SharedData;
import org.sealbook.toolkit.data.DataCheck;
import org.sealbook.toolkit.data.DataCheckResult;
import org.sealbook.toolkit.data.DataLoader;
import org.sealbook.toolkit.data.Dataset;
import org.sealbook.toolkit.data.Mitigation.Action;
import org.sealbook.toolkit.hypothesis.Contract;
import org.sealbook.toolkit.hypothesis.Family;
import org.sealbook.toolkit.hypothesis.Metric;
import org.sealbook.toolkit.hypothesis.Ratios;
import org.sealbook.toolkit.hypothesis.SplitStrategy;
import org.sealbook.toolkit.models.Metrics;
import org.sealbook.toolkit.models.Model;
import org.sealbook.toolkit.models.Models;
import org.sealbook.toolkit.plan.Criterion;
import org.sealbook.toolkit.plan.Experiment;
import org.sealbook.toolkit.prepare.Prepared;
import org.sealbook.toolkit.prepare.Preprocessor;
import org.sealbook.toolkit.runs.RunStatus;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;

/**
 * Real rows and real runs for the review tests: a shared data set checked, split 70/30 with a fixed seed and
 * prepared as the training stage prepares it, and models trained on it into the evidence a finished run leaves.
 */
final class ReviewData {
    static final long SEED = 42;
    static final double THRESHOLD = 0.01;
    static final double MAX_GAP = 0.10;

    private ReviewData() {
    }

    /** One data set, prepared, with the contract that locks its metrics. */
    record Rows(Prepared train, Prepared validation, Preprocessor preprocessor, Contract contract) {
        List<String> features() {
            return contract.features();
        }

        /** The same data with only the first {@code n} training rows. */
        Rows fewerTrainingRows(int n) {
            return new Rows(head(train, n), validation, preprocessor, contract);
        }

        Rows withContract(Contract other) {
            return new Rows(train, validation, preprocessor, other);
        }
    }

    static Rows breastCancer() {
        return rows("breast_cancer.csv", "diagnosis", null, false, Metric.AUC, List.of(Metric.ACCURACY, Metric.F1));
    }

    static Rows breastCancerByAccuracy() {
        return rows("breast_cancer.csv", "diagnosis", null, false, Metric.ACCURACY, List.of(Metric.AUC));
    }

    static Rows wine() {
        return rows("wine.csv", "cultivar", null, false, Metric.F1, List.of(Metric.ACCURACY, Metric.LOG_LOSS));
    }

    static Rows diabetes() {
        return rows("diabetes.csv", "progression", null, false, Metric.RMSE, List.of(Metric.MAE, Metric.R2));
    }

    static Rows diabetesWithLogTarget() {
        return rows("diabetes.csv", "progression", Action.LOG_TRANSFORM_TARGET, false, Metric.RMSE,
                List.of(Metric.MAE, Metric.R2));
    }

    /** Diabetes with a copy of the answer among the columns: a leak the data check never saw. */
    static Rows diabetesWithTheAnswerCopied() {
        return rows("diabetes.csv", "progression", null, true, Metric.RMSE, List.of(Metric.MAE, Metric.R2));
    }

    private static Rows rows(String file, String target, Action targetAction, boolean copyTarget, Metric primary,
                             List<Metric> secondary) {
        Dataset data = DataLoader.create().load(SharedData.file(file));
        DataCheck check = targetAction == null ? DataCheck.of(target) : DataCheck.of(target).override(target,
                targetAction);
        DataCheckResult result = check.run(data);
        Table table = data.table().where(data.table().column(target).isNotMissing());
        if (copyTarget) {
            table.addColumns(DoubleColumn.create("answer_copy",
                    ((NumericColumn<?>) table.column(target)).asDoubleArray()));
        }
        List<String> features = table.columnNames().stream().filter(c -> !c.equals(target)).toList();
        List<Integer> order = new ArrayList<>();
        for (int row = 0; row < table.rowCount(); row++) {
            order.add(row);
        }
        Collections.shuffle(order, new Random(2024));
        int trainRows = (int) Math.round(order.size() * 0.7);
        Table train = table.rows(order.subList(0, trainRows).stream().mapToInt(Integer::intValue).toArray());
        Table validation = table.rows(order.subList(trainRows, order.size()).stream().mapToInt(Integer::intValue)
                .toArray());
        Preprocessor preprocessor = Preprocessor.fit(train, result, features);
        boolean classification = !primary.fits("regression");
        Contract contract = new Contract(classification ? "classification" : "regression", target,
                targetAction == null ? "none" : "log", SplitStrategy.RANDOM, null, null, Ratios.DEFAULT, SEED,
                features, Map.of(), List.of(Family.LINEAR, Family.RANDOM_FOREST, Family.GRADIENT_BOOSTING), 10_000,
                2_000, MAX_GAP, primary, secondary, THRESHOLD, Map.of());
        return new Rows(preprocessor.transform(train), preprocessor.transform(validation), preprocessor, contract);
    }

    /** A contract like {@code contract} with another seed. */
    static Contract withSeed(Contract c, long seed) {
        return new Contract(c.task(), c.target(), c.targetTransform(), c.split(), c.groupColumn(), c.timeColumn(),
                c.ratios(), seed, c.features(), c.excluded(), c.families(), c.maxParameters(),
                c.maxTreesTimesDepth(), c.maxGap(), c.primary(), c.secondary(), c.practicalThreshold(), c.splits());
    }

    static Experiment experiment(String id, String parent, Family family, Map<String, Object> params, String change,
                                 Contract contract) {
        String score = "val_" + contract.primary().label();
        String better = contract.primary().higherIsBetter() ? " >= " : " <= ";
        return new Experiment(id, parent, family, params, contract.features(), change, "Does it beat the baseline?",
                Criterion.parse(score + better + "baseline"), Criterion.parse(score
                + (contract.primary().higherIsBetter() ? " < " : " > ") + "baseline"), 1);
    }

    static Experiment baselineExperiment(Contract contract) {
        return experiment("exp_000", null, Family.BASELINE, Map.of(), "baseline", contract);
    }

    /** A trained run's evidence, and its predictions for the training rows (which a result only scores). */
    record Trained(RunEvidence evidence, double[][] trainPredictions) {
    }

    /**
     * Trains the experiment's model as the training stage does and returns what its run leaves: scores on both
     * splits, every step logged, its size, times and validation predictions.
     */
    static Trained trained(Experiment experiment, Rows rows) {
        Model model = Models.create(experiment, rows.contract().seed());
        List<Map<String, Double>> history = new ArrayList<>();
        long start = System.nanoTime();
        model.fit(rows.train(), rows.validation(), (done, total, metrics) -> {
            Map<String, Double> step = new LinkedHashMap<>(metrics);
            step.put("step", (double) done);
            step.put("total", (double) total);
            history.add(step);
            return true;
        });
        double fitSeconds = (System.nanoTime() - start) / 1e9;
        start = System.nanoTime();
        double[][] predictions = model.predict(rows.validation().x());
        double perRow = (System.nanoTime() - start) / 1e9 / rows.validation().rows();
        double[][] trainPredictions = model.predict(rows.train().x());
        return new Trained(new RunEvidence(experiment, RunStatus.DONE, scores(rows, trainPredictions, predictions),
                history, model.complexity(), fitSeconds, perRow, predictions, true), trainPredictions);
    }

    /**
     * The evidence of {@code source}'s run as if {@code as} had made these predictions instead, scored as its result
     * would record them.
     */
    static RunEvidence predicting(Trained source, Experiment as, double[][] trainPredictions,
                                  double[][] validationPredictions, Rows rows) {
        RunEvidence run = source.evidence();
        return new RunEvidence(as, run.status(), scores(rows, trainPredictions, validationPredictions), run.history(),
                run.complexity(), run.fitSeconds(), run.predictSecondsPerRow(), validationPredictions,
                run.converged());
    }

    static RunEvidence withHistory(RunEvidence run, List<Map<String, Double>> history) {
        return new RunEvidence(run.experiment(), run.status(), run.scores(), history, run.complexity(),
                run.fitSeconds(), run.predictSecondsPerRow(), run.validationPredictions(), run.converged());
    }

    static RunEvidence withScores(RunEvidence run, Map<String, Double> scores) {
        return new RunEvidence(run.experiment(), run.status(), scores, run.history(), run.complexity(),
                run.fitSeconds(), run.predictSecondsPerRow(), run.validationPredictions(), run.converged());
    }

    static RunEvidence withStatus(RunEvidence run, RunStatus status) {
        return new RunEvidence(run.experiment(), status, run.scores(), run.history(), run.complexity(),
                run.fitSeconds(), run.predictSecondsPerRow(), run.validationPredictions(), run.converged());
    }

    private static Map<String, Double> scores(Rows rows, double[][] train, double[][] validation) {
        Map<String, Double> scores = new LinkedHashMap<>();
        Metrics.compute(rows.contract().lockedMetrics(), rows.train(), train, rows.preprocessor())
                .forEach((k, v) -> scores.put("train_" + k, v));
        Metrics.compute(rows.contract().lockedMetrics(), rows.validation(), validation, rows.preprocessor())
                .forEach((k, v) -> scores.put("val_" + k, v));
        return scores;
    }

    private static Prepared head(Prepared p, int n) {
        double[][] x = java.util.Arrays.copyOf(p.x(), n);
        return p.isClassification()
                ? Prepared.classification(p.features(), x, java.util.Arrays.copyOf(p.labels(), n), p.classes())
                : Prepared.regression(p.features(), x, java.util.Arrays.copyOf(p.y(), n));
    }
}
