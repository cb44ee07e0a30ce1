package org.sealbook.toolkit.review;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sealbook.toolkit.hypothesis.Contract;
import org.sealbook.toolkit.hypothesis.Family;
import org.sealbook.toolkit.hypothesis.Metric;
import org.sealbook.toolkit.plan.Experiment;
import org.sealbook.toolkit.review.StrategyReview.Concern;

/**
 * Reviews the accepted runs of a batch as a whole: what each costs (size, training time, time per prediction),
 * which are dominated on score and size (the Pareto front), how much each gains per unit of extra size, and whether
 * the plan kept tuning one model too long (stale tuning) or for too little (diminishing returns).
 * Usage: {@code StrategyReport report = StrategyReviewer.review(reviewedRuns, baseline, contract);}
 */
public final class StrategyReviewer {
    /** A row taking longer than this makes scoring a thousand rows take over a second, which a person notices. */
    static final double SLOW_SECONDS_PER_ROW = 1e-3;
    /** More settings-only experiments of one family in a row than this is stale tuning. */
    static final int MOST_TUNING_STEPS = 3;
    // The plan's words for the steps that are not a change of settings.
    private static final String NEW_FAMILY = "new family";
    private static final String BASELINE = "baseline";

    private StrategyReviewer() {
    }

    /**
     * Reviews every run whose metric review accepted it.
     *
     * @param runs     every run of the batch with its metric review, in plan order
     * @param baseline the baseline's evidence: the reference for runs without a parent
     * @param contract the sealed contract (primary metric, practical threshold)
     */
    public static StrategyReport review(List<ReviewedRun> runs, RunEvidence baseline, Contract contract) {
        if (runs == null || baseline == null || contract == null) {
            throw new IllegalArgumentException("The strategy review has no " + (runs == null ? "runs"
                    : baseline == null ? "baseline evidence" : "contract") + "; pass it (not null).");
        }
        Metric primary = contract.primary();
        Map<String, ReviewedRun> byId = new HashMap<>();
        for (ReviewedRun run : runs) {
            if (run == null || byId.putIfAbsent(run.id(), run) != null) {
                throw new IllegalArgumentException(run == null ? "The runs to review hold an empty (null) place; give "
                        + "only reviewed runs." : "The runs to review hold " + run.id() + " twice; give each run "
                        + "once.");
            }
        }
        List<ReviewedRun> accepted = runs.stream()
                .filter(r -> r.review().verdict() == MetricVerdict.ACCEPT && Double.isFinite(score(r.run(), primary)))
                .toList();
        Map<String, Integer> tuningStreak = tuningStreaks(runs);

        List<ParetoPoint> points = new ArrayList<>();
        List<StrategyReview> reviews = new ArrayList<>();
        for (ReviewedRun candidate : accepted) {
            RunEvidence run = candidate.run();
            List<String> dominatedBy = accepted.stream().filter(other -> dominates(other.run(), run, primary))
                    .map(ReviewedRun::id).toList();
            points.add(new ParetoPoint(run.id(), score(run, primary), run.complexity(), dominatedBy));

            List<ReviewFinding> reasons = new ArrayList<>();
            List<Concern> concerns = new ArrayList<>();
            reasons.add(cost(run));
            reasons.add(front(run, dominatedBy, byId, primary));
            RunEvidence reference = reference(run, byId, baseline, primary);
            double gainPerUnit = gainPerSize(run, reference, baseline, primary, reasons);
            if (candidate.review().overfit()) {
                concerns.add(Concern.OVERFIT);
                // the metric review's own sentence carries the numbers; the reason here says what it means for keeping
                reasons.add(new ReviewFinding(ReviewFinding.Code.OVERFIT, "Its metric review found it learned its "
                        + "training rows by heart (overfitting), so its validation score may not hold up on new rows."));
            }
            if (run.predictSecondsPerRow() > SLOW_SECONDS_PER_ROW) {
                concerns.add(Concern.SLOW_PREDICTIONS);
                reasons.add(new ReviewFinding(ReviewFinding.Code.SLOW_PREDICTIONS, "It takes "
                        + Numbers.duration(run.predictSecondsPerRow()) + " to predict one row, more than the "
                        + Numbers.duration(SLOW_SECONDS_PER_ROW) + " that keeps a thousand rows under a second: it is "
                        + "slow to use."));
            }
            int streak = tuningStreak.getOrDefault(run.id(), 0);
            if (streak > MOST_TUNING_STEPS) {
                concerns.add(Concern.STALE_TUNING);
                reasons.add(new ReviewFinding(ReviewFinding.Code.STALE_TUNING, "It is the " + ordinal(streak)
                        + " experiment in a row that only changes settings of " + run.experiment().family().label()
                        + ", more than " + MOST_TUNING_STEPS + ": tuning one model this long rarely pays; another "
                        + "family or better columns would teach more (stale tuning)."));
            }
            ReviewedRun parent = sameFamilyParent(run, byId, primary);
            if (parent != null) {
                double step = Improvement.of(primary, score(run, primary), score(parent.run(), primary));
                if (step < contract.practicalThreshold()) {
                    concerns.add(Concern.DIMINISHING_RETURNS);
                    reasons.add(new ReviewFinding(ReviewFinding.Code.DIMINISHING_RETURNS, "Its one change from "
                            + parent.id() + " (\"" + run.experiment().change().replaceAll("\\.$", "") + "\") made the "
                            + "validation " + primary.label() + " " + Numbers.betterOrWorse(primary, step) + ", less "
                            + "than the " + Numbers.amount(primary, contract.practicalThreshold()) + " that counts: "
                            + "more steps like it are unlikely to pay (diminishing returns)."));
                }
            }
            StrategyDecision decision = !dominatedBy.isEmpty() ? StrategyDecision.DISCARD
                    : concerns.isEmpty() ? StrategyDecision.KEEP : StrategyDecision.KEEP_WITH_CONCERNS;
            reviews.add(new StrategyReview(run.id(), decision, concerns, dominatedBy, reference.id(), gainPerUnit,
                    reasons));
        }
        return new StrategyReport(primary, reviews, points);
    }

