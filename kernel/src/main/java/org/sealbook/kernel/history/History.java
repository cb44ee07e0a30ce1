package org.sealbook.kernel.history;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedWriter;
import java.io.IOException;
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

    private final Path file;
    private final List<Entry> entries = new ArrayList<>();
    private final int session;

    public History(Path file) {
        this.file = file;
        int last = 0;
        if (Files.isRegularFile(file)) {
            try {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    Entry e = parse(line);
                    if (e != null) {
                        entries.add(e);
                        last = Math.max(last, e.session());
                    }
                }
            } catch (IOException e) {
                Log.error("Could not read the history file " + file + "; starting with an empty history", e);
            }
        }
        this.session = last + 1;
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
        entries.add(e);
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
        return List.copyOf(entries.subList(Math.max(0, entries.size() - Math.max(0, n)), entries.size()));
    }

    /**
     * Cells of one session with {@code start <= line < stop}. Session 0 is this one and a negative session
     * counts back from it; a stop of 0 or less means to the end.
     */
    public synchronized List<Entry> range(int session, int start, int stop) {
        int wanted = session <= 0 ? this.session + session : session;
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries) {
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
        for (Entry e : entries) {
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

    private static Entry parse(String line) {
        if (line.isBlank()) {
            return null;
        }
        try {
            JsonObject o = JsonParser.parseString(line).getAsJsonObject();
            return new Entry(o.get("session").getAsInt(), o.get("line").getAsInt(), o.get("input").getAsString(),
                    o.has("output") ? o.get("output").getAsString() : null);
        } catch (RuntimeException e) {
            Log.warn("Skipped a damaged line in the history file: " + e.getMessage());
            return null;
        }
    }
}
