package org.sealbook.toolkit.diagnose;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sealbook.toolkit.explain.Numbers;

/**
 * The verdicts on one run's learning curve, each a rule with its threshold, read on the smoothed curve
 * ({@link Smoothing}). Where the rules come from, and what we chose:
 * <ul>
 * <li>not a number: Lightning's EarlyStopping {@code check_finite}: any loss that is NaN or infinite ends the
 * reading there.</li>
 * <li>diverged: Lightning's {@code divergence_threshold} stops when the monitored loss passes a fixed value; a log
 * from elsewhere has no such value, so ours is relative: the smoothed training loss ends above where it started and
 * more than {@link #DIVERGE_ABOVE_LOWEST} above its lowest.</li>
 * <li>plateau: Keras' EarlyStopping and ReduceLROnPlateau: an improvement counts when it beats the best by more than
 * a minimum change ({@link #MIN_DELTA}, relative, PyTorch's ReduceLROnPlateau default), and {@link #PATIENCE} steps
 * without one is a stall (their default patience); we call it a plateau when the stall also takes a quarter of the
 * run, so a run that converged a few steps before its end stays healthy. Short runs scale patience down.</li>
 * <li>oscillating: AutoTrainer's check of a loss that swings instead of settling, by the swings' size and their
 * alternation: over the second half of the run, the typical distance of the raw loss from a 3-step median, as a
 * share of the loss, above {@link #SWING}, and the direction flipping on more than half the steps.</li>
 * <li>overfitting (AutoTrainer's gap, read on the curve): the smoothed validation loss rises more than
 * {@link #OVERFIT_RISE} from its lowest to the end, for at least a tenth of the run, while the training loss
 * falls.</li>
 * <li>underfitting: AutoTrainer's slow convergence: both losses fall less than {@link #FLAT_FALL} over the whole
 * run; when the baseline's validation loss is known, the run must also end within {@link #FLAT_FALL} of it (high).</li>
 * <li>still improving: over the last fifth of the run the smoothed loss still fell more than {@link #STILL_FALLING}:
 * EarlyStopping would not have stopped it.</li>
 * <li>healthy: none of the above.</li>
 * </ul>
 * From AutoTrainer we take which symptoms to check and how each is measured, not its numbers: the thresholds here
 * are ours, set for smoothed curves, and each verdict carries the one it used.
 * The monitored loss is the validation loss, as Keras monitors by default, or the training loss when a run logged no
 * validation loss. Usage: {@code CurveReading r = CurveRules.read(history, baselineValLoss);}
 */
public final class CurveRules {
    /** Fewer steps than this are not a curve. */
    public static final int FEWEST_STEPS = 5;
    static final int PATIENCE = 10;
    static final double MIN_DELTA = 1e-4;
    static final double PLATEAU_SHARE = 0.25;
    static final double DIVERGE_ABOVE_LOWEST = 0.5;
    static final double SWING = 0.05;
    static final double FLIPS = 0.5;
    static final double OVERFIT_RISE = 0.10;
    static final double FLAT_FALL = 0.10;
    static final double END_SHARE = 0.2;
    static final double STILL_FALLING = 0.02;

    private CurveRules() {
    }

    /**
     * Reads {@code history}. {@code reference} is the validation loss of a model that learns nothing (the batch's
     * baseline), NaN when unknown (a log from elsewhere).
     */
    public static CurveReading read(CurveHistory history, double reference) {
        CurveHistory.Series train = history.series(CurveHistory.TRAIN_LOSS);
        CurveHistory.Series validation = history.series(CurveHistory.VAL_LOSS);
        double[] trainSmoothed = Smoothing.smooth(train.y());
        double[] validationSmoothed = Smoothing.smooth(validation.y());
        int longest = Math.max(train.size(), validation.size());
        if (longest < FEWEST_STEPS) {
            return new CurveReading(history, train, validation, trainSmoothed, validationSmoothed, List.of(),
                    "it logged " + Numbers.count(longest, "step") + ", and a curve needs at least " + FEWEST_STEPS
                            + " to be read");
        }
        List<Verdict> verdicts = new ArrayList<>();
        Verdict broken = notANumber(train, validation);
        if (broken != null) {
            verdicts.add(broken);
        } else {
            CurveHistory.Series watched = validation.size() >= FEWEST_STEPS ? validation : train;
            double[] smoothed = watched == validation ? validationSmoothed : trainSmoothed;
            CurveHistory.Series learner = train.size() >= FEWEST_STEPS ? train : watched;
            Verdict diverged = diverged(learner, learner == train ? trainSmoothed : smoothed);
            if (diverged != null) {
                verdicts.add(diverged);
            } else {
                add(verdicts, overfitting(history));
                add(verdicts, underfitting(train, trainSmoothed, validation, validationSmoothed, reference));
                add(verdicts, oscillating(watched));
                if (verdicts.isEmpty()) {
                    verdicts.add(ending(watched, smoothed));
                }
            }
        }
        return new CurveReading(history, train, validation, trainSmoothed, validationSmoothed, verdicts, null);
    }

