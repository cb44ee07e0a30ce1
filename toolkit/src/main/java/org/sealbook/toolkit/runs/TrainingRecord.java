package org.sealbook.toolkit.runs;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sealbook.toolkit.plan.Plan;
import org.sealbook.toolkit.workspace.Artifact;
import org.sealbook.toolkit.workspace.Codec;

/**
 * What the training stage seals when a batch ends, {@code training.json}: each run's status and the SHA-256 of its
 * result file and final model, so the report can tell whether anything changed after training.
 *
 * @param started  when the batch started, to the second (ISO-8601)
 * @param finished when its last run ended
 */
public record TrainingRecord(String batch, String started, String finished, List<Run> runs) {
    public static final Artifact<TrainingRecord> ARTIFACT = Artifact.of("training", "the training", "train",
            Plan.ARTIFACT, Codec.of(TrainingRecord::toJson, TrainingRecord::fromJson).schema("training"));

    /**
     * One run's sealed entry.
     *
     * @param result the result file, relative to the workspace
     * @param model  the final model's file, relative to the workspace; null when the run left none
     */
    public record Run(String experiment, RunStatus status, String result, String resultSha256, String model,
                      String modelSha256) {
    }

    public TrainingRecord {
        runs = List.copyOf(runs);
    }

    /**
     * The runs' result files as they are in {@code workspaceFolder}, by their paths inside it: sealed with the
     * record, which holds their hashes.
     */
    public Map<String, byte[]> resultFiles(Path workspaceFolder) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (Run run : runs) {
            try {
                files.put(run.result(), Files.readAllBytes(workspaceFolder.resolve(run.result())));
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read " + run.result() + " in " + workspaceFolder
                        + " to seal it; check the folder's permissions and run the training again with resume.", e);
            }
        }
        return files;
    }

    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("batch", batch);
        o.addProperty("started", started);
        o.addProperty("finished", finished);
        JsonArray list = new JsonArray();
        for (Run run : runs) {
            JsonObject entry = new JsonObject();
            entry.addProperty("experiment", run.experiment());
            entry.addProperty("status", run.status().name());
            entry.addProperty("result", run.result());
            entry.addProperty("result_sha256", run.resultSha256());
            if (run.model() != null) {
                entry.addProperty("model", run.model());
                entry.addProperty("model_sha256", run.modelSha256());
            }
            list.add(entry);
        }
        o.add("runs", list);
        return o;
    }

    public static TrainingRecord fromJson(JsonObject o) {
        List<Run> runs = new ArrayList<>();
        for (JsonElement e : o.getAsJsonArray("runs")) {
            JsonObject r = e.getAsJsonObject();
            runs.add(new Run(r.get("experiment").getAsString(), RunStatus.valueOf(r.get("status").getAsString()),
                    r.get("result").getAsString(), r.get("result_sha256").getAsString(),
                    r.has("model") ? r.get("model").getAsString() : null,
                    r.has("model_sha256") ? r.get("model_sha256").getAsString() : null));
        }
        return new TrainingRecord(o.get("batch").getAsString(), o.get("started").getAsString(),
                o.get("finished").getAsString(), runs);
    }
}
