package org.sealbook.toolkit.review;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.sealbook.toolkit.data.Stats;
import org.sealbook.toolkit.hypothesis.Contract;
import org.sealbook.toolkit.hypothesis.Metric;
import org.sealbook.toolkit.models.Metrics;
import org.sealbook.toolkit.prepare.Prepared;
import org.sealbook.toolkit.prepare.Preprocessor;

/**
 * How sure a run's improvement over the baseline is: a paired bootstrap of the validation rows, both runs scored on
 * the same resampled rows, and the sentence that says what the interval shows against the practical threshold.
 * Usage: {@code double[] low_high = ImprovementInterval.of(run, baseline, contract, rows, p, 1000, findings, gain);}
 */
final class ImprovementInterval {
    private static final double CONFIDENCE = 0.95;

    private ImprovementInterval() {
    }

    /**
     * The 95% percentile interval of the improvement over the baseline: each resample draws the validation rows
     * with replacement once, and scores both runs' predictions on those same rows. Null (with a finding) when it
     * cannot be measured.
     */
    static double[] of(RunEvidence run, RunEvidence baseline, Contract contract, Prepared validation,
                       Preprocessor preprocessor, int replicates, List<ReviewFinding> findings, double improvement) {
        Metric primary = contract.primary();
        String point = Double.isFinite(improvement) ? "Its recorded validation " + primary.label() + " is "
                + Numbers.betterOrWorse(primary, improvement) + " than the baseline's, but " : "";
        if (run.validationPredictions() == null || baseline.validationPredictions() == null) {
            findings.add(new ReviewFinding(ReviewFinding.Code.NO_INTERVAL, point + "how sure that is cannot be "
                    + "measured: " + (run.validationPredictions() == null ? "the run" : "the baseline")
                    + " left no predictions for the validation rows, so it stays undecided."));
            return null;
        }
        Random random = new Random(contract.seed());
        int n = validation.rows();
        double[] gains = new double[replicates];
        int measured = 0;
        for (int r = 0; r < replicates; r++) {
            int[] rows = new int[n];
            for (int i = 0; i < n; i++) {
                rows[i] = random.nextInt(n);
            }
            Prepared sample = rows(validation, rows);
            double candidate = Metrics.score(primary, sample, pick(run.validationPredictions(), rows), preprocessor);
            double reference = Metrics.score(primary, sample, pick(baseline.validationPredictions(), rows),
                    preprocessor);
            double gain = Improvement.of(primary, candidate, reference);
            if (Double.isFinite(gain)) {
                gains[measured++] = gain;
            }
        }
        if (measured < replicates / 2) {
            findings.add(new ReviewFinding(ReviewFinding.Code.NO_INTERVAL, point + "how sure that is cannot be "
                    + "measured: only " + measured + " of " + replicates + " resamples of the validation rows gave "
                    + "both runs a score (" + primary.label() + " needs every class among the rows, and finite "
                    + "predictions), so it stays undecided."));
            return null;
        }
        double[] sorted = Arrays.copyOf(gains, measured);
        Arrays.sort(sorted);
        double tail = (1 - CONFIDENCE) / 2;
        return new double[] {Stats.quantileOfSorted(sorted, tail), Stats.quantileOfSorted(sorted, 1 - tail)};
    }

    private static Prepared rows(Prepared all, int[] rows) {
        double[][] x = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            x[i] = all.x()[rows[i]];
        }
        if (all.isClassification()) {
            int[] labels = new int[rows.length];
            for (int i = 0; i < rows.length; i++) {
                labels[i] = all.labels()[rows[i]];
            }
            return Prepared.classification(all.features(), x, labels, all.classes());
        }
        double[] y = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            y[i] = all.y()[rows[i]];
        }
        return Prepared.regression(all.features(), x, y);
    }

    private static double[][] pick(double[][] predictions, int[] rows) {
        double[][] picked = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            picked[i] = predictions[rows[i]];
        }
        return picked;
    }

    static String sentence(Metric primary, RunEvidence run, double baselineScore, double improvement,
                           double[] interval, int replicates, int rows, Contract contract, MetricVerdict verdict) {
        String threshold = Numbers.amount(primary, contract.practicalThreshold());
        String range = "Scored again on " + replicates + " resamples of the " + rows + " validation rows, the "
                + "improvement lies between " + Numbers.amount(primary, interval[0]) + " and "
                + Numbers.amount(primary, interval[1]) + " (95% of the resamples)";
        String outcome = switch (verdict) {
            case ACCEPT -> "; all of that is above the " + threshold + " that counts, so the improvement is real.";
            case REJECT -> interval[1] < 0 ? "; all of that is below 0: it is worse than the baseline."
                    : "; none of that is above 0: it is not better than the baseline.";
            default -> "; part of that is at or below the " + threshold + " that counts, so these rows cannot show "
                    + "that it beats the baseline by enough (too close to call).";
        };
        String point = Double.isFinite(improvement) ? "Its validation " + primary.label() + " is "
                + Numbers.score(MetricReviewer.score(run, "val_", primary)) + " against the baseline's "
                + Numbers.score(baselineScore) + ": " + Numbers.betterOrWorse(primary, improvement) + ". "
                : "Its recorded validation " + primary.label() + " is missing, so only the predictions were compared. ";
        return point + range + outcome;
    }
}
