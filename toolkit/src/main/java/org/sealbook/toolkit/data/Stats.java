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
        double[] sorted = present(x);
        Arrays.sort(sorted);
        return madOfSorted(sorted, median);
    }

    /**
     * The MAD of sorted values without sorting again: the distances from the median grow outward from it on both
     * sides, so merging the two sides in order reaches the middle distance in one walk.
     */
    static double madOfSorted(double[] sorted, double median) {
        int n = sorted.length;
        if (n == 0) {
            return Double.NaN;
        }
        int right = firstAtLeast(sorted, median); // sorted[right..] are >= median, sorted[..right-1] below it
        int left = right - 1;
        double previous = Double.NaN;
        for (int k = 0; k <= n / 2; k++) {
            double d;
            if (left < 0 || (right < n && sorted[right] - median <= median - sorted[left])) {
                d = sorted[right++] - median;
            } else {
                d = median - sorted[left--];
            }
            if (k == n / 2) {
                return n % 2 == 1 ? d : (previous + d) / 2.0;
            }
            previous = d;
        }
        throw new AssertionError("the walk ends at the middle distance");
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
     * {@link #madOutliers} on sorted values by two binary searches: the score only grows away from the median, so
     * the flagged values are the two ends. The same test is applied, so the count is the same.
     */
    static long madOutliersOfSorted(double[] sorted, double median, double mad, double limit) {
        if (!(mad > 0)) {
            return 0;
        }
        double scale = 0.6745 / mad;
        int middle = firstAtLeast(sorted, median);
        int lo = 0;
        int hi = middle; // flagged low values are sorted[0..lowEnd)
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if ((median - sorted[mid]) * scale > limit) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        long low = lo;
        lo = middle;
        hi = sorted.length; // flagged high values are sorted[highStart..]
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if ((sorted[mid] - median) * scale > limit) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return low + (sorted.length - lo);
    }

    /** The first index whose value is at least v (sorted.length when none is). */
    static int firstAtLeast(double[] sorted, double v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * Area under the ROC curve of x as a score for the positive rows, by the rank (Mann-Whitney) formula with
     * ties counted half, folded to max(AUC, 1 - AUC) so a feature that separates in either direction scores high.
     */
    public static double auc(double[] x, boolean[] positive) {
        double[] sorted = present(x);
        Arrays.sort(sorted);
        return aucWithSorted(x, sorted, positive);
    }

    /** {@link #auc} given x's present values already sorted (see {@link #rocAucWithSorted}). */
    static double aucWithSorted(double[] x, double[] sorted, boolean[] positive) {
        double auc = rocAucWithSorted(x, sorted, positive);
        return Math.max(auc, 1 - auc);
    }

    /**
     * Area under the ROC curve of {@code scores} for the positive rows, as scikit-learn's roc_auc_score: the chance a
     * random positive row scores above a random negative one, ties counted half, missing (NaN) scores left out; NaN
     * when the rows hold no positive or no negative. Not folded: a score that ranks the wrong way gives below 0.5.
     */
    public static double rocAuc(double[] scores, boolean[] positive) {
        double[] sorted = present(scores);
        Arrays.sort(sorted);
        return rocAucWithSorted(scores, sorted, positive);
    }

    /**
     * {@link #rocAuc} given x's present values already sorted: only the positive rows are sorted here, and one walk
     * over both sorted lists sums the positives' mid-ranks among all values.
     */
    static double rocAucWithSorted(double[] x, double[] sorted, boolean[] positive) {
        int np = 0;
        for (int i = 0; i < x.length; i++) {
            np += positive[i] && !Double.isNaN(x[i]) ? 1 : 0;
        }
        long nn = sorted.length - np;
        if (np == 0 || nn == 0) {
            return Double.NaN;
        }
        double[] pos = new double[np];
        for (int i = 0, k = 0; i < x.length; i++) {
            if (positive[i] && !Double.isNaN(x[i])) {
                pos[k++] = x[i];
            }
        }
        Arrays.sort(pos);
        double rankSum = 0;
        int p = 0;
        for (int start = 0; start < sorted.length && p < np; ) {
            int end = start;
            while (end < sorted.length && sorted[end] == sorted[start]) {
                end++;
            }
            int positives = 0;
            while (p < np && pos[p] == sorted[start]) {
                p++;
                positives++;
            }
            rankSum += positives * (start + (end - start + 1) / 2.0); // mid-rank of the tied run, counted from 1
            start = end;
        }
        double wins = rankSum - (double) np * (np + 1) / 2.0;
        return wins / ((double) np * nn);
    }

    /**
     * The p-quantile (p from 0 to 1) of sorted values by linear interpolation between the closest ranks, as pandas'
     * quantile and numpy's default percentile; NaN when there are no values.
     */
    public static double quantileOfSorted(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double position = p * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
    }
}
