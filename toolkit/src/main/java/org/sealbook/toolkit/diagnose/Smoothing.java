package org.sealbook.toolkit.diagnose;

import java.util.Arrays;

/**
 * The smoothed curve the verdicts read: a centred moving median. A median ignores a single spike that a mean would
 * smear over its neighbours, and a centred window does not lag, so "lowest at step 14" means step 14 on the raw
 * curve too (TensorBoard's moving average lags by half its window). The window grows with the run, one step in
 * twenty, odd, at most {@link #WIDEST}; runs under ten steps are left as they are.
 */
public final class Smoothing {
    public static final int WIDEST = 9;

    private Smoothing() {
    }

    /** The window for a curve of {@code n} points: 1, 3, 5, 7 or 9. */
    public static int window(int n) {
        return Math.min(WIDEST, 2 * (n / 20) + 1);
    }

    /** {@code y} smoothed; NaN and infinite values are left out of each window (and stay where they are). */
    public static double[] smooth(double[] y) {
        return smooth(y, window(y.length));
    }

    /** {@code y} smoothed over an odd {@code window} of points. */
    static double[] smooth(double[] y, int window) {
        int half = window / 2;
        double[] out = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            if (!Double.isFinite(y[i])) {
                out[i] = y[i];
                continue;
            }
            int from = Math.max(0, i - half);
            int to = Math.min(y.length, i + half + 1);
            // at the ends the window shrinks to stay centred, so the last point is not pulled back to earlier ones
            int reach = Math.min(i - from, to - 1 - i);
            out[i] = median(Arrays.copyOfRange(y, i - reach, i + reach + 1));
        }
        return out;
    }

    private static double median(double[] values) {
        double[] finite = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        int n = finite.length;
        return n % 2 == 1 ? finite[n / 2] : (finite[n / 2 - 1] + finite[n / 2]) / 2;
    }
}
