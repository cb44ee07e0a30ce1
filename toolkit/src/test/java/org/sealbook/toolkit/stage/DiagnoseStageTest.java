package org.sealbook.toolkit.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealbook.toolkit.Sessions;
import org.sealbook.toolkit.SharedData;
import org.sealbook.toolkit.diagnose.Cause;
import org.sealbook.toolkit.diagnose.CurveVerdict;
import org.sealbook.toolkit.diagnose.Diagnosis;
import org.sealbook.toolkit.pipeline.StageOutcome;
import org.sealbook.toolkit.pipeline.Status;
import org.sealbook.toolkit.runs.TrainingRecord;
import org.sealbook.toolkit.session.Session;
import org.sealbook.toolkit.workspace.CanonicalJson;
import org.sealbook.toolkit.workspace.Workspace;

/** %diagnose through a session as a reader runs it: a real trained batch, one run, a log from elsewhere, refusals. */
class DiagnoseStageTest {
    @TempDir
    Path temp;

    private Sessions trainedOn(String file, String target, String... check) throws Exception {
        Sessions session = Sessions.in(temp);
        Files.copy(SharedData.file(file), temp.resolve(file));
        java.util.List<String> words = new java.util.ArrayList<>(java.util.List.of(file, "--target", target));
        words.addAll(java.util.List.of(check));
        assertTrue(session.run("data_check", words.toArray(String[]::new)).status() != Status.BLOCKED,
                session.output());
        assertTrue(session.run("hypothesize").status() != Status.BLOCKED, session.output());
        // the forest and boosting ladders left out beyond their first rung, so the batch stays quick
        assertEquals(Status.DONE, session.run("design_experiments", "--drop", "exp_003,exp_005,exp_006",
                "--concurrency", "2").status(), session.output());
        StageOutcome trained = session.run("train", "--wait");
        assertTrue(trained.status() == Status.DONE || trained.status() == Status.DONE_WITH_CONCERNS, session.output());
        session.reset();
        return session;
    }

    private static Diagnosis sealed(Sessions session) {
        return session.workspace().read("diagnose", Diagnosis.ARTIFACT, session.session().names());
    }

    private static ObjectId head(Workspace workspace) throws Exception {
        try (Git git = Git.open(workspace.folder().toFile())) {
            return git.getRepository().resolve("HEAD");
        }
    }

    @Test
    void everyRunOfTheLastBatchGetsItsVerdictsAndTheCausesAreRankedAndSealed() throws Exception {
        Sessions session = trainedOn("wine.csv", "cultivar");
        StageOutcome outcome = session.run("diagnose");

        String shown = session.output();
        assertTrue(outcome.status() == Status.DONE || outcome.status() == Status.DONE_WITH_CONCERNS, shown);
        Diagnosis diagnosis = sealed(session);
        assertEquals("batch", diagnosis.source());
        assertEquals(CanonicalJson.sha256(Files.readAllBytes(session.workspace().file(TrainingRecord.ARTIFACT))),
                diagnosis.basisSha256(), "the diagnosis names the training it rests on");
        assertEquals(4, diagnosis.runs().size(), shown);
        assertTrue(shown.contains("I read the learning curve (a line chart of a model's loss at each step"), shown);
        assertTrue(shown.contains("Are the validation rows like the training rows?"), shown);
        assertTrue(shown.contains("(adversarial validation (training a model to guess whether a row came from the "
                + "training rows or the validation rows)"), shown);
        for (Diagnosis.RunVerdicts run : diagnosis.runs()) {
            assertTrue(shown.contains(run.run()), run.run() + " is shown: " + shown);
            run.verdicts().forEach(v -> assertTrue(shown.contains(v.sentence()), "the sealed sentence is the one shown: "
                    + v.sentence()));
        }
        for (int i = 1; i < diagnosis.causes().size(); i++) {
            assertTrue(diagnosis.causes().get(i - 1).strength() >= diagnosis.causes().get(i).strength(),
                    "strongest first: " + diagnosis.causes());
        }
        // a stratified split of one file: the two splits look alike, so the split is not named as a cause
        assertTrue(diagnosis.causes().stream().noneMatch(c -> c.kind() == Cause.Kind.SPLIT_DIFFERS), shown);
        if (!diagnosis.causes().isEmpty()) {
            Cause first = diagnosis.causes().get(0);
            assertTrue(outcome.sentence().endsWith("; try " + first.attempt() + "."), outcome.sentence());
            assertTrue(first.reason().startsWith("It ranks first: its evidence is the strongest found"), first.reason());
        }
        assertTrue(Files.list(temp.resolve("figures")).anyMatch(f -> f.getFileName().toString()
                .startsWith("learning-curves-of-exp")), "each judged run's curves are drawn");
    }

