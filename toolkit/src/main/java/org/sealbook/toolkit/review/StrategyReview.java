package org.sealbook.toolkit.review;

import java.util.List;

/**
 * What {@link StrategyReviewer} decided about one accepted run, and why.
 * Usage: {@code report.reviews().forEach(r -> System.out.println(r.experimentId() + ": " + r.decision()));}
 *
 * @param experimentId    the run's experiment id
 * @param decision        keep, keep with concerns, or discard
 * @param concerns        what keeps it from a plain keep; empty when none
 * @param dominatedBy     the accepted runs that score at least as well with no more size, one of the two strictly
 * @param comparedWith    the run its gain per unit of size is measured against: its parent, or the baseline
 * @param gainPerSizeUnit the improvement over {@code comparedWith} per unit of extra size; NaN when it is no bigger
 * @param reasons         the reasons, each a plain sentence with its numbers
 */
public record StrategyReview(String experimentId, StrategyDecision decision, List<Concern> concerns,
                             List<String> dominatedBy, String comparedWith, double gainPerSizeUnit,
                             List<ReviewFinding> reasons) {

    /** What can keep an accepted run on the front from a plain keep. */
    public enum Concern {
        OVERFIT, SLOW_PREDICTIONS, STALE_TUNING, DIMINISHING_RETURNS
    }

    public StrategyReview {
        if (experimentId == null || decision == null || concerns == null || dominatedBy == null || reasons == null) {
            throw new IllegalArgumentException("A strategy review needs its experiment id, decision, concerns, "
                    + "dominating runs and reasons; give empty lists rather than null.");
        }
        concerns = List.copyOf(concerns);
        dominatedBy = List.copyOf(dominatedBy);
        reasons = List.copyOf(reasons);
    }
}
