package org.sealbook.toolkit.data;

import java.nio.charset.StandardCharsets;

/**
 * Parses a field's bytes of a file {@link CsvReader} reads as a number: optional sign, digits with an optional
 * decimal point, optional exponent. Decimals with at most 15 significant digits and a small exponent are computed
 * exactly (one correctly rounded multiplication or division of two exact doubles); anything longer goes to
 * Double.parseDouble.
 * Usage: {@code if (parser.parse(bytes, length) == CsvNumber.WHOLE) use(parser.whole);}
 */
final class CsvNumber {
    static final int NOT_A_NUMBER = 0;
    static final int WHOLE = 1;
    static final int DECIMAL = 2;
    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    long whole;
    double decimal;

    int parse(byte[] s, int n) {
        int i = 0;
        boolean negative = false;
        if (i < n && (s[i] == '-' || s[i] == '+')) {
            negative = s[i] == '-';
            i++;
        }
        long mantissa = 0;
        int significant = 0;
        int digits = 0;
        int scale = 0;
        boolean inexact = false;
        for (; i < n && s[i] >= '0' && s[i] <= '9'; i++, digits++) {
            if (significant < 18) {
                mantissa = mantissa * 10 + (s[i] - '0');
                significant += mantissa == 0 ? 0 : 1;
            } else {
                inexact = true;
                scale++;
            }
        }
        boolean point = i < n && s[i] == '.';
        boolean zeroFraction = true;
        if (point) {
            for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++, digits++) {
                zeroFraction &= s[i] == '0';
                if (significant < 18) {
                    mantissa = mantissa * 10 + (s[i] - '0');
                    significant += mantissa == 0 ? 0 : 1;
                    scale--;
                } else {
                    inexact = true;
                }
            }
        }
        if (digits == 0) {
            return NOT_A_NUMBER;
        }
        boolean exponent = i < n && (s[i] == 'e' || s[i] == 'E');
        int power = 0;
        if (exponent) {
            i++;
            boolean negativePower = false;
            if (i < n && (s[i] == '-' || s[i] == '+')) {
                negativePower = s[i] == '-';
                i++;
            }
            int powerDigits = 0;
            for (; i < n && s[i] >= '0' && s[i] <= '9'; i++, powerDigits++) {
                power = Math.min(power * 10 + (s[i] - '0'), 100_000);
            }
            if (powerDigits == 0) {
                return NOT_A_NUMBER;
            }
            power = negativePower ? -power : power;
        }
        if (i != n) {
            return NOT_A_NUMBER;
        }
        if (point && zeroFraction && !exponent && !inexact && scale >= -18) {
            whole = (negative ? -mantissa : mantissa) / (long) POWERS_OF_TEN[-scale]; // 127.0 is the whole 127
            return WHOLE;
        }
        if (!point && !exponent) {
            if (!inexact) {
                whole = negative ? -mantissa : mantissa;
                return WHOLE;
            }
            try {
                whole = Long.parseLong(new String(s, 0, n, StandardCharsets.ISO_8859_1));
                return WHOLE;
            } catch (NumberFormatException tooLong) {
                // more digits than a long holds: read below as a decimal, which keeps its size
            }
        }
        int total = scale + power;
        if (!inexact && mantissa < (1L << 53) && total >= -22 && total <= 22) {
            double v = total < 0 ? mantissa / POWERS_OF_TEN[-total] : mantissa * POWERS_OF_TEN[total];
            decimal = negative ? -v : v;
        } else {
            decimal = Double.parseDouble(new String(s, 0, n, StandardCharsets.ISO_8859_1));
        }
        return DECIMAL;
    }
}
