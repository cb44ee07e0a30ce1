package org.sealbook.toolkit.chart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.sealbook.toolkit.explain.Numbers;
import org.sealbook.toolkit.hypothesis.Metric;
import org.sealbook.toolkit.models.BaselineModel;
import org.sealbook.toolkit.models.BoostingModel;
import org.sealbook.toolkit.models.ForestModel;
import org.sealbook.toolkit.models.LinearModel;
import org.sealbook.toolkit.models.Model;
import org.sealbook.toolkit.models.TrainingListener;
import org.sealbook.toolkit.review.ParetoPoint;
import org.sealbook.toolkit.view.Figure;

/** The report's figures drawn from models fitted on the shared data sets. */
class ReportFiguresTest {
    private static final RealRows DIABETES = RealRows.diabetes(false);
    private static final RealRows WINE = RealRows.wine(false);

    private static List<JsonObject> traces(Figure f) {
        return f.plotly().getAsJsonArray("data").asList().stream().map(e -> e.getAsJsonObject()).toList();
    }

    private static JsonObject trace(Figure f, String name) {
        return traces(f).stream().filter(t -> t.has("name") && t.get("name").getAsString().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no trace " + name + " in " + f.title()));
    }

    private static double[] numbers(JsonArray a) {
        return a.asList().stream().mapToDouble(e -> e.getAsDouble()).toArray();
    }

    private static double[] column(List<Map<String, Double>> records, String key) {
        return records.stream().mapToDouble(r -> r.get(key)).toArray();
    }

    private static Model fitted(Model model, RealRows rows) {
        model.fit(rows.train(), rows.validation(), TrainingListener.NONE);
        return model;
    }

    @Test
    void learningCurvesDrawBothLossesOfEveryMultiStepRunAndTellHowValidationLossMoved() throws IOException {
        List<Map<String, Double>> boosting = RealRows.fitRecordingSteps(
                new BoostingModel(Map.of("trees", 40, "max_depth", 2, "learning_rate", 0.1), 5), DIABETES);
        List<Map<String, Double>> fast = RealRows.fitRecordingSteps(
                new BoostingModel(Map.of("trees", 25, "max_depth", 3, "learning_rate", 0.5), 5), DIABETES);
        List<Map<String, Double>> linear = RealRows.fitRecordingSteps(new LinearModel(Map.of(), 5), DIABETES);
        Map<String, List<Map<String, Double>>> history = new LinkedHashMap<>();
        history.put("exp_001", boosting);
        history.put("exp_002", linear);
        history.put("exp_003", fast);

        Figure f = ReportFigures.learningCurves(history).orElseThrow();

        assertEquals(List.of("exp_001 validation", "exp_001 training", "exp_003 validation", "exp_003 training"),
                traces(f).stream().map(t -> t.get("name").getAsString()).toList(), "the one-step linear run is left out");
        JsonObject validation = trace(f, "exp_001 validation");
        assertArrayEquals(IntStream.rangeClosed(1, 40).asDoubleStream().toArray(), numbers(validation.getAsJsonArray("x")));
        double[] loss = column(boosting, "val_loss");
        assertArrayEquals(loss, numbers(validation.getAsJsonArray("y")));
        assertFalse(f.plotly().getAsJsonObject("layout").getAsJsonObject("yaxis").has("type"),
                "diabetes errors span less than a factor of " + ReportFigures.LOG_SPAN + ", so the scale stays linear");
        assertEquals("dash", trace(f, "exp_001 training").getAsJsonObject("line").get("dash").getAsString());
        assertEquals(validation.getAsJsonObject("line").get("color"),
                trace(f, "exp_001 training").getAsJsonObject("line").get("color"), "a run's two curves share a colour");
        assertFalse(validation.getAsJsonObject("line").get("color")
                .equals(trace(f, "exp_003 validation").getAsJsonObject("line").get("color")));

        int lowest = 0;
        for (int i = 1; i < loss.length; i++) {
            lowest = loss[i] < loss[lowest] ? i : lowest;
        }
        String expected = "exp_001's validation loss " + (loss[39] < loss[0] ? "fell" : "rose") + " from "
                + Numbers.number(loss[0]) + " to " + Numbers.number(loss[39]) + " over 40 steps, "
                + (lowest == 39 ? "its lowest at the end" : "its lowest, " + Numbers.number(loss[lowest])
                + ", at step " + (lowest + 1)) + ", ending "
                + Numbers.number(Math.abs(loss[39] - column(boosting, "train_loss")[39]));
        assertTrue(f.altText().contains(expected), expected + "\n in: " + f.altText());
        assertTrue(loss[39] < loss[0], "boosting rounds lower the diabetes validation error");
        assertTrue(f.altText().contains("exp_003's validation loss"), f.altText());
        assertTrue(f.altText().endsWith("1 run with a single step or no losses is not drawn."), f.altText());
        Pictures.assertDrawn(f);
    }

    @Test
    void aBoostedClassifierWhoseTrainingLossVanishesIsDrawnOnALogScale() throws IOException {
        List<Map<String, Double>> rounds = RealRows.fitRecordingSteps(
                new BoostingModel(Map.of("trees", 60, "max_depth", 3, "learning_rate", 0.5), 5), RealRows.breastCancer());
        double[] train = column(rounds, "train_loss");
        double first = Math.max(train[0], column(rounds, "val_loss")[0]);
        assertTrue(first / Arrays.stream(train).min().orElseThrow() >= ReportFigures.LOG_SPAN,
                "training log loss falls over two orders of magnitude: " + Arrays.toString(train));

        Figure f = ReportFigures.learningCurves(Map.of("exp_007", rounds)).orElseThrow();

        assertEquals("log", f.plotly().getAsJsonObject("layout").getAsJsonObject("yaxis").get("type").getAsString());
        assertTrue(f.altText().startsWith("Training (dashed) and validation (solid) loss per step for 1 run on a log "
                + "scale: exp_007's validation loss"), f.altText());
        Pictures.assertDrawn(f);
    }

    @Test
    void aRunThatLearnedWithClassWeightsIsNamedSoItsLossesAreNotReadOnTheOthersScale() throws IOException {
        RealRows rows = RealRows.breastCancer();
        double[] weights = {1.0, 3.0}; // malignant rows count three times
        List<Map<String, Double>> weighted = RealRows.fitRecordingSteps(
                new BoostingModel(Map.of("trees", 20, "max_depth", 2, "learning_rate", 0.3), 5),
                new RealRows(rows.train().withClassWeights(weights), rows.validation().withClassWeights(weights)));
        List<Map<String, Double>> plain = RealRows.fitRecordingSteps(
                new BoostingModel(Map.of("trees", 20, "max_depth", 2, "learning_rate", 0.3), 5), rows);
        Map<String, List<Map<String, Double>>> history = new LinkedHashMap<>();
        history.put("exp_004", weighted);
        history.put("exp_005", plain);

        Figure f = ReportFigures.learningCurves(history).orElseThrow();

        assertEquals(List.of("exp_004 (weighted by class) validation", "exp_004 (weighted by class) training",
                "exp_005 validation", "exp_005 training"), traces(f).stream().map(t -> t.get("name").getAsString())
                .toList());
        assertTrue(f.altText().contains("exp_004's validation loss, weighted by class, fell from "), f.altText());
        assertTrue(f.altText().contains("exp_005's validation loss fell from "), f.altText());
    }

    @Test
    void learningCurvesAreAbsentWhenEveryRunLearnedInOneStepAndRefuseRecordsWithoutAStep() {
        List<Map<String, Double>> linear = RealRows.fitRecordingSteps(new LinearModel(Map.of(), 5), DIABETES);
        assertEquals(Optional.empty(), ReportFigures.learningCurves(Map.of("exp_001", linear)));

        List<Map<String, Double>> stepless = List.of(Map.of("train_loss", 0.5), Map.of("train_loss", 0.4));
        var refused = assertThrows(IllegalArgumentException.class,
                () -> ReportFigures.learningCurves(Map.of("exp_009", stepless)));
        assertEquals("Record 0 of run exp_009's history has no \"step\"; pass the log's step records, each with its "
                + "step number.", refused.getMessage());
    }

    @Test
    void paretoJoinsTheFrontInComplexityOrderAndNamesTheBestScore() throws IOException {
        Map<String, Model> runs = new LinkedHashMap<>();
        runs.put("baseline", new BaselineModel(Map.of(), 1));
        runs.put("linear", new LinearModel(Map.of(), 1));
        runs.put("ridge", new LinearModel(Map.of("l2", 50.0), 1));
        runs.put("boosting", new BoostingModel(Map.of("trees", 40, "max_depth", 2), 1));
        runs.put("forest", new ForestModel(Map.of("trees", 30, "max_depth", 6), 1));
        List<ParetoPoint> points = pareto(runs, DIABETES, Metric.RMSE, m -> {
            double[] predicted = RealRows.firstColumn(m.predict(DIABETES.validation().x()));
            double squares = 0;
            for (int r = 0; r < predicted.length; r++) {
                squares += Math.pow(predicted[r] - DIABETES.validation().y()[r], 2);
            }
            return Math.sqrt(squares / predicted.length);
        });

        Figure f = ReportFigures.pareto(points, Metric.RMSE);

        JsonObject front = trace(f, "Pareto front");
        assertEquals("lines+markers", front.get("mode").getAsString());
        double[] frontX = numbers(front.getAsJsonArray("x"));
        double[] sorted = frontX.clone();
        Arrays.sort(sorted);
        assertArrayEquals(sorted, frontX, "the front is joined in complexity order");
        assertTrue(front.getAsJsonArray("text").asList().stream().anyMatch(e -> e.getAsString().equals("baseline")),
                "the simplest run is always on the front");
        long frontSize = points.stream().filter(ParetoPoint::onFront).count();
        assertEquals(frontSize, frontX.length);
        assertEquals(points.size() - frontSize, trace(f, "other runs").getAsJsonArray("x").size());
        assertEquals("rmse (lower is better)", f.plotly().getAsJsonObject("layout").getAsJsonObject("yaxis")
                .getAsJsonObject("title").get("text").getAsString());
        ParetoPoint best = points.stream().min(Comparator.comparingDouble(ParetoPoint::primaryScore)).orElseThrow();
        String named = "The best rmse, " + Numbers.number(best.primaryScore()) + ", is " + best.experimentId()
                + "'s at size " + best.complexity() + ".";
        assertTrue(f.altText().endsWith(named), named + "\n in: " + f.altText());
        assertTrue(f.altText().contains(frontSize + " on the Pareto front"), f.altText());
        assertTrue(f.altText().contains("baseline (rmse " + Numbers.number(points.get(0).primaryScore()) + ", size 0)"),
                f.altText());
        Pictures.assertDrawn(f);
    }

    @Test
    void anAccuracyAxisFitsTheRunsScoresAndStaysBetweenZeroAndOne() throws IOException {
        // on wine, the linear model and a small forest get the same validation accuracy; one value used to be
        // widened by one unit each way, so the axis ran from -0.5 to 2
        Map<String, Model> runs = new LinkedHashMap<>();
        runs.put("exp_001", new LinearModel(Map.of(), 1));
        runs.put("exp_003", new ForestModel(Map.of("trees", 30, "max_depth", 6), 1));
        List<ParetoPoint> points = pareto(runs, WINE, Metric.ACCURACY, m -> {
            int[] predicted = RealRows.argmax(m.predict(WINE.validation().x()));
            int right = 0;
            for (int r = 0; r < predicted.length; r++) {
                right += predicted[r] == WINE.validation().labels()[r] ? 1 : 0;
            }
            return right / (double) predicted.length;
        });
        double[] accuracy = points.stream().mapToDouble(ParetoPoint::primaryScore).toArray();
        assertEquals(accuracy[0], accuracy[1], "51 of 53 validation rows right, both: " + Arrays.toString(accuracy));

        Figure f = ReportFigures.pareto(points, Metric.ACCURACY);

        JsonObject yaxis = f.plotly().getAsJsonObject("layout").getAsJsonObject("yaxis");
        assertTrue(yaxis.has("range"), "the y axis is fitted to the scores, not left to Plotly: " + yaxis);
        double[] range = numbers(yaxis.getAsJsonArray("range"));
        double lowest = Arrays.stream(accuracy).min().orElseThrow();
        double highest = Arrays.stream(accuracy).max().orElseThrow();
        assertTrue(range[0] >= 0 && range[1] <= 1, "accuracy lies in [0, 1]: " + Arrays.toString(range));
        assertTrue(range[0] < lowest && range[1] >= highest, "every run is inside: " + Arrays.toString(range)
                + " for " + Arrays.toString(accuracy));
        assertTrue(range[1] - range[0] <= 0.15,
                "the axis is about as wide as the scores: " + Arrays.toString(range) + " for " + Arrays.toString(accuracy));
        Pictures.assertDrawn(f);
    }

    /**
     * Each run fitted on {@code rows} and scored on their validation rows, with the runs that beat it on both score
     * and size (its dominators); a run no other beats is on the Pareto front.
     */
    private static List<ParetoPoint> pareto(Map<String, Model> runs, RealRows rows, Metric metric,
                                            ToDoubleFunction<Model> score) {
        List<String> ids = new ArrayList<>(runs.keySet());
        double[] scores = new double[ids.size()];
        long[] size = new long[ids.size()];
        for (int i = 0; i < ids.size(); i++) {
            Model m = fitted(runs.get(ids.get(i)), rows);
            scores[i] = score.applyAsDouble(m);
            size[i] = m.complexity();
        }
        List<ParetoPoint> points = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            List<String> dominatedBy = new ArrayList<>();
            for (int j = 0; j < ids.size(); j++) {
                boolean asGood = metric.higherIsBetter() ? scores[j] >= scores[i] : scores[j] <= scores[i];
                if (asGood && size[j] <= size[i] && (scores[j] != scores[i] || size[j] < size[i])) {
                    dominatedBy.add(ids.get(j));
                }
            }
            points.add(new ParetoPoint(ids.get(i), scores[i], size[i], dominatedBy));
        }
        return points;
    }

