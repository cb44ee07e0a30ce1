package org.sealbook.toolkit.diagnose;

import java.util.List;

/**
 * One run's curve as the rules read it: the raw and smoothed losses, and the verdicts, the first one the run's main
 * verdict. A run too short to read has no verdict and says why in {@code unread}.
 *
 * @param train       the raw training loss; empty when the run logged none
 * @param validation  the raw validation loss; empty when the run logged none
 * @param unread      why no verdict was given (too few steps), or null
 */
public record CurveReading(CurveHistory history, CurveHistory.Series train, CurveHistory.Series validation,
                           double[] trainSmoothed, double[] validationSmoothed, List<Verdict> verdicts,
                           String unread) {
    public CurveReading {
        verdicts = List.copyOf(verdicts);
    }

    public String run() {
        return history.run();
    }

    /** The main verdict: the first; null for a run too short to read. */
    public Verdict main() {
        return verdicts.isEmpty() ? null : verdicts.get(0);
    }

    public boolean has(CurveVerdict verdict) {
        return verdicts.stream().anyMatch(v -> v.verdict() == verdict);
    }
}
