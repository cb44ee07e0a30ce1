package org.sealbook.toolkit.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tech.tablesaw.columns.Column;

/**
 * Check 7: features that move together (|r| above the pair threshold), and features that give the answer away
 * (leakage): |r| with a numeric target above the leak threshold, or one feature alone separating a binary target.
 */
final class CorrelationCheck {
    static final String NAME = "correlations";

    private CorrelationCheck() {
    }

    static List<Finding> run(CheckInput in) {
        List<Finding> out = new ArrayList<>();
        List<String> numeric = in.features.stream().filter(in::isNumeric).toList();
        double pairLimit = in.thresholds.value("correlation.feature_pair");
        String bestA = null;
        String bestB = null;
        double best = Double.NaN;
        for (int i = 0; i < numeric.size(); i++) {
            double[] x = in.numbers(numeric.get(i));
            for (int j = i + 1; j < numeric.size(); j++) {
                double r = Stats.pearson(x, in.numbers(numeric.get(j)));
                if (Double.isNaN(r)) {
                    continue;
                }
                if (Double.isNaN(best) || Math.abs(r) > Math.abs(best)) {
                    best = r;
                    bestA = numeric.get(i);
                    bestB = numeric.get(j);
                }
                if (Math.abs(r) > pairLimit) {
                    out.add(in.finding(NAME, List.of(numeric.get(i), numeric.get(j)), Severity.WARN,
                            "HIGH_CORRELATION", CheckInput.measures("r", r), "correlation.feature_pair"));
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
            for (String f : numeric) {
                double r = Stats.pearson(in.numbers(f), y);
                if (Math.abs(r) > leak) {
                    out.add(in.finding(NAME, List.of(f, in.target), Severity.FAIL, "LEAKAGE_CORRELATION",
                            CheckInput.measures("r", r), "correlation.target_leak"));
                }
            }
        } else {
            boolean[] positive = binaryTarget(in.kept.column(in.target));
            if (positive != null) {
                double leak = in.thresholds.value("correlation.auc_leak");
                for (String f : numeric) {
                    double auc = Stats.auc(in.numbers(f), positive);
                    if (auc > leak) {
                        out.add(in.finding(NAME, List.of(f, in.target), Severity.FAIL, "LEAKAGE_AUC",
                                CheckInput.measures("auc", auc), "correlation.auc_leak"));
                    }
                }
            }
        }
        return out;
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
