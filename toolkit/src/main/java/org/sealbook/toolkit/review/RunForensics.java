package org.sealbook.toolkit.review;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.sealbook.toolkit.hypothesis.Metric;
import org.sealbook.toolkit.prepare.Prepared;
import org.sealbook.toolkit.prepare.Preprocessor;

/**
 * The metric review's forensics: numbers in a run's history that are not finite, spikes, predictions that collapsed
 * to one answer, and a score too perfect to believe, each found added as one finding.
 * Usage: {@code RunForensics.history(run.history(), findings);}
 */
final class RunForensics {
    // Spikes as the training watch calls them: a loss above 3x, a gradient above 10x, the average of the 5 steps
    // before it, once at least 3 steps are known.
    private static final double LOSS_SPIKE_FACTOR = 3;
    private static final double GRADIENT_SPIKE_FACTOR = 10;
    private static final int SPIKE_MEMORY = 5;
    private static final int SPIKE_WARM_UP = 3;
    /** Predictions that vary by less than 0.1% of the truth's spread give every row the same answer. */
    private static final double COLLAPSE_SHARE = 1e-3;
    /** A score this close to perfect (as a share of the baseline's distance from perfect) counts as perfect. */
    private static final double PERFECT_TOLERANCE = 1e-9;

    private RunForensics() {
    }

    /** The first value that is not a finite number anywhere in the history, and the first spike of each number. */
    static void history(List<Map<String, Double>> history, List<ReviewFinding> findings) {
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
            case "train_loss_unweighted" -> "the error on its training rows, every row counted alike";
            case "val_loss_unweighted" -> "the error on the validation rows, every row counted alike";
            case "grad_norm" -> "the size of its learning steps";
            case "learning_rate" -> "how fast it learns";
            default -> "the logged number";
        };
        return meaning + " (" + key + ")";
    }

    /** Every validation row given the same answer: one class for all, or numbers that hardly vary. */
    static void collapse(RunEvidence run, Prepared validation, Preprocessor preprocessor,
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
    static void leak(RunEvidence run, Metric primary, double baselineScore, int rows,
                     List<ReviewFinding> findings) {
        double validation = MetricReviewer.score(run, "val_", primary);
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
}
