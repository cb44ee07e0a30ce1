package org.sealbook.toolkit.sweep;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Bayesian search by a tree-structured Parzen estimator (Bergstra et al. 2011), with Optuna's defaults: the first
 * {@value #STARTUP_TRIALS} trials are drawn at random; after that the trials so far are split into the better
 * {@code min(ceil(n / 10), 25)} and the rest, each setting gets one density over the better trials' values, l(x),
 * and one over the rest's, g(x) ({@link ParzenEstimator}), {@value #CANDIDATES} candidates are drawn from l(x), and
 * the one with the highest l(x) / g(x) is proposed: a value common among the good trials and rare among the others.
 * Each setting is chosen on its own (univariate), as Optuna's default.
 *
 * <p>Ranking: finished trials by score, then trials stopped early by their last score (a score from fewer steps is
 * not comparable with a finished one's, as Optuna ranks pruned trials after complete ones), then trials with no
 * score (NaN: failed, or not scored yet) as the worst. When there are 25 trials or more, the older ones of each
 * group weigh less (weights rising from 1/n to 1, the 25 newest weigh 1), as Optuna, so the densities follow where
 * the search has moved. Deterministic for the seed and the history (see {@link Draws}).
 */
final class ParzenSampler implements Sampler {
    static final int STARTUP_TRIALS = 10;
    static final int CANDIDATES = 24;
    private static final int MOST_GOOD = 25;
    private static final int FULL_WEIGHT_TRIALS = 25;

    private final List<Dimension> dimensions;
    private final Draws draws;

    ParzenSampler(SearchSpace space, long seed) {
        this.dimensions = Dimension.of(space);
        this.draws = new Draws(seed);
    }

    @Override
    public Optional<Map<String, Object>> next(List<Observation> history) {
        SplittableRandom random = draws.next(history.size());
        if (history.size() < STARTUP_TRIALS) {
            return Optional.of(RandomSampler.draw(dimensions, random));
        }
        List<Integer> ranked = rank(history);
        int good = Math.min((int) Math.ceil(0.1 * history.size()), MOST_GOOD);
        List<Integer> better = sortedCopy(ranked.subList(0, good));
        List<Integer> rest = sortedCopy(ranked.subList(good, ranked.size()));
        Map<String, Object> settings = new LinkedHashMap<>();
        for (Dimension dimension : dimensions) {
            ParzenEstimator l = estimator(dimension, history, better);
            ParzenEstimator g = estimator(dimension, history, rest);
            double step = dimension.range() instanceof Range.IntUniform ? 1 : 0;
            double best = Double.NaN;
            double bestRatio = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < CANDIDATES; c++) {
                double x = l.sample(random);
                if (step > 0) {
                    x = ((Integer) dimension.decode(x)).doubleValue();
                }
                double ratio = l.logDensity(x, step) - g.logDensity(x, step);
                if (Double.isNaN(best) || ratio > bestRatio) {
                    best = x;
                    bestRatio = ratio;
                }
            }
            settings.put(dimension.name(), dimension.decode(best));
        }
        return Optional.of(settings);
    }

    /** History indices, best first; ties keep the earlier trial first. */
    static List<Integer> rank(List<Observation> history) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < history.size(); i++) {
            order.add(i);
        }
        Comparator<Integer> byGroup = Comparator.comparingInt(i -> group(history.get(i)));
        order.sort(byGroup.thenComparing(i -> -history.get(i).score()));
        return order;
    }

    private static int group(Observation o) {
        if (Double.isNaN(o.score())) {
            return 2;
        }
        return o.complete() ? 0 : 1;
    }

    private static List<Integer> sortedCopy(List<Integer> indices) {
        List<Integer> copy = new ArrayList<>(indices);
        copy.sort(Comparator.naturalOrder());
        return copy;
    }

    /** The density of one setting over some trials (in trial order), skipping trials without a usable value. */
    private static ParzenEstimator estimator(Dimension dimension, List<Observation> history, List<Integer> trials) {
        double[] weights = ageWeights(trials.size());
        double[] values = new double[trials.size()];
        double[] kept = new double[trials.size()];
        int n = 0;
        for (int t = 0; t < trials.size(); t++) {
            double x = dimension.encode(history.get(trials.get(t)).params().get(dimension.name()));
            if (!Double.isNaN(x)) {
                values[n] = Math.min(dimension.high(), Math.max(dimension.low(), x));
                kept[n++] = weights[t];
            }
        }
        return new ParzenEstimator(dimension, Arrays.copyOf(values, n), Arrays.copyOf(kept, n));
    }

    /** 1 for each of up to 25 trials; beyond that, the older ones rise evenly from 1/n towards 1. */
    static double[] ageWeights(int n) {
        double[] weights = new double[n];
        Arrays.fill(weights, 1.0);
        int ramp = n - FULL_WEIGHT_TRIALS;
        for (int i = 0; i < ramp; i++) {
            weights[i] = ramp == 1 ? 1.0 / n : 1.0 / n + (1 - 1.0 / n) * i / (ramp - 1);
        }
        return weights;
    }
}
