package org.sealbook.toolkit.review;

/**
 * What the strategy reviewer decides about an accepted run; {@link Verdicts#words} says it in words.
 * Usage: {@code if (review.decision() == StrategyDecision.DISCARD) ...}.
 */
public enum StrategyDecision {
    /** On the Pareto front of score and size, with no concern. */
    KEEP,
    /** On the front, with at least one concern (overfitting, slow predictions, stale tuning, diminishing returns). */
    KEEP_WITH_CONCERNS,
    /** Another accepted run scores at least as well with no more size (dominated). */
    DISCARD
}
