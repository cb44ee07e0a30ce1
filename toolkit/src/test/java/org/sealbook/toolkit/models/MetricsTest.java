package org.sealbook.toolkit.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.sealbook.toolkit.SharedData;
import org.sealbook.toolkit.data.DataCheck;
import org.sealbook.toolkit.data.DataCheckResult;
import org.sealbook.toolkit.data.DataLoader;
import org.sealbook.toolkit.data.Dataset;
import org.sealbook.toolkit.data.Mitigation.Action;
import org.sealbook.toolkit.hypothesis.Metric;
import org.sealbook.toolkit.prepare.Prepared;
import org.sealbook.toolkit.prepare.Preprocessor;
import tech.tablesaw.api.Table;

/** Expected numbers come from scikit-learn 1.9.1 with the calls shown beside them. */
class MetricsTest {
    private static final List<String> BINARY = List.of("no", "yes");
    private static final List<String> THREE = List.of("a", "b", "c");

    /** Scoring reads only the truth, the predictions and the target's transform; any fitted preprocessor will do. */
    private static Preprocessor fittedOn(String file, DataCheck check, List<String> features) {
        Dataset data = DataLoader.create().load(SharedData.file(file));
        DataCheckResult result = check.run(data);
        Table kept = data.table().where(data.table().column(result.target()).isNotMissing());
        return Preprocessor.fit(kept, result, features);
    }

    private static final Preprocessor PLAIN = fittedOn("cars.csv", DataCheck.of("Miles_per_Gallon"),
            List.of("Horsepower"));
    private static final Preprocessor LOG = fittedOn("cars.csv",
            DataCheck.of("Miles_per_Gallon").override("Miles_per_Gallon", Action.LOG_TRANSFORM_TARGET),
            List.of("Horsepower"));

    private static Prepared classes(int[] labels, List<String> names) {
        return Prepared.classification(List.of(), new double[labels.length][0], labels, names);
    }

    private static Prepared numbers(double[] y) {
        return Prepared.regression(List.of(), new double[y.length][0], y);
    }

    private static double[][] column(double... values) {
        return Arrays.stream(values).mapToObj(v -> new double[] {v}).toArray(double[][]::new);
    }

    private static double[][] binary(double... probabilityOfYes) {
        return Arrays.stream(probabilityOfYes).mapToObj(p -> new double[] {1 - p, p}).toArray(double[][]::new);
    }

