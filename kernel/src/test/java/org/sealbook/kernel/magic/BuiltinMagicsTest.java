package org.sealbook.kernel.magic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealbook.kernel.eval.CellError;
import org.sealbook.kernel.eval.Evaluator;

/** The built-in magics against a real in-process JShell, with a temporary folder as the working directory. */
class BuiltinMagicsTest {
    /** A jar that is not on the test class path, so loading a class from it proves %jars added it. */
    private static final Path MATH_JAR = MavenResolver.defaultLocalRepository()
            .resolve("org/apache/commons/commons-math3/3.6.1/commons-math3-3.6.1.jar");

    private record Session(Evaluator evaluator, MagicRegistry magics, String cellLabel) implements MagicSession {
    }

    /** What a magic returned and what it printed. */
    private record Ran(Object value, String printed) {
    }

    @TempDir
    static Path work;
    private static Session session;

    @BeforeAll
    static void startJShell() {
        MagicRegistry registry = new MagicRegistry();
        new BuiltinMagics(work, () -> new MavenResolver(MavenResolver.defaultLocalRepository(), MavenResolverTest.UNREACHABLE))
                .registerMagics(registry);
        session = new Session(new Evaluator(), registry, "cell [1]");
    }

    private static Ran line(String name, String args) throws Exception {
        return run(session.magics().findLine(name), new MagicCall(name, args, null, 1, session));
    }

    private static Ran cell(String name, String body) throws Exception {
        return run(session.magics().findCell(name), new MagicCall(name, "", body, 1, session));
    }

    private static Ran run(MagicRegistry.Entry entry, MagicCall call) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            Object value = entry.magic().run(call);
            return new Ran(value, printed.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }

    private static Object eval(String code) throws CellError {
        return session.evaluator().eval(code, "cell [2]", 1).value();
    }

    @Test
    void lsmagicListsLineAndCellMagicsWithTheirHelp() throws Exception {
        String text = (String) line("lsmagic", "").value();
        assertTrue(text.startsWith("Line magics:\n"), text);
        assertTrue(text.contains("%maven") && text.contains("Get artifacts and their dependencies"), text);
        assertTrue(text.contains("Cell magics") && text.contains("%%markdown  Show the cell as Markdown."), text);
    }

    @Test
    void timeReturnsTheValueAndPrintsTheWallTime() throws Exception {
        Ran ran = line("time", "6 * 7");
        assertEquals(42, ran.value());
        assertTrue(ran.printed().matches("Wall time: \\d+\\.\\d+ (ms|s)\\R"), ran.printed());
    }

    @Test
    void cellTimeRunsTheBodyAndDeclarationsStay() throws Exception {
        Ran ran = cell("time", "int timedBase = 20;\ntimedBase * 2 + 1");
        assertEquals(41, ran.value());
        assertTrue(ran.printed().startsWith("Wall time: "), ran.printed());
        assertEquals(20, eval("timedBase"));
    }

    @Test
    void timeOfAStatementHasNoValue() throws Exception {
        assertNull(line("time", "int timedNothing = 1;").value());
    }

