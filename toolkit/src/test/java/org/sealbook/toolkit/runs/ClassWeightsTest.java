package org.sealbook.toolkit.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealbook.toolkit.Sessions;
import org.sealbook.toolkit.SharedData;
import org.sealbook.toolkit.data.DataCheckResult;
import org.sealbook.toolkit.data.Mitigation;
import org.sealbook.toolkit.hypothesis.Hypothesis;
import org.sealbook.toolkit.models.BoostingModel;
import org.sealbook.toolkit.models.Models;
import org.sealbook.toolkit.models.TrainingLoss;
import org.sealbook.toolkit.pipeline.Status;
import org.sealbook.toolkit.plan.Plan;
import org.sealbook.toolkit.prepare.TrainingData;
import org.sealbook.toolkit.workspace.Records;
import org.sealbook.toolkit.workspace.Workspace;

/**
 * A strongly unbalanced target: breast_cancer.csv with its first 25 malignant rows only (25 against 357 benign),
 * so the data check's recipe weights the classes. The booster learns the weighted loss, logs it as train_loss with
 * the unweighted one beside it, and is judged on the loss it optimises.
 */
class ClassWeightsTest {
    @TempDir
    Path temp;

    private Sessions session;
    private Workspace workspace;
    private final List<String> warnings = new CopyOnWriteArrayList<>();

    @BeforeEach
    void sealedPlan() throws Exception {
        List<String> lines = Files.readAllLines(SharedData.file("breast_cancer.csv"));
        List<String> kept = new ArrayList<>();
        int malignant = 0;
        for (String line : lines) {
            if (line.endsWith(",malignant") && ++malignant > 25) {
                continue;
            }
            kept.add(line);
        }
        Files.write(temp.resolve("breast_cancer_25.csv"), kept);
        session = Sessions.in(temp);
        workspace = session.workspace();
        // worst concave points tells 25 malignant rows from the rest with an AUC of 0.983: a measurement, not a leak
        Files.writeString(workspace.folder().resolve("data_check.properties"), "correlation.auc_leak = 0.99\n");
        assertEquals(Status.DONE_WITH_CONCERNS, session.run("data_check", "breast_cancer_25.csv", "--target",
                "diagnosis").status(), session.output());
        assertTrue(workspace.read("hypothesize", DataCheckResult.ARTIFACT, session.session().names()).recipe()
                .has("diagnosis", Mitigation.Action.CLASS_WEIGHTS), "the recipe weights the classes");
        session.run("hypothesize");
        // the baseline, the linear model, the first booster and the network are enough here
        assertEquals(Status.DONE, session.run("design_experiments", "--drop", "exp_002,exp_003,exp_005").status(),
                session.output());
    }

    /** The sealed records a batch trains from, verified as the training stage verifies them. */
    private TrainingData data() {
        Records sealed = workspace.verify("train", Plan.ARTIFACT, session.session().names());
        return TrainingData.load(workspace, sealed.get(DataCheckResult.ARTIFACT), sealed.get(Hypothesis.ARTIFACT),
                sealed.get(Plan.ARTIFACT));
    }

    private List<RunProgress> train(Batch.ModelFactory factory) throws Exception {
        Batch batch = Batch.start(workspace, data(), factory, new BatchListener() {
            @Override
            public void warning(String experiment, String sentence) {
                warnings.add(sentence);
            }
        }, session.session().names());
        assertTrue(batch.await(Duration.ofMinutes(3)), "the batch finished in time: " + batch.status());
        return batch.status();
    }

    private List<JsonObject> log(String experiment) {
        String batch = workspace.read("train", Plan.ARTIFACT, session.session().names()).batch();
        return RunLog.read(workspace.folder().resolve("runs").resolve(batch).resolve(experiment).resolve("log.jsonl"));
    }

    private static List<JsonObject> steps(List<JsonObject> log) {
        return log.stream().filter(r -> r.get("event").getAsString().equals("step")).toList();
    }

    private RunResult result(String experiment) {
        String batch = workspace.read("train", Plan.ARTIFACT, session.session().names()).batch();
        return RunResult.read(workspace.folder().resolve("runs").resolve(batch).resolve(experiment)
                .resolve("result.json"));
    }

