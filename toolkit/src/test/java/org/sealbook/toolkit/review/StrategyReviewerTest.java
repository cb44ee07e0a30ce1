package org.sealbook.toolkit.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sealbook.toolkit.hypothesis.Contract;
import org.sealbook.toolkit.hypothesis.Family;
import org.sealbook.toolkit.hypothesis.Metric;
import org.sealbook.toolkit.hypothesis.Ratios;
import org.sealbook.toolkit.hypothesis.SplitStrategy;
import org.sealbook.toolkit.review.ReviewData.Rows;
import org.sealbook.toolkit.review.ReviewFinding.Code;
import org.sealbook.toolkit.review.StrategyReview.Concern;
import org.sealbook.toolkit.runs.RunStatus;

/**
 * The strategy reviewer on hand-made batches (the records are plain data: each run's score, size and times, and its
 * metric verdict), and once on a batch trained on real data.
 */
class StrategyReviewerTest {
    private static final Contract AUC = contract(Metric.AUC);
    private static final Contract RMSE = contract(Metric.RMSE);
    private static final double FAST = 1e-5;

    private static Contract contract(Metric primary) {
        boolean classification = primary.fits("classification");
        return new Contract(classification ? "classification" : "regression", "answer", "none", SplitStrategy.RANDOM,
                null, null, Ratios.DEFAULT, 42, List.of("a", "b"), Map.of(), List.of(Family.LINEAR,
                Family.RANDOM_FOREST, Family.GRADIENT_BOOSTING), 10_000, 5_000, 0.10, primary, List.of(), 0.01,
                Map.of());
    }

    /** Builds a batch in plan order: each run's experiment, score, size and metric verdict. */
    private static final class Batch {
        private final Contract contract;
        private final List<ReviewedRun> runs = new ArrayList<>();
        private final RunEvidence baseline;

        Batch(Contract contract, double baselineScore) {
            this.contract = contract;
            this.baseline = evidence(ReviewData.baselineExperiment(contract), baselineScore, 0, FAST);
            runs.add(new ReviewedRun(baseline, review(baseline.id(), MetricVerdict.BASELINE, false)));
        }

        Batch add(String id, String parent, Family family, String change, double score, long size) {
            return add(id, parent, family, change, score, size, FAST, MetricVerdict.ACCEPT, false);
        }

        Batch add(String id, String parent, Family family, String change, double score, long size, double perRow,
                  MetricVerdict verdict, boolean overfit) {
            Map<String, Object> params = family == Family.LINEAR ? Map.of() : Map.of("trees", 100, "max_depth", 4);
            RunEvidence run = evidence(ReviewData.experiment(id, parent, family, params, change, contract), score,
                    size, perRow);
            runs.add(new ReviewedRun(run, review(id, verdict, overfit)));
            return this;
        }

        StrategyReport review() {
            return StrategyReviewer.review(runs, baseline, contract);
        }

        private RunEvidence evidence(org.sealbook.toolkit.plan.Experiment e, double score, long size, double perRow) {
            return new RunEvidence(e, RunStatus.DONE, Map.of("val_" + contract.primary().label(), score), List.of(),
                    size, 2.5, perRow, null, true);
        }

        private static MetricReview review(String id, MetricVerdict verdict, boolean overfit) {
            return new MetricReview(id, verdict, overfit, true, 0.02, 0.3, 0.2, 0.4, List.of());
        }
    }

    private static StrategyReview reviewOf(StrategyReport report, String id) {
        return report.review(id).orElseThrow(() -> new AssertionError(id + " was not reviewed: " + report.reviews()));
    }

    private static String reason(StrategyReview review, Code code) {
        return review.reasons().stream().filter(r -> r.code() == code).findFirst().map(ReviewFinding::sentence)
                .orElseThrow(() -> new AssertionError("no " + code + " in " + review.reasons()));
    }

