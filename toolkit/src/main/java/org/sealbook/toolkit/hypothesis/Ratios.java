package org.sealbook.toolkit.hypothesis;

import org.sealbook.toolkit.explain.Numbers;

/**
 * The shares of rows for training, validation and test; each above zero, together 1.
 * Usage: {@code Ratios.of(0.7, 0.15, 0.15)}.
 */
public record Ratios(double train, double validation, double test) {
    public static final Ratios DEFAULT = new Ratios(0.70, 0.15, 0.15);

    public Ratios {
        if (!(train > 0 && validation > 0 && test > 0)) {
            throw new IllegalArgumentException("The split ratios " + text(train, validation, test)
                    + " must each be above 0; give three shares such as 0.7/0.15/0.15.");
        }
        double sum = train + validation + test;
        if (Math.abs(sum - 1.0) > 1e-9) {
            throw new IllegalArgumentException("The split ratios " + text(train, validation, test) + " add up to "
                    + Numbers.number(sum) + ", not 1; give three shares that sum to 1, such as 0.7/0.15/0.15.");
        }
    }

    public static Ratios of(double train, double validation, double test) {
        return new Ratios(train, validation, test);
    }

    /** Parses {@code 0.7/0.15/0.15} (also with commas), refusing anything else with one sentence. */
    public static Ratios parse(String text) {
        String[] parts = text.trim().split("\\s*[/,]\\s*");
        if (parts.length != 3) {
            throw new IllegalArgumentException("The split ratios " + text + " are not three shares; write them as "
                    + "train/validation/test, such as 0.7/0.15/0.15.");
        }
        double[] v = new double[3];
        for (int i = 0; i < 3; i++) {
            try {
                v[i] = Double.parseDouble(parts[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("The split ratio " + parts[i] + " in " + text + " is not a number; "
                        + "write the ratios as train/validation/test, such as 0.7/0.15/0.15.", e);
            }
        }
        return new Ratios(v[0], v[1], v[2]);
    }

    @Override
    public String toString() {
        return text(train, validation, test);
    }

    private static String text(double a, double b, double c) {
        return Numbers.number(a) + "/" + Numbers.number(b) + "/" + Numbers.number(c);
    }
}
