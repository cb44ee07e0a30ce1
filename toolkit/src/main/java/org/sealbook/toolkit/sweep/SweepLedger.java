package org.sealbook.toolkit.sweep;

import com.google.gson.Gson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A sweep's {@code ledger.jsonl}: one JSON line per trial, appended when the trial ends and never rewritten, so the
 * file is the sweep's history even when the kernel dies half-way. Usage: {@code ledger.append(trial);
 * List<Trial> all = SweepLedger.read(file);}
 */
public final class SweepLedger {
    public static final String FILE = "ledger.jsonl";

    private final Path file;
    private final List<Trial> trials = new ArrayList<>();

    /** A fresh ledger in {@code folder}: an earlier sweep's file of the same id is replaced. */
    public static SweepLedger create(Path folder) {
        try {
            Files.createDirectories(folder);
            Files.write(folder.resolve(FILE), new byte[0]);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the sweep's ledger in " + folder
                    + "; make the workspace writable and run the sweep again.", e);
        }
        return new SweepLedger(folder.resolve(FILE));
    }

    private SweepLedger(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    public synchronized void append(Trial trial) throws IOException {
        byte[] line = (new Gson().toJson(trial.toJson()) + "\n").getBytes(StandardCharsets.UTF_8);
        Files.write(file, line, StandardOpenOption.APPEND, StandardOpenOption.SYNC);
        trials.add(trial);
    }

    /** The trials appended so far, in the order they ended. */
    public synchronized List<Trial> trials() {
        return List.copyOf(trials);
    }

    /** Reads a ledger file back, line by line. */
    public static List<Trial> read(Path file) throws IOException {
        List<Trial> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                out.add(Trial.parse(line));
            }
        }
        return out;
    }
}
