package org.sealbook.toolkit.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealbook.toolkit.Sessions;
import org.sealbook.toolkit.SharedData;
import org.sealbook.toolkit.data.DataCheckResult;
import org.sealbook.toolkit.hypothesis.Hypothesis;
import org.sealbook.toolkit.models.BoostingModel;
import org.sealbook.toolkit.models.Model;
import org.sealbook.toolkit.models.Models;
import org.sealbook.toolkit.models.TrainingListener;
import org.sealbook.toolkit.pipeline.Status;
import org.sealbook.toolkit.plan.Plan;
import org.sealbook.toolkit.prepare.Prepared;
import org.sealbook.toolkit.prepare.TrainingData;
import org.sealbook.toolkit.workspace.Records;
import org.sealbook.toolkit.workspace.Workspace;

/** A real sealed plan on wine, trained by the batch runner with the real models. */
class BatchTest {
    @TempDir
    Path temp;

    private Sessions session;
    private Workspace workspace;
    private final List<RunProgress> heard = new CopyOnWriteArrayList<>();
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final List<TrainingRecord> ledgers = new CopyOnWriteArrayList<>();

    private final BatchListener recorder = new BatchListener() {
        @Override
        public void progress(RunProgress run) {
            heard.add(run);
        }

        @Override
        public void warning(String experiment, String sentence) {
            warnings.add(sentence);
        }

        @Override
        public void finished(List<RunProgress> runs, TrainingRecord ledger) {
            ledgers.add(ledger);
        }
    };

    @BeforeEach
    void sealedPlan() throws Exception {
        session = Sessions.in(temp);
        Files.copy(SharedData.file("wine.csv"), temp.resolve("wine.csv"));
        session.run("data_check", "wine.csv", "--target", "cultivar");
        session.run("hypothesize");
        // the forest and boosting ladders shortened so the test stays quick; one change each, as the reviewer wants
        assertEquals(Status.DONE, session.run("design_experiments", "--drop", "exp_003,exp_005,exp_006",
                "--concurrency", "2").status(), session.raw());
        workspace = session.workspace();
    }

    /** The sealed records a batch trains from, verified as %train verifies them. */
    private TrainingData data() {
        Records sealed = workspace.verify("train", Plan.ARTIFACT, session.session().names());
        return TrainingData.load(workspace, sealed.get(DataCheckResult.ARTIFACT), sealed.get(Hypothesis.ARTIFACT),
                sealed.get(Plan.ARTIFACT));
    }

    /** The sealed plan's batch id. */
    private String batchId() {
        return workspace.read("train", Plan.ARTIFACT, session.session().names()).batch();
    }

    private List<RunProgress> trainToTheEnd(Batch.ModelFactory factory) throws Exception {
        Batch batch = Batch.start(workspace, data(), factory, recorder, session.session().names());
        assertTrue(batch.await(Duration.ofMinutes(3)), "the batch finished in time: " + batch.status());
        return batch.status();
    }

