package org.sealbook.kernel.magic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import org.junit.jupiter.api.Test;

class CellPartsTest {
    @Test
    void lineMagicsSplitTheCodeAroundThemAndKeepLineNumbers() {
        List<CellParts.Part> parts = CellParts.parse("int x = 1;\n%time x + 1\n\nx * 2\n");
        assertEquals(3, parts.size());
        assertEquals(new CellParts.Code("int x = 1;\n", 1), parts.get(0));
        assertEquals(new CellParts.LineMagic("time", "x + 1", 2), parts.get(1));
        assertEquals(new CellParts.Code("\nx * 2\n\n", 3), parts.get(2)); // the evaluator skips the blank line itself
    }

    @Test
    void aCellMagicOnTheFirstLineOwnsTheWholeCell() {
        List<CellParts.Part> parts = CellParts.parse("\n%%html  --x\n<b>hi</b>\n%not a magic");
        CellParts.CellMagic m = assertInstanceOf(CellParts.CellMagic.class, parts.get(0));
        assertEquals("html", m.name());
        assertEquals("--x", m.args());
        assertEquals("<b>hi</b>\n%not a magic", m.body());
        assertEquals(2, m.line());
    }

    @Test
    void plainJavaIsOnePart() {
        assertEquals(List.of(new CellParts.Code("int a = 5 % 2;\n", 1)), CellParts.parse("int a = 5 % 2;"));
    }
}