    @Test
    void onATimeSplitWhereTheMixDriftsTheDriftIsNamedAsTheCauseNotTheModels() throws Exception {
        // cars by model year: the later cars (validation) come from Japan far more often than the earlier ones
        Sessions session = trainedOn("cars.csv", "Origin", "--time", "Year");
        StageOutcome outcome = session.run("diagnose");

        assertEquals(Status.DONE_WITH_CONCERNS, outcome.status(), session.output());
        Diagnosis diagnosis = sealed(session);
        Cause drift = diagnosis.causes().stream().filter(c -> c.kind() == Cause.Kind.DRIFT).findFirst()
                .orElseThrow(() -> new AssertionError("no drift among " + diagnosis.causes()));
        assertTrue(diagnosis.causes().stream().noneMatch(c -> c.kind() == Cause.Kind.CLASS_MIX
                || c.kind() == Cause.Kind.SPLIT_DIFFERS), "on a time split the difference is the drift: "
                + diagnosis.causes());
        assertTrue(drift.evidence().get("difference") >= 0.05 || drift.evidence().get("auc") >= 0.65,
                drift.evidence().toString());
        assertTrue(drift.finding().startsWith("the rows are split by time and the later rows differ from the earlier "
                + "ones: "), drift.finding());
        assertEquals("%hypothesize --split stratified", drift.attempt());
        assertEquals(drift, diagnosis.causes().get(0), "the drift outranks the overfitting it explains: "
                + diagnosis.causes());
        diagnosis.causes().stream().filter(c -> c.evidence().containsKey("rise")).forEach(c -> assertTrue(
                c.finding().contains("is cut by the " + org.sealbook.toolkit.explain.Numbers.number(drift.strength())
                        + " of the difference between the splits"), c.finding()));
    }

    @Test
    void aColumnThatCarriesTheAnswerIsNamedWhenItAloneComesNearTheModel() throws Exception {
        // diabetes with a made-up "lab_score": the answer plus noise, r about 0.93, under the data check's 0.98 limit
        java.util.List<String> lines = Files.readAllLines(SharedData.file("diabetes.csv"));
        int target = java.util.Arrays.asList(lines.get(0).split(",")).indexOf("progression");
        double[] y = lines.subList(1, lines.size()).stream().mapToDouble(l -> Double.parseDouble(l.split(",")[target]))
                .toArray();
        double mean = java.util.Arrays.stream(y).average().orElseThrow();
        double sd = Math.sqrt(java.util.Arrays.stream(y).map(v -> (v - mean) * (v - mean)).average().orElseThrow());
        java.util.Random noise = new java.util.Random(11);
        StringBuilder csv = new StringBuilder(lines.get(0)).append(",lab_score\n");
        for (int i = 1; i < lines.size(); i++) {
            csv.append(lines.get(i)).append(',').append(y[i - 1] + noise.nextGaussian() * 0.4 * sd).append('\n');
        }
        Files.writeString(temp.resolve("diabetes_hint.csv"), csv);
        Sessions session = Sessions.in(temp);
        assertTrue(session.run("data_check", "diabetes_hint.csv", "--target", "progression").status() != Status.BLOCKED,
                session.output());
        assertTrue(session.run("hypothesize").status() != Status.BLOCKED, session.output());
        assertEquals(Status.DONE, session.run("design_experiments", "--drop", "exp_003,exp_004,exp_005,exp_006",
                "--concurrency", "2").status(), session.output());
        assertTrue(session.run("train", "--wait").status() != Status.BLOCKED, session.output());

        session.reset();
        session.run("diagnose");
        Cause leak = sealed(session).causes().stream().filter(c -> c.kind() == Cause.Kind.LEAKED_ANSWER).findFirst()
                .orElseThrow(() -> new AssertionError("no leak among " + sealed(session).causes()));
        assertTrue(leak.finding().startsWith("the column lab_score alone reaches "), leak.finding());
        assertTrue(leak.evidence().get("share") >= 0.95, leak.evidence().toString());
        assertEquals("%hypothesize --exclude lab_score", leak.attempt());
    }

    @Test
    void oneRunByNameIsDiagnosedAloneAndAnUnknownOneIsRefusedWithTheBatchsRuns() throws Exception {
        Sessions session = trainedOn("wine.csv", "cultivar");
        ObjectId before = head(session.workspace());
        StageOutcome unknown = session.run("diagnose", "exp_042");
        assertEquals(Status.BLOCKED, unknown.status());
        assertTrue(unknown.sentence().matches("Batch b[0-9a-f]{8} has no run exp_042; its runs are exp_000, exp_001, "
                + "exp_002, exp_004, so give one of them, e.g. %diagnose exp_004\\."), unknown.sentence());
        assertFalse(Files.exists(session.workspace().file(Diagnosis.ARTIFACT)), "a refused diagnosis seals nothing");
        assertEquals(before, head(session.workspace()), "and commits nothing");

        StageOutcome one = session.run("diagnose", "exp_004");
        assertTrue(one.status() != Status.BLOCKED, session.output());
        assertEquals(1, sealed(session).runs().size());
        assertEquals("exp_004", sealed(session).runs().get(0).run());
    }

