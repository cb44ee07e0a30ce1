package org.sealbook.toolkit.stage;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Ref;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealbook.toolkit.Sessions;
import org.sealbook.toolkit.SharedData;
import org.sealbook.toolkit.hypothesis.Hypothesis;
import org.sealbook.toolkit.plan.Plan;
import org.sealbook.toolkit.pipeline.StageOutcome;
import org.sealbook.toolkit.pipeline.Status;
import org.sealbook.toolkit.workspace.Workspace;

class DesignStageTest {
    @TempDir
    Path temp;

    private Sessions session;
    private Workspace workspace;

    private String output() {
        return session.output();
    }

    /** Wine, checked and hypothesised with the defaults. */
    @BeforeEach
    void sealedHypothesis() throws Exception {
        session = Sessions.in(temp);
        Files.copy(SharedData.file("wine.csv"), temp.resolve("wine.csv"));
        session.run("data_check", "wine.csv", "--target", "cultivar");
        session.run("hypothesize");
        workspace = session.workspace();
        assertTrue(Files.exists(workspace.file(Hypothesis.ARTIFACT)), output());
        session.reset();
    }

    /** Runs {@code %design_experiments} with each edit as {@code --name value}. */
    private StageOutcome design(Map<String, String> edits) {
        List<String> words = new ArrayList<>();
        edits.forEach((name, value) -> words.addAll(List.of("--" + name, value)));
        return session.run("design_experiments", words.toArray(String[]::new));
    }

    private Plan plan() {
        return workspace.read("train", Plan.ARTIFACT, session.session().names());
    }

    @Test
    void theDefaultLadderIsReviewedSealedAndBranchedPerExperiment() throws Exception {
        StageOutcome outcome = design(Map.of());

        assertEquals(Status.DONE, outcome.status(), output());
        Plan plan = plan();
        assertEquals("exp_000", plan.experiments().get(0).id());
        assertEquals("baseline", plan.experiments().get(0).family().label());
        assertTrue(plan.experiments().size() >= 6, "about six experiments: " + plan.experiments().size());
        assertTrue(outcome.sentence().contains(plan.experiments().size() + " experiments in batch " + plan.batch()),
                outcome.sentence());
        String out = output();
        assertTrue(out.contains("Why several models side by side"), out);
        assertTrue(out.contains("val_accuracy >= baseline * 1.01"), "criteria shown in the table: " + out);
        String network = plan.experiments().stream().filter(e -> e.family().label().equals("mlp")).findFirst()
                .orElseThrow().id();
        String said = out.replaceAll("\\s+", " ");
        assertTrue(said.contains("How the neural network learns"), out);
        assertTrue(said.contains(network + " is a neural network"), said);
        assertTrue(said.contains("It learns with AdamW") && said.contains("its weight decay (a small pull of every "
                + "weight"), said);
        assertTrue(said.contains("fade away) is 0.01, which keeps it from leaning on weights"), said);
        assertTrue(said.contains("a warm-up (") && said.contains("raises it from near 0 to 0.001 over the first 5% "
                + "of its steps, then a cosine decay ("), said);
        assertTrue(said.contains("lowers it to 0.00001 (1% of it) by the last step"), said);
        try (Git git = Git.open(workspace.folder().toFile())) {
            List<String> branches = git.branchList().call().stream().map(Ref::getName).toList();
            assertTrue(branches.contains("refs/heads/" + Workspace.EXPERIMENTS_BRANCH), branches.toString());
            for (var e : plan.experiments()) {
                assertTrue(branches.contains("refs/heads/" + Workspace.experimentBranch(plan.batch(), e.id())), branches.toString());
            }
            String planCommit = git.getRepository().resolve(Workspace.EXPERIMENTS_BRANCH).getName();
            assertEquals(planCommit, git.getRepository().resolve("HEAD").getName(), "the plan's commit is on the branch");
            assertEquals("Seal plan", git.log().setMaxCount(1).call().iterator().next().getShortMessage().substring(0, 9));
            assertEquals("refs/heads/main", git.getRepository().getFullBranch(), "the checked-out branch does not move");
        }
    }

