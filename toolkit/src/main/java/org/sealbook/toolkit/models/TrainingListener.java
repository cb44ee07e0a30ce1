package org.sealbook.toolkit.models;

import java.util.Map;

/**
 * What a model reports while it learns: after each step (an epoch, a tree, a boosting round), how far it is and
 * the numbers it has, e.g. {@code train_loss}, {@code val_loss}, {@code val_auc}, {@code learning_rate},
 * {@code grad_norm}. The answer says whether to go on: false asks the model to stop after this step (the user
 * stopped the run, or the run broke a rule), and a model must honour it.
 */
@FunctionalInterface
public interface TrainingListener {
    /** Listens to nothing and never stops a model. */
    TrainingListener NONE = (done, total, metrics) -> true;

    boolean step(int done, int total, Map<String, Double> metrics);
}
