package org.sealbook.toolkit.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.columns.Column;

/** Check 4: the target varies; classes are balanced enough, or a regression target is not too skewed. */
final class TargetCheck {
    static final String NAME = "target";

    private TargetCheck() {
    }

    static List<Finding> run(CheckInput in) {
        List<String> cols = List.of(in.target);
        if (in.task == Task.CLASSIFICATION) {
            Map<String, Integer> counts = classCounts(in.kept.column(in.target));
            if (counts.size() < 2) {
                return List.of(in.finding(NAME, cols, Severity.FAIL, "TARGET_CONSTANT",
                        CheckInput.measures("classes", counts.size()), null));
            }
            int max = counts.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
            int min = counts.values().stream().mapToInt(Integer::intValue).min().orElseThrow();
            double ratio = (double) max / min;
            Map<String, Double> m = new LinkedHashMap<>(CheckInput.measures(
                    "classes", counts.size(), "largest", max, "smallest", min, "ratio", ratio));
            counts.forEach((label, n) -> m.put("count:" + label, n.doubleValue()));
            Thresholds t = in.thresholds;
            if (ratio >= t.value("target.strong_ratio")) {
                return List.of(in.finding(NAME, cols, Severity.WARN, "TARGET_IMBALANCE_STRONG", m, "target.strong_ratio"));
            }
            if (ratio >= t.value("target.weights_ratio")) {
                return List.of(in.finding(NAME, cols, Severity.WARN, "TARGET_IMBALANCE_CLASS_WEIGHTS", m, "target.weights_ratio"));
            }
            if (ratio >= t.value("target.watch_ratio")) {
                return List.of(in.finding(NAME, cols, Severity.WARN, "TARGET_IMBALANCE_WATCH", m, "target.watch_ratio"));
            }
            return List.of(in.finding(NAME, cols, Severity.PASS, "TARGET_BALANCED", m, "target.watch_ratio"));
        }
        double[] y = in.numbers(in.target);
        double variance = Stats.variance(y);
        if (!(variance > 0)) {
            return List.of(in.finding(NAME, cols, Severity.FAIL, "TARGET_CONSTANT",
                    CheckInput.measures("variance", variance), null));
        }
        double skew = Stats.skew(y);
        double[] sorted = in.sorted(in.target);
        double min = sorted[0];
        var m = CheckInput.measures("skew", skew, "min", min, "variance", variance);
        List<Finding> out = new ArrayList<>();
        if (Math.abs(skew) > in.thresholds.value("target.skew")) {
            // log needs every value above zero; otherwise say so rather than suggest a transform that fails
            out.add(in.finding(NAME, cols, Severity.WARN, min > 0 ? "TARGET_SKEW_LOG" : "TARGET_SKEW_NO_LOG",
                    m, "target.skew"));
        } else {
            out.add(in.finding(NAME, cols, Severity.PASS, "TARGET_SKEW_OK", m, "target.skew"));
        }
        return out;
    }

    /** Rows per class label, in order of first appearance; missing labels are skipped. */
    static Map<String, Integer> classCounts(Column<?> column) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (int i = 0; i < column.size(); i++) {
            if (!column.isMissing(i)) {
                counts.merge(column.getString(i), 1, Integer::sum);
            }
        }
        return counts;
    }
}