    @Test
    void editsAddReplaceAndDropExperimentsAndTheReviewerAcceptsOneChange() {
        StageOutcome outcome = design(Map.of("exp_007", "random_forest parent=exp_002 trees=150",
                "drop", "exp_006", "max-experiments", "8"));

        assertEquals(Status.DONE, outcome.status(), output());
        Plan plan = plan();
        assertEquals(150, plan.byId("exp_007").params().get("trees"));
        assertEquals("Changes trees from 100 to 150.", plan.byId("exp_007").change());
        assertFalse(plan.experiments().stream().anyMatch(e -> e.id().equals("exp_006")));
    }

    @Test
    void aPlanBreakingTheRulesIsRefusedWithEveryReasonAndNothingSealed() {
        StageOutcome outcome = design(Map.of(
                "exp_007", "random_forest parent=exp_003 trees=300 max_depth=20 features=alcohol,colour"));

        assertEquals(Status.BLOCKED, outcome.status(), output());
        assertTrue(outcome.sentence().startsWith("The reviewer refused the plan for 3 reasons"), outcome.sentence());
        String out = output();
        assertTrue(out.contains("colour"), "the unknown column is named: " + out);
        assertFalse(Files.exists(workspace.file(Plan.ARTIFACT)), "nothing sealed");
    }

    @Test
    void badEditsAreRefusedWithOneSentenceEach() {
        Map<Map<String, String>, String> cases = Map.of(
                Map.of("max-experiments", "0"), "--max-experiments 0 is too small; give a whole number of at least 1.",
                Map.of("exp_007", "linear success=val_accuracy>>baseline"), "val_accuracy>>baseline",
                Map.of("drop", "exp_042"), "drop names exp_042, which is not in the proposed plan",
                Map.of("exp_007", "random_forest parent=exp_099"), "exp_007 names the parent exp_099, which is not in the plan",
                Map.of("exp_007", "svm"), "There is no model family called svm");
        // every case is run and checked, so one failure does not hide the others
        assertAll(cases.entrySet().stream().map(c -> () -> {
            StageOutcome outcome = design(c.getKey());
            assertEquals(Status.BLOCKED, outcome.status(), c.getKey().toString());
            assertTrue(outcome.sentence().contains(c.getValue()), c.getKey() + " -> " + outcome.sentence());
            assertFalse(Files.exists(workspace.file(Plan.ARTIFACT)), "nothing sealed for " + c.getKey());
        }));
    }

    @Test
    void anEditedHypothesisIsTamperAndNothingRuns() throws Exception {
        Path hypothesis = workspace.file(Hypothesis.ARTIFACT);
        Files.writeString(hypothesis, Files.readString(hypothesis).replace("\"seed\": 42", "\"seed\": 7"));

        StageOutcome outcome = design(Map.of());

        assertEquals(Status.BLOCKED, outcome.status());
        assertTrue(outcome.sentence().contains("tamper detected"), outcome.sentence());
        assertTrue(outcome.sentence().contains("hypothesis.json"), outcome.sentence());
        assertFalse(Files.exists(workspace.file(Plan.ARTIFACT)));
    }

    @Test
    void anEditedSplitFileIsTamperToo() throws Exception {
        Path train = workspace.folder().resolve("splits/train.rows");
        Files.writeString(train, Files.readString(train).replaceFirst("\n", "\n0\n"));

        StageOutcome outcome = design(Map.of());

        assertEquals(Status.BLOCKED, outcome.status());
        assertTrue(outcome.sentence().startsWith("tamper detected: "), outcome.sentence());
        assertFalse(Files.exists(workspace.file(Plan.ARTIFACT)));
    }
}
