package org.sealbook.toolkit.sweep;

import com.google.gson.JsonObject;
import java.util.List;
import org.sealbook.toolkit.runs.TrainingRecord;
import org.sealbook.toolkit.workspace.Artifact;
import org.sealbook.toolkit.workspace.Codec;

/**
 * What the sweep stage seals when a sweep ends, {@code sweep_result.json}, on the sealed sweep plan: which stop rule
 * ended it, the time it spent, its ledger by hash, the best trial, and each trial's result and final model by hash
 * (the same entries as a batch's training record, so a report can judge the trials like experiments).
 *
 * @param stopRule  trials, budget, patience, exhausted or stopped
 * @param seconds   the wall-clock seconds the sweep spent
 * @param ledger    {@code runs/SWEEP/ledger.jsonl}, one line per trial
 * @param best      the best finished trial's id, null when none finished
 * @param training  each trial's result and model by hash, as a batch's training record holds them
 */
public record SweepResult(String stopRule, String stopSentence, double seconds, String ledger, String ledgerSha256,
                          String best, TrainingRecord training) {
    public static final Artifact<SweepResult> ARTIFACT = Artifact.of("sweep_result", "the sweep's results", "sweep",
            SweepSpec.ARTIFACT, Codec.of(SweepResult::toJson, SweepResult::fromJson).schema("sweep_result"));

    public static final List<String> STOP_RULES = List.of("trials", "budget", "patience", "exhausted", "stopped");

    public String sweep() {
        return training.batch();
    }

    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("stop_rule", stopRule);
        o.addProperty("stop_sentence", stopSentence);
        o.addProperty("seconds", seconds);
        o.addProperty("ledger", ledger);
        o.addProperty("ledger_sha256", ledgerSha256);
        if (best != null) {
            o.addProperty("best", best);
        }
        o.add("training", training.toJson());
        return o;
    }

    public static SweepResult fromJson(JsonObject o) {
        return new SweepResult(o.get("stop_rule").getAsString(), o.get("stop_sentence").getAsString(),
                o.get("seconds").getAsDouble(), o.get("ledger").getAsString(), o.get("ledger_sha256").getAsString(),
                o.has("best") ? o.get("best").getAsString() : null,
                TrainingRecord.fromJson(o.getAsJsonObject("training")));
    }
}
