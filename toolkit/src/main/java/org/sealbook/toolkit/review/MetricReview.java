package org.sealbook.toolkit.review;

import java.util.List;

/**
 * What {@link MetricReviewer} found about one run. Improvements are in the metric's better direction (positive is
 * better): relative to the baseline's score, except for r2, which is compared by difference because the baseline's
 * r2 sits near 0. Usage: {@code MetricReview r = MetricReviewer.review(run, baseline, contract, validation, pre);}
 *
 * @param experimentId the run's experiment id
 * @param verdict      the significance verdict; null for a run that did not finish (any status but DONE)
 * @param overfit      true when the training-validation gap broke the locked bound, or the validation loss rose at
 *                     the end while the training loss fell
 * @param converged    false when the run learned nothing beyond the baseline's guess
 * @param gap          how much better the training score is than the validation score (relative; r2: difference);
 *                     NaN when not measured
 * @param improvement  the improvement of the validation score over the baseline's; NaN when not measured
 * @param intervalLow  the lower end of the improvement's 95% bootstrap interval; NaN when not measured
 * @param intervalHigh the upper end of that interval; NaN when not measured
 * @param findings     everything found, each with a plain sentence
 */
public record MetricReview(String experimentId, MetricVerdict verdict, boolean overfit, boolean converged, double gap,
                           double improvement, double intervalLow, double intervalHigh,
                           List<ReviewFinding> findings) {

    public MetricReview {
        if (experimentId == null || findings == null) {
            throw new IllegalArgumentException("A metric review needs " + (experimentId == null
                    ? "the experiment's id" : "a list of findings (empty for none)") + "; give one.");
        }
        findings = List.copyOf(findings);
    }

    /** True when a finding of this code was made. */
    public boolean has(ReviewFinding.Code code) {
        return findings.stream().anyMatch(f -> f.code() == code);
    }
}
