package org.sealbook.toolkit.models;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.sealbook.toolkit.prepare.Prepared;

/**
 * What every model family in this package shares, so all read their settings and check their rows one way (and
 * measure their losses one way: {@link TrainingLoss}).
 * Usage: {@code int trees = ModelChecks.wholeParam(params, "trees", 100, "random_forest");}
 */
final class ModelChecks {
    private ModelChecks() {
    }


    /** Refuses a missing map and any name the family does not read (a typo would otherwise be silently ignored). */
    static void checkParams(Map<String, Object> params, Set<String> known, String family) {
        if (params == null) {
            throw new IllegalArgumentException("The " + family + " model got no parameter map; pass Map.of() for "
                    + "its defaults.");
        }
        for (String name : params.keySet()) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException("The " + family + " model has no parameter '" + name + "'; use "
                        + (known.isEmpty() ? "none" : "one of " + String.join(", ", new TreeSet<>(known))) + ".");
            }
        }
    }

    /** A whole number of 1 or more, e.g. trees; {@code fallback} when absent. */
    static int wholeParam(Map<String, Object> params, String name, int fallback, String family) {
        Object value = params.get(name);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())
                || number.doubleValue() < 1 || number.doubleValue() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("The " + family + " model's " + name + " is " + value + "; give "
                    + name + " as a whole number of 1 or more, e.g. " + name + "=" + fallback + ".");
        }
        return number.intValue();
    }

    /** A finite number, e.g. a learning rate; {@code fallback} when absent. Callers check its range. */
    static double numberParam(Map<String, Object> params, String name, double fallback, String family) {
        Object value = params.get(name);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Number number) || !Double.isFinite(number.doubleValue())) {
            throw new IllegalArgumentException("The " + family + " model's " + name + " is " + value + "; give "
                    + name + " as a number, e.g. " + name + "=" + fallback + ".");
        }
        return number.doubleValue();
    }

    static void checkFitted(boolean fitted, String family) {
        if (!fitted) {
            throw new IllegalStateException("The " + family + " model has not been fitted; call fit(train, "
                    + "validation, listener) before predict.");
        }
    }

    /** Checks what every fit needs; {@code validation} may be null (nothing to watch). */
    static void checkFitInputs(Prepared train, Prepared validation, TrainingListener listener) {
        if (train == null || train.rows() == 0) {
            throw new IllegalArgumentException("There are no training rows; give fit at least one prepared row.");
        }
        if (listener == null) {
            throw new IllegalArgumentException("fit got no listener; pass TrainingListener.NONE to listen to "
                    + "nothing.");
        }
        checkRows(train.x(), train.features().size());
        checkTargets(train, "training");
        if (validation == null) {
            return;
        }
        if (validation.isClassification() != train.isClassification()) {
            throw new IllegalArgumentException("The training rows have a " + task(train) + " target but the "
                    + "validation rows a " + task(validation) + " one; prepare both from the same target.");
        }
        if (!validation.features().equals(train.features())) {
            throw new IllegalArgumentException("The validation rows have the features " + validation.features()
                    + " but the training rows " + train.features() + "; prepare both with the same recipe.");
        }
        if (train.isClassification() && !validation.classes().equals(train.classes())) {
            throw new IllegalArgumentException("The validation rows have the classes " + validation.classes()
                    + " but the training rows " + train.classes() + "; prepare both with the same class list.");
        }
        checkRows(validation.x(), validation.features().size());
        checkTargets(validation, "validation");
    }

    /** Every row needs one finite number per feature: Smile would silently learn or predict nonsense otherwise. */
    static void checkRows(double[][] x, int featureCount) {
        if (x == null) {
            throw new IllegalArgumentException("predict got no rows; give an array with one row of features "
                    + "per prediction.");
        }
        for (int i = 0; i < x.length; i++) {
            if (x[i] == null || x[i].length != featureCount) {
                throw new IllegalArgumentException("Row " + i + " has " + (x[i] == null ? "no" : x[i].length)
                        + " values but the model was trained on " + featureCount + " features; give every row one "
                        + "value per feature, in training order.");
            }
            for (int j = 0; j < featureCount; j++) {
                if (!Double.isFinite(x[i][j])) {
                    throw new IllegalArgumentException("Row " + i + ", feature " + j + " is " + x[i][j]
                            + "; models need a finite number in every cell, so apply the data check's recipe "
                            + "(impute missing values) first.");
                }
            }
        }
    }

    private static void checkTargets(Prepared rows, String which) {
        if (rows.isClassification()) {
            return; // Prepared already keeps class indexes in range
        }
        double[] y = rows.y();
        for (int i = 0; i < y.length; i++) {
            if (!Double.isFinite(y[i])) {
                throw new IllegalArgumentException("The target of " + which + " row " + i + " is " + y[i]
                        + "; drop rows without a target before training.");
            }
        }
    }

    private static String task(Prepared rows) {
        return rows.isClassification() ? "class" : "numeric";
    }

    /** Refuses a classifier fit on rows of one class: Smile cannot learn to tell classes apart from one. */
    static void checkTwoClasses(Prepared train, String family) {
        if (!train.isClassification()) {
            return;
        }
        int[] labels = train.labels();
        if (Arrays.stream(labels).allMatch(label -> label == labels[0])) {
            List<String> classes = train.classes();
            throw new IllegalArgumentException("All training rows have the class " + classes.get(labels[0])
                    + ", so the " + family + " model cannot learn to tell classes apart; split the data so the "
                    + "training rows hold at least two classes.");
        }
    }
}
