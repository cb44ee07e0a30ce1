package org.sealbook.kernel.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The evaluator in-process: the fast tier, with no kernel and no sockets. */
class EvaluatorTest {
    static Evaluator evaluator;

    @BeforeAll
    static void start() {
        evaluator = new Evaluator();
    }

    @Test
    void lastExpressionIsTheResultAsAnObject() throws CellError {
        Evaluator.Outcome o = evaluator.eval("int a = 20;\nList<Integer> xs = List.of(a, 22);\nxs", "cell [1]", 1);
        assertTrue(o.hasValue());
        assertEquals(List.of(20, 22), o.value());
        assertEquals(42, evaluator.eval("a + 22", "cell [2]", 1).value());
    }

    @Test
    void expressionValuesDoNotPileUpForLaterCellsToCompile() throws CellError {
        long before = evaluator.jshell().variables().count();
        for (int i = 0; i < 20; i++) {
            assertEquals(i + 1, evaluator.eval(i + " + 1", "cell", 1).value());
        }
        evaluator.eval("int kept = 7;", "cell", 1);
        // JShell would keep each value as $1, $2, ..., imported into every later cell: only the declared one stays
        assertEquals(before + 1, evaluator.jshell().variables().count());
        assertEquals(8, evaluator.eval("kept + 1", "cell", 1).value());
    }

    @Test
    void aTrailingSemicolonHidesTheResult() throws CellError {
        assertFalse(evaluator.eval("\"quiet\".length();", "cell", 1).hasValue());
        assertFalse(evaluator.eval("int b = 3;", "cell", 1).hasValue());
    }

    @Test
    void errorsNameTheCellLineTheUserWrote() {
        CellError compile = assertThrows(CellError.class,
                () -> evaluator.eval("int c = 1;\nint d = 2;\nint e = undefinedName;", "cell [7]", 1));
        assertEquals("CompileError", compile.name());
        assertTrue(compile.traceback().get(0).contains("cell [7] line 3"), compile.traceback().toString());

        CellError runtime = assertThrows(CellError.class,
                () -> evaluator.eval("int f = 1;\nint g = f / 0;", "cell [8]", 1));
        assertEquals("java.lang.ArithmeticException", runtime.name());
        assertTrue(runtime.traceback().contains("    at cell [8] line 2"), runtime.traceback().toString());
    }

    @Test
    void stackTracesThroughAnEarlierCellPointThere() throws CellError {
        evaluator.eval("void boom() {\n    throw new IllegalStateException(\"boom\");\n}", "cell [3]", 1);
        CellError e = assertThrows(CellError.class, () -> evaluator.eval("boom()", "cell [4]", 1));
        assertEquals("boom", e.value());
        assertTrue(e.traceback().stream().anyMatch(l -> l.contains("boom (cell [3] line 2)")), e.traceback().toString());
        assertTrue(e.traceback().stream().anyMatch(l -> l.contains("cell [4] line 1")), e.traceback().toString());
    }

    @Test
    void completenessForAConsole() {
        Analysis a = evaluator.analysis();
        assertEquals("complete", a.isComplete("int x = 1;").status());
        assertEquals("complete", a.isComplete("").status());
        Analysis.Completeness open = a.isComplete("for (int i = 0; i < 3; i++) {\n  if (i > 1) {");
        assertEquals("incomplete", open.status());
        assertEquals("        ", open.indent());
        assertEquals("invalid", a.isComplete("int x = 1; )").status());
    }

    @Test
    void completionStartsAtTheWordBeingTyped() {
        String code = "int n = 1;\nSystem.out.pri";
        Analysis.Completion c = evaluator.analysis().complete(code, code.length());
        assertTrue(c.matches().contains("println("), c.matches().toString());
        assertEquals(code.indexOf("pri"), c.start());
        assertEquals(code.length(), c.end());
    }

    @Test
    void inspectionGivesTheSignature() {
        List<Analysis.Documentation> docs = evaluator.analysis().inspect("Math.max", 8, false);
        assertTrue(docs.stream().anyMatch(d -> d.signature().contains("max(")), docs.toString());
        assertTrue(evaluator.analysis().inspect("qqq", 3, false).isEmpty());
    }
}
