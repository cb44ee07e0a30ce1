package org.sealbook.toolkit.stage;

import org.sealbook.toolkit.explain.Explainer;
import org.sealbook.toolkit.explain.Numbers;
import org.sealbook.toolkit.pipeline.FrontEnd;
import org.sealbook.toolkit.scaling.Curve;
import org.sealbook.toolkit.scaling.CurveBootstrap;
import org.sealbook.toolkit.scaling.CurveBootstrap.Interval;
import org.sealbook.toolkit.scaling.ScalingRecord;

/** The words of %scaling: every number in them comes from the sealed record. */
final class ScalingText {
    private final ScalingRecord record;
    private final Explainer explainer;
    private final FrontEnd names;
    private final String unit;
    private final int validationRows;

    ScalingText(ScalingRecord record, Explainer explainer, FrontEnd names, String unit, int validationRows) {
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
                + first.setting() + " to " + last.setting() + " (size " + first.n() + " to " + last.n() + " "
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
                    .append(Numbers.number(power.aicc())).append("). ");
        } else {
            s.append("By ").append(explainer.term("AICc")).append(" the ").append(name(chosen))
                    .append(" fits better (AICc ").append(Numbers.number(chosen.aicc())).append(" against ")
                    .append(Numbers.number(other.aicc())).append(" for the ").append(name(other)).append("). ");
        }
        CurveBootstrap.Intervals i = record.intervals();
        s.append("Its exponent b is ").append(Numbers.number(chosen.b())).append(range(i.b())).append(": each "
                + "doubling of the ").append(unit).append(" multiplies the error that can still be lost by 2^-b = ")
                .append(Numbers.number(Math.pow(2, -chosen.b()))).append(". ");
        if (chosen.form() == Curve.Form.SATURATING) {
            s.append("It levels off at c = ").append(Numbers.number(chosen.c())).append(range(i.c())).append(": the "
                    + "error no amount of ").append(unit).append(" removes for this family and these columns. ");
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
                + Numbers.number(at) + ")" : "a model twice the size (" + Numbers.number(2 * at) + " " + unit
                + " instead of " + Numbers.number(at) + ")";
        String verdict;
        if (!gain.known()) {
            verdict = "How sure that is cannot be said from these points.";
        } else if (gain.high() < 0) {
            verdict = "Even the smallest likely gain (" + Numbers.number(-gain.high()) + ") is a real drop, so more "
                    + (overRows() ? "rows" : "size") + " would very likely help.";
        } else {
            verdict = "The range reaches " + Numbers.number(gain.high()) + " (no gain, or a loss), so more "
                    + (overRows() ? "rows" : "size") + " may buy nothing.";
        }
        return "With " + what + " the curve predicts an error of " + Numbers.number(doubled) + " against "
                + Numbers.number(now) + " at the largest size measured: a change of " + signed(doubled - now)
                + range(gain) + ". " + verdict;
    }

    String asked() {
        double asked = record.asked();
        double largest = record.at();
        return "At " + Numbers.number(asked) + " " + unit + " the curve predicts an error of "
                + Numbers.number(record.chosen().predict(asked)) + range(record.intervals().asked()) + "."
                + (asked > largest ? " That is " + explainer.term("extrapolation") + ", " + Numbers.number(asked / largest)
                + " times the largest size measured: the further out, the less the curve can be trusted." : "");
    }

    String next() {
        Interval gain = record.intervals().gain();
        boolean helps = gain.known() && gain.high() < 0;
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
                + " sizes: the " + name(record.chosen()) + " fits best, and doubling the " + unit + " would change "
                + "the error by " + signed(change) + range(gain) + ".";
    }

    String concern(boolean rough) {
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
        return interval.known() ? " (95% range " + Numbers.number(interval.low()) + " to "
                + Numbers.number(interval.high()) + ")" : "";
    }

    private static String signed(double change) {
        return (change > 0 ? "+" : "") + Numbers.number(change);
    }

}
