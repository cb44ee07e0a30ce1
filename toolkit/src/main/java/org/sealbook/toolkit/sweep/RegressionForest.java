package org.sealbook.toolkit.sweep;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A small random forest of regression trees over a sweep's settings, kept as each tree's leaves: the box of the
 * search space a leaf covers and the score it predicts there, which is what {@link Importance} integrates. Trees
 * see bootstrap draws of the trials and every setting at every split (as scikit-learn's regressor by default);
 * numbers split at midpoints between the values seen, choices by ordering them by their mean score and cutting that
 * order once. The models package grows trees on binned training rows; a sweep has tens of trials and needs the
 * boxes, so this is its own.
 */
final class RegressionForest {
    static final int TREES = 64;
    private static final int MAX_DEPTH = 64;

    /** One leaf: for each setting an interval [lo, hi) of its scale, or the choices that reach it; its score. */
    record Leaf(double[] lo, double[] hi, boolean[][] choices, double value) {
    }

    private final List<Dimension> dimensions;
    private final double[][] x;
    private final double[] y;

    private RegressionForest(List<Dimension> dimensions, double[][] x, double[] y) {
        this.dimensions = dimensions;
        this.x = x;
        this.y = y;
    }

    /** Each tree's leaves; {@code x} on the dimensions' scales (choices as their index), one row per trial. */
    static List<List<Leaf>> grow(List<Dimension> dimensions, double[][] x, double[] y, long seed) {
        RegressionForest forest = new RegressionForest(dimensions, x, y);
        SplittableRandom random = new SplittableRandom(seed);
        List<List<Leaf>> trees = new ArrayList<>();
        for (int t = 0; t < TREES; t++) {
            int[] rows = new int[y.length];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = random.nextInt(y.length);
            }
            List<Leaf> leaves = new ArrayList<>();
            forest.split(rows, forest.wholeSpace(), 0, leaves);
            trees.add(leaves);
        }
        return trees;
    }

    private Leaf wholeSpace() {
        int d = dimensions.size();
        double[] lo = new double[d];
        double[] hi = new double[d];
        boolean[][] choices = new boolean[d][];
        for (int k = 0; k < d; k++) {
            Dimension dimension = dimensions.get(k);
            lo[k] = dimension.low();
            hi[k] = dimension.high();
            if (dimension.categorical()) {
                choices[k] = new boolean[dimension.categories()];
                Arrays.fill(choices[k], true);
            }
        }
        return new Leaf(lo, hi, choices, Double.NaN);
    }

    private void split(int[] rows, Leaf box, int depth, List<Leaf> leaves) {
        double mean = Arrays.stream(rows).mapToDouble(r -> y[r]).average().orElse(0);
        Best best = depth < MAX_DEPTH && rows.length >= 2 ? bestSplit(rows) : null;
        if (best == null) {
            leaves.add(new Leaf(box.lo(), box.hi(), box.choices(), mean));
            return;
        }
        int k = best.dimension;
        int[] left = Arrays.stream(rows).filter(r -> best.goesLeft(x[r][k])).toArray();
        int[] right = Arrays.stream(rows).filter(r -> !best.goesLeft(x[r][k])).toArray();
        Leaf leftBox = copy(box);
        Leaf rightBox = copy(box);
        if (best.leftChoices != null) {
            for (int c = 0; c < best.leftChoices.length; c++) {
                leftBox.choices()[k][c] &= best.leftChoices[c];
                rightBox.choices()[k][c] &= !best.leftChoices[c];
            }
        } else {
            leftBox.hi()[k] = best.threshold;
            rightBox.lo()[k] = best.threshold;
        }
        split(left, leftBox, depth + 1, leaves);
        split(right, rightBox, depth + 1, leaves);
    }

    private static Leaf copy(Leaf box) {
        boolean[][] choices = new boolean[box.choices().length][];
        for (int k = 0; k < choices.length; k++) {
            choices[k] = box.choices()[k] == null ? null : box.choices()[k].clone();
        }
        return new Leaf(box.lo().clone(), box.hi().clone(), choices, Double.NaN);
    }

    /** A split: a threshold on a number (left below it) or the choices that go left. */
    private static final class Best {
        int dimension;
        double threshold;
        boolean[] leftChoices;
        double gain;

        boolean goesLeft(double value) {
            return leftChoices != null ? leftChoices[(int) value] : value < threshold;
        }
    }

    /** The split that most lowers the squared error, or null when none does (all scores or all values equal). */
    private Best bestSplit(int[] rows) {
        Best best = null;
        for (int k = 0; k < dimensions.size(); k++) {
            int dim = k;
            // Values to order the rows by: the number itself, or the mean score of the row's choice.
            double[] key = new double[rows.length];
            boolean[] present = null;
            double[] choiceMeans = null;
            if (dimensions.get(k).categorical()) {
                int categories = dimensions.get(k).categories();
                double[] sums = new double[categories];
                int[] counts = new int[categories];
                for (int r : rows) {
                    sums[(int) x[r][k]] += y[r];
                    counts[(int) x[r][k]]++;
                }
                choiceMeans = new double[categories];
                present = new boolean[categories];
                for (int c = 0; c < categories; c++) {
                    present[c] = counts[c] > 0;
                    choiceMeans[c] = counts[c] > 0 ? sums[c] / counts[c] : Double.NaN;
                }
                for (int i = 0; i < rows.length; i++) {
                    key[i] = choiceMeans[(int) x[rows[i]][k]];
                }
            } else {
                for (int i = 0; i < rows.length; i++) {
                    key[i] = x[rows[i]][dim];
                }
            }
            Integer[] order = new Integer[rows.length];
            Arrays.setAll(order, i -> i);
            Arrays.sort(order, Comparator.comparingDouble(i -> key[i]));
            double total = 0;
            for (int r : rows) {
                total += y[r];
            }
            double leftSum = 0;
            double parent = total * total / rows.length;
            for (int i = 0; i < rows.length - 1; i++) {
                leftSum += y[rows[order[i]]];
                if (key[order[i]] == key[order[i + 1]]) {
                    continue;
                }
                int nLeft = i + 1;
                int nRight = rows.length - nLeft;
                double rightSum = total - leftSum;
                // Lowering of the squared error, up to a constant: sum^2/n of each side minus the parent's.
                double gain = leftSum * leftSum / nLeft + rightSum * rightSum / nRight - parent;
                if (gain > 1e-12 * Math.max(1, Math.abs(parent)) && (best == null || gain > best.gain)) {
                    best = new Best();
                    best.dimension = k;
                    best.gain = gain;
                    double cut = key[order[i]];
                    if (choiceMeans != null) {
                        best.leftChoices = new boolean[choiceMeans.length];
                        for (int c = 0; c < choiceMeans.length; c++) {
                            // Choices no trial of this node tried go right: the tree has nothing to say of them.
                            best.leftChoices[c] = present[c] && choiceMeans[c] <= cut;
                        }
                    } else {
                        best.threshold = 0.5 * (cut + key[order[i + 1]]);
                    }
                }
            }
        }
        return best;
    }
}
