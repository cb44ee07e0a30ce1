package org.sealbook.toolkit.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.columns.Column;

/** Check 2: each column's parsed type; identifiers, text with many values, numbers stored as text, dates. */
final class TypeCheck {
    static final String NAME = "types";

    private TypeCheck() {
    }

    static List<Finding> run(CheckInput in) {
        List<Finding> out = new ArrayList<>();
        int rows = in.kept.rowCount();
        for (Column<?> column : in.kept.columns()) {
            String name = column.name();
            List<String> cols = List.of(name);
            ColumnType type = column.type();
            int present = rows - column.countMissing();
            boolean text = type == ColumnType.STRING;
            boolean integral = type == ColumnType.INTEGER || type == ColumnType.LONG || type == ColumnType.SHORT;
            int distinct = 0;
            int numberLike = 0;
            if (text) {
                Set<String> values = new HashSet<>(((StringColumn) column).asSet()); // from Tablesaw's dictionary
                values.remove(""); // the missing value
                distinct = values.size();
                for (String v : values) {
                    numberLike += looksNumeric(v) ? 1 : 0;
                }
            } else if (type == ColumnType.LONG) {
                long[] sorted = ((LongColumn) column).removeMissing().asLongArray(); // past 2^53 doubles merge neighbours
                java.util.Arrays.sort(sorted);
                for (int i = 0; i < sorted.length; i++) {
                    distinct += i == 0 || sorted[i] != sorted[i - 1] ? 1 : 0;
                }
            } else if (integral) {
                double[] sorted = in.sorted(name);
                for (int i = 0; i < sorted.length; i++) {
                    distinct += i == 0 || sorted[i] != sorted[i - 1] ? 1 : 0;
                }
            }
            out.add(in.finding(NAME, cols, Severity.PASS, "TYPE_" + kind(column),
                    CheckInput.measures("present", present, "distinct", distinct), null));
            if (name.equals(in.target) || present == 0) {
                continue;
            }
            // numbers stored as text first: a column of distinct prices is a number column, not an identifier
            if (text && (double) numberLike / distinct >= in.thresholds.value("types.number_text_share")) {
                out.add(in.finding(NAME, cols, Severity.WARN, "NUMBER_AS_TEXT",
                        CheckInput.measures("number_share", (double) numberLike / distinct, "distinct", distinct),
                        "types.number_text_share"));
            } else if ((text || integral) && distinct == rows && !name.equals(in.id)) {
                out.add(in.finding(NAME, cols, Severity.WARN, "LIKELY_IDENTIFIER",
                        CheckInput.measures("distinct", distinct, "rows", rows), null));
            } else if (text && (double) distinct / present > in.thresholds.value("types.text_distinct_share")) {
                out.add(in.finding(NAME, cols, Severity.WARN, "TEXT_MANY_VALUES",
                        CheckInput.measures("distinct", distinct, "present", present,
                                "distinct_share", (double) distinct / present), "types.text_distinct_share"));
            }
        }
        return out;
    }

    /** NUMBER, TEXT, DATE, DATETIME, TIME or BOOLEAN. */
    static String kind(Column<?> column) {
        ColumnType t = column.type();
        if (column instanceof NumericColumn<?>) {
            return "NUMBER";
        }
        if (t == ColumnType.LOCAL_DATE) {
            return "DATE";
        }
        if (t == ColumnType.LOCAL_DATE_TIME || t == ColumnType.INSTANT) {
            return "DATETIME";
        }
        if (t == ColumnType.LOCAL_TIME) {
            return "TIME";
        }
        if (t == ColumnType.BOOLEAN) {
            return "BOOLEAN";
        }
        return "TEXT";
    }

    /** A number with thousands separators, a currency sign, a percent sign or a stray space around it. */
    static boolean looksNumeric(String v) {
        String s = v.strip().replace(",", "").replace("$", "").replace("€", "").replace("%", "");
        if (s.isEmpty()) {
            return false;
        }
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false; // not a number: the answer this method exists to give
        }
    }
}
