package org.sealbook.toolkit.stage;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sealbook.toolkit.explain.Numbers;
import org.sealbook.toolkit.data.DataCheckResult;
import org.sealbook.toolkit.hypothesis.Hypothesis;
import org.sealbook.toolkit.hypothesis.Metric;
import org.sealbook.toolkit.models.Metrics;
import org.sealbook.toolkit.models.Model;
import org.sealbook.toolkit.pipeline.Result;
import org.sealbook.toolkit.pipeline.StageOutcome;
import org.sealbook.toolkit.pipeline.StageRun;
import org.sealbook.toolkit.pipeline.Status;
import org.sealbook.toolkit.plan.Plan;
import org.sealbook.toolkit.prepare.Prepared;
import org.sealbook.toolkit.prepare.TrainingData;
import org.sealbook.toolkit.report.Dashboard;
import org.sealbook.toolkit.report.ReportDecision;
import org.sealbook.toolkit.report.ReportDecision.FinalScore;
import org.sealbook.toolkit.report.ReportDecision.Scored;
import org.sealbook.toolkit.runs.Ledger;
import org.sealbook.toolkit.runs.TrainingRecord;
import org.sealbook.toolkit.view.View;
import org.sealbook.toolkit.workspace.Workspace;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * {@code %report --final}: the sealed report's winner and the baseline scored on the locked test rows, exactly
 * once. The scores are sealed before anyone sees them, so a failure leaves the test rows unused, never used twice;
 * a second call is refused and shows the first result again.
 */
final class FinalEvaluation {
    private FinalEvaluation() {
    }

    static Result run(StageRun run) {
        View view = run.view();
        Workspace workspace = run.workspace();
        ReportDecision report = workspace.read("report", ReportDecision.ARTIFACT, run.names());
        if (report.finalScore().isPresent()) {
            FinalScore first = report.finalScore().get();
            view.table("The test rows' one result", table(first));
            return Result.end(Status.BLOCKED, "The locked test rows were used once already, at " + first.at()
                    + ", to score " + first.winner().experiment() + "; the scores are shown again above. They stay "
                    + "locked: a second look would let the test rows steer the choice, and their score would no "
                    + "longer be an honest estimate.");
        }
        if (report.winnerId().isEmpty()) {
            return Result.end(Status.BLOCKED, "The report recommended no winner, so there is nothing to score on the "
                    + "test rows; they stay locked for a plan that finds one.");
        }
        TrainingData data = TrainingData.load(workspace, run.input(DataCheckResult.ARTIFACT),
                run.input(Hypothesis.ARTIFACT), run.input(Plan.ARTIFACT));
        Ledger ledger = Ledger.read(workspace, run.input(TrainingRecord.ARTIFACT), data.plan(), run.names());
        String winner = report.winner();
        Ledger.Entry baselineEntry = ledger.entries().get(0);
        Ledger.Entry winnerEntry = ledger.entries().stream().filter(e -> e.experiment().id().equals(winner))
                .findFirst().orElseThrow(() -> new IllegalStateException("The report's winner " + winner
                        + " is not in the sealed training; run " + run.names().stage("report") + " again."));
        Prepared test = data.lockedTestRows(workspace);
        FinalScore score = new FinalScore(run.now().truncatedTo(ChronoUnit.SECONDS).toString(), test.rows(),
                scored(winnerEntry, ledger, data, test), scored(baselineEntry, ledger, data, test));
        return Result.seal(report.withFinal(score))
                .said(s -> "The test rows' result is sealed with the report in " + s.file() + " (SHA-256 "
                        + s.sha256() + "), before it is shown, so the test rows count as used even if showing fails.")
                .then(s -> show(run, data, winnerEntry, score));
    }

    private static StageOutcome show(StageRun run, TrainingData data, Ledger.Entry winnerEntry, FinalScore score) {
        View view = run.view();
        JsonObject dashboard = readDashboard(run.workspace());
        dashboard.add("final", score.forDashboard());
        Dashboard.write(run.workspace().folder(), dashboard);

        Metric primary = data.contract().primary();
        String winner = score.winner().experiment();
        double testScore = score.winner().metrics().get(primary.label());
        double baselineScore = score.baseline().metrics().get(primary.label());
        double validation = winnerEntry.scores().getOrDefault("val_" + primary.label(), Double.NaN);
        view.table("The test rows' one result", table(score));
        double worse = primary.higherIsBetter() ? validation - testScore : testScore - validation;
        view.explain("What the test score means", winner + " scored " + Numbers.number(testScore) + " ("
                + primary.label() + ") on the " + score.rows() + " test rows, against " + Numbers.number(validation)
                + " on the validation rows; the baseline scored " + Numbers.number(baselineScore) + ". "
                + (worse > 0 ? "The test score is a little worse, as expected: the validation rows helped choose "
                + winner + ", so its validation score is slightly flattering. "
                : "The test score is as good or better: which rows landed in each split moves scores by chance. ")
                + "The test score is the one to quote: nothing was chosen by looking at it.");
        return new StageOutcome(Status.DONE, winner + " scored " + Numbers.number(testScore) + " " + primary.label()
                + " on the locked test rows (the baseline " + Numbers.number(baselineScore) + "); the test rows are "
                + "now used and stay locked.");
    }

    private static Scored scored(Ledger.Entry entry, Ledger ledger, TrainingData data, Prepared test) {
        Model model = ledger.model(entry, data.contract().seed());
        Map<String, Double> metrics = new LinkedHashMap<>();
        Metrics.compute(data.contract().lockedMetrics(), test, model.predict(test.x()), data.preprocessor())
                .forEach((k, v) -> {
                    if (Double.isFinite(v)) {
                        metrics.put(k, v);
                    }
                });
        return new Scored(entry.experiment().id(), metrics);
    }

    private static Table table(FinalScore score) {
        StringColumn metric = StringColumn.create("metric");
        StringColumn winner = StringColumn.create(score.winner().experiment());
        StringColumn baseline = StringColumn.create(score.baseline().experiment() + " (baseline)");
        Map<String, Double> b = score.baseline().metrics();
        score.winner().metrics().forEach((name, value) -> {
            metric.append(name + " on the test rows");
            winner.append(Numbers.number(value));
            baseline.append(b.containsKey(name) ? Numbers.number(b.get(name)) : "-");
        });
        return Table.create("Test rows", metric, winner, baseline);
    }

    private static JsonObject readDashboard(Workspace workspace) {
        try {
            return JsonParser.parseString(Files.readString(workspace.folder().resolve(Dashboard.FILE_NAME)))
                    .getAsJsonObject();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Could not read " + Dashboard.FILE_NAME + " in " + workspace.folder()
                    + "; run the report again to rebuild it.", e);
        }
    }
}
