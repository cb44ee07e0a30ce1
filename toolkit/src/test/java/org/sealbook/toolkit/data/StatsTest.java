package org.sealbook.toolkit.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StatsTest {
    private static final double NA = Double.NaN;

    @Test
    void skewMatchesPandasAndSkipsMissing() {
        // pandas 2: pd.Series([1.0, 2.0, 3.0, 10.0, np.nan, 4.0]).skew()
        assertEquals(1.697056274847714, Stats.skew(new double[] {1, 2, 3, 10, NA, 4}), 1e-12);
        assertEquals(0.0, Stats.skew(new double[] {5, 5, 5, 5}));
        assertTrue(Double.isNaN(Stats.skew(new double[] {1, 2})));
    }

    @Test
    void pearsonUsesPairwiseCompleteRows() {
        // pandas: pd.Series([1,2,3,4,5,nan]).corr(pd.Series([2,1,4,3,nan,9]))
        assertEquals(0.6, Stats.pearson(new double[] {1, 2, 3, 4, 5, NA}, new double[] {2, 1, 4, 3, NA, 9}), 1e-12);
        assertEquals(-1.0, Stats.pearson(new double[] {1, 2, 3}, new double[] {3, 2, 1}), 1e-12);
        assertTrue(Double.isNaN(Stats.pearson(new double[] {1, 1, 1}, new double[] {1, 2, 3})));
    }

    @Test
    void medianAndMadFindTheOneFarValue() {
        double[] x = {1, 2, 3, 4, 100};
        double median = Stats.median(x);
        assertEquals(3.0, median);
        assertEquals(1.0, Stats.mad(x, median)); // |x - 3| = 2,1,0,1,97 -> median 1
        // 0.6745 * 97 / 1 = 65.4 > 3.5; 0.6745 * 2 = 1.35 is not
        assertEquals(1, Stats.madOutliers(x, median, 1.0, 3.5));
        assertEquals(0, Stats.madOutliers(new double[] {7, 7, 7, 50}, 7, 0, 3.5), "MAD 0 flags nothing");
    }

    @Test
    void madAndOutliersFromSortedValuesAgreeWithTheDirectDefinition() {
        java.util.Random random = new java.util.Random(11);
        for (int trial = 0; trial < 500; trial++) {
            int n = 1 + random.nextInt(60);
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = trial % 2 == 0 ? random.nextInt(7) : random.nextGaussian() * 3 + (i % 9 == 0 ? 40 : 0);
            }
            double[] sorted = x.clone();
            java.util.Arrays.sort(sorted);
            double median = Stats.median(x);
            double[] distances = new double[n];
            for (int i = 0; i < n; i++) {
                distances[i] = Math.abs(x[i] - median);
            }
            java.util.Arrays.sort(distances);
            double expectedMad = n % 2 == 1 ? distances[n / 2] : (distances[n / 2 - 1] + distances[n / 2]) / 2.0;
            double mad = Stats.madOfSorted(sorted, median);
            assertEquals(expectedMad, mad, java.util.Arrays.toString(x));
            assertEquals(Stats.madOutliers(x, median, mad, 3.5), Stats.madOutliersOfSorted(sorted, median, mad, 3.5),
                    java.util.Arrays.toString(x));
        }
    }

    @Test
    void aucAgreesWithCountingEveryPair() {
        java.util.Random random = new java.util.Random(5);
        for (int trial = 0; trial < 300; trial++) {
            int n = 2 + random.nextInt(40);
            double[] x = new double[n];
            boolean[] positive = new boolean[n];
            for (int i = 0; i < n; i++) {
                x[i] = random.nextInt(10) == 0 ? NA : random.nextInt(trial % 2 == 0 ? 4 : 1000);
                positive[i] = random.nextBoolean();
            }
            double wins = 0;
            long pairs = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (positive[i] && !positive[j] && !Double.isNaN(x[i]) && !Double.isNaN(x[j])) {
                        wins += x[i] > x[j] ? 1 : x[i] == x[j] ? 0.5 : 0;
                        pairs++;
                    }
                }
            }
            double expected = pairs == 0 ? NA : Math.max(wins / pairs, 1 - wins / pairs);
            assertEquals(expected, Stats.auc(x, positive), 1e-12, java.util.Arrays.toString(x));
        }
    }

    @Test
    void aucCountsTiesHalfAndFoldsDirection() {
        boolean[] pos = {true, true, false, false};
        assertEquals(1.0, Stats.auc(new double[] {3, 4, 1, 2}, pos));
        assertEquals(1.0, Stats.auc(new double[] {1, 2, 3, 4}, pos), "a perfect separator the other way round");
        // pairs (pos,neg): (2,1) win, (2,2) tie, (1,1) tie, (1,2) loss -> (1 + 0.5 + 0.5) / 4
        assertEquals(0.5, Stats.auc(new double[] {2, 1, 1, 2}, pos));
        // pos {3, 1}, neg {2, 0}: wins 3>2, 3>0, 1>0 -> 3/4
        assertEquals(0.75, Stats.auc(new double[] {3, 1, 2, 0}, pos));
    }

    @Test
    void rocAucIsNotFoldedSoAScoreThatRanksTheWrongWayIsBelowOneHalf() {
        boolean[] pos = {true, true, false, false};
        assertEquals(0.0, Stats.rocAuc(new double[] {1, 2, 3, 4}, pos));
        // pos {1, 3}, neg {2, 0}: wins 1>0, 3>2, 3>0 -> 3/4; folded or not, the same
        assertEquals(0.75, Stats.rocAuc(new double[] {1, 3, 2, 0}, pos));
        assertEquals(0.25, Stats.rocAuc(new double[] {2, 0, 1, 3}, pos));
        assertEquals(0.75, Stats.auc(new double[] {2, 0, 1, 3}, pos));
        assertTrue(Double.isNaN(Stats.rocAuc(new double[] {1, 2}, new boolean[] {true, true})), "no negative row");
    }

    @Test
    void quantileInterpolatesLinearlyAsNumpy() {
        double[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 100};
        // numpy.percentile([1..9, 100], [0, 2.5, 25, 50, 97.5, 100]) == 1, 1.225, 3.25, 5.5, 79.525, 100
        assertEquals(1, Stats.quantileOfSorted(sorted, 0), 1e-12);
        assertEquals(1.225, Stats.quantileOfSorted(sorted, 0.025), 1e-12);
        assertEquals(3.25, Stats.quantileOfSorted(sorted, 0.25), 1e-12);
        assertEquals(5.5, Stats.quantileOfSorted(sorted, 0.5), 1e-12);
        assertEquals(79.525, Stats.quantileOfSorted(sorted, 0.975), 1e-9);
        assertEquals(100, Stats.quantileOfSorted(sorted, 1), 1e-12);
        assertEquals(7, Stats.quantileOfSorted(new double[] {7}, 0.3));
        assertTrue(Double.isNaN(Stats.quantileOfSorted(new double[0], 0.5)));
    }
}
