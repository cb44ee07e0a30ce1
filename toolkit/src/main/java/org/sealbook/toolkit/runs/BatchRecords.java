package org.sealbook.toolkit.runs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.sealbook.toolkit.prepare.Preprocessor;
import org.sealbook.toolkit.workspace.CanonicalJson;
import org.sealbook.toolkit.workspace.Workspace;

/**
 * What a batch writes into the workspace: each run's result on its experiment branch, and at the end the ledger the
 * training stage seals (each run's status and the SHA-256 of its result file and of its final model, so the report
 * can tell whether anything changed after training; {@link Ledger} reads it back).
 * Usage: {@code BatchRecords.record(workspace, batch, run, folder, preprocessor); BatchRecords.ledger(...);}
 */
final class BatchRecords {
    private BatchRecords() {
    }

    /** The ledger of the runs' records, to be sealed as the training; {@code folder} gives each run's folder. */
    static TrainingRecord ledger(String batch, Instant startedAt, Collection<Run> runs, Function<String, Path> folder)
            throws IOException {
        List<TrainingRecord.Run> entries = new ArrayList<>();
        for (Run run : runs) {
            Path runFolder = folder.apply(run.experiment.id());
            byte[] result = Files.readAllBytes(runFolder.resolve("result.json"));
            String base = "runs/" + batch + "/" + run.experiment.id() + "/";
            String model = run.model == null ? null : base + Run.CHECKPOINTS + run.model;
            entries.add(new TrainingRecord.Run(run.experiment.id(), run.status, base + "result.json",
                    CanonicalJson.sha256(result), model, model == null ? null
                    : CanonicalJson.sha256(Files.readAllBytes(runFolder.resolve(Run.CHECKPOINTS + run.model)))));
        }
        return new TrainingRecord(batch, startedAt.toString(), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                entries);
    }

    /**
     * Writes the run's result file and commits it with the log, and with the recipe fitted on the training rows
     * when the run left a model, on the experiment's branch.
     */
    static void record(Workspace workspace, String batch, Run run, Path folder, Preprocessor preprocessor)
            throws IOException {
        byte[] bytes = run.result().bytes();
        Files.createDirectories(folder);
        Workspace.replaceFile(folder.resolve("result.json"), bytes); // read while the batch runs: never half-written
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
