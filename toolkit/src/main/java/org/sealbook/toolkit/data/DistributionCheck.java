package org.sealbook.toolkit.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Check 6: each feature's spread: no variation, one dominant value, or a long tail worth transforming. */
final class DistributionCheck {
    static final String NAME = "distributions";

    private DistributionCheck() {
    }

    static List<Finding> run(CheckInput in) {
        List<Finding> out = new ArrayList<>();
        int rows = in.kept.rowCount();
        double dominantLimit = in.thresholds.value("distribution.dominant_share");
        for (String name : in.features) {
            List<String> cols = List.of(name);
            int distinct;
            int topCount;
            if (in.isNumeric(name)) {
                double[] sorted = in.sorted(name);
                distinct = 0;
                topCount = 0;
                for (int i = 0, run = 0; i < sorted.length; i++) {
                    run = i > 0 && sorted[i] == sorted[i - 1] ? run + 1 : 1;
                    distinct += run == 1 ? 1 : 0;
                    topCount = Math.max(topCount, run);
                }
            } else {
                Map<String, Integer> counts = TargetCheck.classCounts(in.kept.column(name));
                distinct = counts.size();
                topCount = counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
            }
            double topShare = rows == 0 ? 0 : (double) topCount / rows;
            if (distinct <= 1) {
                out.add(in.finding(NAME, cols, Severity.WARN, "ZERO_VARIANCE",
                        CheckInput.measures("distinct", distinct), null));
            } else if (topShare > dominantLimit) {
                out.add(in.finding(NAME, cols, Severity.WARN, "DOMINANT_VALUE",
                        CheckInput.measures("top_share", topShare, "distinct", distinct), "distribution.dominant_share"));
            } else if (in.isNumeric(name)) {
                double skew = Stats.skew(in.numbers(name));
                double min = in.sorted(name)[0];
                var m = CheckInput.measures("skew", skew, "min", min, "top_share", topShare);
                boolean skewed = Math.abs(skew) > in.thresholds.value("distribution.skew");
                // a log transform needs values above zero; SKEWED_NO_LOG points to a power transform instead
                String code = !skewed ? "DISTRIBUTION_OK" : min > 0 ? "SKEWED_LOG" : "SKEWED_NO_LOG";
                out.add(in.finding(NAME, cols, skewed ? Severity.WARN : Severity.PASS, code, m, "distribution.skew"));
            }
        }
        return out;
    }
}
