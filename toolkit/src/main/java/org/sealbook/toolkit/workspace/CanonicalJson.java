package org.sealbook.toolkit.workspace;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one byte form of a JSON object that the seals hash: keys sorted at every depth, two-space
 * indent, UTF-8, {@code \n} line ends and a final newline. The same object always gives the same
 * bytes, whatever order its keys were added in.
 */
public final class CanonicalJson {
    // Pretty printing in Gson is two spaces and "\n"; HTML escaping would turn '<' into \u003c.
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping()
            .serializeNulls().create();

    private CanonicalJson() {
    }

    /** The canonical bytes of {@code object}. */
    public static byte[] bytes(JsonObject object) {
        if (object == null) {
            throw new IllegalArgumentException("There is no JSON object to write; pass a JsonObject, "
                    + "even an empty one.");
        }
        return (GSON.toJson(sorted(object, "")) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The canonical text of {@code object}. */
    public static String text(JsonObject object) {
        return new String(bytes(object), StandardCharsets.UTF_8);
    }

    /** The lower-case hex SHA-256 of {@code bytes}. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            // Every Java runtime must provide SHA-256, so this is a broken runtime, not bad input.
            throw new IllegalStateException("This Java runtime has no SHA-256 digest.", e);
        }
    }

    private static JsonElement sorted(JsonElement element, String path) {
        if (element.isJsonObject()) {
            Map<String, JsonElement> byKey = new TreeMap<>(element.getAsJsonObject().asMap());
            JsonObject copy = new JsonObject();
            byKey.forEach((key, value) -> copy.add(key, sorted(value, path + "/" + key)));
            return copy;
        }
        if (element.isJsonArray()) {
            JsonArray copy = new JsonArray();
            JsonArray array = element.getAsJsonArray();
            for (int i = 0; i < array.size(); i++) {
                copy.add(sorted(array.get(i), path + "/" + i));
            }
            return copy;
        }
        if (element.isJsonPrimitive()) {
            checkFinite(element.getAsJsonPrimitive(), path);
        }
        return element;
    }

    private static void checkFinite(JsonPrimitive primitive, String path) {
        if (primitive.isNumber()) {
            double value = primitive.getAsDouble();
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                throw new IllegalArgumentException("The value at " + (path.isEmpty() ? "/" : path)
                        + " is " + value + ", which JSON cannot hold; record it as null or as a "
                        + "string instead.");
            }
        }
    }
}
