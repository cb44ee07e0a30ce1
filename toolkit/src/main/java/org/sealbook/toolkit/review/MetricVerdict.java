package org.sealbook.toolkit.review;

/**
 * What the metric reviewer decides about a finished run's improvement over the baseline; {@link Verdicts#words}
 * says it in words. Usage: {@code if (review.verdict() == MetricVerdict.ACCEPT) ...}.
 */
public enum MetricVerdict {
    /** The whole 95% interval of the improvement lies above the practical threshold. */
    ACCEPT,
    /** The whole 95% interval lies at or below 0: no better than the baseline. */
    REJECT,
    /** The interval reaches both above 0 and down to the threshold or below, or could not be measured. */
    INCONCLUSIVE,
    /** The run is the baseline itself: the bar the others are measured against, not tested against itself. */
    BASELINE
}
