package org.sealbook.toolkit.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealbook.toolkit.Sessions;
import org.sealbook.toolkit.SharedData;
import org.sealbook.toolkit.pipeline.StageOutcome;
import org.sealbook.toolkit.pipeline.Status;
import org.sealbook.toolkit.session.JShellScript;
import org.sealbook.toolkit.session.Session;
import org.sealbook.toolkit.diagnose.Diagnosis;
import org.sealbook.toolkit.sweep.SweepLedger;
import org.sealbook.toolkit.sweep.SweepResult;
import org.sealbook.toolkit.sweep.SweepSpec;
import org.sealbook.toolkit.sweep.Trial;
import org.sealbook.toolkit.workspace.Workspace;

/**
 * %sweep on wine through a notebook session, as a reader types it: every bad input is one sentence with nothing
 * sealed or committed; a real sweep trains its trials in the background, writes its ledger and per-trial branches,
 * shows its summary and seals its results.
 */
class SweepStageTest {
    @TempDir
    Path temp;

    private Sessions session;

    @BeforeEach
    void sealedHypothesis() throws Exception {
        Session s = Session.of(temp, true, Session.standardStages(), Clock.fixed(Sessions.T1, ZoneOffset.UTC));
        session = Sessions.of(s, temp.resolve("figures"));
        Files.copy(SharedData.file("wine.csv"), temp.resolve("wine.csv"));
        session.run("data_check", "wine.csv", "--target", "cultivar");
        session.run("hypothesize");
        session.reset();
    }

    private Workspace workspace() {
        return session.workspace();
    }

    private int commits() throws Exception {
        try (Git git = Git.open(workspace().folder().toFile())) {
            int n = 0;
            for (var ignored : git.log().call()) {
                n++;
            }
            return n;
        }
    }

    private SweepResult sealedResult() {
        return workspace().read("sweep", SweepResult.ARTIFACT, session.session().names());
    }

    @Test
    void everyBadInputIsOneSentenceAndLeavesNothingSealedOrCommitted() throws Exception {
        int before = commits();
        List<String[]> cases = List.of(
                new String[] {"family: forest\nmax_depth: 2, 4", "family forest is not a choice here"},
                new String[] {"family: random_forest\nmax_dept: 2, 4", "did you mean max_depth"},
                new String[] {"family: random_forest\nmax_depth: int(6, 6)", "is not below its highest"},
                new String[] {"family: random_forest\nmax_depth: int(9, 3)", "9 is not below its highest 3"},
                new String[] {"family: gradient_boosting\nlearning_rate: log(0, 0.3)", "above 0"},
                new String[] {"family: random_forest\nmax_depth: 2, 4\ntrials: 0", "trials"},
                new String[] {"family: random_forest\nmax_depth: 2, 4\nmax-minutes: 0", "max-minutes"},
                new String[] {"family: random_forest\ntrees: 20", "nothing to search"},
                new String[] {"family: random_forest\nstrategy: grid\nmax_depth: int(2, 8)", "list its values"},
                new String[] {"family: linear\nearly-stopping: asha\nl2: 0.1, 1", "trains in one step"},
                new String[] {"family: random_forest\nearly-stopping: asha\nmax_depth: 2, 4", "trees"},
                new String[] {"family: random_forest\nmax_depth: 0, 4", "max_depth"},
                new String[] {"max_depth: 2, 4", "needs the model family"});
        for (String[] c : cases) {
            session.reset();
            StageOutcome outcome = session.cell("sweep", c[0]);
            assertTrue(outcome.status() == Status.BLOCKED || outcome.status() == Status.NEEDS_CONTEXT, c[0]);
            assertTrue(outcome.sentence().contains(c[1]), c[0] + " -> " + outcome.sentence());
            assertEquals(1, outcome.sentence().split("(?<=[.?]) (?=[A-Z])").length, "one sentence: "
                    + outcome.sentence());
            assertFalse(Files.exists(workspace().file(SweepSpec.ARTIFACT)), c[0]);
            assertFalse(Files.exists(workspace().folder().resolve("runs")), c[0]);
        }
        assertEquals(before, commits(), "a refused sweep commits nothing");
    }

