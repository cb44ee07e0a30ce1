package org.sealbook.toolkit.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Check 5: duplicate rows (all columns but the ID; counted as pandas' duplicated().sum()) and duplicate IDs.
 * Rows are hashed to 64 bits, and rows with equal hashes are compared value by value, so a collision never counts.
 */
final class DuplicateCheck {
    static final String NAME = "duplicates";

    private DuplicateCheck() {
    }

    static List<Finding> run(CheckInput in) {
        List<Finding> out = new ArrayList<>();
        Table t = in.kept;
        int rows = t.rowCount();
        List<Column<?>> columns = t.columns().stream().filter(c -> !c.name().equals(in.id)).toList();
        long duplicates = duplicateRows(columns, rows);
        double share = rows == 0 ? 0 : (double) duplicates / rows;
        var m = CheckInput.measures("duplicate_rows", duplicates, "rows", rows, "share", share);
        boolean flagged = share > in.thresholds.value("duplicates.row_share");
        out.add(in.finding(NAME, List.of(), flagged ? Severity.WARN : Severity.PASS,
                flagged ? "DUPLICATE_ROWS" : "DUPLICATE_ROWS_FEW", m, "duplicates.row_share"));
        if (in.id != null) {
            Column<?> id = t.column(in.id);
            Set<String> seen = new HashSet<>();
            long repeated = 0;
            for (int i = 0; i < rows; i++) {
                if (!id.isMissing(i) && !seen.add(id.getString(i))) {
                    repeated++;
                }
            }
            out.add(in.finding(NAME, List.of(in.id), repeated > 0 ? Severity.FAIL : Severity.PASS,
                    repeated > 0 ? "DUPLICATE_ID" : "ID_UNIQUE",
                    CheckInput.measures("repeated_ids", repeated, "distinct_ids", seen.size()), null));
        }
        return out;
    }

    static long duplicateRows(List<Column<?>> columns, int rows) {
        long[] hash = new long[rows];
        for (Column<?> c : columns) {
            boolean numeric = c instanceof NumericColumn<?>;
            NumericColumn<?> n = numeric ? (NumericColumn<?>) c : null;
            for (int i = 0; i < rows; i++) {
                long v;
                if (c.isMissing(i)) {
                    v = 0x9E3779B97F4A7C15L;
                } else if (numeric) {
                    v = Double.doubleToLongBits(n.getDouble(i) + 0.0); // +0.0 folds -0.0 into 0.0
                } else {
                    v = c.getString(i).hashCode();
                }
                hash[i] = mix(hash[i] * 31 + v);
            }
        }
        long[] sorted = hash.clone();
        Arrays.sort(sorted);
        Set<Long> shared = new HashSet<>();
        for (int i = 1; i < rows; i++) {
            if (sorted[i] == sorted[i - 1]) {
                shared.add(sorted[i]);
            }
        }
        if (shared.isEmpty()) {
            return 0;
        }
        Map<Long, List<Integer>> groups = new HashMap<>();
        for (int i = 0; i < rows; i++) {
            if (shared.contains(hash[i])) {
                groups.computeIfAbsent(hash[i], k -> new ArrayList<>()).add(i);
            }
        }
        long duplicates = 0;
        for (List<Integer> group : groups.values()) {
            List<Integer> firsts = new ArrayList<>();
            for (int row : group) {
                boolean seen = false;
                for (int first : firsts) {
                    if (sameRow(columns, first, row)) {
                        seen = true;
                        break;
                    }
                }
                if (seen) {
                    duplicates++;
                } else {
                    firsts.add(row);
                }
            }
        }
        return duplicates;
    }

    private static boolean sameRow(List<Column<?>> columns, int a, int b) {
        for (Column<?> c : columns) {
            boolean ma = c.isMissing(a);
            if (ma != c.isMissing(b)) {
                return false;
            }
            if (ma) {
                continue;
            }
            boolean same = c instanceof NumericColumn<?> n
                    ? Double.compare(n.getDouble(a) + 0.0, n.getDouble(b) + 0.0) == 0
                    : c.getString(a).equals(c.getString(b));
            if (!same) {
                return false;
            }
        }
        return true;
    }

    /** The 64-bit finalizer of SplitMix64: spreads every input bit over the hash. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
