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

/** %scaling on wine, after the five stages ran for real: the curve it seals and says, and each refusal. */
class ScalingStageTest {
    @TempDir
    static Path temp;
    private static Sessions session;
    private static Workspace workspace;

    @BeforeAll
    static void aReportWithAWinner() throws Exception {
        Files.copy(SharedData.file("wine.csv"), temp.resolve("wine.csv"));
        session = Sessions.in(temp);
        session.run("data_check", "wine.csv", "--target", "cultivar");
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
        String primary = workspace.read("test", org.sealbook.toolkit.hypothesis.Hypothesis.ARTIFACT,
                session.session().names()).contract().primary().label();
        assertEquals("1 - " + primary, record.error());
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
}