    @Test
    void aGridSweepTrainsEveryTrialLogsItsLedgerAndSealsItsResults() throws Exception {
        StageOutcome outcome = session.cell("sweep", "family: random_forest\nstrategy: grid\ntrees: 5\n"
                + "max_depth: 2, 4\nconcurrency: 2", "--wait");

        assertEquals(Status.DONE, outcome.status(), session.raw());
        SweepSpec spec = workspace().read("sweep", SweepSpec.ARTIFACT, session.session().names());
        Path folder = workspace().folder().resolve("runs").resolve(spec.id());
        List<Trial> ledger = SweepLedger.read(folder.resolve(SweepLedger.FILE));
        assertEquals(Set.of("trial_000", "trial_001"), ledger.stream().map(Trial::trial).collect(Collectors.toSet()));
        for (Trial t : ledger) {
            assertEquals("DONE", t.status());
            assertEquals(5, t.settings().get("trees"));
            assertTrue(t.scored() && t.score() > 0.5, "wine's forest scores well above chance: " + t);
            assertTrue(t.seconds() > 0 && t.steps() == 5, t.toString());
            assertTrue(Files.exists(folder.resolve(t.trial()).resolve("log.jsonl")));
        }
        SweepResult result = sealedResult();
        assertEquals("exhausted", result.stopRule(), "a grid of 2 ends before 20 trials");
        assertEquals(2, result.training().runs().size());
        assertNotNull(result.best());
        try (Git git = Git.open(workspace().folder().toFile())) {
            assertNotNull(git.getRepository().resolve(Workspace.experimentBranch(spec.id(), "trial_001")),
                    "each trial has its own branch");
        }
        String out = session.output();
        assertTrue(out.contains("Best trials of sweep " + spec.id()), out);
        assertTrue(out.contains("it needs at least 10 trials that trained to the end"), out);
        assertTrue(out.contains("Score against compute spent"), out);
        assertTrue(out.contains("The best trial, " + result.best()), out);
        assertTrue(outcome.sentence().contains("the grid search had no untried settings left after 2 trials"),
                outcome.sentence());
    }

    @Test
    void aBayesianSweepWithSuccessiveHalvingStopsWeakTrialsAtTheirRungs() throws Exception {
        StageOutcome outcome = session.cell("sweep", "family: gradient_boosting\ntrees: 45\n"
                + "learning_rate: log(0.005, 0.5)\nmax_depth: int(1, 4)\nstrategy: bayesian\ntrials: 14\n"
                + "early-stopping: asha\nmin-steps: 5\nseed: 3", "--wait");

        assertTrue(outcome.status() == Status.DONE || outcome.status() == Status.DONE_WITH_CONCERNS, session.raw());
        SweepSpec spec = workspace().read("sweep", SweepSpec.ARTIFACT, session.session().names());
        assertEquals(45, spec.maxSteps(), "the rungs run up to the trees every trial keeps");
        List<Trial> ledger = SweepLedger.read(workspace().folder().resolve("runs").resolve(spec.id())
                .resolve(SweepLedger.FILE));
        assertEquals(14, ledger.size());
        assertEquals(14, ledger.stream().map(Trial::settings).distinct().count(), "no settings proposed twice");
        List<Trial> cut = ledger.stream().filter(t -> Trial.PRUNED.equals(t.status())).toList();
        assertFalse(cut.isEmpty(), "with eta 3 most trials stop at a rung: " + ledger);
        for (Trial t : cut) {
            assertTrue(List.of(5, 15).contains(t.steps()) && t.rung() == t.steps(), "stopped at a rung: " + t);
        }
        assertTrue(ledger.stream().anyMatch(t -> "DONE".equals(t.status()) && t.steps() == 45), ledger.toString());
        for (Trial t : ledger) {
            double rate = ((Number) t.settings().get("learning_rate")).doubleValue();
            int depth = (Integer) t.settings().get("max_depth");
            assertTrue(rate >= 0.005 && rate <= 0.5 && depth >= 1 && depth <= 4, t.toString());
        }
        assertTrue(outcome.sentence().contains(cut.size() + " of them stopped early at a checkpoint"),
                outcome.sentence());
        assertTrue(session.output().contains("more were stopped early"), session.output());

        // %diagnose reads the sweep, the last thing trained: every trial's curve, causes only for full trials
        session.reset();
        StageOutcome diagnosed = session.run("diagnose");
        assertTrue(diagnosed.status() == Status.DONE || diagnosed.status() == Status.DONE_WITH_CONCERNS,
                session.raw());
        Diagnosis diagnosis = workspace().read("diagnose", Diagnosis.ARTIFACT, session.session().names());
        assertEquals("sweep", diagnosis.source());
        assertEquals(spec.id(), diagnosis.basis());
        assertEquals(ledger.stream().map(Trial::trial).toList(), diagnosis.runs().stream()
                .map(Diagnosis.RunVerdicts::run).toList());
        assertTrue(diagnosis.causes().stream().noneMatch(c -> cut.stream().anyMatch(t -> t.trial().equals(c.run()))),
                "a trial successive halving stopped is not blamed: " + diagnosis.causes());
        assertTrue(session.output().contains("I drew the curves of 8 runs, those with a problem first"),
                "a sweep's 14 trials get at most 8 charts: " + session.output());
        StageOutcome unknown = session.run("diagnose", "trial_099");
        assertEquals(Status.BLOCKED, unknown.status());
        assertTrue(unknown.sentence().contains("has no trial trial_099; its trials are trial_000 to trial_013"),
                unknown.sentence());
    }

