package org.sealbook.toolkit.runs;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * One run's append-only log: one JSON object per line, each written and forced to disk before the run goes on, so
 * a crash or a killed kernel loses at most the step in progress. A run whose log cannot be opened does not start.
 * Usage: {@code try (RunLog log = RunLog.open(file)) { log.append(record); }}
 */
public final class RunLog implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;

    private RunLog(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** Opens {@code file} for appending (making its folders), or refuses with one sentence. */
    public static RunLog open(Path file) {
        try {
            Files.createDirectories(file.getParent());
            return new RunLog(file, FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write the run log " + file + " (" + e.getMessage() + "); make the "
                    + "workspace writable and train again: a run without a log does not start.", e);
        }
    }

    public Path file() {
        return file;
    }

    /** Appends one record as a line and forces it to disk. */
    public synchronized void append(JsonObject record) {
        byte[] line = (record.toString() + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not append to the run log " + file + ": " + e.getMessage()
                    + "; the run stops because its record would be incomplete.", e);
        }
    }

    /** Every record of a log file, in order; a last line cut short by a crash is left out. */
    public static List<JsonObject> read(Path file) {
        List<JsonObject> records = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.isBlank()) {
                    continue;
                }
                try {
                    records.add(JsonParser.parseString(line).getAsJsonObject());
                } catch (RuntimeException partial) {
                    if (i < lines.size() - 1) {
                        throw new IllegalStateException("Line " + (i + 1) + " of the run log " + file + " is not JSON; "
                                + "the log was changed by hand, so train this experiment again.", partial);
                    }
                    // the last line of a log whose writer was killed mid-write: everything before it stands
                }
            }
            return records;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the run log " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not close the run log " + file + ": " + e.getMessage(), e);
        }
    }
}