    @Test
    void withoutATrainingOrWithAChangedOneNothingIsDiagnosedOrWritten() throws Exception {
        Sessions fresh = Sessions.in(temp);
        StageOutcome none = fresh.run("diagnose");
        assertEquals(Status.BLOCKED, none.status());
        assertTrue(none.sentence().startsWith("%diagnose needs the data check first"), none.sentence());
        assertFalse(Files.exists(fresh.workspace().file(Diagnosis.ARTIFACT)));

        Sessions session = trainedOn("wine.csv", "cultivar");
        Path training = session.workspace().file(TrainingRecord.ARTIFACT);
        Files.writeString(training, Files.readString(training).replace("\"DONE\"", "\"STOPPED\""));
        ObjectId before = head(session.workspace());
        StageOutcome tampered = session.run("diagnose");
        assertEquals(Status.BLOCKED, tampered.status());
        assertTrue(tampered.sentence().startsWith("tamper detected: " + training), tampered.sentence());
        assertFalse(Files.exists(session.workspace().file(Diagnosis.ARTIFACT)));
        assertEquals(before, head(session.workspace()));
    }

    @Test
    void aKerasLogFromElsewhereIsDiagnosedWithNoStageBeforeItAndSealedOnTheFilesHash() throws Exception {
        Path log = temp.resolve("training.csv");
        Files.copy(fixture("keras_training.csv"), log);
        Sessions session = Sessions.in(temp);
        StageOutcome outcome = session.run("diagnose", "--log", "training.csv");

        assertEquals(Status.DONE_WITH_CONCERNS, outcome.status(), session.output());
        Diagnosis diagnosis = sealed(session);
        assertEquals("log", diagnosis.source());
        assertEquals(log.toString(), diagnosis.basis());
        assertEquals(CanonicalJson.sha256(Files.readAllBytes(log)), diagnosis.basisSha256());
        assertEquals(CurveVerdict.OVERFITTING, diagnosis.runs().get(0).verdicts().get(0).verdict());
        Cause first = diagnosis.causes().get(0);
        assertEquals(Cause.Kind.TOO_MANY_STEPS, first.kind());
        assertTrue(first.attempt().startsWith("train for "), "a log from elsewhere gets words, not a cell: "
                + first.attempt());
        assertTrue(session.output().contains("Overfitting (when a model learns the training rows so closely"),
                session.output());
        assertTrue(session.session().explainer().termsUsed().containsAll(java.util.List.of("learning curve", "loss",
                "smoothing", "overfitting")), "the new words are defined the first time: "
                + session.session().explainer().termsUsed());
    }

    @Test
    void aLogWhoseColumnsFitNothingOrARunAndALogTogetherAreRefusedWithOneSentence() throws Exception {
        Files.copy(fixture("reward_log.csv"), temp.resolve("reward_log.csv"));
        Sessions session = Sessions.in(temp);
        StageOutcome bad = session.run("diagnose", "--log", "reward_log.csv");
        assertEquals(Status.BLOCKED, bad.status());
        assertTrue(bad.sentence().startsWith("None of the columns of " + temp.resolve("reward_log.csv")
                + " (time, reward, episode_length) is a loss Sealbook knows"), bad.sentence());
        assertFalse(Files.exists(session.workspace().file(Diagnosis.ARTIFACT)));
        StageOutcome both = session.run("diagnose", "exp_004", "--log", "reward_log.csv");
        assertEquals(Status.BLOCKED, both.status());
        assertEquals("%diagnose reads either a run of the last batch or a log file, not both; give %diagnose exp_004 "
                + "or %diagnose --log reward_log.csv.", both.sentence());
    }

    @Test
    void inJShellTheTriesAreMethodCalls() throws Exception {
        trainedOn("wine.csv", "cultivar");
        Sessions jshell = Sessions.of(Session.of(temp, false, Session.standardStages(),
                Clock.fixed(Sessions.T1, ZoneOffset.UTC)), temp.resolve("figures"));
        StageOutcome outcome = jshell.run("diagnose");
        assertTrue(outcome.status() != Status.BLOCKED, jshell.output());
        for (Cause c : sealed(jshell).causes()) {
            assertFalse(c.attempt().contains("%"), "no magic in JShell: " + c.attempt());
        }
    }

    private static Path fixture(String name) throws Exception {
        return Path.of(DiagnoseStageTest.class.getResource("/org/sealbook/toolkit/diagnose/" + name).toURI());
    }
}
