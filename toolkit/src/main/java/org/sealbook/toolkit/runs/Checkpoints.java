package org.sealbook.toolkit.runs;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.sealbook.toolkit.models.Model;
import org.sealbook.toolkit.workspace.CanonicalJson;

/**
 * One run's checkpoints: model files that are written once and never replaced, and an append-only index
 * ({@code checkpoints.jsonl}) that says which is the last, which the best by validation loss, and which the final
 * model as scored. A file's name holds its step and the start of its SHA-256, so a run trained again from the start
 * writes new names (or, being deterministic, the very same bytes under the same name), and nothing is overwritten.
 * Every method runs on the run's own training thread.
 * Usage: {@code Checkpoints c = Checkpoints.in(runFolder); c.afterStep(model, step, metrics, false); c.finish(model);}
 *
 * <p>When to write: the best model so far is kept in memory at every step where the validation loss improves, and
 * written together with a "last" checkpoint at the first step, then at most every {@link #SECONDS_BETWEEN} seconds,
 * when the run stops, and at its end. A killed kernel loses at most that many seconds of training.
 */
public final class Checkpoints {
    /** How often a running model is written; a step that ends the run is always written. */
    static final double SECONDS_BETWEEN = 10;
    public static final String LAST = "last";
    public static final String BEST = "best";
    public static final String FINAL = "final";

    /** One indexed checkpoint: its file, the step it holds, what it is, and the run's seconds when it was taken. */
    public record Entry(String file, int step, List<String> kinds, String sha256, double valLoss, double seconds) {
    }

    private final Path folder;
    private final Path index;
    private long lastWrite = -1;
    private int lastWrittenStep = -1;
    private double bestLoss = Double.POSITIVE_INFINITY;
    private byte[] pendingBest;
    private int pendingBestStep;
    private double pendingBestLoss;

    private Checkpoints(Path runFolder) {
        this.folder = runFolder.resolve("checkpoints");
        this.index = runFolder.resolve("checkpoints.jsonl");
    }

    /** The checkpoints of the run whose files live in {@code runFolder}. */
    public static Checkpoints in(Path runFolder) {
        return new Checkpoints(runFolder);
    }

    /** Every indexed checkpoint, oldest first; none when the run never wrote one. */
    public List<Entry> entries() {
        if (!Files.exists(index)) {
            return List.of();
        }
        List<Entry> entries = new ArrayList<>();
        for (JsonObject o : RunLog.read(index)) {
            List<String> kinds = new ArrayList<>();
            for (JsonElement k : o.getAsJsonArray("kinds")) {
                kinds.add(k.getAsString());
            }
            entries.add(new Entry(o.get("file").getAsString(), o.get("step").getAsInt(), List.copyOf(kinds),
                    o.get("sha256").getAsString(), o.has("val_loss") ? o.get("val_loss").getAsDouble() : Double.NaN,
                    o.get("seconds").getAsDouble()));
        }
        return entries;
    }

