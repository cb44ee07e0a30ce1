package org.sealbook.toolkit.workspace;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.sealbook.toolkit.SharedData;

/** Decisions built from the real data sets, copied into a test's own folder first. */
final class Decisions {

    private Decisions() {
    }

    /** A data-check decision naming the real columns of {@code file}, with {@code target}. */
    static JsonObject dataCheck(Path tempDir, String file, String target) throws IOException {
        Path copy = tempDir.resolve(file);
        if (!Files.exists(copy)) {
            Files.copy(SharedData.file(file), copy, StandardCopyOption.COPY_ATTRIBUTES);
        }
        List<String> lines = Files.readAllLines(copy);
        JsonArray features = new JsonArray();
        for (String column : lines.get(0).split(",")) {
            if (!column.equals(target)) {
                features.add(column);
            }
        }
        JsonObject decision = new JsonObject();
        decision.addProperty("source", file);
        decision.addProperty("rows", lines.size() - 1);
        decision.addProperty("target", target);
        decision.add("features", features);
        return decision;
    }

    static JsonObject note(String key, String value) {
        JsonObject decision = new JsonObject();
        decision.addProperty(key, value);
        return decision;
    }
}
