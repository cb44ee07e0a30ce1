package org.sealbook.toolkit.models;

import java.util.Set;
import org.sealbook.toolkit.hypothesis.Family;
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

    /** The setting names each family reads, so a sweep can refuse a misspelt one before anything trains. */
    public static Set<String> settings(Family family) {
        return switch (family) {
            case BASELINE -> Set.of("strategy");
            case LINEAR -> LinearModel.SETTINGS;
            case RANDOM_FOREST -> ForestModel.SETTINGS;
            case GRADIENT_BOOSTING -> BoostingModel.SETTINGS;
            case MLP -> MlpSettings.PARAMETERS;
        };
    }

    /** The setting that counts a family's training steps (trees, epochs) and its default; null for one-step fits. */
    public static String stepSetting(Family family) {
        return switch (family) {
            case RANDOM_FOREST, GRADIENT_BOOSTING -> "trees";
            case MLP -> "epochs";
            default -> null;
        };
    }
}
