package org.sealbook.toolkit.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import tech.tablesaw.columns.Column;

/**
 * Check 7: features that move together (|r| above the pair threshold), and features that give the answer away
 * (leakage): |r| with a numeric target above the leak threshold, or one feature alone separating a binary target.
 * A pair whose rank correlation reaches correlation.same_form is one column in another form (a log, a square, a change
 * of units), which r can miss ({@link SameForm}); it is reported as SAME_FORM only when it is not already a
 * HIGH_CORRELATION pair, so no pair is told twice.
 */
final class CorrelationCheck {
    static final String NAME = "correlations";

    private CorrelationCheck() {
    }

    static List<Finding> run(CheckInput in) {
        List<Finding> out = new ArrayList<>();
        List<String> numeric = in.features.stream().filter(in::isNumeric).toList();
        double[][] r = pairs(numeric.stream().map(in::numbers).toList());
        double pairLimit = in.thresholds.value("correlation.feature_pair");
        boolean[][] toldAlready = new boolean[numeric.size()][numeric.size()];
        for (int i = 0; i < numeric.size(); i++) {
            for (int j = i + 1; j < numeric.size(); j++) {
                toldAlready[i][j] = Math.abs(r[i][j]) > pairLimit;
            }
        }
        double[][] rho = SameForm.rankCorrelations(numeric.stream().map(in::numbers).toList(),
                in.thresholds.value("correlation.same_form"), toldAlready);
        String bestA = null;
        String bestB = null;
        double best = Double.NaN;
        for (int i = 0; i < numeric.size(); i++) {
            for (int j = i + 1; j < numeric.size(); j++) {
                if (Double.isNaN(r[i][j])) {
                    continue;
                }
                if (Double.isNaN(best) || Math.abs(r[i][j]) > Math.abs(best)) {
                    best = r[i][j];
                    bestA = numeric.get(i);
                    bestB = numeric.get(j);
                }
                if (Math.abs(r[i][j]) > pairLimit) {
                    out.add(in.finding(NAME, List.of(numeric.get(i), numeric.get(j)), Severity.WARN,
                            "HIGH_CORRELATION", CheckInput.measures("r", r[i][j]), "correlation.feature_pair"));
                } else if (!Double.isNaN(rho[i][j])) {
                    out.add(in.finding(NAME, List.of(numeric.get(i), numeric.get(j)), Severity.WARN, "SAME_FORM",
                            CheckInput.measures("rank_r", rho[i][j], "r", r[i][j]), "correlation.same_form"));
                }
            }
        }
        if (bestA != null) {
            out.add(in.finding(NAME, List.of(bestA, bestB), Severity.PASS, "MOST_CORRELATED_PAIR",
                    CheckInput.measures("r", best), null));
        }
        if (in.task == Task.REGRESSION) {
            double[] y = in.numbers(in.target);
            double leak = in.thresholds.value("correlation.target_leak");
            double[] withTarget = numeric.parallelStream().mapToDouble(f -> Stats.pearson(in.numbers(f), y)).toArray();
            for (int i = 0; i < numeric.size(); i++) {
                if (Math.abs(withTarget[i]) > leak) {
                    out.add(in.finding(NAME, List.of(numeric.get(i), in.target), Severity.FAIL, "LEAKAGE_CORRELATION",
                            CheckInput.measures("r", withTarget[i]), "correlation.target_leak"));
                }
            }
        } else {
            boolean[] positive = binaryTarget(in.kept.column(in.target));
            if (positive != null) {
                double leak = in.thresholds.value("correlation.auc_leak");
                double[] auc = numeric.parallelStream().mapToDouble(f -> Stats.aucWithSorted(in.numbers(f), in.sorted(f), positive)).toArray();
                for (int i = 0; i < numeric.size(); i++) {
                    if (auc[i] > leak) {
                        out.add(in.finding(NAME, List.of(numeric.get(i), in.target), Severity.FAIL, "LEAKAGE_AUC",
                                CheckInput.measures("auc", auc[i]), "correlation.auc_leak"));
                    }
                }
            }
        }
        return out;
    }

    /**
     * Pearson r for every pair (upper triangle), rows of the matrix spread over all cores. Columns with no missing
     * value are centred once, so their pairs cost one pass; Stats.pearson does the same sums in the same order for
     * such pairs, so the result is the same to the last bit.
     */
    private static double[][] pairs(List<double[]> columns) {
        int k = columns.size();
        double[][] centred = new double[k][];
        double[] squares = new double[k];
        IntStream.range(0, k).parallel().forEach(i -> {
            double[] x = columns.get(i);
            double sum = 0;
            for (double v : x) {
                sum += v; // NaN when any value is missing: then the column takes the pairwise-complete path
            }
            if (Double.isNaN(sum) || x.length < 2) {
                return;
            }
            double mean = sum / x.length;
            double[] c = new double[x.length];
            double ss = 0;
            for (int n = 0; n < x.length; n++) {
                c[n] = x[n] - mean;
                ss += c[n] * c[n];
            }
            centred[i] = c;
            squares[i] = ss;
        });
        double[][] r = new double[k][k];
        IntStream.range(0, k).parallel().forEach(i -> {
            for (int j = i + 1; j < k; j++) {
                if (centred[i] != null && centred[j] != null) {
                    r[i][j] = pearsonOfCentred(centred[i], squares[i], centred[j], squares[j]);
                } else {
                    r[i][j] = Stats.pearson(columns.get(i), columns.get(j));
                }
            }
        });
        return r;
    }

    private static double pearsonOfCentred(double[] x, double sxx, double[] y, double syy) {
        if (sxx == 0 || syy == 0) {
            return Double.NaN;
        }
        double sxy = 0;
        for (int n = 0; n < x.length; n++) {
            sxy += x[n] * y[n];
        }
        return Math.max(-1.0, Math.min(1.0, sxy / Math.sqrt(sxx * syy)));
    }

    /** For a two-class target, true where the row has the label seen first; null for any other class count. */
    static boolean[] binaryTarget(Column<?> target) {
        Map<String, Integer> counts = TargetCheck.classCounts(target);
        if (counts.size() != 2) {
            return null;
        }
        String first = counts.keySet().iterator().next();
        boolean[] positive = new boolean[target.size()];
        for (int i = 0; i < positive.length; i++) {
            positive[i] = !target.isMissing(i) && target.getString(i).equals(first);
        }
        return positive;
    }
}
