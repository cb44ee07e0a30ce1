package org.sealbook.kernel.history;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.sealbook.kernel.Log;
import org.sealbook.kernel.wire.WireCodec;

/**
 * Cells run in this and earlier kernel sessions, kept as one JSON object a line in the user's Jupyter data folder,
 * so {@code history_request} finds yesterday's cells after a restart. Each kernel start is a new session number.
 */
public final class History {
    /** One stored cell: its session, its execution count in that session, the code and its text result. */
    public record Entry(int session, int line, String input, String output) {
    }

    /** Enough of the file's end to hold its last line, for the session number. */
    private static final int TAIL_BYTES = 64 * 1024;

    private final Path file;
    private final int session;
    /** Read on the first query, not at start: a long history must not slow the kernel's start. */
    private List<Entry> entries;

    public History(Path file) {
        this.file = file;
        this.session = lastSession(file) + 1;
    }

    /** The session of the file's last well-formed line, read from its end; 0 for a missing or empty file. */
    private static int lastSession(Path file) {
        if (!Files.isRegularFile(file)) {
            return 0;
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            int tail = (int) Math.min(length, TAIL_BYTES);
            byte[] bytes = new byte[tail];
            raf.seek(length - tail);
            raf.readFully(bytes);
            List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
            for (int i = lines.size() - 1; i >= 0; i--) {
                Entry e = parse(lines.get(i), i == 0 && tail < length);
                if (e != null) {
                    return e.session();
                }
            }
            return tail < length ? loadAll(file).stream().mapToInt(Entry::session).max().orElse(0) : 0;
        } catch (IOException e) {
            Log.error("Could not read the history file " + file + "; numbering this session as if it were empty", e);
            return 0;
        }
    }

    private static List<Entry> loadAll(Path file) {
        List<Entry> all = new ArrayList<>();
        if (Files.isRegularFile(file)) {
            try {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    Entry e = parse(line, false);
                    if (e != null) {
                        all.add(e);
                    }
                }
            } catch (IOException e) {
                Log.error("Could not read the history file " + file + "; only this session's cells are listed", e);
            }
        }
        return all;
    }

    private List<Entry> entries() {
        if (entries == null) {
            entries = loadAll(file);
        }
        return entries;
    }

    /** $JUPYTER_DATA_DIR, else $XDG_DATA_HOME/jupyter, else ~/.local/share/jupyter; then sealbook/history.jsonl. */
    public static Path defaultFile() {
        String dataDir = System.getenv("JUPYTER_DATA_DIR");
        Path base;
        if (dataDir != null && !dataDir.isBlank()) {
            base = Path.of(dataDir);
        } else {
            String xdg = System.getenv("XDG_DATA_HOME");
            base = (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "share"))
                    .resolve("jupyter");
        }
        return base.resolve("sealbook").resolve("history.jsonl");
    }

    public int session() {
        return session;
    }

    /** Records a cell of this session and appends it to the file at once. */
    public synchronized void add(int line, String input, String output) {
        Entry e = new Entry(session, line, input, output);
        if (entries != null) {
            entries.add(e); // once loaded, the list follows the file
        }
        JsonObject o = new JsonObject();
        o.addProperty("session", e.session());
        o.addProperty("line", e.line());
        o.addProperty("input", e.input());
        if (output != null) {
            o.addProperty("output", output);
        }
        try {
            Files.createDirectories(file.getParent());
            try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                w.write(WireCodec.GSON.toJson(o));
                w.write('\n');
            }
        } catch (IOException ex) {
            Log.error("Could not append to the history file " + file + "; this cell is kept for this session only", ex);
        }
    }

    /** The last {@code n} cells, oldest first. */
    public synchronized List<Entry> tail(int n) {
        List<Entry> all = entries();
        return List.copyOf(all.subList(Math.max(0, all.size() - Math.max(0, n)), all.size()));
    }

    /**
     * Cells of one session with {@code start <= line < stop}. Session 0 is this one and a negative session
     * counts back from it; a stop of 0 or less means to the end.
     */
    public synchronized List<Entry> range(int session, int start, int stop) {
        int wanted = session <= 0 ? this.session + session : session;
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries()) {
            if (e.session() == wanted && e.line() >= start && (stop <= 0 || e.line() < stop)) {
                out.add(e);
            }
        }
        return out;
    }

    /** The newest {@code n} cells whose whole input matches the glob ({@code *}, {@code ?}), oldest first. */
    public synchronized List<Entry> search(String glob, int n, boolean unique) {
        Pattern p = globToRegex(glob);
        Map<String, Entry> byInput = new LinkedHashMap<>();
        List<Entry> all = new ArrayList<>();
        for (Entry e : entries()) {
            if (p.matcher(e.input()).matches()) {
                if (unique) {
                    byInput.remove(e.input());
                    byInput.put(e.input(), e);
                } else {
                    all.add(e);
                }
            }
        }
        List<Entry> matches = unique ? new ArrayList<>(byInput.values()) : all;
        return n > 0 ? List.copyOf(matches.subList(Math.max(0, matches.size() - n), matches.size())) : matches;
    }

    static Pattern globToRegex(String glob) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }

    /** One line of the file, or null for a blank or damaged one ({@code maybeCut}: the first line of a tail read). */
    private static Entry parse(String line, boolean maybeCut) {
        if (line.isBlank()) {
            return null;
        }
        try {
            JsonObject o = JsonParser.parseString(line).getAsJsonObject();
            return new Entry(o.get("session").getAsInt(), o.get("line").getAsInt(), o.get("input").getAsString(),
                    o.has("output") ? o.get("output").getAsString() : null);
        } catch (RuntimeException e) {
            if (!maybeCut) {
                Log.warn("Skipped a damaged line in the history file: " + e.getMessage());
            }
            return null;
        }
    }
}
