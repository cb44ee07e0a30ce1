package org.sealbook.toolkit.runs;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.sealbook.toolkit.prepare.Preprocessor;
import org.sealbook.toolkit.workspace.CanonicalJson;
import org.sealbook.toolkit.workspace.Stage;
import org.sealbook.toolkit.workspace.Workspace;

/**
 * What a batch writes into the workspace: each run's result on its experiment branch, and at the end the ledger
 * sealed as the training stage (each run's status and the SHA-256 of its result file and of its final model, so
 * %report can tell whether anything changed after training; {@link Ledger} reads it back).
 * Usage: {@code BatchRecords.record(workspace, batch, run, folder, preprocessor); BatchRecords.seal(...);}
 */
final class BatchRecords {
    private BatchRecords() {
    }

    /** Seals the runs' records; {@code folder} gives each experiment's run folder. */
    static void seal(Workspace workspace, String batch, Instant startedAt, Collection<Run> runs,
                     Function<String, Path> folder) throws IOException {
        JsonObject decision = new JsonObject();
        decision.addProperty("batch", batch);
        decision.addProperty("started", startedAt.toString());
        decision.addProperty("finished", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        JsonArray ledger = new JsonArray();
        Map<String, byte[]> attachments = new LinkedHashMap<>();
        for (Run run : runs) {
            Path runFolder = folder.apply(run.experiment.id());
            byte[] result = Files.readAllBytes(runFolder.resolve("result.json"));
            String base = "runs/" + batch + "/" + run.experiment.id() + "/";
            attachments.put(base + "result.json", result);
            JsonObject entry = new JsonObject();
            entry.addProperty("experiment", run.experiment.id());
            entry.addProperty("status", run.status.name());
            entry.addProperty("result", base + "result.json");
            entry.addProperty("result_sha256", CanonicalJson.sha256(result));
            if (run.model != null) {
                Path model = runFolder.resolve(Run.CHECKPOINTS + run.model);
                entry.addProperty("model", base + Run.CHECKPOINTS + run.model);
                entry.addProperty("model_sha256", CanonicalJson.sha256(Files.readAllBytes(model)));
            }
            ledger.add(entry);
        }
        decision.add("runs", ledger);
        workspace.seal(Stage.TRAINING, decision, Instant.now(), attachments);
    }

    /**
     * Writes the run's result file and commits it with the log, and with the recipe fitted on the training rows
     * when the run left a model, on the experiment's branch.
     */
    static void record(Workspace workspace, String batch, Run run, Path folder, Preprocessor preprocessor)
            throws IOException {
        byte[] bytes = run.result().bytes();
        Files.createDirectories(folder);
        Files.write(folder.resolve("result.json"), bytes);
        String base = "runs/" + batch + "/" + run.experiment.id() + "/";
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(base + "result.json", bytes);
        Path log = folder.resolve("log.jsonl");
        if (Files.exists(log)) {
            files.put(base + "log.jsonl", Files.readAllBytes(log));
        }
        if (run.model != null) {
            // the recipe fitted on the training rows goes with the model: together they predict raw rows
            byte[] recipe = CanonicalJson.bytes(preprocessor.toJson());
            Files.write(folder.resolve("preprocessor.json"), recipe);
            files.put(base + "preprocessor.json", recipe);
        }
        workspace.commitOnExperimentBranch(batch, run.experiment.id(), files,
                "Result of " + run.experiment.id() + ": " + run.status.name());
    }
}
