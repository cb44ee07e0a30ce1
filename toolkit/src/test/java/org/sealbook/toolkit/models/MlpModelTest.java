package org.sealbook.toolkit.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealbook.toolkit.SharedData;
import org.sealbook.toolkit.data.DataLoader;
import org.sealbook.toolkit.prepare.Prepared;
import tech.tablesaw.api.Table;

class MlpModelTest {
    private static final List<URI> NETWORK_ATTEMPTS = Collections.synchronizedList(new ArrayList<>());
    private static ProxySelector originalProxySelector;

    @TempDir
    static Path dir;

    /** Digits: the 64 pixels scaled to 0..1, the digit as class index; 70/30 split. */
    private static Prepared[] digits;
    /** Diabetes: the ten features standardised on the training rows, the raw disease progression as target. */
    private static Prepared[] diabetes;
    /** Diabetes as it is in the file: unscaled features and target. */
    private static Prepared[] rawDiabetes;

    @BeforeAll
    static void recordNetworkAndLoadData() throws IOException {
        // Every HTTP(S) connection in this JVM asks the proxy selector first: record them, before PyTorch loads.
        originalProxySelector = ProxySelector.getDefault();
        ProxySelector.setDefault(new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                NETWORK_ATTEMPTS.add(uri);
                return List.of(Proxy.NO_PROXY);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress address, IOException e) {
                NETWORK_ATTEMPTS.add(uri);
            }
        });

        Table digitRows = load("digits.csv");
        List<String> pixels = digitRows.columnNames().stream().filter(name -> name.startsWith("pixel_")).toList();
        double[][] pixelValues = features(digitRows, pixels, 1 / 16.0);
        int[] digit = IntStream.range(0, digitRows.rowCount())
                .map(row -> (int) digitRows.numberColumn("digit").getDouble(row)).toArray();
        List<String> classes = IntStream.range(0, 10).mapToObj(String::valueOf).toList();
        int[][] digitSplit = split(digitRows.rowCount(), 42);
        digits = new Prepared[2];
        for (int part = 0; part < 2; part++) {
            int[] rows = digitSplit[part];
            digits[part] = Prepared.classification(pixels, pick(pixelValues, rows),
                    IntStream.of(rows).map(row -> digit[row]).toArray(), classes);
        }

        Table diabetesRows = load("diabetes.csv");
        List<String> measures = diabetesRows.columnNames().stream().filter(name -> !name.equals("progression"))
                .toList();
        double[][] measureValues = features(diabetesRows, measures, 1);
        double[] progression = diabetesRows.numberColumn("progression").asDoubleArray();
        int[][] diabetesSplit = split(diabetesRows.rowCount(), 42);
        double[][] standardised = standardise(measureValues, pick(measureValues, diabetesSplit[0]));
        diabetes = new Prepared[2];
        rawDiabetes = new Prepared[2];
        for (int part = 0; part < 2; part++) {
            int[] rows = diabetesSplit[part];
            double[] y = IntStream.of(rows).mapToDouble(row -> progression[row]).toArray();
            diabetes[part] = Prepared.regression(measures, pick(standardised, rows), y);
            rawDiabetes[part] = Prepared.regression(measures, pick(measureValues, rows), y);
        }
    }

    @AfterAll
    static void restoreProxySelector() {
        ProxySelector.setDefault(originalProxySelector);
    }

    @Test
    void oneHiddenLayerMayBeWrittenAsABareNumber() {
        // a plan edit or a sweep reads hidden=16 as the Integer 16, not the text "16"
        assertEquals(16, MlpSettings.of(Map.of("hidden", 16), 1).hidden[0]);
        assertEquals(1, MlpSettings.of(Map.of("hidden", 16), 1).hidden.length);
    }

    @Test
    void learnsDigitsToOverNinetyPercentValidationAccuracyWithinTwentyEpochs() {
        MlpModel mlp = new MlpModel(Map.of("hidden", "64,32", "epochs", 20), 7);
        List<Map<String, Double>> epochs = new ArrayList<>();
        mlp.fit(digits[0], digits[1], (done, total, metrics) -> {
            assertEquals(epochs.size() + 1, done);
            assertEquals(20, total);
            epochs.add(metrics);
            return true;
        });

        double[][] probabilities = mlp.predict(digits[1].x());
        int correct = 0;
        for (int row = 0; row < probabilities.length; row++) {
            assertEquals(10, probabilities[row].length);
            assertEquals(1, Arrays.stream(probabilities[row]).sum(), 1e-9);
            int predicted = 0;
            for (int c = 1; c < 10; c++) {
                predicted = probabilities[row][c] > probabilities[row][predicted] ? c : predicted;
            }
            correct += predicted == digits[1].labels()[row] ? 1 : 0;
        }
        double accuracy = correct / (double) probabilities.length;
        assertTrue(accuracy > 0.9, "validation accuracy " + accuracy);

        assertEquals(20, epochs.size());
        long batches = (digits[0].rows() + 31) / 32;
        LearningRateSchedule schedule = new LearningRateSchedule(0.001, 20 * batches);
        for (int e = 0; e < epochs.size(); e++) {
            Map<String, Double> metrics = epochs.get(e);
            assertEquals(List.of("train_loss", "val_loss", "learning_rate", "grad_norm", "rows_per_second",
                    "seconds"), List.copyOf(metrics.keySet()));
            metrics.values().forEach(value -> assertTrue(Double.isFinite(value) && value > 0, metrics.toString()));
            // the rate of the epoch's last step: warm-up (5% of 20 epochs is the first), then the cosine decay
            assertEquals(schedule.rate((e + 1) * batches), metrics.get("learning_rate"), 1e-9);
        }
        assertEquals(0.001, epochs.get(0).get("learning_rate"), 1e-9, "the peak, at the warm-up's end");
        assertEquals(0.00001, epochs.get(19).get("learning_rate"), 1e-9, "the floor, 1% of the peak, at the end");
        // learning shows in the numbers the listener saw
        assertTrue(epochs.get(19).get("train_loss") < epochs.get(0).get("train_loss") / 4, epochs.toString());
        assertTrue(epochs.get(19).get("val_loss") < epochs.get(0).get("val_loss"), epochs.toString());
    }

    @Test
    void diabetesRegressionBeatsPredictingTheTrainingMean() {
        MlpModel mlp = new MlpModel(Map.of("hidden", "32", "epochs", 60, "learning_rate", 0.05), 7);
        mlp.fit(diabetes[0], diabetes[1], TrainingListener.NONE);

        double[][] predictions = mlp.predict(diabetes[1].x());
        double trainMean = IntStream.range(0, diabetes[0].rows()).mapToDouble(i -> diabetes[0].y()[i]).average()
                .orElseThrow();
        double[] y = diabetes[1].y();
        double modelError = 0;
        double meanError = 0;
        for (int row = 0; row < y.length; row++) {
            assertEquals(1, predictions[row].length);
            modelError += Math.pow(predictions[row][0] - y[row], 2);
            meanError += Math.pow(trainMean - y[row], 2);
        }
        assertTrue(modelError < 0.8 * meanError, "MLP MSE " + modelError / y.length + " vs mean's "
                + meanError / y.length);
    }

    @Test
    void sameSeedGivesTheSamePredictionsAndAnotherSeedOthers() {
        Map<String, Object> params = Map.of("hidden", "32,16", "epochs", 4);
        double[][] first = fitted(new MlpModel(params, 11), digits).predict(digits[1].x());
        double[][] again = fitted(new MlpModel(params, 11), digits).predict(digits[1].x());
        double[][] otherSeed = fitted(new MlpModel(params, 12), digits).predict(digits[1].x());

        assertTrue(largestDifference(first, again) <= 1e-6, "same seed differs by " + largestDifference(first, again));
        assertTrue(largestDifference(first, otherSeed) > 1e-3, "another seed gave the same predictions");
    }

    @Test
    void twoModelsTrainAtTheSameTimeOnTwoThreadsAsTheyWouldAlone() {
        Map<String, Object> params = Map.of("hidden", "16", "epochs", 15, "batch_size", 8);
        double[][] aloneA = fitted(new MlpModel(params, 1), diabetes).predict(diabetes[1].x());
        double[][] aloneB = fitted(new MlpModel(params, 2), diabetes).predict(diabetes[1].x());

        CompletableFuture<double[][]> a = CompletableFuture.supplyAsync(
                () -> fitted(new MlpModel(params, 1), diabetes).predict(diabetes[1].x()));
        CompletableFuture<double[][]> b = CompletableFuture.supplyAsync(
                () -> fitted(new MlpModel(params, 2), diabetes).predict(diabetes[1].x()));

        assertTrue(largestDifference(aloneA, a.join()) <= 1e-6);
        assertTrue(largestDifference(aloneB, b.join()) <= 1e-6);
    }

    @Test
    void listenerSayingNoStopsTrainingAfterThatEpoch() {
        MlpModel mlp = new MlpModel(Map.of("hidden", "16", "epochs", 50), 3);
        List<Integer> seen = new ArrayList<>();
        mlp.fit(diabetes[0], diabetes[1], (done, total, metrics) -> {
            seen.add(done);
            return done < 3;
        });

        assertEquals(List.of(1, 2, 3), seen);
        assertEquals(diabetes[1].rows(), mlp.predict(diabetes[1].x()).length); // stopped, yet usable
    }

    @Test
    void earlyStoppingStopsOnceValidationLossStallsAndKeepsTheBestWeights() {
        // A wide network at a high learning rate overfits diabetes quickly, so the validation loss turns up.
        MlpModel mlp = new MlpModel(Map.of("hidden", "128,128", "epochs", 300, "learning_rate", 0.01,
                "early_stopping", 5), 5);
        List<Double> validationLosses = new ArrayList<>();
        mlp.fit(diabetes[0], diabetes[1], (done, total, metrics) -> validationLosses.add(metrics.get("val_loss")));

        assertTrue(validationLosses.size() < 300, "never stopped early");
        int best = validationLosses.indexOf(Collections.min(validationLosses));
        assertEquals(validationLosses.size() - 1 - 5, best, "stopped at the wrong epoch: " + validationLosses);
        double[][] predictions = mlp.predict(diabetes[1].x());
        double squares = 0;
        for (int row = 0; row < predictions.length; row++) {
            squares += Math.pow(predictions[row][0] - diabetes[1].y()[row], 2);
        }
        double keptLoss = squares / predictions.length;
        assertEquals(validationLosses.get(best), keptLoss, validationLosses.get(best) * 1e-4);
    }

    @Test
    void hugeLearningRateOnUnscaledDataStopsWithOneSentenceNamingTheFix() {
        // squared errors of exploding predictions overflow first
        MlpModel regressor = new MlpModel(Map.of("hidden", "64,32", "epochs", 20, "learning_rate", 1e6), 1);
        assertEquals("The loss became infinite at epoch 1 with learning_rate 1000000; train again with a smaller "
                        + "learning_rate (e.g. 100000) or with features on a smaller scale.",
                assertThrows(ArithmeticException.class,
                        () -> regressor.fit(rawDiabetes[0], rawDiabetes[1], TrainingListener.NONE)).getMessage());

        // exploding logits end in infinity minus infinity inside the softmax
        MlpModel classifier = new MlpModel(Map.of("hidden", "64,32", "epochs", 20, "learning_rate", 1e20), 1);
        assertEquals("The loss became NaN at epoch 1 with learning_rate 1E+20; train again with a smaller "
                        + "learning_rate (e.g. 1E+19) or with features on a smaller scale.",
                assertThrows(ArithmeticException.class,
                        () -> classifier.fit(unscaled(digits[0]), unscaled(digits[1]), TrainingListener.NONE))
                        .getMessage());
    }

    @Test
    void complexityCountsEveryWeightAndBias() {
        MlpModel mlp = fitted(new MlpModel(Map.of("hidden", "64,32", "epochs", 1), 1), digits);

        assertEquals(64 * 64 + 64 + 64 * 32 + 32 + 32 * 10 + 10, mlp.complexity());
    }

    @Test
    void javaPredictionsMatchDjlsOwnForwardPass() {
        MlpModel classifier = fitted(new MlpModel(Map.of("hidden", "64,32", "epochs", 3), 4), digits);
        MlpModel regressor = fitted(new MlpModel(Map.of("hidden", "16,8", "epochs", 3), 4), diabetes);

        double[][] classes = classifier.predict(digits[1].x());
        assertEquals(10, classes[0].length);
        assertTrue(largestDifference(classes, classifier.predictWithDjl(digits[1].x())) < 1e-5);
        double[][] values = regressor.predict(diabetes[1].x());
        assertEquals(1, values[0].length);
        double scale = IntStream.range(0, values.length).mapToDouble(i -> Math.abs(values[i][0])).max().orElseThrow();
        assertTrue(largestDifference(values, regressor.predictWithDjl(diabetes[1].x())) < 1e-5 * Math.max(1, scale));
    }

    @Test
    void manyFitsInARowLeaveNoNativeMemoryBehind() throws IOException {
        NDManager probe = Engine.getEngine("PyTorch").newBaseManager();
        NDManager system = probe.getParentManager();
        probe.close();
        int arraysBefore = system.getManagedArrays().size();
        Prepared[] few = {Prepared.classification(digits[0].features(), Arrays.copyOf(digits[0].x(), 64),
                Arrays.copyOf(digits[0].labels(), 64), digits[0].classes()), digits[1]};
        Map<String, Object> big = Map.of("hidden", "1024,1024", "epochs", 1, "batch_size", 64);

        long rssWarm = 0;
        long heapWarm = 0;
        for (int fit = 0; fit < 50; fit++) {
            if (fit == 10) {
                rssWarm = residentBytes(); // after the allocators and the JIT have settled
                heapWarm = Runtime.getRuntime().totalMemory();
            }
            MlpModel mlp = fitted(new MlpModel(big, fit), few);
            assertEquals(10, mlp.predict(new double[][] {digits[1].x()[0]})[0].length); // still usable once closed
        }
        // the Java heap may grow meanwhile (other tests in this JVM leave garbage): only native growth counts
        long grown = residentBytes() - rssWarm - (Runtime.getRuntime().totalMemory() - heapWarm);

        assertEquals(arraysBefore, system.getManagedArrays().size());
        // each fit's optimizer state is 2 x 1.1M floats = 8.8 MB: 40 leaking fits would add 350 MB
        assertTrue(grown < 150L << 20, "the process grew by " + (grown >> 20) + " MB over 40 fits");
    }

    @Test
    void trainsOnTheBundledPyTorchWithoutTouchingTheNetwork() {
        assumeTrue(MlpModelTest.class.getClassLoader().getResource("native/lib/pytorch.properties") != null,
                "built with -Pcuda: no bundled PyTorch, so DJL downloads one by design");
        MlpModel mlp = fitted(new MlpModel(Map.of("hidden", "8", "epochs", 1), 0), diabetes);

        assertTrue(mlp.device().matches("PyTorch 2\\.7\\.1 on (cpu|gpu \\d+)"), mlp.device());
        assertEquals("true", System.getProperty("ai.djl.offline"));
        assertEquals(List.of(), NETWORK_ATTEMPTS);
    }

    @Test
    void badParametersAndCallsAreRefusedWithOneSentence() {
        assertEquals("The MLP does not know the parameter(s) [epoch]; use only [batch_size, early_stopping, "
                        + "epochs, hidden, learning_rate, weight_decay].",
                assertThrows(IllegalArgumentException.class,
                        () -> new MlpModel(Map.of("hidden", "8", "epoch", 5), 0)).getMessage());
        assertEquals("The MLP parameter hidden is \"64,x\" (String); give the hidden layer sizes as text of "
                        + "whole numbers of at least 1, like \"64,32\".",
                assertThrows(IllegalArgumentException.class,
                        () -> new MlpModel(Map.of("hidden", "64,x"), 0)).getMessage());
        assertEquals("The MLP parameter hidden is missing; give the hidden layer sizes as text of whole numbers "
                        + "of at least 1, like \"64,32\".",
                assertThrows(IllegalArgumentException.class, () -> new MlpModel(Map.of(), 0)).getMessage());
        assertEquals("The MLP parameter epochs is 0 (Integer); give a whole number of at least 1, like 50.",
                assertThrows(IllegalArgumentException.class,
                        () -> new MlpModel(Map.of("hidden", "8", "epochs", 0), 0)).getMessage());
        assertEquals("The MLP parameter learning_rate is -0.1 (Double); give a positive number that fits a float, like 0.001.",
                assertThrows(IllegalArgumentException.class,
                        () -> new MlpModel(Map.of("hidden", "8", "learning_rate", -0.1), 0)).getMessage());
        assertEquals("The MLP parameter weight_decay is 1.5 (Double); give a number from 0 (no decay) up to but not "
                        + "including 1, like 0.01.",
                assertThrows(IllegalArgumentException.class,
                        () -> new MlpModel(Map.of("hidden", "8", "weight_decay", 1.5), 0)).getMessage());
        // JSON numbers arrive as doubles: a whole 20.0 is fine
        new MlpModel(Map.of("hidden", "8", "epochs", 20.0, "batch_size", 16.0), 0);

        MlpModel unfitted = new MlpModel(Map.of("hidden", "8"), 0);
        assertEquals("The MLP has not been trained yet; call fit(train, validation, listener) first.",
                assertThrows(IllegalStateException.class, () -> unfitted.predict(diabetes[1].x())).getMessage());
        assertEquals("The training rows are for classification but the validation rows are for regression; "
                        + "prepare both for the same task.",
                assertThrows(IllegalArgumentException.class,
                        () -> unfitted.fit(digits[0], diabetes[1], TrainingListener.NONE)).getMessage());

        double[][] withGap = {{1, Double.NaN}};
        Prepared gappy = Prepared.regression(List.of("a", "b"), withGap, new double[] {1});
        assertEquals("Training row 0 has a missing or infinite value in the feature \"b\"; impute or drop such "
                        + "values before training the MLP.",
                assertThrows(IllegalArgumentException.class,
                        () -> unfitted.fit(gappy, gappy, TrainingListener.NONE)).getMessage());

        MlpModel mlp = fitted(new MlpModel(Map.of("hidden", "8", "epochs", 1), 0), diabetes);
        assertEquals("Row 0 has 3 values but the MLP was trained on 10 features; prepare the rows the same way as "
                        + "for fit.",
                assertThrows(IllegalArgumentException.class, () -> mlp.predict(new double[][] {{1, 2, 3}}))
                        .getMessage());
    }

    @Test
    void aFitStoppedSavedAndRestoredEndsAsOneThatNeverStopped() throws IOException {
        Map<String, Object> params = Map.of("hidden", "32,16", "epochs", 8);
        double[][] x = digits[1].x();
        double[][] unbroken = fitted(new MlpModel(params, 21), digits).predict(x);

        MlpModel stopped = new MlpModel(params, 21);
        ByteArrayOutputStream checkpoint = new ByteArrayOutputStream();
        stopped.fit(digits[0], digits[1], (done, total, metrics) -> {
            if (done < 3) {
                return true;
            }
            saveTo(stopped, checkpoint); // from inside the step, on the fitting thread, as Batch does
            return false;
        });
        double[][] afterThree = stopped.predict(x);
        assertEquals(3, stopped.stepsDone());
        assertTrue(largestDifference(unbroken, afterThree) > 1e-3, "five more epochs changed nothing");

        MlpModel restored = new MlpModel(params, 21);
        restored.restore(new ByteArrayInputStream(checkpoint.toByteArray()));
        assertEquals(3, restored.stepsDone());
        assertEquals(0, largestDifference(afterThree, restored.predict(x)));
        List<Integer> heard = new ArrayList<>();
        restored.fit(digits[0], digits[1], (done, total, metrics) -> heard.add(done));
        assertEquals(List.of(4, 5, 6, 7, 8), heard);
        assertEquals(8, restored.stepsDone());
        assertTrue(largestDifference(unbroken, restored.predict(x)) <= 1e-6,
                "restored fit differs by " + largestDifference(unbroken, restored.predict(x)));

        // the stopped model itself goes on the same way, without a round trip through a file
        stopped.fit(digits[0], digits[1], TrainingListener.NONE);
        assertTrue(largestDifference(unbroken, stopped.predict(x)) <= 1e-6);
    }

    @Test
    void earlyStoppingGoesOnFromACheckpointAndAnEndedFitStaysEnded() throws IOException {
        Map<String, Object> params = Map.of("hidden", "128,128", "epochs", 300, "learning_rate", 0.01,
                "early_stopping", 5);
        MlpModel unbroken = new MlpModel(params, 5);
        List<Double> unbrokenLosses = new ArrayList<>();
        unbroken.fit(diabetes[0], diabetes[1], (done, total, metrics) -> unbrokenLosses.add(metrics.get("val_loss")));
        int end = unbrokenLosses.size();
        assertTrue(end < 300, "never stopped early");

        // stop while waiting out the patience: the best weights are behind, the count of epochs since is 3
        int stopAt = end - 2;
        MlpModel stopped = new MlpModel(params, 5);
        stopped.fit(diabetes[0], diabetes[1], (done, total, metrics) -> done < stopAt);
        MlpModel restored = new MlpModel(params, 5);
        restored.restore(new ByteArrayInputStream(saved(stopped)));
        List<Integer> heard = new ArrayList<>();
        List<Double> losses = new ArrayList<>();
        restored.fit(diabetes[0], diabetes[1], (done, total, metrics) -> {
            heard.add(done);
            return losses.add(metrics.get("val_loss"));
        });

        assertEquals(List.of(end - 1, end), heard);
        for (int i = 0; i < 2; i++) {
            assertEquals(unbrokenLosses.get(end - 2 + i), losses.get(i), unbrokenLosses.get(end - 2 + i) * 1e-6);
        }
        double[][] expected = unbroken.predict(diabetes[1].x());
        assertTrue(largestDifference(expected, restored.predict(diabetes[1].x())) <= 1e-6 * scale(expected));

        // saved after it ended: restored, it predicts the same and a further fit does nothing
        MlpModel ended = new MlpModel(params, 5);
        ended.restore(new ByteArrayInputStream(saved(restored)));
        ended.fit(diabetes[0], diabetes[1], (done, total, metrics) -> {
            throw new AssertionError("an ended fit trained epoch " + done);
        });
        assertEquals(end, ended.stepsDone());
        assertEquals(0, largestDifference(restored.predict(diabetes[1].x()), ended.predict(diabetes[1].x())));
    }

    @Test
    void checkpointsAreRefusedByAnMlpWithOtherParamsOrSeedAndBeforeFit() throws IOException {
        byte[] checkpoint = saved(fitted(new MlpModel(Map.of("hidden", "8", "epochs", 1), 3), diabetes));

        assertEquals("The saved model is a multilayer perceptron with hidden=8 epochs=1 learning_rate=0.001 "
                        + "weight_decay=0.01 schedule=warmup-cosine batch_size=32 early_stopping=off seed=3, not a "
                        + "multilayer perceptron with hidden=16 epochs=1 learning_rate=0.001 weight_decay=0.01 "
                        + "schedule=warmup-cosine batch_size=32 early_stopping=off seed=3; restore it with the "
                        + "plan that trained it.",
                assertThrows(IOException.class, () -> new MlpModel(Map.of("hidden", "16", "epochs", 1), 3)
                        .restore(new ByteArrayInputStream(checkpoint))).getMessage());
        assertThrows(IOException.class, () -> new MlpModel(Map.of("hidden", "8", "epochs", 1), 4)
                .restore(new ByteArrayInputStream(checkpoint)));
        assertEquals("The MLP has not been trained yet; call fit(train, validation, listener) first.",
                assertThrows(IllegalStateException.class,
                        () -> new MlpModel(Map.of("hidden", "8"), 3).save(new ByteArrayOutputStream()))
                        .getMessage());

        MlpModel stopped = new MlpModel(Map.of("hidden", "8", "epochs", 5), 3);
        stopped.fit(diabetes[0], diabetes[1], (done, total, metrics) -> false);
        String refused = assertThrows(IllegalArgumentException.class,
                () -> stopped.fit(digits[0], digits[1], TrainingListener.NONE)).getMessage();
        assertTrue(refused.startsWith("The MLP learnt from the features [age, sex, bmi, bp, s1,"), refused);
        assertTrue(refused.endsWith("; go on training with rows prepared the same way."), refused);
    }

    @Test
    void rowsWhoseFeaturesAreAllZeroStopTheFirstStepNamingTheFirstLayersWeights() {
        // as if a recipe had blanked every column: the first layer's weights get no gradient at all
        Prepared blank = Prepared.regression(diabetes[0].features(),
                new double[diabetes[0].rows()][diabetes[0].features().size()], diabetes[0].y());
        MlpModel mlp = new MlpModel(Map.of("hidden", "16", "epochs", 5), 1);
        assertEquals(List.of(), mlp.selfChecks());

        assertEquals("The first layer's weights got an all-zero gradient in the MLP's first training step, so they "
                        + "would never learn; every feature of the first batch of rows is 0, so check that the "
                        + "prepared features are not blank (e.g. a recipe that zeroed every column).",
                assertThrows(IllegalStateException.class, () -> mlp.fit(blank, diabetes[1], TrainingListener.NONE))
                        .getMessage());
        assertEquals(List.of(), mlp.selfChecks());

        MlpModel healthy = fitted(new MlpModel(Map.of("hidden", "16", "epochs", 1), 1), diabetes);
        assertEquals(List.of("every parameter got a finite, non-zero gradient in the first step"),
                healthy.selfChecks());
    }

    private static byte[] saved(MlpModel mlp) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        saveTo(mlp, bytes);
        return bytes.toByteArray();
    }

    private static void saveTo(MlpModel mlp, ByteArrayOutputStream bytes) {
        try {
            mlp.save(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The largest absolute value, at least 1: regression predictions compare relative to their size. */
    private static double scale(double[][] values) {
        return Math.max(1, Arrays.stream(values).flatMapToDouble(Arrays::stream).map(Math::abs).max().orElse(0));
    }

    /** The digits with their pixels back at 0..16. */
    private static Prepared unscaled(Prepared scaledDigits) {
        double[][] x = Arrays.stream(scaledDigits.x()).map(row -> Arrays.stream(row).map(v -> v * 16).toArray())
                .toArray(double[][]::new);
        return Prepared.classification(scaledDigits.features(), x, scaledDigits.labels(), scaledDigits.classes());
    }

    /** This process's resident memory (Java heap and native), from Linux's /proc. */
    private static long residentBytes() throws IOException {
        String line = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("VmRSS:")).findFirst().orElseThrow();
        return Long.parseLong(line.replaceAll("[^0-9]", "")) << 10;
    }

    private static MlpModel fitted(MlpModel mlp, Prepared[] data) {
        mlp.fit(data[0], data[1], TrainingListener.NONE);
        return mlp;
    }

    private static Table load(String file) throws IOException {
        return DataLoader.create().load(Files.copy(SharedData.file(file), dir.resolve(file))).table();
    }

    private static double[][] features(Table table, List<String> names, double scale) {
        double[][] x = new double[table.rowCount()][names.size()];
        for (int i = 0; i < names.size(); i++) {
            double[] column = table.numberColumn(names.get(i)).asDoubleArray();
            for (int row = 0; row < x.length; row++) {
                x[row][i] = column[row] * scale;
            }
        }
        return x;
    }

    /** Row indexes shuffled with the seed: the first 70% for training, the rest for validation. */
    private static int[][] split(int rows, long seed) {
        List<Integer> order = new ArrayList<>(IntStream.range(0, rows).boxed().toList());
        Collections.shuffle(order, new Random(seed));
        int training = (int) Math.round(rows * 0.7);
        return new int[][] {order.subList(0, training).stream().mapToInt(Integer::intValue).toArray(),
                order.subList(training, rows).stream().mapToInt(Integer::intValue).toArray()};
    }

    private static double[][] pick(double[][] x, int[] rows) {
        return IntStream.of(rows).mapToObj(row -> x[row]).toArray(double[][]::new);
    }

    /** Every row with each feature centred and scaled by the training rows' mean and standard deviation. */
    private static double[][] standardise(double[][] x, double[][] training) {
        int features = x[0].length;
        double[] mean = new double[features];
        double[] sd = new double[features];
        for (int i = 0; i < features; i++) {
            int feature = i;
            mean[i] = IntStream.range(0, training.length).mapToDouble(row -> training[row][feature]).average()
                    .orElseThrow();
            sd[i] = Math.sqrt(IntStream.range(0, training.length)
                    .mapToDouble(row -> Math.pow(training[row][feature] - mean[feature], 2)).average().orElseThrow());
        }
        double[][] scaled = new double[x.length][features];
        for (int row = 0; row < x.length; row++) {
            for (int i = 0; i < features; i++) {
                scaled[row][i] = (x[row][i] - mean[i]) / sd[i];
            }
        }
        return scaled;
    }

    private static double largestDifference(double[][] a, double[][] b) {
        double largest = 0;
        for (int row = 0; row < a.length; row++) {
            for (int i = 0; i < a[row].length; i++) {
                largest = Math.max(largest, Math.abs(a[row][i] - b[row][i]));
            }
        }
        return largest;
    }
}
