package org.sealbook.toolkit.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealbook.toolkit.Sessions;
import org.sealbook.toolkit.SharedData;
import java.util.Map;
import java.util.stream.Collectors;
import org.sealbook.toolkit.evaluation.EvalRecord;
import org.sealbook.toolkit.explain.Numbers;
import org.sealbook.toolkit.hypothesis.Splits;
import org.sealbook.toolkit.hypothesis.Hypothesis;
import org.sealbook.toolkit.pipeline.StageOutcome;
import org.sealbook.toolkit.pipeline.Status;
import org.sealbook.toolkit.report.ReportDecision;
import org.sealbook.toolkit.runs.TrainingRecord;
import org.sealbook.toolkit.workspace.CanonicalJson;
import org.sealbook.toolkit.workspace.Workspace;

/**
 * %eval on cars after the five stages (and the final evaluation) ran for real, on new files written from real rows:
 * the held-out test rows (scored exactly as the sealed final evaluation scored them), later model years (drifted),
 * rows without the target (predictions only), rows with a column taken away, and rows whose weights were changed;
 * every refusal writes nothing.
 */
class EvalStageTest {
    @TempDir
    static Path temp;
    private static Sessions session;
    private static Workspace workspace;
    private static List<String> lines;

    @BeforeAll
    static void aReportWithAWinnerAndNewFiles() throws Exception {
        Files.copy(SharedData.file("cars.csv"), temp.resolve("cars.csv"));
        session = Sessions.in(temp);
        session.run("data_check", "cars.csv", "--target", "Miles_per_Gallon");
        session.run("hypothesize");
        assertEquals(Status.DONE, session.run("design_experiments", "--drop", "exp_003,exp_004,exp_005,exp_006",
                "--concurrency", "2").status(), session.output());
        StageOutcome trained = session.run("train", "--wait");
        assertTrue(trained.status() == Status.DONE || trained.status() == Status.DONE_WITH_CONCERNS, session.output());
        assertEquals(Status.DONE, session.run("report").status(), session.output());
        assertEquals(Status.DONE, session.run("report", "--final").status(), session.output());
        workspace = session.workspace();
        lines = Files.readAllLines(temp.resolve("cars.csv"));
    }

    private static ReportDecision report() {
        return workspace.read("test", ReportDecision.ARTIFACT, session.session().names());
    }

    /** The data file's header and its rows number {@code from} to {@code to} (1-based, data rows only). */
    private static Path newFile(String name, int from, int to, java.util.function.UnaryOperator<String> header,
                                java.util.function.UnaryOperator<String> row) throws Exception {
        List<String> out = new ArrayList<>();
        out.add(header.apply(lines.get(0)));
        for (int i = from; i <= to; i++) {
            out.add(row.apply(lines.get(i)));
        }
        return Files.write(temp.resolve(name), out);
    }

    @Test
    void theHeldOutTestRowsWrittenToANewFileScoreExactlyAsTheSealedFinalEvaluationDid() throws Exception {
        // the rows with a target, in file order, are what the split's indexes count
        List<String> labelled = lines.subList(1, lines.size()).stream().filter(l -> !l.split(",", -1)[1].isEmpty())
                .toList();
        var contract = workspace.read("test", Hypothesis.ARTIFACT, session.session().names()).contract();
        int[] test = Splits.read(workspace.folder(), contract.splits()).test();
        List<String> out = new ArrayList<>();
        out.add(lines.get(0));
        for (int i : test) {
            out.add(labelled.get(i));
        }
        Path file = Files.write(temp.resolve("held-out.csv"), out);
        session.reset();

        StageOutcome outcome = session.run("eval", "held-out.csv");

        // held-out rows of the same data: whatever their PSI, no column moved more than chance explains
        assertEquals(Status.DONE, outcome.status(), outcome.sentence() + "\n" + session.output());
        EvalRecord record = workspace.read("test", EvalRecord.ARTIFACT, session.session().names());
        assertTrue(record.drift().stream().noneMatch(d -> d.movedALot()), record.drift().toString());
        ReportDecision report = report();
        assertEquals(report.promoted().experiment(), record.experiment());
        assertEquals("promoted", record.chosenAs());
        assertEquals(CanonicalJson.sha256(Files.readAllBytes(file)), record.sha256());
        assertEquals(test.length, record.rows());
        assertEquals(test.length, record.scoredRows());
        assertEquals(contract.lockedMetrics().stream().map(m -> m.label()).collect(Collectors.toSet()),
                record.scores().keySet());
        // the same model on the same rows through the same recipe: the sealed test scores, to the last digit
        Map<String, Double> sealed = report.finalScore().orElseThrow().winner().metrics();
        record.scores().forEach((metric, score) -> assertEquals(sealed.get(metric), score, 1e-9, metric));
        assertEquals(null, record.predictions());
        String said = session.output();
        assertTrue(said.contains("validation rows (sealed)"), said);
        assertTrue(said.contains(Numbers.number(sealed.get(contract.primary().label())) + " on the locked test rows"),
                said);
        // each term is explained once per session, whichever test ran first
        assertTrue(session.session().explainer().termsUsed().containsAll(List.of("drift", "PSI", "KS distance")));
        String most = record.drift().get(0).column();
        assertTrue(said.contains("The columns that moved most: " + most + " (PSI "), said);
    }

