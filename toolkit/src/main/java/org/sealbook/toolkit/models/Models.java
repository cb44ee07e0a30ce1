package org.sealbook.toolkit.models;

import org.sealbook.toolkit.plan.Experiment;

/** Makes the model an experiment asks for. Usage: {@code Model m = Models.create(experiment, seed);} */
public final class Models {
    private Models() {
    }

    /** A fresh, untrained model of the experiment's family with its settings and the contract's seed. */
    public static Model create(Experiment experiment, long seed) {
        return switch (experiment.family()) {
            case BASELINE -> new BaselineModel(experiment.params(), seed);
            case LINEAR -> new LinearModel(experiment.params(), seed);
            case RANDOM_FOREST -> new ForestModel(experiment.params(), seed);
            case GRADIENT_BOOSTING -> new BoostingModel(experiment.params(), seed);
            case MLP -> new MlpModel(experiment.params(), seed);
        };
    }
}
