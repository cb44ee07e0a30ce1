package org.sealbook.toolkit.train;

/**
 * One model family behind one interface, so training, reporting and later stages treat all of them alike.
 * Usage: {@code model.fit(train, validation, listener); double[][] p = model.predict(validation.x());}
 */
public interface Model {
    /**
     * Learns from {@code train}. {@code validation} is only watched (for the listener's numbers and early stopping),
     * never learned from. Deterministic for the seed the model was made with.
     */
    void fit(Prepared train, Prepared validation, TrainingListener listener);

    /**
     * Predictions for rows of features: for classification, one probability per class (each row sums to 1); for
     * regression, one value per row in the target's (transformed) scale, as {@code [rows][1]}.
     */
    double[][] predict(double[][] x);

    /** The fitted model's size in its family's unit (weights, or trees x depth); 0 for the baseline. */
    long complexity();
}