    private static void add(List<Verdict> verdicts, Verdict verdict) {
        if (verdict != null) {
            verdicts.add(verdict);
        }
    }

    private static Verdict notANumber(CurveHistory.Series train, CurveHistory.Series validation) {
        int t = train.firstNotFinite();
        int v = validation.firstNotFinite();
        if (t < 0 && v < 0) {
            return null;
        }
        boolean trainFirst = v < 0 || (t >= 0 && train.x()[t] <= validation.x()[v]);
        CurveHistory.Series broken = trainFirst ? train : validation;
        int at = trainFirst ? t : v;
        double value = broken.y()[at];
        double step = broken.x()[at];
        return new Verdict(CurveVerdict.NOT_A_NUMBER, "any logged loss that is not a finite number ends the reading "
                + "(Lightning's EarlyStopping check_finite)", "any single value", numbers("step", step),
                "At step " + Numbers.number(step) + " the " + name(broken) + " became "
                        + (Double.isNaN(value) ? "not a number" : "infinite") + ": the training broke down there, and "
                        + "nothing it logged after that can be trusted.", step);
    }

    private static Verdict diverged(CurveHistory.Series loss, double[] s) {
        int n = s.length;
        int low = argMin(s);
        double start = s[0];
        double end = s[n - 1];
        double rise = (end - s[low]) / scale(s[low]);
        if (!(end > start && rise > DIVERGE_ABOVE_LOWEST)) {
            return null;
        }
        return new Verdict(CurveVerdict.DIVERGED, "the smoothed " + name(loss) + " ends above where it started and "
                + "far above its lowest", "more than " + Numbers.percent(DIVERGE_ABOVE_LOWEST) + " above its lowest",
                numbers("start", start, "lowest", s[low], "lowest_step", loss.x()[low], "end", end,
                        "end_step", loss.x()[n - 1], "rise", rise),
                "The " + name(loss) + " ended at " + Numbers.number(end) + " at step " + Numbers.number(loss.x()[n - 1])
                        + ", above where it started (" + Numbers.number(start) + ") and " + Numbers.percent(rise)
                        + " above its lowest, " + Numbers.number(s[low]) + " at step " + Numbers.number(loss.x()[low])
                        + ": the training blew up instead of settling.", loss.x()[low]);
    }

    private static Verdict overfitting(CurveHistory history) {
        double[][] pairs = paired(history);
        int n = pairs[0].length;
        if (n < FEWEST_STEPS) {
            return null;
        }
        double[] steps = pairs[0];
        double[] train = Smoothing.smooth(pairs[1]);
        double[] validation = Smoothing.smooth(pairs[2]);
        int low = argMin(validation);
        int after = n - 1 - low;
        double rise = (validation[n - 1] - validation[low]) / scale(validation[low]);
        double trainFall = (train[low] - train[n - 1]) / scale(train[low]);
        int needed = Math.max(3, (int) Math.ceil(0.1 * n));
        if (!(rise > OVERFIT_RISE && after >= needed && trainFall > MIN_DELTA)) {
            return null;
        }
        return new Verdict(CurveVerdict.OVERFITTING, "the smoothed validation loss rises from its lowest to the end, "
                + "for at least a tenth of the run, while the smoothed training loss falls", "a rise of more than "
                + Numbers.percent(OVERFIT_RISE), numbers("lowest", validation[low], "lowest_step", steps[low],
                "end", validation[n - 1], "end_step", steps[n - 1], "rise", rise, "train_fall", trainFall),
                "The validation loss rose " + Numbers.percent(rise) + " from its lowest, "
                        + Numbers.number(validation[low]) + " at step " + Numbers.number(steps[low]) + ", to "
                        + Numbers.number(validation[n - 1]) + " at step " + Numbers.number(steps[n - 1])
                        + ", while the training loss fell " + Numbers.percent(trainFall) + ": after step "
                        + Numbers.number(steps[low]) + " the model kept learning its training rows and got worse on "
                        + "new ones.", steps[low]);
    }

