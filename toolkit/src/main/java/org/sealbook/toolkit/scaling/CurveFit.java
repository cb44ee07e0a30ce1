package org.sealbook.toolkit.scaling;

import java.util.Arrays;

/**
 * Fits error = a * N^-b + c by least squares: for each exponent b on a grid, a and c are the straight-line fit of
 * the errors on N^-b (no iteration, nothing to diverge), and the best b is then refined by golden-section search.
 * The curve is kept physical: a >= 0 (error does not grow with more rows) and c >= 0 (an error is never below 0).
 * Usage: {@code Curve best = CurveFit.better(rows, errors);}
 */
public final class CurveFit {
    /** The largest exponent tried: error falling with N^-5 is already far steeper than any learning curve. */
    public static final double MAX_EXPONENT = 5;
    private static final int GRID = 500;
    private static final double GOLDEN = (Math.sqrt(5) - 1) / 2;

    private CurveFit() {
    }

    /** Both curves fitted, the one with the lower AICc returned; on a tie the one with fewer numbers. */
    public static Curve better(double[] n, double[] error) {
        Curve saturating = fit(n, error, Curve.Form.SATURATING);
        Curve power = fit(n, error, Curve.Form.POWER_LAW);
        return saturating.aicc() < power.aicc() ? saturating : power;
    }

    /** The least-squares curve of {@code form} through the points (n[i], error[i]); every n above 0. */
    public static Curve fit(double[] n, double[] error, Curve.Form form) {
        if (n.length != error.length || n.length < form.parameters()) {
            throw new IllegalArgumentException("A curve with " + form.parameters() + " numbers needs at least "
                    + form.parameters() + " points with one error each; got " + n.length + " sizes and "
                    + error.length + " errors.");
        }
        double top = 0;
        for (int i = 0; i < n.length; i++) {
            if (!(n[i] > 0) || !Double.isFinite(error[i])) {
                throw new IllegalArgumentException("Point " + (i + 1) + " has size " + n[i] + " and error " + error[i]
                        + "; every size must be above 0 and every error a finite number.");
            }
            top = Math.max(top, n[i]);
        }
        // sizes relative to the largest keep N^-b near 1, so the straight-line fit stays well conditioned
        double[] x = new double[n.length];
        for (int i = 0; i < n.length; i++) {
            x[i] = n[i] / top;
        }
        double bestB = 0;
        double bestRss = Double.POSITIVE_INFINITY;
        for (int g = 0; g <= GRID; g++) {
            double b = MAX_EXPONENT * g / GRID;
            double rss = linear(x, error, b, form)[2];
            if (rss < bestRss) {
                bestRss = rss;
                bestB = b;
            }
        }
        double step = MAX_EXPONENT / GRID;
        double lo = Math.max(0, bestB - step);
        double hi = Math.min(MAX_EXPONENT, bestB + step);
        for (int i = 0; i < 100 && hi - lo > 1e-12; i++) {
            double m1 = hi - GOLDEN * (hi - lo);
            double m2 = lo + GOLDEN * (hi - lo);
            if (linear(x, error, m1, form)[2] <= linear(x, error, m2, form)[2]) {
                hi = m2;
            } else {
                lo = m1;
            }
        }
        double b = (lo + hi) / 2;
        double[] fitted = linear(x, error, b, form);
        if (fitted[2] > bestRss) { // the grid point was better than the refinement (a kink at a bound)
            b = bestB;
            fitted = linear(x, error, b, form);
        }
        double mean = Arrays.stream(error).average().orElse(0);
        double tss = Arrays.stream(error).map(e -> (e - mean) * (e - mean)).sum();
        // a' (n / top)^-b = a' top^b n^-b
        return new Curve(form, fitted[0] * Math.pow(top, b), b, fitted[1], fitted[2], tss, n.length);
    }

    /** a, c and the residual sum of squares of the best straight line of y on x^-b, with a >= 0 and c >= 0. */
    private static double[] linear(double[] x, double[] y, double b, Curve.Form form) {
        int n = x.length;
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = Math.pow(x[i], -b);
        }
        double a;
        double c;
        if (form == Curve.Form.SATURATING) {
            double zm = 0;
            double ym = 0;
            for (int i = 0; i < n; i++) {
                zm += z[i] / n;
                ym += y[i] / n;
            }
            double szz = 0;
            double szy = 0;
            for (int i = 0; i < n; i++) {
                szz += (z[i] - zm) * (z[i] - zm);
                szy += (z[i] - zm) * (y[i] - ym);
            }
            a = szz > 0 ? szy / szz : 0;
            c = ym - a * zm;
            if (c < 0) {
                c = 0;
                a = throughZero(z, y);
            }
            if (a < 0) {
                a = 0;
                c = Math.max(0, ym);
            }
        } else {
            c = 0;
            a = Math.max(0, throughZero(z, y));
        }
        double rss = 0;
        for (int i = 0; i < n; i++) {
            double r = y[i] - (a * z[i] + c);
            rss += r * r;
        }
        return new double[] {a, c, rss};
    }

    private static double throughZero(double[] z, double[] y) {
        double zz = 0;
        double zy = 0;
        for (int i = 0; i < z.length; i++) {
            zz += z[i] * z[i];
            zy += z[i] * y[i];
        }
        return zz > 0 ? zy / zz : 0;
    }
}
