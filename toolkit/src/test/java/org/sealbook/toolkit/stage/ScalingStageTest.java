package org.sealbook.toolkit.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealbook.toolkit.Sessions;
import org.sealbook.toolkit.SharedData;
import org.sealbook.toolkit.pipeline.StageOutcome;
import org.sealbook.toolkit.pipeline.Status;
import org.sealbook.toolkit.report.ReportDecision;
import org.sealbook.toolkit.scaling.Curve;
import org.sealbook.toolkit.scaling.ScalingRecord;
import org.sealbook.toolkit.workspace.Workspace;

/**
 * %scaling after the five stages ran for real: on diabetes (a regression, whose error never reaches 0) the curve it
 * seals and says and each refusal; on wine, a forest measured by size, whose error reaches 0 and is flagged.
 */
class ScalingStageTest {
    @TempDir
    static Path temp;
    private static Sessions session;
    private static Workspace workspace;

    @BeforeAll
    static void aReportWithAWinner() throws Exception {
        Files.copy(SharedData.file("diabetes.csv"), temp.resolve("diabetes.csv"));
        session = Sessions.in(temp);
        session.run("data_check", "diabetes.csv", "--target", "progression");
        session.run("hypothesize");
        // the forest and boosting ladders left out so the batch stays quick
        assertEquals(Status.DONE, session.run("design_experiments", "--drop", "exp_003,exp_004,exp_005,exp_006",
                "--concurrency", "2").status(), session.output());
        StageOutcome trained = session.run("train", "--wait");
        assertTrue(trained.status() == Status.DONE || trained.status() == Status.DONE_WITH_CONCERNS, session.output());
        StageOutcome report = session.run("report");
        assertTrue(report.status() == Status.DONE, session.output());
        workspace = session.workspace();
        assertTrue(workspace.read("scaling", ReportDecision.ARTIFACT, session.session().names()).winnerId()
                .isPresent(), "the test needs a report with a winner: " + session.output());
    }

    @Test
    void theWinnersFamilyIsMeasuredOnMoreAndMoreRowsAndTheCurveIsSealedAndSaid() throws Exception {
        session.reset();
        StageOutcome outcome = session.run("scaling", "--predict", "1000");

        assertTrue(outcome.status() == Status.DONE || outcome.status() == Status.DONE_WITH_CONCERNS,
                outcome.sentence() + "\n" + session.output());
        ScalingRecord record = workspace.read("test", ScalingRecord.ARTIFACT, session.session().names());
        ReportDecision report = workspace.read("test", ReportDecision.ARTIFACT, session.session().names());
        assertEquals(report.winner(), record.experiment());
        assertEquals(5, record.points().size());
        assertEquals("rows", record.over());
        org.sealbook.toolkit.hypothesis.Metric primary = workspace.read("test",
                org.sealbook.toolkit.hypothesis.Hypothesis.ARTIFACT, session.session().names()).contract().primary();
        assertEquals(primary.higherIsBetter() ? "1 - " + primary.label() : primary.label(), record.error());
        assertTrue(record.points().stream().allMatch(p -> p.error() > 0), record.points().toString());
        // the largest point is every training row; the smallest a sixteenth of them, but never under 10
        long all = record.points().get(4).n();
        assertEquals(Math.max(10, all / 16), record.points().get(0).n(), 1);
        for (int i = 1; i < 5; i++) {
            assertTrue(record.points().get(i).n() > record.points().get(i - 1).n(), record.points().toString());
        }
        assertTrue(record.chosen().aicc() <= record.other().aicc());
        assertEquals(200, record.intervals().resamples());
        String said = session.output();
        assertTrue(said.contains("scaling law ("), said);
        assertTrue(said.contains("AICc ("), said);
        assertTrue(said.contains("With twice the training rows (" + (2 * all) + " instead of " + all + ")"), said);
        double change = record.chosen().predict(2 * all) - record.chosen().predict(all);
        assertTrue(said.contains(org.sealbook.toolkit.explain.Numbers.number(change)), said);
        // what doubling buys is weighed against the smallest gain the hypothesis counts as worth having
        double share = -change / record.chosen().predict(all);
        assertTrue(record.intervals().gain().high() >= 0 ? said.contains("more rows may buy nothing")
                : said.contains(org.sealbook.toolkit.explain.Numbers.percent(share) + " of the error"), said);
        assertTrue(said.contains("At 1000 training rows the curve predicts an error of "), said);
        assertTrue(said.contains("extrapolation ("), said);
        assertTrue(Files.exists(temp.resolve("figures").resolve("scaling-curve-of-" + record.experiment().replace("_",
                "-") + ".png")) || said.contains("Scaling curve of " + record.experiment()), said);
        assertTrue(record.chosen().form() == Curve.Form.SATURATING || record.chosen().form() == Curve.Form.POWER_LAW);
    }

