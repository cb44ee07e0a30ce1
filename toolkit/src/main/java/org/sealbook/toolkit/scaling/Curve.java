package org.sealbook.toolkit.scaling;

/**
 * A fitted learning curve, error = a * N^-b + c (or a pure power law, c = 0), with how well it fits: its residual
 * sum of squares and its AICc, which lets two curves with different numbers of fitted values be compared fairly.
 * Usage: {@code Curve curve = CurveFit.fit(rows, errors, Curve.Form.SATURATING); curve.predict(2 * rows[4]);}
 *
 * @param a      how much error is left to lose, in error units at N = 1
 * @param b      how fast the error falls as N grows (the exponent)
 * @param c      the error the curve levels off at; 0 for the pure power law
 * @param rss    the residual sum of squares over the points
 * @param points how many points the curve was fitted to
 */
public record Curve(Form form, double a, double b, double c, double rss, double tss, int points) {
    /** The two shapes fitted: the one that levels off and the one that falls forever. */
    public enum Form {
        SATURATING("a * N^-b + c", 3), POWER_LAW("a * N^-b", 2);

        private final String formula;
        private final int parameters;

        Form(String formula, int parameters) {
            this.formula = formula;
            this.parameters = parameters;
        }

        public String formula() {
            return formula;
        }

        /** How many numbers the fit chooses: a, b and c, or a and b. */
        public int parameters() {
            return parameters;
        }

        public String label() {
            return this == SATURATING ? "saturating" : "power_law";
        }

        public static Form byLabel(String label) {
            return label.equals("saturating") ? SATURATING : POWER_LAW;
        }
    }

    /** The curve's error at {@code n} rows (or size). */
    public double predict(double n) {
        return a * Math.pow(n, -b) + c;
    }

    /**
     * The small-sample Akaike information criterion: lower is better; it charges each fitted number, more so when
     * there are few points. Infinite when there are too few points to judge a curve with this many numbers (a
     * 3-number curve needs 5 points).
     */
    public double aicc() {
        int k = form.parameters();
        int n = points;
        if (n - k - 1 <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        double perPoint = Math.max(rss, Double.MIN_NORMAL) / n; // a perfect fit is a very good fit, not minus infinity
        return n * Math.log(perPoint) + 2.0 * k + 2.0 * k * (k + 1) / (n - k - 1);
    }

    /** The share of the points' variation around their mean that the curve explains (1 is a perfect fit). */
    public double explained() {
        return tss > 0 ? 1 - rss / tss : (rss == 0 ? 1 : 0);
    }
}
