package org.sealbook.toolkit.models;

import java.util.List;
import org.sealbook.toolkit.prepare.Prepared;

/**
 * What the forest and the boosting families share beyond {@link ModelChecks}: the check that a restored model goes
 * on with the rows it started on. Usage: {@code TreeModels.checkSameRows(train, features, classCount, "random_forest");}
 */
final class TreeModels {
    private TreeModels() {
    }

    /**
     * Refuses to go on training a restored (or stopped) model on rows of other features or another target: its
     * bins and trees belong to the rows it started on. {@code classCount} is 0 for a numeric target.
     */
    static void checkSameRows(Prepared train, List<String> features, int classCount, String family) {
        int trainClasses = train.isClassification() ? train.classes().size() : 0;
        if (!train.features().equals(features) || trainClasses != classCount) {
            throw new IllegalArgumentException("The " + family + " model was trained on the features " + features
                    + " with " + (classCount == 0 ? "a numeric target" : classCount + " classes") + " but fit got "
                    + train.features() + " with " + (trainClasses == 0 ? "a numeric target" : trainClasses
                    + " classes") + "; go on training it with the prepared rows it started on.");
        }
    }
}
