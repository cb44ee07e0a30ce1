package org.sealbook.toolkit.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sealbook.toolkit.review.ReviewData.THRESHOLD;
import static org.sealbook.toolkit.review.ReviewData.baselineExperiment;
import static org.sealbook.toolkit.review.ReviewData.experiment;
import static org.sealbook.toolkit.review.ReviewData.trained;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sealbook.toolkit.hypothesis.Family;
import org.sealbook.toolkit.prepare.Prepared;
import org.sealbook.toolkit.prepare.Preprocessor;
import org.sealbook.toolkit.review.ReviewData.Rows;
import org.sealbook.toolkit.review.ReviewFinding.Code;
import org.sealbook.toolkit.runs.RunStatus;

/** The metric reviewer on real data sets and real models, and on their evidence edited to show one flaw each. */
class MetricReviewerTest {
    private static final Map<String, Rows> ROWS = new ConcurrentHashMap<>();
    private static final Map<String, ReviewData.Trained> RUNS = new ConcurrentHashMap<>();

    private static Rows rows(String name) {
        return ROWS.computeIfAbsent(name, key -> switch (key) {
            case "breast_cancer" -> ReviewData.breastCancer();
            case "breast_cancer_accuracy" -> ReviewData.breastCancerByAccuracy();
            case "wine" -> ReviewData.wine();
            case "diabetes" -> ReviewData.diabetes();
            case "diabetes_log" -> ReviewData.diabetesWithLogTarget();
            case "diabetes_leak" -> ReviewData.diabetesWithTheAnswerCopied();
            default -> throw new IllegalArgumentException("No rows called " + key + " in this test.");
        });
    }

    /** A trained run, trained once per data set and family for the whole class. */
    private static ReviewData.Trained run(String data, Family family, Supplier<ReviewData.Trained> train) {
        return RUNS.computeIfAbsent(data + "/" + family, key -> train.get());
    }

    private static ReviewData.Trained baselineRun(String data) {
        Rows rows = rows(data);
        return run(data, Family.BASELINE, () -> trained(baselineExperiment(rows.contract()), rows));
    }

    private static ReviewData.Trained linearRun(String data) {
        Rows rows = rows(data);
        return run(data, Family.LINEAR, () -> trained(experiment("exp_001", null, Family.LINEAR, Map.of(),
                "new family", rows.contract()), rows));
    }

    private static RunEvidence baseline(String data) {
        return baselineRun(data).evidence();
    }

    private static RunEvidence linear(String data) {
        return linearRun(data).evidence();
    }

    /** The linear run's evidence had it made the baseline's predictions instead. */
    private static RunEvidence copyingTheBaseline(String data) {
        ReviewData.Trained base = baselineRun(data);
        return ReviewData.predicting(base, linear(data).experiment(), base.trainPredictions(),
                base.evidence().validationPredictions(), rows(data));
    }

    private static MetricReview review(String data, RunEvidence run) {
        Rows rows = rows(data);
        return MetricReviewer.review(run, baseline(data), rows.contract(), rows.validation(), rows.preprocessor());
    }

    /** The two class probabilities swapped: the model's ranking turned upside down. */
    private static double[][] backwards(double[][] probabilities) {
        return Arrays.stream(probabilities).map(p -> new double[] {p[1], p[0]}).toArray(double[][]::new);
    }

    private static ReviewFinding finding(MetricReview review, Code code) {
        return review.findings().stream().filter(f -> f.code() == code).findFirst()
                .orElseThrow(() -> new AssertionError("no " + code + " in " + review.findings()));
    }

    @ParameterizedTest
    @CsvSource({"breast_cancer, false", "wine, false", "diabetes, true"})
    void aClearlyBetterModelIsAcceptedWithAnIntervalAboveTheThreshold(String data, boolean overfit) {
        MetricReview review = review(data, linear(data));

        assertEquals(MetricVerdict.ACCEPT, review.verdict(), review.findings().toString());
        assertTrue(review.intervalLow() > THRESHOLD, "interval starts at " + review.intervalLow());
        assertTrue(review.intervalLow() <= review.improvement() && review.improvement() <= review.intervalHigh(),
                review.improvement() + " outside [" + review.intervalLow() + ", " + review.intervalHigh() + "]");
        assertTrue(finding(review, Code.IMPROVEMENT).sentence().contains("so the improvement is real"));
        // least squares on diabetes scores 17% better on its own rows than on the validation rows, beyond the 10%
        assertEquals(overfit, review.overfit(), review.findings().toString());
        assertEquals(overfit ? "overfit · flagged" : "better than the baseline",
                Verdicts.words(RunStatus.DONE, review, null));
    }

