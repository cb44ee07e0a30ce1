package org.sealbook.toolkit.data;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.columns.Column;

/** With --time: is the data in time order, and are there gaps much longer than the usual step? */
final class TimeCheck {
    static final String NAME = "time";

    private TimeCheck() {
    }

    static List<Finding> run(CheckInput in) {
        double[] t = instants(in.kept.column(in.time));
        List<String> cols = List.of(in.time);
        long backwards = 0;
        double previous = Double.NaN;
        for (double v : t) {
            if (Double.isNaN(v)) {
                continue;
            }
            if (v < previous) {
                backwards++;
            }
            previous = v;
        }
        double[] sorted = Stats.present(t);
        Arrays.sort(sorted);
        double[] steps = new double[Math.max(0, sorted.length - 1)];
        int k = 0;
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] > sorted[i - 1]) {
                steps[k++] = sorted[i] - sorted[i - 1]; // repeated timestamps are not steps
            }
        }
        steps = Arrays.copyOf(steps, k);
        Arrays.sort(steps);
        double median = Stats.medianOfSorted(steps);
        double limit = median * in.thresholds.value("time.gap_factor");
        long gaps = 0;
        for (double s : steps) {
            if (s > limit) {
                gaps++;
            }
        }
        double largest = k == 0 ? 0 : steps[k - 1];
        var m = CheckInput.measures("steps_back", backwards, "gaps", gaps, "median_step", k == 0 ? 0 : median,
                "largest_step", largest);
        if (backwards > 0) {
            return List.of(in.finding(NAME, cols, Severity.WARN, "TIME_UNORDERED", m, null),
                    gapFinding(in, cols, gaps, m));
        }
        return List.of(gapFinding(in, cols, gaps, m));
    }

    private static Finding gapFinding(CheckInput in, List<String> cols, long gaps, java.util.Map<String, Double> m) {
        return in.finding(NAME, cols, gaps > 0 ? Severity.WARN : Severity.PASS, gaps > 0 ? "TIME_GAPS" : "TIME_REGULAR",
                m, "time.gap_factor");
    }

    /** Days since 1970 for dates, seconds for date-times, the value itself for numbers; NaN where missing. */
    static double[] instants(Column<?> column) {
        if (column instanceof NumericColumn<?>) {
            return Stats.values(column);
        }
        double[] out = new double[column.size()];
        for (int i = 0; i < out.length; i++) {
            if (column.isMissing(i)) {
                out[i] = Double.NaN;
            } else if (column instanceof DateColumn d) {
                LocalDate day = d.get(i);
                out[i] = day.toEpochDay();
            } else if (column instanceof DateTimeColumn d) {
                LocalDateTime at = d.get(i);
                out[i] = at.toEpochSecond(ZoneOffset.UTC);
            } else {
                throw new DataProblem("The time column '" + column.name() + "' holds " + TypeCheck.kind(column).toLowerCase()
                        + ", not dates or numbers; give --time a column of dates (e.g. 2024-01-31) or leave --time out.");
            }
        }
        return out;
    }
}