    @Test
    void confusionMatrixOfWineCountsEveryValidationRowOnceAndGivesTheDiagonalShare() throws IOException {
        int[] truth = WINE.validation().labels();
        int[] predicted = RealRows.argmax(fitted(new LinearModel(Map.of(), 1), WINE).predict(WINE.validation().x()));
        List<String> classes = WINE.validation().classes();

        Figure f = ReportFigures.confusionMatrix(classes, truth, predicted);

        JsonArray z = traces(f).get(0).getAsJsonArray("z");
        int total = 0;
        int diagonal = 0;
        for (int t = 0; t < 3; t++) {
            for (int p = 0; p < 3; p++) {
                int expected = 0;
                for (int i = 0; i < truth.length; i++) {
                    expected += truth[i] == t && predicted[i] == p ? 1 : 0;
                }
                assertEquals(expected, z.get(t).getAsJsonArray().get(p).getAsInt(), "true " + t + ", predicted " + p);
                total += expected;
                diagonal += t == p ? expected : 0;
            }
        }
        assertEquals(truth.length, total);
        assertTrue(diagonal > 0.9 * total, "logistic regression tells the wine cultivars apart");
        assertTrue(f.altText().contains("Confusion matrix of " + truth.length + " rows over 3 classes"), f.altText());
        assertTrue(f.altText().contains(diagonal + " of " + truth.length + " ("
                + Numbers.percent(diagonal / (double) truth.length) + ") on the diagonal"), f.altText());
        Pictures.assertDrawn(f);
    }

