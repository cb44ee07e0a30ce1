package org.sealbook.toolkit.prepare;

import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * How the preprocessor reads the target: the task and transform of the decision, and the target column's values as
 * class names or (log-transformed) numbers, each bad value refused with one sentence naming its row.
 * Usage: {@code double[] y = TargetValues.regressionTargets(column, "price", true);}
 */
final class TargetValues {
    private TargetValues() {
    }

    static boolean isClassification(String task) {
        if (!task.equals("classification") && !task.equals("regression")) {
            throw new IllegalArgumentException("The task '" + task + "' is neither classification nor regression; "
                    + "run the data check again to get a valid decision.");
        }
        return task.equals("classification");
    }

    static boolean isLog(String transform, boolean classification) {
        if (!transform.equals("none") && !transform.equals("log")) {
            throw new IllegalArgumentException("The target transform '" + transform + "' is neither none nor log; "
                    + "run the data check again to get a valid decision.");
        }
        if (transform.equals("log") && classification) {
            throw new IllegalArgumentException("A log target transform needs a regression, but the task is "
                    + "classification; run the data check again without log_transform_target.");
        }
        return transform.equals("log");
    }

    static Column<?> targetColumn(Table rows, String target) {
        if (!rows.columnNames().contains(target)) {
            throw new IllegalArgumentException("The rows have no target column '" + target
                    + "'; give rows that hold the target, as the training rows did.");
        }
        return rows.column(target);
    }

    static String targetValueText(Column<?> y, int row, String target, int rows) {
        if (y.isMissing(row)) {
            throw missingTarget(row, rows, target);
        }
        return y.getString(row);
    }

    static double[] regressionTargets(Column<?> y, String target, boolean log) {
        if (!(y instanceof NumericColumn<?> n)) {
            throw new IllegalArgumentException("The target '" + target + "' holds " + FeatureKind.of(y).words
                    + ", not numbers, so it cannot be a regression target; run the data check with --task classification.");
        }
        double[] out = new double[n.size()];
        for (int i = 0; i < out.length; i++) {
            if (n.isMissing(i)) {
                throw missingTarget(i, out.length, target);
            }
            double v = n.getDouble(i);
            if (log && !(v > 0)) {
                throw new IllegalArgumentException("Row " + (i + 1) + " of " + out.length + " has " + target + " = "
                        + v + ", but the log target needs values above zero; leave such rows out or run the data "
                        + "check without log_transform_target.");
            }
            out[i] = log ? Math.log(v) : v;
        }
        return out;
    }

    static IllegalArgumentException missingTarget(int row, int rows, String target) {
        return new IllegalArgumentException("Row " + (row + 1) + " of " + rows + " has no value for the target '"
                + target + "'; leave out rows without a target before preparing them (the data check does).");
    }
}
