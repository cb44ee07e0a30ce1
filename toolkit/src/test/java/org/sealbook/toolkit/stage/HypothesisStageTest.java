package org.sealbook.toolkit.stage;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealbook.toolkit.Sessions;
import org.sealbook.toolkit.SharedData;
import org.sealbook.toolkit.data.DataCheckResult;
import org.sealbook.toolkit.hypothesis.Contract;
import org.sealbook.toolkit.hypothesis.Hypothesis;
import org.sealbook.toolkit.hypothesis.Splits;
import org.sealbook.toolkit.pipeline.StageOutcome;
import org.sealbook.toolkit.pipeline.Status;
import org.sealbook.toolkit.workspace.Workspace;

class HypothesisStageTest {
    @TempDir
    Path temp;

    private Sessions session;

    @BeforeEach
    void session() {
        session = Sessions.in(temp);
    }

    private String output() {
        return session.output();
    }

    /** A workspace whose data check on a copy of the shared {@code file} is sealed. */
    private Workspace checked(String file, String target) throws Exception {
        return sealed(copy(file), "--target", target);
    }

    private String copy(String file) throws Exception {
        Files.copy(SharedData.file(file), temp.resolve(file));
        return file;
    }

    /** Runs {@code %data_check} with these words and checks it sealed. */
    private Workspace sealed(String... dataCheck) {
        StageOutcome outcome = session.run("data_check", dataCheck);
        Workspace workspace = session.workspace();
        assertTrue(Files.exists(workspace.file(DataCheckResult.ARTIFACT)), "data check sealed: " + outcome + output());
        session.reset();
        return workspace;
    }

    /** Runs {@code %hypothesize} with each option as {@code --name value}. */
    private StageOutcome hypothesize(Workspace workspace, Map<String, String> options) {
        List<String> words = new ArrayList<>();
        options.forEach((name, value) -> words.addAll(List.of("--" + name, value)));
        return session.run("hypothesize", words.toArray(String[]::new));
    }

    private Contract contract(Workspace workspace) {
        return workspace.read("hypothesize", Hypothesis.ARTIFACT, session.session().names()).contract();
    }

    @Test
    void winePassesWithDefaultsAndSealsTheContractAndItsSplitsTogether() throws Exception {
        Workspace workspace = checked("wine.csv", "cultivar");

        StageOutcome outcome = hypothesize(workspace, Map.of());

        assertEquals(Status.DONE_WITH_CONCERNS, outcome.status(), output());
        assertTrue(outcome.sentence().contains("the validation split has only 27 rows, so scores will move a lot by chance"),
                outcome.sentence());
        Contract contract = contract(workspace);
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
        Workspace workspace = sealed(copy("cars.csv"), "--target", "Miles_per_Gallon", "--time", "Year");

        StageOutcome outcome = hypothesize(workspace, Map.of());

        assertEquals(Status.DONE, outcome.status(), output());
        assertTrue(outcome.sentence().contains("a time split of 398 rows, judged by rmse (lower is better)"), outcome.sentence());
        Contract contract = contract(workspace);
        assertEquals("time", contract.split().label());
        assertEquals("Year", contract.timeColumn());
        assertFalse(contract.features().contains("Year"));
        assertTrue(output().contains("Your data has a date column (Year), so a random split would let the model see the future"), output());
        assertTrue(contract.excluded().containsKey("Name"), "the near-identifier Name is left out: " + contract.excluded());
    }

    @Test
    void aHypothesisOnTheRawTargetIsRefusedWhenTheDataCheckLockedALogTransform() throws Exception {
        Workspace workspace = sealed(copy("diabetes.csv"), "--target", "progression",
                "--column", "progression=log_transform_target");

        StageOutcome outcome = hypothesize(workspace, Map.of("target-transform", "none"));

        assertEquals(Status.BLOCKED, outcome.status());
        assertTrue(outcome.sentence().startsWith("The data check locked a log transform of the target"), outcome.sentence());
        assertNothingSealed(workspace);
    }

    @Test
    void withoutASealedDataCheckItRefusesAndNamesTheCellToRun() {
        Workspace workspace = session.workspace();
        StageOutcome outcome = hypothesize(workspace, Map.of());
        assertEquals(Status.BLOCKED, outcome.status());
        assertTrue(outcome.sentence().contains("%data_check"), outcome.sentence());
        assertNothingSealed(workspace);
    }

