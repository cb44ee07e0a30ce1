package org.sealbook.toolkit.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * Finds pairs of columns where one is the other in another form (a log, a square, a change of units): their rank
 * (Spearman) correlation is near 1 or -1, though Pearson r can stay well under the pair limit (x and ln x over 1..200:
 * r = 0.886). Ranking every column on every row cost the data check a third more time and half again its memory on
 * 1M rows, so the pairs are screened on the ranks of a seeded sample of rows, and only the pairs that come near the
 * limit there are measured again, exactly, on all rows. A pair with missing values is ranked on the rows where both
 * are present, as pandas' {@code corr(method="spearman")} does.
 * Usage: {@code double rho = SameForm.rankCorrelations(columns, 0.99, skip)[i][j];}
 */
final class SameForm {
    /** The rows the screen ranks; a data set this small or smaller is screened on all its rows. */
    static final int SAMPLE_ROWS = 20_000;
    /**
     * How far under the limit a pair's sampled rank correlation may be and still be measured on all rows. Near 0.99
     * a sample of 20,000 rows is off by about 0.0002 (the standard error, (1 - rho^2) / sqrt(rows)); the margin is
     * fifty times that, so a pair is not missed by the luck of the draw, and costs only a few more exact checks.
     */
    static final double SCREEN_MARGIN = 0.01;
    private static final long SAMPLE_SEED = 20_261_208L;

    private SameForm() {
    }

    /**
     * The rank correlation of each pair i &lt; j (upper triangle) whose |value| reaches {@code limit}, measured on all
     * rows; NaN for every other pair, and for pairs where {@code skip[i][j]} (already told as moving together).
     */
    static double[][] rankCorrelations(List<double[]> columns, double limit, boolean[][] skip) {
        int k = columns.size();
        double[][] rho = new double[k][k];
        for (double[] row : rho) {
            Arrays.fill(row, Double.NaN);
        }
        if (k < 2) {
            return rho;
        }
        int[] rows = sample(columns.get(0).length, SAMPLE_ROWS, SAMPLE_SEED);
        List<double[]> sampledRanks = IntStream.range(0, k).parallel()
                .mapToObj(c -> ranks(pick(columns.get(c), rows))).toList();
        List<int[]> candidates = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            for (int j = i + 1; j < k; j++) {
                if (!skip[i][j] && Math.abs(Stats.pearson(sampledRanks.get(i), sampledRanks.get(j))) >= limit - SCREEN_MARGIN) {
                    candidates.add(new int[] {i, j});
                }
            }
        }
        // a complete column is ranked on all rows once, however many candidate pairs it is in
        Map<Integer, double[]> fullRanks = new ConcurrentHashMap<>();
        candidates.parallelStream().forEach(p -> {
            double exact = exact(columns, p[0], p[1], fullRanks);
            rho[p[0]][p[1]] = Math.abs(exact) >= limit ? exact : Double.NaN;
        });
        return rho;
    }

    /** Spearman's rho of two columns on all rows where both are present. */
    private static double exact(List<double[]> columns, int i, int j, Map<Integer, double[]> fullRanks) {
        double[] x = columns.get(i);
        double[] y = columns.get(j);
        if (complete(x) && complete(y)) {
            return Stats.pearson(fullRanks.computeIfAbsent(i, c -> ranks(x)), fullRanks.computeIfAbsent(j, c -> ranks(y)));
        }
        int both = 0;
        for (int n = 0; n < x.length; n++) {
            both += Double.isNaN(x[n]) || Double.isNaN(y[n]) ? 0 : 1;
        }
        double[] a = new double[both];
        double[] b = new double[both];
        int p = 0;
        for (int n = 0; n < x.length; n++) {
            if (!Double.isNaN(x[n]) && !Double.isNaN(y[n])) {
                a[p] = x[n];
                b[p++] = y[n];
            }
        }
        return Stats.pearson(ranks(a), ranks(b));
    }

    private static boolean complete(double[] x) {
        for (double v : x) {
            if (Double.isNaN(v)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Each value's rank among the present values (1 for the smallest), tied values sharing the mean of their ranks,
     * as pandas' rank(); NaN where missing. Ties are values that compare equal, so -0 and 0 are one value.
     */
    static double[] ranks(double[] x) {
        double[] sorted = Stats.present(x);
        Arrays.sort(sorted);
        double[] ranks = new double[x.length];
        for (int n = 0; n < x.length; n++) {
            if (Double.isNaN(x[n])) {
                ranks[n] = Double.NaN;
                continue;
            }
            int below = Stats.firstAtLeast(sorted, x[n]);
            int upTo = firstAbove(sorted, x[n]);
            ranks[n] = (below + 1 + upTo) / 2.0; // the mean of ranks below+1 .. upTo
        }
        return ranks;
    }

    private static int firstAbove(double[] sorted, double v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * {@code wanted} row numbers of {@code rows}, in ascending order, each set of rows as likely as any other
     * (selection sampling: row n is taken with the chance wanted-left / rows-left); all rows when there are no more.
     */
    static int[] sample(int rows, int wanted, long seed) {
        if (rows <= wanted) {
            return IntStream.range(0, rows).toArray();
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] picked = new int[wanted];
        int taken = 0;
        for (int n = 0; n < rows && taken < wanted; n++) {
            if (random.nextInt(rows - n) < wanted - taken) {
                picked[taken++] = n;
            }
        }
        return picked;
    }

    private static double[] pick(double[] x, int[] rows) {
        double[] out = new double[rows.length];
        for (int n = 0; n < rows.length; n++) {
            out[n] = x[rows[n]];
        }
        return out;
    }
}