    @Test
    void theImprovementSentenceCarriesTheScoresAndTheInterval() {
        MetricReview review = review("diabetes", linear("diabetes"));
        double baselineRmse = baseline("diabetes").scores().get("val_rmse");
        double rmse = linear("diabetes").scores().get("val_rmse");

        assertEquals((baselineRmse - rmse) / baselineRmse, review.improvement(), 1e-12, "lower rmse is better");
        String sentence = finding(review, Code.IMPROVEMENT).sentence();
        assertTrue(sentence.startsWith("Its validation rmse is " + Numbers.score(rmse) + " against the baseline's "
                + Numbers.score(baselineRmse) + ": " + Numbers.percent(review.improvement()) + " better."), sentence);
        assertTrue(sentence.contains("1000 resamples of the 133 validation rows"), sentence);
        assertTrue(sentence.contains("between " + Numbers.percent(review.intervalLow()) + " and "
                + Numbers.percent(review.intervalHigh())), sentence);
    }

    @Test
    void theBaselineItselfIsTheBar() {
        MetricReview review = review("breast_cancer", baseline("breast_cancer"));

        assertEquals(MetricVerdict.BASELINE, review.verdict());
        assertFalse(review.has(Code.COLLAPSE), "the baseline gives one answer by design");
        assertEquals("the bar", Verdicts.words(RunStatus.DONE, review, null));
    }

    @Test
    void predictionsCopiedFromTheBaselineAreNotBetter() {
        MetricReview review = review("breast_cancer", copyingTheBaseline("breast_cancer"));

        assertEquals(MetricVerdict.REJECT, review.verdict());
        assertEquals(0.0, review.intervalLow());
        assertEquals(0.0, review.intervalHigh());
        assertTrue(finding(review, Code.IMPROVEMENT).sentence().endsWith("it is not better than the baseline."));
        assertEquals("not better than the baseline", Verdicts.words(RunStatus.DONE, review, null));
    }

    @Test
    void aModelThatRanksRowsBackwardsIsWorseThanTheBaseline() {
        ReviewData.Trained linear = linearRun("breast_cancer");
        MetricReview review = review("breast_cancer", ReviewData.predicting(linear, linear.evidence().experiment(),
                backwards(linear.trainPredictions()), backwards(linear.evidence().validationPredictions()),
                rows("breast_cancer")));

        assertEquals(MetricVerdict.REJECT, review.verdict());
        assertTrue(review.intervalHigh() < 0, "interval ends at " + review.intervalHigh());
        assertTrue(finding(review, Code.IMPROVEMENT).sentence().endsWith("it is worse than the baseline."));
        assertEquals("worse than the baseline", Verdicts.words(RunStatus.DONE, review, null));
    }

    @Test
    void twoRowsOfDifferenceAreTooCloseToCall() {
        Rows rows = rows("breast_cancer_accuracy");
        double[][] guesses = Arrays.stream(baseline("breast_cancer_accuracy").validationPredictions())
                .map(double[]::clone).toArray(double[][]::new);
        int majority = guesses[0][0] > guesses[0][1] ? 0 : 1;
        int corrected = 0;
        for (int i = 0; i < guesses.length && corrected < 2; i++) {
            if (rows.validation().labels()[i] != majority) {
                guesses[i] = majority == 0 ? new double[] {0.1, 0.9} : new double[] {0.9, 0.1};
                corrected++;
            }
        }
        RunEvidence run = ReviewData.predicting(baselineRun("breast_cancer_accuracy"),
                linear("breast_cancer_accuracy").experiment(), baselineRun("breast_cancer_accuracy").trainPredictions(),
                guesses, rows);
        MetricReview review = review("breast_cancer_accuracy", run);

        assertTrue(review.improvement() > THRESHOLD, "two more right answers in 171: " + review.improvement());
        assertTrue(review.intervalLow() <= THRESHOLD && review.intervalHigh() > 0,
                "[" + review.intervalLow() + ", " + review.intervalHigh() + "]");
        assertEquals(MetricVerdict.INCONCLUSIVE, review.verdict());
        assertTrue(finding(review, Code.IMPROVEMENT).sentence().contains("too close to call"));
        assertEquals("too close to baseline", Verdicts.words(RunStatus.DONE, review, null));
    }

