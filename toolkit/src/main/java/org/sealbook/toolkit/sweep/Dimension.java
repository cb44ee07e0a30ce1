package org.sealbook.toolkit.sweep;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * One searched setting as the samplers and the importance analysis work with it: a stretch of the number line
 * (log ranges as the logarithm, so each power of ten gets the same room; whole-number ranges widened by half a step
 * at each end, so the end values get a full step of room like the others) or a list of categories.
 */
record Dimension(String name, Range range) {
    static List<Dimension> of(SearchSpace space) {
        return space.ranges().entrySet().stream().map(e -> new Dimension(e.getKey(), e.getValue())).toList();
    }

    boolean categorical() {
        return range instanceof Range.Choice;
    }

    /** The number of choices of a categorical setting. */
    int categories() {
        return ((Range.Choice) range).values().size();
    }

    double low() {
        if (range instanceof Range.Uniform u) {
            return u.lo();
        }
        if (range instanceof Range.LogUniform l) {
            return Math.log(l.lo());
        }
        if (range instanceof Range.IntUniform i) {
            return i.lo() - 0.5;
        }
        return 0;
    }

    double high() {
        if (range instanceof Range.Uniform u) {
            return u.hi();
        }
        if (range instanceof Range.LogUniform l) {
            return Math.log(l.hi());
        }
        if (range instanceof Range.IntUniform i) {
            return i.hi() + 0.5;
        }
        return categories();
    }

    /**
     * A trial's value of this setting on the dimension's scale (a category's index for choices), or NaN when the
     * trial has none or one this range cannot hold (a setting added to the sweep later, a text for a number).
     */
    double encode(Object value) {
        if (range instanceof Range.Choice choice) {
            List<Object> values = choice.values();
            for (int i = 0; i < values.size(); i++) {
                if (sameChoice(values.get(i), value)) {
                    return i;
                }
            }
            return Double.NaN;
        }
        if (!(value instanceof Number number) || !Double.isFinite(number.doubleValue())) {
            return Double.NaN;
        }
        double x = number.doubleValue();
        if (range instanceof Range.LogUniform) {
            return x > 0 ? Math.log(x) : Double.NaN;
        }
        return x;
    }

    /** The setting's value for a point of the dimension's scale, kept inside the range. */
    Object decode(double x) {
        if (range instanceof Range.Uniform u) {
            return Math.min(u.hi(), Math.max(u.lo(), x));
        }
        if (range instanceof Range.LogUniform l) {
            return Math.min(l.hi(), Math.max(l.lo(), Math.exp(x)));
        }
        if (range instanceof Range.IntUniform i) {
            return (int) Math.min(i.hi(), Math.max(i.lo(), Math.round(x)));
        }
        List<Object> values = ((Range.Choice) range).values();
        return values.get((int) Math.min(values.size() - 1, Math.max(0, x)));
    }

    /** A value drawn evenly over the range (evenly over the powers of ten for a log range). */
    Object draw(RandomGenerator random) {
        if (range instanceof Range.IntUniform i) {
            return (int) (i.lo() + random.nextLong((long) i.hi() - i.lo() + 1));
        }
        if (range instanceof Range.Choice c) {
            return c.values().get(random.nextInt(c.values().size()));
        }
        return decode(low() + (high() - low()) * random.nextDouble());
    }

    private static boolean sameChoice(Object choice, Object value) {
        if (choice instanceof Number a && value instanceof Number b) {
            return a.doubleValue() == b.doubleValue();
        }
        return choice.equals(value);
    }
}
