package org.sealbook.toolkit.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The loss curves beside a progress bar: the sparkline's text, the SVG, and how often they may change. */
class LiveCurvesTest {
    /** A clock the test moves by hand, in nanoseconds. */
    private static final class Clock {
        long now;
    }

    /** A display that keeps what each drawing showed: the time, the step and the curves. */
    private static final class Recording extends ThrottledProgress {
        final Clock clock;
        final List<Long> times = new ArrayList<>();
        final List<LossCurves> curves = new ArrayList<>();

        Recording(long total, Clock clock) {
            super(total, () -> clock.now);
            this.clock = clock;
        }

        @Override
        protected void draw(long done, String detail) {
            times.add(clock.now);
            curves.add(shownCurves());
        }
    }

    @Test
    void theSparklineRunsFromTheLowestToTheHighestValidationLoss() {
        LossCurves c = new LossCurves();
        double[] val = {1.0, 0.8, 0.5, 0.3, 0.2, 0.15}; // falls less than tenfold: a linear scale
        for (int i = 0; i < val.length; i++) {
            c.add(LossCurves.TRAIN, i + 1, 2.0 - i); // not the one a sparkline shows when a validation loss exists
            c.add(LossCurves.VALIDATION, i + 1, val[i]);
        }
        c.add(LossCurves.VALIDATION, 7, Double.NaN); // not a number: left out
        assertEquals("val_loss", c.sparklineCurve());
        assertEquals("█▆▄▂▁▁", c.sparkline(20));
        assertEquals("█▃▁", c.sparkline(3), "averaged into three parts: 0.9, 0.4 and 0.175");
        LossCurves flat = new LossCurves();
        flat.add(LossCurves.TRAIN, 1, 0.5);
        flat.add(LossCurves.TRAIN, 2, 0.5);
        assertEquals("train_loss", flat.sparklineCurve());
        assertEquals("▁▁", flat.sparkline(20));
        assertEquals("", new LossCurves().sparkline(20));
        LossCurves tenfold = new LossCurves();
        for (double v : new double[] {1, 0.1, 0.01}) {
            tenfold.add(LossCurves.VALIDATION, tenfold.points() + 1, v);
        }
        assertEquals("█▅▁", tenfold.sparkline(20), "a loss that falls a hundredfold is drawn on a log scale (linear: █▂▁)");
        LossCurves one = new LossCurves();
        one.add(LossCurves.VALIDATION, 1, 0.7);
        assertFalse(one.drawable(), "one point is no trend");
        assertEquals("", one.sparkline(20));
        assertEquals("", one.svg());
    }

    @Test
    void theSvgDrawsEachCurveFromAtMostAHundredAndTwentyPointsWithItsNameAndLastValue() {
        LossCurves c = new LossCurves();
        for (int step = 1; step <= 1000; step++) {
            c.add(LossCurves.TRAIN, step, 1.0 / step);
            c.add(LossCurves.VALIDATION, step, 1.2 / step);
        }
        String svg = c.svg();
        assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""), svg);
        assertEquals(2, svg.split("<polyline").length - 1, svg);
        String firstPoints = svg.replaceAll("(?s).*?<polyline[^>]*points=\"([^\"]*)\".*", "$1");
        assertEquals(LossCurves.MAX_SVG_POINTS, firstPoints.split(" ").length);
        assertTrue(svg.contains("<title>loss by step: train_loss 0.001, val_loss 0.0012 (steps 1 to 1000, loss on a log scale)</title>"), svg);
        assertTrue(svg.length() < 4000, "a few kilobytes however long the run: " + svg.length());
        assertEquals("", new LossCurves().svg());
    }

    @Test
    void curvesChangeAtMostTwiceASecondWhileTheBarRedrawsTenTimesAndTheLastStateIsAlwaysShown() {
        Clock clock = new Clock();
        Recording bar = new Recording(100, clock);
        // 99 steps, 50 ms apart: the bar may redraw every 100 ms, the curves every 500 ms
        for (int step = 1; step < 100; step++) {
            clock.now += 50_000_000L;
            bar.losses(step, java.util.Map.of("val_loss", 1.0 / step, "learning_rate", 0.001)); // only losses are drawn
            bar.update(step, "step " + step);
        }
        List<Long> curveChanges = new ArrayList<>();
        for (int i = 0; i < bar.curves.size(); i++) {
            if (i == 0 || bar.curves.get(i) != bar.curves.get(i - 1)) {
                curveChanges.add(bar.times.get(i));
            }
        }
        assertTrue(bar.times.size() >= 45, "the bar redraws about every 100 ms: " + bar.times.size());
        assertTrue(curveChanges.size() <= 11, "4.95 s at most twice a second, plus the first: " + curveChanges);
        assertTrue(curveChanges.size() >= 9, "yet the curves do move as the run goes: " + curveChanges);
        for (int i = 1; i < curveChanges.size(); i++) {
            assertTrue(curveChanges.get(i) - curveChanges.get(i - 1) >= ThrottledProgress.MIN_CURVE_NANOS,
                    "curves changed twice within half a second: " + curveChanges);
        }
        assertTrue(bar.curves.get(bar.curves.size() - 1).points() < 99, "the last step's point is still held back");

        // the finishing step is drawn at once with every point, however soon after the last drawing
        clock.now += 1_000_000L;
        bar.curve(LossCurves.VALIDATION, 100, 0.01);
        bar.update(100, "done");
        assertEquals(100, bar.curves.get(bar.curves.size() - 1).points());
        assertEquals(clock.now, bar.times.get(bar.times.size() - 1));
    }

    @Test
    void closingShowsThePointsTheThrottleHeldBack() {
        Clock clock = new Clock();
        Recording bar = new Recording(0, clock); // an unknown total never "finishes" by its count
        bar.curve(LossCurves.TRAIN, 1, 0.9);
        bar.update(1, "");
        clock.now += 200_000_000L;
        bar.curve(LossCurves.TRAIN, 2, 0.7);
        bar.update(2, "");
        assertEquals(1, bar.curves.get(bar.curves.size() - 1).points(), "0.2 s after the first: held back");
        LossCurves before = bar.curves.get(bar.curves.size() - 1);
        bar.close();
        assertEquals(2, bar.curves.get(bar.curves.size() - 1).points());
        bar.losses(3, java.util.Map.of("train_loss", 0.5, "grad_norm", 2.0)); // after close: ignored
        assertEquals(2, bar.shownCurves().points());
        assertSame(before, bar.curves.get(bar.curves.size() - 2));
    }

    @Test
    void theConsoleBarShowsTheValidationLossSparklineBesideItsCounts() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Clock clock = new Clock();
        try (ConsoleProgress bar = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                "exp_002 mlp", 4, () -> clock.now)) {
            double[] val = {0.9, 0.6, 0.4, 0.3};
            for (int step = 1; step <= 4; step++) {
                clock.now += 600_000_000L;
                bar.curve(LossCurves.VALIDATION, step, val[step - 1]);
                bar.update(step, "step " + step + " of 4");
            }
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        String[] lines = out.split("\r");
        String last = lines[lines.length - 1].strip();
        assertEquals("exp_002 mlp [##############################] 100% 4/4  val_loss █▄▂▁  step 4 of 4", last);
        assertTrue(out.contains("val_loss █▁  step 2 of 4"), out);
        assertFalse(new ConsoleProgress(new PrintStream(new ByteArrayOutputStream()), "x", 4).render(1, "")
                .contains("val_loss"), "no curves, no sparkline");
    }
}