    @Test
    void carsFromLaterYearsHaveDriftedMostInTheirYear() throws Exception {
        newFile("later.csv", 300, 406, h -> h, r -> r);

        StageOutcome outcome = session.run("eval", "later.csv");

        assertEquals(Status.DONE_WITH_CONCERNS, outcome.status(), outcome.sentence());
        EvalRecord record = workspace.read("test", EvalRecord.ARTIFACT, session.session().names());
        assertEquals("Year", record.drift().get(0).column());
        assertTrue(record.drift().get(0).psi() >= 0.25, record.drift().toString());
        // one of the 107 rows has no target: it is predicted, not scored
        assertEquals(107, record.rows());
        assertEquals(106, record.scoredRows());
    }

    @Test
    void rowsWithoutTheTargetArePredictedIntoACsvWhosePathIsPrinted() throws Exception {
        newFile("unlabelled.csv", 1, 40, h -> withoutColumn(h, 1), r -> withoutColumn(r, 1));
        session.reset();

        StageOutcome outcome = session.run("eval", "unlabelled.csv");

        assertTrue(outcome.status() != Status.BLOCKED, outcome.sentence());
        EvalRecord record = workspace.read("test", EvalRecord.ARTIFACT, session.session().names());
        assertEquals(0, record.scoredRows());
        assertTrue(record.scores().isEmpty());
        Path csv = workspace.folder().resolve(record.predictions());
        assertTrue(session.output().contains(csv.toString()), session.output());
        List<String> predicted = Files.readAllLines(csv);
        assertEquals("row,predicted Miles_per_Gallon", predicted.get(0));
        assertEquals(41, predicted.size());
        double first = Double.parseDouble(predicted.get(1).split(",")[1]);
        assertTrue(first > 5 && first < 60, "miles per gallon on its own scale: " + first);
        assertEquals(CanonicalJson.sha256(Files.readAllBytes(csv)), record.predictionsSha256());
    }

    @Test
    void aFileWithoutAColumnTheModelNeedsIsRefusedNamingItAndNothingIsWritten() throws Exception {
        int horsepower = List.of(lines.get(0).split(",")).indexOf("Horsepower");
        newFile("no-horsepower.csv", 1, 50, h -> withoutColumn(h, horsepower).replace("Weight_in_lbs", "Weight"),
                r -> withoutColumn(r, horsepower));
        WorkspaceSnapshot before = WorkspaceSnapshot.of(workspace.folder());

        StageOutcome outcome = session.run("eval", "no-horsepower.csv");

        assertEquals(Status.BLOCKED, outcome.status());
        assertTrue(outcome.sentence().startsWith("The file no-horsepower.csv has no column 'Horsepower' (nor "
                + "Weight_in_lbs), which " + report().promoted().experiment() + " needs as it was trained on it; its "
                + "nearest columns are "), outcome.sentence());
        assertEquals(before, WorkspaceSnapshot.of(workspace.folder()));
    }

    @Test
    void rowsWhoseWeightMovedAreFlaggedWithTheirPsi() throws Exception {
        int weight = List.of(lines.get(0).split(",")).indexOf("Weight_in_lbs");
        newFile("heavier.csv", 1, 200, h -> h, r -> {
            String[] f = r.split(",", -1);
            f[weight] = String.valueOf(Double.parseDouble(f[weight]) * 1.8);
            return String.join(",", f);
        });

        StageOutcome outcome = session.run("eval", "heavier.csv");

        assertEquals(Status.DONE_WITH_CONCERNS, outcome.status(), outcome.sentence());
        EvalRecord record = workspace.read("test", EvalRecord.ARTIFACT, session.session().names());
        assertEquals("Weight_in_lbs", record.drift().get(0).column());
        assertTrue(record.drift().get(0).psi() > 1, record.drift().toString());
        assertTrue(outcome.sentence().contains("Weight_in_lbs (PSI "), outcome.sentence());
    }

