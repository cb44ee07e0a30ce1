package org.sealbook.toolkit.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The curve fit on points whose answer is known: it must give back the numbers the points were made from. */
class CurveFitTest {
    private static final double[] ROWS = {100, 200, 400, 800, 1600, 3200};

    private static double[] errors(double a, double b, double c, double[] n) {
        double[] e = new double[n.length];
        for (int i = 0; i < n.length; i++) {
            e[i] = a * Math.pow(n[i], -b) + c;
        }
        return e;
    }

    @Test
    void noiselessPointsOfALevellingCurveGiveBackItsThreeNumbers() {
        Curve curve = CurveFit.fit(ROWS, errors(3.0, 0.5, 0.05, ROWS), Curve.Form.SATURATING);

        assertEquals(3.0, curve.a(), 1e-4);
        assertEquals(0.5, curve.b(), 1e-6);
        assertEquals(0.05, curve.c(), 1e-7);
        assertEquals(1.0, curve.explained(), 1e-9);
    }

    @Test
    void noiselessPointsOfAPurePowerLawGiveBackItsTwoNumbersAndZeroFloor() {
        double[] e = errors(2.0, 0.35, 0, ROWS);

        Curve power = CurveFit.fit(ROWS, e, Curve.Form.POWER_LAW);
        Curve saturating = CurveFit.fit(ROWS, e, Curve.Form.SATURATING);

        assertEquals(2.0, power.a(), 1e-4);
        assertEquals(0.35, power.b(), 1e-6);
        assertEquals(0, power.c());
        assertEquals(0.35, saturating.b(), 1e-4);
        assertEquals(0, saturating.c(), 1e-6);
    }

    @Test
    void aiccPrefersTheLevellingCurveWhenTheErrorLevelsOffAndThePowerLawWhenItDoesNot() {
        SplittableRandom noise = new SplittableRandom(7);
        double[] levelling = errors(3.0, 0.8, 0.1, ROWS);
        double[] falling = errors(1.5, 0.3, 0, ROWS);
        for (int i = 0; i < ROWS.length; i++) {
            levelling[i] *= 1 + 0.002 * (noise.nextDouble() - 0.5);
            falling[i] *= 1 + 0.002 * (noise.nextDouble() - 0.5);
        }

        assertEquals(Curve.Form.SATURATING, CurveFit.better(ROWS, levelling).form());
        assertEquals(Curve.Form.POWER_LAW, CurveFit.better(ROWS, falling).form());
    }

    @Test
    void withFourPointsAiccCannotJudgeThreeNumbersSoThePowerLawIsKept() {
        double[] n = {100, 200, 400, 800};
        Curve saturating = CurveFit.fit(n, errors(3.0, 0.8, 0.1, n), Curve.Form.SATURATING);

        assertEquals(Double.POSITIVE_INFINITY, saturating.aicc());
        assertEquals(Curve.Form.POWER_LAW, CurveFit.better(n, errors(3.0, 0.8, 0.1, n)).form());
    }

    @Test
    void anErrorThatGrowsWithRowsIsFittedFlatNotUpward() {
        double[] rising = {0.1, 0.12, 0.14, 0.16, 0.18, 0.2};

        Curve curve = CurveFit.fit(ROWS, rising, Curve.Form.SATURATING);

        // flat at the mean: more rows are not promised to help (nor to hurt)
        assertEquals(0.15, curve.predict(100), 1e-9);
        assertEquals(0.15, curve.predict(6400), 1e-9);
    }

    @Test
    void theAiccFollowsItsFormula() {
        Curve curve = new Curve(Curve.Form.POWER_LAW, 1, 0.5, 0, 0.02, 1, 6);
        // n ln(RSS/n) + 2k + 2k(k+1)/(n-k-1) with n = 6, k = 2
        assertEquals(6 * Math.log(0.02 / 6) + 4 + 12.0 / 3, curve.aicc(), 1e-12);
    }

    @Test
    void theBootstrapIntervalsHoldTheTrueNumbersAndRepeatForTheSameSeed() {
        SplittableRandom noise = new SplittableRandom(11);
        double[] e = errors(3.0, 0.5, 0.05, ROWS);
        for (int i = 0; i < e.length; i++) {
            e[i] += 0.002 * (noise.nextDouble() - 0.5);
        }

        CurveBootstrap.Intervals first = CurveBootstrap.run(ROWS, e, Curve.Form.SATURATING, 200, 42, 3200, 20000);
        CurveBootstrap.Intervals again = CurveBootstrap.run(ROWS, e, Curve.Form.SATURATING, 200, 42, 3200, 20000);

        assertTrue(first.used() >= CurveBootstrap.MIN_USABLE && first.used() <= 200, first.toString());
        assertTrue(first.b().holds(0.5), first.b().toString());
        double trueGain = 3.0 * Math.pow(6400, -0.5) - 3.0 * Math.pow(3200, -0.5);
        assertTrue(first.gain().holds(trueGain), first.gain() + " " + trueGain);
        assertTrue(first.gain().high() < 0, "doubling lowers the error: " + first.gain());
        assertTrue(first.asked().holds(3.0 * Math.pow(20000, -0.5) + 0.05), first.asked().toString());
        assertEquals(first, again);
    }

    @Test
    void tooFewDifferentSizesGiveNoIntervalRatherThanAFalseOne() {
        double[] n = {100, 100, 100, 200};
        CurveBootstrap.Intervals none = CurveBootstrap.run(n, new double[] {0.3, 0.31, 0.29, 0.2},
                Curve.Form.SATURATING, 200, 1, 200, Double.NaN);

        assertFalse(none.b().known());
        assertEquals(0, none.used());
    }

    @Test
    void theQuantileIsTheStraightLineBetweenNeighbours() {
        assertEquals(2.5, CurveBootstrap.quantile(new double[] {1, 2, 3, 4}, 0.5), 1e-12);
        assertEquals(1.075, CurveBootstrap.quantile(new double[] {1, 2, 3, 4}, 0.025), 1e-12);
    }
}