    @Test
    void everyRunTrainsTheBaselineFirstAndRecordsItsLogAndResultOnItsBranch() throws Exception {
        List<RunProgress> runs = trainToTheEnd(Models::create);

        assertEquals(List.of("exp_000", "exp_001", "exp_002", "exp_004"), runs.stream().map(RunProgress::id).toList());
        for (RunProgress run : runs) {
            assertEquals(RunStatus.DONE, run.status(), run.sentence());
            assertTrue(run.metrics().containsKey("val_accuracy") && run.metrics().containsKey("train_accuracy"), run.toString());
        }
        assertTrue(runs.get(0).sentence().startsWith("exp_000 (the baseline) scored accuracy "), runs.get(0).sentence());
        assertTrue(runs.get(2).sentence().matches("exp_002 scored accuracy [0-9.]+ on the validation rows and .*"),
                runs.get(2).sentence());
        int baselineDone = indexOfFinal(heard, "exp_000");
        assertTrue(heard.subList(0, baselineDone).stream().allMatch(p -> p.id().equals("exp_000")),
                "nothing else starts before the baseline has finished");

        String batch = batchId();
        // the ledger the training stage seals, handed over as the batch ends
        assertEquals(1, ledgers.size(), "the end is heard once");
        TrainingRecord ledger = ledgers.get(0);
        assertEquals(batch, ledger.batch());
        assertEquals(runs.size(), ledger.runs().size());
        for (TrainingRecord.Run sealed : ledger.runs()) {
            byte[] result = Files.readAllBytes(workspace.folder().resolve(sealed.result()));
            assertEquals(sealed.resultSha256(), org.sealbook.toolkit.workspace.CanonicalJson.sha256(result));
            byte[] model = Files.readAllBytes(workspace.folder().resolve(sealed.model()));
            assertEquals(sealed.modelSha256(), org.sealbook.toolkit.workspace.CanonicalJson.sha256(model));
        }
        for (RunProgress run : runs) {
            Path folder = workspace.folder().resolve("runs").resolve(batch).resolve(run.id());
            List<JsonObject> log = RunLog.read(folder.resolve("log.jsonl"));
            assertEquals("preflight", log.get(0).get("event").getAsString());
            assertEquals("end", log.get(log.size() - 1).get("event").getAsString());
            assertTrue(log.stream().anyMatch(r -> r.get("event").getAsString().equals("step")), run.id() + " logged its steps");
            JsonObject result = JsonParser.parseString(Files.readString(folder.resolve("result.json"))).getAsJsonObject();
            assertEquals("DONE", result.get("status").getAsString());
            assertEquals(data().preprocessor().toJson(), JsonParser.parseString(
                    Files.readString(folder.resolve("preprocessor.json"))), "the recipe is saved with the model");
            try (Git git = Git.open(workspace.folder().toFile())) {
                RevCommit tip = git.getRepository().parseCommit(git.getRepository()
                        .resolve(Workspace.experimentBranch(batch, run.id())));
                assertEquals("Result of " + run.id() + ": DONE", tip.getShortMessage());
                try (TreeWalk walk = TreeWalk.forPath(git.getRepository(), "runs/" + batch + "/" + run.id() + "/log.jsonl",
                        tip.getTree())) {
                    assertTrue(walk != null, "the log is committed on " + run.id() + "'s branch");
                }
                assertEquals("refs/heads/main", git.getRepository().getFullBranch());
            }
        }
    }

    @Test
    void theSamePlanAndSeedGiveTheSameScoresBitForBit() throws Exception {
        List<RunProgress> first = trainToTheEnd(Models::create);
        List<RunProgress> second = trainToTheEnd(Models::create);
        for (int i = 0; i < first.size(); i++) {
            assertEquals(first.get(i).metrics(), second.get(i).metrics(), first.get(i).id());
        }
    }

    @Test
    void aRunThatRunsOutOfMemoryIsMarkedAndTheOthersGoOn() throws Exception {
        Batch.ModelFactory greedy = (experiment, seed) -> experiment.id().equals("exp_002")
                ? new Model() {
                    @Override
                    public void fit(Prepared train, Prepared validation, TrainingListener listener) {
                        long[][] hoard = new long[Integer.MAX_VALUE][]; // more than any heap: a real OutOfMemoryError
                        hoard[0] = new long[1];
                    }

                    @Override
                    public double[][] predict(double[][] x) {
                        throw new IllegalStateException("never fitted");
                    }

                    @Override
                    public long complexity() {
                        return 0;
                    }

                    @Override
                    public int stepsDone() {
                        return 0;
                    }

                    @Override
                    public void save(java.io.OutputStream out) throws java.io.IOException {
                        throw new java.io.IOException("never fitted");
                    }

                    @Override
                    public void restore(java.io.InputStream in) throws java.io.IOException {
                        throw new java.io.IOException("never fitted");
                    }
                } : Models.create(experiment, seed);

        List<RunProgress> runs = trainToTheEnd(greedy);

        assertEquals(RunStatus.CRASHED_OOM, runs.get(2).status(), runs.get(2).sentence());
        assertTrue(runs.get(2).sentence().contains("ran out of memory"), runs.get(2).sentence());
        assertTrue(runs.stream().filter(r -> !r.id().equals("exp_002")).allMatch(r -> r.status() == RunStatus.DONE),
                runs.toString());
    }

