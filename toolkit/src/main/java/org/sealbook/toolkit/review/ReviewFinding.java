package org.sealbook.toolkit.review;

/**
 * One thing a reviewer found about a run: a code for programs and a plain sentence, with its numbers, for a person
 * who knows no machine-learning words.
 * Usage: {@code review.findings().stream().filter(f -> f.code() == ReviewFinding.Code.LEAK_WARNING)}.
 *
 * @param code     what kind of finding it is
 * @param sentence what was found, in plain words, with the numbers that show it
 */
public record ReviewFinding(Code code, String sentence) {

    /** Every kind of finding, grouped by the check that makes it. */
    public enum Code {
        // manifest: the run recorded what the contract locked
        METRIC_MISSING, METRIC_NOT_FINITE, STEPS_OUT_OF_BOUNDS,
        // overfitting
        OVERFIT_GAP, OVERFIT_RISING_VALIDATION,
        // significance
        IMPROVEMENT, NO_INTERVAL,
        // forensics
        NOT_FINITE_HISTORY, SPIKE, COLLAPSE, LEAK_WARNING, NOT_CONVERGED,
        // strategy
        COST, DOMINATED, ON_FRONT, GAIN_PER_SIZE, OVERFIT, SLOW_PREDICTIONS, STALE_TUNING, DIMINISHING_RETURNS
    }

    public ReviewFinding {
        if (code == null || sentence == null || sentence.isBlank()) {
            throw new IllegalArgumentException("A review finding needs " + (code == null ? "a code" : "a sentence")
                    + "; give both the code and the plain sentence that explains it.");
        }
    }
}