    @Test
    void withTenFinishedTrialsTheImportanceIsDrawn() throws Exception {
        StageOutcome outcome = session.cell("sweep", "family: linear\nstrategy: grid\n"
                + "l2: 0.001, 0.01, 0.1, 0.3, 1, 3, 10, 30, 100, 300\nconcurrency: 2", "--wait");

        assertTrue(outcome.status() == Status.DONE || outcome.status() == Status.DONE_WITH_CONCERNS, session.raw());
        String out = session.output();
        assertTrue(out.contains("l2 explains"), out);
        assertFalse(out.contains("it needs at least 10 finished trials"), out);
        assertEquals(10, SweepLedger.read(workspace().folder().resolve(sealedResult().ledger())).size());
    }

    @Test
    void theTimeBudgetStopsTheSweepAndTheRuleIsSealed() throws Exception {
        StageOutcome outcome = session.cell("sweep", "family: random_forest\ntrees: 20000\nmax_depth: 4, 6, 8\n"
                + "strategy: grid\nconcurrency: 1\nmax-minutes: 0.005", "--wait");

        assertEquals(Status.DONE_WITH_CONCERNS, outcome.status(), session.raw());
        assertTrue(outcome.sentence().contains("time budget of 0.005 minutes ran out"), outcome.sentence());
        SweepResult result = sealedResult();
        assertEquals("budget", result.stopRule());
        assertTrue(result.training().runs().size() < 3, "no trial starts in the budget's last tenth");
        assertEquals("STOPPED", SweepLedger.read(workspace().folder().resolve(result.ledger())).get(0).status());
    }

    @Test
    void statusAndStopWorkWhileItRunsAndStopIsTheSealedRule() throws Exception {
        assertEquals(Status.BLOCKED, session.run("sweep", "status").status(), "nothing to show before a sweep");
        StageOutcome started = session.cell("sweep", "family: random_forest\ntrees: 5000\nmax_depth: 4, 6, 8\n"
                + "strategy: grid\nconcurrency: 1");
        assertEquals(null, started, "a notebook cell returns at once while the sweep runs");
        for (int i = 0; i < 600 && session.session().sweep().orElseThrow().status().isEmpty(); i++) {
            Thread.sleep(50); // until the sweep's thread has proposed its first trial
        }
        session.reset();
        session.run("sweep", "status");
        assertTrue(session.output().contains("trial_000"), session.output());
        assertTrue(session.output().matches("(?s).*\\btrial\\s+family\\s+status.*"), "the table's first column is "
                + "the trial: " + session.output());

        StageOutcome again = session.cell("sweep", "family: random_forest\nmax_depth: 2, 3");
        assertEquals(Status.BLOCKED, again.status());
        assertTrue(again.sentence().contains("is still running"), again.sentence());
        StageOutcome batch = session.run("train");
        assertEquals(Status.BLOCKED, batch.status());
        assertTrue(batch.sentence().startsWith("Sweep "), "one training thing at a time: " + batch.sentence());

        session.run("sweep", "stop");
        StageOutcome ended = session.run("sweep", "--wait");
        assertEquals(Status.DONE_WITH_CONCERNS, ended.status(), session.raw());
        assertEquals("stopped", sealedResult().stopRule());
    }

    @Test
    void aSweepIsRefusedWhileABatchTrains() throws Exception {
        assertEquals(Status.DONE, session.run("design_experiments", "--drop", "exp_003,exp_005,exp_006",
                "--concurrency", "1").status());
        session.run("train");
        StageOutcome refused = session.cell("sweep", "family: random_forest\nmax_depth: 2, 4");
        boolean batchStillRan = !session.session().batch().orElseThrow().isFinished();
        session.run("train", "--wait");
        if (batchStillRan) {
            assertEquals(Status.BLOCKED, refused.status(), refused.sentence());
            assertTrue(refused.sentence().startsWith("Batch "), refused.sentence());
        }
        assertFalse(Files.exists(workspace().file(SweepSpec.ARTIFACT)) && batchStillRan, "nothing sealed");
    }

    @Test
    void jshellHasASweepMethodThatWaits() throws Exception {
        assertTrue(JShellScript.of(Session.standardStages()).contains("StageOutcome sweep(String... options)"));
        Session jshell = Session.of(temp, false, Session.standardStages(), Clock.fixed(Sessions.T1, ZoneOffset.UTC));
        Sessions js = Sessions.of(jshell, temp.resolve("figures"));
        StageOutcome outcome = js.session().runMethod("sweep", List.of("family", "random_forest", "trees", "5",
                "max_depth", "2, 3", "strategy", "grid"), new org.sealbook.toolkit.view.ConsoleView(
                new java.io.PrintStream(new java.io.ByteArrayOutputStream()), temp.resolve("figures")));
        assertEquals(Status.DONE, outcome.status(), outcome.sentence());
        assertTrue(outcome.sentence().contains("sweep") || outcome.sentence().contains("Sweep"));
    }
}
