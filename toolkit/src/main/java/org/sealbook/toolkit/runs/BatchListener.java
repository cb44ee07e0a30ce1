package org.sealbook.toolkit.runs;

import java.util.List;

/**
 * What a batch tells whoever shows it. Calls come from training threads, as often as every step: a view should
 * throttle what it draws. Every method has a default that does nothing. The batch isolates its listener: one that
 * throws is logged and never changes a run's status, stops the batch or keeps anyone waiting.
 */
public interface BatchListener {
    /** A run moved: a step finished, or its status changed. */
    default void progress(RunProgress run) {
    }

    /** A run saw something worth a sentence (a loss spike, exploding gradients, validation loss rising). */
    default void warning(String experiment, String sentence) {
    }

    /**
     * Every run has a final status. {@code ledger} is what the training stage seals: each run's result and model by
     * their hashes; null when the batch was blocked (a sealed file changed) or its files could not be read back.
     */
    default void finished(List<RunProgress> runs, TrainingRecord ledger) {
    }
}