    @Test
    void aRunBeatenOnScoreAndSizeIsDominatedAndDiscarded() {
        StrategyReport report = new Batch(AUC, 0.5)
                .add("exp_001", null, Family.LINEAR, "new family", 0.97, 31)
                .add("exp_002", null, Family.RANDOM_FOREST, "new family", 0.96, 800)
                .add("exp_003", null, Family.GRADIENT_BOOSTING, "new family", 0.98, 600).review();

        StrategyReview forest = reviewOf(report, "exp_002");
        assertEquals(StrategyDecision.DISCARD, forest.decision());
        assertEquals(List.of("exp_001", "exp_003"), forest.dominatedBy());
        assertEquals("exp_001 scores 0.97 against its 0.96 on the validation auc with a size of 31 against its 800 "
                + "(and exp_003 does as well): as good or better for no more size, so there is no reason to keep it "
                + "(dominated).", reason(forest, Code.DOMINATED));
        assertEquals("dominated", Verdicts.words(RunStatus.DONE, Batch.review("exp_002", MetricVerdict.ACCEPT, false),
                forest));
        assertEquals(StrategyDecision.KEEP, reviewOf(report, "exp_001").decision());
        assertEquals(StrategyDecision.KEEP, reviewOf(report, "exp_003").decision());
        assertEquals(List.of("exp_001", "exp_003"), report.points().stream().filter(ParetoPoint::onFront)
                .map(ParetoPoint::experimentId).toList());
        assertEquals(Optional.of("exp_003"), report.recommendedWinner(), "the best score among the kept");
    }

    @Test
    void forALossTheLowerScoreDominates() {
        StrategyReport report = new Batch(RMSE, 80)
                .add("exp_001", null, Family.LINEAR, "new family", 60, 11)
                .add("exp_002", null, Family.RANDOM_FOREST, "new family", 62, 400)
                .add("exp_003", null, Family.GRADIENT_BOOSTING, "new family", 55, 600).review();

        assertEquals(List.of("exp_001"), reviewOf(report, "exp_002").dominatedBy());
        assertTrue(reviewOf(report, "exp_003").dominatedBy().isEmpty());
        assertEquals(Optional.of("exp_003"), report.recommendedWinner());
    }

    @Test
    void equalScoresGoToTheSmallerRunAndExactTiesToTheFirst() {
        StrategyReport bigger = new Batch(AUC, 0.5)
                .add("exp_001", null, Family.RANDOM_FOREST, "new family", 0.97, 800)
                .add("exp_002", null, Family.LINEAR, "new family", 0.97, 31).review();
        assertEquals(List.of("exp_002"), reviewOf(bigger, "exp_001").dominatedBy(), "same score, more size");
        assertEquals(Optional.of("exp_002"), bigger.recommendedWinner());

        StrategyReport twins = new Batch(AUC, 0.5)
                .add("exp_001", null, Family.LINEAR, "new family", 0.97, 31)
                .add("exp_002", null, Family.GRADIENT_BOOSTING, "new family", 0.97, 31).review();
        assertTrue(twins.points().stream().allMatch(ParetoPoint::onFront), "neither is strictly better");
        assertEquals(Optional.of("exp_001"), twins.recommendedWinner());
    }

    @Test
    void onlyAcceptedRunsAreReviewedAndNothingAcceptedRecommendsNothing() {
        StrategyReport report = new Batch(AUC, 0.5)
                .add("exp_001", null, Family.LINEAR, "new family", 0.52, 31, FAST, MetricVerdict.INCONCLUSIVE, false)
                .add("exp_002", null, Family.RANDOM_FOREST, "new family", 0.45, 800, FAST, MetricVerdict.REJECT, false)
                .review();

        assertTrue(report.reviews().isEmpty());
        assertTrue(report.points().isEmpty());
        assertEquals(Optional.empty(), report.recommendedWinner());
    }

    @Test
    void moreThanThreeSettingsOnlyStepsInARowAreStaleTuning() {
        Batch batch = new Batch(AUC, 0.5).add("exp_001", null, Family.RANDOM_FOREST, "new family", 0.90, 400);
        double score = 0.90;
        for (int step = 2; step <= 6; step++) {
            score *= 1.02; // each step clears the 1% that counts, so only the streak is in question
            batch.add(String.format("exp_%03d", step), String.format("exp_%03d", step - 1), Family.RANDOM_FOREST,
                    "Sets trees.", score, 400L * step);
        }
        batch.add("exp_007", null, Family.LINEAR, "new family", 0.5, 31)
                .add("exp_008", "exp_007", Family.LINEAR, "Sets l2.", 0.6, 31);
        StrategyReport report = batch.review();

        for (String id : List.of("exp_002", "exp_003", "exp_004", "exp_008")) {
            assertFalse(reviewOf(report, id).concerns().contains(Concern.STALE_TUNING), id);
        }
        StrategyReview fourth = reviewOf(report, "exp_005");
        assertEquals(List.of(Concern.STALE_TUNING), fourth.concerns());
        assertEquals(StrategyDecision.KEEP_WITH_CONCERNS, fourth.decision());
        assertEquals("It is the 4th experiment in a row that only changes settings of random_forest, more than 3: "
                + "tuning one model this long rarely pays; another family or better columns would teach more (stale "
                + "tuning).", reason(fourth, Code.STALE_TUNING));
        assertTrue(reviewOf(report, "exp_006").concerns().contains(Concern.STALE_TUNING));
        assertEquals("kept, with concerns: one model tuned too long (stale tuning)", Verdicts.words(RunStatus.DONE,
                Batch.review("exp_005", MetricVerdict.ACCEPT, false), fourth));
    }