    @Test
    void badChoicesAreRefusedWithOneSentenceEachAndSealNothing() throws Exception {
        Workspace workspace = checked("cars.csv", "Miles_per_Gallon");
        Map<Map<String, String>, String> cases = Map.of(
                Map.of("features", "Horsepower", "exclude", "Origin"), "both --features (the whole list) and --exclude",
                Map.of("features", "Horsepower,Colour"), "features names Colour, which is not a column of cars.csv",
                Map.of("ratios", "0.7/0.2/0.2"), "The split ratios 0.7/0.2/0.2 add up to 1.1, not 1",
                Map.of("split", "time", "time", "Name"), "The time column Name holds text, not dates or numbers",
                Map.of("split", "stratified"), "A stratified split keeps each class's share, but this target is a number",
                Map.of("metric", "auc"), "The metric auc does not fit a regression",
                Map.of("max-gap", "0"), "max-gap 0 is not a share between 0 and 1");
        // every case is run and checked, so one failure does not hide the others
        assertAll(cases.entrySet().stream().map(c -> () -> {
            StageOutcome outcome = hypothesize(workspace, c.getKey());
            assertEquals(Status.BLOCKED, outcome.status(), c.getKey().toString());
            assertTrue(outcome.sentence().contains(c.getValue()), c.getKey() + " -> " + outcome.sentence());
            assertEquals(1, outcome.sentence().split("(?<=[a-z0-9)])\\. ").length, "one sentence: " + outcome.sentence());
            assertNothingSealed(workspace);
        }));
        // a group split without its column needs the reader to name one
        StageOutcome group = hypothesize(workspace, Map.of("split", "group"));
        assertEquals(Status.NEEDS_CONTEXT, group.status(), group.sentence());
        assertEquals("A group split needs the column whose rows belong together; name it with --group COL (for example "
                + "--group patient_id).", group.sentence());
        assertNothingSealed(workspace);
        // a misspelt option ends the stage BLOCKED with the nearest names, and seals nothing
        StageOutcome unknown = hypothesize(workspace, Map.of("ratio", "0.8/0.1/0.1"));
        assertEquals(Status.BLOCKED, unknown.status(), unknown.sentence());
        assertTrue(unknown.sentence().startsWith("%hypothesize has no option --ratio; the nearest are --ratios"),
                unknown.sentence());
        assertNothingSealed(workspace);
    }

    /**
     * A CSV of {@code common} rows alternating classes a and b, then {@code rare} rows of class {@code rareLabel}, with
     * two numeric features and a date that rises row by row (so the rare rows are the latest).
     */
    private String csv(String name, int common, int rare, String rareLabel) throws Exception {
        StringBuilder text = new StringBuilder("x1,x2,day,label\n");
        java.time.LocalDate start = java.time.LocalDate.of(2024, 1, 1);
        for (int i = 0; i < common + rare; i++) {
            String label = i >= common ? rareLabel : i % 2 == 0 ? "a" : "b";
            text.append((i * 37) % 101).append(',').append((i * 53) % 89 + 0.5).append(',')
                    .append(start.plusDays(i)).append(',').append(label).append('\n');
        }
        Files.writeString(temp.resolve(name), text);
        return name;
    }

    @Test
    void aRareClassMissingFromValidationIsMarkedInTheTableSaidInASentenceAndIsAConcern() throws Exception {
        Workspace workspace = sealed(csv("rare.csv", 240, 2, "rare"), "--target", "label");

        StageOutcome outcome = hypothesize(workspace, Map.of());

        assertEquals(Status.DONE_WITH_CONCERNS, outcome.status(), output());
        // 36 validation rows are enough, so the missing class is the only concern and alone makes the status
        assertEquals("but the class rare has no rows in the validation split, so no score there says how the model "
                + "does on it; read it above, then run %design_experiments.", outcome.sentence()
                .substring(outcome.sentence().indexOf("but ")), outcome.sentence());
        String out = output();
        assertTrue(out.contains("classes with no rows here"), out);
        assertTrue(out.contains("MISSING: rare"), out);
        assertTrue(out.contains("rare of the target label has 2 rows in all, but none in the validation rows (1 in training, 1 in test), so the "
                + "model is never checked on rare: scores on the validation rows say nothing about how it does on "
                + "rare. To fix it, add more rows of rare (with 2 it cannot have a row in each of the 3 splits), or "
                + "merge rare into a similar class in the data and run %data_check again."), out);
    }

    @Test
    void aClassThatAppearsOnlyLateInATimeSplitCannotBeLearnedAndSaysSo() throws Exception {
        Workspace workspace = sealed(csv("late.csv", 100, 8, "new"), "--target", "label", "--time", "day");

        StageOutcome outcome = hypothesize(workspace, Map.of());

        assertEquals(Status.DONE_WITH_CONCERNS, outcome.status(), output());
        assertTrue(outcome.sentence().contains("the class new has no rows in the train or validation split, so the "
                + "model cannot learn it"), outcome.sentence());
        String out = output();
        assertTrue(out.contains("MISSING: new"), out);
        assertTrue(out.contains("new of the target label has 8 rows in all, but none in the training or validation rows (all 8 "
                + "are in test), so the model cannot learn new at all: it will never predict it, and every new row "
                + "it is scored on counts as a miss. To fix it, run %hypothesize --split stratified, which puts at "
                + "least one row of every class with 3 or more rows in each split (but no longer keeps the future "
                + "out of training), or add more rows of new"), out);
    }

    @Test
    void whenEveryClassIsInEverySplitNothingIsMarkedOrSaid() throws Exception {
        Workspace workspace = checked("wine.csv", "cultivar");

        StageOutcome outcome = hypothesize(workspace, Map.of());

        String out = output();
        assertFalse(out.contains("classes with no rows here") || out.contains("MISSING"), out);
        assertFalse(out.contains("A class is missing from a split") || out.contains("in all, but none in the"), out);
        assertFalse(outcome.sentence().contains("has no rows in the"), outcome.sentence());
    }

    private static void assertNothingSealed(Workspace workspace) {
        assertFalse(Files.exists(workspace.file(Hypothesis.ARTIFACT)), "no hypothesis artifact");
        assertFalse(Files.exists(workspace.folder().resolve("splits")), "no split files");
    }
}
