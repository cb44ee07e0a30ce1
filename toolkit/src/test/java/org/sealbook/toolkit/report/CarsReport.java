package org.sealbook.toolkit.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.sealbook.toolkit.SharedData;
import org.sealbook.toolkit.chart.BarChart;
import org.sealbook.toolkit.chart.Heatmap;
import org.sealbook.toolkit.data.DataLoader;
import org.sealbook.toolkit.data.Stats;
import org.sealbook.toolkit.view.Figure;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** A report on the real cars.csv, as %report would assemble one: text, tables (one with gaps) and two figures. */
final class CarsReport {
    static final String TITLE = "Cars: what predicts miles per gallon";
    static final String TRICKY = "Rows with <missing> horsepower & \"quoted\" names aren't dropped: "
            + "<script>alert('x')</script>";
    static final List<String> NUMERIC = List.of("Miles_per_Gallon", "Displacement", "Horsepower", "Weight_in_lbs",
            "Acceleration");

    final Table cars = DataLoader.create().load(SharedData.file("cars.csv")).table();
    final Table leaderboard = leaderboard();
    final Figure mpgByOrigin = mpgByOrigin(cars);
    final Figure correlation = Heatmap.of("Correlation between numeric columns", NUMERIC,
            NUMERIC.stream().map(name -> Stats.values(cars.column(name))).toList()).draw();

    List<Section> sections() {
        return List.of(
                new Section("Leaderboard", List.of("exp_001, the linear model, has the lowest validation error."),
                        List.of(leaderboard), List.of()),
                new Section("What the data shows", List.of("Cars from the USA use the most fuel; weight and "
                        + "displacement move together."), List.of(), List.of(mpgByOrigin, correlation)),
                new Section("The data", List.of(TRICKY), List.of(cars), List.of()),
                new Section("Recommendation", List.of("Keep exp_001.", "Next, try a forest of 200 trees, depth 8."),
                        List.of(), List.of()));
    }

    private static Table leaderboard() {
        return Table.create("Leaderboard <validation rows>",
                StringColumn.create("experiment", "exp_001", "exp_000", "exp_002"),
                StringColumn.create("family", "linear", "baseline", "random_forest"),
                DoubleColumn.create("val_rmse", 3.42, 7.93, Double.NaN),
                IntColumn.create("complexity", 8, 0, 200000));
    }

    private static Figure mpgByOrigin(Table cars) {
        Map<String, double[]> sumAndCount = new TreeMap<>();
        for (int row = 0; row < cars.rowCount(); row++) {
            if (!cars.column("Miles_per_Gallon").isMissing(row)) {
                double[] acc = sumAndCount.computeIfAbsent(cars.getString(row, "Origin"), k -> new double[2]);
                acc[0] += cars.numberColumn("Miles_per_Gallon").getDouble(row);
                acc[1]++;
            }
        }
        List<String> origins = new ArrayList<>(sumAndCount.keySet());
        double[] means = origins.stream().mapToDouble(o -> sumAndCount.get(o)[0] / sumAndCount.get(o)[1]).toArray();
        return BarChart.of("Mean miles per gallon by origin", origins, means).axes("origin", "mean mpg")
                .draw("Cars from " + String.join(", ", origins) + " average "
                        + String.join(", ", Arrays.stream(means).mapToObj(m -> String.format(Locale.ROOT, "%.1f", m))
                        .toList()) + " miles per gallon.");
    }
}
