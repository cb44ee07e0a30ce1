package org.sealbook.toolkit.review;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sealbook.toolkit.hypothesis.Contract;
import org.sealbook.toolkit.hypothesis.Metric;
import org.sealbook.toolkit.plan.Experiment;
import org.sealbook.toolkit.prepare.Prepared;
import org.sealbook.toolkit.prepare.Preprocessor;
import org.sealbook.toolkit.runs.RunStatus;

/**
 * Reviews one run against the baseline and the sealed contract, in four checks: the manifest (every locked metric
 * recorded and finite, the steps within the plan), overfitting (the training-validation gap against the locked
 * bound, and a validation loss rising at the end while the training loss falls), significance (a paired bootstrap
 * interval of the improvement over the baseline, against the practical threshold) and forensics (numbers that are
 * not finite, spikes, predictions that collapsed to one answer, a score too perfect to believe).
 * Usage: {@code MetricReview r = MetricReviewer.review(run, baseline, contract, validation, preprocessor);}
 */
public final class MetricReviewer {
    /** Bootstrap resamples per interval. */
    public static final int REPLICATES = 1000;
    /** The rising-validation check looks at this share of the last steps. */
    private static final double LAST_SHARE = 0.2;
    /** Fewer steps than this leave under two steps in the last 20%: no trend worth naming. */
    private static final int FEWEST_STEPS_FOR_TREND = 10;
    /**
     * A gap is measured against the validation score, but never against less than 1% of the baseline's: a loss near
     * zero would otherwise turn a tiny difference into a huge share.
     */
    private static final double NEAR_ZERO_SHARE = 0.01;

    private MetricReviewer() {
    }

    /** The review with {@link #REPLICATES} bootstrap resamples. */
    public static MetricReview review(RunEvidence run, RunEvidence baseline, Contract contract, Prepared validation,
                                      Preprocessor preprocessor) {
        return review(run, baseline, contract, validation, preprocessor, REPLICATES);
    }

    /**
     * Reviews {@code run} against {@code baseline}, whose validation predictions it is compared with row by row.
     *
     * @param validation   the prepared validation rows both runs predicted
     * @param preprocessor the preprocessor that prepared them (it undoes a log target for rmse and mae)
     * @param replicates   bootstrap resamples, 100 or more; the same inputs give the same interval bit for bit
     */
    public static MetricReview review(RunEvidence run, RunEvidence baseline, Contract contract, Prepared validation,
                                      Preprocessor preprocessor, int replicates) {
        checkInputs(run, baseline, contract, validation, preprocessor, replicates);
        Metric primary = contract.primary();
        List<ReviewFinding> findings = new ArrayList<>();
        RunForensics.history(run.history(), findings);
        if (run.status() != RunStatus.DONE) {
            return new MetricReview(run.id(), null, false, run.converged(), Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, findings);
        }
        boolean isBaseline = run.id().equals(baseline.id());
        manifest(run, contract, findings);
        double baselineScore = score(baseline, "val_", primary);
        double gap = gap(run, primary, baselineScore, contract.maxGap(), findings);
        boolean rising = risingValidation(run.history(), contract.practicalThreshold(), findings);
        boolean overfit = gap > contract.maxGap() || rising;
        if (!isBaseline) {
            if (!run.converged()) {
                findings.add(new ReviewFinding(ReviewFinding.Code.NOT_CONVERGED, "Its training error ended no lower "
                        + "than the baseline's, which only guesses: it learned nothing from the columns (it failed "
                        + "to converge)."));
            }
            RunForensics.collapse(run, validation, preprocessor, findings);
        }
        RunForensics.leak(run, primary, baselineScore, validation.rows(), findings);
        if (isBaseline) {
            return new MetricReview(run.id(), MetricVerdict.BASELINE, overfit, run.converged(), gap, Double.NaN,
                    Double.NaN, Double.NaN, findings);
        }
        double improvement = Improvement.of(primary, score(run, "val_", primary), baselineScore);
        double[] interval = ImprovementInterval.of(run, baseline, contract, validation, preprocessor, replicates,
                findings, improvement);
        MetricVerdict verdict = interval == null ? MetricVerdict.INCONCLUSIVE
                : interval[0] > contract.practicalThreshold() ? MetricVerdict.ACCEPT
                : interval[1] <= 0 ? MetricVerdict.REJECT : MetricVerdict.INCONCLUSIVE;
        if (interval != null) {
            findings.add(new ReviewFinding(ReviewFinding.Code.IMPROVEMENT, ImprovementInterval.sentence(primary, run,
                    baselineScore, improvement, interval, replicates, validation.rows(), contract, verdict)));
        }
        return new MetricReview(run.id(), verdict, overfit, run.converged(), gap, improvement,
                interval == null ? Double.NaN : interval[0], interval == null ? Double.NaN : interval[1], findings);
    }

