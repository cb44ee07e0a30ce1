package org.sealbook.toolkit.evaluation;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How far one column's values in new rows have moved from the training rows. The population stability index (PSI)
 * compares the share of rows in each bin: for numbers, bins cut at the training rows' deciles; for categories, one
 * bin per training category plus one for categories training never saw; missing values are a bin of their own in
 * both. For numbers, the Kolmogorov-Smirnov distance (the largest gap between the two running shares) is given too.
 * The PSI of two samples of the same rows is not 0: with few rows, chance alone fills the bins unevenly. So each
 * column also gets the PSI that chance reaches 19 times in 20 for its row counts and bins (PSI x nm/(n+m) follows a
 * chi-square law with bins - 1 degrees of freedom when nothing moved), and a PSI below it counts as no drift.
 * Usage: {@code ColumnDrift d = Drift.numbers("age", trainAges, newAges);}
 */
public final class Drift {
    /** Below this PSI a column has barely moved (the usual rule of thumb). */
    public static final double SMALL = 0.1;
    /** From this PSI on a column has moved a lot: a model trained on the old rows may not hold. */
    public static final double LARGE = 0.25;
    /** An empty bin counts as this share, so a bin empty on one side adds a large but finite amount. */
    static final double EMPTY_SHARE = 1e-4;
    private static final int BINS = 10;

    /**
     * One column's drift.
     *
     * @param kind     "number" or "category"
     * @param ks       the Kolmogorov-Smirnov distance, 0 to 1; NaN for a category or a column with no values
     * @param unseen   the share of new rows whose category training never saw; 0 for numbers
     * @param chance   the PSI that chance alone reaches 19 times in 20 for these row counts and bins
     */
    public record ColumnDrift(String column, String kind, double psi, double ks, double unseen,
                              double missingBefore, double missingNow, double chance) {
        /** "within chance", else "little", "some" or "a lot" by the PSI's rule of thumb. */
        public String words() {
            return psi <= chance ? "within chance" : psi < SMALL ? "little" : psi < LARGE ? "some" : "a lot";
        }

        /** Whether the column moved a lot: a PSI of {@link #LARGE} or more, and more than chance gives. */
        public boolean movedALot() {
            return psi >= LARGE && psi > chance;
        }

        /** Whether the column moved somewhat: from {@link #SMALL} to {@link #LARGE}, and more than chance gives. */
        public boolean movedSome() {
            return psi >= SMALL && psi < LARGE && psi > chance;
        }
    }

    private Drift() {
    }

    /** A numeric column's drift; NaN values are missing. */
    public static ColumnDrift numbers(String column, double[] before, double[] now) {
        double[] seen = Arrays.stream(before).filter(v -> !Double.isNaN(v)).sorted().toArray();
        double[] fresh = Arrays.stream(now).filter(v -> !Double.isNaN(v)).sorted().toArray();
        double[] edges = edges(seen);
        double[] p = new double[edges.length + 2]; // bins between the edges, then the missing bin
        double[] q = new double[edges.length + 2];
        count(before, edges, p);
        count(now, edges, q);
        return new ColumnDrift(column, "number", psi(p, q), ks(seen, fresh), 0,
                share(before.length - seen.length, before.length), share(now.length - fresh.length, now.length),
                chance(p, q));
    }

    /** A category column's drift; null values are missing. */
    public static ColumnDrift categories(String column, List<String> before, List<String> now) {
        Map<String, Integer> bins = new LinkedHashMap<>();
        for (String v : before) {
            if (v != null) {
                bins.putIfAbsent(v, bins.size());
            }
        }
        int unseenBin = bins.size();
        int missingBin = bins.size() + 1;
        double[] p = new double[bins.size() + 2];
        double[] q = new double[bins.size() + 2];
        Map<String, Integer> lookup = new HashMap<>(bins);
        for (String v : before) {
            p[v == null ? missingBin : lookup.get(v)]++;
        }
        int unseen = 0;
        for (String v : now) {
            int bin = v == null ? missingBin : lookup.getOrDefault(v, unseenBin);
            unseen += bin == unseenBin ? 1 : 0;
            q[bin]++;
        }
        return new ColumnDrift(column, "category", psi(p, q), Double.NaN, share(unseen, now.size()),
                share((int) p[missingBin], before.size()), share((int) q[missingBin], now.size()), chance(p, q));
    }

    /** The distinct training deciles: a value at or below edge k falls in bin k. */
    static double[] edges(double[] sortedSeen) {
        if (sortedSeen.length == 0) {
            return new double[0];
        }
        double[] cuts = new double[BINS - 1];
        for (int k = 1; k < BINS; k++) {
            cuts[k - 1] = sortedSeen[(int) Math.min(sortedSeen.length - 1, Math.floor(k * sortedSeen.length / (double) BINS))];
        }
        return Arrays.stream(cuts).distinct().toArray();
    }

    private static void count(double[] values, double[] edges, double[] bins) {
        int missing = bins.length - 1;
        for (double v : values) {
            if (Double.isNaN(v)) {
                bins[missing]++;
                continue;
            }
            int at = Arrays.binarySearch(edges, v);
            bins[at >= 0 ? at : -at - 1]++;
        }
    }

    /** Sum over bins of (now - before) x ln(now / before), on shares; 0 when either side has no rows. */
    static double psi(double[] before, double[] now) {
        double n = Arrays.stream(before).sum();
        double m = Arrays.stream(now).sum();
        if (n == 0 || m == 0) {
            return 0;
        }
        double total = 0;
        for (int i = 0; i < before.length; i++) {
            double p = Math.max(before[i] / n, EMPTY_SHARE);
            double q = Math.max(now[i] / m, EMPTY_SHARE);
            if (before[i] == 0 && now[i] == 0) {
                continue;
            }
            total += (q - p) * Math.log(q / p);
        }
        return total;
    }

    /**
     * The PSI chance alone reaches 19 times in 20 between two samples of the same rows with these counts: the
     * chi-square law's 95th percentile for (bins used - 1) degrees of freedom, times (1/n + 1/m).
     */
    static double chance(double[] before, double[] now) {
        double n = Arrays.stream(before).sum();
        double m = Arrays.stream(now).sum();
        int used = 0;
        for (int i = 0; i < before.length; i++) {
            used += before[i] + now[i] > 0 ? 1 : 0;
        }
        if (n == 0 || m == 0 || used < 2) {
            return 0;
        }
        return (1 / n + 1 / m) * chiSquare95(used - 1);
    }

    /** The chi-square law's 95th percentile for {@code df} degrees of freedom (Wilson-Hilferty, within 1% from 2). */
    static double chiSquare95(int df) {
        double z = 1.6448536269514722;
        double h = 2.0 / (9 * df);
        return df * Math.pow(1 - h + z * Math.sqrt(h), 3);
    }

    /** The largest gap between the two running shares of sorted values; NaN when a side has none. */
    static double ks(double[] a, double[] b) {
        if (a.length == 0 || b.length == 0) {
            return Double.NaN;
        }
        int i = 0;
        int j = 0;
        double gap = 0;
        while (i < a.length && j < b.length) {
            double v = Math.min(a[i], b[j]);
            while (i < a.length && a[i] == v) {
                i++;
            }
            while (j < b.length && b[j] == v) {
                j++;
            }
            gap = Math.max(gap, Math.abs((double) i / a.length - (double) j / b.length));
        }
        return gap;
    }

    private static double share(int part, int whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }
}
