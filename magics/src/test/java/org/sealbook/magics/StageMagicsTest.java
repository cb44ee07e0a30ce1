package org.sealbook.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealbook.kernel.magic.MagicRegistry;
import org.sealbook.toolkit.view.ConsoleView;

class StageMagicsTest {
    private static final Path DATA = Path.of("..", "..", "shared", "data");

    @TempDir
    Path dir;

    @Test
    void theKernelFindsTheStageMagics() {
        MagicRegistry registry = MagicRegistry.withProviders();
        assertNotNull(registry.findLine("data_check"));
        assertNotNull(registry.findLine("glossary"));
        assertNotNull(registry.findLine("workspace"));
        assertNotNull(registry.findLine("hypothesize"));
        assertNotNull(registry.findCell("hypothesize"));
        assertNotNull(registry.findLine("design_experiments"));
        assertNotNull(registry.findCell("design_experiments"));
    }

    @Test
    void trainRefusesWithoutAPlanThenTrainsOnceAndRefusesASecondStartWhileItRuns() throws Exception {
        Files.copy(DATA.resolve("iris.csv"), dir.resolve("iris.csv"));
        StageMagics magics = new StageMagics(dir);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleView view = new ConsoleView(new PrintStream(bytes, true, StandardCharsets.UTF_8), dir.resolve("figures"));
        String nothing = assertThrows(IllegalStateException.class, () -> magics.train("status", view)).getMessage();
        assertEquals("No batch has started in this session, so there is nothing to status; start one with %train.", nothing);

        magics.train("", view);
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("BLOCKED: "), "no plan yet: " + bytes);

