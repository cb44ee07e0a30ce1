package org.sealbook.toolkit.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealbook.toolkit.SharedData;
import org.sealbook.toolkit.explain.Explainer;
import org.sealbook.toolkit.models.Models;
import org.sealbook.toolkit.prepare.TrainingData;
import org.sealbook.toolkit.report.Dashboard;
import org.sealbook.toolkit.runs.Batch;
import org.sealbook.toolkit.runs.BatchListener;
import org.sealbook.toolkit.view.ConsoleView;
import org.sealbook.toolkit.workspace.Stage;
import org.sealbook.toolkit.workspace.StageOutcome;
import org.sealbook.toolkit.workspace.Status;
import org.sealbook.toolkit.workspace.Workspace;

/** %report on a real sealed and trained plan on wine: reviewed, written, sealed; and its refusals. */
class ReportStageTest {
    @TempDir
    Path temp;

    private Workspace workspace;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private ConsoleView view;
    private final Explainer explainer = Explainer.session();

    @BeforeEach
    void sealedPlan() throws Exception {
        workspace = Workspace.open(temp.resolve("ws"));
        view = new ConsoleView(new PrintStream(printed, true, StandardCharsets.UTF_8), temp.resolve("figures"));
        Path data = Files.copy(SharedData.file("wine.csv"), temp.resolve("wine.csv"));
        DataCheckStage.of(data, "cultivar").run(workspace, view, explainer);
        HypothesisStage.create().run(workspace, view, explainer);
        assertEquals(Status.DONE, DesignStage.create().option("drop", "exp_003,exp_005,exp_006")
                .option("concurrency", "2").run(workspace, view, explainer).status());
    }

    private void train() throws Exception {
        Batch batch = Batch.start(workspace, TrainingData.load(workspace), Models::create, new BatchListener() { });
        assertTrue(batch.await(Duration.ofMinutes(3)), batch.status().toString());
    }

    private String output() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aTrainedBatchIsReviewedWrittenAndSealed() throws Exception {
        train();
        StageOutcome outcome = ReportStage.run(workspace, view, explainer);

        assertTrue(outcome.status() == Status.DONE || outcome.status() == Status.DONE_WITH_CONCERNS, outcome.sentence());
        String shown = output().replaceAll("\\s+", " ");
        assertTrue(shown.contains("Leaderboard"), shown);
        assertTrue(shown.contains("Recommendation"), shown);
        assertTrue(shown.contains("Next step 1:"), shown);
        JsonObject dashboard = JsonParser.parseString(Files.readString(workspace.folder().resolve(Dashboard.FILE_NAME)))
                .getAsJsonObject();
        assertEquals(workspace.decision(Stage.PLAN).get("batch").getAsString(), dashboard.get("plan_id").getAsString());
        assertEquals(4, dashboard.getAsJsonArray("experiments").size());
        int steps = dashboard.getAsJsonArray("next_steps").size();
        assertTrue(steps >= 2 && steps <= 3, dashboard.toString());
        String html = Files.readString(workspace.folder().resolve(ReportStage.REPORT_FILE));
        assertTrue(html.contains("Leaderboard") && html.contains("exp_004"), "the HTML report has the leaderboard");
        JsonObject sealed = workspace.decision(Stage.REPORT);
        assertEquals(4, sealed.getAsJsonObject("verdicts").size());
        if (outcome.status() == Status.DONE) {
            String winner = sealed.get("winner").getAsString();
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
            ReportStage.run(workspace, view, explainer); // reviewing again promotes nothing twice and refuses nothing
            assertEquals(Status.DONE, workspace.decision(Stage.REPORT).has("winner") ? Status.DONE : Status.BLOCKED);
            // training the batch again from the start and reporting again moves the tag to the new promotion
            train();
            assertEquals(Status.DONE, ReportStage.run(workspace, view, explainer).status(), output());
            try (org.eclipse.jgit.api.Git git = org.eclipse.jgit.api.Git.open(workspace.folder().toFile())) {
                var repo = git.getRepository();
                var walk = new org.eclipse.jgit.revwalk.RevWalk(repo);
                var tagged = walk.parseCommit(repo.exactRef("refs/tags/" + Workspace.promotedTag(winner)).getObjectId());
                var tip = walk.parseCommit(repo.resolve(Workspace.experimentBranch(
                        workspace.decision(Stage.PLAN).get("batch").getAsString(), winner)));
                assertTrue(walk.isMergedInto(tip, tagged), "the tag marks the latest promotion");
            }
        }
        assertFalse(shown.contains("ACCEPT") || shown.contains("KEEP_WITH_CONCERNS"), "no raw codes reach the reader");
    }