    @Test
    void aRunThatLeftNoModelStaysUndecided() {
        RunEvidence run = linear("breast_cancer");
        RunEvidence noModel = new RunEvidence(run.experiment(), RunStatus.DONE, run.scores(), run.history(),
                run.complexity(), run.fitSeconds(), run.predictSecondsPerRow(), null, true);
        MetricReview review = review("breast_cancer", noModel);

        assertEquals(MetricVerdict.INCONCLUSIVE, review.verdict());
        assertTrue(Double.isNaN(review.intervalLow()) && Double.isNaN(review.intervalHigh()));
        assertEquals("Its recorded validation auc is " + Numbers.percent(review.improvement()) + " better than the "
                + "baseline's, but how sure that is cannot be measured: the run left no predictions for the "
                + "validation rows, so it stays undecided.", finding(review, Code.NO_INTERVAL).sentence());
        assertEquals("undecided: it could not be compared with the baseline row by row",
                Verdicts.words(RunStatus.DONE, review, null));
    }

    @Test
    void aDeepForestOnFewRowsIsFlaggedAsOverfitWithoutChangingItsVerdict() {
        Rows few = rows("diabetes").fewerTrainingRows(60);
        RunEvidence forest = trained(experiment("exp_002", null, Family.RANDOM_FOREST,
                Map.of("trees", 30, "max_depth", 12), "new family", few.contract()), few).evidence();
        MetricReview review = review("diabetes", forest);

        double train = forest.scores().get("train_rmse");
        double validation = forest.scores().get("val_rmse");
        assertEquals((validation - train) / validation, review.gap(), 1e-12);
        assertTrue(review.overfit());
        String sentence = finding(review, Code.OVERFIT_GAP).sentence();
        assertTrue(sentence.contains("is " + Numbers.percent(review.gap()) + " better than on the validation rows"),
                sentence);
        assertTrue(sentence.contains("more than the 10% the hypothesis allowed: it learned its training rows by heart"),
                sentence);
        MetricVerdict byInterval = review.intervalLow() > THRESHOLD ? MetricVerdict.ACCEPT
                : review.intervalHigh() <= 0 ? MetricVerdict.REJECT : MetricVerdict.INCONCLUSIVE;
        assertEquals(byInterval, review.verdict(), "overfitting alone does not change the verdict");
        assertEquals("overfit · flagged", Verdicts.words(RunStatus.DONE, review, null));
    }

    @Test
    void validationLossRisingAtTheEndWhileTrainingLossFallsIsOverfitting() {
        List<Map<String, Double>> rising = new ArrayList<>();
        List<Map<String, Double>> falling = new ArrayList<>();
        for (int step = 1; step <= 20; step++) {
            double train = 1.0 / step;
            rising.add(Map.of("step", (double) step, "train_loss", train,
                    "val_loss", step <= 15 ? 1.2 / step : 0.08 + 0.02 * (step - 15)));
            falling.add(Map.of("step", (double) step, "train_loss", train, "val_loss", 1.2 / step));
        }
        RunEvidence run = linear("breast_cancer");
        MetricReview overfit = review("breast_cancer", ReviewData.withHistory(run, rising));
        MetricReview healthy = review("breast_cancer", ReviewData.withHistory(run, falling));

        assertTrue(overfit.overfit());
        String sentence = finding(overfit, Code.OVERFIT_RISING_VALIDATION).sentence();
        assertTrue(sentence.startsWith("Over its last 4 of 20 training steps, the error on the validation rows went "
                + "up"), sentence);
        assertFalse(healthy.overfit());
        assertFalse(healthy.has(Code.OVERFIT_RISING_VALIDATION));
    }

    @Test
    void notANumberInTheHistoryIsNamedWithItsStep() {
        List<Map<String, Double>> history = new ArrayList<>();
        for (int step = 1; step <= 6; step++) {
            history.add(Map.of("step", (double) step, "train_loss", step < 4 ? 1.0 / step : Double.NaN,
                    "val_loss", 1.0));
        }
        RunEvidence crashed = ReviewData.withStatus(ReviewData.withHistory(linear("breast_cancer"), history),
                RunStatus.CRASHED_NAN);
        MetricReview review = review("breast_cancer", crashed);

        assertNull(review.verdict(), "a run that did not finish gets no verdict");
        assertEquals("At step 4 the error on its training rows (train_loss) became NaN (not a number), and 2 more "
                + "logged values are not finite numbers either: the training broke down (diverged) there, and "
                + "nothing computed after it can be trusted.", finding(review, Code.NOT_FINITE_HISTORY).sentence());
        assertEquals("training diverged", Verdicts.words(RunStatus.CRASHED_NAN, review, null));
    }

