package org.sealbook.toolkit.runs;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One run's recorded result, its {@code result.json}: written by the batch, read back by a resumed batch and by the
 * ledger, so the file has one format in one place.
 * Usage: {@code byte[] json = result.bytes(); RunResult again = RunResult.read(folder.resolve("result.json"));}
 *
 * @param scores    the locked metrics on the training and validation rows; non-finite ones are left out
 * @param converged false when the run's training loss ended no lower than the baseline's
 * @param model     the final model's file, relative to the run's folder ({@code checkpoints/...}); null when none
 */
public record RunResult(String experiment, String family, RunStatus status, String sentence, double seconds,
                        long complexity, Map<String, Double> scores, int steps, boolean converged, String model) {

    public RunResult {
        Map<String, Double> finite = new LinkedHashMap<>();
        scores.forEach((k, v) -> {
            if (Double.isFinite(v)) {
                finite.put(k, v);
            }
        });
        scores = java.util.Collections.unmodifiableMap(finite);
    }

    /** The file's bytes: pretty-printed JSON and a final newline. */
    public byte[] bytes() {
        JsonObject result = new JsonObject();
        result.addProperty("experiment", experiment);
        result.addProperty("family", family);
        result.addProperty("status", status.name());
        result.addProperty("sentence", sentence);
        result.addProperty("seconds", seconds);
        result.addProperty("complexity", complexity);
        JsonObject scoreObject = new JsonObject();
        scores.forEach(scoreObject::addProperty);
        result.add("scores", scoreObject);
        result.addProperty("steps", steps);
        if (!converged) {
            result.addProperty("converged", false);
        }
        if (model != null) {
            result.addProperty("model", model);
        }
        return (new GsonBuilder().setPrettyPrinting().create().toJson(result) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Reads a result file; one that cannot be read as a result is refused with a sentence naming it. */
    public static RunResult read(Path file) {
        try {
            return parse(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the recorded result " + file + " (" + e.getMessage()
                    + "); it was changed by hand, so train the batch again from its first step.", e);
        }
    }

    /** Parses a result file's bytes; {@code file} names it in the refusal. */
    public static RunResult parse(byte[] bytes, String file) {
        try {
            JsonObject o = JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8)).getAsJsonObject();
            Map<String, Double> scores = new LinkedHashMap<>();
            o.getAsJsonObject("scores").entrySet().forEach(s -> scores.put(s.getKey(), s.getValue().getAsDouble()));
            return new RunResult(o.get("experiment").getAsString(), o.get("family").getAsString(),
                    RunStatus.valueOf(o.get("status").getAsString()), o.get("sentence").getAsString(),
                    o.has("seconds") ? o.get("seconds").getAsDouble() : Double.NaN, o.get("complexity").getAsLong(),
                    scores, o.get("steps").getAsInt(), !o.has("converged") || o.get("converged").getAsBoolean(),
                    o.has("model") ? o.get("model").getAsString() : null);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Cannot read the recorded result " + file + " (" + e.getMessage()
                    + "); it was changed by hand, so train the batch again from its first step.", e);
        }
    }
}