    @Test
    void theFinalScoreOnTheTestRowsIsTakenOnceAndShownAgainWhenAskedTwice() throws Exception {
        train();
        StageOutcome reviewed = ReportStage.run(workspace, view, explainer);
        org.junit.jupiter.api.Assumptions.assumeTrue(reviewed.status() == Status.DONE, "wine has a winner: " + reviewed);
        String winner = workspace.decision(Stage.REPORT).get("winner").getAsString();
        int testRows = workspace.decision(Stage.HYPOTHESIS).getAsJsonObject("split").getAsJsonObject("files").getAsJsonObject("test")
                .get("rows").getAsInt();

        StageOutcome first = ReportStage.runFinal(workspace, view);
        assertEquals(Status.DONE, first.status(), first.sentence());
        assertTrue(first.sentence().startsWith(winner + " scored "), first.sentence());
        JsonObject used = workspace.decision(Stage.REPORT).getAsJsonObject("final");
        assertEquals(testRows, used.get("rows").getAsInt());
        assertTrue(Files.readString(workspace.folder().resolve(Dashboard.FILE_NAME)).contains("\"final\""));

        printed.reset();
        StageOutcome second = ReportStage.runFinal(workspace, view);
        assertEquals(Status.BLOCKED, second.status());
        assertTrue(second.sentence().startsWith("The locked test rows were used once already, at "
                + used.get("at").getAsString() + ", to score " + winner), second.sentence());
        assertTrue(output().contains("on the test rows"), "the first result is shown again: " + output());
        assertEquals(used, workspace.decision(Stage.REPORT).getAsJsonObject("final"), "nothing changed");

        // a new review keeps the record that the test rows were used
        ReportStage.run(workspace, view, explainer);
        assertEquals(used, workspace.decision(Stage.REPORT).getAsJsonObject("final"));
        assertEquals(Status.BLOCKED, ReportStage.runFinal(workspace, view).status());
    }

    @Test
    void aBatchWhereEveryRunCrashedIsRefusedInOneSentenceAndNothingIsPromoted() throws Exception {
        Batch.ModelFactory failing = (experiment, seed) -> experiment.family()
                == org.sealbook.toolkit.hypothesis.Family.BASELINE ? Models.create(experiment, seed)
                : new org.sealbook.toolkit.models.ForestModel(java.util.Map.of("trees", 0), seed); // refused: 0 trees
        Batch batch = Batch.start(workspace, TrainingData.load(workspace), failing, new BatchListener() { });
        assertTrue(batch.await(Duration.ofMinutes(3)));

        StageOutcome outcome = ReportStage.run(workspace, view, explainer);

        assertEquals(Status.BLOCKED, outcome.status());
        assertTrue(outcome.sentence().startsWith("Every experiment of batch " + batch.id() + " after the baseline ended "
                + "without a model (exp_001 crashed"), outcome.sentence());
        assertFalse(Files.exists(workspace.folder().resolve("model")), "nothing promoted");
        assertFalse(Files.exists(workspace.artifact(Stage.REPORT)));
    }

    @Test
    void aBatchWithOnlyTheBaselineIsRefusedInOneSentence() throws Exception {
        assertEquals(Status.DONE, DesignStage.create().option("drop", "exp_001,exp_002,exp_003,exp_004,exp_005,exp_006")
                .run(workspace, view, explainer).status(), output());
        train();

        StageOutcome outcome = ReportStage.run(workspace, view, explainer);

        assertEquals(Status.BLOCKED, outcome.status());
        assertTrue(outcome.sentence().endsWith("has only the baseline, so there is nothing to compare with it; add "
                + "experiments with %design_experiments, train them with %train, then run %report."), outcome.sentence());
        assertFalse(Files.exists(workspace.folder().resolve("model")), "nothing promoted");
    }

    @Test
    void beforeTrainingItRefusesAndWritesNothing() {
        StageOutcome outcome = ReportStage.run(workspace, view, explainer);

        assertEquals(Status.BLOCKED, outcome.status());
        assertTrue(outcome.sentence().contains("%train"), outcome.sentence());
        assertFalse(Files.exists(workspace.folder().resolve(Dashboard.FILE_NAME)));
        assertFalse(Files.exists(workspace.artifact(Stage.REPORT)));
    }

    @Test
    void aResultChangedAfterTrainingIsTamperAndNothingIsWritten() throws Exception {
        train();
        String batch = workspace.decision(Stage.PLAN).get("batch").getAsString();
        Path result = workspace.folder().resolve("runs").resolve(batch).resolve("exp_001").resolve("result.json");
        Files.writeString(result, Files.readString(result).replace("\"DONE\"", "\"DONE\" "));

        StageOutcome outcome = ReportStage.run(workspace, view, explainer);

        assertEquals(Status.BLOCKED, outcome.status());
        assertTrue(outcome.sentence().startsWith("tamper detected: runs/" + batch + "/exp_001/result.json"),
                outcome.sentence());
        assertFalse(Files.exists(workspace.folder().resolve(Dashboard.FILE_NAME)));
        assertFalse(Files.exists(workspace.artifact(Stage.REPORT)));
    }
}