    @Test
    void aBaselineConfusionMatrixNamesTheClassesItNeverFinds() throws IOException {
        int[] truth = WINE.validation().labels();
        int[] predicted = RealRows.argmax(fitted(new BaselineModel(Map.of(), 1), WINE).predict(WINE.validation().x()));
        int majority = predicted[0];
        assertTrue(Arrays.stream(predicted).allMatch(p -> p == majority), "the baseline predicts one class");
        long majorityRows = Arrays.stream(truth).filter(t -> t == majority).count();

        Figure f = ReportFigures.confusionMatrix(WINE.validation().classes(), truth, predicted);

        assertTrue(f.altText().contains(majorityRows + " of " + truth.length), f.altText());
        assertTrue(f.altText().contains("the class recognised least often is "), f.altText());
        assertTrue(f.altText().contains(", 0 of "), "a class the baseline never predicts is found 0 times: "
                + f.altText());
        Pictures.assertDrawn(f);
    }

    @Test
    void residualsOfDiabetesStateTheSameTypicalErrorTheModelReported() throws IOException {
        Model model = new LinearModel(Map.of(), 1);
        List<Map<String, Double>> steps = RealRows.fitRecordingSteps(model, DIABETES);
        double[] predicted = RealRows.firstColumn(model.predict(DIABETES.validation().x()));
        double[] truth = DIABETES.validation().y();

        Figure f = ReportFigures.residuals(truth, predicted, "progression");

        double rmse = Math.sqrt(steps.get(0).get("val_loss"));
        assertTrue(rmse > 40 && rmse < 70, "a linear model's diabetes RMSE, " + rmse);
        assertTrue(f.altText().contains("Predicted against actual progression for " + truth.length + " rows"));
        assertTrue(f.altText().contains("the typical error (root mean squared error) is " + Numbers.number(rmse)),
                rmse + " in: " + f.altText());
        JsonObject points = trace(f, "points");
        assertArrayEquals(truth, numbers(points.getAsJsonArray("x")));
        assertArrayEquals(predicted, numbers(points.getAsJsonArray("y")));
        double[] line = numbers(trace(f, ScatterChart.IDENTITY_NAME).getAsJsonArray("x"));
        assertArrayEquals(line, numbers(trace(f, ScatterChart.IDENTITY_NAME).getAsJsonArray("y")), "y = x");
        Pictures.assertDrawn(f);
    }

