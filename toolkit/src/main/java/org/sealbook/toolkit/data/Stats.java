package org.sealbook.toolkit.data;

import java.util.Arrays;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.columns.Column;

/**
 * The statistics the checks need, on primitive arrays where NaN means missing; each skips missing values.
 * Written to match pandas' definitions so the benchmark can compare counts.
 */
public final class Stats {
    private Stats() {
    }

    /** A numeric column as doubles, NaN where a value is missing. */
    public static double[] values(Column<?> column) {
        NumericColumn<?> n = (NumericColumn<?>) column;
        double[] out = new double[n.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = n.isMissing(i) ? Double.NaN : n.getDouble(i);
        }
        return out;
    }

    /** The non-missing values, in their original order. */
    public static double[] present(double[] x) {
        int n = 0;
        for (double v : x) {
            if (!Double.isNaN(v)) {
                n++;
            }
        }
        if (n == x.length) {
            return x.clone();
        }
        double[] out = new double[n];
        int k = 0;
        for (double v : x) {
            if (!Double.isNaN(v)) {
                out[k++] = v;
            }
        }
        return out;
    }

    public static double mean(double[] x) {
        double sum = 0;
        int n = 0;
        for (double v : x) {
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** Sample variance (n - 1 in the denominator), as pandas' var(). */
    public static double variance(double[] x) {
        double m = mean(x);
        double ss = 0;
        int n = 0;
        for (double v : x) {
            if (!Double.isNaN(v)) {
                ss += (v - m) * (v - m);
                n++;
            }
        }
        return n < 2 ? Double.NaN : ss / (n - 1);
    }

    /**
     * Sample skewness, adjusted Fisher-Pearson, as pandas' skew(): sqrt(n(n-1))/(n-2) * m3/m2^1.5 with biased
     * central moments; NaN below 3 values, 0 when all values are equal.
     */
    public static double skew(double[] x) {
        double m = mean(x);
        double s2 = 0;
        double s3 = 0;
        long n = 0;
        for (double v : x) {
            if (!Double.isNaN(v)) {
                double d = v - m;
                s2 += d * d;
                s3 += d * d * d;
                n++;
            }
        }
        if (n < 3) {
            return Double.NaN;
        }
        if (s2 <= 1e-14 * Math.max(1.0, m * m) * n) {
            return 0.0; // all values equal up to rounding: pandas also answers 0
        }
        return n * Math.sqrt(n - 1.0) / (n - 2.0) * s3 / Math.pow(s2, 1.5);
    }

    /** Pearson r over the rows where both are present (pairwise-complete, as pandas' corr()); NaN if undefined. */
    public static double pearson(double[] x, double[] y) {
        double sx = 0;
        double sy = 0;
        long n = 0;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
                sx += x[i];
                sy += y[i];
                n++;
            }
        }
        if (n < 2) {
            return Double.NaN;
        }
        double mx = sx / n;
        double my = sy / n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
                double dx = x[i] - mx;
                double dy = y[i] - my;
                sxy += dx * dy;
                sxx += dx * dx;
                syy += dy * dy;
            }
        }
        if (sxx == 0 || syy == 0) {
            return Double.NaN;
        }
        return Math.max(-1.0, Math.min(1.0, sxy / Math.sqrt(sxx * syy)));
    }

    /** Median of sorted, non-missing values; the mean of the middle two for an even count. */
    static double medianOfSorted(double[] sorted) {
        int n = sorted.length;
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }

    public static double median(double[] x) {
        double[] p = present(x);
        Arrays.sort(p);
        return medianOfSorted(p);
    }

    /** Median absolute deviation from the median (unscaled). */
    public static double mad(double[] x, double median) {
        double[] p = present(x);
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.abs(p[i] - median);
        }
        Arrays.sort(p);
        return medianOfSorted(p);
    }

    /**
     * How many values have a modified z-score 0.6745 * |x - median| / MAD above the limit; 0 when MAD is 0,
     * since then the score is undefined and nothing is called an outlier.
     */
    public static long madOutliers(double[] x, double median, double mad, double limit) {
        if (!(mad > 0)) {
            return 0;
        }
        double scale = 0.6745 / mad;
        long count = 0;
        for (double v : x) {
            if (!Double.isNaN(v) && Math.abs(v - median) * scale > limit) {
                count++;
            }
        }
        return count;
    }

    /**
     * Area under the ROC curve of x as a score for the positive rows, by the rank (Mann-Whitney) formula with
     * ties counted half, folded to max(AUC, 1 - AUC) so a feature that separates in either direction scores high.
     */
    public static double auc(double[] x, boolean[] positive) {
        int np = 0;
        int nn = 0;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(x[i])) {
                if (positive[i]) {
                    np++;
                } else {
                    nn++;
                }
            }
        }
        if (np == 0 || nn == 0) {
            return Double.NaN;
        }
        double[] pos = new double[np];
        double[] neg = new double[nn];
        int a = 0;
        int b = 0;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(x[i])) {
                if (positive[i]) {
                    pos[a++] = x[i];
                } else {
                    neg[b++] = x[i];
                }
            }
        }
        Arrays.sort(pos);
        Arrays.sort(neg);
        double wins = 0;
        int below = 0;
        int upTo = 0;
        for (double p : pos) {
            while (below < nn && neg[below] < p) {
                below++;
            }
            upTo = Math.max(upTo, below);
            while (upTo < nn && neg[upTo] == p) {
                upTo++;
            }
            wins += below + 0.5 * (upTo - below);
        }
        double auc = wins / ((double) np * nn);
        return Math.max(auc, 1 - auc);
    }
}
