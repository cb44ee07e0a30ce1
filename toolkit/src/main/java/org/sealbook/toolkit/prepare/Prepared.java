package org.sealbook.toolkit.prepare;

import java.util.List;

/**
 * Rows ready for a model: every feature a number (after the data check's recipe was applied), one row per array,
 * and the target as a number (regression, after any locked transform) or a class index (classification), with the
 * recipe's class weights when it asks to weight the rare classes more.
 * Usage: {@code Prepared.classification(names, x, labels, List.of("benign", "malignant")).withClassWeights(w)}.
 */
public final class Prepared {
    private final List<String> features;
    private final double[][] x;
    private final double[] y;
    private final int[] labels;
    private final List<String> classes;
    /** One weight per class, in class-index order; null when every row counts the same. */
    private final double[] classWeights;

    private Prepared(List<String> features, double[][] x, double[] y, int[] labels, List<String> classes,
                     double[] classWeights) {
        for (double[] row : x) {
            if (row.length != features.size()) {
                throw new IllegalArgumentException("A prepared row has " + row.length + " values for "
                        + features.size() + " features; every row needs one value per feature.");
            }
        }
        int targets = y != null ? y.length : labels.length;
        if (targets != x.length) {
            throw new IllegalArgumentException("Prepared data has " + x.length + " rows but " + targets
                    + " target values; give one target value per row.");
        }
        this.features = List.copyOf(features);
        this.x = x;
        this.y = y;
        this.labels = labels;
        this.classes = classes == null ? null : List.copyOf(classes);
        this.classWeights = classWeights;
    }

    public static Prepared regression(List<String> features, double[][] x, double[] y) {
        return new Prepared(features, x, y, null, null, null);
    }

    /** {@code labels[i]} is the index in {@code classes} of row i's class. */
    public static Prepared classification(List<String> features, double[][] x, int[] labels, List<String> classes) {
        for (int label : labels) {
            if (label < 0 || label >= classes.size()) {
                throw new IllegalArgumentException("A class index " + label + " is outside the " + classes.size()
                        + " classes; give indexes from 0 to " + (classes.size() - 1) + ".");
            }
        }
        return new Prepared(features, x, null, labels, classes, null);
    }

    /**
     * The same rows with one weight per class (in class-index order) for the models that learn with class weights:
     * a row of class k counts {@code classWeights[k]} times in their loss.
     */
    public Prepared withClassWeights(double[] classWeights) {
        if (!isClassification()) {
            throw new IllegalArgumentException("Class weights need classes, but these rows hold a numeric target; "
                    + "weight only the rows of a classification.");
        }
        if (classWeights.length != classes.size()) {
            throw new IllegalArgumentException("There are " + classWeights.length + " class weights for "
                    + classes.size() + " classes; give one weight per class, in class-index order.");
        }
        for (double w : classWeights) {
            if (!(w > 0) || !Double.isFinite(w)) {
                throw new IllegalArgumentException("A class weight is " + w + "; every class weight must be a "
                        + "finite number above 0.");
            }
        }
        return new Prepared(features, x, null, labels, classes, classWeights.clone());
    }

    /** Whether the rows carry class weights (see {@link #withClassWeights}). */
    public boolean isWeighted() {
        return classWeights != null;
    }

    /** Row i's weight in a weighted loss: its class's weight, or 1 when the rows carry none. */
    public double weight(int row) {
        return classWeights == null ? 1.0 : classWeights[labels[row]];
    }

    /** The class weights in class-index order; null when the rows carry none. */
    public double[] classWeights() {
        return classWeights == null ? null : classWeights.clone();
    }

    public boolean isClassification() {
        return labels != null;
    }

    public int rows() {
        return x.length;
    }

    public List<String> features() {
        return features;
    }

    /** The feature values, one array per row (shared, not copied: models must not change them). */
    public double[][] x() {
        return x;
    }

    /** The regression target per row; null for classification. */
    public double[] y() {
        return y;
    }

    /** The class index per row; null for regression. */
    public int[] labels() {
        return labels;
    }

    /** The class names, in index order; null for regression. */
    public List<String> classes() {
        return classes;
    }
}
