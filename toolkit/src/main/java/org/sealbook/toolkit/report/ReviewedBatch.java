package org.sealbook.toolkit.report;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sealbook.toolkit.hypothesis.Metric;
import org.sealbook.toolkit.review.MetricReview;
import org.sealbook.toolkit.review.RunEvidence;
import org.sealbook.toolkit.review.StrategyReport;

/**
 * What the reviewers concluded about one trained batch: the evidence of each run (the baseline first), each run's
 * metric review, the strategy review, each run's verdict in words, the winner, and the advice.
 */
public record ReviewedBatch(String batch, List<RunEvidence> evidence, Map<String, MetricReview> reviews,
                            StrategyReport strategy, Map<String, String> words, Optional<String> winner,
                            String recommendation, List<String> nextSteps, Metric primary) {
    public ReviewedBatch {
        evidence = List.copyOf(evidence);
        nextSteps = List.copyOf(nextSteps);
    }
}
