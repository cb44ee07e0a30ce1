package org.sealbook.toolkit.hypothesis;

import java.util.Arrays;
import java.util.Locale;

/** How rows are dealt into the training, validation and test splits. */
public enum SplitStrategy {
    /** Rows shuffled with the seed, then cut by the ratios. */
    RANDOM,
    /** Like random, but each class keeps its share in every split. */
    STRATIFIED,
    /** All rows of one group (a patient, a customer) land in the same split. */
    GROUP,
    /** Ordered by time: training rows come before validation rows, which come before test rows. */
    TIME;

    /** The name used in flags and in the sealed contract, e.g. {@code stratified}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The strategy with this label; the sentence names the choices when there is none. */
    public static SplitStrategy byLabel(String label) {
        for (SplitStrategy s : values()) {
            if (s.label().equals(label.toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new IllegalArgumentException("There is no split called " + label + "; use one of "
                + String.join(", ", Arrays.stream(values()).map(SplitStrategy::label).toList()) + ".");
    }
}
