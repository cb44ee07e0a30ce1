package org.sealbook.toolkit.chart;

import java.util.Random;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * How much a model leans on each feature: the drop in its score when that feature's column is shuffled (so its
 * link to the target is broken while its values stay the same), averaged over several shuffles. A feature the
 * model ignores scores about 0; a negative value means shuffling it happened to help. Works for any model and any
 * task, because the caller supplies both the predictions and the score.
 * Usage: {@code double[] drop = PermutationImportance.compute(model::predict, validation.x(),
 * predictions -> -rmse(predictions, validation.y()), 42, 5);}
 */
public final class PermutationImportance {
    private PermutationImportance() {
    }

    /**
     * The importance of each column of {@code x}, in column order.
     *
     * @param predict turns rows of features into predictions (e.g. {@code model::predict}); it must not change rows
     * @param x       the rows to score on, usually validation rows; left unchanged
     * @param score   scores predictions for these rows against their fixed truth, higher is better (negate an
     *                error such as RMSE or log loss)
     * @param seed    the shuffles are the same for the same seed, so the result is too
     * @param repeats how many shuffles each column's drop is averaged over
     */
    public static double[] compute(Function<double[][], double[][]> predict, double[][] x,
                                   ToDoubleFunction<double[][]> score, long seed, int repeats) {
        if (repeats < 1) {
            throw new IllegalArgumentException("Permutation importance needs at least 1 shuffle per feature, got "
                    + repeats + "; pass repeats=5 for a steady average.");
        }
        if (x.length < 2) {
            throw new IllegalArgumentException("Permutation importance needs at least 2 rows to shuffle, got "
                    + x.length + "; score it on the validation rows.");
        }
        int features = x[0].length;
        double[][] work = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != features) {
                throw new IllegalArgumentException("Row " + i + " has " + x[i].length + " values but row 0 has "
                        + features + "; give every row one value per feature.");
            }
            work[i] = x[i].clone();
        }
        double unshuffled = score.applyAsDouble(predict.apply(work));
        if (!Double.isFinite(unshuffled)) {
            throw new IllegalArgumentException("The score of the unshuffled rows is " + unshuffled + ", so no drop "
                    + "can be measured; pass a scoring function that gives a number for these predictions.");
        }
        Random random = new Random(seed);
        double[] importance = new double[features];
        double[] column = new double[x.length];
        for (int j = 0; j < features; j++) {
            for (int i = 0; i < x.length; i++) {
                column[i] = x[i][j];
            }
            double drop = 0;
            for (int r = 0; r < repeats; r++) {
                shuffleInto(column, work, j, random);
                drop += unshuffled - score.applyAsDouble(predict.apply(work));
            }
            importance[j] = drop / repeats;
            for (int i = 0; i < x.length; i++) {
                work[i][j] = column[i]; // the next feature is shuffled alone
            }
        }
        return importance;
    }

    /** Writes a Fisher-Yates shuffle of {@code values} into column j of the rows. */
    private static void shuffleInto(double[] values, double[][] rows, int j, Random random) {
        double[] shuffled = values.clone();
        for (int i = shuffled.length - 1; i > 0; i--) {
            int k = random.nextInt(i + 1);
            double swap = shuffled[i];
            shuffled[i] = shuffled[k];
            shuffled[k] = swap;
        }
        for (int i = 0; i < rows.length; i++) {
            rows[i][j] = shuffled[i];
        }
    }
}