    /** At least as good a score and no more size, and strictly better in one of the two. */
    private static boolean dominates(RunEvidence other, RunEvidence run, Metric primary) {
        double improvement = Improvement.of(primary, score(other, primary), score(run, primary));
        boolean atLeastAsGood = improvement >= 0;
        boolean noBigger = other.complexity() <= run.complexity();
        return atLeastAsGood && noBigger && (improvement > 0 || other.complexity() < run.complexity());
    }

    private static ReviewFinding cost(RunEvidence run) {
        return new ReviewFinding(ReviewFinding.Code.COST, "Its size is " + Numbers.whole(run.complexity()) + " ("
                + run.experiment().family().label() + " counts " + run.experiment().family().sizeUnit() + "); it took "
                + Numbers.duration(run.fitSeconds()) + " to train and takes "
                + Numbers.duration(run.predictSecondsPerRow()) + " to predict one row.");
    }

    private static ReviewFinding front(RunEvidence run, List<String> dominatedBy, Map<String, ReviewedRun> byId,
                                       Metric primary) {
        if (dominatedBy.isEmpty()) {
            return new ReviewFinding(ReviewFinding.Code.ON_FRONT, "No other accepted run scores at least as well "
                    + "with less size: it is on the best trade-off of score and size (the Pareto front).");
        }
        RunEvidence first = byId.get(dominatedBy.get(0)).run();
        return new ReviewFinding(ReviewFinding.Code.DOMINATED, first.id() + " scores "
                + Numbers.score(score(first, primary)) + " against its " + Numbers.score(score(run, primary))
                + " on the validation " + primary.label() + " with a size of " + Numbers.whole(first.complexity())
                + " against its " + Numbers.whole(run.complexity()) + (dominatedBy.size() > 2 ? " (and "
                + (dominatedBy.size() - 1) + " more runs do as well)" : dominatedBy.size() == 2
                ? " (and " + dominatedBy.get(1) + " does as well)" : "") + ": as good or better for no more "
                + "size, so there is no reason to keep it (dominated).");
    }

