package org.sealbook.toolkit.data;

import java.util.List;

/** Check 1: enough rows overall, and per feature. */
final class ShapeCheck {
    static final String NAME = "shape";

    private ShapeCheck() {
    }

    static List<Finding> run(CheckInput in) {
        int rows = in.kept.rowCount();
        int features = in.features.size();
        double perFeature = features == 0 ? rows : (double) rows / features;
        var m = CheckInput.measures("rows", rows, "features", features, "rows_per_feature", perFeature);
        if (rows < in.thresholds.value("shape.min_rows")) {
            return List.of(in.finding(NAME, List.of(), Severity.FAIL, "SHAPE_TOO_FEW_ROWS", m, "shape.min_rows"));
        }
        if (perFeature < in.thresholds.value("shape.min_rows_per_feature")) {
            return List.of(in.finding(NAME, List.of(), Severity.WARN, "SHAPE_FEW_ROWS_PER_FEATURE", m,
                    "shape.min_rows_per_feature"));
        }
        return List.of(in.finding(NAME, List.of(), Severity.PASS, "SHAPE_OK", m, "shape.min_rows_per_feature"));
    }
}