    @Test
    void anUnknownRunAndAMissingFileAreRefusedInOneSentenceAndNothingIsWritten() throws Exception {
        WorkspaceSnapshot before = WorkspaceSnapshot.of(workspace.folder());
        int runs = workspace.read("test", TrainingRecord.ARTIFACT, session.session().names()).runs().size();

        StageOutcome unknown = session.run("eval", "cars.csv", "--model", "exp_099");
        StageOutcome missing = session.run("eval", "nowhere.csv");
        StageOutcome wrong = session.run("eval", "cars.csv", "--model", "best");

        assertEquals(Status.BLOCKED, unknown.status());
        assertTrue(unknown.sentence().matches("Batch b[0-9a-f]{8} has no run exp_099; the nearest are exp_00\\d, "
                + "exp_00\\d, exp_00\\d, so give one of those with --model\\."), unknown.sentence() + " of " + runs);
        assertEquals(Status.BLOCKED, missing.status());
        assertTrue(missing.sentence().startsWith("No file at " + temp.resolve("nowhere.csv")), missing.sentence());
        assertEquals("--model best is neither promoted nor a run id such as exp_001; give --model promoted or the id "
                + "of a run in the report's leaderboard.", wrong.sentence());
        assertEquals(before, WorkspaceSnapshot.of(workspace.folder()));
    }

    @Test
    void aNamedRunIsScoredInsteadOfThePromotedOne() throws Exception {
        StageOutcome outcome = session.run("eval", "cars.csv", "--model", "exp_000");

        assertTrue(outcome.status() != Status.BLOCKED, outcome.sentence());
        EvalRecord record = workspace.read("test", EvalRecord.ARTIFACT, session.session().names());
        assertEquals("exp_000", record.experiment());
        assertEquals("run", record.chosenAs());
    }

    @Test
    void withoutAWinnerScalingAndThePromotedModelAreRefusedNamingTheCellButANamedRunIsScored() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("no-winner"));
        Files.copy(SharedData.file("diabetes.csv"), folder.resolve("diabetes.csv"));
        Sessions strict = Sessions.in(folder);
        strict.run("data_check", "diabetes.csv", "--target", "progression");
        // a 90% improvement over the baseline is more than any model here can show, so none wins
        strict.run("hypothesize", "--min-improvement", "0.9");
        strict.run("design_experiments", "--drop", "exp_002,exp_003,exp_004,exp_005,exp_006,exp_007");
        strict.run("train", "--wait");
        assertEquals(Status.DONE_WITH_CONCERNS, strict.run("report").status(), strict.output());
        assertTrue(strict.workspace().read("test", ReportDecision.ARTIFACT, strict.session().names()).winnerId()
                .isEmpty(), strict.output());
        WorkspaceSnapshot before = WorkspaceSnapshot.of(strict.workspace().folder());

        StageOutcome scaling = strict.run("scaling");
        StageOutcome promoted = strict.run("eval", "diabetes.csv");

        assertEquals(Status.BLOCKED, scaling.status());
        assertEquals("The sealed report recommended no winner, so there is no model family to measure; plan other "
                + "experiments with %design_experiments, train them and run %report until one wins.",
                scaling.sentence());
        assertEquals(Status.BLOCKED, promoted.status());
        assertEquals("The sealed report promoted no model (it recommended none), so there is no default to score; "
                + "name a trained run with %eval diabetes.csv --model exp_NNN, or plan more experiments with "
                + "%design_experiments, train them and run %report.", promoted.sentence());
        assertEquals(before, WorkspaceSnapshot.of(strict.workspace().folder()));

        StageOutcome named = strict.run("eval", "diabetes.csv", "--model", "exp_001");
        assertTrue(named.status() != Status.BLOCKED, named.sentence());
        assertEquals("exp_001", strict.workspace().read("test", EvalRecord.ARTIFACT, strict.session().names())
                .experiment());
    }

    private static String withoutColumn(String line, int index) {
        List<String> fields = new ArrayList<>(List.of(line.split(",", -1)));
        fields.remove(index);
        return String.join(",", fields);
    }
}
