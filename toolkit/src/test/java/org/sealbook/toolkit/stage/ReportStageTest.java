package org.sealbook.toolkit.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealbook.toolkit.Sessions;
import org.sealbook.toolkit.SharedData;
import org.sealbook.toolkit.hypothesis.Hypothesis;
import org.sealbook.toolkit.models.Models;
import org.sealbook.toolkit.plan.Plan;
import org.sealbook.toolkit.report.Dashboard;
import org.sealbook.toolkit.report.ReportDecision;
import org.sealbook.toolkit.session.Session;
import org.sealbook.toolkit.runs.Batch;
import org.sealbook.toolkit.pipeline.StageOutcome;
import org.sealbook.toolkit.pipeline.Status;
import org.sealbook.toolkit.workspace.Workspace;

/** %report on a real sealed and trained plan on wine: reviewed, written, sealed; and its refusals. */
class ReportStageTest {
    @TempDir
    Path temp;

    private Sessions session;
    private Workspace workspace;

    @BeforeEach
    void sealedPlan() throws Exception {
        session = Sessions.in(temp);
        Files.copy(SharedData.file("wine.csv"), temp.resolve("wine.csv"));
        session.run("data_check", "wine.csv", "--target", "cultivar");
        session.run("hypothesize");
        assertEquals(Status.DONE, session.run("design_experiments", "--drop", "exp_003,exp_005,exp_006",
                "--concurrency", "2").status());
        workspace = session.workspace();
    }

    private void train() throws Exception {
        StageOutcome trained = session.run("train", "--wait");
        assertTrue(trained.status() == Status.DONE || trained.status() == Status.DONE_WITH_CONCERNS, output());
    }

    private StageOutcome report(String... words) {
        return session.run("report", words);
    }

    private Plan plan() {
        return workspace.read("train", Plan.ARTIFACT, session.session().names());
    }

    private ReportDecision sealedReport() {
        return workspace.read("report", ReportDecision.ARTIFACT, session.session().names());
    }

    private String output() {
        return session.raw();
    }

    @Test
    void aTrainedBatchIsReviewedWrittenAndSealed() throws Exception {
        train();
        StageOutcome outcome = report();

        assertTrue(outcome.status() == Status.DONE || outcome.status() == Status.DONE_WITH_CONCERNS, outcome.sentence());
        String shown = output().replaceAll("\\s+", " ");
        assertTrue(shown.contains("Leaderboard"), shown);
        assertTrue(shown.contains("Recommendation"), shown);
        assertTrue(shown.contains("Next step 1:"), shown);
        JsonObject dashboard = JsonParser.parseString(Files.readString(workspace.folder().resolve(Dashboard.FILE_NAME)))
                .getAsJsonObject();
        assertEquals(plan().batch(), dashboard.get("plan_id").getAsString());
        assertEquals(4, dashboard.getAsJsonArray("experiments").size());
        int steps = dashboard.getAsJsonArray("next_steps").size();
        assertTrue(steps >= 2 && steps <= 3, dashboard.toString());
        String html = Files.readString(workspace.folder().resolve(ReportStage.REPORT_FILE));
        assertTrue(html.contains("Leaderboard") && html.contains("exp_004"), "the HTML report has the leaderboard");
        ReportDecision sealed = sealedReport();
        assertEquals(4, sealed.verdicts().size());
        if (outcome.status() == Status.DONE) {
            String winner = sealed.winnerId().orElseThrow();
            assertTrue(outcome.sentence().startsWith("I recommend " + winner + " ("), outcome.sentence());
            assertTrue(shown.contains("The winner, " + winner), shown);
            // promoted: merged into the experiments branch, tagged, and loadable to predict raw rows
            try (org.eclipse.jgit.api.Git git = org.eclipse.jgit.api.Git.open(workspace.folder().toFile())) {
                var repo = git.getRepository();
                var tagged = repo.parseCommit(repo.exactRef("refs/tags/" + Workspace.promotedTag(winner)).getObjectId());
                assertEquals(tagged, repo.parseCommit(repo.resolve(Workspace.EXPERIMENTS_BRANCH)));
                assertEquals(2, tagged.getParentCount(), "a merge of the winner's branch");
                assertEquals("refs/heads/main", repo.getFullBranch());
            }
            org.sealbook.toolkit.models.PromotedModel model = org.sealbook.toolkit.models.PromotedModel.load(workspace.folder());
            assertEquals(winner, model.experiment());
            tech.tablesaw.api.Table rows = org.sealbook.toolkit.data.DataLoader.create().load(temp.resolve("wine.csv")).table();
            var predicted = model.predict(rows.rejectColumns("cultivar"));
            int right = 0;
            for (int i = 0; i < rows.rowCount(); i++) {
                right += predicted.getString(i).equals(rows.column("cultivar").getString(i)) ? 1 : 0;
            }
            assertTrue(right > 0.85 * rows.rowCount(), right + " of " + rows.rowCount() + " rows predicted right");
            report(); // reviewing again promotes nothing twice and refuses nothing
            assertEquals(Status.DONE, sealedReport().winnerId().isPresent() ? Status.DONE : Status.BLOCKED);
            // training the batch again from the start and reporting again moves the tag to the new promotion
            train();
            assertEquals(Status.DONE, report().status(), output());
            try (org.eclipse.jgit.api.Git git = org.eclipse.jgit.api.Git.open(workspace.folder().toFile())) {
                var repo = git.getRepository();
                var walk = new org.eclipse.jgit.revwalk.RevWalk(repo);
                var tagged = walk.parseCommit(repo.exactRef("refs/tags/" + Workspace.promotedTag(winner)).getObjectId());
                var tip = walk.parseCommit(repo.resolve(Workspace.experimentBranch(plan().batch(), winner)));
                assertTrue(walk.isMergedInto(tip, tagged), "the tag marks the latest promotion");
            }
        }
        assertFalse(shown.contains("ACCEPT") || shown.contains("KEEP_WITH_CONCERNS"), "no raw codes reach the reader");
    }

