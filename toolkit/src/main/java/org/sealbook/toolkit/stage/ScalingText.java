package org.sealbook.toolkit.stage;

import org.sealbook.toolkit.explain.Explainer;
import org.sealbook.toolkit.explain.Numbers;
import org.sealbook.toolkit.pipeline.FrontEnd;
import org.sealbook.toolkit.scaling.Curve;
import org.sealbook.toolkit.scaling.CurveBootstrap;
import org.sealbook.toolkit.scaling.CurveFit;
import org.sealbook.toolkit.scaling.CurveBootstrap.Interval;
import org.sealbook.toolkit.scaling.ScalingRecord;

/** The words of %scaling: every number in them comes from the sealed record. */
final class ScalingText {
    /** Below a millionth an error, a gain or an exponent reads "about 0": its digits would only be noise. */
    static final double TINY = 1e-6;
    private final ScalingRecord record;
    private final Explainer explainer;
    private final FrontEnd names;
    private final String unit;
    private final int validationRows;
    /** The hypothesis's smallest relative improvement that counts: a gain below it is real but not worth having. */
    private final double worthHaving;

    ScalingText(ScalingRecord record, Explainer explainer, FrontEnd names, String unit, int validationRows,
                double worthHaving) {
        this.worthHaving = worthHaving;
        this.record = record;
        this.explainer = explainer;
        this.names = names;
        this.unit = unit;
        this.validationRows = validationRows;
    }

    String unit() {
        return unit;
    }

    private boolean overRows() {
        return record.over().equals("rows");
    }

    String whatIDid(int trainingRows) {
        ScalingRecord.Point first = record.points().get(0);
        ScalingRecord.Point last = record.points().get(record.points().size() - 1);
        String varied = overRows()
                ? "on " + record.points().size() + " nested samples of its " + trainingRows + " training rows, from "
                + first.n() + " to " + last.n() + " rows (each smaller sample inside the larger ones, drawn with seed "
                + record.seed() + ")"
                : "at " + record.points().size() + " sizes on all " + trainingRows + " training rows, from "
                + first.setting() + " to " + last.setting() + " (size " + first.n() + " to " + last.n() + ", in "
                + unit + ")";
        return "To draw a " + explainer.term("scaling law") + " for " + record.experiment() + ", the report's "
                + "winner, I trained its family (" + record.family() + ", its other settings unchanged) " + varied
                + ", and scored each on the " + validationRows + " validation rows. The error is " + record.error()
                + " (lower is better), so the curve shows how much error is left at each size.";
    }

    String curve() {
        Curve chosen = record.chosen();
        Curve other = record.other();
        Curve saturating = chosen.form() == Curve.Form.SATURATING ? chosen : other;
        Curve power = chosen.form() == Curve.Form.POWER_LAW ? chosen : other;
        StringBuilder s = new StringBuilder("I fitted two curves to the points: a " + explainer.term("power law")
                + ", error = " + Curve.Form.POWER_LAW.formula() + ", which keeps falling forever, and one that "
                + "levels off at c, error = " + Curve.Form.SATURATING.formula() + ". ");
        if (!Double.isFinite(saturating.aicc())) {
            s.append("With only ").append(record.points().size()).append(" points the curve with 3 numbers cannot be "
                    + "judged by ").append(explainer.term("AICc")).append(", so I kept the power law (AICc ")
                    .append(number(power.aicc())).append("). ");
        } else {
            s.append("By ").append(explainer.term("AICc")).append(" the ").append(name(chosen))
                    .append(" fits better (AICc ").append(number(chosen.aicc())).append(" against ")
                    .append(number(other.aicc())).append(" for the ").append(name(other)).append("). ");
        }
        CurveBootstrap.Intervals i = record.intervals();
        s.append("Its exponent b is ").append(number(chosen.b())).append(range(i.b())).append(": each "
                + "doubling of the ").append(overRows() ? "training rows" : "model's size").append(" multiplies the error that can still be lost by 2^-b = ")
                .append(number(Math.pow(2, -chosen.b()))).append(". ");
        if (chosen.form() == Curve.Form.SATURATING) {
            s.append("It levels off at c = ").append(number(chosen.c())).append(range(i.c())).append(": the "
                    + "error ").append(overRows() ? "no amount of rows removes" : "no larger model removes")
                    .append(" for this family and these columns. ");
        }
        if (chosen.b() >= CurveFit.MAX_EXPONENT - 1e-9) {
            s.append("b reached the largest value tried (").append(number(CurveFit.MAX_EXPONENT)).append("): the "
                    + "error fell faster than any learning curve does, so the points say more about where it hit "
                    + "its floor than about a steady law. ");
        }
        s.append("The curve explains ").append(Numbers.percent(chosen.explained())).append(" of how the errors "
                + "vary between the points.");
        if (i.b().known()) {
            s.append(" The ranges are ").append(explainer.term("bootstrap intervals")).append(" from ")
                    .append(i.used()).append(" of ").append(i.resamples()).append(" redraws of the points.");
        } else {
            s.append(" Too few of the ").append(i.resamples()).append(" redraws of the points had enough different "
                    + "sizes to refit (").append(i.used()).append("), so no range is given.");
        }
        return s.toString();
    }

