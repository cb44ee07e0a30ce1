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

    /**
     * An axis for values in [low, high] that can only lie in [floor, ceiling] (a metric's possible range): a
     * twentieth of the spread as room on each side (of the value, when all are equal), rounded out to ticks, and cut
     * at the floor and the ceiling, so an accuracy of 0.96 is never drawn on an axis from -0.5 to 2.
     */
    static Axis within(double low, double high, double floor, double ceiling) {
        double room = high > low ? (high - low) / 20 : Math.max(Math.abs(high) / 20, 0.05);
        double from = Math.max(floor, low - room);
        double to = Math.min(ceiling, high + room);
        Axis rounded = covering(from, to);
        return new Axis(Math.max(floor, rounded.min), Math.min(ceiling, rounded.max), rounded.step);
    }

    /**
     * An axis in powers of ten for positive values in [low, high]: its min, max and ticks are base-10 exponents,
     * so a chart places {@code Math.log10(value)} on it.
     */
    static Axis decades(double low, double high) {
        double first = Math.floor(Math.log10(low));
        double last = Math.max(first + 1, Math.ceil(Math.log10(high)));
        // about six labelled decades at most, so labels never crowd; the top is a tick, like covering()'s
        double step = Math.max(1, Math.ceil((last - first) / 6));
        return new Axis(first, first + step * Math.ceil((last - first) / step), step);
    }

    double fraction(double value) {
        return (value - min) / (max - min);
    }

    List<Double> ticks() {
        List<Double> out = new ArrayList<>();
        // a cut axis may end between two ticks: no tick beyond its end
        for (double t = min; t <= max + step * 1e-6; t += step) {
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
