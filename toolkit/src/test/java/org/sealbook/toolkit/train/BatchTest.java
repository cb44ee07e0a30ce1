package org.sealbook.toolkit.train;

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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealbook.toolkit.SharedData;
import org.sealbook.toolkit.explain.Explainer;
import org.sealbook.toolkit.stage.DataCheckStage;
import org.sealbook.toolkit.stage.DesignStage;
import org.sealbook.toolkit.stage.HypothesisStage;
import org.sealbook.toolkit.view.ConsoleView;
import org.sealbook.toolkit.workspace.Stage;
import org.sealbook.toolkit.workspace.Status;
import org.sealbook.toolkit.workspace.Workspace;

/** A real sealed plan on wine, trained by the batch runner with the real models. */
class BatchTest {
    @TempDir
    Path temp;

    private Workspace workspace;
    private final List<RunProgress> heard = new CopyOnWriteArrayList<>();
    private final List<String> warnings = new CopyOnWriteArrayList<>();

    private final BatchListener recorder = new BatchListener() {
        @Override
        public void progress(RunProgress run) {
            heard.add(run);
        }

        @Override
        public void warning(String experiment, String sentence) {
            warnings.add(sentence);
        }
    };

    @BeforeEach
    void sealedPlan() throws Exception {
        workspace = Workspace.open(temp.resolve("ws"));
        Explainer explainer = Explainer.session();
        ConsoleView quiet = new ConsoleView(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                temp.resolve("figures"));
        Path data = Files.copy(SharedData.file("wine.csv"), temp.resolve("wine.csv"));
        DataCheckStage.of(data, "cultivar").run(workspace, quiet, explainer);
        HypothesisStage.create().run(workspace, quiet, explainer);
        // the forest and boosting ladders shortened so the test stays quick; one change each, as the reviewer wants
        assertEquals(Status.DONE, DesignStage.create().option("drop", "exp_003,exp_005,exp_006")
                .option("concurrency", "2").run(workspace, quiet, explainer).status());
    }

    private List<RunProgress> trainToTheEnd(Batch.ModelFactory factory) throws Exception {
        Batch batch = Batch.start(workspace, TrainingData.load(workspace), factory, recorder);
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

        String batch = workspace.decision(Stage.PLAN).get("batch").getAsString();
        for (RunProgress run : runs) {
            Path folder = workspace.folder().resolve("runs").resolve(batch).resolve(run.id());
            List<JsonObject> log = RunLog.read(folder.resolve("log.jsonl"));
            assertEquals("preflight", log.get(0).get("event").getAsString());
            assertEquals("end", log.get(log.size() - 1).get("event").getAsString());
            assertTrue(log.stream().anyMatch(r -> r.get("event").getAsString().equals("step")), run.id() + " logged its steps");
            JsonObject result = JsonParser.parseString(Files.readString(folder.resolve("result.json"))).getAsJsonObject();
            assertEquals("DONE", result.get("status").getAsString());
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
                } : Models.create(experiment, seed);

        List<RunProgress> runs = trainToTheEnd(greedy);

        assertEquals(RunStatus.CRASHED_OOM, runs.get(2).status(), runs.get(2).sentence());
        assertTrue(runs.get(2).sentence().contains("ran out of memory"), runs.get(2).sentence());
        assertTrue(runs.stream().filter(r -> !r.id().equals("exp_002")).allMatch(r -> r.status() == RunStatus.DONE),
                runs.toString());
    }

    @Test
    void aSealedFileChangedDuringTheBatchStopsItAsTamper() throws Exception {
        Path hypothesis = workspace.artifact(Stage.HYPOTHESIS);
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
        Batch batch = Batch.start(workspace, TrainingData.load(workspace), Models::create, recorder);
        batch.stopAll();
        assertTrue(batch.await(Duration.ofMinutes(2)));

        String id = workspace.decision(Stage.PLAN).get("batch").getAsString();
        for (RunProgress run : batch.status()) {
            assertTrue(run.status() == RunStatus.STOPPED || run.status() == RunStatus.DONE, run.toString());
            Path result = workspace.folder().resolve("runs").resolve(id).resolve(run.id()).resolve("result.json");
            assertTrue(Files.readString(result).contains("\"status\": \"" + run.status().name() + "\""),
                    "the ledger agrees with the run: " + run);
        }
        assertTrue(batch.status().stream().anyMatch(r -> r.status() == RunStatus.STOPPED), batch.status().toString());
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
