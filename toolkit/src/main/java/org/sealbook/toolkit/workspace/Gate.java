package org.sealbook.toolkit.workspace;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a chain of sealed artifacts, first stage first: each must exist, match its sidecar and
 * its last commit, and record the current hash of the stage before it. Reads only; writes nothing.
 */
final class Gate {
    private static final Pattern SIDECAR = Pattern.compile("([0-9a-f]{64})  (\\S+)\n?");

    private final Path folder;
    private final History history;

    Gate(Path folder, History history) {
        this.folder = folder;
        this.history = history;
    }

    /**
     * Verifies every record in {@code chain} (first first) on behalf of {@code requester}, the stage that wants to
     * run, naming stages in its sentences through {@code names}; returns the parsed artifacts in order.
     */
    List<JsonObject> verify(String requester, List<Artifact<?>> chain, StageNames names) {
        List<JsonObject> artifacts = new ArrayList<>();
        String previousHash = null;
        for (Artifact<?> stage : chain) {
            Path file = folder.resolve(stage.fileName());
            if (!Files.isRegularFile(file)) {
                throw new StageRefused(names.stage(requester) + " needs " + stage.title()
                        + " first: there is no " + stage.fileName() + " in " + folder + "; run "
                        + names.usage(stage.producer()) + " first.");
            }
            String hash = intactHash(requester, stage, file, names);
            JsonObject artifact = parse(stage, file, names);
            if (previousHash != null) {
                checkFresh(requester, stage, file, artifact, previousHash, names);
            }
            artifacts.add(artifact);
            previousHash = hash;
        }
        return artifacts;
    }

    /** The current SHA-256 of a file in the workspace, or empty when there is none. */
    Optional<String> currentHash(String fileName) throws IOException {
        Path file = folder.resolve(fileName);
        return Files.isRegularFile(file)
                ? Optional.of(CanonicalJson.sha256(Files.readAllBytes(file))) : Optional.empty();
    }

    private String intactHash(String requester, Artifact<?> stage, Path file, StageNames names) {
        try {
            String actual = CanonicalJson.sha256(Files.readAllBytes(file));
            Optional<String> committed = history.committed(stage.sidecarName())
                    .flatMap(bytes -> sidecarHash(stage, new String(bytes, StandardCharsets.UTF_8)));
            Path sidecar = folder.resolve(stage.sidecarName());
            if (!Files.isRegularFile(sidecar)) {
                throw tamper(stage, file, committed, "its hash file " + stage.sidecarName() + " is missing", names);
            }
            Optional<String> recorded = sidecarHash(stage, Files.readString(sidecar));
            if (recorded.isEmpty()) {
                throw tamper(stage, file, committed, "its hash file " + stage.sidecarName()
                        + " no longer holds the single line \"<hash>  " + stage.fileName() + "\"", names);
            }
            if (!recorded.get().equals(actual)) {
                throw tamper(stage, file, committed.or(() -> recorded), "its contents now hash to " + actual, names);
            }
            if (committed.isPresent() && !committed.get().equals(actual)) {
                throw tamper(stage, file, committed, "its contents now hash to " + actual
                        + " and its hash file was rewritten to match", names);
            }
            return actual;
        } catch (IOException e) {
            throw new WorkspaceException("Could not read " + file + " to check its seal; check the "
                    + "file's permissions and run " + names.stage(requester) + " again.", e);
        }
    }

    private StageRefused tamper(Artifact<?> stage, Path file, Optional<String> sealedHash, String change,
                                StageNames names) throws IOException {
        String when = sealedAt(stage, file).map(at -> " at " + at).orElse("");
        String hash = sealedHash.map(h -> " with sha256 " + h).orElse("");
        return new StageRefused("tamper detected: " + file + " was sealed" + when + hash
                + ", but " + change + "; run " + names.stage(stage.producer()) + " again to seal a fresh one (the "
                + "sealed version is in the workspace's git history).");
    }

    private Optional<String> sealedAt(Artifact<?> stage, Path file) throws IOException {
        // The committed copy is the trustworthy one; the file on disk is what was changed.
        Optional<byte[]> committed = history.committed(stage.fileName());
        byte[] bytes = committed.isPresent() ? committed.get() : Files.readAllBytes(file);
        try {
            JsonElement at = JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8))
                    .getAsJsonObject().get("sealed_at");
            return at != null && at.isJsonPrimitive() ? Optional.of(at.getAsString()) : Optional.empty();
        } catch (JsonParseException | IllegalStateException e) {
            // A mangled file has no readable time; the sentence then leaves the time out.
            return Optional.empty();
        }
    }

    private JsonObject parse(Artifact<?> stage, Path file, StageNames names) {
        try {
            return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        } catch (IOException | JsonParseException | IllegalStateException e) {
            throw new StageRefused(file + " matches its seal but is not a JSON object, so "
                    + "it cannot be used; run " + names.stage(stage.producer()) + " again to seal a fresh one.");
        }
    }

    private void checkFresh(String requester, Artifact<?> stage, Path file, JsonObject artifact,
            String previousHash, StageNames names) {
        Artifact<?> before = stage.predecessor().orElseThrow();
        Optional<String> built = predecessorHash(artifact);
        if (built.isEmpty()) {
            throw new StageRefused(file + " does not record which " + before.id()
                    + " it was built on, so it cannot be trusted; run " + names.stage(stage.producer()) + " again.");
        }
        if (!built.get().equals(previousHash)) {
            String who = requester.equals(stage.producer()) ? "" : names.stage(requester) + " cannot run yet: ";
            throw new StageRefused(who + file + " is stale because " + before.title()
                    + " was re-run after it was sealed (it was built on " + before.fileName()
                    + " with sha256 " + built.get() + ", which now hashes to " + previousHash
                    + "); run " + names.stage(stage.producer()) + " again first.");
        }
    }

    /** The predecessor's hash an artifact records, or empty when it records none. */
    static Optional<String> predecessorHash(JsonObject artifact) {
        JsonElement predecessor = artifact.get("predecessor");
        if (predecessor == null || !predecessor.isJsonObject()) {
            return Optional.empty();
        }
        JsonElement sha = predecessor.getAsJsonObject().get("sha256");
        return sha != null && sha.isJsonPrimitive() ? Optional.of(sha.getAsString()) : Optional.empty();
    }

    private static Optional<String> sidecarHash(Artifact<?> stage, String text) {
        Matcher m = SIDECAR.matcher(text);
        return m.matches() && m.group(2).equals(stage.fileName())
                ? Optional.of(m.group(1)) : Optional.empty();
    }
}