    @Test
    void aStepUpTheLadderThatGainsLessThanTheThresholdIsDiminishingReturns() {
        StrategyReport report = new Batch(AUC, 0.5)
                .add("exp_001", null, Family.RANDOM_FOREST, "new family", 0.95, 800)
                .add("exp_002", "exp_001", Family.RANDOM_FOREST, "Sets trees from 100 to 200.", 0.952, 1600)
                .add("exp_003", "exp_001", Family.RANDOM_FOREST, "Sets max_depth from 8 to 12.", 0.97, 1200)
                .review();

        StrategyReview small = reviewOf(report, "exp_002");
        assertEquals(List.of(Concern.DIMINISHING_RETURNS), small.concerns());
        assertEquals("Its one change from exp_001 (\"Sets trees from 100 to 200\") made the validation auc 0.211% "
                + "better, less than the 1% that counts: more steps like it are unlikely to pay (diminishing "
                + "returns).", reason(small, Code.DIMINISHING_RETURNS));
        assertTrue(reviewOf(report, "exp_003").concerns().isEmpty(), "2.1% clears the 1% that counts");
        assertTrue(reviewOf(report, "exp_001").concerns().isEmpty(), "a new family is no step up a ladder");
    }

    @Test
    void theGainPerUnitOfExtraSizeIsMeasuredAgainstTheParentOrTheBaseline() {
        StrategyReport report = new Batch(AUC, 0.5)
                .add("exp_001", null, Family.LINEAR, "new family", 0.9, 31)
                .add("exp_002", null, Family.RANDOM_FOREST, "new family", 0.95, 800)
                .add("exp_003", "exp_002", Family.RANDOM_FOREST, "Sets trees from 100 to 200.", 0.97, 1600)
                .add("exp_004", "exp_002", Family.RANDOM_FOREST, "Sets trees from 100 to 50.", 0.96, 400)
                .review();

        StrategyReview linear = reviewOf(report, "exp_001");
        assertEquals("exp_000", linear.comparedWith());
        assertEquals((0.9 - 0.5) / 0.5 / 31, linear.gainPerSizeUnit(), 1e-15);
        StrategyReview doubled = reviewOf(report, "exp_003");
        assertEquals("exp_002", doubled.comparedWith());
        assertEquals((0.97 - 0.95) / 0.95 / 800, doubled.gainPerSizeUnit(), 1e-15);
        assertEquals("Against its parent exp_002 it scores 2.11% better for 800 more units of size: 0.00263% per "
                + "unit.", reason(doubled, Code.GAIN_PER_SIZE));
        StrategyReview halved = reviewOf(report, "exp_004");
        assertTrue(Double.isNaN(halved.gainPerSizeUnit()));
        assertEquals("Against its parent exp_002 it scores 1.05% better with 400 fewer units of size: a gain that "
                + "costs no size.", reason(halved, Code.GAIN_PER_SIZE));
    }

