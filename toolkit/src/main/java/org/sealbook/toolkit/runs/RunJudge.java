package org.sealbook.toolkit.runs;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sealbook.toolkit.explain.Numbers;
import org.sealbook.toolkit.hypothesis.Family;
import org.sealbook.toolkit.hypothesis.Metric;
import org.sealbook.toolkit.models.Metrics;
import org.sealbook.toolkit.models.Model;
import org.sealbook.toolkit.models.TrainingLoss;
import org.sealbook.toolkit.plan.Experiment;
import org.sealbook.toolkit.prepare.TrainingData;

/**
 * Judges a trained run: its scores on the locked metrics, its verdict against its criteria and the contract's gap
 * bound, and whether it learned anything beyond the baseline's guess.
 * Usage: {@code Map<String, Double> scores = judge.scores(model); String words = judge.verdict(e, scores, bar);}
 */
final class RunJudge {
    /** A training loss within 1% of the baseline's counts as not learned. */
    private static final double LEARNED_MARGIN = 0.01;

    private final TrainingData data;
    private final Map<Boolean, Double> constantGuessLosses = new HashMap<>();

    RunJudge(TrainingData data) {
        this.data = data;
    }

    /** Train and validation scores of the locked metrics, and the generalisation gap of the primary. */
    Map<String, Double> scores(Model model) {
        List<Metric> metrics = data.contract().lockedMetrics();
        Map<String, Double> scores = new LinkedHashMap<>();
        Metrics.compute(metrics, data.train(), model.predict(data.train().x()), data.preprocessor())
                .forEach((k, v) -> scores.put("train_" + k, v));
        Metrics.compute(metrics, data.validation(), model.predict(data.validation().x()), data.preprocessor())
                .forEach((k, v) -> scores.put("val_" + k, v));
        Metric primary = data.contract().primary();
        double train = scores.getOrDefault("train_" + primary.label(), Double.NaN);
        double val = scores.getOrDefault("val_" + primary.label(), Double.NaN);
        double better = primary.higherIsBetter() ? train - val : val - train;
        scores.put("gap", val == 0 ? Double.NaN : Math.max(0, better) / Math.abs(val));
        return scores;
    }

    /** The run's verdict against its criteria and the contract's gap bound, in one sentence. */
    String verdict(Experiment e, Map<String, Double> scores, Map<String, Double> baselineScores) {
        Metric primary = data.contract().primary();
        String score = primary.label() + " " + Batch.round(scores.get("val_" + primary.label()));
        if (e.family() == Family.BASELINE) {
            return e.id() + " (the baseline) scored " + score + " on the validation rows: the bar for the others.";
        }
        if (baselineScores.isEmpty() && e.success().usesBaseline()) {
            // a sweep's trials have no baseline run: they are compared with one another
            return e.id() + " scored " + score + " on the validation rows.";
        }
        double gap = scores.getOrDefault("gap", Double.NaN);
        boolean overfits = gap > data.contract().maxGap();
        boolean success = e.success().test(scores, baselineScores);
        boolean failure = e.failure().test(scores, baselineScores);
        String outcome = failure ? "failed (" + e.failure().text() + ")"
                : success && !overfits ? "succeeded (" + e.success().text() + ")"
                : success ? "met its success rule, but its training score is " + Numbers.percent(gap)
                + " better than its validation score, more than the " + Numbers.percent(data.contract().maxGap())
                + " allowed, so it does not count"
                : "did not clear the bar (" + e.success().text() + ")";
        return e.id() + " scored " + score + " on the validation rows and " + outcome + ".";
    }

    /**
     * Null when a run's training loss ended clearly below that of the best guess that ignores the features (the
     * class shares or the mean, as the baseline guesses; weighted by class like the loss when the run learned with
     * class weights); else the warning that says it did not: a model that cannot beat it on the very rows it learns
     * from failed to converge.
     */
    String notLearned(Run run) {
        Double last = run.latest.get("train_loss");
        boolean weighted = run.latest.containsKey(TrainingLoss.TRAIN_UNWEIGHTED);
        double bar = constantGuessLoss(weighted);
        if (last == null || !Double.isFinite(bar) || last < bar * (1 - LEARNED_MARGIN)) {
            return null;
        }
        String id = run.experiment.id();
        return id + "'s training loss" + (weighted ? ", weighted by class as it learned," : "") + " ended at "
                + Batch.round(last) + ", no lower than " + (weighted ? "the weighted loss of guessing the weighted "
                + "class shares for every row, " : "the baseline's ") + Batch.round(bar) + ": it learned nothing the "
                + "baseline's guess does not already know (it failed to converge). "
                + switch (run.experiment.family()) {
                    case MLP -> "Try a larger learning_rate or more epochs.";
                    case GRADIENT_BOOSTING -> "Try more trees or a larger learning_rate.";
                    case RANDOM_FOREST -> "Try deeper trees (max_depth).";
                    default -> "Check that the features relate to the target at all.";
                };
    }

    /** The training loss of the best constant guess, weighted by class or not, computed once each. */
    private synchronized double constantGuessLoss(boolean weighted) {
        return constantGuessLosses.computeIfAbsent(weighted, w -> TrainingLoss.constantGuess(data.train(), w));
    }
}