    private static Verdict underfitting(CurveHistory.Series train, double[] t, CurveHistory.Series validation,
                                        double[] v, double reference) {
        if (train.size() < FEWEST_STEPS) {
            return null;
        }
        double trainFall = (t[0] - t[argMin(t)]) / scale(t[0]);
        boolean hasValidation = validation.size() >= FEWEST_STEPS;
        double validationFall = hasValidation ? (v[0] - v[argMin(v)]) / scale(v[0]) : Double.NaN;
        double end = hasValidation ? v[v.length - 1] : Double.NaN;
        boolean flat = trainFall < FLAT_FALL && (!hasValidation || validationFall < FLAT_FALL);
        boolean high = !Double.isFinite(reference) || !hasValidation || end >= (1 - FLAT_FALL) * reference;
        if (!(flat && high)) {
            return null;
        }
        String against = Double.isFinite(reference) && hasValidation ? ", and it ended at " + Numbers.number(end)
                + ", within " + Numbers.percent(FLAT_FALL) + " of the " + Numbers.number(reference) + " of a model "
                + "that learns nothing" : "";
        return new Verdict(CurveVerdict.UNDERFITTING, "both smoothed losses fall little over the whole run"
                + (Double.isFinite(reference) ? " and the validation loss ends near the baseline's" : ""),
                "less than " + Numbers.percent(FLAT_FALL) + " below where each started",
                numbers("train_fall", trainFall, "validation_fall", validationFall, "end", end, "reference", reference),
                "The training loss fell only " + Numbers.percent(trainFall) + " from where it started"
                        + (hasValidation ? " and the validation loss " + Numbers.percent(validationFall) : "")
                        + against + ": the model learned little of the pattern, even on its training rows.",
                train.x()[0]);
    }

    private static Verdict oscillating(CurveHistory.Series loss) {
        double[] y = loss.y();
        int from = y.length / 2;
        if (y.length - from < 6) {
            return null;
        }
        double[] local = Smoothing.smooth(y, 3);
        double[] swings = new double[y.length - from];
        double[] level = new double[y.length - from];
        for (int i = from; i < y.length; i++) {
            swings[i - from] = Math.abs(y[i] - local[i]);
            level[i - from] = Math.abs(local[i]);
        }
        double swing = median(swings) / scale(median(level));
        int flips = 0;
        for (int i = from + 2; i < y.length; i++) {
            flips += Math.signum(y[i] - y[i - 1]) * Math.signum(y[i - 1] - y[i - 2]) < 0 ? 1 : 0;
        }
        double flipShare = flips / (double) (y.length - from - 2);
        if (!(swing > SWING && flipShare > FLIPS)) {
            return null;
        }
        return new Verdict(CurveVerdict.OSCILLATING, "over the second half of the run, the raw " + name(loss)
                + " swings around its 3-step median and changes direction on most steps", "swings of more than "
                + Numbers.percent(SWING) + " of the loss, direction flipping on more than " + Numbers.percent(FLIPS)
                + " of the steps", numbers("swing", swing, "flips", flipShare, "from_step", loss.x()[from]),
                "From step " + Numbers.number(loss.x()[from]) + " the " + name(loss) + " swung by a typical "
                        + Numbers.percent(swing) + " of its value and changed direction on " + Numbers.percent(flipShare)
                        + " of the steps: it bounced around instead of settling, as learning with too large steps does.",
                loss.x()[from]);
    }

