package org.sealbook.toolkit.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.sealbook.toolkit.SharedData;
import org.sealbook.toolkit.data.DataLoader;
import org.sealbook.toolkit.prepare.Prepared;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;

/**
 * The model families on the shared real data sets (linear on Smile, the tree families on our own histogram trees):
 * scores, probabilities, determinism, progress, stops. Checkpoints of the tree families: {@link TreeModelsTest}.
 */
class SmileModelsTest {
    private static final Map<String, Split> SPLITS = new ConcurrentHashMap<>();

    /** Training and validation rows of one data set. */
    record Split(Prepared train, Prepared validation) {
    }

    /**
     * The data set's numeric columns as features, its target column as the target, a seeded 70/30 row split (also
     * used by {@link TreeModelsTest}).
     */
    static Split split(String file) {
        return SPLITS.computeIfAbsent(file, name -> switch (name) {
            case "breast_cancer.csv" -> load(name, "diagnosis", true);
            case "wine.csv" -> load(name, "cultivar", true);
            case "iris.csv" -> load(name, "species", true);
            case "diabetes.csv" -> load(name, "progression", false);
            default -> throw new IllegalArgumentException("No split defined for " + name + ".");
        });
    }

    private static Split load(String file, String target, boolean classification) {
        Table table = DataLoader.create().load(SharedData.file(file)).table();
        List<String> features = table.columnNames().stream()
                .filter(name -> !name.equals(target) && table.column(name) instanceof NumericColumn<?>).toList();
        List<Integer> order = new ArrayList<>();
        for (int row = 0; row < table.rowCount(); row++) {
            order.add(row);
        }
        Collections.shuffle(order, new Random(2024));
        int trainRows = (int) Math.round(order.size() * 0.7);
        List<String> classes = classification
                ? table.stringColumn(target).unique().asList().stream().sorted().toList() : null;
        return new Split(rows(table, features, target, classes, order.subList(0, trainRows)),
                rows(table, features, target, classes, order.subList(trainRows, order.size())));
    }

    private static Prepared rows(Table table, List<String> features, String target, List<String> classes,
                                 List<Integer> picked) {
        double[][] x = new double[picked.size()][features.size()];
        for (int j = 0; j < features.size(); j++) {
            NumericColumn<?> column = (NumericColumn<?>) table.column(features.get(j));
            for (int i = 0; i < picked.size(); i++) {
                x[i][j] = column.getDouble(picked.get(i));
            }
        }
        if (classes == null) {
            NumericColumn<?> column = (NumericColumn<?>) table.column(target);
            return Prepared.regression(features, x, picked.stream().mapToDouble(column::getDouble).toArray());
        }
        int[] labels = picked.stream().mapToInt(row -> classes.indexOf(table.stringColumn(target).get(row)))
                .toArray();
        return Prepared.classification(features, x, labels, classes);
    }

    private static Model model(String family, Map<String, Object> params, long seed) {
        return switch (family) {
            case "baseline" -> new BaselineModel(params, seed);
            case "linear" -> new LinearModel(params, seed);
            case "random_forest" -> new ForestModel(params, seed);
            case "gradient_boosting" -> new BoostingModel(params, seed);
            default -> throw new IllegalArgumentException("No family " + family + " in this test.");
        };
    }

    private static Map<String, Object> smallParams(String family) {
        return switch (family) {
            case "random_forest" -> Map.of("trees", 50, "max_depth", 8);
            case "gradient_boosting" -> Map.of("trees", 100, "max_depth", 3, "learning_rate", 0.1);
            default -> Map.of();
        };
    }

    private static Model fitted(String family, Map<String, Object> params, long seed, Split data) {
        Model model = model(family, params, seed);
        model.fit(data.train(), data.validation(), TrainingListener.NONE);
        return model;
    }

    private static double accuracy(Model model, Prepared rows) {
        double[][] probabilities = model.predict(rows.x());
        int right = 0;
        for (int i = 0; i < rows.rows(); i++) {
            int best = 0;
            for (int c = 1; c < probabilities[i].length; c++) {
                best = probabilities[i][c] > probabilities[i][best] ? c : best;
            }
            right += best == rows.labels()[i] ? 1 : 0;
        }
        return right / (double) rows.rows();
    }