    /** The newest checkpoint of a kind (LAST, BEST or FINAL). */
    public Optional<Entry> latest(String kind) {
        List<Entry> all = entries();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).kinds().contains(kind)) {
                return Optional.of(all.get(i));
            }
        }
        return Optional.empty();
    }

    /**
     * Restores {@code entry} into a fresh model after checking the file's SHA-256 against the index; a changed or
     * missing file is refused with an IOException naming it.
     */
    public void restore(Entry entry, Model model) throws IOException {
        Path file = folder.resolve(entry.file());
        if (!Files.exists(file)) {
            throw new IOException("The checkpoint " + file + " is missing, though the index lists it.");
        }
        byte[] bytes = Files.readAllBytes(file);
        if (!CanonicalJson.sha256(bytes).equals(entry.sha256())) {
            throw new IOException("The checkpoint " + file + " changed after it was written (tamper detected).");
        }
        model.restore(new ByteArrayInputStream(bytes));
        // go on counting from where the restored run was, so later checkpoints follow it
        lastWrittenStep = entry.step();
        entries().stream().filter(e -> e.kinds().contains(BEST)).mapToDouble(Entry::valLoss)
                .filter(Double::isFinite).min().ifPresent(best -> bestLoss = best);
    }

    /**
     * Called on the training thread after each step: keeps the best model so far, and writes a last checkpoint
     * when one is due or {@code ending} (the run stops or reached its last step).
     */
    public void afterStep(Model model, int step, Map<String, Double> metrics, double seconds, boolean ending)
            throws IOException {
        Double loss = metrics.get("val_loss");
        byte[] now = null;
        if (loss != null && Double.isFinite(loss) && loss < bestLoss) {
            bestLoss = loss;
            now = bytes(model);
            pendingBest = now;
            pendingBestStep = step;
            pendingBestLoss = loss;
        }
        boolean due = lastWrite < 0 || ending || (System.nanoTime() - lastWrite) / 1e9 >= SECONDS_BETWEEN;
        if (due && step > lastWrittenStep) {
            writeLast(now != null ? now : bytes(model), step, metrics, seconds);
        }
    }

    /**
     * After fit: writes what is still only in memory (a best model, the steps after the last checkpoint) and the
     * final model as it will be scored; returns the final entry.
     */
    public Entry finish(Model model, Map<String, Double> metrics, double seconds) throws IOException {
        byte[] scored = bytes(model);
        if (model.stepsDone() > lastWrittenStep) {
            writeLast(scored, model.stepsDone(), metrics, seconds);
        } else {
            writePendingBest(seconds);
        }
        return write(scored, model.stepsDone(), List.of(FINAL), Double.NaN, seconds);
    }

    private void writeLast(byte[] bytes, int step, Map<String, Double> metrics, double seconds) throws IOException {
        boolean alsoBest = pendingBest != null && pendingBestStep == step;
        if (!alsoBest) {
            writePendingBest(seconds);
        }
        Double loss = metrics.get("val_loss");
        write(bytes, step, alsoBest ? List.of(LAST, BEST) : List.of(LAST),
                loss == null ? Double.NaN : loss, seconds);
        if (alsoBest) {
            pendingBest = null;
        }
        lastWrite = System.nanoTime();
        lastWrittenStep = step;
    }

    private void writePendingBest(double seconds) throws IOException {
        if (pendingBest != null) {
            write(pendingBest, pendingBestStep, List.of(BEST), pendingBestLoss, seconds);
            pendingBest = null;
        }
    }

    private Entry write(byte[] bytes, int step, List<String> kinds, double valLoss, double seconds) throws IOException {
        String sha = CanonicalJson.sha256(bytes);
        // the same bytes get the same name: a final model equal to the last checkpoint is one file, indexed twice
        String name = String.format(Locale.ROOT, "step-%06d-%s.model", step, sha.substring(0, 12));
        Files.createDirectories(folder);
        Path file = folder.resolve(name);
        if (!Files.exists(file)) {
            Path temp = Files.createTempFile(folder, name, ".part");
            Files.write(temp, bytes, StandardOpenOption.SYNC);
            try {
                Files.move(temp, file); // no REPLACE_EXISTING: a checkpoint is never overwritten
            } catch (FileAlreadyExistsException sameName) {
                Files.delete(temp); // the same step and hash: the same bytes are already there
            }
        }
        JsonObject record = new JsonObject();
        record.addProperty("file", name);
        record.addProperty("step", step);
        JsonArray kindArray = new JsonArray();
        kinds.forEach(kindArray::add);
        record.add("kinds", kindArray);
        record.addProperty("sha256", sha);
        if (Double.isFinite(valLoss)) {
            record.addProperty("val_loss", valLoss);
        }
        record.addProperty("seconds", seconds);
        try (RunLog log = RunLog.open(index)) {
            log.append(record);
        }
        return new Entry(name, step, kinds, sha, valLoss, seconds);
    }

    private static byte[] bytes(Model model) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        model.save(out);
        return out.toByteArray();
    }
}
