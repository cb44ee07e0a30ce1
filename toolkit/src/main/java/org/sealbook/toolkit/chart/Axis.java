package org.sealbook.toolkit.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A numeric axis range widened to round tick values (steps of 1, 2 or 5 times a power of ten). */
record Axis(double min, double max, double step) {

    /** An axis covering [low, high] with about five ticks; a zero-width range is widened by one unit. */
    static Axis covering(double low, double high) {
        if (!(high > low)) {
            low -= 1;
            high += 1;
        }
        double raw = (high - low) / 5;
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        double unit = raw / power;
        double step = (unit <= 1 ? 1 : unit <= 2 ? 2 : unit <= 5 ? 5 : 10) * power;
        return new Axis(Math.floor(low / step) * step, Math.ceil(high / step) * step, step);
    }

    double fraction(double value) {
        return (value - min) / (max - min);
    }

    List<Double> ticks() {
        List<Double> out = new ArrayList<>();
        for (double t = min; t <= max + step / 2; t += step) {
            out.add(t);
        }
        return out;
    }

    String format(double value) {
        if (Math.abs(value) < step / 1e6) {
            return "0";
        }
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(step)));
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
