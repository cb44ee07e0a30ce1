package org.sealbook.toolkit.data;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;

/**
 * What every check reads: the table as read, the rows kept (target present), the roles of columns and the
 * thresholds. Numeric columns are turned into double arrays once (NaN = missing), and sorted once, on all cores;
 * the checks share them and only read them.
 */
final class CheckInput {
    final Table read;
    final Table kept;
    final String target;
    final String id;
    final String time;
    final Task task;
    final Thresholds thresholds;
    final List<String> features;
    private final Map<String, double[]> numbers;
    private final Map<String, double[]> sorted;

    CheckInput(Table read, Table kept, String target, String id, String time, Task task, Thresholds thresholds) {
        this.read = read;
        this.kept = kept;
        this.target = target;
        this.id = id;
        this.time = time;
        this.task = task;
        this.thresholds = thresholds;
        this.features = kept.columnNames().stream().filter(n -> !n.equals(target) && !n.equals(id)).toList();
        List<String> numeric = kept.columnNames().stream().filter(this::isNumeric).toList();
        List<double[]> values = numeric.parallelStream().map(c -> Stats.values(kept.column(c))).toList();
        List<double[]> ordered = values.parallelStream().map(v -> {
            double[] p = Stats.present(v);
            Arrays.sort(p);
            return p;
        }).toList();
        this.numbers = new HashMap<>();
        this.sorted = new HashMap<>();
        for (int i = 0; i < numeric.size(); i++) {
            numbers.put(numeric.get(i), values.get(i));
            sorted.put(numeric.get(i), ordered.get(i));
        }
    }

    boolean isNumeric(String column) {
        return kept.column(column) instanceof NumericColumn<?>;
    }

    /** The kept rows of a numeric column as doubles, NaN where missing. */
    double[] numbers(String column) {
        return numbers.get(column);
    }

    /** The present values of a numeric column, sorted ascending. */
    double[] sorted(String column) {
        return sorted.get(column);
    }

    Finding finding(String check, List<String> columns, Severity severity, String code,
                    Map<String, Double> measures, String thresholdKey) {
        return new Finding(check, columns, severity, code, measures,
                thresholdKey == null ? null : thresholds.get(thresholdKey));
    }

    /** Measures in the order given: name, value, name, value, ... */
    static Map<String, Double> measures(Object... nameValue) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            m.put((String) nameValue[i], ((Number) nameValue[i + 1]).doubleValue());
        }
        return m;
    }
}
