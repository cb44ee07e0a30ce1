package org.sealbook.toolkit.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sealbook.toolkit.hypothesis.Family;
import org.sealbook.toolkit.plan.Criterion;
import org.sealbook.toolkit.plan.Experiment;
import org.sealbook.toolkit.prepare.Prepared;

/** The sizes a curve is measured at, and the nested samples it learns from. */
class SizesTest {
    private static Experiment experiment(Family family, Map<String, Object> params) {
        return new Experiment("exp_002", null, family, params, List.of("a", "b", "c"), "new family", "Does it?",
                Criterion.parse("val_auc >= baseline * 1.01"), Criterion.parse("val_auc < baseline"), 1);
    }

    @Test
    void rowsRunFromASixteenthToAllEvenlyOnALogScale() {
        List<Sizes.Step> steps = Sizes.overRows(experiment(Family.LINEAR, Map.of()), 1600, 10, 5);

        assertEquals(List.of(100L, 200L, 400L, 800L, 1600L), steps.stream().map(Sizes.Step::n).toList());
        assertEquals("100 rows", steps.get(0).setting());
    }

    @Test
    void theSmallestSampleNeverGoesBelowItsFloorAndRoundedRepeatsAreKeptOnce() {
        List<Sizes.Step> steps = Sizes.overRows(experiment(Family.LINEAR, Map.of()), 40, 10, 12);

        assertEquals(10, steps.get(0).n());
        assertEquals(40, steps.get(steps.size() - 1).n());
        assertEquals(steps.size(), new HashSet<>(steps.stream().map(Sizes.Step::n).toList()).size());
    }

    @Test
    void anEnsembleGetsFewerTreesAtTheSameDepthAndItsSizeIsTreesTimesDepth() {
        List<Sizes.Step> steps = Sizes.overSize(experiment(Family.RANDOM_FOREST, Map.of("trees", 160,
                "max_depth", 4)), 300, 5);

        assertEquals(List.of("trees=10", "trees=20", "trees=40", "trees=80", "trees=160"),
                steps.stream().map(Sizes.Step::setting).toList());
        assertEquals(List.of(40L, 80L, 160L, 320L, 640L), steps.stream().map(Sizes.Step::n).toList());
        assertEquals(4, steps.get(0).experiment().params().get("max_depth"));
        assertTrue(steps.stream().allMatch(s -> s.rows() == 300));
    }

    @Test
    void aNetworkGetsEveryLayerNarrowedAlike() {
        List<Sizes.Step> steps = Sizes.overSize(experiment(Family.MLP, Map.of("hidden", "64,32")), 300, 5);

        assertEquals("hidden=4,2", steps.get(0).setting());
        assertEquals("hidden=64,32", steps.get(4).setting());
        assertEquals(steps.get(4).experiment().complexity(), steps.get(4).n());
    }

    @Test
    void aLinearModelHasNoSizeSetting() {
        assertThrows(IllegalArgumentException.class, () -> Sizes.overSize(experiment(Family.LINEAR, Map.of()), 300,
                5));
    }

    @Test
    void samplesAreNestedSeededAndHoldEveryClassFromTheStart() {
        int[] labels = new int[100];
        for (int i = 0; i < 100; i++) {
            labels[i] = i < 90 ? 0 : i < 97 ? 1 : 2; // 90, 7 and 3 rows
        }
        double[][] x = new double[100][];
        for (int i = 0; i < 100; i++) {
            x[i] = new double[] {i};
        }
        Prepared rows = Prepared.classification(List.of("id"), x, labels, List.of("a", "b", "c"));

        Subsample sample = Subsample.of(rows, 42);
        Prepared small = sample.first(3);
        Prepared large = sample.first(50);

        assertEquals(Set.of(0, 1, 2), new HashSet<>(Arrays.stream(small.labels()).boxed().toList()));
        Set<Double> inLarge = new HashSet<>();
        for (double[] r : large.x()) {
            inLarge.add(r[0]);
        }
        for (double[] r : small.x()) {
            assertTrue(inLarge.contains(r[0]), "the small sample lies inside the large one");
        }
        // stratified: about half of each class in half the rows
        long b = Arrays.stream(large.labels()).filter(l -> l == 1).count();
        assertTrue(b >= 3 && b <= 4, "class b rows in 50: " + b);
        assertEquals(Arrays.deepToString(large.x()), Arrays.deepToString(Subsample.of(rows, 42).first(50).x()));
    }
}
