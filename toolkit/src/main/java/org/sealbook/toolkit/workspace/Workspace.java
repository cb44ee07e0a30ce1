package org.sealbook.toolkit.workspace;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.sealbook.toolkit.schema.JsonSchema;

/**
 * The project folder that holds each stage's sealed decision as canonical JSON, a sidecar with
 * its SHA-256, and a git history with one commit per seal.
 */
public final class Workspace {
    /** The folder name used beside the notebook when the user picks none. */
    public static final String DEFAULT_FOLDER = "sealbook-project";
    private static final Map<Path, Object> SEALING = new ConcurrentHashMap<>();

    private final Path folder;
    private final History history;
    private final Gate gate;

    private Workspace(Path folder, History history) {
        this.folder = folder;
        this.history = history;
        this.gate = new Gate(folder, history);
    }

    /** Opens the workspace in {@code dir}, making the folder and its git repository if missing. */
    public static Workspace open(Path dir) {
        if (dir == null) {
            throw new IllegalArgumentException("There is no workspace path; pass a folder, for example "
                    + DEFAULT_FOLDER + ".");
        }
        Path folder = dir.toAbsolutePath().normalize();
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new WorkspaceException("The workspace path " + folder + " is a file, not a folder; "
                    + "pick another folder (%workspace PATH in a notebook, useWorkspace(\"PATH\") in JShell), or move the file "
                    + "away.");
        }
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new WorkspaceException("Could not make the workspace folder " + folder + "; check "
                    + "that its parent is writable, or pick another folder (%workspace PATH in a notebook, "
                    + "useWorkspace(\"PATH\") in JShell).", e);
        }
        return new Workspace(folder, History.open(folder));
    }

    /** The workspace folder, absolute. */
    public Path folder() {
        return folder;
    }

    /** Where {@code artifact}'s file lives (whether or not it exists yet). */
    public Path file(Artifact<?> artifact) {
        return folder.resolve(artifact.fileName());
    }

    /**
     * Checks {@code upTo} and every record it is built on: each must be sealed, unchanged since, and built on the
     * current seal of the one before it. Throws {@link StageRefused} with the sentence to show, naming stages
     * through {@code names} on behalf of {@code requester}, the stage that wants to run. Returns the records
     * decoded, so a stage reads what it builds on in the same pass; none when {@code upTo} is null.
     */
    public Records verify(String requester, Artifact<?> upTo, StageNames names) {
        if (upTo == null) {
            return Records.none();
        }
        List<Artifact<?>> chain = upTo.chain();
        List<JsonObject> artifacts = gate.verify(requester, chain, names);
        Map<Artifact<?>, Object> records = new LinkedHashMap<>();
        for (int i = 0; i < chain.size(); i++) {
            records.put(chain.get(i), decode(chain.get(i), artifacts.get(i), names));
        }
        return new Records(records);
    }

    /** The record {@code artifact} holds, after checking it and every record it is built on. */
    public <R> R read(String requester, Artifact<R> artifact, StageNames names) {
        return verify(requester, artifact, names).get(artifact);
    }

    /**
     * The record in {@code artifact}'s file as it is, not verified, or empty when there is none: for the one case
     * where an earlier record must carry over even though it went stale (the test rows' single use).
     */
    public <R> Optional<R> peek(Artifact<R> artifact, StageNames names) {
        Path file = file(artifact);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonObject whole = com.google.gson.JsonParser.parseString(Files.readString(file)).getAsJsonObject();
            return Optional.of(decode(artifact, whole, names));
        } catch (IOException | RuntimeException e) {
            throw new StageRefused("tamper detected: " + file + " cannot be read as " + artifact.title() + " ("
                    + e.getMessage() + "); the sealed version is in the workspace's git history.", e);
        }
    }

    private <R> R decode(Artifact<R> artifact, JsonObject whole, StageNames names) {
        Path file = file(artifact);
        if (!whole.has("decision") || !whole.get("decision").isJsonObject()) {
            throw new StageRefused(file + " holds no decision object; run " + names.stage(artifact.producer())
                    + " again to seal a fresh one.");
        }
        JsonObject decision = whole.getAsJsonObject("decision");
        List<String> problems = artifact.codec().problems(decision);
        if (!problems.isEmpty()) {
            throw new StageRefused(file + " matches its seal but not the shape of " + artifact.title() + " ("
                    + problems.get(0) + "); run " + names.stage(artifact.producer()) + " again to seal a fresh one.");
        }
        try {
            return artifact.codec().read(decision.deepCopy());
        } catch (RuntimeException e) {
            throw new StageRefused(file + " matches its seal but cannot be read as " + artifact.title() + " ("
                    + e.getMessage() + "); run " + names.stage(artifact.producer()) + " again to seal a fresh one.", e);
        }
    }

    /**
     * Seals {@code record} as {@code artifact}'s file: verifies the records it is built on first and writes nothing
     * if that is refused, then writes the file and its sidecar and commits both, with {@code attachments} (paths
     * inside the workspace -> bytes, e.g. a hypothesis's split files; the record should hold their hashes so the
     * seal covers them).
     */
    public <R> Sealed seal(Artifact<R> artifact, R record, Instant now, Map<String, byte[]> attachments,
                           StageNames names) {
        if (record == null || now == null) {
            throw new IllegalArgumentException("Sealing " + artifact.title() + " needs a record and a time; pass both.");
        }
        JsonObject decision = artifact.codec().write(record);
        // a record that breaks its schema is a fault in the stage that wrote it: it is never sealed
        artifact.codec().check(decision, "Not sealing " + artifact.fileName());
        // One seal at a time per folder: threads of this JVM wait on the folder's monitor, other processes
        // (a second kernel, a jshell) on a file lock, so a chain is never verified by one and changed by another.
        synchronized (SEALING.computeIfAbsent(folder, f -> new Object())) {
            try (FileChannel lockFile = FileChannel.open(folder.resolve(".git").resolve("sealbook.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock lock = lockFile.lock()) {
                return sealLocked(artifact, decision, now, attachments, names);
            } catch (IOException e) {
                throw new WorkspaceException("Could not lock " + folder + " for sealing, so nothing was written; "
                        + "check that the folder is writable and run " + names.stage(artifact.producer()) + " again.", e);
            }
        }
    }

    private Sealed sealLocked(Artifact<?> stage, JsonObject decision, Instant now, Map<String, byte[]> attachments,
                              StageNames names) {
        Optional<Artifact<?>> before = stage.predecessor();
        before.ifPresent(b -> gate.verify(stage.producer(), b.chain(), names));
        JsonObject artifact = new JsonObject();
        artifact.addProperty("stage", stage.id());
        artifact.addProperty("sealed_at", now.toString());
        if (before.isPresent()) {
            JsonObject predecessor = new JsonObject();
            predecessor.addProperty("stage", before.get().id());
            predecessor.addProperty("sha256", currentHash(before.get().fileName()).orElseThrow());
            artifact.add("predecessor", predecessor);
        }
        artifact.add("decision", decision);
        JsonSchema.named("artifact").check(artifact, "Not sealing " + stage.fileName());
        // Canonical bytes are computed before any write, so a value JSON cannot hold writes nothing.
        byte[] bytes = CanonicalJson.bytes(artifact);
        String hash = CanonicalJson.sha256(bytes);
        byte[] sidecar = (hash + "  " + stage.fileName() + "\n").getBytes(StandardCharsets.UTF_8);

        Map<String, byte[]> files = new LinkedHashMap<>(attachments); // first, so the artifact lands last
        files.put(stage.fileName(), bytes);
        files.put(stage.sidecarName(), sidecar);
        Map<String, Optional<byte[]>> previous = snapshot(files.keySet());
        try {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                writeAtomically(file.getKey(), file.getValue());
            }
            List<String> stale = staleAfter(stage);
            history.commit(List.copyOf(files.keySet()), message(stage, hash, now, stale));
            return new Sealed(stage, stage.fileName(), hash, now, stale);
        } catch (IOException | GitAPIException e) {
            WorkspaceException failure = new WorkspaceException("Could not seal " + stage.title()
                    + " in " + folder + ", so the previous seal was put back; check that the folder "
                    + "is writable and run " + names.stage(stage.producer()) + " again.", e);
            restore(previous, failure);
            throw failure;
        }
    }

    /** The branch that holds the sealed plan's commit. */
    public static final String EXPERIMENTS_BRANCH = "sealbook/experiments";

    /** The branch where %train commits one experiment's results, e.g. sealbook/exp/b1a2b3c4/exp_003. */
    public static String experimentBranch(String batch, String experiment) {
        return "sealbook/exp/" + batch + "/" + experiment;
    }

    /**
     * Points {@link #EXPERIMENTS_BRANCH} at the commit that sealed the plan (the current one) and gives every
     * experiment a branch there, so each run's results can be committed apart and the winner merged later.
     * The checked-out branch does not change.
     */
    public void branchExperiments(String batch, List<String> experiments, StageNames names) {
        try {
            history.branchAtHead(EXPERIMENTS_BRANCH);
            for (String experiment : experiments) {
                history.branchAtHead(experimentBranch(batch, experiment));
            }
        } catch (IOException | GitAPIException e) {
            throw new WorkspaceException("Could not make the experiment branches in " + folder
                    + "; check that the folder is writable and run " + names.stage("design_experiments") + " again.", e);
        }
    }

    /**
     * Gives one run its experiment branch at the current commit (a sweep's trial, made as the sweep proposes it),
     * leaving {@link #EXPERIMENTS_BRANCH} and the checked-out branch as they are.
     */
    public void branchExperiment(String batch, String experiment, StageNames names) {
        try {
            history.branchAtHead(experimentBranch(batch, experiment));
        } catch (IOException | GitAPIException e) {
            throw new WorkspaceException("Could not make the branch of " + experiment + " in " + folder
                    + "; check that the folder is writable and run " + names.stage("sweep") + " again.", e);
        }
    }

    /**
     * Records {@code files} (paths relative to the workspace -> bytes) as a commit on experiment branch
     * {@code batch}/{@code experiment} without checking it out; returns the commit id.
     */
    public String commitOnExperimentBranch(String batch, String experiment, Map<String, byte[]> files, String message) {
        try {
            return history.commitOnBranch(experimentBranch(batch, experiment), files, message);
        } catch (IOException e) {
            throw new WorkspaceException("Could not record the results of " + experiment + " on its branch in " + folder
                    + "; check that the folder is writable. The results are still in its log file.", e);
        }
    }

    /** The tag a promoted experiment gets, e.g. promoted/exp_003. */
    public static String promotedTag(String experiment) {
        return "promoted/" + experiment;
    }

    /**
     * Merges the experiment's branch (with its results) into {@link #EXPERIMENTS_BRANCH} and tags the merge
     * {@link #promotedTag}, moving that tag if an earlier promotion of the same id set it (the earlier merge stays in
     * the branch's history); HEAD and the working tree stay as they are. Returns the tagged commit.
     */
    public String promote(String batch, String experiment) {
        try {
            return history.mergeAndTag(EXPERIMENTS_BRANCH, experimentBranch(batch, experiment), promotedTag(experiment),
                    "Promote " + experiment + " of batch " + batch + ": the report's recommended model");
        } catch (IOException e) {
            throw new WorkspaceException("Could not promote " + experiment + " in " + folder + ": " + e.getMessage(), e);
        }
    }

    /**
     * The ids of the sealed records that exist but no longer rest on the current seals, nearest the start first:
     * read from the files themselves, which name the record they are built on and its hash.
     */
    public List<String> stale() {
        Map<String, JsonObject> predecessors = new LinkedHashMap<>();
        try (var files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                String id = file.getFileName().toString().replaceFirst("\\.json$", "");
                if (!Files.isRegularFile(folder.resolve(id + ".json.sha256"))) {
                    continue; // not a sealed record (the dashboard, a figure's data)
                }
                predecessors.put(id, recordedPredecessor(file));
            }
        } catch (IOException e) {
            throw new WorkspaceException("Could not list " + folder + "; check the folder's permissions.", e);
        }
        List<String> stale = new ArrayList<>();
        boolean changed = true;
        while (changed) { // a record built on a stale one is stale too
            changed = false;
            for (Map.Entry<String, JsonObject> e : predecessors.entrySet()) {
                JsonObject before = e.getValue();
                if (before == null || stale.contains(e.getKey())) {
                    continue;
                }
                String on = before.has("stage") ? before.get("stage").getAsString() : "";
                Optional<String> recorded = before.has("sha256") ? Optional.of(before.get("sha256").getAsString())
                        : Optional.empty();
                if (stale.contains(on) || recorded.isEmpty() || !recorded.equals(currentHash(on + ".json"))) {
                    stale.add(e.getKey());
                    changed = true;
                }
            }
        }
        stale.sort(java.util.Comparator.comparingInt(id -> depth(id, predecessors)));
        return stale;
    }

    private static int depth(String id, Map<String, JsonObject> predecessors) {
        int depth = 0;
        for (String at = id; predecessors.get(at) != null && depth < predecessors.size(); depth++) {
            JsonObject before = predecessors.get(at);
            at = before.has("stage") ? before.get("stage").getAsString() : "";
        }
        return depth;
    }

    private List<String> staleAfter(Artifact<?> sealed) {
        return stale().stream().filter(id -> !id.equals(sealed.id())).toList();
    }

    private Optional<String> currentHash(String fileName) {
        try {
            return gate.currentHash(fileName);
        } catch (IOException e) {
            throw new WorkspaceException("Could not read " + folder.resolve(fileName) + "; check the file's "
                    + "permissions.", e);
        }
    }

    /** The {stage, sha256} an artifact file records it was built on; null for a first record. */
    private static JsonObject recordedPredecessor(Path file) {
        try {
            JsonObject artifact = com.google.gson.JsonParser.parseString(Files.readString(file)).getAsJsonObject();
            return artifact.has("predecessor") && artifact.get("predecessor").isJsonObject()
                    ? artifact.getAsJsonObject("predecessor") : null;
        } catch (IOException | RuntimeException e) {
            // an unreadable record cannot be shown to rest on anything: it counts as stale
            JsonObject unknown = new JsonObject();
            unknown.addProperty("stage", "");
            return unknown;
        }
    }

    private static String message(Artifact<?> stage, String hash, Instant now, List<String> stale) {
        StringBuilder text = new StringBuilder("Seal ").append(stage.id()).append(' ').append(hash)
                .append("\n\nsealed at ").append(now).append('\n');
        if (!stale.isEmpty()) {
            text.append("made stale: ").append(stale).append('\n');
        }
        return text.toString();
    }

    private Map<String, Optional<byte[]>> snapshot(Iterable<String> names) {
        Map<String, Optional<byte[]>> previous = new LinkedHashMap<>();
        for (String name : names) {
            Path file = folder.resolve(name);
            try {
                previous.put(name, Files.isRegularFile(file)
                        ? Optional.of(Files.readAllBytes(file)) : Optional.empty());
            } catch (IOException e) {
                throw new WorkspaceException("Could not read " + file + " before replacing it; "
                        + "check the file's permissions.", e);
            }
        }
        return previous;
    }

    private void restore(Map<String, Optional<byte[]>> previous, Exception failure) {
        for (Map.Entry<String, Optional<byte[]>> entry : previous.entrySet()) {
            try {
                if (entry.getValue().isPresent()) {
                    writeAtomically(entry.getKey(), entry.getValue().get());
                } else {
                    Files.deleteIfExists(folder.resolve(entry.getKey()));
                }
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
    }

    private void writeAtomically(String name, byte[] bytes) throws IOException {
        Path target = folder.resolve(name);
        Files.createDirectories(target.getParent());
        replaceFile(target, bytes);
    }

    /**
     * Writes a file by a temp file in the same folder and a rename, so a reader (another cell, another process, a
     * test) sees the old file or the new one, never a half-written one. The one way the toolkit replaces a file.
     */
    public static void replaceFile(Path target, byte[] bytes) throws IOException {
        Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".tmp");
        try {
            Files.write(temp, bytes);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
