package org.sealbook.toolkit.data;

import java.util.List;
import java.util.Map;

/**
 * What one check found about the data: computed numbers, never prose; later code explains it.
 *
 * @param check     the check's name, e.g. "missing"
 * @param columns   the column(s) concerned; empty when the finding is about the whole table
 * @param severity  PASS, WARN or FAIL
 * @param code      short machine-readable code, e.g. "MISSING_SIMPLE_IMPUTE"
 * @param measures  the measured numbers by name, in a stable order
 * @param threshold the threshold compared against, or null when none applies
 */
public record Finding(String check, List<String> columns, Severity severity, String code,
                      Map<String, Double> measures, Threshold threshold) {

    public Finding {
        columns = List.copyOf(columns);
        measures = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(measures));
    }

    /** The first column concerned, or null for a table-wide finding. */
    public String column() {
        return columns.isEmpty() ? null : columns.get(0);
    }

    /** A measured number by name; fails loudly if the check did not measure it. */
    public double measure(String name) {
        Double value = measures.get(name);
        if (value == null) {
            throw new IllegalArgumentException("Finding " + code + " has no measure '" + name
                    + "'; it has " + measures.keySet() + ".");
        }
        return value;
    }
}
