package org.sealbook.toolkit.review;

import org.sealbook.toolkit.hypothesis.Metric;

/**
 * How much better one score is than another, the same way everywhere in the review: relative to the reference
 * score, in the metric's better direction; r2 by plain difference, as the plan's rules do, because the baseline's r2
 * sits near 0 where a relative step means nothing.
 */
final class Improvement {
    private Improvement() {
    }

    /** Positive when {@code candidate} is better than {@code reference}; NaN when either is not a number. */
    static double of(Metric metric, double candidate, double reference) {
        double better = metric.higherIsBetter() ? candidate - reference : reference - candidate;
        if (metric == Metric.R2) {
            return better;
        }
        // a reference of exactly 0 (a perfect loss) would divide by zero; the smallest normal number keeps the sign
        return better / Math.max(Math.abs(reference), Double.MIN_NORMAL);
    }

    /** True for metrics compared by plain difference rather than by share. */
    static boolean byDifference(Metric metric) {
        return metric == Metric.R2;
    }
}
