package org.sealbook.toolkit.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealbook.toolkit.SharedData;
import org.sealbook.toolkit.data.Mitigation;
import org.sealbook.toolkit.explain.Explainer;
import org.sealbook.toolkit.hypothesis.Contract;
import org.sealbook.toolkit.hypothesis.Splits;
import org.sealbook.toolkit.view.ConsoleView;
import org.sealbook.toolkit.workspace.Stage;
import org.sealbook.toolkit.workspace.StageOutcome;
import org.sealbook.toolkit.workspace.Status;
import org.sealbook.toolkit.workspace.Workspace;

class HypothesisStageTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:15:30Z"), ZoneOffset.UTC);

    @TempDir
    Path temp;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final Explainer explainer = Explainer.session();

    private ConsoleView view() {
        return new ConsoleView(new PrintStream(printed, true, StandardCharsets.UTF_8), temp.resolve("figures"));
    }

    private String output() {
        return printed.toString(StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
    }

    /** A workspace whose data check on a copy of the shared {@code file} is sealed. */
    private Workspace checked(String file, String target) throws Exception {
        return sealed(DataCheckStage.of(copy(file), target));
    }

    private Path copy(String file) throws Exception {
        return Files.copy(SharedData.file(file), temp.resolve(file));
    }

    private Workspace sealed(DataCheckStage stage) {
        Workspace workspace = Workspace.open(temp.resolve("ws"));
        StageOutcome outcome = stage.clock(CLOCK).run(workspace, view(), explainer);
        assertTrue(Files.exists(workspace.artifact(Stage.DATA_CHECK)), "data check sealed: " + outcome + output());
        printed.reset();
        return workspace;
    }

    private StageOutcome hypothesize(Workspace workspace, Map<String, String> options) {
        HypothesisStage stage = HypothesisStage.create().clock(CLOCK);
        options.forEach(stage::option);
        return stage.run(workspace, view(), explainer);
    }

    @Test
    void winePassesWithDefaultsAndSealsTheContractAndItsSplitsTogether() throws Exception {
        Workspace workspace = checked("wine.csv", "cultivar");

        StageOutcome outcome = hypothesize(workspace, Map.of());

        assertEquals(Status.DONE_WITH_CONCERNS, outcome.status(), output());
        assertTrue(outcome.sentence().contains("the validation split has only 27 rows, so scores will move a lot by chance"),
                outcome.sentence());
        Contract contract = Contract.fromJson(workspace.decision(Stage.HYPOTHESIS));
        assertEquals(13, contract.features().size());
        Splits splits = Splits.read(workspace.folder(), contract.splits());
        splits.requireDisjointAndComplete(178);
        assertEquals(List.of("f1", "log_loss"), contract.secondary().stream().map(m -> m.label()).toList());
        String out = output();
        assertTrue(out.contains("the 178 rows with a target go into a training set ("), out);
        assertTrue(out.contains("The 26 test rows are locked"), out);
        assertTrue(out.contains("are close enough in size (class_0 59 (33.1%), class_1 71 (39.9%), class_2 48 (27%))"), out);
        assertTrue(out.contains("may have at most 100000 weights"), out);
        try (Git git = Git.open(workspace.folder().toFile())) {
            assertTrue(git.status().call().isClean(), "the split files are committed with the seal");
        }
    }

    @Test
    void aDateColumnFromTheDataCheckMakesATimeSplitAndSaysWhy() throws Exception {
        Workspace workspace = sealed(DataCheckStage.of(copy("cars.csv"), "Miles_per_Gallon").time("Year"));

        StageOutcome outcome = hypothesize(workspace, Map.of());

        assertEquals(Status.DONE, outcome.status(), output());
        assertTrue(outcome.sentence().contains("a time split of 398 rows, judged by rmse (lower is better)"), outcome.sentence());
        Contract contract = Contract.fromJson(workspace.decision(Stage.HYPOTHESIS));
        assertEquals("time", contract.split().label());
        assertEquals("Year", contract.timeColumn());
        assertFalse(contract.features().contains("Year"));
        assertTrue(output().contains("Your data has a date column (Year), so a random split would let the model see the future"), output());
        assertTrue(contract.excluded().containsKey("Name"), "the near-identifier Name is left out: " + contract.excluded());
    }

    @Test
    void aHypothesisOnTheRawTargetIsRefusedWhenTheDataCheckLockedALogTransform() throws Exception {
        Workspace workspace = sealed(DataCheckStage.of(copy("diabetes.csv"), "progression")
                .override("progression", Mitigation.Action.LOG_TRANSFORM_TARGET));

        StageOutcome outcome = hypothesize(workspace, Map.of("target-transform", "none"));

        assertEquals(Status.BLOCKED, outcome.status());
        assertTrue(outcome.sentence().startsWith("The data check locked a log transform of the target"), outcome.sentence());
        assertNothingSealed(workspace);
    }

    @Test
    void withoutASealedDataCheckItRefusesAndNamesTheCellToRun() {
        Workspace workspace = Workspace.open(temp.resolve("ws"));
        StageOutcome outcome = hypothesize(workspace, Map.of());
        assertEquals(Status.BLOCKED, outcome.status());
        assertTrue(outcome.sentence().contains("%data_check"), outcome.sentence());
        assertNothingSealed(workspace);
    }

    @Test
    void badChoicesAreRefusedWithOneSentenceEachAndSealNothing() throws Exception {
        Workspace workspace = checked("cars.csv", "Miles_per_Gallon");
        Map<Map<String, String>, String> cases = Map.of(
                Map.of("features", "Horsepower", "exclude", "Origin"), "both features (the whole list) and exclude",
                Map.of("features", "Horsepower,Colour"), "features names Colour, which is not a column of cars.csv",
                Map.of("ratios", "0.7/0.2/0.2"), "The split ratios 0.7/0.2/0.2 add up to 1.1, not 1",
                Map.of("split", "group"), "A group split needs the column whose rows belong together",
                Map.of("split", "time", "time", "Name"), "The time column Name holds text, not dates or numbers",
                Map.of("split", "stratified"), "A stratified split keeps each class's share, but this target is a number",
                Map.of("metric", "auc"), "The metric auc does not fit a regression",
                Map.of("max-gap", "0"), "max-gap 0 is not a share between 0 and 1");
        for (var c : cases.entrySet()) {
            StageOutcome outcome = hypothesize(workspace, c.getKey());
            assertEquals(Status.BLOCKED, outcome.status(), c.getKey().toString());
            assertTrue(outcome.sentence().contains(c.getValue()), c.getKey() + " -> " + outcome.sentence());
            assertEquals(1, outcome.sentence().split("(?<=[a-z0-9)])\\. ").length, "one sentence: " + outcome.sentence());
            assertNothingSealed(workspace);
        }
        String unknown = assertThrows(IllegalArgumentException.class,
                () -> HypothesisStage.create().option("ratio", "0.8/0.1/0.1")).getMessage();
        assertTrue(unknown.startsWith("%hypothesize has no choice called ratio; the closest are ratios"), unknown);
    }

    private static void assertNothingSealed(Workspace workspace) {
        assertFalse(Files.exists(workspace.artifact(Stage.HYPOTHESIS)), "no hypothesis artifact");
        assertFalse(Files.exists(workspace.folder().resolve("splits")), "no split files");
    }
}
