package org.sealbook.kernel.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryTest {
    @TempDir
    Path dir;

    private static List<String> inputs(List<History.Entry> entries) {
        return entries.stream().map(History.Entry::input).toList();
    }

    @Test
    void aNewKernelIsANewSessionThatStillSeesEarlierCells() {
        Path file = dir.resolve("sealbook/history.jsonl");
        History first = new History(file);
        assertEquals(1, first.session());
        first.add(1, "int x = 1;", null);
        first.add(2, "x + 1", "2");
        History second = new History(file);
        assertEquals(2, second.session());
        second.add(1, "System.out.println(x)", null);
        assertEquals(List.of("int x = 1;", "x + 1"), inputs(second.range(-1, 1, 0)));
        assertEquals(List.of("System.out.println(x)"), inputs(second.range(0, 1, 0)));
        assertEquals(List.of("x + 1", "System.out.println(x)"), inputs(second.tail(2)));
        assertEquals("2", second.range(1, 2, 3).get(0).output());
    }

    @Test
    void searchMatchesTheWholeInputByGlobNewestLast() {
        History h = new History(dir.resolve("h.jsonl"));
        h.add(1, "System.out.println(1)", null);
        h.add(2, "int y = 2;", null);
        h.add(3, "System.out.println(1)", null);
        h.add(4, "System.out.print(3)", null);
        assertEquals(3, h.search("*print*", 0, false).size());
        assertEquals(List.of("System.out.println(1)", "System.out.print(3)"), inputs(h.search("*print*", 0, true)));
        assertEquals(List.of("System.out.print(3)"), inputs(h.search("System.out.print?3)", 5, false)));
        assertEquals(List.of("System.out.print(3)"), inputs(h.search("*print*", 1, false)));
        assertEquals(List.of(), inputs(h.search("print", 0, false)));
    }

    @Test
    void aLongHistoryStillGivesTheNextSessionNumberAndEveryCell() {
        Path file = dir.resolve("long.jsonl");
        for (int session = 1; session <= 3; session++) {
            History h = new History(file);
            assertEquals(session, h.session());
            for (int line = 1; line <= 400; line++) {
                h.add(line, "String s" + line + " = \"" + "x".repeat(60) + "\";", null);
            }
        }
        History fourth = new History(file);
        assertEquals(4, fourth.session());
        assertEquals(400, fourth.range(-1, 1, 0).size());
        assertEquals(1200, fourth.search("String s*", 0, false).size());
    }
}