    private static void checkInputs(RunEvidence run, RunEvidence baseline, Contract contract, Prepared validation,
                                    Preprocessor preprocessor, int replicates) {
        String missing = run == null ? "the run's evidence" : baseline == null ? "the baseline's evidence"
                : contract == null ? "the sealed contract" : validation == null ? "the prepared validation rows"
                : preprocessor == null ? "the preprocessor that prepared the validation rows" : null;
        if (missing != null) {
            throw new IllegalArgumentException("The metric review needs " + missing + "; pass it instead of null.");
        }
        if (replicates < 100) {
            throw new IllegalArgumentException("A bootstrap of " + replicates + " resamples gives a shaky interval; "
                    + "use 100 or more, such as the default " + REPLICATES + ".");
        }
        boolean classification = contract.task().equals("classification");
        if (classification != validation.isClassification()) {
            throw new IllegalArgumentException("The contract is a " + contract.task() + " but the validation rows hold "
                    + (validation.isClassification() ? "classes" : "numbers") + "; pass the rows prepared for this "
                    + "contract.");
        }
        for (RunEvidence evidence : List.of(run, baseline)) {
            double[][] predictions = evidence.validationPredictions();
            if (predictions != null && predictions.length != validation.rows()) {
                throw new IllegalArgumentException(evidence.id() + " has " + predictions.length + " validation "
                        + "predictions for " + validation.rows() + " validation rows; pass its predictions of the "
                        + "same validation rows.");
            }
        }
    }

    // ---- manifest ----

    /** Every locked metric recorded, on training and validation rows, as a finite number; the steps as planned. */
    private static void manifest(RunEvidence run, Contract contract, List<ReviewFinding> findings) {
        for (Metric metric : contract.lockedMetrics()) {
            for (String split : List.of("train_", "val_")) {
                String key = split + metric.label();
                String rows = split.equals("val_") ? "validation rows" : "rows it learned from";
                Double value = run.scores().get(key);
                if (value == null) {
                    findings.add(new ReviewFinding(ReviewFinding.Code.METRIC_MISSING, "Its result has no " + key
                            + " (" + metric.label() + " on the " + rows + "), which the hypothesis locked: its "
                            + "record is incomplete, so score the run again before trusting it."));
                } else if (!Double.isFinite(value)) {
                    findings.add(new ReviewFinding(ReviewFinding.Code.METRIC_NOT_FINITE, "Its " + key + " ("
                            + metric.label() + " on the " + rows + ") is " + Numbers.score(value) + ", not a usable "
                            + "number, so it cannot be compared."));
                }
            }
        }
        int done = stepsDone(run.history());
        Integer allowed = allowedSteps(run.experiment(), run.history());
        if (done < 1 || (allowed != null && done > allowed)) {
            findings.add(new ReviewFinding(ReviewFinding.Code.STEPS_OUT_OF_BOUNDS, done < 1
                    ? "It finished without a single recorded training step (epoch, tree or round): its log is "
                    + "incomplete, so how it trained cannot be checked."
                    : "It recorded " + done + " training steps (epochs, trees or rounds), more than the " + allowed
                    + " its plan allows: it trained beyond what was agreed, so its result is not the planned one."));
        }
    }

    /** The highest step number logged (a resumed run logs steps again), else the number of records. */
    private static int stepsDone(List<Map<String, Double>> history) {
        double highest = history.stream().filter(s -> s.containsKey("step")).mapToDouble(s -> s.get("step"))
                .filter(Double::isFinite).max().orElse(history.size());
        return (int) highest;
    }

    /** The plan's epochs (a network) or trees (an ensemble), else the total the model itself logged; null if none. */
    private static Integer allowedSteps(Experiment experiment, List<Map<String, Double>> history) {
        String key = switch (experiment.family()) {
            case MLP -> "epochs";
            case RANDOM_FOREST, GRADIENT_BOOSTING -> "trees";
            default -> null;
        };
        if (key != null && experiment.params().get(key) instanceof Integer planned) {
            return planned;
        }
        double total = history.stream().filter(s -> s.containsKey("total")).mapToDouble(s -> s.get("total"))
                .filter(Double::isFinite).max().orElse(Double.NaN);
        return Double.isNaN(total) ? null : (int) total;
    }

