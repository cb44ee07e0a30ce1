package org.sealbook.toolkit.prepare;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Reading and writing the preprocessor's JSON (the data check's decision, and what {@link Preprocessor#toJson}
 * saves), each missing key refused with one sentence naming the file to pass.
 * Usage: {@code String target = RecipeJson.text(decision, "target", "data-check decision");}
 */
final class RecipeJson {
    private RecipeJson() {
    }

    static String text(JsonObject o, String key, String where) {
        JsonElement e = o.get(key);
        if (e == null || !e.isJsonPrimitive()) {
            throw new IllegalArgumentException("The " + where + " has no '" + key + "'; pass the whole JSON object "
                    + "that " + (where.startsWith("saved") ? "Preprocessor.toJson()" : "the data check") + " wrote.");
        }
        return e.getAsString();
    }

    static double number(JsonObject o, String key, String where) {
        JsonElement e = o.get(key);
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw new IllegalArgumentException("The " + where + " has no number '" + key
                    + "'; pass the whole JSON object that Preprocessor.toJson() wrote.");
        }
        return e.getAsDouble();
    }

    static JsonArray array(JsonObject o, String key, String where) {
        JsonElement e = o.get(key);
        if (e == null || !e.isJsonArray()) {
            throw new IllegalArgumentException("The " + where + " has no list '" + key + "'; pass the whole JSON "
                    + "object that " + (where.startsWith("saved") ? "Preprocessor.toJson()" : "the data check") + " wrote.");
        }
        return e.getAsJsonArray();
    }

    static JsonArray texts(List<String> values) {
        JsonArray a = new JsonArray();
        values.forEach(a::add);
        return a;
    }

    static JsonArray numbers(double[] values) {
        JsonArray a = new JsonArray();
        for (double v : values) {
            a.add(v);
        }
        return a;
    }

    static List<String> textList(JsonArray a) {
        List<String> out = new ArrayList<>();
        a.forEach(e -> out.add(e.getAsString()));
        return out;
    }

    static double[] numberArray(JsonArray a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).getAsDouble();
        }
        return out;
    }
}