        run(magics, "iris.csv --target species");
        magics.hypothesize("", null, view);
        magics.designExperiments("", null, view);
        magics.train("", view);
        String second = assertThrows(IllegalStateException.class, () -> magics.train("", view)).getMessage();
        assertTrue(second.startsWith("Batch ") && second.endsWith("is still training, so another cannot start; see "
                + "%train status, or wait for it with %train --wait."), second);
        magics.report("", view); // the batch is still training (the refusal above proves it), so no verdict yet
        String refused = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(refused.matches("(?s).*BLOCKED: Batch b[0-9a-f]{8} is still training \\(exp_0.*\\), so it cannot be "
                + "judged yet; wait for it with %train --wait, then run %report\\..*"), refused);
        assertFalse(Files.exists(dir.resolve("sealbook-project/report.json")), "nothing sealed");
        magics.train("--wait", view);
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("DONE: All 7 experiments of batch"), out);
        magics.train("status", view);
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("exp_006"), "status lists every run");

        // a finished batch of the sealed plan is shown again by --wait, not trained twice
        int started = count(bytes, "What I am doing");
        int tables = count(bytes, "Results of batch");
        magics.train("--wait", view);
        assertEquals(started, count(bytes, "What I am doing"), "nothing trained again");
        assertEquals(tables + 1, count(bytes, "Results of batch"));
        magics.train("--resume --wait", view);
        assertTrue(bytes.toString(StandardCharsets.UTF_8).replaceAll("\\s+", " ")
                .contains("All 7 of them finished before, so there is nothing to resume"), bytes.toString(StandardCharsets.UTF_8));
        magics.report("", view);
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("Leaderboard"), bytes.toString(StandardCharsets.UTF_8));
        assertTrue(Files.isRegularFile(dir.resolve("sealbook-project/report.html")));
        String bogus = assertThrows(IllegalArgumentException.class, () -> magics.report("--bogus", view)).getMessage();
        assertEquals("%report takes nothing or --final, not --bogus; use %report, then %report --final once.", bogus);
        String mixed = assertThrows(IllegalArgumentException.class, () -> magics.train("--resume status", view)).getMessage();
        assertEquals("%train takes --wait, --resume, status, or stop [EXPERIMENT], not --resume status; use "
                + "%train [--wait] [--resume] | %train status | %train stop [EXPERIMENT].", mixed);
        String unknown = assertThrows(IllegalArgumentException.class, () -> magics.train("stop exp_042", view)).getMessage();
        assertTrue(unknown.endsWith("has no experiment exp_042; %train status lists them."), unknown);
    }

    private static int count(ByteArrayOutputStream bytes, String text) {
        return bytes.toString(StandardCharsets.UTF_8).split(java.util.regex.Pattern.quote(text), -1).length - 1;
    }

    @Test
    void hypothesizeAndDesignTakeFlagsAndBodyLinesAndRefuseTheSameChoiceTwice() throws IOException {
        Files.copy(DATA.resolve("wine.csv"), dir.resolve("wine.csv"));
        StageMagics magics = new StageMagics(dir);
        run(magics, "wine.csv --target cultivar");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleView view = new ConsoleView(new PrintStream(bytes, true, StandardCharsets.UTF_8), dir.resolve("figures"));

        String twice = assertThrows(IllegalArgumentException.class,
                () -> magics.hypothesize("--seed 7", "# the seed again\nseed: 8\n", view)).getMessage();
        assertEquals("%hypothesize was given seed twice (7 and 8), which contradict each other; keep one.", twice);
        String notALine = assertThrows(IllegalArgumentException.class,
                () -> magics.hypothesize("", "seed 8", view)).getMessage();
        assertTrue(notALine.startsWith("Line 1 of the %%hypothesize body (seed 8) is not name: value"), notALine);
        assertFalse(Files.exists(dir.resolve("sealbook-project/hypothesis.json")), "nothing sealed");

        magics.hypothesize("--seed 7", "ratios: 0.6/0.2/0.2\nmetric: f1", view);
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("judged by f1"), bytes.toString(StandardCharsets.UTF_8));
        magics.designExperiments("--max-minutes 20", "exp_007: linear parent=exp_001 \"question=Does nothing change?\"\n"
                + "drop: exp_006", view);
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("BLOCKED: The reviewer refused the plan for 1 reason"), out);
        magics.designExperiments("--max-minutes 20", "drop: exp_006", view);
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("DONE: The plan is sealed"), bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void glossaryDefinesATermListsAllAndNamesTheNearestForATypo() {
        StageMagics magics = new StageMagics(dir);
        assertTrue(magics.glossary("outlier").startsWith("outlier: "), magics.glossary("outlier"));
        String all = magics.glossary("");
        assertTrue(all.matches("(?s)The glossary has \\d+ terms; look one up with %glossary TERM\\..*"), all);
        assertTrue(all.lines().count() > 40, "at least 40 terms, one a line");
        assertTrue(magics.glossary("outlyer").contains("try %glossary outlier"), magics.glossary("outlyer"));
    }

    @Test
    void workspaceDefaultsBesideTheNotebookAndSwitchesOnRequest() {
        StageMagics magics = new StageMagics(dir);
        String shown = magics.workspace("");
        assertTrue(shown.startsWith("The workspace is " + dir.toAbsolutePath().resolve("sealbook-project")), shown);
        assertFalse(Files.exists(dir.resolve("sealbook-project")), "showing the default does not make it");

        String switched = magics.workspace("other");
        assertEquals("The workspace is now " + dir.toAbsolutePath().resolve("other")
                + "; later stages seal their decisions there.", switched);
        assertTrue(Files.isDirectory(dir.resolve("other/.git")), "the workspace is a git repository");
        String refused = assertThrows(IllegalArgumentException.class, () -> magics.workspace("a b")).getMessage();
        assertEquals("%workspace takes at most one folder, e.g. %workspace my-project (no folder shows the current one).", refused);
    }

    @Test
    void dataCheckSealsCarsInTheDefaultWorkspace() throws IOException {
        Files.copy(DATA.resolve("cars.csv"), dir.resolve("cars.csv"));
        StageMagics magics = new StageMagics(dir);
        String out = run(magics, "cars.csv --target Miles_per_Gallon");
        assertTrue(out.contains("DONE_WITH_CONCERNS: "), out);
        Path artifact = dir.resolve("sealbook-project/data_check.json");
        assertTrue(Files.isRegularFile(artifact), out);
        assertTrue(Files.readString(dir.resolve("sealbook-project/data_check.json.sha256")).endsWith("  data_check.json\n"));
    }

    @Test
    void aMissingFileIsBlockedAndSealsNothing() throws IOException {
        StageMagics magics = new StageMagics(dir);
        String out = run(magics, "nope.csv --target x");
        assertTrue(out.contains("BLOCKED: "), out);
        assertTrue(out.contains("nope.csv"), out);
        assertFalse(Files.exists(dir.resolve("sealbook-project/data_check.json")));
    }

    private String run(StageMagics magics, String args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        magics.dataCheck(args, new ConsoleView(new PrintStream(bytes, true, StandardCharsets.UTF_8), dir.resolve("figures")));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
