package org.sealbook.toolkit.diagnose;

import java.util.Arrays;
import java.util.Optional;
import org.sealbook.toolkit.chart.LineChart;
import org.sealbook.toolkit.explain.Numbers;
import org.sealbook.toolkit.view.Figure;

/**
 * One run's learning curves as the verdict read them: each loss raw (dashed) and smoothed (solid), the training loss
 * in one colour and the validation loss in another, and the main verdict marked as a point where it points (the
 * validation loss's lowest for overfitting, the first broken value for not a number).
 * Usage: {@code CurveFigures.draw(reading).ifPresent(view::figure);}
 */
public final class CurveFigures {
    private static final int TRAIN = 0;
    private static final int VALIDATION = 1;
    private static final int MARK = 3;

    private CurveFigures() {
    }

    /** The figure, or empty for a run with no verdict or no finite loss to draw. */
    public static Optional<Figure> draw(CurveReading reading) {
        Verdict main = reading.main();
        if (main == null || (!anyFinite(reading.train().y()) && !anyFinite(reading.validation().y()))) {
            return Optional.empty();
        }
        LineChart chart = LineChart.of("Learning curves of " + reading.run() + ": " + main.verdict().words())
                .axes("step", "loss");
        if (anyFinite(reading.train().y())) {
            chart.line("training raw", reading.train().x(), reading.train().y(), TRAIN, true)
                    .line("training smoothed", reading.train().x(), reading.trainSmoothed(), TRAIN, false);
        }
        if (anyFinite(reading.validation().y())) {
            chart.line("validation raw", reading.validation().x(), reading.validation().y(), VALIDATION, true)
                    .line("validation smoothed", reading.validation().x(), reading.validationSmoothed(),
                            VALIDATION, false);
        }
        double y = markHeight(reading, main.at());
        if (Double.isFinite(y)) {
            chart.line(main.verdict().words() + " (step " + Numbers.number(main.at()) + ")", new double[] {main.at()},
                    new double[] {y}, MARK, false);
        }
        return Optional.of(chart.draw("Training and validation loss of " + reading.run() + " by step, raw and "
                + "smoothed; the verdict, " + main.verdict().words() + ", is marked at step "
                + Numbers.number(main.at()) + ". " + main.sentence()));
    }

    /** Where on the curve the mark sits: the smoothed validation loss at that step, else the training loss. */
    private static double markHeight(CurveReading reading, double step) {
        double v = at(reading.validation().x(), reading.validationSmoothed(), step);
        return Double.isFinite(v) ? v : at(reading.train().x(), reading.trainSmoothed(), step);
    }

    private static double at(double[] x, double[] y, double step) {
        for (int i = 0; i < x.length; i++) {
            if (x[i] == step) {
                return y[i];
            }
        }
        return Double.NaN;
    }

    private static boolean anyFinite(double[] values) {
        return Arrays.stream(values).anyMatch(Double::isFinite);
    }
}
