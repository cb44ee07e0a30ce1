package org.sealbook.toolkit.review;

/**
 * One run with its metric review, as the strategy reviewer reads them.
 * Usage: {@code new ReviewedRun(run, MetricReviewer.review(run, baseline, contract, validation, preprocessor))}.
 */
public record ReviewedRun(RunEvidence run, MetricReview review) {

    public ReviewedRun {
        if (run == null || review == null) {
            throw new IllegalArgumentException("A reviewed run needs " + (run == null ? "its evidence"
                    : "its metric review") + "; give both.");
        }
        if (!run.id().equals(review.experimentId())) {
            throw new IllegalArgumentException("The evidence of " + run.id() + " is paired with the review of "
                    + review.experimentId() + "; pair each run with its own review.");
        }
    }

    public String id() {
        return run.id();
    }
}
