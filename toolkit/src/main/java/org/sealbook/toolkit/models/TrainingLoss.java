package org.sealbook.toolkit.models;

import java.util.LinkedHashMap;
import java.util.Map;
import org.sealbook.toolkit.prepare.Prepared;

/**
 * The loss a model reports while it learns, measured one way for every family: mean log loss of the true class's
 * probability for classes, mean squared error for numbers. {@code train_loss} and {@code val_loss} are always the
 * loss the model optimises: weighted by class (each row counts its class's weight, the sum divided by the weights'
 * sum, as scikit-learn's log_loss with sample weights) for a family that learns with the recipe's class weights,
 * and then {@code train_loss_unweighted} and {@code val_loss_unweighted} stand beside them.
 * Usage: {@code double bar = TrainingLoss.constantGuess(train, true);}
 */
public final class TrainingLoss {
    /** The training loss without class weights, logged beside {@code train_loss} when that one is weighted. */
    public static final String TRAIN_UNWEIGHTED = "train_loss_unweighted";
    /** The validation loss without class weights, logged beside {@code val_loss} when that one is weighted. */
    public static final String VALIDATION_UNWEIGHTED = "val_loss_unweighted";
    /** A log loss needs a probability above 0 for the true class; the same floor as scikit-learn's. */
    private static final double SMALLEST_PROBABILITY = 1e-15;

    private TrainingLoss() {
    }

    /** The mean loss of predictions on the rows, each row weighted by its class's weight when {@code weighted}. */
    static double of(double[][] predictions, Prepared rows, boolean weighted) {
        double total = 0;
        double weights = 0;
        for (int i = 0; i < rows.rows(); i++) {
            double w = weighted ? rows.weight(i) : 1.0;
            total += w * rowLoss(predictions[i], rows, i);
            weights += w;
        }
        return total / weights;
    }

    /**
     * The training loss of the best guess that ignores the features, the bar a model must beat to have learned
     * anything: the (class-weighted, when {@code weighted}) class shares of the training rows, or their mean.
     */
    public static double constantGuess(Prepared train, boolean weighted) {
        double[] guess;
        if (train.isClassification()) {
            guess = new double[train.classes().size()];
            double total = 0;
            for (int i = 0; i < train.rows(); i++) {
                double w = weighted ? train.weight(i) : 1.0;
                guess[train.labels()[i]] += w;
                total += w;
            }
            for (int c = 0; c < guess.length; c++) {
                guess[c] /= total;
            }
        } else {
            double sum = 0;
            for (double value : train.y()) {
                sum += value;
            }
            guess = new double[] {sum / train.rows()};
        }
        double[][] predictions = new double[train.rows()][];
        java.util.Arrays.fill(predictions, guess);
        return of(predictions, train, weighted);
    }

    /**
     * One step's numbers: train_loss, val_loss (when there is validation) and elapsed_seconds since start; weighted
     * by class, with the unweighted ones beside them, when the model {@code learnsWeights} and the rows carry them.
     */
    static Map<String, Double> metrics(long startNanos, double[][] trainPredictions, Prepared train,
                                       double[][] validationPredictions, Prepared validation, boolean learnsWeights) {
        boolean weighted = learnsWeights && train.isWeighted();
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("train_loss", of(trainPredictions, train, weighted));
        if (weighted) {
            metrics.put(TRAIN_UNWEIGHTED, of(trainPredictions, train, false));
        }
        if (validation != null) {
            metrics.put("val_loss", of(validationPredictions, validation, weighted && validation.isWeighted()));
            if (weighted && validation.isWeighted()) {
                metrics.put(VALIDATION_UNWEIGHTED, of(validationPredictions, validation, false));
            }
        }
        metrics.put("elapsed_seconds", (System.nanoTime() - startNanos) / 1e9);
        return metrics;
    }

    private static double rowLoss(double[] prediction, Prepared rows, int i) {
        if (rows.isClassification()) {
            return -Math.log(Math.max(prediction[rows.labels()[i]], SMALLEST_PROBABILITY));
        }
        double error = prediction[0] - rows.y()[i];
        return error * error;
    }
}
