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
                    + "pick a folder with %workspace PATH, or move the file away.");
        }
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new WorkspaceException("Could not make the workspace folder " + folder + "; check "
                    + "that its parent is writable, or pick another with %workspace PATH.", e);
        }
        return new Workspace(folder, History.open(folder));
    }

    /** The workspace folder, absolute. */
    public Path folder() {
        return folder;
    }

    /** Where {@code stage}'s artifact lives (whether or not it exists yet). */
    public Path artifact(Stage stage) {
        return folder.resolve(stage.artifactName());
    }

    /**
     * Checks every stage before {@code stage}: each must be sealed, unchanged since, and built on
     * the current seal of the one before it. Throws {@link StageRefused} with the sentence to show.
     * Returns the decisions it checked, so a stage reads what it builds on in the same pass.
     */
    public Map<Stage, JsonObject> verifyBefore(Stage stage) {
        return decisions(stage, stage.earlier());
    }

    /** The decision {@code stage} sealed, after checking it and every stage before it. */
    public JsonObject decision(Stage stage) {
        List<Stage> chain = new ArrayList<>(stage.earlier());
        chain.add(stage);
        return decisions(stage, chain).get(stage);
    }

    private Map<Stage, JsonObject> decisions(Stage requester, List<Stage> chain) {
        List<JsonObject> artifacts = gate.verify(requester, chain);
        Map<Stage, JsonObject> decisions = new LinkedHashMap<>();
        for (int i = 0; i < chain.size(); i++) {
            Stage stage = chain.get(i);
            JsonObject artifact = artifacts.get(i);
            if (!artifact.has("decision") || !artifact.get("decision").isJsonObject()) {
                throw new StageRefused(requester, artifact(stage) + " holds no decision object; run "
                        + stage.magic() + " again to seal a fresh one.");
            }
            decisions.put(stage, artifact.getAsJsonObject("decision").deepCopy());
        }
        return decisions;
    }

    /**
     * Seals {@code decision} as {@code stage}'s artifact: verifies the chain first and writes
     * nothing if it is refused, then writes the artifact and its sidecar and commits both.
     */
    public Sealed seal(Stage stage, JsonObject decision, Instant now) {
        return seal(stage, decision, now, Map.of());
    }

    /**
     * Seals as above, writing and committing {@code attachments} (paths inside the workspace -> bytes) with the
     * artifact, e.g. a hypothesis's split files; the decision should record their hashes so the seal covers them.
     */
    public Sealed seal(Stage stage, JsonObject decision, Instant now, Map<String, byte[]> attachments) {
        if (decision == null || now == null) {
            throw new IllegalArgumentException("Sealing " + stage.title() + " needs a decision and a "
                    + "time; pass both.");
        }
        // One seal at a time per folder: threads of this JVM wait on the folder's monitor, other processes
        // (a second kernel, a jshell) on a file lock, so a chain is never verified by one and changed by another.
        synchronized (SEALING.computeIfAbsent(folder, f -> new Object())) {
            try (FileChannel lockFile = FileChannel.open(folder.resolve(".git").resolve("sealbook.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock lock = lockFile.lock()) {
                return sealLocked(stage, decision, now, attachments);
            } catch (IOException e) {
                throw new WorkspaceException("Could not lock " + folder + " for sealing, so nothing was written; "
                        + "check that the folder is writable and run " + stage.magic() + " again.", e);
            }
        }
    }

    private Sealed sealLocked(Stage stage, JsonObject decision, Instant now, Map<String, byte[]> attachments) {
        verifyBefore(stage);
        JsonObject artifact = new JsonObject();
        artifact.addProperty("stage", stage.id());
        artifact.addProperty("sealed_at", now.toString());
        Optional<Stage> before = stage.predecessor();
        if (before.isPresent()) {
            JsonObject predecessor = new JsonObject();
            predecessor.addProperty("stage", before.get().id());
            predecessor.addProperty("sha256", currentHash(before.get()).orElseThrow());
            artifact.add("predecessor", predecessor);
        }
        artifact.add("decision", decision.deepCopy());
        // Canonical bytes are computed before any write, so a value JSON cannot hold writes nothing.
        byte[] bytes = CanonicalJson.bytes(artifact);
        String hash = CanonicalJson.sha256(bytes);
        byte[] sidecar = (hash + "  " + stage.artifactName() + "\n").getBytes(StandardCharsets.UTF_8);

        Map<String, byte[]> files = new LinkedHashMap<>(attachments); // first, so the artifact lands last
        files.put(stage.artifactName(), bytes);
        files.put(stage.sidecarName(), sidecar);
        Map<String, Optional<byte[]>> previous = snapshot(files.keySet());
        try {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                writeAtomically(file.getKey(), file.getValue());
            }
            List<Stage> stale = staleAfter(stage);
            history.commit(List.copyOf(files.keySet()), message(stage, hash, now, stale));
            return new Sealed(stage, stage.artifactName(), hash, now, stale);
        } catch (IOException | GitAPIException e) {
            WorkspaceException failure = new WorkspaceException("Could not seal " + stage.title()
                    + " in " + folder + ", so the previous seal was put back; check that the folder "
                    + "is writable and run " + stage.magic() + " again.", e);
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
    public void branchExperiments(String batch, List<String> experiments) {
        try {
            history.branchAtHead(EXPERIMENTS_BRANCH);
            for (String experiment : experiments) {
                history.branchAtHead(experimentBranch(batch, experiment));
            }
        } catch (IOException | GitAPIException e) {
            throw new WorkspaceException("Could not make the experiment branches in " + folder
                    + "; check that the folder is writable and run %design_experiments again.", e);
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

    /** The later stages whose artifacts exist but no longer rest on the current seals. */
    public List<Stage> stale() {
        List<Stage> stale = new ArrayList<>();
        for (Stage stage : Stage.values()) {
            stage.predecessor().ifPresent(before -> {
                if (!Files.isRegularFile(artifact(stage))) {
                    return;
                }
                boolean brokenEarlier = !stale.isEmpty() || !Files.isRegularFile(artifact(before));
                Optional<String> built = recordedPredecessor(stage);
                if (brokenEarlier || built.isEmpty() || !built.equals(currentHash(before))) {
                    stale.add(stage);
                }
            });
        }
        return stale;
    }

    private List<Stage> staleAfter(Stage sealed) {
        return stale().stream().filter(s -> s.ordinal() > sealed.ordinal()).toList();
    }

    private Optional<String> currentHash(Stage stage) {
        try {
            return gate.currentHash(stage);
        } catch (IOException e) {
            throw new WorkspaceException("Could not read " + artifact(stage) + "; check the file's "
                    + "permissions.", e);
        }
    }

    private Optional<String> recordedPredecessor(Stage stage) {
        try {
            return gate.recordedPredecessor(stage);
        } catch (IOException e) {
            throw new WorkspaceException("Could not read " + artifact(stage) + "; check the file's "
                    + "permissions.", e);
        }
    }

    private static String message(Stage stage, String hash, Instant now, List<Stage> stale) {
        StringBuilder text = new StringBuilder("Seal ").append(stage.id()).append(' ').append(hash)
                .append("\n\nsealed at ").append(now).append('\n');
        if (!stale.isEmpty()) {
            text.append("made stale: ").append(stale.stream().map(Stage::id).toList()).append('\n');
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
        // A temp file in the same folder, then a rename: a reader sees the old file or the new one.
        Path target = folder.resolve(name);
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".tmp");
        try {
            Files.write(temp, bytes);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