    @Test
    void slowPredictionsAndOverfittingAreConcernsThatKeepARunWithConcerns() {
        StrategyReport report = new Batch(AUC, 0.5)
                .add("exp_001", null, Family.LINEAR, "new family", 0.97, 31, 2e-3, MetricVerdict.ACCEPT, false)
                .add("exp_002", null, Family.RANDOM_FOREST, "new family", 0.98, 800, FAST, MetricVerdict.ACCEPT, true)
                .add("exp_003", null, Family.GRADIENT_BOOSTING, "new family", 0.99, 900).review();

        StrategyReview slow = reviewOf(report, "exp_001");
        assertEquals(List.of(Concern.SLOW_PREDICTIONS), slow.concerns());
        assertEquals("It takes 2 ms to predict one row, more than the 1 ms that keeps a thousand rows under a second: "
                + "it is slow to use.", reason(slow, Code.SLOW_PREDICTIONS));
        assertEquals("Its size is 31 (linear counts one weight per feature); it took 2.5 s to train and takes 2 ms to "
                + "predict one row.", reason(slow, Code.COST));
        StrategyReview overfit = reviewOf(report, "exp_002");
        assertEquals(List.of(Concern.OVERFIT), overfit.concerns());
        assertEquals("kept, with concerns: it may have learned its training rows by heart (overfitting)",
                Verdicts.words(RunStatus.DONE, Batch.review("exp_002", MetricVerdict.ACCEPT, true), overfit));
        assertEquals(StrategyDecision.KEEP, reviewOf(report, "exp_003").decision());
        assertEquals(Optional.of("exp_003"), report.recommendedWinner());

        StrategyReport onlyConcerns = new Batch(AUC, 0.5)
                .add("exp_001", null, Family.LINEAR, "new family", 0.97, 31, 2e-3, MetricVerdict.ACCEPT, false)
                .add("exp_002", null, Family.RANDOM_FOREST, "new family", 0.98, 800, FAST, MetricVerdict.ACCEPT, true)
                .review();
        assertEquals(Optional.of("exp_002"), onlyConcerns.recommendedWinner(), "no plain keep: the best of the rest");
    }

    @Test
    void aBatchTrainedOnRealDataGetsAReviewPerAcceptedRunAndAWinner() {
        Rows rows = ReviewData.breastCancer();
        RunEvidence baseline = ReviewData.trained(ReviewData.baselineExperiment(rows.contract()), rows).evidence();
        List<RunEvidence> runs = List.of(baseline,
                ReviewData.trained(ReviewData.experiment("exp_001", null, Family.LINEAR, Map.of(), "new family",
                        rows.contract()), rows).evidence(),
                ReviewData.trained(ReviewData.experiment("exp_002", null, Family.RANDOM_FOREST,
                        Map.of("trees", 40, "max_depth", 6), "new family", rows.contract()), rows).evidence(),
                ReviewData.trained(ReviewData.experiment("exp_003", "exp_002", Family.RANDOM_FOREST,
                        Map.of("trees", 80, "max_depth", 6), "Sets trees from 40 to 80.", rows.contract()), rows)
                        .evidence());
        List<ReviewedRun> reviewed = runs.stream().map(run -> new ReviewedRun(run, MetricReviewer.review(run, baseline,
                rows.contract(), rows.validation(), rows.preprocessor()))).toList();
        StrategyReport report = StrategyReviewer.review(reviewed, baseline, rows.contract());

        List<String> accepted = reviewed.stream().filter(r -> r.review().verdict() == MetricVerdict.ACCEPT)
                .map(ReviewedRun::id).toList();
        assertEquals(List.of("exp_001", "exp_002", "exp_003"), accepted, "every model beats guessing the diagnosis");
        assertEquals(accepted, report.reviews().stream().map(StrategyReview::experimentId).toList());
        String winner = report.recommendedWinner().orElseThrow();
        StrategyReview winning = reviewOf(report, winner);
        assertTrue(winning.dominatedBy().isEmpty(), winner + " " + winning.reasons());
        for (StrategyReview review : report.reviews()) {
            assertTrue(review.reasons().stream().anyMatch(r -> r.code() == Code.COST));
            assertTrue(review.reasons().stream().anyMatch(r -> r.code() == Code.GAIN_PER_SIZE));
        }
    }

    @Test
    void badInputsAreRefusedWithOneSentenceNamingTheFix() {
        Batch batch = new Batch(AUC, 0.5).add("exp_001", null, Family.LINEAR, "new family", 0.9, 31);
        List<ReviewedRun> twice = new ArrayList<>(batch.runs);
        twice.add(batch.runs.get(1));
        assertEquals("The runs to review hold exp_001 twice; give each run once.", assertThrows(
                IllegalArgumentException.class, () -> StrategyReviewer.review(twice, batch.baseline, AUC)).getMessage());
        assertEquals("The evidence of exp_001 is paired with the review of exp_000; pair each run with its own review.",
                assertThrows(IllegalArgumentException.class, () -> new ReviewedRun(batch.runs.get(1).run(),
                        batch.runs.get(0).review())).getMessage());
        assertEquals("The strategy review has no contract; pass it (not null).", assertThrows(
                IllegalArgumentException.class, () -> StrategyReviewer.review(batch.runs, batch.baseline, null))
                .getMessage());
    }
}
