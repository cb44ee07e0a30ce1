package org.sealbook.toolkit.review;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.sealbook.toolkit.hypothesis.Metric;

/**
 * The strategy review of a batch: a review per accepted run and the accepted runs as Pareto points, both in plan
 * order. Usage: {@code report.recommendedWinner().ifPresent(id -> System.out.println("Winner: " + id));}
 *
 * @param primary the locked primary metric the points are scored on
 * @param reviews one per accepted run
 * @param points  one per accepted run
 */
public record StrategyReport(Metric primary, List<StrategyReview> reviews, List<ParetoPoint> points) {

    public StrategyReport {
        if (primary == null || reviews == null || points == null) {
            throw new IllegalArgumentException("A strategy report needs the primary metric, the reviews and the "
                    + "points; give empty lists rather than null.");
        }
        reviews = List.copyOf(reviews);
        points = List.copyOf(points);
        List<String> pointIds = points.stream().map(ParetoPoint::experimentId).toList();
        for (StrategyReview review : reviews) {
            if (!pointIds.contains(review.experimentId())) {
                throw new IllegalArgumentException("The strategy report reviews " + review.experimentId()
                        + " but has no Pareto point for it; give one point per reviewed run.");
            }
        }
    }

    /** The review of this experiment; empty when it was not accepted. */
    public Optional<StrategyReview> review(String experimentId) {
        return reviews.stream().filter(r -> r.experimentId().equals(experimentId)).findFirst();
    }

    /**
     * The run to recommend: the best primary score among the kept runs, else among those kept with concerns, a tie
     * going to the smaller; empty when nothing was accepted, or every accepted run was dominated.
     */
    public Optional<String> recommendedWinner() {
        Map<String, ParetoPoint> pointOf = points.stream()
                .collect(Collectors.toMap(ParetoPoint::experimentId, Function.identity()));
        Comparator<ParetoPoint> better = Comparator.comparingDouble(
                (ParetoPoint p) -> primary.higherIsBetter() ? -p.primaryScore() : p.primaryScore())
                .thenComparingLong(ParetoPoint::complexity);
        for (StrategyDecision decision : List.of(StrategyDecision.KEEP, StrategyDecision.KEEP_WITH_CONCERNS)) {
            Optional<ParetoPoint> best = reviews.stream().filter(r -> r.decision() == decision)
                    .map(r -> pointOf.get(r.experimentId())).min(better); // min keeps the first of equals: plan order
            if (best.isPresent()) {
                return Optional.of(best.get().experimentId());
            }
        }
        return Optional.empty();
    }
}
