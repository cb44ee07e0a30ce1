package org.sealbook.kernel.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** history_request over the cells of this kernel and of a kernel that ran before it in the same data folder. */
@ExtendWith(KernelLogOnFailure.class)
class HistoryTest {
    private static final List<String> CELLS = List.of(
            "int h = 1;",
            "System.out.println(\"printed \" + h);",
            "h + 1",
            "h + 1",
            "String.valueOf(h).length()");

    @TempDir
    static Path dataDir;
    private static KernelClient client;

    /** One history row: session, line, input and (when asked for) output. */
    private record Row(int session, int line, String input, String output) {
    }

    @BeforeAll
    static void start() {
        client = KernelClient.launch(KernelProcess.Options.defaults().withDataDir(dataDir));
        CELLS.forEach(client::execute);
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    @Test
    void tailGivesTheLastCellsOldestFirst() {
        List<Row> rows = history(client, query("tail", "n", 3));

        assertEquals(List.of(3, 4, 5), rows.stream().map(Row::line).toList());
        assertEquals(CELLS.subList(2, 5), rows.stream().map(Row::input).toList());
        assertEquals(1, rows.stream().map(Row::session).distinct().count(), "one session: " + rows);
    }

    @Test
    void outputIsTheTextOfTheResult() {
        JsonObject q = query("tail", "n", 3);
        q.addProperty("output", true);
        List<Row> rows = history(client, q);

        assertEquals("2", rows.get(0).output(), "h + 1 gave 2: " + rows);
        assertEquals("1", rows.get(2).output(), "the length of \"1\": " + rows);
    }

    @Test
    void rangeSelectsLinesOfThisSession() {
        JsonObject q = query("range", "session", 0);
        q.addProperty("start", 2);
        q.addProperty("stop", 4);
        List<Row> rows = history(client, q);

        assertEquals(List.of(2, 3), rows.stream().map(Row::line).toList());
        assertEquals(CELLS.subList(1, 3), rows.stream().map(Row::input).toList());
    }

    @Test
    void searchMatchesWholeInputsWithGlobs() {
        List<Row> printing = history(client, search("*print*", false, 0));
        assertEquals(List.of(CELLS.get(1)), printing.stream().map(Row::input).toList());

        List<Row> exact = history(client, search("h + ?", false, 0));
        assertEquals(List.of(3, 4), exact.stream().map(Row::line).toList(), "both runs of h + 1");

        List<Row> none = history(client, search("print*", false, 0));
        assertEquals(List.of(), none, "the glob must match the whole input");
    }

    @Test
    void searchWithUniqueKeepsTheNewestOfEqualInputs() {
        List<Row> rows = history(client, search("h + 1", true, 0));
        assertEquals(List.of(4), rows.stream().map(Row::line).toList());
    }

    @Test
    void searchWithNKeepsTheNewestMatches() {
        List<Row> rows = history(client, search("*", false, 2));
        assertEquals(List.of(4, 5), rows.stream().map(Row::line).toList());
    }

    @Test
    void aRestartedKernelFindsTheCellsOfThePreviousOne(@TempDir Path ownDataDir) {
        KernelProcess.Options options = KernelProcess.Options.defaults().withDataDir(ownDataDir);
        int firstSession;
        try (KernelClient first = KernelClient.launch(options)) {
            first.execute("int before = 7;");
            first.execute("before * 6");
            firstSession = history(first, query("tail", "n", 1)).get(0).session();
            JsonObject shutdown = new JsonObject();
            shutdown.addProperty("restart", true);
            first.request(Channel.CONTROL, "shutdown_request", shutdown);
        }
        assertTrue(Files.isRegularFile(ownDataDir.resolve("sealbook").resolve("history.jsonl")), "history is kept in JUPYTER_DATA_DIR");

        try (KernelClient second = KernelClient.launch(options)) {
            second.execute("int after = 1;");

            List<Row> previous = history(second, query("range", "session", -1));
            assertEquals(List.of("int before = 7;", "before * 6"), previous.stream().map(Row::input).toList());
            assertTrue(previous.stream().allMatch(r -> r.session() == firstSession), "rows of the first session: " + previous);

            List<Row> tail = history(second, query("tail", "n", 10));
            assertEquals(List.of("int before = 7;", "before * 6", "int after = 1;"), tail.stream().map(Row::input).toList());
            assertNotEquals(firstSession, tail.get(2).session(), "a new kernel is a new session");
            assertEquals(1, tail.get(2).line(), "a new kernel counts from 1");
        }
    }

    private static JsonObject query(String access, String key, int value) {
        JsonObject q = new JsonObject();
        q.addProperty("hist_access_type", access);
        q.addProperty("output", false);
        q.addProperty("raw", true);
        q.addProperty(key, value);
        return q;
    }

    private static JsonObject search(String pattern, boolean unique, int n) {
        JsonObject q = query("search", "n", n);
        q.addProperty("pattern", pattern);
        q.addProperty("unique", unique);
        return q;
    }

    private static List<Row> history(KernelClient c, JsonObject query) {
        Exchange e = c.request(Channel.SHELL, "history_request", query);
        assertEquals("ok", e.status(), "history_reply: " + e.reply());
        List<Row> rows = new ArrayList<>();
        for (JsonElement el : e.reply().content().getAsJsonArray("history")) {
            JsonArray row = el.getAsJsonArray();
            JsonElement io = row.get(2);
            rows.add(io.isJsonArray()
                    ? new Row(row.get(0).getAsInt(), row.get(1).getAsInt(), io.getAsJsonArray().get(0).getAsString(),
                            io.getAsJsonArray().get(1).isJsonNull() ? null : io.getAsJsonArray().get(1).getAsString())
                    : new Row(row.get(0).getAsInt(), row.get(1).getAsInt(), io.getAsString(), null));
        }
        return rows;
    }
}
