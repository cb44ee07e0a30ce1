package org.sealbook.toolkit.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealbook.toolkit.Sessions;
import org.sealbook.toolkit.SharedData;
import org.sealbook.toolkit.data.DataCheckResult;
import org.sealbook.toolkit.hypothesis.Hypothesis;
import org.sealbook.toolkit.pipeline.StageOutcome;
import org.sealbook.toolkit.pipeline.Status;
import org.sealbook.toolkit.workspace.Workspace;

class DataCheckStageTest {
    @TempDir
    Path temp;

    private Sessions session;

    @BeforeEach
    void session() {
        session = Sessions.in(temp);
    }

    /** Copies a shared data set into the test's folder, where the session finds it by name. */
    private String copy(String name) throws Exception {
        Files.copy(SharedData.file(name), temp.resolve(name));
        return name;
    }

    private StageOutcome dataCheck(String... words) {
        return session.run("data_check", words);
    }

    private String output() {
        // the console wraps at 100 characters, so sentences are compared with their line breaks undone
        return session.output();
    }

    @Test
    void perColumnFlagsReplaceTheAutomaticStepsAndSayWhy() throws Exception {
        StageOutcome outcome = dataCheck(copy("cars.csv"), "--target", "Miles_per_Gallon",
                "--column", "Horsepower=impute_model", "--column", "Name=drop_column");
        Workspace workspace = session.workspace();

        assertEquals(Status.DONE_WITH_CONCERNS, outcome.status(), output());
        String out = output();
        assertTrue(out.contains("Horsepower fill gaps with a small model fitted on the training rows you asked for it (--column)"), out);
        assertFalse(out.contains("Horsepower fill gaps with the median"), "the flag replaces the automatic step: " + out);
        String sealed = Files.readString(workspace.file(DataCheckResult.ARTIFACT));
        JsonObject decision = JsonParser.parseString(sealed).getAsJsonObject().getAsJsonObject("decision");
        assertTrue(decision.getAsJsonArray("recipe").toString().contains(
                "{\"action\":\"impute_model\",\"column\":\"Horsepower\",\"reason\":\"requested\"}"), sealed);
        assertFalse(decision.getAsJsonArray("features").toString().contains("\"Name\""), "Name is not a feature: " + sealed);
    }

    @Test
    void aFlagThatCannotWorkOnItsColumnIsRefusedAndSealsNothing() throws Exception {
        StageOutcome outcome = dataCheck(copy("cars.csv"), "--target", "Miles_per_Gallon",
                "--column", "Horsepower=log_transform_target");
        Workspace workspace = session.workspace();

        assertEquals(Status.BLOCKED, outcome.status());
        assertEquals("--column Horsepower=log_transform_target applies only to the target; use --column "
                + "Miles_per_Gallon=log_transform_target or choose another action for Horsepower.", outcome.sentence());
        assertFalse(Files.exists(workspace.file(DataCheckResult.ARTIFACT)));
    }

    @Test
    void aRaisedLimitThatUnblocksTheCheckIsStillNamedWithItsDefault() throws Exception {
        String data = copy("breast_cancer.csv");
        assertEquals(Status.BLOCKED, dataCheck(data, "--target", "diagnosis").status(), output());
        Files.writeString(session.workspace().folder().resolve("data_check.properties"),
                "# worst_* columns are measurements, not the diagnosis itself\ncorrelation.auc_leak = 0.99\n");
        session.reset();

        StageOutcome outcome = dataCheck(data, "--target", "diagnosis");

        assertEquals(Status.DONE_WITH_CONCERNS, outcome.status(), output());
        assertTrue(output().contains("One limit differs from the default: correlation.auc_leak is 0.99 instead of 0.95 "
                + "(data_check.properties line 2)"), output());
    }