    String doubling() {
        Curve chosen = record.chosen();
        double at = record.at();
        double now = chosen.predict(at);
        double doubled = chosen.predict(2 * at);
        Interval gain = record.intervals().gain();
        String what = overRows() ? "twice the training rows (" + Numbers.number(2 * at) + " instead of "
                + Numbers.number(at) + ")" : "a model twice the size (" + Numbers.number(2 * at) + " instead of "
                + Numbers.number(at) + ", in " + unit + ")";
        double measured = record.points().get(record.points().size() - 1).error();
        String more = overRows() ? "more rows" : "a bigger model";
        String verdict;
        if (!gain.known()) {
            verdict = "How sure that is cannot be said from these points.";
        } else if (gain.high() >= 0) {
            verdict = "The range reaches " + number(gain.high()) + " (no gain, or a loss), so " + more
                    + " may buy nothing.";
        } else if (relativeGain() < worthHaving) {
            verdict = "Even the smallest likely gain (" + number(-gain.high()) + ") is a real drop, but the expected "
                    + "one is " + Numbers.percent(relativeGain()) + " of the error, below the "
                    + Numbers.percent(worthHaving) + " the hypothesis counts as worth having: " + more + " alone "
                    + "would not change much.";
        } else {
            verdict = "Even the smallest likely gain (" + number(-gain.high()) + ") is a real drop, and the expected "
                    + "one, " + Numbers.percent(relativeGain()) + " of the error, clears the "
                    + Numbers.percent(worthHaving) + " the hypothesis counts as worth having: " + more + " would very "
                    + "likely help.";
        }
        return "With " + what + " the curve predicts an error of " + number(doubled) + ", against " + number(now)
                + " on the curve at the largest size measured (where the measured error was " + number(measured)
                + "): a change of " + signed(doubled - now) + range(gain) + ". " + verdict;
    }

    /** The share of the error at the largest size that doubling is expected to remove. */
    private double relativeGain() {
        double now = record.chosen().predict(record.at());
        return now > 0 ? (now - record.chosen().predict(2 * record.at())) / now : 0;
    }

    /** Whether doubling surely lowers the error, by at least the share the hypothesis counts as worth having. */
    private boolean doublingHelps() {
        Interval gain = record.intervals().gain();
        return gain.known() && gain.high() < 0 && relativeGain() >= worthHaving;
    }

    String asked() {
        double asked = record.asked();
        double largest = record.at();
        return "At " + (overRows() ? number(asked) + " training rows" : "a size of " + number(asked)
                + " (" + unit + ")") + " the curve predicts an error of "
                + number(record.chosen().predict(asked)) + range(record.intervals().asked()) + "."
                + (asked > largest ? " That is " + explainer.term("extrapolation") + ", " + number(asked / largest)
                + " times the largest size measured: the further out, the less the curve can be trusted." : "");
    }

    String next() {
        boolean helps = doublingHelps();
        if (overRows()) {
            return helps ? "More labelled rows are likely the cheapest gain: collect more, run the stages again, and "
                    + "check the new error against this curve's prediction."
                    : "More rows of the same kind are unlikely to help much: better columns, or another family in a "
                    + "new plan (" + names.stage("design_experiments") + "), are the next things to try.";
        }
        return helps ? "A larger " + record.family() + " is likely to help: try it in a new plan ("
                + names.stage("design_experiments") + ") and compare its validation score with this curve."
                : "A larger " + record.family() + " is unlikely to help much: more rows or better columns are the "
                + "next things to try (" + names.call("scaling", "--over rows") + " tells whether rows would).";
    }

    String summary() {
        Interval gain = record.intervals().gain();
        double at = record.at();
        double change = record.chosen().predict(2 * at) - record.chosen().predict(at);
        return "Measured " + record.experiment() + " (" + record.family() + ") at " + record.points().size()
                + " sizes: the " + name(record.chosen()) + " fits best, and doubling the "
                + (overRows() ? "training rows" : "model's size") + " would change "
                + "the error by " + signed(change) + range(gain) + ".";
    }

    /** The points whose error on the validation rows is exactly 0: nothing left there for a curve to measure. */
    long perfectPoints() {
        return record.points().stream().filter(p -> p.error() == 0).count();
    }

    String concern(boolean rough) {
        long perfect = perfectPoints();
        if (perfect >= 2) {
            long from = record.points().stream().filter(p -> p.error() == 0).mapToLong(ScalingRecord.Point::n).min()
                    .orElseThrow();
            return "The error is 0 at " + perfect + " of the " + record.points().size() + " sizes (from " + from
                    + " " + (overRows() ? "rows" : unit) + " on): the model makes no mistakes on the "
                    + validationRows + " validation rows there, so this curve cannot say what more would buy; more "
                    + "validation rows (a larger share in " + names.stage("hypothesize") + ") would.";
        }
        if (rough) {
            return "The curve explains only " + Numbers.percent(record.chosen().explained()) + " of how the errors "
                    + "vary between the " + record.points().size() + " points, so its predictions are rough; more "
                    + "points (--points up to 12) or more validation rows would steady it.";
        }
        return "Only " + record.intervals().used() + " of " + record.intervals().resamples() + " redraws of the "
                + "points could be refitted, so the curve has no ranges; train at more points (--points up to "
                + "12) for ranges.";
    }

    private static String name(Curve curve) {
        return curve.form() == Curve.Form.SATURATING ? "levelling curve" : "power law";
    }

    /** " (95% range 0.1 to 0.3)", or nothing when the interval is unknown. */
    private static String range(Interval interval) {
        return interval.known() ? " (95% range " + number(interval.low()) + " to " + number(interval.high()) + ")"
                : "";
    }

    private static String signed(double change) {
        return Math.abs(change) < TINY ? "about 0" : (change > 0 ? "+" : "") + Numbers.number(change);
    }

    /** A number as Numbers writes it, but "about 0" for one too small to mean anything to a reader. */
    static String number(double value) {
        return value != 0 && Math.abs(value) < TINY ? "about 0" : Numbers.number(value);
    }

}
