package org.sealbook.toolkit.diagnose;

import java.util.Locale;

/**
 * What a run's learning curve says, one word each. The first two end a run's reading (nothing after a broken
 * number or a blown-up loss can be trusted); overfitting, underfitting and oscillating are problems that may come
 * together; plateau, still improving and healthy say how the run ended, when no problem did.
 */
public enum CurveVerdict {
    NOT_A_NUMBER("not a number"),
    DIVERGED("diverged"),
    OVERFITTING("overfitting"),
    UNDERFITTING("underfitting"),
    OSCILLATING("oscillating"),
    PLATEAU("plateau"),
    STILL_IMPROVING("still improving"),
    HEALTHY("healthy");

    private final String words;

    CurveVerdict(String words) {
        this.words = words;
    }

    /** The verdict as a sentence and the glossary write it, e.g. "still improving". */
    public String words() {
        return words;
    }

    /** The label in the sealed record, e.g. {@code still_improving}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CurveVerdict byLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }

    /** Whether the verdict is a problem to act on (everything but healthy). */
    public boolean isProblem() {
        return this != HEALTHY;
    }
}