    @Test
    void aSuddenJumpInTheLossIsASpike() {
        List<Map<String, Double>> history = new ArrayList<>();
        double[] losses = {0.9, 0.8, 0.7, 0.65, 3.0, 0.6};
        for (int i = 0; i < losses.length; i++) {
            history.add(Map.of("step", i + 1.0, "train_loss", losses[i]));
        }
        MetricReview review = review("breast_cancer", ReviewData.withHistory(linear("breast_cancer"), history));

        assertTrue(finding(review, Code.SPIKE).sentence().startsWith("At step 5 the error on its training rows "
                + "(train_loss) jumped to 3, more than 3 times its average of 0.7625"));
        MetricReview calm = review("breast_cancer", linear("breast_cancer"));
        assertFalse(calm.has(Code.SPIKE), calm.findings().toString());
    }

    @Test
    void oneAnswerForEveryRowIsACollapse() {
        assertTrue(finding(review("breast_cancer", copyingTheBaseline("breast_cancer")), Code.COLLAPSE).sentence()
                .startsWith("It gives all 171 validation rows the same answer (benign), although they hold 2"));

        ReviewData.Trained linear = linearRun("diabetes");
        RunEvidence constant = ReviewData.predicting(linear, linear.evidence().experiment(),
                linear.trainPredictions(), Arrays.stream(linear.evidence().validationPredictions())
                        .map(p -> new double[] {150.0}).toArray(double[][]::new), rows("diabetes"));
        assertTrue(review("diabetes", constant).has(Code.COLLAPSE));
        assertFalse(review("diabetes", linear("diabetes")).has(Code.COLLAPSE));
    }

    @Test
    void aPerfectValidationScoreWarnsOfALeak() {
        Rows rows = rows("diabetes_leak");
        RunEvidence leaky = trained(experiment("exp_001", null, Family.LINEAR, Map.of(), "new family",
                rows.contract()), rows).evidence();
        MetricReview review = review("diabetes_leak", leaky);

        assertTrue(leaky.scores().get("val_rmse") < 1e-6, "the copied answer predicts itself");
        assertTrue(finding(review, Code.LEAK_WARNING).sentence().contains("check that no column gives the answer "
                + "away (leakage)"));
        assertEquals(MetricVerdict.ACCEPT, review.verdict(), "a warning, not a verdict");
        assertFalse(review("diabetes", linear("diabetes")).has(Code.LEAK_WARNING), "an honest model is not perfect");
    }

    @Test
    void aMissingOrBrokenLockedMetricIsAManifestFinding() {
        Map<String, Double> scores = new LinkedHashMap<>(linear("diabetes").scores());
        scores.remove("val_r2");
        scores.put("train_mae", Double.NaN);
        MetricReview review = review("diabetes", ReviewData.withScores(linear("diabetes"), scores));

        assertEquals("Its result has no val_r2 (r2 on the validation rows), which the hypothesis locked: its record "
                + "is incomplete, so score the run again before trusting it.", finding(review, Code.METRIC_MISSING)
                .sentence());
        assertTrue(finding(review, Code.METRIC_NOT_FINITE).sentence().startsWith("Its train_mae (mae on the rows it "
                + "learned from) is not a number"));
        MetricReview complete = review("diabetes", linear("diabetes"));
        assertFalse(complete.has(Code.METRIC_MISSING) || complete.has(Code.METRIC_NOT_FINITE));
    }

    @Test
    void moreStepsThanThePlanAllowsBreakTheManifest() {
        Rows rows = rows("wine");
        RunEvidence forest = trained(experiment("exp_002", null, Family.RANDOM_FOREST,
                Map.of("trees", 10, "max_depth", 4), "new family", rows.contract()), rows).evidence();
        assertEquals(10.0, forest.history().get(forest.history().size() - 1).get("step"), "steps count trees");
        assertFalse(review("wine", forest).has(Code.STEPS_OUT_OF_BOUNDS));

        List<Map<String, Double>> longer = new ArrayList<>(forest.history());
        longer.add(Map.of("step", 11.0, "total", 12.0));
        longer.add(Map.of("step", 12.0, "total", 12.0));
        assertEquals("It recorded 12 training steps (epochs, trees or rounds), more than the 10 its plan allows: it "
                + "trained beyond what was agreed, so its result is not the planned one.",
                finding(review("wine", ReviewData.withHistory(forest, longer)), Code.STEPS_OUT_OF_BOUNDS).sentence());
        assertTrue(review("wine", ReviewData.withHistory(forest, List.of())).has(Code.STEPS_OUT_OF_BOUNDS),
                "a finished run with no step");
    }