    private static double rmse(Model model, Prepared rows) {
        return Math.sqrt(TrainingLoss.of(model.predict(rows.x()), rows, false));
    }

    @ParameterizedTest
    @CsvSource({"baseline, 0.55, 0.72", "linear, 0.90, 1", "random_forest, 0.90, 1", "gradient_boosting, 0.90, 1"})
    void breastCancerDiagnosisIsPredictedOnValidationRows(String family, double lowest, double highest) {
        Split data = split("breast_cancer.csv");
        double accuracy = accuracy(fitted(family, smallParams(family), 7, data), data.validation());
        assertTrue(accuracy >= lowest && accuracy <= highest,
                family + " validation accuracy " + accuracy + " outside [" + lowest + ", " + highest + "]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"linear", "random_forest", "gradient_boosting"})
    void wineCultivarsAreToldApartAmongThreeClasses(String family) {
        Split data = split("wine.csv");
        double accuracy = accuracy(fitted(family, smallParams(family), 7, data), data.validation());
        assertTrue(accuracy > 0.9, family + " validation accuracy " + accuracy);
    }

    @ParameterizedTest
    @CsvSource({"baseline, breast_cancer.csv", "linear, breast_cancer.csv", "random_forest, breast_cancer.csv",
            "gradient_boosting, breast_cancer.csv", "baseline, wine.csv", "linear, wine.csv",
            "random_forest, wine.csv", "gradient_boosting, wine.csv"})
    void everyRowGetsOneProbabilityPerClassSummingToOne(String family, String file) {
        Split data = split(file);
        double[][] probabilities = fitted(family, smallParams(family), 7, data).predict(data.validation().x());
        assertEquals(data.validation().rows(), probabilities.length);
        for (double[] row : probabilities) {
            assertEquals(data.train().classes().size(), row.length);
            assertTrue(Arrays.stream(row).allMatch(p -> p >= 0 && p <= 1), Arrays.toString(row));
            assertEquals(1.0, Arrays.stream(row).sum(), 1e-9);
        }
    }

    @ParameterizedTest
    @CsvSource(value = {"linear; {}", "linear; {l2=10.0}", "random_forest; {}", "gradient_boosting; {}"},
            delimiter = ';')
    void diabetesProgressionBeatsTheBaselinesError(String family, String params) {
        Split data = split("diabetes.csv");
        Map<String, Object> chosen = params.equals("{}") ? smallParams(family) : Map.of("l2", 10.0);
        Model model = fitted(family, chosen, 7, data);
        double baseline = rmse(fitted("baseline", Map.of(), 7, data), data.validation());
        double error = rmse(model, data.validation());
        assertTrue(error < baseline * 0.9, family + " " + params + " RMSE " + error + " vs baseline " + baseline);
        assertTrue(Arrays.stream(model.predict(data.validation().x())).allMatch(row -> row.length == 1));
    }

    @Test
    void baselineGivesEveryRowTheTrainingClassShares() {
        Split data = split("breast_cancer.csv");
        double benign = Arrays.stream(data.train().labels()).filter(label -> label == 0).count()
                / (double) data.train().rows();
        Model baseline = fitted("baseline", Map.of("strategy", "most_frequent"), 7, data);
        for (double[] row : baseline.predict(data.validation().x())) {
            assertArrayEquals(new double[] {benign, 1 - benign}, row, 1e-12);
        }
        assertEquals(0, baseline.complexity());
    }

    @Test
    void theSameSeedGivesBitIdenticalPredictionsEvenWhileOtherModelsTrainAlongside() throws Exception {
        Split cancer = split("breast_cancer.csv");
        Split wine = split("wine.csv");
        Map<String, Object> forest = Map.of("trees", 40, "max_depth", 6);
        Map<String, Object> boosting = Map.of("trees", 40, "max_depth", 3, "learning_rate", 0.1);
        double[][] forestAlone = fitted("random_forest", forest, 11, cancer).predict(cancer.validation().x());
        double[][] wineForestAlone = fitted("random_forest", forest, 12, wine).predict(wine.validation().x());
        double[][] boostingAlone = fitted("gradient_boosting", boosting, 13, cancer).predict(cancer.validation().x());

        assertTrue(Arrays.deepEquals(forestAlone,
                fitted("random_forest", forest, 11, cancer).predict(cancer.validation().x())));
        assertFalse(Arrays.deepEquals(forestAlone,
                fitted("random_forest", forest, 99, cancer).predict(cancer.validation().x())), "seed unused");
        assertTrue(Arrays.deepEquals(boostingAlone,
                fitted("gradient_boosting", boosting, 99, cancer).predict(cancer.validation().x())),
                "boosting draws nothing at random, so the seed changes nothing");

        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            CyclicBarrier together = new CyclicBarrier(3);
            Future<double[][]> forestBeside = pool.submit(() -> {
                together.await();
                return fitted("random_forest", forest, 11, cancer).predict(cancer.validation().x());
            });
            Future<double[][]> wineForestBeside = pool.submit(() -> {
                together.await();
                return fitted("random_forest", forest, 12, wine).predict(wine.validation().x());
            });
            Future<double[][]> boostingBeside = pool.submit(() -> {
                together.await();
                return fitted("gradient_boosting", boosting, 13, cancer).predict(cancer.validation().x());
            });
            assertTrue(Arrays.deepEquals(forestAlone, forestBeside.get()));
            assertTrue(Arrays.deepEquals(wineForestAlone, wineForestBeside.get()));
            assertTrue(Arrays.deepEquals(boostingAlone, boostingBeside.get()));
        } finally {
            pool.shutdownNow();
        }
    }

    /** Every step the listener saw: how far, of how many, and its numbers. */
    private record Step(int done, int total, Map<String, Double> metrics) {
    }

    @ParameterizedTest
    @CsvSource({"random_forest, breast_cancer.csv", "random_forest, wine.csv", "random_forest, diabetes.csv",
            "gradient_boosting, breast_cancer.csv", "gradient_boosting, wine.csv",
            "gradient_boosting, diabetes.csv", "linear, diabetes.csv", "baseline, wine.csv"})
    void stepsReportLossesThatEndAtTheFittedModelsOwn(String family, String file) {
        Split data = split(file);
        Map<String, Object> params = family.equals("random_forest") ? Map.of("trees", 30, "max_depth", 6)
                : family.equals("gradient_boosting") ? Map.of("trees", 30, "max_depth", 2) : Map.of();
        List<Step> steps = new ArrayList<>();
        Model model = model(family, params, 5);
        model.fit(data.train(), data.validation(), (done, total, metrics) -> steps.add(new Step(done, total, metrics)));

        Step last = steps.get(steps.size() - 1);
        assertEquals(last.total(), last.done());
        for (int i = 0; i < steps.size(); i++) {
            assertTrue(i == 0 || steps.get(i).done() > steps.get(i - 1).done(), "steps go forward");
            assertTrue(steps.get(i).metrics().keySet().containsAll(List.of("train_loss", "val_loss",
                    "elapsed_seconds")), steps.get(i).metrics().toString());
        }
        if (family.equals("gradient_boosting")) {
            assertEquals(30, steps.size(), "one step per boosting round");
            assertTrue(last.metrics().get("val_loss") < steps.get(0).metrics().get("val_loss"), "rounds learn");
        }
        double validationLoss = TrainingLoss.of(model.predict(data.validation().x()), data.validation(), false);
        double trainLoss = TrainingLoss.of(model.predict(data.train().x()), data.train(), false);
        assertEquals(validationLoss, last.metrics().get("val_loss"), 1e-9 * Math.max(1, validationLoss));
        assertEquals(trainLoss, last.metrics().get("train_loss"), 1e-9 * Math.max(1, trainLoss));
    }

    @Test
    void aForestStoppedByItsListenerKeepsTheTreesGrownSoFar() {
        Split data = split("wine.csv");
        List<Integer> seen = new ArrayList<>();
        Model stopped = model("random_forest", Map.of("trees", 80, "max_depth", 5), 3);
        stopped.fit(data.train(), data.validation(), (done, total, metrics) -> seen.add(done) && false);

        assertEquals(1, seen.size(), "no step after the listener said stop");
        int grown = seen.get(0);
        assertTrue(grown < 80, grown + " trees");
        assertEquals(grown, stopped.stepsDone());
        assertEquals(grown * 5L, stopped.complexity());
        Model small = fitted("random_forest", Map.of("trees", grown, "max_depth", 5), 3, data);
        assertTrue(Arrays.deepEquals(small.predict(data.validation().x()), stopped.predict(data.validation().x())),
                "the stopped forest is the first trees of the full one");
    }

    @Test
    void boostingStoppedByItsListenerKeepsTheRoundsSoFar() {
        Split data = split("breast_cancer.csv");
        List<Integer> seen = new ArrayList<>();
        Model stopped = model("gradient_boosting", Map.of("trees", 60, "max_depth", 3), 3);
        stopped.fit(data.train(), data.validation(), (done, total, metrics) -> seen.add(done) && done < 5);

        assertEquals(List.of(1, 2, 3, 4, 5), seen);
        assertEquals(5, stopped.stepsDone());
        assertEquals(5 * 3L, stopped.complexity());
        Model small = fitted("gradient_boosting", Map.of("trees", 5, "max_depth", 3), 3, data);
        assertTrue(Arrays.deepEquals(small.predict(data.validation().x()), stopped.predict(data.validation().x())),
                "the stopped model is the first rounds of the full one");
    }

    @Test
    void complexityCountsWeightsOrTreesTimesDepth() {
        Split cancer = split("breast_cancer.csv");
        Split wine = split("wine.csv");
        assertEquals(30 + 1, fitted("linear", Map.of(), 1, cancer).complexity());
        assertEquals(13 + 1, fitted("linear", Map.of(), 1, wine).complexity(), "counted as the plan counts it, per weight set");
        assertEquals(25 * 4, fitted("random_forest", Map.of("trees", 25, "max_depth", 4), 1, cancer).complexity());
        assertEquals(10 * 2, fitted("gradient_boosting", Map.of("trees", 10, "max_depth", 2), 1, cancer)
                .complexity());
        assertEquals(10 * 2, fitted("gradient_boosting", Map.of("trees", 10, "max_depth", 2), 1, wine)
                .complexity(), "3 classes grow 3 trees a round, but the plan counts rounds x depth");
    }

    @Test
    void maxDepthCountsQuestionsFromRootToLeaf() {
        Split data = split("diabetes.csv");
        Model oneTree = fitted("gradient_boosting", Map.of("trees", 1, "max_depth", 2), 1, data);
        long distinct = Arrays.stream(oneTree.predict(data.train().x())).mapToDouble(row -> row[0]).distinct()
                .count();
        assertEquals(4, distinct, "two levels of questions give four leaves");
    }

    @Test
    void badInputsAreRefusedWithOneSentenceNamingTheFix() {
        Split cancer = split("breast_cancer.csv");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ForestModel(Map.of("tree", 10), 1))
                .getMessage().contains("no parameter 'tree'; use one of max_depth, trees."));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ForestModel(Map.of("trees", 0), 1))
                .getMessage().contains("trees as a whole number of 1 or more"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new BoostingModel(Map.of("learning_rate", 2.0), 1)).getMessage().contains("at most 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new LinearModel(Map.of("l2", -1.0), 1))
                .getMessage().contains("give 0 (no penalty) or more"));
        assertTrue(assertThrows(IllegalStateException.class,
                () -> new LinearModel(Map.of(), 1).predict(cancer.validation().x())).getMessage()
                .contains("call fit"));
        Model forest = fitted("random_forest", Map.of("trees", 10), 1, cancer);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> forest.predict(new double[][] {{1, 2}}))
                .getMessage().contains("trained on 30 features"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> fitted("baseline", Map.of("strategy", "mean"), 1, cancer)).getMessage()
                .contains("use strategy=most_frequent"));

        double[][] oneClassRows = Arrays.copyOf(cancer.train().x(), 20);
        Prepared oneClass = Prepared.classification(cancer.train().features(), oneClassRows, new int[20],
                cancer.train().classes());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new BoostingModel(Map.of(), 1).fit(oneClass, null, TrainingListener.NONE)).getMessage()
                .contains("at least two classes"));

        double[][] holed = Arrays.stream(cancer.train().x()).map(double[]::clone).toArray(double[][]::new);
        holed[3][2] = Double.NaN;
        Prepared missing = Prepared.classification(cancer.train().features(), holed, cancer.train().labels(),
                cancer.train().classes());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new LinearModel(Map.of(), 1).fit(missing, null, TrainingListener.NONE)).getMessage()
                .contains("Row 3, feature 2 is NaN"));
    }
}
