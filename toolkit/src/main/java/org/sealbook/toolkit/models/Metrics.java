package org.sealbook.toolkit.models;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.sealbook.toolkit.data.Stats;
import org.sealbook.toolkit.hypothesis.Metric;
import org.sealbook.toolkit.prepare.Prepared;
import org.sealbook.toolkit.prepare.Preprocessor;

/**
 * The locked metrics, defined as scikit-learn defines them, on a model's predictions for prepared rows.
 * Usage: {@code Map<String, Double> scores = Metrics.compute(contract.lockedMetrics(), validation, predictions, preprocessor);}
 *
 * <p>Predictions are what {@link Model#predict} returns: class probabilities per row, or {@code [rows][1]} numbers on
 * the target's transformed scale (regression metrics are computed on the original scale). A prediction that is not
 * a number (a diverged model) makes the score NaN rather than an error, so a training loop can stop on it.
 */
public final class Metrics {
    /** scikit-learn's classic clip for log loss: a certain wrong answer costs ln(1e15), not infinity. */
    private static final double PROBABILITY_CLIP = 1e-15;

    private Metrics() {
    }

    /** Each metric's score, keyed by its label (e.g. "auc"), in the order given. */
    public static Map<String, Double> compute(List<Metric> metrics, Prepared truth, double[][] predictions,
                                              Preprocessor preprocessor) {
        Map<String, Double> scores = new LinkedHashMap<>();
        for (Metric metric : metrics) {
            scores.put(metric.label(), score(metric, truth, predictions, preprocessor));
        }
        return scores;
    }

    /** One metric's score. */
    public static double score(Metric metric, Prepared truth, double[][] predictions, Preprocessor preprocessor) {
        if (preprocessor == null) {
            throw new IllegalArgumentException("Scoring needs the preprocessor that prepared the rows (it undoes a log "
                    + "target); pass the one the rows were transformed with.");
        }
        String task = truth.isClassification() ? "classification" : "regression";
        if (!metric.fits(task)) {
            throw new IllegalArgumentException(metric.label() + " does not apply to a " + task + "; score it with "
                    + (truth.isClassification() ? "auc, accuracy, f1 or log_loss" : "rmse, mae or r2") + ".");
        }
        checkShape(truth, predictions);
        for (double[] row : predictions) {
            for (double v : row) {
                if (Double.isNaN(v)) {
                    return Double.NaN;
                }
            }
        }
        if (truth.isClassification()) {
            int[] labels = truth.labels();
            return switch (metric) {
                case AUC -> auc(labels, predictions, truth.classes().size());
                case ACCURACY -> accuracy(labels, predictions);
                case F1 -> macroF1(labels, predictions);
                case LOG_LOSS -> logLoss(labels, predictions);
                default -> throw new IllegalStateException("fits() admitted " + metric + " for classification");
            };
        }
        double[] y = new double[truth.rows()];
        double[] p = new double[truth.rows()];
        for (int i = 0; i < y.length; i++) {
            y[i] = preprocessor.inverseTarget(truth.y()[i]);
            p[i] = preprocessor.inverseTarget(predictions[i][0]);
        }
        return switch (metric) {
            case RMSE -> Math.sqrt(meanOf(y, p, true));
            case MAE -> meanOf(y, p, false);
            case R2 -> r2(y, p);
            default -> throw new IllegalStateException("fits() admitted " + metric + " for regression");
        };
    }

    private static void checkShape(Prepared truth, double[][] predictions) {
        if (truth.rows() == 0) {
            throw new IllegalArgumentException("There are no rows to score; score a split that has rows.");
        }
        if (predictions.length != truth.rows()) {
            throw new IllegalArgumentException("There are " + predictions.length + " predictions for "
                    + truth.rows() + " rows; predict every row of the split being scored.");
        }
        int width = truth.isClassification() ? truth.classes().size() : 1;
        for (int i = 0; i < predictions.length; i++) {
            if (predictions[i].length != width) {
                throw new IllegalArgumentException("Prediction " + (i + 1) + " has " + predictions[i].length
                        + " values but needs " + width + (truth.isClassification() ? " (one probability per class)"
                        : " (one number)") + "; give predictions in the shape Model.predict returns.");
            }
        }
    }

    /**
     * Binary AUC of the probability of class index 1 (roc_auc_score): the chance a random positive scores above a
     * random negative, ties counted half; NaN when the rows hold only one class.
     */
    private static double auc(int[] labels, double[][] predictions, int classes) {
        if (classes != 2) {
            throw new IllegalArgumentException("auc needs exactly two classes, but the target has " + classes
                    + "; lock f1, accuracy or log_loss instead.");
        }
        double[] scores = new double[labels.length];
        boolean[] positive = new boolean[labels.length];
        for (int i = 0; i < labels.length; i++) {
            scores[i] = predictions[i][1];
            positive[i] = labels[i] == 1;
        }
        return Stats.rocAuc(scores, positive);
    }

    /** The predicted class: the most probable, the first one on a tie (numpy's argmax). */
    private static int argmax(double[] probabilities) {
        int best = 0;
        for (int k = 1; k < probabilities.length; k++) {
            if (probabilities[k] > probabilities[best]) {
                best = k;
            }
        }
        return best;
    }

    private static double accuracy(int[] labels, double[][] predictions) {
        int right = 0;
        for (int i = 0; i < labels.length; i++) {
            right += argmax(predictions[i]) == labels[i] ? 1 : 0;
        }
        return (double) right / labels.length;
    }

    /** f1_score(average="macro"): the mean F1 over every class that occurs in the truth or the predictions. */
    private static double macroF1(int[] labels, double[][] predictions) {
        int classes = predictions[0].length;
        long[] truePositives = new long[classes];
        long[] predicted = new long[classes];
        long[] actual = new long[classes];
        TreeSet<Integer> present = new TreeSet<>();
        for (int i = 0; i < labels.length; i++) {
            int guess = argmax(predictions[i]);
            predicted[guess]++;
            actual[labels[i]]++;
            truePositives[guess] += guess == labels[i] ? 1 : 0;
            present.add(guess);
            present.add(labels[i]);
        }
        double sum = 0;
        for (int k : present) {
            sum += 2.0 * truePositives[k] / (predicted[k] + actual[k]); // 2TP / (2TP + FP + FN)
        }
        return sum / present.size();
    }

    private static double logLoss(int[] labels, double[][] predictions) {
        double sum = 0;
        for (int i = 0; i < labels.length; i++) {
            double p = Math.min(Math.max(predictions[i][labels[i]], PROBABILITY_CLIP), 1 - PROBABILITY_CLIP);
            sum -= Math.log(p);
        }
        return sum / labels.length;
    }

    /** Mean squared error (squared) or mean absolute error. */
    private static double meanOf(double[] y, double[] p, boolean squared) {
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            double d = y[i] - p[i];
            sum += squared ? d * d : Math.abs(d);
        }
        return sum / y.length;
    }

    /** 1 - SS_res / SS_tot; for a constant truth, as scikit-learn: 1 if every prediction is exact, else 0. */
    private static double r2(double[] y, double[] p) {
        double mean = Arrays.stream(y).average().orElseThrow();
        double residual = 0;
        double total = 0;
        for (int i = 0; i < y.length; i++) {
            residual += (y[i] - p[i]) * (y[i] - p[i]);
            total += (y[i] - mean) * (y[i] - mean);
        }
        if (total == 0) {
            return residual == 0 ? 1.0 : 0.0;
        }
        return 1 - residual / total;
    }
}