    @Test
    void theFinalScoreOnTheTestRowsIsTakenOnceAndShownAgainWhenAskedTwice() throws Exception {
        train();
        StageOutcome reviewed = report();
        org.junit.jupiter.api.Assumptions.assumeTrue(reviewed.status() == Status.DONE, "wine has a winner: " + reviewed);
        String winner = sealedReport().winnerId().orElseThrow();
        JsonObject hypothesis = Hypothesis.ARTIFACT.codec().write(
                workspace.read("design_experiments", Hypothesis.ARTIFACT, session.session().names()));
        int testRows = hypothesis.getAsJsonObject("split").getAsJsonObject("files").getAsJsonObject("test")
                .get("rows").getAsInt();

        StageOutcome first = report("--final");
        assertEquals(Status.DONE, first.status(), first.sentence());
        assertTrue(first.sentence().startsWith(winner + " scored "), first.sentence());
        ReportDecision.FinalScore used = sealedReport().finalScore().orElseThrow();
        assertEquals(testRows, used.rows());
        assertTrue(Files.readString(workspace.folder().resolve(Dashboard.FILE_NAME)).contains("\"final\""));

        session.reset();
        StageOutcome second = report("--final");
        assertEquals(Status.BLOCKED, second.status());
        assertTrue(second.sentence().startsWith("The locked test rows were used once already, at "
                + used.at() + ", to score " + winner), second.sentence());
        assertTrue(output().contains("on the test rows"), "the first result is shown again: " + output());
        assertEquals(used, sealedReport().finalScore().orElseThrow(), "nothing changed");

        // a new review keeps the record that the test rows were used
        report();
        assertEquals(used, sealedReport().finalScore().orElseThrow());
        assertEquals(Status.BLOCKED, report("--final").status());
    }

    @Test
    void aBatchWhereEveryRunCrashedIsRefusedInOneSentenceAndNothingIsPromoted() throws Exception {
        Batch.ModelFactory failing = (experiment, seed) -> experiment.family()
                == org.sealbook.toolkit.hypothesis.Family.BASELINE ? Models.create(experiment, seed)
                : new org.sealbook.toolkit.models.ForestModel(java.util.Map.of("trees", 0), seed); // refused: 0 trees
        Sessions crashing = Sessions.of(Session.of(temp, true, Session.standardStages().replacing(new TrainStage(failing)),
                Clock.systemUTC()), temp.resolve("figures"));
        crashing.run("train", "--wait");

        StageOutcome outcome = crashing.run("report");

        assertEquals(Status.BLOCKED, outcome.status());
        assertTrue(outcome.sentence().startsWith("Every experiment of batch " + plan().batch() + " after the baseline ended "
                + "without a model (exp_001 crashed"), outcome.sentence());
        assertFalse(Files.exists(workspace.folder().resolve("model")), "nothing promoted");
        assertFalse(Files.exists(workspace.file(ReportDecision.ARTIFACT)));
    }

    @Test
    void aBatchWithOnlyTheBaselineIsRefusedInOneSentence() throws Exception {
        assertEquals(Status.DONE, session.run("design_experiments", "--drop",
                "exp_001,exp_002,exp_003,exp_004,exp_005,exp_006").status(), output());
        train();

        StageOutcome outcome = report();

        assertEquals(Status.BLOCKED, outcome.status());
        assertTrue(outcome.sentence().endsWith("has only the baseline, so there is nothing to compare with it; add "
                + "experiments with %design_experiments, train them with %train, then run %report."), outcome.sentence());
        assertFalse(Files.exists(workspace.folder().resolve("model")), "nothing promoted");
    }

    @Test
    void beforeTrainingItRefusesAndWritesNothing() {
        StageOutcome outcome = report();

        assertEquals(Status.BLOCKED, outcome.status());
        assertTrue(outcome.sentence().contains("%train"), outcome.sentence());
        assertFalse(Files.exists(workspace.folder().resolve(Dashboard.FILE_NAME)));
        assertFalse(Files.exists(workspace.file(ReportDecision.ARTIFACT)));
    }

    @Test
    void aResultChangedAfterTrainingIsTamperAndNothingIsWritten() throws Exception {
        train();
        String batch = plan().batch();
        Path result = workspace.folder().resolve("runs").resolve(batch).resolve("exp_001").resolve("result.json");
        Files.writeString(result, Files.readString(result).replace("\"DONE\"", "\"DONE\" "));

        StageOutcome outcome = report();

        assertEquals(Status.BLOCKED, outcome.status());
        assertTrue(outcome.sentence().startsWith("tamper detected: runs/" + batch + "/exp_001/result.json"),
                outcome.sentence());
        assertFalse(Files.exists(workspace.folder().resolve(Dashboard.FILE_NAME)));
        assertFalse(Files.exists(workspace.file(ReportDecision.ARTIFACT)));
    }
}
