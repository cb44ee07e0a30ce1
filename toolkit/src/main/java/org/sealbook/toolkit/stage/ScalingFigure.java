package org.sealbook.toolkit.stage;

import java.util.List;
import org.sealbook.toolkit.chart.LineChart;
import org.sealbook.toolkit.explain.Numbers;
import org.sealbook.toolkit.scaling.Curve;
import org.sealbook.toolkit.scaling.CurveBootstrap;
import org.sealbook.toolkit.scaling.ScalingRecord;
import org.sealbook.toolkit.view.Figure;

/** The scaling curve on log-log axes: the measured errors, the fitted curve to twice the data, and its 95% band. */
final class ScalingFigure {
    private static final int STEPS = 40;

    private ScalingFigure() {
    }

    static Figure draw(ScalingRecord record, String unit) {
        List<ScalingRecord.Point> points = record.points();
        double[] n = points.stream().mapToDouble(ScalingRecord.Point::n).toArray();
        double[] error = points.stream().mapToDouble(ScalingRecord.Point::error).toArray();
        double from = n[0];
        double to = Math.max(2 * record.at(), Double.isNaN(record.asked()) ? 0 : record.asked());
        double[] grid = new double[STEPS + 1];
        double[] fitted = new double[STEPS + 1];
        for (int i = 0; i <= STEPS; i++) {
            grid[i] = Math.exp(Math.log(from) + (Math.log(to) - Math.log(from)) * i / STEPS);
            fitted[i] = record.chosen().predict(grid[i]);
        }
        List<CurveBootstrap.Interval> band = CurveBootstrap.band(n, error, record.chosen().form(),
                record.intervals().resamples(), record.seed(), grid);
        String formula = record.chosen().form() == Curve.Form.SATURATING
                ? Numbers.number(record.chosen().a()) + " x N^-" + Numbers.number(record.chosen().b()) + " + "
                + Numbers.number(record.chosen().c())
                : Numbers.number(record.chosen().a()) + " x N^-" + Numbers.number(record.chosen().b());
        LineChart chart = LineChart.of("Scaling curve of " + record.experiment()).axes(unit, "error (" + record.error()
                + ") on the validation rows").logX()
                .line("measured", n, error, 0, false)
                .line("fitted: " + formula, grid, fitted, 1, false);
        boolean positive = allAbove0(error) && allAbove0(fitted);
        if (!band.isEmpty()) {
            double[] low = band.stream().mapToDouble(CurveBootstrap.Interval::low).toArray();
            double[] high = band.stream().mapToDouble(CurveBootstrap.Interval::high).toArray();
            chart.line("95% range, low", grid, low, 1, true).line("95% range, high", grid, high, 1, true);
            positive = positive && allAbove0(low) && allAbove0(high);
        }
        if (positive) { // an error of 0 has no place on a log scale: then the error axis stays plain
            chart.logY();
        }
        return chart.draw("The error of " + record.experiment() + " at " + points.size() + " sizes, " + unit + " from "
                + points.get(0).n() + " to " + points.get(points.size() - 1).n() + ", with the fitted "
                + "curve " + formula + " carried on to " + Numbers.number(to) + (band.isEmpty() ? ""
                : " and its 95% range from redrawing the points") + (positive ? ", on log-log axes." : ", with the "
                + "size on a log axis."));
    }

    private static boolean allAbove0(double[] values) {
        for (double v : values) {
            if (!(v > 0)) {
                return false;
            }
        }
        return true;
    }
}
