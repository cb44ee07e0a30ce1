package org.sealbook.toolkit.chart;

import java.util.Arrays;
import org.sealbook.toolkit.data.Stats;

/**
 * The five numbers a box plot draws for one column, with Tukey's whiskers: the most extreme values within
 * 1.5 interquartile ranges of the box; values beyond them are drawn as points.
 *
 * @param q1        first quartile (linear interpolation, as pandas' quantile)
 * @param outliers  the values beyond the whiskers, sorted
 */
public record Box(String column, int count, double q1, double median, double q3, double lowerWhisker,
                  double upperWhisker, double[] outliers) {

    public Box {
        outliers = outliers.clone();
    }

    @Override
    public double[] outliers() {
        return outliers.clone();
    }

    /** The box of the present values (NaN = missing); refuses a column with none. */
    public static Box of(String column, double[] values) {
        double[] x = Stats.present(values);
        if (x.length == 0) {
            throw new IllegalArgumentException("The column '" + column + "' has no values to draw a box plot of; "
                    + "choose a column with numbers in it.");
        }
        Arrays.sort(x);
        double q1 = Stats.quantileOfSorted(x, 0.25);
        double q3 = Stats.quantileOfSorted(x, 0.75);
        double reach = 1.5 * (q3 - q1);
        double lowFence = q1 - reach;
        double highFence = q3 + reach;
        double low = q1;
        double high = q3;
        int beyond = 0;
        for (double v : x) {
            if (v < lowFence || v > highFence) {
                beyond++;
            } else {
                low = Math.min(low, v);
                high = Math.max(high, v);
            }
        }
        double[] out = new double[beyond];
        int k = 0;
        for (double v : x) {
            if (v < lowFence || v > highFence) {
                out[k++] = v;
            }
        }
        return new Box(column, x.length, q1, Stats.quantileOfSorted(x, 0.5), q3, low, high, out);
    }

    double lowest() {
        return outliers.length > 0 ? Math.min(outliers[0], lowerWhisker) : lowerWhisker;
    }

    double highest() {
        return outliers.length > 0 ? Math.max(outliers[outliers.length - 1], upperWhisker) : upperWhisker;
    }
}
