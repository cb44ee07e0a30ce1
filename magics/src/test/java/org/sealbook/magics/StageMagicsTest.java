package org.sealbook.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealbook.kernel.magic.MagicRegistry;
import org.sealbook.toolkit.pipeline.StageOutcome;
import org.sealbook.toolkit.pipeline.Status;
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
        assertNotNull(registry.findLine("scaling"));
        assertNotNull(registry.findLine("eval"));
    }

    @Test
    void scalingAndEvalBeforeAReportAreRefusedNamingTheCellToRunAndWriteNothing() throws Exception {
        StageMagics magics = new StageMagics(dir);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleView view = new ConsoleView(new PrintStream(bytes, true, StandardCharsets.UTF_8), dir.resolve("figures"));

        StageOutcome scaling = magics.run("scaling", "--points 6", null, view);
        StageOutcome eval = magics.run("eval", "new.csv", null, view);
        StageOutcome noPath = magics.run("eval", "", null, view);

        assertEquals(Status.BLOCKED, scaling.status(), scaling.sentence());
        assertTrue(scaling.sentence().contains("%data_check"), scaling.sentence());
        assertEquals(Status.BLOCKED, eval.status(), eval.sentence());
        assertTrue(eval.sentence().contains("%data_check"), eval.sentence());
        assertEquals(Status.NEEDS_CONTEXT, noPath.status(), noPath.sentence());
        assertFalse(Files.exists(dir.resolve("sealbook-project/scaling.json")));
        assertFalse(Files.exists(dir.resolve("sealbook-project/eval.json")));
    }

    @Test
    void trainRefusesWithoutAPlanThenTrainsOnceAndRefusesASecondStartWhileItRuns() throws Exception {
        Files.copy(DATA.resolve("iris.csv"), dir.resolve("iris.csv"));
        StageMagics magics = new StageMagics(dir);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleView view = new ConsoleView(new PrintStream(bytes, true, StandardCharsets.UTF_8), dir.resolve("figures"));
        StageOutcome nothing = magics.run("train", "status", null, view);
        assertEquals(new StageOutcome(Status.BLOCKED, "No batch has started in this session, so there is nothing to "
                + "show where its runs stand; start one with %train."), nothing);

        magics.run("train", "", null, view);
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("BLOCKED: "), "no plan yet: " + bytes);

        run(magics, "iris.csv --target species");
        magics.run("hypothesize", "", null, view);
        magics.run("design_experiments", "", null, view);
        magics.run("train", "", null, view);
        // a second start while the batch runs ends BLOCKED with one sentence, and starts nothing
        StageOutcome second = magics.run("train", "", null, view);
        assertEquals(Status.BLOCKED, second.status(), second.sentence());
        assertTrue(second.sentence().startsWith("Batch ") && second.sentence().endsWith("is still training, so another "
                + "cannot start; see %train status, or wait for it with %train --wait."), second.sentence());
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("BLOCKED: " + second.sentence()), "shown: " + bytes);
        magics.run("report", "", null, view); // the batch is still training (the refusal above proves it), so no verdict yet
        String refused = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(refused.matches("(?s).*BLOCKED: Batch b[0-9a-f]{8} is still training \\(exp_0.*\\), so it cannot be "
                + "judged yet; wait for it with %train --wait, then run %report\\..*"), refused);
        assertFalse(Files.exists(dir.resolve("sealbook-project/report.json")), "nothing sealed");
        magics.run("train", "--wait", null, view);
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("DONE: All 7 experiments of batch"), out);
        magics.run("train", "status", null, view);
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("exp_006"), "status lists every run");

        // a finished batch of the sealed plan is shown again by --wait, not trained twice
        int started = count(bytes, "What I am doing");
        int tables = count(bytes, "Results of batch");
        magics.run("train", "--wait", null, view);
        assertEquals(started, count(bytes, "What I am doing"), "nothing trained again");
        assertEquals(tables + 1, count(bytes, "Results of batch"));
        magics.run("train", "--resume --wait", null, view);
        assertTrue(bytes.toString(StandardCharsets.UTF_8).replaceAll("\\s+", " ")
                .contains("All 7 of them finished before, so there is nothing to resume"), bytes.toString(StandardCharsets.UTF_8));
        magics.run("report", "", null, view);
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("Leaderboard"), bytes.toString(StandardCharsets.UTF_8));
        assertTrue(Files.isRegularFile(dir.resolve("sealbook-project/report.html")));
        // a bad option ends the stage BLOCKED with one sentence naming the nearest option, instead of throwing
        StageOutcome bogus = magics.run("report", "--bogus", null, view);
        assertEquals(Status.BLOCKED, bogus.status(), bogus.sentence());
        assertEquals("%report has no option --bogus; the nearest are --final (all: --final).", bogus.sentence());
        StageOutcome mixed = magics.run("train", "--resume status", null, view);
        assertNotNull(mixed, "%train --resume status mixes a start with a look at the runs, so it is refused");
        assertEquals(Status.BLOCKED, mixed.status(), mixed.sentence());
        assertEquals("%train status was also given --resume, which it does not take; use %train --wait, "
                + "%train --resume, %train status or %train stop EXPERIMENT.", mixed.sentence());
        StageOutcome unknown = magics.run("train", "stop exp_042", null, view);
        assertEquals(Status.BLOCKED, unknown.status());
        assertTrue(unknown.sentence().endsWith("has no experiment exp_042; %train status lists them."), unknown.sentence());
    }

    private static int count(ByteArrayOutputStream bytes, String text) {
        return bytes.toString(StandardCharsets.UTF_8).split(java.util.regex.Pattern.quote(text), -1).length - 1;
    }

    @Test
    void hypothesizeAndDesignTakeFlagsAndBodyLinesAndRefuseTheSameChoiceTwice() throws Exception {
        Files.copy(DATA.resolve("wine.csv"), dir.resolve("wine.csv"));
        StageMagics magics = new StageMagics(dir);
        run(magics, "wine.csv --target cultivar");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleView view = new ConsoleView(new PrintStream(bytes, true, StandardCharsets.UTF_8), dir.resolve("figures"));

        StageOutcome twice = magics.run("hypothesize", "--seed 7", "# the seed again\nseed: 8\n", view);
        assertEquals(Status.BLOCKED, twice.status(), twice.sentence());
        assertEquals("%hypothesize was given --seed twice (7 and 8), which contradict each other; keep one.",
                twice.sentence());
        StageOutcome notALine = magics.run("hypothesize", "", "seed 8", view);
        assertEquals(Status.BLOCKED, notALine.status(), notALine.sentence());
        assertTrue(notALine.sentence().startsWith("Line 1 of the %%hypothesize body (seed 8) is not name: value"),
                notALine.sentence());
        assertFalse(Files.exists(dir.resolve("sealbook-project/hypothesis.json")), "nothing sealed");

        magics.run("hypothesize", "--seed 7", "ratios: 0.6/0.2/0.2\nmetric: f1", view);
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("judged by f1"), bytes.toString(StandardCharsets.UTF_8));
        magics.run("design_experiments", "--max-minutes 20", "exp_007: linear parent=exp_001 \"question=Does nothing change?\"\n"
                + "drop: exp_006", view);
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("BLOCKED: The reviewer refused the plan for 1 reason"), out);
        magics.run("design_experiments", "--max-minutes 20", "drop: exp_006", view);
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("DONE: The plan is sealed"), bytes.toString(StandardCharsets.UTF_8));
    }

    /**
     * What %data_check's words may get wrong, each ending the stage with one sentence (BLOCKED, or NEEDS_CONTEXT
     * for something only the reader can give) and nothing sealed: the parsing is the stage's declared options now.
     */
    @Test
    void dataCheckWordsThatCannotWorkEndWithOneSentenceAndSealNothing() throws Exception {
        Files.copy(DATA.resolve("cars.csv"), dir.resolve("cars.csv"));
        StageMagics magics = new StageMagics(dir);
        java.util.Map<String, String> blocked = new java.util.LinkedHashMap<>();
        blocked.put("cars.csv --target Miles_per_Gallon --task clustering",
                "--task clustering is not a choice here; use one of classification, regression.");
        blocked.put("cars.csv --target Miles_per_Gallon --mitigate some",
                "--mitigate some is not a choice here; use one of auto, none.");
        blocked.put("cars.csv --target Miles_per_Gallon --column Name",
                "--column takes COL=ACTION, not Name; for example Horsepower=impute_median.");
        blocked.put("cars.csv --target Miles_per_Gallon --column Name=shred",
                "--column Name=shred names no fix called shred; use one of ");
        blocked.put("cars.csv --target Miles_per_Gallon --column Name=keep --column Name=drop_column",
                "%data_check was given --column for Name twice; keep one fix per column.");
        blocked.put("a.csv b.csv --target x", "%data_check takes only --name options here, but was given b.csv; see "
                + "%data_check PATH --target COL ");
        blocked.put("a.csv --target x --target y",
                "%data_check was given --target twice (x and y), which contradict each other; keep one.");
        blocked.put("cars.csv --target", "%data_check needs a value after --target; write it as --target COL.");
        blocked.put("a.csv --target --id Name", "%data_check needs a value after --target; write it as --target COL.");
        blocked.put("cars.csv --target x --colour red", "%data_check has no option --colour; the nearest are --column, ");
        // quoted words keep their spaces, and a choice is matched ignoring case: the path is read as given
        blocked.put("--task REGRESSION \"my data/cars.csv\" --mitigate none --id Name --time Year "
                + "--target 'Miles per Gallon'", "No file at " + dir.toAbsolutePath().resolve("my data/cars.csv"));
        for (var c : blocked.entrySet()) {
            StageOutcome outcome = dataCheck(magics, c.getKey());
            assertEquals(Status.BLOCKED, outcome.status(), c.getKey() + " -> " + outcome.sentence());
            assertTrue(outcome.sentence().startsWith(c.getValue()), c.getKey() + " -> " + outcome.sentence());
            assertOneSentence(outcome.sentence());
            assertFalse(Files.exists(dir.resolve("sealbook-project/data_check.json")), "nothing sealed: " + c.getKey());
        }
        java.util.Map<String, String> needs = java.util.Map.of(
                "cars.csv", "%data_check needs --target COL: the column to predict; for example %data_check PATH "
                        + "--target COL.",
                "--target x", "%data_check needs PATH: the data file to check (CSV or TSV); for example %data_check "
                        + "PATH --target COL.");
        for (var c : needs.entrySet()) {
            StageOutcome outcome = dataCheck(magics, c.getKey());
            assertEquals(Status.NEEDS_CONTEXT, outcome.status(), c.getKey() + " -> " + outcome.sentence());
            assertEquals(c.getValue(), outcome.sentence());
            assertFalse(Files.exists(dir.resolve("sealbook-project/data_check.json")), "nothing sealed: " + c.getKey());
        }
    }

    private StageOutcome dataCheck(StageMagics magics, String args) throws InterruptedException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StageOutcome outcome = magics.run("data_check", args, null,
                new ConsoleView(new PrintStream(bytes, true, StandardCharsets.UTF_8), dir.resolve("figures")));
        String shown = bytes.toString(StandardCharsets.UTF_8).replaceAll("\\s+", " ");
        assertTrue(shown.contains(outcome.status() + ": " + outcome.sentence()), "the status is shown: " + shown);
        return outcome;
    }

    private static void assertOneSentence(String sentence) {
        assertTrue(sentence.endsWith("."), sentence);
        assertEquals(-1, sentence.replace("e.g. ", "").replaceAll("\\d\\.\\d", "").indexOf(". "),
                "one sentence only: " + sentence);
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
    void dataCheckSealsCarsInTheDefaultWorkspace() throws Exception {
        Files.copy(DATA.resolve("cars.csv"), dir.resolve("cars.csv"));
        StageMagics magics = new StageMagics(dir);
        String out = run(magics, "cars.csv --target Miles_per_Gallon");
        assertTrue(out.contains("DONE_WITH_CONCERNS: "), out);
        Path artifact = dir.resolve("sealbook-project/data_check.json");
        assertTrue(Files.isRegularFile(artifact), out);
        assertTrue(Files.readString(dir.resolve("sealbook-project/data_check.json.sha256")).endsWith("  data_check.json\n"));
    }

    @Test
    void aMissingFileIsBlockedAndSealsNothing() throws Exception {
        StageMagics magics = new StageMagics(dir);
        String out = run(magics, "nope.csv --target x");
        assertTrue(out.contains("BLOCKED: "), out);
        assertTrue(out.contains("nope.csv"), out);
        assertFalse(Files.exists(dir.resolve("sealbook-project/data_check.json")));
    }

    private String run(StageMagics magics, String args) throws InterruptedException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        magics.run("data_check", args, null,
                new ConsoleView(new PrintStream(bytes, true, StandardCharsets.UTF_8), dir.resolve("figures")));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
