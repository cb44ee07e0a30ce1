package org.sealbook.toolkit.sweep;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * A density over one setting built from the values some trials tried: for a number line, a weighted mixture of
 * normal curves cut to the range, one centred on each value plus a wide one over the whole range (the prior, so
 * that no region is ever ruled out); for choices, each choice's weighted count plus an even share of the prior.
 *
 * <p>Bandwidths: each value's curve is as wide as the larger gap to its neighbours among the sorted values (the
 * prior's centre included; the outermost values use their one inner gap), clipped to at least the range divided by
 * min(100, values + 1) and at most the whole range. Dense regions so get narrow curves that look closely there, and
 * few values get wide ones that still look around. This is the rule Bergstra et al. (2011) and Optuna's univariate
 * estimator use (its "magic clip"), written here from the description.
 */
final class ParzenEstimator {
    static final double PRIOR_WEIGHT = 1.0;
    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

    private final boolean categorical;
    private final double low;
    private final double high;
    private final double[] mus;
    private final double[] sigmas;
    private final double[] weights;
    /** log of each curve's mass inside [low, high], the denominator of a cut-off normal. */
    private final double[] logMass;
    /** For choices: each choice's probability. */
    private final double[] choiceProbabilities;

    /** {@code values} on the dimension's scale (category indices for choices) with their weights (> 0). */
    ParzenEstimator(Dimension dimension, double[] values, double[] valueWeights) {
        this.categorical = dimension.categorical();
        this.low = dimension.low();
        this.high = dimension.high();
        double total = PRIOR_WEIGHT + Arrays.stream(valueWeights).sum();
        if (categorical) {
            int k = dimension.categories();
            choiceProbabilities = new double[k];
            Arrays.fill(choiceProbabilities, PRIOR_WEIGHT / k / total);
            for (int i = 0; i < values.length; i++) {
                choiceProbabilities[(int) values[i]] += valueWeights[i] / total;
            }
            mus = sigmas = weights = logMass = null;
            return;
        }
        choiceProbabilities = null;
        int n = values.length + 1;
        mus = Arrays.copyOf(values, n);
        mus[n - 1] = 0.5 * (low + high);
        weights = new double[n];
        for (int i = 0; i < values.length; i++) {
            weights[i] = valueWeights[i] / total;
        }
        weights[n - 1] = PRIOR_WEIGHT / total;
        sigmas = bandwidths(mus, low, high);
        logMass = new double[n];
        for (int i = 0; i < n; i++) {
            double mass = Normal.cdf((high - mus[i]) / sigmas[i]) - Normal.cdf((low - mus[i]) / sigmas[i]);
            logMass[i] = Math.log(Math.max(mass, Double.MIN_NORMAL));
        }
    }

    private static double[] bandwidths(double[] mus, double low, double high) {
        int n = mus.length;
        double span = high - low;
        Integer[] order = new Integer[n];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Double.compare(mus[a], mus[b]));
        double[] sigmas = new double[n];
        for (int r = 0; r < n; r++) {
            double left = r > 0 ? mus[order[r]] - mus[order[r - 1]] : Double.NaN;
            double right = r < n - 1 ? mus[order[r + 1]] - mus[order[r]] : Double.NaN;
            double sigma = Double.isNaN(left) ? right : Double.isNaN(right) ? left : Math.max(left, right);
            sigmas[order[r]] = Double.isNaN(sigma) ? span : sigma;
        }
        double smallest = span / Math.min(100.0, n);
        for (int i = 0; i < n; i++) {
            sigmas[i] = Math.min(span, Math.max(smallest, sigmas[i]));
        }
        sigmas[n - 1] = span;
        return sigmas;
    }

    /** A point drawn from the density, on the dimension's scale. */
    double sample(RandomGenerator random) {
        if (categorical) {
            return pick(choiceProbabilities, random);
        }
        int i = pick(weights, random);
        // A cut-off normal by redrawing: the curve's centre is inside the range and it is at most as wide as the
        // range, so at least a third of its mass lies inside and a few draws suffice.
        for (int attempt = 0; attempt < 1000; attempt++) {
            double x = mus[i] + sigmas[i] * random.nextGaussian();
            if (x >= low && x <= high) {
                return x;
            }
        }
        return Math.min(high, Math.max(low, mus[i]));
    }

    /**
     * The log of the density at {@code x}; for whole numbers ({@code step} 1) the log of the mass of the step
     * around x, so that both densities of a candidate are compared on the values that can be run.
     */
    double logDensity(double x, double step) {
        if (categorical) {
            return Math.log(choiceProbabilities[(int) x]);
        }
        double[] terms = new double[mus.length];
        for (int i = 0; i < mus.length; i++) {
            double term;
            if (step > 0) {
                double a = Math.max(low, x - step / 2);
                double b = Math.min(high, x + step / 2);
                double mass = Normal.cdf((b - mus[i]) / sigmas[i]) - Normal.cdf((a - mus[i]) / sigmas[i]);
                term = Math.log(Math.max(mass, Double.MIN_NORMAL));
            } else {
                double z = (x - mus[i]) / sigmas[i];
                term = -0.5 * z * z - Math.log(sigmas[i]) - LOG_SQRT_2PI;
            }
            terms[i] = Math.log(weights[i]) + term - logMass[i];
        }
        double max = Arrays.stream(terms).max().orElseThrow();
        double sum = 0;
        for (double term : terms) {
            sum += Math.exp(term - max);
        }
        return max + Math.log(sum);
    }

    private static int pick(double[] probabilities, RandomGenerator random) {
        double u = random.nextDouble() * Arrays.stream(probabilities).sum();
        for (int i = 0; i < probabilities.length; i++) {
            u -= probabilities[i];
            if (u < 0) {
                return i;
            }
        }
        return probabilities.length - 1;
    }

    /** The standard normal distribution function. */
    static final class Normal {
        private Normal() {
        }

        static double cdf(double z) {
            return 0.5 * erfc(-z / Math.sqrt(2));
        }

        /** Complementary error function, Chebyshev fit with relative error below 1.2e-7 (W. H. Press et al.). */
        static double erfc(double x) {
            double z = Math.abs(x);
            double t = 1 / (1 + 0.5 * z);
            double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                    + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                    + t * (-0.82215223 + t * 0.17087277)))))))));
            return x >= 0 ? r : 2 - r;
        }
    }
}