    @Test
    void aucCountsTiesHalfAsRocAucScore() {
        Prepared truth = classes(new int[] {0, 0, 1, 1, 0, 1, 0, 1}, BINARY);
        double[][] p = binary(0.1, 0.4, 0.35, 0.8, 0.4, 0.4, 0.2, 0.9);
        // roc_auc_score([0,0,1,1,0,1,0,1], [0.1,0.4,0.35,0.8,0.4,0.4,0.2,0.9]) == 0.8125
        assertEquals(0.8125, Metrics.score(Metric.AUC, truth, p, PLAIN), 1e-15);
        assertTrue(Double.isNaN(Metrics.score(Metric.AUC, classes(new int[] {1, 1, 1}, BINARY), binary(0.2, 0.5, 0.9),
                PLAIN)), "one class only: undefined");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Metrics.score(Metric.AUC,
                classes(new int[] {0, 1, 2}, THREE), new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}, PLAIN));
        assertEquals("auc needs exactly two classes, but the target has 3; lock f1, accuracy or log_loss instead.",
                e.getMessage());
    }

    @Test
    void aucOnRealDataMatchesScikitLearn() {
        Table t = DataLoader.create().load(SharedData.file("breast_cancer.csv")).table();
        Table validation = t.rows(IntStream.range(0, t.rowCount()).filter(i -> i % 5 == 0).toArray());
        Preprocessor pre = fittedOn("breast_cancer.csv", DataCheck.of("diagnosis"), List.of("worst radius"));
        Prepared truth = pre.transform(validation);
        // a logistic curve keeps the order of the standardised radius, and AUC reads only the order
        double[][] p = binary(Arrays.stream(truth.x()).mapToDouble(r -> 1 / (1 + Math.exp(-r[0]))).toArray());
        // bv = bc[bc.index % 5 == 0]; roc_auc_score(bv.diagnosis == "malignant", bv["worst radius"])
        assertEquals(0.9760135135135135, Metrics.score(Metric.AUC, truth, p, pre), 1e-12);
    }

    @Test
    void accuracyF1AndLogLossOnThreeClasses() {
        Prepared truth = classes(new int[] {0, 0, 1, 1, 1, 2, 2, 0, 1}, THREE);
        double[][] p = {{0.7, 0.2, 0.1}, {0.3, 0.4, 0.3}, {0.2, 0.5, 0.3}, {0.1, 0.3, 0.6}, {0.4, 0.4, 0.2},
                {0.1, 0.1, 0.8}, {0.3, 0.3, 0.4}, {0.5, 0.25, 0.25}, {0.05, 0.9, 0.05}};
        // pred = P.argmax(1) == [0,1,1,2,0,2,2,0,1] (row 5 is a tie: the first class wins, as numpy's argmax)
        // accuracy_score(y, pred) == 0.6666666666666666; f1_score(y, pred, average="macro") == 0.6793650793650793
        // log_loss(y, P, labels=[0,1,2]) == 0.7013333827145378
        Map<String, Double> scores = Metrics.compute(List.of(Metric.F1, Metric.ACCURACY, Metric.LOG_LOSS), truth, p,
                PLAIN);
        assertEquals(List.of("f1", "accuracy", "log_loss"), List.copyOf(scores.keySet()));
        assertEquals(0.6793650793650793, scores.get("f1"), 1e-15);
        assertEquals(0.6666666666666666, scores.get("accuracy"), 1e-15);
        assertEquals(0.7013333827145378, scores.get("log_loss"), 1e-15);
    }

    @Test
    void macroF1AveragesOverClassesInTheTruthOrThePredictions() {
        // f1_score([0,1,0,1], [0,2,0,1], average="macro") == 0.5555555555555555 (class 2 is only predicted: F1 0)
        double[][] p = {{0.8, 0.1, 0.1}, {0.1, 0.2, 0.7}, {0.6, 0.2, 0.2}, {0.2, 0.7, 0.1}};
        assertEquals(0.5555555555555555, Metrics.score(Metric.F1, classes(new int[] {0, 1, 0, 1}, THREE), p, PLAIN),
                1e-15);
    }

    @Test
    void logLossClipsACertainWrongAnswer() {
        // by hand: (-ln(1e-15) - ln(1 - 1e-15)) / 2 == 17.269388197455342 (scikit-learn 1.9 clips at float64 eps)
        double loss = Metrics.score(Metric.LOG_LOSS, classes(new int[] {0, 1}, BINARY),
                new double[][] {{1, 0}, {1, 0}}, PLAIN);
        assertEquals(17.269388197455342, loss, 1e-12);
    }

    @Test
    void rmseMaeAndR2AsScikitLearn() {
        Prepared truth = numbers(new double[] {3.0, -0.5, 2.0, 7.0, 4.2});
        double[][] p = column(2.5, 0.0, 2.1, 7.8, 3.9);
        // y = [3.0,-0.5,2.0,7.0,4.2]; p = [2.5,0.0,2.1,7.8,3.9]: root_mean_squared_error == 0.49799598391954925,
        // mean_absolute_error == 0.44000000000000006, r2_score == 0.9594665271966527
        Map<String, Double> scores = Metrics.compute(List.of(Metric.RMSE, Metric.MAE, Metric.R2), truth, p, PLAIN);
        assertEquals(0.49799598391954925, scores.get("rmse"), 1e-15);
        assertEquals(0.44000000000000006, scores.get("mae"), 1e-15);
        assertEquals(0.9594665271966527, scores.get("r2"), 1e-15);
        // r2_score([5,5,5], [5,5,5]) == 1.0 and r2_score([5,5,5], [5,6,5]) == 0.0
        assertEquals(1.0, Metrics.score(Metric.R2, numbers(new double[] {5, 5, 5}), column(5, 5, 5), PLAIN));
        assertEquals(0.0, Metrics.score(Metric.R2, numbers(new double[] {5, 5, 5}), column(5, 6, 5), PLAIN));
    }

    @Test
    void aLogTargetIsScoredOnTheOriginalScale() {
        double[] truth = {10, 20, 30, 40};
        double[] predicted = {12, 18, 33, 35};
        Prepared logTruth = numbers(Arrays.stream(truth).map(Math::log).toArray());
        double[][] logPredictions = column(Arrays.stream(predicted).map(Math::log).toArray());
        // root_mean_squared_error([10,20,30,40], [12,18,33,35]) == 3.24037034920393; mae 3.0; r2 0.916
        Map<String, Double> scores = Metrics.compute(List.of(Metric.RMSE, Metric.MAE, Metric.R2), logTruth,
                logPredictions, LOG);
        assertEquals(3.24037034920393, scores.get("rmse"), 1e-12);
        assertEquals(3.0, scores.get("mae"), 1e-12);
        assertEquals(0.916, scores.get("r2"), 1e-12);
        double onLogScale = Metrics.score(Metric.RMSE, logTruth, logPredictions, PLAIN);
        assertTrue(onLogScale < 0.2, "without the log transform the same numbers are scored as logs: " + onLogScale);
    }

    @Test
    void aDivergedModelScoresNaN() {
        assertTrue(Double.isNaN(Metrics.score(Metric.RMSE, numbers(new double[] {1, 2}), column(1, Double.NaN), PLAIN)));
        assertTrue(Double.isNaN(Metrics.score(Metric.ACCURACY, classes(new int[] {0, 1}, BINARY),
                new double[][] {{0.5, 0.5}, {Double.NaN, Double.NaN}}, PLAIN)));
    }

    @Test
    void mismatchedInputsAreRefusedWithOneSentence() {
        Prepared truth = numbers(new double[] {1, 2, 3});
        assertEquals("auc does not apply to a regression; score it with rmse, mae or r2.", assertThrows(
                IllegalArgumentException.class, () -> Metrics.score(Metric.AUC, truth, column(1, 2, 3), PLAIN))
                .getMessage());
        assertEquals("There are 2 predictions for 3 rows; predict every row of the split being scored.", assertThrows(
                IllegalArgumentException.class, () -> Metrics.score(Metric.RMSE, truth, column(1, 2), PLAIN))
                .getMessage());
        assertEquals("Prediction 1 has 1 values but needs 2 (one probability per class); give predictions in the "
                + "shape Model.predict returns.", assertThrows(IllegalArgumentException.class, () -> Metrics.score(
                Metric.ACCURACY, classes(new int[] {0, 1}, BINARY), column(0.3, 0.6), PLAIN)).getMessage());
    }
}
