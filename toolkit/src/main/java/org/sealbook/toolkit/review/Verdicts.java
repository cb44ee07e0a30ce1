package org.sealbook.toolkit.review;

import java.util.stream.Collectors;
import org.sealbook.toolkit.review.StrategyReview.Concern;
import org.sealbook.toolkit.runs.RunStatus;

/**
 * The one place where a run's raw codes (its status, metric verdict and strategy decision) become words, so a
 * learner never sees a code without them. Usage: {@code Verdicts.words(RunStatus.DONE, metricReview, strategyReview)}
 * gives e.g. "honest winner".
 */
public final class Verdicts {
    private static final String OVERFIT = "overfit · flagged";

    private Verdicts() {
    }

    /**
     * A run's verdict in a few words.
     *
     * @param status   where the run ended (or stands)
     * @param metric   its metric review; null when not reviewed yet
     * @param strategy its strategy review; null when it was not accepted or not reviewed yet
     */
    public static String words(RunStatus status, MetricReview metric, StrategyReview strategy) {
        if (status == null) {
            throw new IllegalArgumentException("A verdict needs the run's status; pass the status its result records.");
        }
        if (metric != null && strategy != null && !metric.experimentId().equals(strategy.experimentId())) {
            throw new IllegalArgumentException("The metric review of " + metric.experimentId() + " is paired with the "
                    + "strategy review of " + strategy.experimentId() + "; pass the two reviews of the same run.");
        }
        return switch (status) {
            case QUEUED -> "waiting to train";
            case PREFLIGHT -> "checking it can train";
            case RUNNING -> "still training";
            case STOPPED -> "stopped before the end";
            case CRASHED_NAN -> "training diverged";
            case CRASHED_OOM -> "out of memory";
            case CRASHED -> "crashed";
            case BLOCKED_TAMPER -> "tamper detected";
            case DONE -> finished(metric, strategy);
        };
    }

    private static String finished(MetricReview metric, StrategyReview strategy) {
        if (metric == null || metric.verdict() == null) {
            return "finished, not reviewed yet";
        }
        return switch (metric.verdict()) {
            case BASELINE -> "the bar";
            case ACCEPT -> strategy == null ? (metric.overfit() ? OVERFIT : "better than the baseline")
                    : switch (strategy.decision()) {
                        case KEEP -> "honest winner";
                        case DISCARD -> "dominated";
                        case KEEP_WITH_CONCERNS -> strategy.concerns().isEmpty() ? "kept, with concerns"
                                : "kept, with concerns: " + strategy.concerns().stream().map(Verdicts::concern)
                                .collect(Collectors.joining("; "));
                    };
            case REJECT, INCONCLUSIVE -> metric.overfit() ? OVERFIT
                    : !metric.converged() ? "failed to converge: it learned nothing beyond the baseline"
                    : metric.verdict() == MetricVerdict.INCONCLUSIVE ? (Double.isNaN(metric.intervalHigh())
                    ? "undecided: it could not be compared with the baseline row by row" : "too close to baseline")
                    : metric.intervalHigh() < 0 ? "worse than the baseline" : "not better than the baseline";
        };
    }

    private static String concern(Concern concern) {
        return switch (concern) {
            case OVERFIT -> "it may have learned its training rows by heart (overfitting)";
            case SLOW_PREDICTIONS -> "slow to predict";
            case STALE_TUNING -> "one model tuned too long (stale tuning)";
            case DIMINISHING_RETURNS -> "its last change gained too little (diminishing returns)";
        };
    }
}
