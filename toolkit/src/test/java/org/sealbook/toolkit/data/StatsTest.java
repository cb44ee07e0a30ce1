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
    void aucCountsTiesHalfAndFoldsDirection() {
        boolean[] pos = {true, true, false, false};
        assertEquals(1.0, Stats.auc(new double[] {3, 4, 1, 2}, pos));
        assertEquals(1.0, Stats.auc(new double[] {1, 2, 3, 4}, pos), "a perfect separator the other way round");
        // pairs (pos,neg): (2,1) win, (2,2) tie, (1,1) tie, (1,2) loss -> (1 + 0.5 + 0.5) / 4
        assertEquals(0.5, Stats.auc(new double[] {2, 1, 1, 2}, pos));
        // pos {3, 1}, neg {2, 0}: wins 3>2, 3>0, 1>0 -> 3/4
        assertEquals(0.75, Stats.auc(new double[] {3, 1, 2, 0}, pos));
    }
}
