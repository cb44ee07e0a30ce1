package org.sealbook.toolkit.hypothesis;

import java.util.Arrays;
import java.util.Locale;

/**
 * The model families a hypothesis may allow, simplest first. Each names how its size (complexity) is counted, so
 * one bound can be checked for every experiment.
 */
public enum Family {
    /** Predicts the most common class or the mean, ignoring the features: the score any model must beat. */
    BASELINE("baseline", "no size"),
    /** Logistic regression for classes, linear or ridge regression for numbers. */
    LINEAR("linear", "one weight per feature"),
    RANDOM_FOREST("random_forest", "trees x depth"),
    GRADIENT_BOOSTING("gradient_boosting", "trees x depth"),
    /** A small neural network (multi-layer perceptron). */
    MLP("mlp", "trainable parameters");

    private final String label;
    private final String sizeUnit;

    Family(String label, String sizeUnit) {
        this.label = label;
        this.sizeUnit = sizeUnit;
    }

    /** The name used in flags, plans and the sealed contract, e.g. {@code random_forest}. */
    public String label() {
        return label;
    }

    /** How this family's complexity is counted, in words. */
    public String sizeUnit() {
        return sizeUnit;
    }

    /** True for families whose complexity is trees x depth. */
    public boolean isEnsemble() {
        return this == RANDOM_FOREST || this == GRADIENT_BOOSTING;
    }

    public static Family byLabel(String label) {
        for (Family f : values()) {
            if (f.label.equals(label.toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new IllegalArgumentException("There is no model family called " + label + "; use one of "
                + String.join(", ", Arrays.stream(values()).map(Family::label).toList()) + ".");
    }
}
