package org.sealbook.toolkit.prepare;

import java.util.List;
import java.util.Map;

/** How a missing number is filled: a fixed value (median, most frequent) or a ridge prediction. */
record Filler(String method, double value, RidgeImputer ridge) {
    static final String MEDIAN = "median";
    static final String MOST_FREQUENT = "most_frequent";
    static final String MODEL = "model";

    Filler {
        if (!List.of(MEDIAN, MOST_FREQUENT, MODEL).contains(method) || method.equals(MODEL) != (ridge != null)) {
            throw new IllegalArgumentException("The saved preprocessor has the imputation '" + method
                    + "' without what it needs; save it again with Preprocessor.toJson().");
        }
    }

    double fill(Map<String, double[]> raw, int row) {
        return ridge == null ? value : ridge.predict(raw, row);
    }
}
