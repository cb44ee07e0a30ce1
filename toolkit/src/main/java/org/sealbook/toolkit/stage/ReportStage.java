package org.sealbook.toolkit.stage;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sealbook.toolkit.chart.PermutationImportance;
import org.sealbook.toolkit.chart.ReportFigures;
import org.sealbook.toolkit.data.DataCheckResult;
import org.sealbook.toolkit.explain.Explainer;
import org.sealbook.toolkit.explain.Numbers;
import org.sealbook.toolkit.hypothesis.Contract;
import org.sealbook.toolkit.hypothesis.Family;
import org.sealbook.toolkit.hypothesis.Hypothesis;
import org.sealbook.toolkit.hypothesis.Metric;
import org.sealbook.toolkit.models.Metrics;
import org.sealbook.toolkit.models.Model;
import org.sealbook.toolkit.models.PromotedModel;
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
import org.sealbook.toolkit.prepare.TrainingData;
import org.sealbook.toolkit.report.Dashboard;
import org.sealbook.toolkit.report.DashboardDocument;
import org.sealbook.toolkit.report.HtmlReport;
import org.sealbook.toolkit.report.ReportDecision;
import org.sealbook.toolkit.report.ReportDecision.FinalScore;
import org.sealbook.toolkit.report.ReviewedBatch;
import org.sealbook.toolkit.report.Section;
import org.sealbook.toolkit.review.MetricReview;
import org.sealbook.toolkit.review.MetricReviewer;
import org.sealbook.toolkit.review.ParetoPoint;
import org.sealbook.toolkit.review.ReviewFinding;
import org.sealbook.toolkit.review.ReviewedRun;
import org.sealbook.toolkit.review.RunEvidence;
import org.sealbook.toolkit.review.StrategyDecision;
import org.sealbook.toolkit.review.StrategyReport;
import org.sealbook.toolkit.review.StrategyReview;
import org.sealbook.toolkit.review.StrategyReviewer;
import org.sealbook.toolkit.review.Verdicts;
import org.sealbook.toolkit.runs.Batch;
import org.sealbook.toolkit.runs.Ledger;
import org.sealbook.toolkit.runs.RunStatus;
import org.sealbook.toolkit.runs.TrainingRecord;
import org.sealbook.toolkit.session.Session;
import org.sealbook.toolkit.view.Figure;
import org.sealbook.toolkit.view.View;
import org.sealbook.toolkit.workspace.CanonicalJson;
import org.sealbook.toolkit.workspace.Workspace;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The last stage: reviews the sealed training on the validation rows with the metric and strategy reviewers,
 * shows a presence-driven report (each section only when its data exists), writes {@code dashboard.json} and a
 * self-contained {@code report.html} in the workspace, seals the verdicts and promotes the winner; with
 * {@code --final}, the {@link FinalEvaluation} on the locked test rows, once.
 * Usage: {@code session.run("report", List.of(), null, view)}.
 */
public final class ReportStage implements Stage {
    public static final String REPORT_FILE = "report.html";
    public static final Option<Boolean> FINAL = Option.flag("final",
            "score the winner and the baseline on the locked test rows, once");
    /** Permutation importance shuffles each column this many times; enough to rank, cheap on validation rows. */
    private static final int IMPORTANCE_REPEATS = 3;
    /** The sealed records the report verifies before it reads the runs: the data check to the training. */
    private static final int SEALED_RECORDS = TrainingRecord.ARTIFACT.chain().size();

    private static final StageSpec SPEC = StageSpec.named("report", "Review the trained batch on the validation "
                    + "rows, show the report and seal the verdicts").reads(TrainingRecord.ARTIFACT)
            .seals(ReportDecision.ARTIFACT).options(FINAL);

    @Override
    public StageSpec spec() {
        return SPEC;
    }