    @Test
    void fewerThanFourPointsAreRefusedInOneSentenceAndNothingIsWritten() throws Exception {
        WorkspaceSnapshot before = WorkspaceSnapshot.of(workspace.folder());

        StageOutcome outcome = session.run("scaling", "--points", "3");

        assertEquals(Status.BLOCKED, outcome.status());
        assertEquals("--points 3 is too few: a curve with 3 numbers needs at least 4 points to be judged; give "
                + "--points from 4 to 12.", outcome.sentence());
        assertEquals(before, WorkspaceSnapshot.of(workspace.folder()));
    }

    @Test
    void aPredictionMoreThanADecadePastTheDataIsRefusedBeforeAnythingTrains() throws Exception {
        WorkspaceSnapshot before = WorkspaceSnapshot.of(workspace.folder());

        StageOutcome outcome = session.run("scaling", "--predict", "100000");

        assertEquals(Status.BLOCKED, outcome.status());
        assertTrue(outcome.sentence().startsWith("--predict 100000 is more than 10 times the largest size trained ("),
                outcome.sentence());
        assertTrue(outcome.sentence().contains("ask for at most "), outcome.sentence());
        assertEquals(before, WorkspaceSnapshot.of(workspace.folder()));
    }

    @Test
    void aFamilyWithoutASizeSettingIsRefusedWhenAskedToVaryItsSize() throws Exception {
        ReportDecision report = workspace.read("test", ReportDecision.ARTIFACT, session.session().names());
        String family = workspace.read("test", org.sealbook.toolkit.plan.Plan.ARTIFACT, session.session().names())
                .experiments().stream().filter(e -> e.id().equals(report.winner())).findFirst().orElseThrow()
                .family().label();
        WorkspaceSnapshot before = WorkspaceSnapshot.of(workspace.folder());

        StageOutcome outcome = session.run("scaling", "--over", "size", "--points", "4");

        if (family.equals("linear")) {
            assertEquals(Status.BLOCKED, outcome.status());
            assertEquals("The winner " + report.winner() + " is a linear model, which has no size setting to vary "
                    + "(its size is fixed by the columns); measure it with %scaling --over rows instead.",
                    outcome.sentence());
            assertEquals(before, WorkspaceSnapshot.of(workspace.folder()));
        } else {
            assertFalse(outcome.status() == Status.BLOCKED, outcome.sentence());
        }
    }

    @Test
    void aForestIsMeasuredAtFewerTreesOnAllTheRowsWhenAskedToVaryItsSize() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("forest"));
        Files.copy(SharedData.file("wine.csv"), folder.resolve("wine.csv"));
        Sessions forest = Sessions.in(folder);
        forest.run("data_check", "wine.csv", "--target", "cultivar");
        forest.run("hypothesize");
        // only the baseline and a 100-tree forest, so the forest wins
        assertEquals(Status.DONE, forest.run("design_experiments", "--drop", "exp_001,exp_003,exp_004,exp_005,exp_006")
                .status(), forest.output());
        forest.run("train", "--wait");
        assertEquals(Status.DONE, forest.run("report").status(), forest.output());
        forest.reset();

        StageOutcome outcome = forest.run("scaling", "--over", "size");

        // wine is easy: from 13 trees on the forest makes no mistake on the validation rows, and that is said
        assertEquals(Status.DONE_WITH_CONCERNS, outcome.status(), outcome.sentence() + "\n" + forest.output());
        assertTrue(outcome.sentence().matches("The error is 0 at \\d of the 5 sizes \\(from \\d+ trees x depth on\\): "
                + "the model makes no mistakes on the \\d+ validation rows there, so this curve cannot say what more "
                + "would buy; more validation rows \\(a larger share in %hypothesize\\) would\\."), outcome.sentence());
        ScalingRecord record = forest.workspace().read("test", ScalingRecord.ARTIFACT, forest.session().names());
        assertEquals("exp_002", record.experiment());
        assertEquals("size", record.over());
        assertEquals(java.util.List.of("trees=6", "trees=13", "trees=25", "trees=50", "trees=100"),
                record.points().stream().map(ScalingRecord.Point::setting).toList());
        // size as the report counts it: trees x depth
        assertEquals(800, record.points().get(4).n());
        // one error above 0, then zeros: no exponent is steep enough, and the text says so
        assertEquals(org.sealbook.toolkit.scaling.CurveFit.MAX_EXPONENT, record.chosen().b(), 1e-9);
        assertTrue(forest.output().contains("b reached the largest value tried (5)"), forest.output());
        assertTrue(forest.output().contains("With a model twice the size (1600 instead of 800, in trees x depth)"),
                forest.output());
    }
}
