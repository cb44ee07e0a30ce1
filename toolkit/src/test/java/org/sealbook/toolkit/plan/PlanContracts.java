package org.sealbook.toolkit.plan;

import java.util.List;
import java.util.Map;
import org.sealbook.toolkit.SharedData;
import org.sealbook.toolkit.data.DataLoader;
import org.sealbook.toolkit.hypothesis.Contract;
import org.sealbook.toolkit.hypothesis.Family;
import org.sealbook.toolkit.hypothesis.Metric;
import org.sealbook.toolkit.hypothesis.Ratios;
import org.sealbook.toolkit.hypothesis.SplitStrategy;
import tech.tablesaw.api.Table;

/** Contracts like the hypothesis stage seals, built on the real data sets' columns. */
final class PlanContracts {
    static final List<Family> ALL_MODELS = List.of(Family.LINEAR, Family.RANDOM_FOREST, Family.GRADIENT_BOOSTING,
            Family.MLP);

    private PlanContracts() {
    }

    static Table table(String file) {
        return DataLoader.create().load(SharedData.file(file)).table();
    }

    /** breast_cancer.csv: predict the diagnosis from the 30 measurements, judged by AUC. */
    static Contract breastCancer(List<Family> families, long maxParameters, long maxTreesTimesDepth) {
        return contract("classification", table("breast_cancer.csv"), "diagnosis", families, maxParameters,
                maxTreesTimesDepth, Metric.AUC, List.of(Metric.ACCURACY, Metric.F1));
    }

    static Contract breastCancer() {
        return breastCancer(ALL_MODELS, 10_000, 2_000);
    }

    /** diabetes.csv: predict disease progression from 10 measurements, judged by RMSE. */
    static Contract diabetes() {
        return contract("regression", table("diabetes.csv"), "progression", ALL_MODELS, 10_000, 2_000,
                Metric.RMSE, List.of(Metric.MAE, Metric.R2));
    }

    static Contract contract(String task, Table table, String target, List<Family> families, long maxParameters,
                             long maxTreesTimesDepth, Metric primary, List<Metric> secondary) {
        List<String> features = table.columnNames().stream().filter(c -> !c.equals(target)).toList();
        return new Contract(task, target, "none", SplitStrategy.RANDOM, null, null, Ratios.DEFAULT, 42, features,
                Map.of(), families, maxParameters, maxTreesTimesDepth, 0.10, primary, secondary, 0.01, Map.of());
    }
}