    @Test
    void carsIsSealedWithConcernsAndExplainsDroppedRowsAndImputation() throws Exception {
        StageOutcome outcome = dataCheck(copy("cars.csv"), "--target", "Miles_per_Gallon");
        Workspace workspace = session.workspace();

        assertEquals(Status.DONE_WITH_CONCERNS, outcome.status(), output());
        assertTrue(outcome.sentence().contains("%hypothesize"), outcome.sentence());
        String out = output();
        assertTrue(out.contains("406 rows and 9 columns"), out);
        assertTrue(out.contains("8 rows had no value for the target and were left out, which leaves 398"), out);
        assertTrue(out.contains("Horsepower has a missing value"), out);
        assertTrue(out.contains("6 of 406 rows (1.48%), at most 5% (missing.simple_max, default)"), out);
        assertTrue(out.contains("fill gaps with the median of the training rows"), out);
        assertTrue(out.contains("This is a regression"), out);
        // Presence-driven figures: cars has missing values, so its missing-values chart is drawn and its files named.
        try (var figures = Files.list(temp.resolve("figures"))) {
            List<String> pngs = figures.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".png")).toList();
            assertTrue(pngs.size() >= 2, "figures: " + pngs);
            assertTrue(pngs.stream().allMatch(n -> out.contains(n)), "each figure's path is printed: " + pngs);
        }
        assertTrue(out.endsWith("DONE_WITH_CONCERNS: " + outcome.sentence()), out);
        assertTrue(outcome.sentence().contains("rows with no target in Miles_per_Gallon; lopsided columns in Horsepower"), outcome.sentence());
        assertFalse(outcome.sentence().matches(".*[A-Z]+_[A-Z_]+.*"), "no raw finding code: " + outcome.sentence());

        Path artifact = workspace.file(DataCheckResult.ARTIFACT);
        byte[] bytes = Files.readAllBytes(artifact);
        String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        // the sidecar in the form sha256sum -c reads: "<hex>  NAME"
        assertEquals(hex + "  data_check.json\n", Files.readString(workspace.folder().resolve("data_check.json.sha256")));
        JsonObject decision = JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8))
                .getAsJsonObject().getAsJsonObject("decision");
        assertEquals("Miles_per_Gallon", decision.get("target").getAsString());
        assertFalse(decision.getAsJsonArray("features").toString().contains("\"Name\""));
        try (Git git = Git.open(workspace.folder().toFile())) {
            RevCommit head = git.log().call().iterator().next();
            assertTrue(head.getFullMessage().contains("data_check " + hex), head.getFullMessage());
        }
    }

    @Test
    void irisEndsWithTheStatusItsFindingsCallFor() throws Exception {
        StageOutcome outcome = dataCheck(copy("iris.csv"), "--target", "species");
        Workspace workspace = session.workspace();
        String out = output();
        assertTrue(out.contains("3 classes are balanced enough"), out);
        assertTrue(out.contains("a ratio of 1 to 1, below 4 to 1 (target.watch_ratio, default)"), out);
        assertTrue(Files.isRegularFile(workspace.file(DataCheckResult.ARTIFACT)), "iris has no FAIL, so it is sealed");
        assertEquals(IRIS_STATUS, outcome.status(), out);
    }

    // petal length and width correlate above 0.90 in iris, a concern rather than a clean pass
    static final Status IRIS_STATUS = Status.DONE_WITH_CONCERNS;

    @Test
    void anUnknownTargetNeedsContextSuggestsTheNameAndSealsNothing() throws Exception {
        StageOutcome outcome = dataCheck(copy("cars.csv"), "--target", "miles_per_galon");
        Workspace workspace = session.workspace();
        assertEquals(Status.NEEDS_CONTEXT, outcome.status());
        assertTrue(outcome.sentence().contains("Miles_per_Gallon"), outcome.sentence());
        assertTrue(outcome.sentence().contains("--target"), outcome.sentence());
        assertFalse(Files.exists(workspace.file(DataCheckResult.ARTIFACT)));
        assertFalse(Files.exists(workspace.folder().resolve("data_check.json.sha256")));
        assertTrue(output().contains("NEEDS_CONTEXT: "), output());
    }

    @Test
    void tooFewRowsIsBlockedWithTheNumbersAndSealsNothing() throws Exception {
        List<String> lines = Files.readAllLines(SharedData.file("iris.csv"));
        List<String> few = new ArrayList<>(List.of(lines.get(0)));
        for (int start : new int[] {1, 51, 101}) {
            few.addAll(lines.subList(start, start + 8)); // 8 rows of each species: 24 rows, under 30
        }
        Path file = Files.write(temp.resolve("iris-24.csv"), few);
        StageOutcome outcome = dataCheck(file.toString(), "--target", "species");
        Workspace workspace = session.workspace();
        assertEquals(Status.BLOCKED, outcome.status(), output());
        assertTrue(outcome.sentence().contains("too few rows to learn from"), outcome.sentence());
        assertTrue(output().contains("set shape.min_rows (now 30, default) in "), "the limit that blocked is named: " + output());
        assertFalse(outcome.sentence().matches(".*[A-Z]+_[A-Z_]+.*"), "no raw finding code: " + outcome.sentence());
        assertTrue(output().contains("The data has only 24 rows, fewer than 30 (shape.min_rows, default)"), output());
        assertFalse(Files.exists(workspace.file(DataCheckResult.ARTIFACT)));
        try (Git git = Git.open(workspace.folder().toFile())) {
            assertEquals(null, git.getRepository().resolve("HEAD"), "a blocked stage commits nothing");
        }
    }

    @Test
    void manyCorrelatedPairsAreToldOnceStrongestFirst() throws Exception {
        dataCheck(copy("breast_cancer.csv"), "--target", "diagnosis");
        String out = output();
        assertTrue(out.contains("21 pairs of columns have a correlation"), out);
        assertTrue(out.contains("The strongest are mean radius and mean perimeter (0.9979)"), out);
        assertFalse(out.contains("mean radius and mean perimeter have a correlation"), "no sentence per pair: " + out);
    }

    @Test
    void aMissingFileIsBlockedWithOneSentence() throws Exception {
        StageOutcome outcome = dataCheck(temp.resolve("nope.csv").toString(), "--target", "species");
        Workspace workspace = session.workspace();
        assertEquals(Status.BLOCKED, outcome.status());
        assertTrue(outcome.sentence().startsWith("No file at "), outcome.sentence());
        assertFalse(Files.exists(workspace.file(DataCheckResult.ARTIFACT)));
    }

    @Test
    void rerunningAfterALaterStageSaysThatStageIsStale() throws Exception {
        String cars = copy("cars.csv");
        dataCheck(cars, "--target", "Miles_per_Gallon");
        // a real hypothesis sealed on this data check, the later stage that goes stale
        StageOutcome hypothesis = session.run("hypothesize");
        assertTrue(Files.exists(session.workspace().file(Hypothesis.ARTIFACT)), hypothesis + output());
        session.reset();

        StageOutcome again = dataCheck(cars, "--target", "Miles_per_Gallon", "--mitigate", "none");
        assertEquals(Status.DONE_WITH_CONCERNS, again.status(), output());
        assertTrue(output().contains("made 1 later stage stale: the hypothesis (hypothesis.json)"), output());
        assertTrue(output().contains("Sealing the data check again made 1 later stage stale: the hypothesis "
                + "(hypothesis.json); run %hypothesize again next."), output());
        assertTrue(again.sentence().contains("run %hypothesize"), again.sentence());
        assertEquals(List.of("hypothesis"), session.workspace().stale());
    }

    @Test
    void aColumnThatIsAnotherInAnotherFormIsNamedWithItsNumbersAndWhatToDo() throws Exception {
        StringBuilder b = new StringBuilder("x,logx,noise,y\n");
        for (int i = 0; i < 200; i++) {
            double x = i + 1.5; // not whole numbers, or x would read as an identifier
            b.append(x).append(',').append(Math.log(x)).append(',').append((i * 37) % 101).append(',')
                    .append((i * 53) % 97).append('\n');
        }
        Files.writeString(temp.resolve("forms.csv"), b.toString());

        dataCheck("forms.csv", "--target", "y");

        String out = output().replaceAll("\\s+", " ");
        assertTrue(out.contains("logx looks like x in another form, such as a logarithm, a square or a change of "
                + "units: their rank correlation (a correlation worked out on the order of the values rather than the "
                + "values themselves) is 1, at least 0.99 (correlation.same_form, default), so as x rises logx always "
                + "rises, though their correlation"), out);
        assertTrue(out.contains("along a straight line is only 0.8946, within 0.9. A model gets nothing new from the "
                + "second of them; drop one, keeping the one known when predictions are made."), out);
        assertFalse(out.contains("noise looks like"), out);
        assertFalse(out.contains("the strongest pair"), "the pair's r is already in its sentence: " + out);
    }
}
