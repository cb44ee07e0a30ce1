package org.sealbook.toolkit.stage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sealbook.toolkit.data.DataCheckResult;
import org.sealbook.toolkit.data.DataLoader;
import org.sealbook.toolkit.data.Dataset;
import org.sealbook.toolkit.evaluation.Drift;
import org.sealbook.toolkit.evaluation.EvalRecord;
import org.sealbook.toolkit.evaluation.PredictionsCsv;
import org.sealbook.toolkit.explain.Names;
import org.sealbook.toolkit.hypothesis.Contract;
import org.sealbook.toolkit.hypothesis.Hypothesis;
import org.sealbook.toolkit.models.Metrics;
import org.sealbook.toolkit.models.Model;
import org.sealbook.toolkit.pipeline.FrontEnd;
import org.sealbook.toolkit.pipeline.Option;
import org.sealbook.toolkit.pipeline.Result;
import org.sealbook.toolkit.pipeline.Stage;
import org.sealbook.toolkit.pipeline.StageOutcome;
import org.sealbook.toolkit.pipeline.StageProblem;
import org.sealbook.toolkit.pipeline.StageRun;
import org.sealbook.toolkit.pipeline.StageSpec;
import org.sealbook.toolkit.pipeline.Status;
import org.sealbook.toolkit.plan.Plan;
import org.sealbook.toolkit.prepare.Prepared;
import org.sealbook.toolkit.prepare.Preprocessor;
import org.sealbook.toolkit.prepare.TrainingData;
import org.sealbook.toolkit.report.ReportDecision;
import org.sealbook.toolkit.runs.Ledger;
import org.sealbook.toolkit.runs.TrainingRecord;
import org.sealbook.toolkit.workspace.CanonicalJson;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * {@code %eval PATH}: scores the promoted model (or a named run of the sealed batch) on a new file with every metric
 * of the sealed hypothesis, beside its sealed validation and test scores; measures how far each column the model
 * reads has drifted from the training rows; and, for a file without the target, writes the predictions to a CSV in
 * the workspace. Seals {@code eval.json} on the report's seal. Usage: {@code session.run("eval", List.of("new.csv"),
 * null, view)}.
 */
public final class EvalStage implements Stage {
    public static final Option<String> PATH = Option.text("path", "PATH",
            "the new data file to score (CSV or TSV), with the target column to score it, without it for predictions")
            .positional().required();
    public static final Option<String> MODEL = Option.text("model", "promoted|exp_NNN",
            "the model to use: the one the report promoted, or a run of the sealed batch").withDefault("promoted",
            "promoted");
    /** How many drifted columns the sentences name; the table has them all. */
    private static final int NAMED = 3;

    private static final StageSpec SPEC = StageSpec.named("eval", "Score a promoted or trained model on a new file, "
            + "and show how far its rows drift from the training rows").reads(ReportDecision.ARTIFACT)
            .seals(EvalRecord.ARTIFACT).options(PATH, MODEL);

    @Override
    public StageSpec spec() {
        return SPEC;
    }

    @Override
    public Result run(StageRun run) {
        FrontEnd names = run.names();
        String asked = run.option(MODEL).strip();
        boolean promoted = asked.equalsIgnoreCase("promoted");
        if (!promoted && !asked.matches("exp_\\d{3,}")) {
            throw StageProblem.blocked("--model " + asked + " is neither promoted nor a run id such as exp_001; "
                    + "give --model promoted or the id of a run in the report's leaderboard.");
        }
        ReportDecision report = run.input(ReportDecision.ARTIFACT);
        if (promoted && report.promoted() == null) {
            throw StageProblem.blocked("The sealed report promoted no model (it recommended none), so there is no "
                    + "default to score; name a trained run with " + names.call("eval", run.option(PATH), "--model",
                    "exp_NNN") + ", or plan more experiments with " + names.stage("design_experiments")
                    + ", train them and run " + names.stage("report") + ".");
        }
        String id = promoted ? report.promoted().experiment() : asked;
        TrainingData data = TrainingData.load(run.workspace(), run.input(DataCheckResult.ARTIFACT),
                run.input(Hypothesis.ARTIFACT), run.input(Plan.ARTIFACT));
        Ledger ledger = Ledger.read(run.workspace(), run.input(TrainingRecord.ARTIFACT), data.plan(), names);
        Ledger.Entry entry = entry(ledger, id, names);
        Model model = ledger.model(entry, data.contract().seed());

        Dataset file = DataLoader.create().load(run.resolve(run.option(PATH)));
        Table rows = file.table();
        Preprocessor preprocessor = data.preprocessor();
        requireColumns(file, preprocessor.columns(), id, names);
        Contract contract = data.contract();
        String target = contract.target();
        // predicting first also checks each column holds the kind of values it held in training
        double[][] predicted = model.predict(preprocessor.features(rows));
        Table labelled = rows.columnNames().contains(target) ? rows.where(rows.column(target).isNotMissing())
                : rows.emptyCopy();
        Map<String, Double> scores = new LinkedHashMap<>();
        if (labelled.rowCount() > 0) {
            Prepared truth = preprocessor.transform(labelled);
            scores.putAll(Metrics.compute(contract.lockedMetrics(), truth, model.predict(truth.x()), preprocessor));
        }
        List<Drift.ColumnDrift> drift = drift(preprocessor, data.rawTrainingRows(run.workspace()), rows);
        Map<String, byte[]> attachments = new LinkedHashMap<>();
        String predictionsFile = null;
        String predictionsSha256 = null;
        if (labelled.rowCount() == 0) {
            byte[] csv = preprocessor.classes().isEmpty()
                    ? PredictionsCsv.values(target, predicted, preprocessor::inverseTarget)
                    : PredictionsCsv.classes(target, preprocessor.classes(), predicted);
            predictionsFile = "evaluations/" + stem(file.source()) + "-" + id + "-predictions.csv";
            predictionsSha256 = CanonicalJson.sha256(csv);
            attachments.put(predictionsFile, csv);
        }
        EvalRecord record = new EvalRecord(file.source().toString(), file.sha256(), rows.rowCount(),
                labelled.rowCount(), id, promoted ? "promoted" : "run", scores, drift, predictionsFile,
                predictionsSha256);
        EvalText text = new EvalText(record, contract, entry.scores(), testScores(report, id), run.explainer(), names);
        run.view().explain("What I did", text.whatIDid(data.train().rows(), target));
        if (!scores.isEmpty()) {
            run.view().table("Scores on the new rows", text.scoreTable());
            run.view().explain("What the scores mean", text.scores());
        }
        run.view().table("Drift from the training rows", text.driftTable());
        run.view().explain("Drift", text.drift(NAMED));
        boolean moved = drift.stream().anyMatch(Drift.ColumnDrift::movedALot);
        boolean worse = text.worseThanValidation();
        Path written = predictionsFile == null ? null : run.workspace().folder().resolve(predictionsFile);
        return Result.seal(record).attach(attachments)
                .said(s -> "The evaluation is sealed in " + s.file() + " (SHA-256 " + s.shortHash() + "), with the "
                        + "new file's SHA-256 " + file.sha256().substring(0, 12) + (written == null ? ""
                        : "; the predictions are in " + written) + ".")
                .then(s -> moved || worse ? new StageOutcome(Status.DONE_WITH_CONCERNS, text.concern(moved, worse))
                        : new StageOutcome(Status.DONE, text.summary(written)));
    }

