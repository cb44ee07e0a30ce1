package org.sealbook.toolkit.chart;

import java.util.Locale;

/** How numbers read in chart labels and alt text: short, with no more digits than a reader needs. */
final class Labels {
    private Labels() {
    }

    /** A whole number without decimals, otherwise three significant digits (1.48 → "1.48", 1234.5 → "1235"). */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "undefined";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%d", (long) v);
        }
        double a = Math.abs(v);
        int decimals = a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3;
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** A share 0..1 as a percentage with one decimal, e.g. 0.01478 → "1.5%". */
    static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }
}
