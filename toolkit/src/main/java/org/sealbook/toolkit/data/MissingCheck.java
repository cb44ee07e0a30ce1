package org.sealbook.toolkit.data;

import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.columns.Column;

/** Check 3: missing values per column, with the treatment band each share falls in. */
final class MissingCheck {
    static final String NAME = "missing";

    private MissingCheck() {
    }

    static List<Finding> run(CheckInput in) {
        List<Finding> out = new ArrayList<>();
        int rows = in.read.rowCount();
        Thresholds t = in.thresholds;
        for (Column<?> column : in.read.columns()) {
            int missing = column.countMissing();
            double share = (double) missing / rows;
            var m = CheckInput.measures("missing", missing, "rows", rows, "share", share);
            List<String> cols = List.of(column.name());
            if (column.name().equals(in.target)) {
                if (share > t.value("missing.target_fail")) {
                    out.add(in.finding(NAME, cols, Severity.FAIL, "TARGET_MISSING", m, "missing.target_fail"));
                } else if (missing > 0) {
                    out.add(in.finding(NAME, cols, Severity.WARN, "TARGET_MISSING_ROWS_DROPPED", m, "missing.target_fail"));
                }
            } else if (missing == 0) {
                continue;
            } else if (share <= t.value("missing.simple_max")) {
                out.add(in.finding(NAME, cols, Severity.PASS, "MISSING_SIMPLE_IMPUTE", m, "missing.simple_max"));
            } else if (share <= t.value("missing.model_max")) {
                out.add(in.finding(NAME, cols, Severity.WARN, "MISSING_MODEL_IMPUTE", m, "missing.model_max"));
            } else if (share <= t.value("missing.indicator_max")) {
                out.add(in.finding(NAME, cols, Severity.WARN, "MISSING_INDICATOR", m, "missing.indicator_max"));
            } else {
                out.add(in.finding(NAME, cols, Severity.WARN, "MISSING_DROP", m, "missing.indicator_max"));
            }
        }
        if (out.isEmpty()) {
            out.add(in.finding(NAME, List.of(), Severity.PASS, "MISSING_NONE",
                    CheckInput.measures("rows", rows), null));
        }
        out.addAll(MissingMarkers.run(in));
        return out;
    }
}
