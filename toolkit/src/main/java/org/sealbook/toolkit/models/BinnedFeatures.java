package org.sealbook.toolkit.models;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Each feature cut once into at most {@value #MAX_BINS} levels (bins), so trees search 255 candidate splits per
 * feature from per-node histograms instead of sorting rows. The cuts are taken from the training rows as
 * scikit-learn's HistGradientBoosting does: between neighbouring distinct values when a feature has at most 255 of
 * them, else at 254 evenly spaced quantiles (the midpoint of the two rows around each). A value's bin is the
 * number of cuts below it, so "bin <= b" and "value <= cuts[b]" pick the same rows: trees split on bins while
 * training and on the raw cut when predicting new rows.
 * Usage: {@code BinnedFeatures bins = BinnedFeatures.learn(train.x()); byte[][] codes = bins.codes(train.x());}
 */
final class BinnedFeatures {
    static final int MAX_BINS = 255;

    /** Per feature, strictly ascending cut values; bin b holds the values in (cuts[b - 1], cuts[b]]. */
    private final double[][] cuts;

    private BinnedFeatures(double[][] cuts) {
        this.cuts = cuts;
    }

    /** Learns the cuts of every feature from the training rows (finite values), one feature per task. */
    static BinnedFeatures learn(double[][] x) {
        int features = x[0].length;
        double[][] cuts = new double[features][];
        IntStream.range(0, features).parallel().forEach(f -> {
            double[] sorted = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                sorted[i] = x[i][f];
            }
            Arrays.sort(sorted);
            cuts[f] = cutsOf(sorted);
        });
        return new BinnedFeatures(cuts);
    }

    private static double[] cutsOf(double[] sorted) {
        double[] distinct = distinct(sorted);
        double[] candidates;
        if (distinct.length <= MAX_BINS) {
            candidates = new double[Math.max(0, distinct.length - 1)];
            for (int i = 0; i < candidates.length; i++) {
                candidates[i] = midpoint(distinct[i], distinct[i + 1]);
            }
        } else {
            candidates = new double[MAX_BINS - 1];
            int last = sorted.length - 1;
            for (int q = 1; q < MAX_BINS; q++) {
                double position = (double) q * last / MAX_BINS;
                int below = (int) Math.floor(position);
                int above = (int) Math.ceil(position);
                candidates[q - 1] = sorted[below] == sorted[above] ? sorted[below]
                        : midpoint(sorted[below], sorted[above]);
            }
        }
        // Quantiles repeat where many rows share a value; a cut at the largest value would leave an empty bin.
        double[] kept = new double[candidates.length];
        int count = 0;
        for (double cut : candidates) {
            if ((count == 0 || cut > kept[count - 1]) && cut < sorted[sorted.length - 1]) {
                kept[count++] = cut;
            }
        }
        return Arrays.copyOf(kept, count);
    }

    private static double[] distinct(double[] sorted) {
        double[] out = new double[sorted.length];
        int count = 0;
        for (double v : sorted) {
            if (count == 0 || v != out[count - 1]) {
                out[count++] = v;
                if (count > MAX_BINS) {
                    break; // enough to know the quantile rule applies
                }
            }
        }
        return Arrays.copyOf(out, count);
    }

    /** Halfway between two values; the lower one where rounding would land on the upper (neighbouring doubles). */
    private static double midpoint(double lower, double upper) {
        double middle = lower / 2 + upper / 2;
        return middle < upper ? middle : lower;
    }

    /** The bin of every row's every feature, feature by feature (codes[f][row], 0..254 as unsigned bytes). */
    byte[][] codes(double[][] x) {
        byte[][] codes = new byte[cuts.length][x.length];
        IntStream.range(0, cuts.length).parallel().forEach(f -> {
            for (int i = 0; i < x.length; i++) {
                codes[f][i] = (byte) bin(f, x[i][f]);
            }
        });
        return codes;
    }

    /** The number of cuts below the value: the first cut at or above it, or the last bin. */
    int bin(int feature, double value) {
        double[] c = cuts[feature];
        int low = 0;
        int high = c.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (c[middle] < value) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    int features() {
        return cuts.length;
    }

    /** How many bins the feature has (cuts + 1). */
    int bins(int feature) {
        return cuts[feature].length + 1;
    }

    /** The raw value a split "bin <= b" of the feature compares with. */
    double cut(int feature, int bin) {
        return cuts[feature][bin];
    }

    void write(DataOutputStream out) throws IOException {
        out.writeInt(cuts.length);
        for (double[] c : cuts) {
            SavedModels.writeDoubles(out, c);
        }
    }

    static BinnedFeatures read(DataInputStream in) throws IOException {
        double[][] cuts = new double[in.readInt()][];
        for (int f = 0; f < cuts.length; f++) {
            cuts[f] = SavedModels.readDoubles(in);
        }
        return new BinnedFeatures(cuts);
    }
}