    // ---- overfitting ----

    /**
     * How much better the primary metric is on the training rows than on the validation rows, as a share of the
     * validation score (r2: the difference); NaN when either is missing. Adds a finding when it breaks the bound.
     */
    private static double gap(RunEvidence run, Metric primary, double baselineScore, double maxGap,
                              List<ReviewFinding> findings) {
        double train = score(run, "train_", primary);
        double validation = score(run, "val_", primary);
        if (!Double.isFinite(train) || !Double.isFinite(validation)) {
            return Double.NaN;
        }
        double better = Math.max(0, primary.higherIsBetter() ? train - validation : validation - train);
        double floor = Double.isFinite(baselineScore) ? NEAR_ZERO_SHARE * Math.abs(baselineScore) : 0;
        double gap = Improvement.byDifference(primary) ? better
                : better / Math.max(Math.max(Math.abs(validation), floor), Double.MIN_NORMAL);
        if (gap > maxGap) {
            findings.add(new ReviewFinding(ReviewFinding.Code.OVERFIT_GAP, "The score on the rows it learned from ("
                    + primary.label() + " " + Numbers.score(train) + ") is " + Numbers.amount(primary, gap)
                    + " better than on the validation rows (" + Numbers.score(validation) + "), more than the "
                    + Numbers.amount(primary, maxGap) + " the hypothesis allowed: it learned its training rows by "
                    + "heart (overfitting)."));
        }
        return gap;
    }

    /**
     * Whether, over the last 20% of its steps, the validation loss trended up while the training loss trended down
     * (least-squares lines, so one noisy step decides nothing), the rise more than the practical threshold: a smaller
     * change is one the contract itself would not count. Adds a finding when so.
     */
    private static boolean risingValidation(List<Map<String, Double>> history, double threshold,
                                            List<ReviewFinding> findings) {
        List<double[]> losses = new ArrayList<>();
        for (Map<String, Double> step : history) {
            Double train = step.get("train_loss");
            Double validation = step.get("val_loss");
            if (train != null && validation != null && Double.isFinite(train) && Double.isFinite(validation)) {
                losses.add(new double[] {train, validation});
            }
        }
        if (losses.size() < FEWEST_STEPS_FOR_TREND) {
            return false;
        }
        int lastSteps = (int) Math.ceil(losses.size() * LAST_SHARE);
        List<double[]> window = losses.subList(losses.size() - lastSteps - 1, losses.size()); // and the step before
        double[] train = trend(window, 0);
        double[] validation = trend(window, 1);
        double rise = (validation[1] - validation[0]) / Math.max(Math.abs(validation[0]), Double.MIN_NORMAL);
        if (!(rise > threshold && train[1] < train[0])) {
            return false;
        }
        findings.add(new ReviewFinding(ReviewFinding.Code.OVERFIT_RISING_VALIDATION, "Over its last " + lastSteps
                + " of " + losses.size() + " training steps, the error on the validation rows went up by "
                + Numbers.percent(rise) + " (from about " + Numbers.score(validation[0]) + " to "
                + Numbers.score(validation[1]) + ") while the error on its "
                + "training rows went down (from about " + Numbers.score(train[0]) + " to " + Numbers.score(train[1])
                + "): it began to learn its training rows by heart (overfitting)."));
        return true;
    }

    /** The least-squares straight line through one column of the window: its value at the first and last step. */
    private static double[] trend(List<double[]> window, int column) {
        int n = window.size();
        double meanX = (n - 1) / 2.0;
        double meanY = window.stream().mapToDouble(p -> p[column]).average().orElseThrow();
        double products = 0;
        double squares = 0;
        for (int i = 0; i < n; i++) {
            products += (i - meanX) * (window.get(i)[column] - meanY);
            squares += (i - meanX) * (i - meanX);
        }
        double slope = products / squares;
        return new double[] {meanY - slope * meanX, meanY + slope * meanX};
    }

    /** A recorded score, NaN when it is missing. */
    static double score(RunEvidence run, String split, Metric metric) {
        return run.scores().getOrDefault(split + metric.label(), Double.NaN);
    }
}
