package org.sealbook.toolkit.plan;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sealbook.toolkit.hypothesis.Metric;

/**
 * A machine-checkable rule on an experiment's scores, written {@code LEFT OP RIGHT}: LEFT is {@code val_<metric>},
 * {@code train_<metric>} or {@code gap} (the relative train/validation gap), OP one of {@code >= <= > <}, RIGHT a
 * number or {@code baseline}, optionally followed by {@code + - *} and a number (the baseline's score of the same
 * name). Spaces are optional.
 * Usage: {@code Criterion.parse("val_auc >= baseline * 1.01").test(scores, baselineScores)}.
 */
public final class Criterion {
    private static final String EXAMPLE = "val_auc >= baseline * 1.01";
    private static final String NUMBER = "\\d+(?:\\.\\d+)?(?:e[+-]?\\d+)?";
    private static final Pattern PLAIN_NUMBER = Pattern.compile("[+-]?" + NUMBER);
    private static final Pattern BASELINE = Pattern.compile("baseline(?:\\s*([+*-])\\s*(" + NUMBER + "))?");
    private static final Pattern SCORE = Pattern.compile("(val|train)_([a-z0-9_]+)");

    private final String score;
    private final Metric metric;
    private final String op;
    private final boolean usesBaseline;
    private final String arithmetic;
    private final BigDecimal number;

    private Criterion(String score, Metric metric, String op, boolean usesBaseline, String arithmetic,
                      BigDecimal number) {
        this.score = score;
        this.metric = metric;
        this.op = op;
        this.usesBaseline = usesBaseline;
        this.arithmetic = arithmetic;
        this.number = number;
    }

    /** Parses a rule such as {@code gap <= 0.10}; anything else is refused with one sentence and an example. */
    public static Criterion parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("The criterion is empty; write one such as " + EXAMPLE + ".");
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        int at = indexOfComparison(t);
        if (at < 0) {
            throw new IllegalArgumentException("The criterion '" + text.trim() + "' has no comparison; write LEFT OP "
                    + "RIGHT with OP one of >=, <=, >, <, such as " + EXAMPLE + ".");
        }
        int end = at;
        while (end < t.length() && "<>=!".indexOf(t.charAt(end)) >= 0) {
            end++;
        }
        String op = t.substring(at, end);
        if (!op.equals(">=") && !op.equals("<=") && !op.equals(">") && !op.equals("<")) {
            throw new IllegalArgumentException("The criterion '" + text.trim() + "' compares with '" + op
                    + "', which is not one of >=, <=, >, <; write one such as " + EXAMPLE + ".");
        }
        String left = t.substring(0, at).trim();
        String right = t.substring(end).trim();
        if (left.isEmpty() || right.isEmpty()) {
            throw new IllegalArgumentException("The criterion '" + text.trim() + "' has nothing on the "
                    + (left.isEmpty() ? "left" : "right") + " of " + op + "; write both sides, such as " + EXAMPLE
                    + ".");
        }
        Metric metric = null;
        if (!left.equals("gap")) {
            Matcher m = SCORE.matcher(left);
            if (!m.matches()) {
                throw new IllegalArgumentException("The criterion '" + text.trim() + "' starts with '" + left
                        + "', which is not val_<metric>, train_<metric> or gap; write one such as " + EXAMPLE + ".");
            }
            metric = metricNamed(m.group(2), text.trim());
        }
        if (PLAIN_NUMBER.matcher(right).matches()) {
            return new Criterion(left, metric, op, false, null, new BigDecimal(right));
        }
        Matcher b = BASELINE.matcher(right);
        if (!b.matches()) {
            throw new IllegalArgumentException("The criterion '" + text.trim() + "' ends with '" + right
                    + "', which is neither a number nor baseline with + - * and a number; write one such as "
                    + EXAMPLE + ".");
        }
        BigDecimal operand = b.group(2) == null ? null : new BigDecimal(b.group(2));
        return new Criterion(left, metric, op, true, b.group(1), operand);
    }

    /** The rule in its one written form, e.g. {@code val_auc >= baseline * 1.01}; parsing it gives this rule back. */
    public String text() {
        String rightSide = usesBaseline
                ? "baseline" + (arithmetic == null ? "" : " " + arithmetic + " " + plain(number))
                : plain(number);
        return score + " " + op + " " + rightSide;
    }

    /** The metric the rule reads, or empty for {@code gap}. */
    public Optional<Metric> metric() {
        return Optional.ofNullable(metric);
    }

    /** Whether the right side refers to the baseline's score. */
    public boolean usesBaseline() {
        return usesBaseline;
    }

    /**
     * Whether the rule holds. {@code scores} and {@code baselineScores} are keyed like {@code val_auc},
     * {@code train_auc} and {@code gap}; the baseline's are read only when the rule names the baseline.
     */
    public boolean test(Map<String, Double> scores, Map<String, Double> baselineScores) {
        double value = read(scores, "experiment");
        double bound = number == null ? 0 : number.doubleValue();
        if (usesBaseline) {
            double base = read(baselineScores, "baseline");
            bound = arithmetic == null ? base : switch (arithmetic) {
                case "+" -> base + bound;
                case "-" -> base - bound;
                default -> base * bound;
            };
        }
        return switch (op) {
            case ">=" -> value >= bound;
            case "<=" -> value <= bound;
            case ">" -> value > bound;
            default -> value < bound;
        };
    }

    private double read(Map<String, Double> scores, String whose) {
        Double value = scores == null ? null : scores.get(score);
        if (value == null) {
            throw new IllegalArgumentException("The " + whose + " has no score " + score + " to check " + text()
                    + " against; compute " + score + " for it first.");
        }
        if (value.isNaN()) {
            throw new IllegalArgumentException("The " + whose + "'s score " + score + " is not a number (NaN), so "
                    + text() + " cannot be decided; find why the score could not be computed.");
        }
        return value;
    }

    private static int indexOfComparison(String t) {
        for (int i = 0; i < t.length(); i++) {
            if ("<>=!".indexOf(t.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static Metric metricNamed(String label, String text) {
        for (Metric m : Metric.values()) {
            if (m.label().equals(label)) {
                return m;
            }
        }
        StringBuilder known = new StringBuilder();
        for (Metric m : Metric.values()) {
            known.append(known.isEmpty() ? "" : ", ").append(m.label());
        }
        throw new IllegalArgumentException("The criterion '" + text + "' names the metric '" + label
                + "', which does not exist; use one of " + known + ", such as " + EXAMPLE + ".");
    }

    private static String plain(BigDecimal n) {
        // 0.10 and 1e-2 are written 0.1 and 0.01, so equal rules have equal text.
        String s = n.stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Criterion c && c.text().equals(text());
    }

    @Override
    public int hashCode() {
        return text().hashCode();
    }

    @Override
    public String toString() {
        return text();
    }
}