    /** How a run with no problem ended: a plateau, still improving, or healthy. */
    private static Verdict ending(CurveHistory.Series loss, double[] s) {
        int n = s.length;
        int patience = n >= 4 * PATIENCE ? PATIENCE : Math.max(3, n / 4);
        double best = s[0];
        int improved = 0;
        for (int i = 1; i < n; i++) {
            if (s[i] < best - MIN_DELTA * scale(best)) {
                best = s[i];
                improved = i;
            }
        }
        int stalled = n - 1 - improved;
        double[] x = loss.x();
        if (stalled >= patience && stalled >= PLATEAU_SHARE * (n - 1)) {
            int stop = Math.min(n - 1, improved + patience);
            return new Verdict(CurveVerdict.PLATEAU, "the smoothed " + name(loss) + " stopped beating its best, as "
                    + "Keras' EarlyStopping counts it, for a quarter of the run or more", "no improvement of more than "
                    + Numbers.percent(MIN_DELTA) + " for " + Numbers.count(patience, "step"),
                    numbers("best", best, "best_step", x[improved], "stalled_steps", stalled, "patience", patience,
                            "stop_step", x[stop]),
                    "The " + name(loss) + " reached its best, " + Numbers.number(best) + ", at step "
                            + Numbers.number(x[improved]) + " and did not improve in the " + Numbers.count(stalled,
                            "step") + " after it: stopping after " + Numbers.count(patience, "step")
                            + " without progress would have ended it at step " + Numbers.number(x[stop])
                            + " with the same result.", x[improved]);
        }
        int last = Math.max(2, (int) Math.ceil(END_SHARE * n));
        double before = s[n - 1 - last];
        double fall = (before - s[n - 1]) / scale(before);
        double total = (s[0] - s[argMin(s)]) / scale(s[0]);
        if (fall > STILL_FALLING) {
            return new Verdict(CurveVerdict.STILL_IMPROVING, "over the last fifth of the run the smoothed "
                    + name(loss) + " still fell", "more than " + Numbers.percent(STILL_FALLING),
                    numbers("from", before, "from_step", x[n - 1 - last], "end", s[n - 1], "end_step", x[n - 1],
                            "fall", fall),
                    "Over its last " + Numbers.count(last, "step") + " the " + name(loss) + " still fell "
                            + Numbers.percent(fall) + ", from " + Numbers.number(before) + " at step "
                            + Numbers.number(x[n - 1 - last]) + " to " + Numbers.number(s[n - 1]) + " at step "
                            + Numbers.number(x[n - 1]) + ": it stopped while it was still learning.",
                    x[n - 1 - last]);
        }
        return new Verdict(CurveVerdict.HEALTHY, "no rule above fired: the smoothed " + name(loss) + " fell and "
                + "settled", "less than " + Numbers.percent(STILL_FALLING) + " change over the last fifth",
                numbers("fall", total, "end", s[n - 1], "last_change", fall),
                "The " + name(loss) + " fell " + Numbers.percent(total) + " from where it started and settled at "
                        + Numbers.number(s[n - 1]) + " (it moved " + Numbers.percent(Math.abs(fall)) + " over its last "
                        + Numbers.count(last, "step") + "): it learned and ended where it could.", x[n - 1]);
    }

    /** (step, training loss, validation loss) for the steps that logged both, finite. */
    private static double[][] paired(CurveHistory history) {
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < history.steps().size(); i++) {
            Map<String, Double> step = history.steps().get(i);
            Double t = step.get(CurveHistory.TRAIN_LOSS);
            Double v = step.get(CurveHistory.VAL_LOSS);
            Double x = step.get(CurveHistory.STEP);
            if (t != null && v != null && Double.isFinite(t) && Double.isFinite(v)) {
                rows.add(new double[] {x == null ? i + 1 : x, t, v});
            }
        }
        double[][] out = new double[3][rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            for (int k = 0; k < 3; k++) {
                out[k][i] = rows.get(i)[k];
            }
        }
        return out;
    }

    private static String name(CurveHistory.Series series) {
        return series.key().equals(CurveHistory.VAL_LOSS) ? "validation loss" : "training loss";
    }

    private static int argMin(double[] s) {
        int at = 0;
        for (int i = 1; i < s.length; i++) {
            if (s[i] < s[at]) {
                at = i;
            }
        }
        return at;
    }

    /** A loss's size for relative changes: its absolute value, never zero. */
    private static double scale(double value) {
        return Math.max(Math.abs(value), 1e-12);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static Map<String, Double> numbers(Object... pairs) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put((String) pairs[i], ((Number) pairs[i + 1]).doubleValue());
        }
        return out;
    }
}
