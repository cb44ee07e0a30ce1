package org.sealbook.toolkit.review;

import org.sealbook.toolkit.hypothesis.Metric;

/**
 * The review's own number words (an improvement in the metric's terms, "better" or "worse"), on top of
 * {@link org.sealbook.toolkit.explain.Numbers}, which writes every number. {@code score}, {@code percent},
 * {@code whole} and {@code duration} only pass through so that the reviewers' many call sites stay as they are.
 */
final class Numbers {
    private Numbers() {
    }

    static String score(double value) {
        return org.sealbook.toolkit.explain.Numbers.number(value);
    }

    static String percent(double share) {
        return org.sealbook.toolkit.explain.Numbers.percent(share);
    }

    static String whole(long value) {
        return org.sealbook.toolkit.explain.Numbers.number(value);
    }

    static String duration(double seconds) {
        return org.sealbook.toolkit.explain.Numbers.duration(seconds);
    }

    /** An improvement or gap in the metric's own terms: a percentage, or for r2 a plain difference. */
    static String amount(Metric metric, double value) {
        return Improvement.byDifference(metric) ? score(value) : percent(value);
    }

    /** "23.5% better" or "4.1% worse". */
    static String betterOrWorse(Metric metric, double improvement) {
        return amount(metric, Math.abs(improvement)) + (improvement < 0 ? " worse" : " better");
    }
}
