package org.sealbook.toolkit.review;

import java.util.List;

/**
 * One accepted run as a point of score against size, for the Pareto front.
 * Usage: {@code report.points().stream().filter(ParetoPoint::onFront)}.
 *
 * @param experimentId the run's experiment id
 * @param primaryScore its validation score on the primary metric
 * @param complexity   its size, in its family's unit
 * @param dominatedBy  the accepted runs that score at least as well with no more size, one of the two strictly
 */
public record ParetoPoint(String experimentId, double primaryScore, long complexity, List<String> dominatedBy) {

    public ParetoPoint {
        dominatedBy = List.copyOf(dominatedBy);
    }

    /** True when no accepted run dominates it. */
    public boolean onFront() {
        return dominatedBy.isEmpty();
    }
}
