package org.sealbook.toolkit.explain;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * How every stage writes a number, so that a table and the sentence about it agree: a score or measure to 4
 * significant digits, a share as a percentage to 3, a count with its noun, a duration in seconds or minutes. Digits
 * before the decimal point are never rounded away (12345.6 reads 12346), trailing zeros are dropped (1.000 reads 1),
 * and a NaN reads "not a number", never "NaN".
 */
public final class Numbers {
    private static final int NUMBER_DIGITS = 4;
    private static final int SHARE_DIGITS = 3;

    private Numbers() {
    }

    /** A score or measure to 4 significant digits, e.g. 0.99341 -> "0.9934", 1.0 -> "1", 32561 -> "32561". */
    public static String number(double value) {
        return plain(value, NUMBER_DIGITS);
    }

    /** A number for a table cell: "-" when there is none or it is not finite. */
    public static String cell(Double value) {
        return value == null || !Double.isFinite(value) ? "-" : number(value);
    }

    /** A share (0.2345) as a percentage to 3 significant digits: "23.5%"; 0.5 -> "50%". */
    public static String percent(double share) {
        return Double.isFinite(share) ? plain(BigDecimal.valueOf(share).movePointRight(2), SHARE_DIGITS) + "%"
                : plain(share, SHARE_DIGITS);
    }

    /** A share for a table cell: "-" when it is not finite. */
    public static String percentCell(double share) {
        return Double.isFinite(share) ? percent(share) : "-";
    }

    /** A count and its noun, plural unless one: "1 row", "3 rows". */
    public static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** A duration: milliseconds below a second, seconds below a minute, minutes above; 3 significant digits. */
    public static String duration(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "an unknown time";
        }
        double a = Math.abs(seconds);
        if (a > 0 && a < 1) {
            return plain(seconds * 1000, SHARE_DIGITS) + " ms";
        }
        return a < 60 ? plain(seconds, SHARE_DIGITS) + " s" : plain(seconds / 60, SHARE_DIGITS) + " min";
    }

    private static String plain(double value, int digits) {
        if (Double.isNaN(value)) {
            return "not a number";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "infinite" : "minus infinite";
        }
        return plain(BigDecimal.valueOf(value), digits);
    }

    private static String plain(BigDecimal value, int digits) {
        int whole = value.precision() - value.scale();
        return value.round(new MathContext(Math.max(digits, whole), RoundingMode.HALF_UP)).stripTrailingZeros()
                .toPlainString();
    }
}
