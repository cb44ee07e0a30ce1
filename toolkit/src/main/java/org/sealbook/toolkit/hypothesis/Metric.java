package org.sealbook.toolkit.hypothesis;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The scores a contract may lock, each with the direction that counts as better. */
public enum Metric {
    AUC("auc", true, 0, 1, "area under the ROC curve: 1 sorts every positive above every negative, 0.5 is guessing"),
    ACCURACY("accuracy", true, 0, 1, "share of rows whose class is predicted correctly"),
    F1("f1", true, 0, 1, "balance of precision and recall for the rarer classes (macro average)"),
    LOG_LOSS("log_loss", false, 0, Double.POSITIVE_INFINITY,
            "how surprised the model is by the true classes; lower is better"),
    RMSE("rmse", false, 0, Double.POSITIVE_INFINITY,
            "typical size of an error, in the target's own units (root mean squared error)"),
    MAE("mae", false, 0, Double.POSITIVE_INFINITY, "average size of an error, in the target's own units"),
    R2("r2", true, Double.NEGATIVE_INFINITY, 1,
            "share of the target's variation the model explains; 1 is perfect, 0 is the mean");

    private final String label;
    private final boolean higherIsBetter;
    private final double lowest;
    private final double highest;
    private final String meaning;

    Metric(String label, boolean higherIsBetter, double lowest, double highest, String meaning) {
        this.label = label;
        this.higherIsBetter = higherIsBetter;
        this.lowest = lowest;
        this.highest = highest;
        this.meaning = meaning;
    }

    public String label() {
        return label;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** "higher" or "lower". */
    public String direction() {
        return higherIsBetter ? "higher" : "lower";
    }

    /** The lowest score possible: 0, or minus infinity for r2 (a model can be any amount worse than the mean). */
    public double lowest() {
        return lowest;
    }

    /** The highest score possible: 1 for the shares and r2, infinity for the errors. */
    public double highest() {
        return highest;
    }

    /** What the score means, in plain words. */
    public String meaning() {
        return meaning;
    }

    /** Whether this metric applies to the task ("classification" or "regression"). */
    public boolean fits(String task) {
        boolean classification = task.equals("classification");
        return classification == List.of(AUC, ACCURACY, F1, LOG_LOSS).contains(this);
    }

    public static Metric byLabel(String label) {
        for (Metric m : values()) {
            if (m.label.equals(label.toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new IllegalArgumentException("There is no metric called " + label + "; use one of "
                + String.join(", ", Arrays.stream(values()).map(Metric::label).toList()) + ".");
    }
}