    @Test
    void aSealedFileChangedDuringTheBatchStopsItAsTamper() throws Exception {
        Path hypothesis = workspace.file(Hypothesis.ARTIFACT);
        Batch.ModelFactory meddler = (experiment, seed) -> {
            Model real = Models.create(experiment, seed);
            if (!experiment.id().equals("exp_001")) {
                return real;
            }
            return new Model() { // trains for real, and someone edits the sealed hypothesis meanwhile
                @Override
                public void fit(Prepared train, Prepared validation, TrainingListener listener) {
                    real.fit(train, validation, listener);
                    try {
                        Files.writeString(hypothesis, Files.readString(hypothesis).replace("\"seed\": 42", "\"seed\": 43"));
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }

                @Override
                public double[][] predict(double[][] x) {
                    return real.predict(x);
                }

                @Override
                public long complexity() {
                    return real.complexity();
                }

                @Override
                public int stepsDone() {
                    return real.stepsDone();
                }

                @Override
                public void save(java.io.OutputStream out) throws java.io.IOException {
                    real.save(out);
                }

                @Override
                public void restore(java.io.InputStream in) throws java.io.IOException {
                    real.restore(in);
                }
            };
        };

        List<RunProgress> runs = trainToTheEnd(meddler);

        assertEquals(RunStatus.DONE, runs.get(0).status());
        RunProgress edited = runs.get(1);
        assertEquals(RunStatus.BLOCKED_TAMPER, edited.status(), edited.sentence());
        assertTrue(edited.sentence().contains("tamper detected"), edited.sentence());
        assertTrue(runs.stream().noneMatch(r -> r.status() == RunStatus.RUNNING || r.status() == RunStatus.QUEUED));
        assertFalse(runs.stream().skip(1).anyMatch(r -> r.status() == RunStatus.DONE && r.id().equals("exp_001")));
    }

    @Test
    void stoppingTheBatchEndsEveryRunAndEachResultSaysSo() throws Exception {
        Batch batch = Batch.start(workspace, data(), Models::create, recorder, session.session().names());
        batch.stopAll();
        assertTrue(batch.await(Duration.ofMinutes(2)));

        String id = batchId();
        for (RunProgress run : batch.status()) {
            assertTrue(run.status() == RunStatus.STOPPED || run.status() == RunStatus.DONE, run.toString());
            Path result = workspace.folder().resolve("runs").resolve(id).resolve(run.id()).resolve("result.json");
            assertTrue(Files.readString(result).contains("\"status\": \"" + run.status().name() + "\""),
                    "the ledger agrees with the run: " + run);
        }
        assertTrue(batch.status().stream().anyMatch(r -> r.status() == RunStatus.STOPPED), batch.status().toString());
    }

    @Test
    void aStoppedRunGoesOnFromItsCheckpointAfterARestartAndEndsAsIfItNeverStopped() throws Exception {
        List<RunProgress> whole = trainToTheEnd(Models::create);
        String target = "exp_004"; // gradient boosting: one step per round, so it stops in the middle
        Batch first = startStopping(target, 20);
        assertTrue(first.await(Duration.ofMinutes(3)));
        RunProgress stopped = find(first.status(), target);
        assertEquals(RunStatus.STOPPED, stopped.status(), stopped.sentence());
        int stoppedAt = stopped.done();
        assertTrue(stoppedAt >= 20 && stoppedAt < whole.get(3).done(), "stopped in the middle: " + stopped);
        String batch = batchId();
        java.util.Map<String, String> tips = new java.util.HashMap<>();
        for (RunProgress run : first.status()) {
            tips.put(run.id(), branchTip(batch, run.id()));
        }

        // a restart: nothing of the first batch is kept in memory, only what the workspace holds
        heard.clear();
        Batch resumed = Batch.resume(workspace, data(), Models::create, recorder, session.session().names());
        assertTrue(resumed.await(Duration.ofMinutes(3)), resumed.status().toString());

        for (int i = 0; i < whole.size(); i++) {
            RunProgress run = resumed.status().get(i);
            assertEquals(RunStatus.DONE, run.status(), run.sentence());
            assertEquals(whole.get(i).metrics(), run.metrics(), run.id() + " ends as if it had never stopped");
            boolean trainedAgain = !branchTip(batch, run.id()).equals(tips.get(run.id()));
            assertEquals(run.id().equals(target), trainedAgain, run.id() + ": only the stopped run trains again");
        }
        assertEquals(List.of(target), heard.stream().map(RunProgress::id).distinct().toList());
        assertTrue(heard.stream().filter(p -> p.status() == RunStatus.RUNNING).allMatch(p -> p.done() >= stoppedAt),
                "the resumed run went on from step " + stoppedAt);

        Path folder = workspace.folder().resolve("runs").resolve(batch).resolve(target);
        List<JsonObject> log = RunLog.read(folder.resolve("log.jsonl"));
        JsonObject resume = log.stream().filter(r -> r.get("event").getAsString().equals("resume")).findFirst()
                .orElseThrow(() -> new AssertionError("the log says where the run went on from"));
        assertEquals(stoppedAt, resume.get("step").getAsInt());
        List<Checkpoints.Entry> entries = Checkpoints.in(folder).entries();
        for (String kind : List.of(Checkpoints.LAST, Checkpoints.BEST, Checkpoints.FINAL)) {
            assertTrue(entries.stream().anyMatch(e -> e.kinds().contains(kind)), kind + " checkpoint: " + entries);
        }
        for (Checkpoints.Entry entry : entries) {
            byte[] bytes = Files.readAllBytes(folder.resolve("checkpoints").resolve(entry.file()));
            assertEquals(entry.sha256(), org.sealbook.toolkit.workspace.CanonicalJson.sha256(bytes),
                    entry.file() + " is what was written: never overwritten");
            assertTrue(entry.file().contains(entry.sha256().substring(0, 12)), entry.file());
        }
        JsonObject result = JsonParser.parseString(Files.readString(folder.resolve("result.json"))).getAsJsonObject();
        assertTrue(Files.exists(folder.resolve(result.get("model").getAsString())), "the result names its model file");
    }

    @Test
    void aCheckpointChangedOnDiskIsNotTrustedAndItsRunStartsAgain() throws Exception {
        String target = "exp_004";
        Batch first = startStopping(target, 10);
        assertTrue(first.await(Duration.ofMinutes(3)));
        String batch = batchId();
        Path folder = workspace.folder().resolve("runs").resolve(batch).resolve(target);
        Checkpoints.Entry last = Checkpoints.in(folder).latest(Checkpoints.LAST).orElseThrow();
        Path file = folder.resolve("checkpoints").resolve(last.file());
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 1;
        Files.write(file, bytes);

        Batch resumed = Batch.resume(workspace, data(), Models::create, recorder, session.session().names());
        assertTrue(resumed.await(Duration.ofMinutes(3)));

        assertEquals(RunStatus.DONE, find(resumed.status(), target).status());
        assertTrue(warnings.stream().anyMatch(w -> w.contains("changed after it was written (tamper detected)")
                && w.endsWith("so it trains again from its first step.")), warnings.toString());
        List<JsonObject> log = RunLog.read(folder.resolve("log.jsonl"));
        assertTrue(log.stream().noneMatch(r -> r.get("event").getAsString().equals("resume")), "it did not go on");
    }

    @Test
    void aRunStoppedDuringItsPreflightNeverTrainsAndTheLedgerSaysSo() throws Exception {
        java.util.concurrent.atomic.AtomicReference<Batch> current = new java.util.concurrent.atomic.AtomicReference<>();
        BatchListener stopInPreflight = new BatchListener() {
            @Override
            public void progress(RunProgress run) {
                if (run.id().equals("exp_001") && run.status() == RunStatus.PREFLIGHT) {
                    current.get().stop("exp_001");
                }
            }
        };
        Batch batch = Batch.start(workspace, data(), Models::create, stopInPreflight, session.session().names());
        current.set(batch);
        assertTrue(batch.await(Duration.ofMinutes(3)));

        RunProgress stopped = find(batch.status(), "exp_001");
        assertEquals(RunStatus.STOPPED, stopped.status());
        assertEquals("exp_001 was stopped during its preflight, before it trained; %train --resume trains it from its "
                + "first step.", stopped.sentence());
        Path folder = workspace.folder().resolve("runs").resolve(batch.id()).resolve("exp_001");
        List<JsonObject> log = RunLog.read(folder.resolve("log.jsonl"));
        assertEquals(List.of("preflight", "end"), log.stream().map(r -> r.get("event").getAsString()).toList());
        assertTrue(Files.readString(folder.resolve("result.json")).contains("\"status\": \"STOPPED\""));
        assertTrue(batch.status().stream().filter(r -> !r.id().equals("exp_001"))
                .allMatch(r -> r.status() == RunStatus.DONE), batch.status().toString());
    }

    @Test
    void aModelThatLearnsNothingBeyondTheBaselineIsFlaggedAsNotConverged() throws Exception {
        // a real booster whose steps are too small to move it off its starting guess, the class shares
        Batch.ModelFactory timid = (experiment, seed) -> experiment.id().equals("exp_004")
                ? new BoostingModel(java.util.Map.of("trees", 2, "learning_rate", 1e-6), seed)
                : Models.create(experiment, seed);

        List<RunProgress> runs = trainToTheEnd(timid);

        RunProgress flat = find(runs, "exp_004");
        assertEquals(RunStatus.DONE, flat.status());
        assertTrue(flat.sentence().endsWith("It did not learn beyond the baseline's guess (it failed to converge)."),
                flat.sentence());
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("exp_004's training loss ended at ")
                && w.endsWith("Try more trees or a larger learning_rate.")), warnings.toString());
        Path result = workspace.folder().resolve("runs").resolve(batchId()).resolve("exp_004").resolve("result.json");
        assertTrue(Files.readString(result).contains("\"converged\": false"), Files.readString(result));
        assertTrue(runs.stream().filter(r -> !r.id().equals("exp_004")).noneMatch(r -> r.sentence().contains("converge")));
    }

    /** Starts a batch that stops one run once it has passed a step. */
    private Batch startStopping(String target, int afterStep) throws Exception {
        java.util.concurrent.atomic.AtomicReference<Batch> current = new java.util.concurrent.atomic.AtomicReference<>();
        BatchListener stopper = new BatchListener() {
            @Override
            public void progress(RunProgress run) {
                if (run.id().equals(target) && run.status() == RunStatus.RUNNING && run.done() >= afterStep) {
                    current.get().stop(target);
                }
            }

            @Override
            public void warning(String experiment, String sentence) {
                warnings.add(sentence);
            }
        };
        Batch batch = Batch.start(workspace, data(), Models::create, stopper, session.session().names());
        current.set(batch);
        return batch;
    }

    @Test
    void aListenerThatThrowsNeverChangesARunNorKeepsTheBatchRunning() throws Exception {
        BatchListener broken = new BatchListener() {
            @Override
            public void progress(RunProgress run) {
                throw new IllegalStateException("a broken display");
            }

            @Override
            public void warning(String experiment, String sentence) {
                throw new IllegalStateException("a broken display");
            }

            @Override
            public void finished(List<RunProgress> runs, TrainingRecord ledger) {
                throw new IllegalStateException("a broken display");
            }
        };
        Batch batch = Batch.start(workspace, data(), Models::create, broken, session.session().names());

        // before, a throwing finished() skipped the latch and the batch counted as running for the rest of the session
        assertTrue(batch.await(Duration.ofMinutes(3)), "the batch ends: " + batch.status());
        assertTrue(batch.isFinished());
        for (RunProgress run : batch.status()) {
            assertEquals(RunStatus.DONE, run.status(), run.id() + ": a throwing progress() must not crash it; "
                    + run.sentence());
        }
    }

    @Test
    void theTrainStageSealsTheLedgerAndAWaitingReaderIsNotKeptWaitingByABrokenListener() throws Exception {
        session.session().listen(new org.sealbook.toolkit.view.View() {
            @Override
            public void explain(String heading, String text) {
            }

            @Override
            public void table(String title, tech.tablesaw.api.Table table) {
            }

            @Override
            public void figure(org.sealbook.toolkit.view.Figure figure) {
            }

            @Override
            public org.sealbook.toolkit.view.Progress progress(String label, long total) {
                throw new IllegalStateException("a broken log");
            }

            @Override
            public void status(org.sealbook.toolkit.pipeline.StageOutcome outcome) {
            }

            @Override
            public void finished(List<RunProgress> runs, TrainingRecord ledger) {
                throw new IllegalStateException("a broken log");
            }
        });
        org.sealbook.toolkit.pipeline.StageOutcome trained = session.run("train", "--wait");

        assertEquals(org.sealbook.toolkit.pipeline.Status.DONE, trained.status(), session.output());
        assertTrue(session.session().batch().orElseThrow().isFinished());
        TrainingRecord sealed = workspace.read("report", TrainingRecord.ARTIFACT, session.session().names());
        assertEquals(batchId(), sealed.batch());
        assertTrue(session.output().contains("The batch's results are sealed as the training in"), session.output());
    }

    private String branchTip(String batch, String experiment) throws Exception {
        try (Git git = Git.open(workspace.folder().toFile())) {
            return git.getRepository().resolve(Workspace.experimentBranch(batch, experiment)).name();
        }
    }

    private static RunProgress find(List<RunProgress> runs, String id) {
        return runs.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    private static int indexOfFinal(List<RunProgress> heard, String id) {
        for (int i = 0; i < heard.size(); i++) {
            if (heard.get(i).id().equals(id) && heard.get(i).status().isFinal()) {
                return i;
            }
        }
        throw new AssertionError(id + " never finished: " + heard);
    }
}
