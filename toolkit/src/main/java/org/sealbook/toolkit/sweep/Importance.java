package org.sealbook.toolkit.sweep;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.DoubleStream;

/**
 * How much of the spread in trial scores each searched setting explains (fANOVA on a random forest fitted to the
 * finished trials), each share between 0 and 1, summing to at most 1. Needs {@link #MIN_TRIALS} finished trials.
 *
 * <p>fANOVA (Hutter et al. 2014): each tree of a {@link RegressionForest} cuts the search space into boxes, each with
 * a predicted score. Averaging a tree's prediction over all the other settings leaves a curve in one setting (its
 * marginal); the variance of that curve over the setting's range (evenly over each range's scale: powers of ten for
 * log ranges, each choice alike), divided by the variance of the tree's prediction over the whole space, is the
 * share of the spread that setting explains alone. Shares are averaged over the trees whose prediction varies at
 * all. What the shares leave to 1 is explained only by settings acting together.
 */
public final class Importance {
    public static final int MIN_TRIALS = 10;

    private Importance() {
    }

    /** Each setting's share, in decreasing order; empty with fewer than {@link #MIN_TRIALS} finished trials. */
    public static Map<String, Double> of(SearchSpace space, List<Observation> trials, long seed) {
        List<Dimension> dimensions = Dimension.of(space);
        List<double[]> rows = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        for (Observation trial : trials) {
            if (!trial.complete() || !Double.isFinite(trial.score())) {
                continue;
            }
            double[] row = new double[dimensions.size()];
            boolean usable = true;
            for (int k = 0; k < row.length; k++) {
                Dimension dimension = dimensions.get(k);
                row[k] = dimension.encode(trial.params().get(dimension.name()));
                usable &= !Double.isNaN(row[k]);
                row[k] = Math.min(Math.nextDown(dimension.high()), Math.max(dimension.low(), row[k]));
            }
            if (usable) {
                rows.add(row);
                scores.add(trial.score());
            }
        }
        if (rows.size() < MIN_TRIALS || dimensions.isEmpty()) {
            return Map.of();
        }
        double[] y = scores.stream().mapToDouble(Double::doubleValue).toArray();
        List<List<RegressionForest.Leaf>> trees =
                RegressionForest.grow(dimensions, rows.toArray(new double[0][]), y, seed);
        double[] shares = new double[dimensions.size()];
        int varying = 0;
        for (List<RegressionForest.Leaf> leaves : trees) {
            double[] treeShares = shares(dimensions, leaves);
            if (treeShares != null) {
                varying++;
                for (int k = 0; k < shares.length; k++) {
                    shares[k] += treeShares[k];
                }
            }
        }
        Map<String, Double> byName = new LinkedHashMap<>();
        for (int k = 0; k < shares.length; k++) {
            byName.put(dimensions.get(k).name(), varying == 0 ? 0.0 : shares[k] / varying);
        }
        Map<String, Double> sorted = new LinkedHashMap<>();
        byName.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /** One tree's share for each setting, or null when its prediction is the same everywhere. */
    private static double[] shares(List<Dimension> dimensions, List<RegressionForest.Leaf> leaves) {
        int d = dimensions.size();
        double[][] fractions = new double[leaves.size()][d];
        double[] volumes = new double[leaves.size()];
        double mean = 0;
        for (int l = 0; l < leaves.size(); l++) {
            volumes[l] = 1;
            for (int k = 0; k < d; k++) {
                fractions[l][k] = fraction(dimensions.get(k), leaves.get(l), k);
                volumes[l] *= fractions[l][k];
            }
            mean += volumes[l] * leaves.get(l).value();
        }
        double total = 0;
        for (int l = 0; l < leaves.size(); l++) {
            double gap = leaves.get(l).value() - mean;
            total += volumes[l] * gap * gap;
        }
        if (!(total > 1e-12 * Math.max(1, mean * mean))) {
            return null;
        }
        double[] shares = new double[d];
        for (int k = 0; k < d; k++) {
            shares[k] = Math.min(1, marginalVariance(dimensions.get(k), k, leaves, fractions, volumes, mean) / total);
        }
        return shares;
    }

    private static double fraction(Dimension dimension, RegressionForest.Leaf leaf, int k) {
        if (dimension.categorical()) {
            int in = 0;
            for (boolean reached : leaf.choices()[k]) {
                in += reached ? 1 : 0;
            }
            return in / (double) dimension.categories();
        }
        return (leaf.hi()[k] - leaf.lo()[k]) / (dimension.high() - dimension.low());
    }

    /** The variance, over setting k's range, of the tree's prediction averaged over every other setting. */
    private static double marginalVariance(Dimension dimension, int k, List<RegressionForest.Leaf> leaves,
            double[][] fractions, double[] volumes, double mean) {
        double variance = 0;
        if (dimension.categorical()) {
            for (int c = 0; c < dimension.categories(); c++) {
                double marginal = 0;
                for (int l = 0; l < leaves.size(); l++) {
                    if (leaves.get(l).choices()[k][c]) {
                        marginal += leaves.get(l).value() * volumes[l] / fractions[l][k];
                    }
                }
                variance += (marginal - mean) * (marginal - mean) / dimension.categories();
            }
            return variance;
        }
        double[] cuts = leaves.stream().flatMapToDouble(leaf -> DoubleStream.of(leaf.lo()[k],
                leaf.hi()[k])).sorted().distinct().toArray();
        double span = dimension.high() - dimension.low();
        for (int s = 0; s + 1 < cuts.length; s++) {
            double middle = 0.5 * (cuts[s] + cuts[s + 1]);
            double marginal = 0;
            for (int l = 0; l < leaves.size(); l++) {
                RegressionForest.Leaf leaf = leaves.get(l);
                if (leaf.lo()[k] <= middle && middle < leaf.hi()[k]) {
                    marginal += leaf.value() * volumes[l] / fractions[l][k];
                }
            }
            variance += (cuts[s + 1] - cuts[s]) / span * (marginal - mean) * (marginal - mean);
        }
        return variance;
    }
}
