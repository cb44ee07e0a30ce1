package org.sealbook.toolkit.data;

import java.util.ArrayList;
import java.util.List;

/** Check 8: values far from the median by the modified z-score (median and MAD), per numeric column. */
final class OutlierCheck {
    static final String NAME = "outliers";

    private OutlierCheck() {
    }

    static List<Finding> run(CheckInput in) {
        List<Finding> out = new ArrayList<>();
        double z = in.thresholds.value("outliers.z");
        double shareLimit = in.thresholds.value("outliers.column_share");
        for (String name : in.kept.columnNames()) {
            if (name.equals(in.id) || !in.isNumeric(name)) {
                continue;
            }
            double[] sorted = in.sorted(name);
            double median = Stats.medianOfSorted(sorted);
            double mad = Stats.madOfSorted(sorted, median);
            long count = Stats.madOutliersOfSorted(sorted, median, mad, z);
            double share = sorted.length == 0 ? 0 : (double) count / sorted.length;
            var m = CheckInput.measures("outliers", count, "share", share, "median", median, "mad", mad);
            if (share > shareLimit) {
                // many flagged values are more likely a real long tail than errors: look, do not delete
                out.add(in.finding(NAME, List.of(name), Severity.WARN, "OUTLIERS_INVESTIGATE", m, "outliers.column_share"));
            } else {
                out.add(in.finding(NAME, List.of(name), Severity.PASS, count > 0 ? "OUTLIERS_FEW" : "OUTLIERS_NONE",
                        m, "outliers.z"));
            }
        }
        return out;
    }
}