    @Test
    void timeWithoutCodeSaysWhatToWrite() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> line("time", ""));
        assertEquals("%time needs code to time on the same line, e.g. %time fib(30).", e.getMessage());
    }

    @Test
    void loadRunsAFileWhoseDeclarationsLaterCellsSee() throws Exception {
        Files.writeString(work.resolve("setup.jsh"), "int loadedValue = 41;\nString greet(String who) { return \"hi \" + who; }\n");
        assertNull(line("load", "setup.jsh").value());
        assertEquals(42, eval("loadedValue + 1"));
        assertEquals("hi ada", eval("greet(\"ada\")"));
    }

    @Test
    void loadErrorsNameTheFileAndLine() throws Exception {
        Files.writeString(work.resolve("broken.jsh"), "int broken = \"text\";\nint fine = 1;\n");
        CellError e = assertThrows(CellError.class, () -> line("load", "broken.jsh"));
        assertTrue(e.traceback().get(0).startsWith("Compile error in broken.jsh line 1: "), e.traceback().toString());
    }

    @Test
    void loadingAMissingFileNamesWhereItLooked() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> line("load", "nowhere.jsh"));
        assertEquals("Cannot load nowhere.jsh: " + work.resolve("nowhere.jsh")
                + " does not exist; check the name, or give the file's full path.", e.getMessage());
    }

    @Test
    void classpathAddsAFolderAndListsIt() throws Exception {
        Path classes = Files.createDirectories(work.resolve("classes"));
        assertEquals("Added " + classes + " to the class path.\n", line("classpath", "classes").printed());
        assertTrue(line("classpath", "").printed().lines().anyMatch(classes.toString()::equals));
    }

    @Test
    void classpathRefusesAMissingPath() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> line("classpath", "lib/gone.jar"));
        assertEquals("Cannot add lib/gone.jar to the class path: " + work.resolve("lib/gone.jar")
                + " does not exist; check the path, or use %jars for a pattern like lib/*.jar.", e.getMessage());
    }

    @Test
    void classpathWithNothingAddedSaysSo() throws Exception {
        MagicRegistry registry = new MagicRegistry();
        new BuiltinMagics(work, MavenResolver::new).registerMagics(registry);
        Session fresh = new Session(new Evaluator(), registry, "cell [1]");
        Ran ran = run(registry.findLine("classpath"), new MagicCall("classpath", "", null, 1, fresh));
        assertTrue(ran.printed().startsWith("No class path entries were added in this session; "), ran.printed());
    }

    @Test
    void jarsAddsEveryMatchingJarSoItsClassesLoad() throws Exception {
        assumeTrue(Files.isRegularFile(MATH_JAR), MATH_JAR + " is not in the local Maven repository");
        Path lib = Files.createDirectories(work.resolve("jarlib/nested"));
        Files.copy(MATH_JAR, lib.resolve("math.jar"));
        Files.writeString(lib.resolve("notes.txt"), "not a jar");
        String load = "Class.forName(\"org.apache.commons.math3.util.FastMath\").getSimpleName()";
        assertThrows(CellError.class, () -> eval(load));

        Ran ran = line("jars", "jarlib/**/*.jar");

        assertEquals("Added " + lib.resolve("math.jar") + " to the class path.\n", ran.printed());
        assertEquals("FastMath", eval(load));
    }

    @Test
    void jarsRefusesAPatternThatMatchesNothing() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> line("jars", "lib/*.jar"));
        assertEquals("No .jar file matches lib/*.jar (looked in " + work.resolve("lib")
                + "); check the pattern, e.g. %jars lib/*.jar, or use %classpath for a folder of classes.", e.getMessage());
    }

    @Test
    void globsMatchWithinOneFolderUnlessDoubleStarred() throws Exception {
        Path top = Files.createDirectories(work.resolve("globs"));
        Files.writeString(top.resolve("a.jar"), "");
        Files.writeString(Files.createDirectories(top.resolve("sub")).resolve("b.jar"), "");
        BuiltinMagics magics = new BuiltinMagics(work, MavenResolver::new);
        assertEquals(List.of(top.resolve("a.jar")), magics.expand("globs/*.jar"));
        assertEquals(List.of(top.resolve("a.jar"), top.resolve("sub/b.jar")), magics.expand("globs/**/*.jar"));
        assertEquals(List.of(top.resolve("sub/b.jar")), magics.expand(top + "/s?b/*.jar"));
        assertEquals(List.of(top.resolve("a.jar")), magics.expand("globs/a.jar"));
    }

    @Test
    void mavenAddsAnArtifactFromTheLocalRepositoryOffline() throws Exception {
        assumeTrue(Files.exists(MavenResolver.defaultLocalRepository().resolve("com/google/code/gson/gson/2.11.0/gson-2.11.0.jar")));
        Ran ran = line("maven", "com.google.code.gson:gson:2.11.0");
        assertTrue(ran.printed().contains("gson-2.11.0.jar to the class path."), ran.printed());
        assertTrue(session.evaluator().addedClasspath().stream().anyMatch(p -> p.endsWith("gson-2.11.0.jar")));
        assertTrue(line("maven", "com.google.code.gson:gson:2.11.0").printed().startsWith("Everything com.google.code.gson:gson:2.11.0 needs is already"));
    }

    @Test
    void mavenRefusesSomethingThatIsNotACoordinate() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> line("maven", "gson"));
        assertEquals("%maven cannot use 'gson': it needs coordinates like group:artifact:version, "
                + "e.g. %maven com.google.code.gson:gson:2.11.0.", e.getMessage());
    }

    @Test
    void htmlAndMarkdownShowTheBodyAndHaveNoResult() throws Exception {
        Ran html = cell("html", "<b>bold</b>");
        assertNull(html.value());
        assertTrue(html.printed().contains("text/html"), html.printed());
        assertNull(cell("markdown", "# Title").value());
    }

    @Test
    void cellMagicsRefuseArgumentsOnTheirLine() {
        MagicCall call = new MagicCall("html", "wide", "<p>x</p>", 1, session);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run(session.magics().findCell("html"), call));
        assertEquals("%%html takes nothing on its own line; put the HTML on the lines below it.", e.getMessage());
    }
}