    /** The parent when it finished with a score, else the baseline. */
    private static RunEvidence reference(RunEvidence run, Map<String, ReviewedRun> byId, RunEvidence baseline,
                                         Metric primary) {
        ReviewedRun parent = run.experiment().parent() == null ? null : byId.get(run.experiment().parent());
        return parent != null && Double.isFinite(score(parent.run(), primary)) ? parent.run() : baseline;
    }

    /** The improvement per unit of extra size over the reference; NaN when it is no bigger. Adds its sentence. */
    private static double gainPerSize(RunEvidence run, RunEvidence reference, RunEvidence baseline, Metric primary,
                                      List<ReviewFinding> reasons) {
        String against = reference == baseline ? "the baseline (" + baseline.id() + ")" : "its parent " + reference.id();
        double gain = Improvement.of(primary, score(run, primary), score(reference, primary));
        long extra = run.complexity() - reference.complexity();
        double perUnit = extra > 0 ? gain / extra : Double.NaN;
        reasons.add(new ReviewFinding(ReviewFinding.Code.GAIN_PER_SIZE, extra > 0
                ? "Against " + against + " it scores " + Numbers.betterOrWorse(primary, gain) + " for "
                + Numbers.whole(extra) + " more units of size: " + Numbers.amount(primary, perUnit) + " per unit."
                : "Against " + against + " it scores " + Numbers.betterOrWorse(primary, gain) + " with "
                + (extra == 0 ? "the same size" : Numbers.whole(-extra) + " fewer units of size")
                + ": a gain that costs no size."));
        return perUnit;
    }

    /** The parent of a settings change, when it is of the same family and finished with a score; else null. */
    private static ReviewedRun sameFamilyParent(RunEvidence run, Map<String, ReviewedRun> byId, Metric primary) {
        Experiment e = run.experiment();
        ReviewedRun parent = e.parent() == null ? null : byId.get(e.parent());
        return parent != null && parent.run().experiment().family() == e.family() && !isNewStart(e)
                && Double.isFinite(score(parent.run(), primary)) ? parent : null;
    }

    /**
     * For each settings-only experiment, its place in the unbroken run (in plan order) of settings-only experiments
     * of the family that the last "new family" step tried: 1 for the first tuning step, 2 for the next...
     */
    private static Map<String, Integer> tuningStreaks(List<ReviewedRun> runs) {
        Map<String, Integer> streaks = new HashMap<>();
        Family tuned = null;
        int count = 0;
        for (ReviewedRun run : runs) {
            Experiment e = run.run().experiment();
            if (isNewStart(e)) {
                tuned = e.family() == Family.BASELINE ? null : e.family();
                count = 0;
            } else if (e.family() == tuned) {
                streaks.put(e.id(), ++count);
            } else {
                tuned = null; // a settings change of another family breaks the run
                count = 0;
            }
        }
        return streaks;
    }

    private static boolean isNewStart(Experiment e) {
        String change = e.change().trim();
        return change.equalsIgnoreCase(NEW_FAMILY) || change.equalsIgnoreCase(BASELINE)
                || e.family() == Family.BASELINE;
    }

    private static String ordinal(int n) {
        int lastTwo = n % 100;
        String suffix = lastTwo >= 11 && lastTwo <= 13 ? "th"
                : switch (n % 10) {
                    case 1 -> "st";
                    case 2 -> "nd";
                    case 3 -> "rd";
                    default -> "th";
                };
        return n + suffix;
    }

    private static double score(RunEvidence run, Metric primary) {
        return run.scores().getOrDefault("val_" + primary.label(), Double.NaN);
    }
}
