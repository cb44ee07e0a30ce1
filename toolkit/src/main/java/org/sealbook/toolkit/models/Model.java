package org.sealbook.toolkit.models;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.sealbook.toolkit.prepare.Prepared;

/**
 * One model family behind one interface, so training, reporting and later stages treat all of them alike.
 * Usage: {@code model.fit(train, validation, listener); double[][] p = model.predict(validation.x());}
 *
 * <p>Checkpoints: {@link #save} between two steps and {@link #restore} into a fresh model of the same params and
 * seed give a model that predicts the same and whose {@link #fit} goes on from the next step, ending as a fit that
 * never stopped would (bit for bit for the tree and linear families, within 1e-6 for the MLP on CPU).
 */
public interface Model {
    /**
     * Learns from {@code train}. {@code validation} is only watched (for the listener's numbers and early stopping),
     * never learned from. Deterministic for the seed the model was made with. On a restored model it goes on from
     * step {@link #stepsDone()} + 1 and the listener hears only the new steps; on a model whose fit already ended
     * (every step, or its own early stopping) it does nothing.
     */
    void fit(Prepared train, Prepared validation, TrainingListener listener);

    /**
     * Predictions for rows of features: for classification, one probability per class (each row sums to 1); for
     * regression, one value per row in the target's (transformed) scale, as {@code [rows][1]}.
     */
    double[][] predict(double[][] x);

    /** The fitted model's size in its family's unit (weights, or trees x depth); 0 for the baseline. */
    long complexity();

    /**
     * What the model checked about itself in its first training step, in words, for the preflight record (e.g.
     * "every parameter got a finite, non-zero gradient"); a failed check throws from {@link #fit} instead.
     */
    default List<String> selfChecks() {
        return List.of();
    }

    /**
     * The fitted model's size as the report weighs it against its score: trainable weights for linear models and
     * nets (the same as {@link #complexity}), every tree node added up for the tree ensembles.
     */
    default long size() {
        return complexity();
    }

    /**
     * Whether the family learns with the class weights that weighted rows carry ({@link Prepared#isWeighted}), so
     * that its {@code train_loss} is the weighted loss it optimises; false for a family that learns from every row
     * alike whatever the recipe asks.
     */
    default boolean learnsClassWeights() {
        return false;
    }

    /** Steps learned so far (epochs, trees, boosting rounds); 0 before fit. */
    int stepsDone();

    /**
     * Writes everything needed to predict and to go on training. Called between steps (inside the listener's
     * {@code step}, or after fit), so it holds exactly {@link #stepsDone()} steps. Does not close {@code out}.
     */
    void save(OutputStream out) throws IOException;

    /**
     * Reads what {@link #save} wrote into this fresh model, made with the same params and seed; a stream from
     * another family or params is refused with an IOException naming the mismatch. Does not close {@code in}.
     */
    void restore(InputStream in) throws IOException;
}