    @Test
    void theBoosterLogsTheWeightedLossItOptimisesWithTheUnweightedBesideItAndItFalls() throws Exception {
        List<RunProgress> runs = train(Models::create);

        assertEquals(List.of("exp_000", "exp_001", "exp_004", "exp_006"), runs.stream().map(RunProgress::id).toList());
        runs.forEach(run -> assertEquals(RunStatus.DONE, run.status(), run.sentence()));
        List<JsonObject> booster = log("exp_004");
        assertEquals("learned", booster.get(0).get("class_weights").getAsString(), "the preflight record says so");
        List<JsonObject> rounds = steps(booster);
        assertEquals(200, rounds.size());
        JsonObject first = rounds.get(0);
        JsonObject last = rounds.get(rounds.size() - 1);
        double firstLoss = first.get("train_loss").getAsDouble();
        double lastLoss = last.get("train_loss").getAsDouble();
        assertTrue(lastLoss < firstLoss / 100, "the weighted loss it optimises falls: " + firstLoss + " -> "
                + lastLoss);
        for (JsonObject round : rounds) {
            assertTrue(round.has(TrainingLoss.TRAIN_UNWEIGHTED) && round.has(TrainingLoss.VALIDATION_UNWEIGHTED));
        }
        double lastValidation = last.get("val_loss").getAsDouble();
        double lastValidationUnweighted = last.get(TrainingLoss.VALIDATION_UNWEIGHTED).getAsDouble();
        assertTrue(lastValidation < lastValidationUnweighted, "the rare class's rows, weighted up, are predicted "
                + "better than the rest: " + lastValidation + " against " + lastValidationUnweighted);
        assertTrue(result("exp_004").converged());
        assertFalse(runs.get(2).sentence().contains("failed to converge"), runs.get(2).sentence());

        List<JsonObject> network = log("exp_006");
        assertEquals("learned", network.get(0).get("class_weights").getAsString());
        assertTrue(steps(network).stream().allMatch(epoch -> epoch.has(TrainingLoss.TRAIN_UNWEIGHTED)));
        assertTrue(result("exp_006").converged(), runs.get(3).sentence());

        List<JsonObject> linear = log("exp_001");
        assertEquals("not learned by this family", linear.get(0).get("class_weights").getAsString());
        assertFalse(steps(linear).get(0).has(TrainingLoss.TRAIN_UNWEIGHTED), "its train_loss is the plain one");
        assertEquals(List.of("exp_001 (linear) learns from every row alike: this family cannot weight the rare classes "
                + "more as the recipe asks, so its training loss is the unweighted one and it may predict the rare "
                + "classes less often than a family that can."), warnings);
    }

    /**
     * A booster stopped early, after 10 gentle rounds, has learned only part of the way: its weighted loss is well
     * below the weighted guess's (log 2: the weights make the two classes count alike), so it converged, while its
     * unweighted loss is still above the baseline's unweighted one, which would have called it a failure to converge.
     */
    @Test
    void aBoosterIsJudgedOnTheWeightedLossNotTheUnweightedOne() throws Exception {
        List<RunProgress> runs = train((experiment, seed) -> experiment.id().equals("exp_004")
                ? new BoostingModel(Map.of("trees", 10, "max_depth", 3, "learning_rate", 0.02), seed)
                : Models.create(experiment, seed));

        JsonObject last = steps(log("exp_004")).get(9);
        double weighted = last.get("train_loss").getAsDouble();
        double unweighted = last.get(TrainingLoss.TRAIN_UNWEIGHTED).getAsDouble();
        double baseline = steps(log("exp_000")).get(0).get("train_loss").getAsDouble();
        assertTrue(weighted < Math.log(2) * 0.9, "learned: " + weighted + " against " + Math.log(2));
        assertTrue(unweighted > baseline, "unweighted " + unweighted + " is above the baseline's " + baseline);
        assertTrue(result("exp_004").converged(), runs.get(2).sentence());
        assertTrue(warnings.stream().noneMatch(w -> w.contains("failed to converge")), warnings.toString());
    }
}
