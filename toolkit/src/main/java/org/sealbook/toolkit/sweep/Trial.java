package org.sealbook.toolkit.sweep;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of a sweep's ledger: a trial as it ended.
 *
 * @param settings the settings it trained with (fixed and searched)
 * @param status   a run status (DONE, STOPPED, CRASHED...) or PRUNED for a trial early stopping ended at a rung
 * @param rung     the highest rung step it reached; 0 without early stopping
 * @param score    its validation score by the contract's metric; null when it has none
 * @param steps    the training steps it took (trees, epochs)
 */
public record Trial(String trial, Map<String, Object> settings, String status, int rung, Double score,
                    double seconds, int steps) {
    public static final String PRUNED = "PRUNED";

    public Trial {
        settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** Finished with a score: trained to its end or pruned at a rung. */
    public boolean scored() {
        return score != null && Double.isFinite(score) && ("DONE".equals(status) || stoppedEarly());
    }

    /** Ended at a rung by successive halving: its score is from that rung, not from a full training. */
    public boolean stoppedEarly() {
        return PRUNED.equals(status);
    }

    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("trial", trial);
        JsonObject s = new JsonObject();
        settings.forEach((k, v) -> s.add(k, v instanceof String t ? new JsonPrimitive(t) : new JsonPrimitive((Number) v)));
        o.add("settings", s);
        o.addProperty("status", status);
        o.addProperty("rung", rung);
        if (score != null && Double.isFinite(score)) {
            o.addProperty("score", score);
        }
        o.addProperty("seconds", seconds);
        o.addProperty("steps", steps);
        return o;
    }

    public static Trial parse(String line) {
        JsonObject o = JsonParser.parseString(line).getAsJsonObject();
        Map<String, Object> settings = new LinkedHashMap<>();
        o.getAsJsonObject("settings").entrySet().forEach(e -> {
            JsonPrimitive p = e.getValue().getAsJsonPrimitive();
            settings.put(e.getKey(), p.isString() ? p.getAsString()
                    : p.getAsString().matches("-?\\d{1,9}") ? (Object) p.getAsInt() : (Object) p.getAsDouble());
        });
        return new Trial(o.get("trial").getAsString(), settings, o.get("status").getAsString(),
                o.get("rung").getAsInt(), o.has("score") ? o.get("score").getAsDouble() : null,
                o.get("seconds").getAsDouble(), o.get("steps").getAsInt());
    }
}
