package org.sealbook.toolkit.report;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sealbook.toolkit.schema.JsonSchema;
import org.sealbook.toolkit.workspace.CanonicalJson;
import org.sealbook.toolkit.workspace.Workspace;

/**
 * {@code dashboard.json} in the workspace: checked against {@code dashboard.schema.json} (in the toolkit's schema
 * folder, see {@link JsonSchema}) before a byte is written, then written as canonical JSON in one atomic step.
 * Usage: {@code Path file = Dashboard.write(workspace.folder(), dashboard);}
 */
public final class Dashboard {
    public static final String FILE_NAME = "dashboard.json";
    public static final JsonSchema SCHEMA = JsonSchema.named("dashboard");

    private Dashboard() {
    }

    /**
     * Writes {@code dashboard} to {@code workspaceFolder/dashboard.json} and returns the file. It throws
     * IllegalStateException, writing nothing, when the dashboard breaks the schema (the message names the first
     * violation by its JSON pointer) or when it would change the test-split scores ("final") an earlier write kept.
     */
    public static Path write(Path workspaceFolder, JsonObject dashboard) {
        if (workspaceFolder == null || !Files.isDirectory(workspaceFolder)) {
            throw new IllegalArgumentException("There is no workspace folder at " + workspaceFolder
                    + "; open the workspace first and pass its folder.");
        }
        if (dashboard == null) {
            throw new IllegalArgumentException("There is no dashboard to write; pass the dashboard as a JsonObject.");
        }
        SCHEMA.check(dashboard, "Not writing " + FILE_NAME);
        Path file = workspaceFolder.resolve(FILE_NAME);
        keepFinalScores(file, dashboard);
        writeAtomically(file, CanonicalJson.bytes(dashboard));
        return file;
    }

    /** The test split is looked at once: scores already written must come back unchanged. */
    private static void keepFinalScores(Path file, JsonObject dashboard) {
        if (!Files.exists(file)) {
            return;
        }
        JsonObject earlier;
        try {
            JsonElement parsed = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
            if (!parsed.isJsonObject()) {
                throw new IllegalStateException("The existing " + file + " is not a JSON object; move it away "
                        + "and make the report again.");
            }
            earlier = parsed.getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the existing " + file + " (" + e.getMessage()
                    + "); make it readable, then write the dashboard again.", e);
        } catch (JsonParseException e) {
            throw new IllegalStateException("The existing " + file + " is not valid JSON (" + e.getMessage()
                    + "); move it away and make the report again.", e);
        }
        if (earlier.has("final") && !earlier.get("final").equals(dashboard.get("final"))) {
            throw new IllegalStateException("Not writing " + FILE_NAME + ": it already holds the test-split scores "
                    + "(\"final\"), which are written once; pass them again unchanged.");
        }
    }

    private static void writeAtomically(Path file, byte[] bytes) {
        try {
            Workspace.replaceFile(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file + " (" + e.getMessage()
                    + "); make the workspace folder writable and run the report again.", e);
        }
    }
}