    private static Ledger.Entry entry(Ledger ledger, String id, FrontEnd names) {
        Optional<Ledger.Entry> found = ledger.entries().stream().filter(e -> e.experiment().id().equals(id))
                .findFirst();
        if (found.isEmpty()) {
            List<String> ids = ledger.entries().stream().map(e -> e.experiment().id()).toList();
            throw StageProblem.blocked("Batch " + ledger.batch() + " has no run " + id + "; the nearest are "
                    + String.join(", ", Names.closest(id, ids, 3)) + ", so give one of those with --model.");
        }
        if (found.get().model() == null) {
            throw StageProblem.blocked(id + " left no model (it ended " + found.get().status() + "), so it cannot "
                    + "score anything; pick another run from the report's leaderboard with --model, or "
                    + names.call("train", "--resume") + " to finish it.");
        }
        return found.get();
    }

    /** Every column the recipe reads must be in the file: the first missing one is named, with the nearest names. */
    private static void requireColumns(Dataset file, List<String> needed, String id, FrontEnd names) {
        List<String> have = file.table().columnNames();
        List<String> missing = needed.stream().filter(c -> !have.contains(c)).toList();
        if (!missing.isEmpty()) {
            String first = missing.get(0);
            throw StageProblem.blocked("The file " + file.name() + " has no column '" + first + "'"
                    + (missing.size() > 1 ? " (nor " + String.join(", ", missing.subList(1, missing.size())) + ")" : "")
                    + ", which " + id + " needs as it was trained on it; its nearest columns are "
                    + String.join(", ", Names.closest(first, have, 3)) + ", so add or rename the column and run "
                    + names.stage("eval") + " again.");
        }
    }

    /** Each column the recipe reads, the new rows against the training rows, most drifted first. */
    private static List<Drift.ColumnDrift> drift(Preprocessor preprocessor, Table training, Table rows) {
        List<Drift.ColumnDrift> out = new ArrayList<>();
        for (String column : preprocessor.columns()) {
            Optional<double[]> before = preprocessor.numericValues(column, training);
            if (before.isPresent()) {
                out.add(Drift.numbers(column, before.get(), preprocessor.numericValues(column, rows).orElseThrow()));
            } else {
                out.add(Drift.categories(column, texts(training.column(column)), texts(rows.column(column))));
            }
        }
        out.sort(Comparator.comparingDouble(Drift.ColumnDrift::psi).reversed());
        return out;
    }

    private static List<String> texts(Column<?> c) {
        boolean allMissing = c.countMissing() == c.size(); // such a column may be typed differently in the file
        List<String> out = new ArrayList<>(c.size());
        for (int i = 0; i < c.size(); i++) {
            out.add(allMissing || c.isMissing(i) ? null : c.getString(i));
        }
        return out;
    }

    /** The run's sealed test scores, when the report's one use of the test rows scored it; empty otherwise. */
    private static Map<String, Double> testScores(ReportDecision report, String id) {
        return report.finalScore().map(f -> f.winner().experiment().equals(id) ? f.winner().metrics()
                : f.baseline().experiment().equals(id) ? f.baseline().metrics() : Map.<String, Double>of())
                .orElse(Map.of());
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString().replaceFirst("(\\.csv|\\.tsv)?(\\.gz)?$", "");
        String stem = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        return stem.isEmpty() ? "rows" : stem;
    }
}