    @Test
    void featureImportanceDrawsTheLargestFifteenOfBreastCancersThirtyFeaturesLargestFirst() throws IOException {
        RealRows cancer = RealRows.breastCancer();
        Model model = fitted(new LinearModel(Map.of(), 1), cancer);
        int[] truth = cancer.validation().labels();
        double[] importance = PermutationImportance.compute(model::predict, cancer.validation().x(),
                p -> accuracy(RealRows.argmax(p), truth), 3, 2);
        List<String> features = cancer.validation().features();

        Figure f = ReportFigures.featureImportance(features, importance);

        JsonObject bars = traces(f).get(0);
        assertEquals("h", bars.get("orientation").getAsString());
        double[] shown = numbers(bars.getAsJsonArray("x"));
        assertEquals(15, shown.length);
        double[] descending = Arrays.stream(importance).boxed().sorted((a, b) -> Double.compare(b, a))
                .mapToDouble(Double::doubleValue).limit(15).toArray();
        assertArrayEquals(descending, shown);
        String top = bars.getAsJsonArray("y").get(0).getAsString();
        assertEquals(descending[0], importance[features.indexOf(top)]);
        assertTrue(f.altText().startsWith("Importance of 30 features, largest first (the top 15 shown): " + top + " "
                + Numbers.number(descending[0]) + ", "), f.altText());
        Pictures.assertDrawn(f);
    }

