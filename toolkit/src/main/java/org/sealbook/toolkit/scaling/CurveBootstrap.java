package org.sealbook.toolkit.scaling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How sure a fitted curve is: the points are drawn again with replacement, the same shape is fitted to each draw,
 * and the middle 95% of what the refits say is the interval. A draw with too few different sizes to fit the shape
 * is skipped and not counted. Seeded, so the intervals repeat.
 * Usage: {@code CurveBootstrap.Intervals i = CurveBootstrap.run(rows, errors, Curve.Form.SATURATING, 200, 42, 455);}
 */
public final class CurveBootstrap {
    /** Fewer usable redraws than this give no interval at all, rather than one that looks surer than it is. */
    public static final int MIN_USABLE = 20;

    /** A 95% interval: its low and high ends; both NaN when too few redraws could be fitted. */
    public record Interval(double low, double high) {
        public boolean known() {
            return Double.isFinite(low) && Double.isFinite(high);
        }

        /** Whether the interval holds {@code value}. */
        public boolean holds(double value) {
            return known() && low <= value && value <= high;
        }
    }

    /** The intervals of b, c, the error at twice the rows, doubling's gain and the asked size's error. */
    public record Intervals(int resamples, int used, Interval b, Interval c, Interval atDouble, Interval gain,
                            Interval asked) {
    }

    private CurveBootstrap() {
    }

    /**
     * The intervals of b, c, the error at {@code 2 * at} rows, the change from {@code at} to {@code 2 * at} rows
     * (what doubling would buy; negative is a lower error), and the error at {@code asked} rows (NaN for none), from
     * the usable ones of {@code resamples} redraws.
     */
    public static Intervals run(double[] n, double[] error, Curve.Form form, int resamples, long seed, double at,
                                double asked) {
        List<double[]> refits = new ArrayList<>();
        for (Curve curve : redraws(n, error, form, resamples, seed)) {
            double now = curve.predict(at);
            double doubled = curve.predict(2 * at);
            refits.add(new double[] {curve.b(), curve.c(), doubled, doubled - now,
                    Double.isNaN(asked) ? Double.NaN : curve.predict(asked)});
        }
        if (refits.size() < MIN_USABLE) {
            Interval none = new Interval(Double.NaN, Double.NaN);
            return new Intervals(resamples, refits.size(), none, none, none, none, none);
        }
        return new Intervals(resamples, refits.size(), interval(refits, 0), interval(refits, 1), interval(refits, 2),
                interval(refits, 3), Double.isNaN(asked) ? new Interval(Double.NaN, Double.NaN) : interval(refits, 4));
    }

    /** The 95% band of the curve at each of {@code at}, from the same redraws as {@link #run}; empty when too few. */
    public static List<Interval> band(double[] n, double[] error, Curve.Form form, int resamples, long seed,
                                      double[] at) {
        List<Curve> curves = redraws(n, error, form, resamples, seed);
        List<Interval> band = new ArrayList<>();
        if (curves.size() < MIN_USABLE) {
            return band;
        }
        for (double x : at) {
            double[] values = curves.stream().mapToDouble(c -> c.predict(x)).sorted().toArray();
            band.add(new Interval(quantile(values, 0.025), quantile(values, 0.975)));
        }
        return band;
    }

    /** The curve refitted to each redraw of the points that has enough different sizes to pin it down. */
    static List<Curve> redraws(double[] n, double[] error, Curve.Form form, int resamples, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Curve> curves = new ArrayList<>();
        int size = n.length;
        for (int r = 0; r < resamples; r++) {
            double[] rn = new double[size];
            double[] re = new double[size];
            for (int i = 0; i < size; i++) {
                int pick = random.nextInt(size);
                rn[i] = n[pick];
                re[i] = error[pick];
            }
            // a curve with k numbers is pinned down only by k different sizes
            if (Arrays.stream(rn).distinct().count() >= form.parameters()) {
                curves.add(CurveFit.fit(rn, re, form));
            }
        }
        return curves;
    }

    private static Interval interval(List<double[]> refits, int which) {
        double[] values = refits.stream().mapToDouble(r -> r[which]).sorted().toArray();
        return new Interval(quantile(values, 0.025), quantile(values, 0.975));
    }

    /** The q-th quantile of sorted values, straight-line between neighbours (as numpy's default). */
    static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(sorted.length - 1, below + 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
