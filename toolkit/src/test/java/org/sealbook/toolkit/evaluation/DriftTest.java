package org.sealbook.toolkit.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The drift numbers on columns whose answer is known by hand. */
class DriftTest {
    @Test
    void thePsiIsTheSumOfShareGapsTimesTheirLogRatio() {
        // shares 0.5/0.5 against 0.25/0.75: 2 x ... by hand
        double expected = (0.25 - 0.5) * Math.log(0.25 / 0.5) + (0.75 - 0.5) * Math.log(0.75 / 0.5);
        assertEquals(expected, Drift.psi(new double[] {2, 2}, new double[] {1, 3}), 1e-12);
        assertEquals(0, Drift.psi(new double[] {5, 5}, new double[] {1, 1}), 1e-12);
    }

    @Test
    void theKsDistanceIsTheLargestGapBetweenRunningShares() {
        assertEquals(0.5, Drift.ks(new double[] {1, 2, 3, 4}, new double[] {3, 4, 5, 6}), 1e-12);
        assertEquals(1, Drift.ks(new double[] {1, 2}, new double[] {3, 4}), 1e-12);
        assertEquals(0, Drift.ks(new double[] {1, 2, 3}, new double[] {1, 2, 3}), 1e-12);
    }

    @Test
    void theSameValuesDriftByNothingAndShiftedOnesByALot() {
        SplittableRandom random = new SplittableRandom(3);
        double[] before = new double[2000];
        double[] same = new double[2000];
        double[] shifted = new double[2000];
        for (int i = 0; i < before.length; i++) {
            before[i] = random.nextDouble();
            same[i] = random.nextDouble();
            shifted[i] = random.nextDouble() + 0.5;
        }

        Drift.ColumnDrift calm = Drift.numbers("x", before, same);
        Drift.ColumnDrift moved = Drift.numbers("x", before, shifted);

        assertTrue(calm.psi() < Drift.SMALL, calm.toString());
        assertEquals("within chance", calm.words());
        assertTrue(moved.psi() > Drift.LARGE, moved.toString());
        assertEquals("a lot", moved.words());
        assertEquals(0.5, moved.ks(), 0.05);
    }

    @Test
    void missingValuesAreABinOfTheirOwnAndCounted() {
        double[] before = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        double[] now = {1, 2, 3, 4, 5, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN};

        Drift.ColumnDrift d = Drift.numbers("x", before, now);

        assertEquals(0, d.missingBefore());
        assertEquals(0.5, d.missingNow());
        assertTrue(d.psi() > Drift.LARGE, d.toString());
    }

    @Test
    void categoriesTrainingNeverSawAreCountedAsUnseen() {
        List<String> before = new ArrayList<>(Arrays.asList("usa", "usa", "europe", "japan"));
        List<String> now = new ArrayList<>(Arrays.asList("usa", "mars", "mars", null));

        Drift.ColumnDrift d = Drift.categories("origin", before, now);

        assertEquals(0.5, d.unseen());
        assertEquals(0.25, d.missingNow());
        assertEquals("category", d.kind());
        // bins usa, europe, japan, unseen, missing: 0.5/0.25/0.25/0/0 against 0.25/0/0/0.5/0.25
        double[] p = {0.5, 0.25, 0.25, 1e-4, 0};
        double[] q = {0.25, 1e-4, 1e-4, 0.5, 0.25};
        double expected = 0;
        for (int i = 0; i < p.length; i++) {
            double pp = Math.max(p[i], 1e-4);
            expected += (q[i] - pp) * Math.log(q[i] / pp);
        }
        assertEquals(expected, d.psi(), 1e-9);
    }

    @Test
    void theDecileEdgesComeFromTheTrainingValuesAndRepeatsCollapse() {
        double[] sorted = new double[100];
        for (int i = 0; i < 100; i++) {
            sorted[i] = i;
        }
        assertEquals(9, Drift.edges(sorted).length);
        assertEquals(10, Drift.edges(sorted)[0]);
        assertEquals(1, Drift.edges(new double[] {5, 5, 5, 5}).length);
    }

    @Test
    void theChancePsiIsTheChiSquarePercentileScaledByTheRowCounts() {
        assertEquals(16.919, Drift.chiSquare95(9), 0.02);
        assertEquals(18.307, Drift.chiSquare95(10), 0.02);
        assertEquals(5.991, Drift.chiSquare95(2), 0.06);
        // 3 bins used of 4, 10 and 20 rows
        assertEquals((0.1 + 0.05) * Drift.chiSquare95(2), Drift.chance(new double[] {5, 5, 0, 0},
                new double[] {10, 0, 10, 0}), 1e-12);
    }

    @Test
    void twoSmallSamplesOfTheSameValuesExceedTheChancePsiAboutOneTimeInTwenty() {
        SplittableRandom random = new SplittableRandom(5);
        int above = 0;
        int tries = 400;
        for (int t = 0; t < tries; t++) {
            double[] before = new double[279];
            double[] now = new double[59];
            for (int i = 0; i < before.length; i++) {
                before[i] = random.nextGaussian();
            }
            for (int i = 0; i < now.length; i++) {
                now[i] = random.nextGaussian();
            }
            Drift.ColumnDrift d = Drift.numbers("x", before, now);
            above += d.psi() > d.chance() ? 1 : 0;
        }
        // the naive rule would call many of these "some" drift; chance explains all but about 5%
        assertTrue(above >= tries / 100 && above <= tries * 12 / 100, above + " of " + tries);
    }
}