    @Test
    void theBootstrapIsReproducibleBitForBitAndFollowsTheContractsSeed() {
        Rows rows = rows("breast_cancer");
        MetricReview first = review("breast_cancer", linear("breast_cancer"));
        MetricReview again = review("breast_cancer", linear("breast_cancer"));
        MetricReview otherSeed = MetricReviewer.review(linear("breast_cancer"), baseline("breast_cancer"),
                ReviewData.withSeed(rows.contract(), 7), rows.validation(), rows.preprocessor());

        assertEquals(Double.doubleToRawLongBits(first.intervalLow()), Double.doubleToRawLongBits(again.intervalLow()));
        assertEquals(Double.doubleToRawLongBits(first.intervalHigh()),
                Double.doubleToRawLongBits(again.intervalHigh()));
        assertEquals(first.findings(), again.findings());
        assertNotEquals(first.intervalLow(), otherSeed.intervalLow(), "the seed chooses the resamples");
    }

    @Test
    void aLogTargetIsScoredBackOnTheOriginalScale() {
        Rows logRows = rows("diabetes_log");
        RunEvidence logBaseline = run("diabetes_log", Family.BASELINE,
                () -> trained(baselineExperiment(logRows.contract()), logRows)).evidence();
        RunEvidence logLinear = run("diabetes_log", Family.LINEAR, () -> trained(experiment("exp_001", null,
                Family.LINEAR, Map.of(), "new family", logRows.contract()), logRows)).evidence();
        MetricReview review = MetricReviewer.review(logLinear, logBaseline, logRows.contract(), logRows.validation(),
                logRows.preprocessor());

        // The same rows and predictions turned back into the target's own units by hand, scored with a preprocessor
        // that transforms nothing: the interval must be the same, bit for bit.
        Preprocessor plain = rows("diabetes").preprocessor();
        Prepared original = Prepared.regression(logRows.validation().features(), logRows.validation().x(),
                Arrays.stream(logRows.validation().y()).map(Math::exp).toArray());
        MetricReview byHand = MetricReviewer.review(onOriginalScale(logLinear), onOriginalScale(logBaseline),
                logRows.contract(), original, plain);
        MetricReview unconverted = MetricReviewer.review(logLinear, logBaseline, logRows.contract(),
                logRows.validation(), plain);

        assertEquals(byHand.intervalLow(), review.intervalLow(), 0.0);
        assertEquals(byHand.intervalHigh(), review.intervalHigh(), 0.0);
        assertNotEquals(unconverted.intervalLow(), review.intervalLow(), "errors of logarithms are other numbers");
    }

    private static RunEvidence onOriginalScale(RunEvidence run) {
        double[][] predictions = Arrays.stream(run.validationPredictions()).map(p -> new double[] {Math.exp(p[0])})
                .toArray(double[][]::new);
        return new RunEvidence(run.experiment(), run.status(), run.scores(), run.history(), run.complexity(),
                run.fitSeconds(), run.predictSecondsPerRow(), predictions, run.converged());
    }

    @Test
    void badInputsAreRefusedWithOneSentenceNamingTheFix() {
        Rows rows = rows("breast_cancer");
        RunEvidence run = linear("breast_cancer");
        assertEquals("The metric review needs the sealed contract; pass it instead of null.",
                assertThrows(IllegalArgumentException.class, () -> MetricReviewer.review(run, baseline("breast_cancer"),
                        null, rows.validation(), rows.preprocessor())).getMessage());
        RunEvidence short10 = new RunEvidence(run.experiment(), RunStatus.DONE, run.scores(), run.history(),
                run.complexity(), run.fitSeconds(), run.predictSecondsPerRow(),
                Arrays.copyOf(run.validationPredictions(), 10), true);
        assertEquals("exp_001 has 10 validation predictions for 171 validation rows; pass its predictions of the "
                + "same validation rows.", assertThrows(IllegalArgumentException.class,
                () -> review("breast_cancer", short10)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MetricReviewer.review(run,
                baseline("breast_cancer"), rows.contract(), rows.validation(), rows.preprocessor(), 10))
                .getMessage().contains("use 100 or more"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MetricReviewer.review(run,
                baseline("breast_cancer"), rows("diabetes").contract(), rows.validation(), rows.preprocessor()))
                .getMessage().contains("the validation rows hold classes"));
        assertEquals("The evidence of exp_001 gives a size of -1; give the model's size as 0 or more.",
                assertThrows(IllegalArgumentException.class, () -> new RunEvidence(run.experiment(), RunStatus.DONE,
                        Map.of(), List.of(), -1, 1, 1e-6, null, true)).getMessage());
    }
}
