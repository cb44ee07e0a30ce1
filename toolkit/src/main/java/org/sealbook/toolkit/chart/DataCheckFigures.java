package org.sealbook.toolkit.chart;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sealbook.toolkit.data.DataCheckResult;
import org.sealbook.toolkit.data.Dataset;
import org.sealbook.toolkit.data.Finding;
import org.sealbook.toolkit.data.Stats;
import org.sealbook.toolkit.data.Task;
import org.sealbook.toolkit.explain.Numbers;
import org.sealbook.toolkit.view.Figure;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The data check's figures, each present only when it has something to show: missing values per column (when
 * any are missing), the target's distribution (always), a correlation heatmap (with 2 or more numeric
 * features) and box plots of the columns the outlier check flagged.
 */
public final class DataCheckFigures {
    /** The outlier check's code for a column with too many flagged values to be errors. */
    static final String FLAGGED_OUTLIERS = "OUTLIERS_INVESTIGATE";

    private DataCheckFigures() {
    }

    public static List<Figure> draw(DataCheckResult result, Dataset data) {
        Table read = data.table();
        Column<?> target = data.column(result.target(), "target");
        Table kept = target.countMissing() == 0 ? read : read.where(target.isNotMissing());
        List<Figure> figures = new ArrayList<>();
        missing(read).ifPresent(figures::add);
        figures.add(target(result, kept));
        List<String> numeric = result.features().stream()
                .filter(f -> kept.columnNames().contains(f) && kept.column(f) instanceof NumericColumn<?>).toList();
        if (numeric.size() >= 2) {
            figures.add(Heatmap.of("Correlation between numeric features", numeric,
                    numeric.stream().map(f -> Stats.values(kept.column(f))).toList()).draw());
        }
        figures.addAll(outliers(result, kept));
        return figures;
    }

    static Optional<Figure> missing(Table read) {
        List<String> names = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        for (Column<?> column : read.columns()) {
            if (column.countMissing() > 0) {
                names.add(column.name());
                counts.add(column.countMissing());
            }
        }
        if (names.isEmpty()) {
            return Optional.empty();
        }
        int rows = read.rowCount();
        double[] percent = counts.stream().mapToDouble(n -> 100.0 * n / rows).toArray();
        StringBuilder alt = new StringBuilder("Bar chart of missing values per column: ");
        for (int i = 0; i < names.size(); i++) {
            alt.append(i == 0 ? "" : ", ").append(names.get(i)).append(' ').append(Numbers.percent(percent[i] / 100))
                    .append(" (").append(counts.get(i)).append(" of ").append(rows).append(" rows)");
        }
        int clean = read.columnCount() - names.size();
        alt.append("; the other ").append(clean).append(clean == 1 ? " column has" : " columns have").append(" none.");
        return Optional.of(BarChart.of("Missing values per column", names, percent)
                .axes("column", "% of rows missing").percent().draw(alt.toString()));
    }

    static Figure target(DataCheckResult result, Table kept) {
        String name = result.target();
        String title = "Distribution of the target, " + name;
        Column<?> y = kept.column(name);
        if (result.task() == Task.REGRESSION && y instanceof NumericColumn<?>) {
            return Histogram.of(title, name, Stats.values(y)).draw();
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (int i = 0; i < y.size(); i++) {
            counts.merge(y.getString(i), 1, Integer::sum);
        }
        List<String> classes = new ArrayList<>(counts.keySet());
        double[] n = classes.stream().mapToDouble(counts::get).toArray();
        StringBuilder alt = new StringBuilder("Bar chart of rows per class of " + name + ": ");
        for (int i = 0; i < classes.size(); i++) {
            alt.append(i == 0 ? "" : ", ").append(classes.get(i)).append(' ').append(counts.get(classes.get(i)));
        }
        alt.append(" (").append(kept.rowCount()).append(" rows in all).");
        return BarChart.of(title, classes, n).axes(name, "rows").draw(alt.toString());
    }

    static List<Figure> outliers(DataCheckResult result, Table kept) {
        List<Box> boxes = new ArrayList<>();
        for (Finding f : result.findings(FLAGGED_OUTLIERS)) {
            String column = f.column();
            if (column != null && kept.column(column) instanceof NumericColumn<?>) {
                boxes.add(Box.of(column, Stats.values(kept.column(column))));
            }
        }
        List<Figure> out = new ArrayList<>();
        int parts = (boxes.size() + BoxPlot.MAX_PANELS - 1) / BoxPlot.MAX_PANELS;
        for (int p = 0; p < parts; p++) {
            List<Box> chunk = boxes.subList(p * BoxPlot.MAX_PANELS, Math.min(boxes.size(), (p + 1) * BoxPlot.MAX_PANELS));
            String title = "Columns with many outliers" + (parts > 1 ? " (" + (p + 1) + " of " + parts + ")" : "");
            out.add(BoxPlot.of(title, chunk).draw());
        }
        return out;
    }
}
