package org.sealbook.toolkit.runs;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.sealbook.toolkit.models.Model;
import org.sealbook.toolkit.models.Models;
import org.sealbook.toolkit.plan.Experiment;
import org.sealbook.toolkit.plan.Plan;
import org.sealbook.toolkit.workspace.CanonicalJson;
import org.sealbook.toolkit.workspace.StageNames;
import org.sealbook.toolkit.workspace.Workspace;

/**
 * A trained batch as the sealed training stage recorded it: each run's result, its history of steps and its final
 * model, every file checked against the seal before it is believed.
 * Usage: {@code Ledger ledger = Ledger.read(workspace, records.get(TrainingRecord.ARTIFACT), plan, names);}
 */
public final class Ledger {
    /**
     * One run's record.
     *
     * @param history the step records of the run's last attempt, in step order (a run trained again or resumed
     *                logs some steps twice; the later record of a step wins)
     * @param model   the final model's file, relative to the workspace; null when the run left none
     */
    public record Entry(Experiment experiment, RunStatus status, String sentence, Map<String, Double> scores,
                        long complexity, double seconds, int steps, boolean converged,
                        List<Map<String, Double>> history, String model, String modelSha256) {
    }

    private final Workspace workspace;
    private final StageNames names;
    private final String batch;
    private final List<Entry> entries;

    private Ledger(Workspace workspace, StageNames names, String batch, List<Entry> entries) {
        this.workspace = workspace;
        this.names = names;
        this.batch = batch;
        this.entries = List.copyOf(entries);
    }

    /**
     * Reads the sealed ledger of {@code plan}'s batch. Refuses, with one sentence naming the file, a ledger of
     * another batch and any result file that changed since the training was sealed (tamper detected).
     */
    public static Ledger read(Workspace workspace, TrainingRecord training, Plan plan, StageNames names) {
        String batch = training.batch();
        if (!batch.equals(plan.batch())) {
            throw new IllegalStateException("The sealed training is of batch " + batch + ", but the sealed plan is batch "
                    + plan.batch() + "; run " + names.stage("train") + " to train the plan as it is now.");
        }
        Map<String, Experiment> planned = new LinkedHashMap<>();
        plan.experiments().forEach(e -> planned.put(e.id(), e));
        List<Entry> entries = new ArrayList<>();
        for (TrainingRecord.Run sealed : training.runs()) {
            Experiment experiment = planned.get(sealed.experiment());
            if (experiment == null) {
                throw new IllegalStateException("The sealed training lists " + sealed.experiment()
                        + ", which the plan does not have; run " + names.stage("train") + " again.");
            }
            String resultFile = sealed.result();
            RunResult result = RunResult.parse(verified(workspace, resultFile, sealed.resultSha256(), names), resultFile);
            Path log = workspace.folder().resolve(resultFile).resolveSibling("log.jsonl");
            entries.add(new Entry(experiment, result.status(), result.sentence(), result.scores(), result.complexity(),
                    result.seconds(), result.steps(), result.converged(),
                    Files.exists(log) ? history(RunLog.read(log)) : List.of(), sealed.model(), sealed.modelSha256()));
        }
        return new Ledger(workspace, names, batch, entries);
    }

    public String batch() {
        return batch;
    }

    /** Every run, in plan order. */
    public List<Entry> entries() {
        return entries;
    }

    /**
     * The run's final model, restored into a fresh model of its family with the contract's seed; refuses a model
     * file that changed since the training was sealed.
     */
    public Model model(Entry entry, long seed) {
        if (entry.model() == null) {
            throw new IllegalStateException(entry.experiment().id() + " left no model (it ended " + entry.status()
                    + "), so there is nothing to load.");
        }
        byte[] bytes = verified(workspace, entry.model(), entry.modelSha256(), names);
        Model model = Models.create(entry.experiment(), seed);
        try {
            model.restore(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new IllegalStateException("The model file " + entry.model() + " could not be read (" + e.getMessage()
                    + "); run " + names.stage("train") + " again.", e);
        }
        return model;
    }

    /** The bytes of a sealed file, or a "tamper detected" refusal naming it. */
    private static byte[] verified(Workspace workspace, String file, String sha256, StageNames names) {
        Path path = workspace.folder().resolve(file);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new IllegalStateException("tamper detected: " + file + " is missing or unreadable (" + e.getMessage()
                    + "), though the training sealed it; run " + names.stage("train") + " again to rebuild the results.", e);
        }
        String now = CanonicalJson.sha256(bytes);
        if (!now.equals(sha256)) {
            throw new IllegalStateException("tamper detected: " + file + " was sealed by the training with SHA-256 "
                    + sha256 + " but now has " + now + "; run " + names.stage("train") + " again to rebuild the results.");
        }
        return bytes;
    }

    /**
     * The step records of the last attempt: a step logged again replaces itself and every later step. Public for the
     * diagnosis, which reads a {@code log.jsonl} given by path the same way.
     */
    public static List<Map<String, Double>> history(List<JsonObject> log) {
        TreeMap<Integer, Map<String, Double>> steps = new TreeMap<>();
        for (JsonObject record : log) {
            if (!record.has("event") || !record.get("event").getAsString().equals("step")) {
                continue;
            }
            int step = record.get("step").getAsInt();
            steps.tailMap(step, true).clear(); // the run went back to this step (trained again, or resumed earlier)
            Map<String, Double> numbers = new LinkedHashMap<>();
            for (Map.Entry<String, JsonElement> field : record.entrySet()) {
                if (field.getValue().isJsonPrimitive() && !field.getKey().equals("event")) {
                    numbers.put(field.getKey(), number(field.getValue()));
                }
            }
            steps.put(step, numbers);
        }
        return List.copyOf(steps.values());
    }

    /** A logged number; NaN and infinities are logged as text, since JSON cannot hold them. */
    private static double number(JsonElement value) {
        try {
            return value.getAsDouble();
        } catch (NumberFormatException text) {
            return Double.parseDouble(value.getAsString()); // "NaN", "Infinity", "-Infinity"
        }
    }
}
