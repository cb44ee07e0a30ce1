package org.sealbook.toolkit.chart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.sealbook.toolkit.models.LinearModel;
import org.sealbook.toolkit.models.Model;
import org.sealbook.toolkit.models.TrainingListener;

/** Permutation importance of real models: informative columns above an added column of pure noise. */
class PermutationImportanceTest {
    private static Model fitted(RealRows rows) {
        Model model = new LinearModel(Map.of(), 1);
        model.fit(rows.train(), rows.validation(), TrainingListener.NONE);
        return model;
    }

    private static ToDoubleFunction<double[][]> negativeRmse(double[] truth) {
        return predictions -> {
            double squares = 0;
            for (int i = 0; i < truth.length; i++) {
                squares += Math.pow(predictions[i][0] - truth[i], 2);
            }
            return -Math.sqrt(squares / truth.length);
        };
    }

    @Test
    void diabetesBmiAndS5MatterAndNoiseDoesNotAndTheSeedFixesTheResult() {
        RealRows diabetes = RealRows.diabetes(true);
        Model model = fitted(diabetes);
        double[][] x = diabetes.validation().x();
        double[][] before = Arrays.stream(x).map(double[]::clone).toArray(double[][]::new);
        List<String> features = diabetes.validation().features();
        ToDoubleFunction<double[][]> score = negativeRmse(diabetes.validation().y());

        double[] importance = PermutationImportance.compute(model::predict, x, score, 42, 5);

        assertEquals(features.size(), importance.length);
        double noise = importance[features.indexOf(RealRows.NOISE)];
        double bmi = importance[features.indexOf("bmi")];
        double s5 = importance[features.indexOf("s5")];
        // shuffling body mass index or the s5 serum measure costs the linear model several units of RMSE
        assertTrue(bmi > 5 && s5 > 5, "bmi " + bmi + ", s5 " + s5);
        assertTrue(Math.abs(noise) < bmi / 10, "noise " + noise + " vs bmi " + bmi);
        assertTrue(Arrays.deepEquals(before, x), "the caller's rows are left unchanged");
        assertArrayEquals(importance, PermutationImportance.compute(model::predict, x, score, 42, 5),
                "the same seed gives the same shuffles");
        assertFalse(Arrays.equals(importance, PermutationImportance.compute(model::predict, x, score, 43, 5)),
                "another seed gives other shuffles");
    }

    @Test
    void wineClassesScoredByAccuracyRankTheirInformativeColumnsAboveNoise() {
        RealRows wine = RealRows.wine(true);
        Model model = fitted(wine);
        int[] truth = wine.validation().labels();
        List<String> features = wine.validation().features();

        double[] importance = PermutationImportance.compute(model::predict, wine.validation().x(), predictions -> {
            int[] predicted = RealRows.argmax(predictions);
            return IntStream.range(0, truth.length).filter(i -> predicted[i] == truth[i]).count()
                    / (double) truth.length;
        }, 7, 3);

        double noise = importance[features.indexOf(RealRows.NOISE)];
        double best = Arrays.stream(importance).max().orElseThrow();
        assertTrue(best > 0.05, "some column costs accuracy when shuffled: " + Arrays.toString(importance));
        assertTrue(noise < best / 3, "noise " + noise + " vs the most important " + best);
        assertFalse(features.get(indexOf(importance, best)).equals(RealRows.NOISE));
    }

    @Test
    void badInputGetsOneSentenceNamingTheProblemAndTheFix() {
        double[][] rows = {{1, 2}, {3, 4}};
        var repeats = assertThrows(IllegalArgumentException.class,
                () -> PermutationImportance.compute(x -> x, rows, p -> 0, 1, 0));
        assertEquals("Permutation importance needs at least 1 shuffle per feature, got 0; pass repeats=5 for a "
                + "steady average.", repeats.getMessage());
        var ragged = assertThrows(IllegalArgumentException.class,
                () -> PermutationImportance.compute(x -> x, new double[][] {{1, 2}, {3}}, p -> 0, 1, 1));
        assertTrue(ragged.getMessage().startsWith("Row 1 has 1 values but row 0 has 2"), ragged.getMessage());
        var nan = assertThrows(IllegalArgumentException.class,
                () -> PermutationImportance.compute(x -> x, rows, p -> Double.NaN, 1, 1));
        assertTrue(nan.getMessage().contains("unshuffled rows is NaN"), nan.getMessage());
    }

    private static int indexOf(double[] values, double wanted) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == wanted) {
                return i;
            }
        }
        return -1;
    }
}
