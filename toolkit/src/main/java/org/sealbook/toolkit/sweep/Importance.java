package org.sealbook.toolkit.sweep;

import java.util.List;
import java.util.Map;

/**
 * How much of the spread in trial scores each searched setting explains (fANOVA on a random forest fitted to the
 * finished trials), each share between 0 and 1, summing to at most 1. Needs {@link #MIN_TRIALS} finished trials.
 */
public final class Importance {
    public static final int MIN_TRIALS = 10;

    private Importance() {
    }

    /** Each setting's share, in decreasing order; empty with fewer than {@link #MIN_TRIALS} finished trials. */
    public static Map<String, Double> of(SearchSpace space, List<Observation> trials, long seed) {
        throw new UnsupportedOperationException("filled in by the sweep engine");
    }
}
