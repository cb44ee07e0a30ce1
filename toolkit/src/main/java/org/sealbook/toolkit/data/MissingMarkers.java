package org.sealbook.toolkit.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.columns.Column;

/**
 * Text values that other tools read as missing: pandas' read_csv turns each of these (its default na_values) into
 * NaN, and R reads NA the same way. Sealbook reads only an empty cell as missing and keeps these as text, which is
 * right, but the learner should know: one finding per column that holds any, with how many rows hold each value.
 * A note when the column is text anyway; a warning when the markers are all that keep it from being read as numbers.
 */
final class MissingMarkers {
    /** pandas.read_csv's default na_values (pandas/_libs/parsers.pyx, STR_NA_VALUES) less the empty text. */
    static final Set<String> MARKERS = Set.of("#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan",
            "1.#IND", "1.#QNAN", "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null");
    /** A measure named {@code marker:VALUE} counts the rows that hold VALUE. */
    static final String MEASURE_PREFIX = "marker:";
    /** A plain decimal number, as the CSV reader reads one. */
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

    private MissingMarkers() {
    }

    static List<Finding> run(CheckInput in) {
        List<Finding> out = new ArrayList<>();
        int rows = in.read.rowCount();
        for (Column<?> column : in.read.columns()) {
            if (!(column instanceof StringColumn text)) {
                continue; // a column read as numbers, dates or booleans holds no such text
            }
            Map<String, Double> measures = new LinkedHashMap<>();
            boolean otherText = false;
            for (String value : text.asSet()) {
                if (MARKERS.contains(value)) {
                    measures.put(MEASURE_PREFIX + value, (double) text.countOccurrences(value));
                } else if (!value.isEmpty() && !NUMBER.matcher(value.strip()).matches()) {
                    otherText = true;
                }
            }
            if (measures.isEmpty()) {
                continue;
            }
            measures.put("rows", (double) rows);
            // without the markers it would be a number column: as text, a model cannot use its numbers
            Severity severity = otherText ? Severity.PASS : Severity.WARN;
            out.add(in.finding(MissingCheck.NAME, List.of(column.name()), severity, "MISSING_MARKER", measures, null));
        }
        return out;
    }
}
