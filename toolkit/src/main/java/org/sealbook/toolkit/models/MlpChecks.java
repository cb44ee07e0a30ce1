package org.sealbook.toolkit.models;

import org.sealbook.toolkit.prepare.Prepared;

/**
 * What a {@link MlpModel} checks about the rows it is given before it trains, each refusal one sentence.
 * Usage: {@code MlpChecks.checkData(train, validation);}
 */
final class MlpChecks {
    private MlpChecks() {
    }

    static void checkData(Prepared train, Prepared validation) {
        if (train == null || validation == null) {
            throw new IllegalArgumentException("The MLP needs both training and validation rows; split off "
                    + "validation rows and pass both to fit.");
        }
        if (train.rows() == 0 || validation.rows() == 0) {
            throw new IllegalArgumentException("The " + (train.rows() == 0 ? "training" : "validation")
                    + " data has no rows; give the MLP at least one row of each.");
        }
        if (train.features().isEmpty()) {
            throw new IllegalArgumentException("The data has no features; give the MLP at least one feature "
                    + "column.");
        }
        if (train.isClassification() != validation.isClassification()) {
            throw new IllegalArgumentException("The training rows are for " + task(train)
                    + " but the validation rows are for " + task(validation) + "; prepare both for the same task.");
        }
        if (!train.features().equals(validation.features())) {
            throw new IllegalArgumentException("The validation rows have the features " + validation.features()
                    + " but the training rows have " + train.features()
                    + "; prepare both with the same features in the same order.");
        }
        if (train.isClassification()) {
            if (!train.classes().equals(validation.classes())) {
                throw new IllegalArgumentException("The validation rows have the classes " + validation.classes()
                        + " but the training rows have " + train.classes()
                        + "; prepare both with the same classes in the same order.");
            }
            if (train.classes().size() < 2) {
                throw new IllegalArgumentException("The target has only " + train.classes().size()
                        + " class; an MLP classifier needs at least two classes to tell apart.");
            }
        }
        checkNumbers(train, "Training");
        checkNumbers(validation, "Validation");
    }

    /** A fit that goes on must see the rows the model learnt from so far, prepared the same way. */
    static void checkSameShape(MlpProgress learnt, Prepared train) {
        if (!learnt.features().equals(train.features())) {
            throw new IllegalArgumentException("The MLP learnt from the features " + learnt.features()
                    + " but fit got " + train.features() + "; go on training with rows prepared the same way.");
        }
        int outputs = train.isClassification() ? train.classes().size() : 1;
        if (learnt.classification() != train.isClassification() || learnt.outputs() != outputs) {
            throw new IllegalArgumentException("The MLP learnt " + (learnt.classification()
                    ? learnt.outputs() + " classes" : "a numeric target") + " but fit got rows for "
                    + (train.isClassification() ? outputs + " classes" : "a numeric target")
                    + "; go on training with rows prepared the same way.");
        }
    }

    private static void checkNumbers(Prepared data, String name) {
        for (int row = 0; row < data.rows(); row++) {
            for (int i = 0; i < data.x()[row].length; i++) {
                if (!Double.isFinite(data.x()[row][i])) {
                    throw new IllegalArgumentException(name + " row " + row + " has a missing or infinite value "
                            + "in the feature \"" + data.features().get(i) + "\"; impute or drop such values "
                            + "before training the MLP.");
                }
            }
            if (!data.isClassification() && !Double.isFinite(data.y()[row])) {
                throw new IllegalArgumentException(name + " row " + row + " has a missing or infinite target; "
                        + "drop rows without a target before training the MLP.");
            }
        }
    }

    private static String task(Prepared data) {
        return data.isClassification() ? "classification" : "regression";
    }
}
