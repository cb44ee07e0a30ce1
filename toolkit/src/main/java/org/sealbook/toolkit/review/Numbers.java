package org.sealbook.toolkit.review;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import org.sealbook.toolkit.hypothesis.Metric;

/** Numbers as the review's sentences write them: short, and never a raw NaN. */
final class Numbers {
    private static final MathContext SCORE_DIGITS = new MathContext(4);
    private static final MathContext SHARE_DIGITS = new MathContext(3);

    private Numbers() {
    }

    /** A score to 4 significant digits, e.g. 0.9934. */
    static String score(double value) {
        return plain(value, SCORE_DIGITS);
    }

    /** A share as a percentage to 3 significant digits, e.g. 0.2345 -> 23.5%. */
    static String percent(double share) {
        return Double.isFinite(share) ? plain(share * 100, SHARE_DIGITS) + "%" : plain(share, SHARE_DIGITS);
    }

    /** An improvement or gap in the metric's own terms: a percentage, or for r2 a plain difference. */
    static String amount(Metric metric, double value) {
        return Improvement.byDifference(metric) ? plain(value, SHARE_DIGITS) : percent(value);
    }

    /** "23.5% better" or "4.1% worse". */
    static String betterOrWorse(Metric metric, double improvement) {
        return amount(metric, Math.abs(improvement)) + (improvement < 0 ? " worse" : " better");
    }

    /** A whole number with thousands separated, e.g. 2,113. */
    static String whole(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** A duration, in seconds or in milliseconds when below one second, e.g. 3.21 s or 0.0152 ms. */
    static String duration(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "an unknown time";
        }
        return seconds >= 1 ? plain(seconds, SHARE_DIGITS) + " s" : plain(seconds * 1000, SHARE_DIGITS) + " ms";
    }

    private static String plain(double value, MathContext digits) {
        if (Double.isNaN(value)) {
            return "not a number";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "infinite" : "minus infinite";
        }
        return new BigDecimal(value).round(digits).stripTrailingZeros().toPlainString();
    }
}