    /** Refused while the session's batch still trains, naming its runs: its training is not sealed yet. */
    @Override
    public void ready(Session session) {
        Optional<Batch> batch = session.batch().filter(b -> !b.isFinished());
        if (batch.isPresent()) {
            List<String> going = batch.get().status().stream().filter(r -> !r.status().isFinal())
                    .map(r -> r.id() + " " + r.status().words()).toList();
            throw StageProblem.blocked("Batch " + batch.get().id() + " is still training (" + String.join(", ", going)
                    + "), so it cannot be judged yet; wait for it with " + session.names().call("train", "--wait")
                    + ", then run " + session.names().stage("report") + ".");
        }
    }

    @Override
    public Result run(StageRun run) {
        return run.option(FINAL) ? FinalEvaluation.run(run) : review(run);
    }

    private static Result review(StageRun run) {
        Workspace workspace = run.workspace();
        View view = run.view();
        TrainingData data = TrainingData.load(workspace, run.input(DataCheckResult.ARTIFACT),
                run.input(Hypothesis.ARTIFACT), run.input(Plan.ARTIFACT));
        Contract contract = data.contract();
        TrainingRecord training = run.input(TrainingRecord.ARTIFACT);
        Ledger ledger = Ledger.read(workspace, training, data.plan(), run.names());
        List<Ledger.Entry> entries = ledger.entries();
        String batch = ledger.batch();
        refuseWhatCannotBeJudged(entries, batch, run.names());

        Map<String, Model> models = new LinkedHashMap<>();
        List<RunEvidence> evidence = new ArrayList<>();
        for (Ledger.Entry entry : entries) {
            Model model = entry.model() == null ? null : ledger.model(entry, contract.seed());
            double[][] predictions = null;
            double perRow = Double.NaN;
            if (model != null) {
                models.put(entry.experiment().id(), model);
                long start = System.nanoTime();
                predictions = model.predict(data.validation().x());
                perRow = (System.nanoTime() - start) / 1e9 / data.validation().rows();
            }
            // the reviewers weigh the model's real size: its weights, or every tree node
            evidence.add(new RunEvidence(entry.experiment(), entry.status(), entry.scores(), entry.history(),
                    model == null ? entry.complexity() : model.size(), entry.seconds(), perRow, predictions,
                    entry.converged()));
        }
        ReviewedBatch reviewed = reviewBatch(batch, evidence, data, run.names());
        List<Section> sections = sections(data, reviewed, models, run.explainer());
        for (Section section : sections) {
            show(view, section);
        }
        JsonObject dashboard = DashboardDocument.build(reviewed, training,
                sha256(workspace.file(Hypothesis.ARTIFACT)), SEALED_RECORDS);

        // the test rows were used once: a new review keeps that record, so they are never used a second time
        Optional<FinalScore> used = workspace.peek(ReportDecision.ARTIFACT, run.names())
                .flatMap(ReportDecision::finalScore);
        used.ifPresent(score -> dashboard.add("final", score.forDashboard()));
        Map<String, byte[]> attachments = new LinkedHashMap<>();
        ReportDecision.Promotion promoted = null;
        String promotion = "";
        Optional<String> winner = reviewed.winner();
        if (winner.isPresent()) {
            String id = winner.get();
            Ledger.Entry entry = entries.stream().filter(e -> e.experiment().id().equals(id)).findFirst().orElseThrow();
            java.io.ByteArrayOutputStream saved = new java.io.ByteArrayOutputStream();
            try {
                models.get(id).save(saved);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("Could not save " + id + " to promote it (" + e.getMessage()
                        + "); nothing was promoted.", e);
            }
            attachments.putAll(PromotedModel.files(entry.experiment(), contract.seed(), batch, data.preprocessor(),
                    saved.toByteArray()));
            workspace.promote(batch, id);
            promoted = new ReportDecision.Promotion(id, Workspace.promotedTag(id), Workspace.EXPERIMENTS_BRANCH);
            JsonObject p = new JsonObject();
            p.addProperty("experiment", id);
            p.addProperty("tag", promoted.tag());
            p.addProperty("branch", promoted.branch());
            dashboard.add("promoted", p);
            promotion = " " + id + " is promoted: merged into " + Workspace.EXPERIMENTS_BRANCH + ", tagged "
                    + promoted.tag() + ", and saved with its preprocessing in "
                    + workspace.folder().resolve(PromotedModel.FOLDER) + ", where PromotedModel.load(Path.of(\""
                    + workspace.folder() + "\")).predict(rows) uses it.";
        }
        Path dashboardFile = Dashboard.write(workspace.folder(), dashboard);
        Path html = HtmlReport.write(workspace.folder().resolve(REPORT_FILE), "Report on batch " + batch, sections);
        byte[] written;
        try {
            written = Files.readAllBytes(dashboardFile);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Could not read back the report files in " + workspace.folder()
                    + " to seal them; check that the folder is readable and run " + run.names().stage("report")
                    + " again.", e);
        }
        attachments.put(Dashboard.FILE_NAME, written);
        ReportDecision decision = new ReportDecision(batch, winner.orElse(null), reviewed.words(), promoted,
                used.orElse(null), CanonicalJson.sha256(written), sha256(html));
        String where = promotion + " The dashboard is " + dashboardFile + " and the report, which opens in any browser "
                + "with no internet, is " + html + ".";
        return Result.seal(decision).attach(attachments)
                .said(s -> "The verdicts are sealed in " + s.file() + " with SHA-256 " + s.sha256() + ", with the "
                        + "dashboard" + (winner.isPresent() ? " and the promoted model" : "") + ".")
                .then(s -> new StageOutcome(winner.isPresent() ? Status.DONE : Status.DONE_WITH_CONCERNS,
                        reviewed.recommendation() + where));
    }

    /** The metric reviewer on every run against the baseline, then the strategy reviewer on the accepted ones. */
    private static ReviewedBatch reviewBatch(String batch, List<RunEvidence> evidence, TrainingData data,
                                             FrontEnd names) {
        Contract contract = data.contract();
        RunEvidence baseline = evidence.get(0);
        Map<String, MetricReview> metricReviews = new LinkedHashMap<>();
        List<ReviewedRun> reviewed = new ArrayList<>();
        for (RunEvidence run : evidence) {
            MetricReview review = MetricReviewer.review(run, baseline, contract, data.validation(), data.preprocessor());
            metricReviews.put(run.id(), review);
            if (run != baseline) {
                reviewed.add(new ReviewedRun(run, review));
            }
        }
        StrategyReport strategy = StrategyReviewer.review(reviewed, baseline, contract);
        Optional<String> winner = strategy.recommendedWinner();
        Metric primary = contract.primary();
        Map<String, String> words = new LinkedHashMap<>();
        for (RunEvidence run : evidence) {
            words.put(run.id(), Verdicts.words(run.status(), metricReviews.get(run.id()),
                    strategy.review(run.id()).orElse(null)));
        }
        return new ReviewedBatch(batch, evidence, metricReviews, strategy, words, winner,
                recommendation(winner, words, metricReviews, strategy, primary, evidence),
                nextSteps(winner, metricReviews, strategy, evidence, names), primary);
    }

    /** The bad batches, one sentence each: nothing is reviewed, written or sealed. */
    private static void refuseWhatCannotBeJudged(List<Ledger.Entry> entries, String batch, FrontEnd names) {
        if (entries.size() < 2) {
            throw StageProblem.blocked("Batch " + batch + " has only the baseline, so there is nothing to compare "
                    + "with it; add experiments with " + names.stage("design_experiments") + ", train them with "
                    + names.stage("train") + ", then run " + names.stage("report") + ".");
        }
        Ledger.Entry baseline = entries.get(0);
        if (baseline.model() == null || baseline.status() != RunStatus.DONE) {
            throw StageProblem.blocked("The baseline " + baseline.experiment().id() + " ended "
                    + baseline.status() + " (" + Verdicts.words(baseline.status(), null, null) + "), so no run can be "
                    + "judged against it; run " + names.call("train", "--resume") + " to finish it, then "
                    + names.stage("report") + ".");
        }
        boolean anyTrained = entries.stream().skip(1).anyMatch(e -> e.model() != null);
        if (!anyTrained) {
            throw StageProblem.blocked("Every experiment of batch " + batch + " after the baseline ended without a "
                    + "model (" + String.join(", ", entries.stream().skip(1).map(e -> e.experiment().id() + " "
                    + Verdicts.words(e.status(), null, null)).toList()) + "), so there is nothing to judge; read why "
                    + "in " + names.call("train", "status") + ", change the plan with "
                    + names.stage("design_experiments") + " and train again.");
        }
    }

    private static List<Section> sections(TrainingData data, ReviewedBatch reviewed, Map<String, Model> models,
                                          Explainer explainer) {
        List<RunEvidence> evidence = reviewed.evidence();
        Map<String, MetricReview> reviews = reviewed.reviews();
        StrategyReport strategy = reviewed.strategy();
        String batch = reviewed.batch();
        Metric primary = data.contract().primary();
        List<Section> sections = new ArrayList<>();
        sections.add(new Section("What I did", List.of("I reviewed the " + evidence.size() + " experiments of batch "
                + batch + " on the " + data.validation().rows() + " " + explainer.term("validation set") + " rows only "
                + "(the test rows stay locked). Each run was compared with the " + explainer.term("baseline")
                + " row by row: I resampled the validation rows " + MetricReviewer.REPLICATES + " times to see how "
                + "much its " + primary.label() + " could move by chance, and counted an improvement only when "
                + "the whole range was above the " + Numbers.percent(data.contract().practicalThreshold())
                + " the hypothesis asked for. Then a second reviewer weighed each accepted run's gain against its "
                + "size and cost."), List.of(), List.of()));
        sections.add(new Section("Leaderboard", List.of("Every experiment, best " + primary.label() + " first, with "
                + "what the reviewers concluded in words."), List.of(leaderboard(evidence, reviews, reviewed.words(), primary)),
                List.of()));
        Map<String, List<Map<String, Double>>> histories = new LinkedHashMap<>();
        evidence.forEach(e -> histories.put(e.id(), e.history()));
        ReportFigures.learningCurves(histories).ifPresent(figure -> sections.add(new Section("Learning curves",
                List.of("How each run's loss moved step by step, on the rows it learned from (training) and on the "
                        + "validation rows. Lines that part ways mean it began to learn its training rows by heart."),
                List.of(), List.of(figure))));
        List<ParetoPoint> points = strategy.points().stream().filter(p -> Double.isFinite(p.primaryScore())).toList();
        if (points.size() >= 2) {
            sections.add(new Section("Score against size", List.of("Each accepted run's " + primary.label()
                    + " against its size. A run on the front line is not beaten by any run that is both better and "
                    + "simpler; the others are."), List.of(), List.of(ReportFigures.pareto(points, primary))));
        }
        reviewed.winner().ifPresent(id -> sections.add(winnerSection(data, id, models.get(id))));
        List<String> flags = new ArrayList<>();
        for (RunEvidence run : evidence.subList(1, evidence.size())) { // the baseline sets the bar; it is not doubted
            for (ReviewFinding finding : reviews.get(run.id()).findings()) {
                if (finding.code() != ReviewFinding.Code.IMPROVEMENT) {
                    flags.add(run.id() + ": " + finding.sentence());
                }
            }
        }
        if (!flags.isEmpty()) {
            sections.add(new Section("Reasons for doubt", flags, List.of(), List.of()));
        }
        List<String> advice = new ArrayList<>();
        advice.add(reviewed.recommendation());
        for (int i = 0; i < reviewed.nextSteps().size(); i++) {
            advice.add("Next step " + (i + 1) + ": " + reviewed.nextSteps().get(i));
        }
        sections.add(new Section("Recommendation", advice, List.of(), List.of()));
        return sections;
    }

    /** The winner's mistakes (confusion matrix or residuals) and which columns it leans on. */
    private static Section winnerSection(TrainingData data, String id, Model model) {
        Prepared validation = data.validation();
        double[][] predicted = model.predict(validation.x());
        List<Figure> figures = new ArrayList<>();
        String words;
        if (validation.isClassification()) {
            int[] guess = new int[predicted.length];
            for (int r = 0; r < predicted.length; r++) {
                for (int c = 1; c < predicted[r].length; c++) {
                    if (predicted[r][c] > predicted[r][guess[r]]) {
                        guess[r] = c;
                    }
                }
            }
            figures.add(ReportFigures.confusionMatrix(validation.classes(), validation.labels(), guess));
            words = "Where " + id + " is right and wrong on the validation rows: each row of the grid is a true class, "
                    + "each column the class it predicted.";
        } else {
            double[] truth = new double[predicted.length];
            double[] guess = new double[predicted.length];
            for (int r = 0; r < predicted.length; r++) {
                truth[r] = validation.y()[r];
                guess[r] = predicted[r][0];
            }
            figures.add(ReportFigures.residuals(truth, guess, data.contract().target()));
            words = id + "'s predictions against the true values on the validation rows: points on the diagonal are "
                    + "exact.";
        }
        Metric primary = data.contract().primary();
        double sign = primary.higherIsBetter() ? 1 : -1;
        double[] importance = PermutationImportance.compute(model::predict, validation.x(),
                p -> sign * Metrics.score(primary, validation, p, data.preprocessor()), data.contract().seed(),
                IMPORTANCE_REPEATS);
        figures.add(ReportFigures.featureImportance(validation.features(), importance));
        return new Section("The winner, " + id, List.of(words, "Which columns " + id + " leans on: how much its "
                + primary.label() + " gets worse when one column's values are shuffled among the rows."),
                List.of(), figures);
    }

    private static Table leaderboard(List<RunEvidence> evidence, Map<String, MetricReview> reviews,
                                     Map<String, String> words, Metric primary) {
        List<RunEvidence> order = new ArrayList<>(evidence);
        String key = "val_" + primary.label();
        order.sort((a, b) -> {
            double x = a.scores().getOrDefault(key, Double.NaN);
            double y = b.scores().getOrDefault(key, Double.NaN);
            if (Double.isNaN(x) || Double.isNaN(y)) {
                return Double.isNaN(x) ? (Double.isNaN(y) ? 0 : 1) : -1;
            }
            return primary.higherIsBetter() ? Double.compare(y, x) : Double.compare(x, y);
        });
        StringColumn id = StringColumn.create("experiment");
        StringColumn family = StringColumn.create("family");
        StringColumn score = StringColumn.create("validation " + primary.label());
        StringColumn gain = StringColumn.create("better than the baseline by (95% range)");
        StringColumn size = StringColumn.create("size");
        StringColumn verdict = StringColumn.create("verdict");
        for (RunEvidence run : order) {
            MetricReview review = reviews.get(run.id());
            id.append(run.id());
            family.append(run.experiment().family().label());
            score.append(Numbers.cell(run.scores().get(key)));
            gain.append(review == null || !Double.isFinite(review.improvement()) ? "-"
                    : Numbers.percent(review.improvement()) + " (" + Numbers.percentCell(review.intervalLow()) + " to "
                    + Numbers.percentCell(review.intervalHigh()) + ")");
            size.append(run.experiment().family() == Family.BASELINE ? "-" : String.valueOf(run.complexity()));
            verdict.append(words.get(run.id()));
        }
        return Table.create("Leaderboard", id, family, score, gain, size, verdict);
    }

    private static String recommendation(Optional<String> winner, Map<String, String> words,
                                         Map<String, MetricReview> reviews, StrategyReport strategy, Metric primary,
                                         List<RunEvidence> evidence) {
        if (winner.isEmpty()) {
            long inconclusive = reviews.values().stream()
                    .filter(r -> r.verdict() == org.sealbook.toolkit.review.MetricVerdict.INCONCLUSIVE).count();
            return "No experiment earned a recommendation: none beat the baseline by the margin the hypothesis asked "
                    + "for" + (inconclusive > 0 ? " (" + inconclusive + " came too close to tell)" : "")
                    + ", so nothing is promoted.";
        }
        String id = winner.get();
        MetricReview review = reviews.get(id);
        RunEvidence run = evidence.stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow();
        String key = "val_" + primary.label();
        double score = run.scores().getOrDefault(key, Double.NaN);
        // a higher-scoring run the strategy reviewer kept only with concerns is named, with why it lost
        Optional<RunEvidence> better = evidence.stream()
                .filter(e -> strategy.review(e.id()).map(r -> r.decision() == StrategyDecision.KEEP_WITH_CONCERNS)
                        .orElse(false))
                .filter(e -> primary.higherIsBetter() ? e.scores().getOrDefault(key, Double.NaN) > score
                        : e.scores().getOrDefault(key, Double.NaN) < score)
                .min(java.util.Comparator.comparingDouble(e -> (primary.higherIsBetter() ? -1 : 1)
                        * e.scores().get(key)));
        return "I recommend " + id + " (" + run.experiment().family().label() + ", " + words.get(id) + "): its "
                + primary.label() + " on the validation rows is " + Numbers.number(score) + ", "
                + Numbers.percent(review.improvement()) + " better than the baseline, and even the low end of the likely range ("
                + Numbers.percent(review.intervalLow()) + ") clears the bar."
                + better.map(e -> " " + e.id() + " scores higher (" + Numbers.number(e.scores().get(key)) + ") but was "
                + words.get(e.id()) + ", so the recommendation goes to the best run the reviewers had no concern "
                + "about.").orElse("");
    }

    /** Two or three concrete things to do next, chosen from what the reviewers found. */
    private static List<String> nextSteps(Optional<String> winner, Map<String, MetricReview> reviews,
                                          StrategyReport strategy, List<RunEvidence> evidence, FrontEnd names) {
        List<String> steps = new ArrayList<>();
        if (winner.isPresent()) {
            String id = winner.get();
            steps.add("Run " + names.call("report", "--final") + " once to score " + id + " and the baseline on the locked test rows: that "
                    + "is the honest estimate of how it will do on new data.");
            StrategyReview review = strategy.review(id).orElse(null);
            if (review != null && review.concerns().contains(StrategyReview.Concern.OVERFIT)) {
                steps.add("Try a simpler " + family(evidence, id) + " than " + id + " (fewer or shallower trees, fewer "
                        + "weights, or a penalty) to close the gap between its training and validation scores.");
            }
            if (review != null && (review.concerns().contains(StrategyReview.Concern.STALE_TUNING)
                    || review.concerns().contains(StrategyReview.Concern.DIMINISHING_RETURNS))) {
                steps.add("Stop tuning settings: the last steps gained little; try another model family or better "
                        + "columns in a new plan (" + names.stage("design_experiments") + ").");
            }
        } else {
            steps.add("Look at the data check again: columns that relate to the target matter more than model "
                    + "settings; add or fix columns, then run the stages again.");
        }
        boolean close = reviews.values().stream()
                .anyMatch(r -> r.verdict() == org.sealbook.toolkit.review.MetricVerdict.INCONCLUSIVE);
        if (close && steps.size() < 3) {
            steps.add("Some runs came too close to the baseline to tell apart; more rows, or a larger validation "
                    + "share in " + names.stage("hypothesize") + ", would make such calls clearer.");
        }
        if (steps.size() < 2) {
            steps.add("Read the reasons for doubt above and check each against what you know of the data.");
        }
        return steps.subList(0, Math.min(3, steps.size()));
    }

    private static String family(List<RunEvidence> evidence, String id) {
        return evidence.stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow().experiment().family().label();
    }

    private static String sha256(Path file) {
        try {
            return CanonicalJson.sha256(Files.readAllBytes(file));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Could not read " + file + "; check that the workspace is readable.", e);
        }
    }

    private static void show(View view, Section section) {
        if (!section.paragraphs().isEmpty()) {
            view.explain(section.heading(), String.join("\n\n", section.paragraphs()));
        }
        for (Table table : section.tables()) {
            view.table(section.heading(), table);
        }
        for (Figure figure : section.figures()) {
            view.figure(figure);
        }
    }
}