    @Test
    void badInputGetsOneSentenceNamingTheProblemAndTheFix() {
        var classes = assertThrows(IllegalArgumentException.class,
                () -> ReportFigures.confusionMatrix(List.of("a", "b"), new int[] {0, 2}, new int[] {0, 1}));
        assertEquals("Row 1 has the class index 2, outside the 2 classes; give indexes from 0 to 1.",
                classes.getMessage());
        var residuals = assertThrows(IllegalArgumentException.class,
                () -> ReportFigures.residuals(new double[] {1, 2}, new double[] {1}, "y"));
        assertTrue(residuals.getMessage().contains("got 2 actual values and 1 predictions"), residuals.getMessage());
        var importance = assertThrows(IllegalArgumentException.class,
                () -> ReportFigures.featureImportance(List.of("a"), new double[] {Double.NaN}));
        assertEquals("The feature a has importance NaN; give every feature a finite importance.",
                importance.getMessage());
        var score = assertThrows(IllegalArgumentException.class,
                () -> ReportFigures.pareto(List.of(new ParetoPoint("exp_4", Double.NaN, 3, List.of())), Metric.AUC));
        assertTrue(score.getMessage().contains("leave runs without a score out"), score.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ReportFigures.pareto(List.of(), Metric.AUC));
    }

    private static double accuracy(int[] predicted, int[] truth) {
        int right = 0;
        for (int i = 0; i < truth.length; i++) {
            right += predicted[i] == truth[i] ? 1 : 0;
        }
        return right / (double) truth.length;
    }
}
