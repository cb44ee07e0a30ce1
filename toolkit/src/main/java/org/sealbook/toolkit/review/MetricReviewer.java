package org.sealbook.toolkit.review;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.sealbook.toolkit.hypothesis.Contract;
import org.sealbook.toolkit.hypothesis.Metric;
import org.sealbook.toolkit.models.Metrics;
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
    private static final double CONFIDENCE = 0.95;
    /** The rising-validation check looks at this share of the last steps. */
    private static final double LAST_SHARE = 0.2;
    /** Fewer steps than this leave under two steps in the last 20%: no trend worth naming. */
    private static final int FEWEST_STEPS_FOR_TREND = 10;
    // Spikes as the training watch calls them: a loss above 3x, a gradient above 10x, the average of the 5 steps
    // before it, once at least 3 steps are known.
    private static final double LOSS_SPIKE_FACTOR = 3;
    private static final double GRADIENT_SPIKE_FACTOR = 10;
    private static final int SPIKE_MEMORY = 5;
    private static final int SPIKE_WARM_UP = 3;
    /**
     * A gap is measured against the validation score, but never against less than 1% of the baseline's: a loss near
     * zero would otherwise turn a tiny difference into a huge share.
     */
    private static final double NEAR_ZERO_SHARE = 0.01;
    /** Predictions that vary by less than 0.1% of the truth's spread give every row the same answer. */
    private static final double COLLAPSE_SHARE = 1e-3;
    /** A score this close to perfect (as a share of the baseline's distance from perfect) counts as perfect. */
    private static final double PERFECT_TOLERANCE = 1e-9;

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
        historyForensics(run.history(), findings);
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
            collapse(run, validation, preprocessor, findings);
        }
        leak(run, primary, baselineScore, validation.rows(), findings);
        if (isBaseline) {
            return new MetricReview(run.id(), MetricVerdict.BASELINE, overfit, run.converged(), gap, Double.NaN,
                    Double.NaN, Double.NaN, findings);
        }
        double improvement = Improvement.of(primary, score(run, "val_", primary), baselineScore);
        double[] interval = interval(run, baseline, contract, validation, preprocessor, replicates, findings,
                improvement);
        MetricVerdict verdict = interval == null ? MetricVerdict.INCONCLUSIVE
                : interval[0] > contract.practicalThreshold() ? MetricVerdict.ACCEPT
                : interval[1] <= 0 ? MetricVerdict.REJECT : MetricVerdict.INCONCLUSIVE;
        if (interval != null) {
            findings.add(new ReviewFinding(ReviewFinding.Code.IMPROVEMENT, improvementSentence(primary, run,
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

    // ---- significance ----

    /**
     * The 95% percentile interval of the improvement over the baseline: each resample draws the validation rows
     * with replacement once, and scores both runs' predictions on those same rows. Null (with a finding) when it
     * cannot be measured.
     */
    private static double[] interval(RunEvidence run, RunEvidence baseline, Contract contract, Prepared validation,
                                     Preprocessor preprocessor, int replicates, List<ReviewFinding> findings,
                                     double improvement) {
        Metric primary = contract.primary();
        String point = Double.isFinite(improvement) ? "Its recorded validation " + primary.label() + " is "
                + Numbers.betterOrWorse(primary, improvement) + " than the baseline's, but " : "";
        if (run.validationPredictions() == null || baseline.validationPredictions() == null) {
            findings.add(new ReviewFinding(ReviewFinding.Code.NO_INTERVAL, point + "how sure that is cannot be "
                    + "measured: " + (run.validationPredictions() == null ? "the run" : "the baseline")
                    + " left no predictions for the validation rows, so it stays undecided."));
            return null;
        }
        Random random = new Random(contract.seed());
        int n = validation.rows();
        double[] gains = new double[replicates];
        int measured = 0;
        for (int r = 0; r < replicates; r++) {
            int[] rows = new int[n];
            for (int i = 0; i < n; i++) {
                rows[i] = random.nextInt(n);
            }
            Prepared sample = rows(validation, rows);
            double candidate = Metrics.score(primary, sample, pick(run.validationPredictions(), rows), preprocessor);
            double reference = Metrics.score(primary, sample, pick(baseline.validationPredictions(), rows),
                    preprocessor);
            double gain = Improvement.of(primary, candidate, reference);
            if (Double.isFinite(gain)) {
                gains[measured++] = gain;
            }
        }
        if (measured < replicates / 2) {
            findings.add(new ReviewFinding(ReviewFinding.Code.NO_INTERVAL, point + "how sure that is cannot be "
                    + "measured: only " + measured + " of " + replicates + " resamples of the validation rows gave "
                    + "both runs a score (" + primary.label() + " needs every class among the rows, and finite "
                    + "predictions), so it stays undecided."));
            return null;
        }
        double[] sorted = Arrays.copyOf(gains, measured);
        Arrays.sort(sorted);
        double tail = (1 - CONFIDENCE) / 2;
        return new double[] {percentile(sorted, tail), percentile(sorted, 1 - tail)};
    }

    /** numpy's default (linear) percentile of sorted values. */
    private static double percentile(double[] sorted, double share) {
        double position = share * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    private static Prepared rows(Prepared all, int[] rows) {
        double[][] x = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            x[i] = all.x()[rows[i]];
        }
        if (all.isClassification()) {
            int[] labels = new int[rows.length];
            for (int i = 0; i < rows.length; i++) {
                labels[i] = all.labels()[rows[i]];
            }
            return Prepared.classification(all.features(), x, labels, all.classes());
        }
        double[] y = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            y[i] = all.y()[rows[i]];
        }
        return Prepared.regression(all.features(), x, y);
    }

    private static double[][] pick(double[][] predictions, int[] rows) {
        double[][] picked = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            picked[i] = predictions[rows[i]];
        }
        return picked;
    }

    private static String improvementSentence(Metric primary, RunEvidence run, double baselineScore,
                                              double improvement, double[] interval, int replicates, int rows,
                                              Contract contract, MetricVerdict verdict) {
        String threshold = Numbers.amount(primary, contract.practicalThreshold());
        String range = "Scored again on " + replicates + " resamples of the " + rows + " validation rows, the "
                + "improvement lies between " + Numbers.amount(primary, interval[0]) + " and "
                + Numbers.amount(primary, interval[1]) + " (95% of the resamples)";
        String outcome = switch (verdict) {
            case ACCEPT -> "; all of that is above the " + threshold + " that counts, so the improvement is real.";
            case REJECT -> interval[1] < 0 ? "; all of that is below 0: it is worse than the baseline."
                    : "; none of that is above 0: it is not better than the baseline.";
            default -> "; part of that is at or below the " + threshold + " that counts, so these rows cannot show "
                    + "that it beats the baseline by enough (too close to call).";
        };
        String point = Double.isFinite(improvement) ? "Its validation " + primary.label() + " is "
                + Numbers.score(score(run, "val_", primary)) + " against the baseline's "
                + Numbers.score(baselineScore) + ": " + Numbers.betterOrWorse(primary, improvement) + ". "
                : "Its recorded validation " + primary.label() + " is missing, so only the predictions were compared. ";
        return point + range + outcome;
    }

    // ---- forensics ----

    /** The first value that is not a finite number anywhere in the history, and the first spike of each number. */
    private static void historyForensics(List<Map<String, Double>> history, List<ReviewFinding> findings) {
        String first = null;
        int notFinite = 0;
        for (int i = 0; i < history.size(); i++) {
            for (Map.Entry<String, Double> value : history.get(i).entrySet()) {
                if (!Double.isFinite(value.getValue())) {
                    notFinite++;
                    if (first == null) {
                        first = "At step " + stepNumber(history, i) + " " + plainName(value.getKey()) + " became "
                                + (Double.isNaN(value.getValue()) ? "NaN (not a number)" : "infinite");
                    }
                }
            }
        }
        if (first != null) {
            findings.add(new ReviewFinding(ReviewFinding.Code.NOT_FINITE_HISTORY, first + (notFinite > 1 ? ", and "
                    + (notFinite - 1) + " more logged values are not finite numbers either" : "") + ": the training "
                    + "broke down (diverged) there, and nothing computed after it can be trusted."));
        }
        spike(history, "train_loss", LOSS_SPIKE_FACTOR, findings);
        spike(history, "val_loss", LOSS_SPIKE_FACTOR, findings);
        spike(history, "grad_norm", GRADIENT_SPIKE_FACTOR, findings);
    }

    private static void spike(List<Map<String, Double>> history, String key, double factor,
                              List<ReviewFinding> findings) {
        List<Double> before = new ArrayList<>();
        for (int i = 0; i < history.size(); i++) {
            Double value = history.get(i).get(key);
            if (value == null || !Double.isFinite(value)) {
                continue;
            }
            if (before.size() >= SPIKE_WARM_UP) {
                double average = before.subList(Math.max(0, before.size() - SPIKE_MEMORY), before.size()).stream()
                        .mapToDouble(Double::doubleValue).average().orElseThrow();
                if (value > factor * average) {
                    findings.add(new ReviewFinding(ReviewFinding.Code.SPIKE, "At step " + stepNumber(history, i) + " "
                            + plainName(key) + " jumped to " + Numbers.score(value) + ", more than "
                            + Numbers.score(factor) + " times its average of " + Numbers.score(average) + " over the "
                            + "steps just before: the training lurched (a spike), often because it learns too fast "
                            + "(the learning rate is too high)."));
                    return;
                }
            }
            before.add(value);
        }
    }

    private static String stepNumber(List<Map<String, Double>> history, int index) {
        Double step = history.get(index).get("step");
        return step != null && Double.isFinite(step) ? Numbers.whole(step.longValue()) : Numbers.whole(index + 1L);
    }

    /** A logged number's meaning in plain words, with its name so it can be found in the log. */
    private static String plainName(String key) {
        String meaning = switch (key) {
            case "train_loss" -> "the error on its training rows";
            case "val_loss" -> "the error on the validation rows";
            case "grad_norm" -> "the size of its learning steps";
            case "learning_rate" -> "how fast it learns";
            default -> "the logged number";
        };
        return meaning + " (" + key + ")";
    }

    /** Every validation row given the same answer: one class for all, or numbers that hardly vary. */
    private static void collapse(RunEvidence run, Prepared validation, Preprocessor preprocessor,
                                 List<ReviewFinding> findings) {
        double[][] predictions = run.validationPredictions();
        if (predictions == null || Arrays.stream(predictions).flatMapToDouble(Arrays::stream)
                .anyMatch(v -> !Double.isFinite(v))) {
            return; // no model, or broken numbers, which the other checks already name
        }
        int rows = predictions.length;
        if (validation.isClassification()) {
            int first = argmax(predictions[0]);
            long truths = Arrays.stream(validation.labels()).distinct().count();
            if (truths > 1 && Arrays.stream(predictions).allMatch(p -> argmax(p) == first)) {
                findings.add(new ReviewFinding(ReviewFinding.Code.COLLAPSE, "It gives all " + rows + " validation "
                        + "rows the same answer (" + validation.classes().get(first) + "), although they hold "
                        + truths + " different answers: it stopped telling rows apart (collapse)."));
            }
            return;
        }
        double[] predicted = new double[rows];
        double[] truth = new double[rows];
        for (int i = 0; i < rows; i++) {
            predicted[i] = preprocessor.inverseTarget(predictions[i][0]);
            truth[i] = preprocessor.inverseTarget(validation.y()[i]);
        }
        double spread = spread(predicted);
        double truthSpread = spread(truth);
        if (truthSpread > 0 && spread <= COLLAPSE_SHARE * truthSpread) {
            findings.add(new ReviewFinding(ReviewFinding.Code.COLLAPSE, "Its predictions for the " + rows
                    + " validation rows hardly vary (a typical spread of " + Numbers.score(spread) + ", against "
                    + Numbers.score(truthSpread) + " for the true values): it gives every row the same answer "
                    + "(collapse)."));
        }
    }

    private static int argmax(double[] probabilities) {
        int best = 0;
        for (int k = 1; k < probabilities.length; k++) {
            best = probabilities[k] > probabilities[best] ? k : best;
        }
        return best;
    }

    /** The standard deviation. */
    private static double spread(double[] values) {
        double mean = Arrays.stream(values).average().orElseThrow();
        return Math.sqrt(Arrays.stream(values).map(v -> (v - mean) * (v - mean)).average().orElseThrow());
    }

    /** A perfect validation score on the primary metric: rare on real data, often a column giving the answer away. */
    private static void leak(RunEvidence run, Metric primary, double baselineScore, int rows,
                             List<ReviewFinding> findings) {
        double validation = score(run, "val_", primary);
        if (!Double.isFinite(validation)) {
            return;
        }
        double perfect = perfect(primary);
        double baselineDistance = Math.abs(perfect - baselineScore);
        double scale = Double.isFinite(baselineDistance) && baselineDistance > 0 ? baselineDistance : 1;
        if (Math.abs(perfect - validation) <= PERFECT_TOLERANCE * scale) {
            findings.add(new ReviewFinding(ReviewFinding.Code.LEAK_WARNING, "Its validation " + primary.label()
                    + " is " + Numbers.score(validation) + ", perfect on all " + rows + " rows it never learned from, "
                    + "which real data rarely allows: check that no column gives the answer away (leakage) before "
                    + "trusting it."));
        }
    }

    private static double perfect(Metric metric) {
        return switch (metric) {
            case AUC, ACCURACY, F1, R2 -> 1;
            case LOG_LOSS, RMSE, MAE -> 0;
        };
    }

    /** A recorded score, NaN when it is missing. */
    private static double score(RunEvidence run, String split, Metric metric) {
        return run.scores().getOrDefault(split + metric.label(), Double.NaN);
    }
}
