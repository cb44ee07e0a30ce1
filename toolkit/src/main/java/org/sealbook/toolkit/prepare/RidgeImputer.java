package org.sealbook.toolkit.prepare;

import com.google.gson.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A ridge regression of one column on the other numeric features (their missing values filled with their
 * training medians), on standardised predictors with an unpenalised intercept, as scikit-learn's
 * {@code Ridge(alpha=1)} after {@code StandardScaler}.
 */
record RidgeImputer(List<String> predictors, double[] medians, double[] means, double[] sds,
                    double[] coefficients, double intercept) {
    /** Fewer rows than this with the column present make a ridge imputation too noisy: the median is used. */
    private static final int MODEL_IMPUTE_MIN_ROWS = 20;
    /** The ridge penalty on standardised predictors: keeps the solve stable when predictors are collinear. */
    private static final double RIDGE_PENALTY = 1.0;

    /** Null when there are no predictors or too few rows with the column present. */
    static RidgeImputer fit(double[] column, List<String> predictors, Map<String, double[]> raw,
                            Map<String, Double> medians) {
        int p = predictors.size();
        int[] present = IntStream.range(0, column.length)
                .filter(i -> !Double.isNaN(column[i])).toArray();
        if (p == 0 || present.length < MODEL_IMPUTE_MIN_ROWS) {
            return null;
        }
        double[] med = new double[p];
        double[][] z = new double[present.length][p];
        for (int j = 0; j < p; j++) {
            med[j] = medians.get(predictors.get(j));
            double[] values = raw.get(predictors.get(j));
            for (int r = 0; r < present.length; r++) {
                double v = values[present[r]];
                z[r][j] = Double.isNaN(v) ? med[j] : v;
            }
        }
        double[] means = new double[p];
        double[] sds = new double[p];
        for (int j = 0; j < p; j++) {
            double sum = 0;
            for (double[] row : z) {
                sum += row[j];
            }
            means[j] = sum / present.length;
            double squares = 0;
            for (double[] row : z) {
                squares += (row[j] - means[j]) * (row[j] - means[j]);
            }
            double sd = Math.sqrt(squares / present.length);
            sds[j] = sd > 0 ? sd : 1.0;
            for (double[] row : z) {
                row[j] = (row[j] - means[j]) / sds[j];
            }
        }
        double yMean = 0;
        for (int i : present) {
            yMean += column[i];
        }
        yMean /= present.length;
        double[][] a = new double[p][p];
        double[] b = new double[p];
        for (int r = 0; r < present.length; r++) {
            double centred = column[present[r]] - yMean;
            for (int j = 0; j < p; j++) {
                b[j] += z[r][j] * centred;
                for (int k = 0; k <= j; k++) {
                    a[j][k] += z[r][j] * z[r][k];
                }
            }
        }
        for (int j = 0; j < p; j++) {
            a[j][j] += RIDGE_PENALTY;
            for (int k = 0; k < j; k++) {
                a[k][j] = a[j][k];
            }
        }
        return new RidgeImputer(predictors, med, means, sds, solveSymmetricPositive(a, b), yMean);
    }

    double predict(Map<String, double[]> raw, int row) {
        double y = intercept;
        for (int j = 0; j < predictors.size(); j++) {
            double v = raw.get(predictors.get(j))[row];
            y += coefficients[j] * ((Double.isNaN(v) ? medians[j] : v) - means[j]) / sds[j];
        }
        return y;
    }

    /** The imputer {@link #toJson} saved. */
    static RidgeImputer fromJson(JsonObject r, String where) {
        return new RidgeImputer(RecipeJson.textList(RecipeJson.array(r, "predictors", where)),
                RecipeJson.numberArray(RecipeJson.array(r, "medians", where)),
                RecipeJson.numberArray(RecipeJson.array(r, "means", where)),
                RecipeJson.numberArray(RecipeJson.array(r, "sds", where)),
                RecipeJson.numberArray(RecipeJson.array(r, "coefficients", where)),
                RecipeJson.number(r, "intercept", where));
    }

    JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.add("predictors", RecipeJson.texts(predictors));
        o.add("medians", RecipeJson.numbers(medians));
        o.add("means", RecipeJson.numbers(means));
        o.add("sds", RecipeJson.numbers(sds));
        o.add("coefficients", RecipeJson.numbers(coefficients));
        o.addProperty("intercept", intercept);
        return o;
    }

    /** Cholesky: A = L L^T, then two triangular solves; A is X^T X plus a positive penalty, so it is positive definite. */
    private static double[] solveSymmetricPositive(double[][] a, double[] b) {
        int p = b.length;
        double[][] l = new double[p][p];
        for (int j = 0; j < p; j++) {
            for (int k = 0; k <= j; k++) {
                double s = a[j][k];
                for (int m = 0; m < k; m++) {
                    s -= l[j][m] * l[k][m];
                }
                l[j][k] = j == k ? Math.sqrt(s) : s / l[k][k];
            }
        }
        double[] w = new double[p];
        for (int j = 0; j < p; j++) {
            double s = b[j];
            for (int m = 0; m < j; m++) {
                s -= l[j][m] * w[m];
            }
            w[j] = s / l[j][j];
        }
        double[] beta = new double[p];
        for (int j = p - 1; j >= 0; j--) {
            double s = w[j];
            for (int m = j + 1; m < p; m++) {
                s -= l[m][j] * beta[m];
            }
            beta[j] = s / l[j][j];
        }
        return beta;
    }
}
