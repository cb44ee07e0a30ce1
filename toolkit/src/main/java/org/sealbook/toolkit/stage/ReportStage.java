package org.sealbook.toolkit.stage;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sealbook.toolkit.chart.PermutationImportance;
import org.sealbook.toolkit.chart.ReportFigures;
import org.sealbook.toolkit.explain.Explainer;
import org.sealbook.toolkit.explain.Numbers;
import org.sealbook.toolkit.hypothesis.Contract;
import org.sealbook.toolkit.hypothesis.Family;
import org.sealbook.toolkit.hypothesis.Metric;
import org.sealbook.toolkit.models.Metrics;
import org.sealbook.toolkit.models.Model;
import org.sealbook.toolkit.models.PromotedModel;
import org.sealbook.toolkit.prepare.Prepared;
import org.sealbook.toolkit.prepare.TrainingData;
import org.sealbook.toolkit.report.Dashboard;
import org.sealbook.toolkit.report.HtmlReport;
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
import org.sealbook.toolkit.runs.Ledger;
import org.sealbook.toolkit.runs.RunStatus;
import org.sealbook.toolkit.view.Figure;
import org.sealbook.toolkit.view.View;
import org.sealbook.toolkit.workspace.CanonicalJson;
import org.sealbook.toolkit.workspace.Stage;
import org.sealbook.toolkit.workspace.StageOutcome;
import org.sealbook.toolkit.workspace.StageRefused;
import org.sealbook.toolkit.workspace.Status;
import org.sealbook.toolkit.workspace.Workspace;
import org.sealbook.toolkit.workspace.WorkspaceException;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The last stage: reviews the sealed training on the validation rows with the metric and strategy reviewers,
 * shows a presence-driven report (each section only when its data exists), writes {@code dashboard.json} and a
 * self-contained {@code report.html} in the workspace, and seals the verdicts.
 * Usage: {@code StageOutcome o = ReportStage.run(workspace, view, explainer);}
 */
public final class ReportStage {
    public static final String REPORT_FILE = "report.html";
    /** Permutation importance shuffles each column this many times; enough to rank, cheap on validation rows. */
    private static final int IMPORTANCE_REPEATS = 3;

    private ReportStage() {
    }

    /** Runs the stage; every outcome, a refusal included, ends on the view with one status. */
    public static StageOutcome run(Workspace workspace, View view, Explainer explainer) {
        return ending(view, () -> review(workspace, view, explainer));
    }

    /**
     * {@code %report --final}: scores the sealed report's winner and the baseline on the locked test rows, exactly
     * once; a second call is refused and shows the first result again.
     */
    public static StageOutcome runFinal(Workspace workspace, View view) {
        return ending(view, () -> scoreOnTestRows(workspace, view));
    }

    /** Runs a part of the stage and shows how it ended: its outcome, or the refusal as a BLOCKED status. */
    private static StageOutcome ending(View view, java.util.function.Supplier<StageOutcome> part) {
        StageOutcome outcome;
        try {
            outcome = part.get();
        } catch (StageRefused e) {
            outcome = e.outcome();
        } catch (IllegalStateException | IllegalArgumentException | WorkspaceException | java.io.UncheckedIOException e) {
            outcome = new StageOutcome(Status.BLOCKED, e.getMessage());
        }
        view.status(outcome);
        return outcome;
    }

    private static StageOutcome scoreOnTestRows(Workspace workspace, View view) {
        JsonObject report = workspace.decision(Stage.REPORT); // verifies every seal, the report's included
        if (report.has("final")) {
            JsonObject first = report.getAsJsonObject("final");
            view.table("The test rows' one result", finalTable(first));
            return new StageOutcome(Status.BLOCKED, "The locked test rows were used once already, at "
                    + first.get("at").getAsString() + ", to score " + first.getAsJsonObject("winner").get("experiment")
                    .getAsString() + "; the scores are shown again above. They stay locked: a second look would let "
                    + "the test rows steer the choice, and their score would no longer be an honest estimate.");
        }
        if (!report.has("winner")) {
            return new StageOutcome(Status.BLOCKED, "The report recommended no winner, so there is nothing to score on "
                    + "the test rows; they stay locked for a plan that finds one.");
        }
        TrainingData data = TrainingData.load(workspace);
        Ledger ledger = Ledger.read(workspace, workspace.decision(Stage.TRAINING), data.plan());
        String winner = report.get("winner").getAsString();
        Ledger.Entry baselineEntry = ledger.entries().get(0);
        Ledger.Entry winnerEntry = ledger.entries().stream().filter(e -> e.experiment().id().equals(winner))
                .findFirst().orElseThrow(() -> new IllegalStateException("The report's winner " + winner
                        + " is not in the sealed training; run %report again."));
        Prepared test = data.lockedTestRows(workspace);
        JsonObject result = new JsonObject();
        result.addProperty("at", Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        result.addProperty("rows", test.rows());
        result.add("winner", scored(winnerEntry, ledger, data, test));
        result.add("baseline", scored(baselineEntry, ledger, data, test));
        JsonObject decision = report.deepCopy();
        decision.add("final", result);
        // sealed before it is shown: a failure leaves the test rows unused, never used twice
        workspace.seal(Stage.REPORT, decision, Instant.now());
        JsonObject dashboard = readDashboard(workspace);
        JsonObject finalBlock = new JsonObject();
        finalBlock.add("winner", scoredForDashboard(result.getAsJsonObject("winner")));
        finalBlock.add("baseline", scoredForDashboard(result.getAsJsonObject("baseline")));
        dashboard.add("final", finalBlock);
        Dashboard.write(workspace.folder(), dashboard);

        Metric primary = data.contract().primary();
        double testScore = result.getAsJsonObject("winner").getAsJsonObject("metrics").get(primary.label()).getAsDouble();
        double baselineScore = result.getAsJsonObject("baseline").getAsJsonObject("metrics").get(primary.label())
                .getAsDouble();
        double validation = winnerEntry.scores().getOrDefault("val_" + primary.label(), Double.NaN);
        view.table("The test rows' one result", finalTable(result));
        double worse = primary.higherIsBetter() ? validation - testScore : testScore - validation;
        view.explain("What the test score means", winner + " scored " + Numbers.number(testScore) + " (" + primary.label()
                + ") on the " + test.rows() + " test rows, against " + Numbers.number(validation) + " on the validation rows; "
                + "the baseline scored " + Numbers.number(baselineScore) + ". "
                + (worse > 0 ? "The test score is a little worse, as expected: the validation rows helped choose "
                + winner + ", so its validation score is slightly flattering. "
                : "The test score is as good or better: which rows landed in each split moves scores by chance. ")
                + "The test score is the one to quote: nothing was chosen by looking at it.");
        return new StageOutcome(Status.DONE, winner + " scored " + Numbers.number(testScore) + " " + primary.label() + " on "
                + "the locked test rows (the baseline " + Numbers.number(baselineScore) + "); the test rows are now used and "
                + "stay locked.");
    }

    private static JsonObject scored(Ledger.Entry entry, Ledger ledger, TrainingData data, Prepared test) {
        Model model = ledger.model(entry, data.contract().seed());
        JsonObject metrics = new JsonObject();
        Metrics.compute(data.contract().lockedMetrics(), test, model.predict(test.x()), data.preprocessor())
                .forEach((k, v) -> {
                    if (Double.isFinite(v)) {
                        metrics.addProperty(k, v);
                    }
                });
        JsonObject o = new JsonObject();
        o.addProperty("experiment", entry.experiment().id());
        o.add("metrics", metrics);
        return o;
    }

    private static JsonObject scoredForDashboard(JsonObject scored) {
        JsonObject o = new JsonObject();
        o.add("experiment", scored.get("experiment"));
        o.add("metrics", scored.get("metrics"));
        return o;
    }

    private static Table finalTable(JsonObject result) {
        StringColumn metric = StringColumn.create("metric");
        StringColumn winner = StringColumn.create(result.getAsJsonObject("winner").get("experiment").getAsString());
        StringColumn baseline = StringColumn.create(result.getAsJsonObject("baseline").get("experiment").getAsString()
                + " (baseline)");
        JsonObject w = result.getAsJsonObject("winner").getAsJsonObject("metrics");
        JsonObject b = result.getAsJsonObject("baseline").getAsJsonObject("metrics");
        for (String name : w.keySet()) {
            metric.append(name + " on the test rows");
            winner.append(Numbers.number(w.get(name).getAsDouble()));
            baseline.append(b.has(name) ? Numbers.number(b.get(name).getAsDouble()) : "-");
        }
        return Table.create("Test rows", metric, winner, baseline);
    }

    private static JsonObject readDashboard(Workspace workspace) {
        try {
            return JsonParser.parseString(Files.readString(workspace.folder().resolve(Dashboard.FILE_NAME)))
                    .getAsJsonObject();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Could not read " + Dashboard.FILE_NAME + " in " + workspace.folder()
                    + "; run %report again to rebuild it.", e);
        }
    }

    private static StageOutcome review(Workspace workspace, View view, Explainer explainer) {
        Map<Stage, JsonObject> sealed = workspace.verifyBefore(Stage.REPORT);
        TrainingData data = TrainingData.load(workspace);
        Contract contract = data.contract();
        Ledger ledger = Ledger.read(workspace, sealed.get(Stage.TRAINING), data.plan());
        List<Ledger.Entry> entries = ledger.entries();
        String batch = ledger.batch();
        refuseWhatCannotBeJudged(entries, batch);

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
        List<String> nextSteps = nextSteps(winner, metricReviews, strategy, evidence);
        String recommendation = recommendation(winner, words, metricReviews, strategy, primary, evidence);

        List<Section> sections = sections(data, evidence, metricReviews, strategy, words, winner, models,
                recommendation, nextSteps, explainer, batch);
        for (Section section : sections) {
            show(view, section);
        }
        JsonObject dashboard = dashboard(sealed, sha256(workspace.artifact(Stage.HYPOTHESIS)), ledger, evidence,
                metricReviews, strategy, words, winner, recommendation, nextSteps, primary);

        JsonObject decision = new JsonObject();
        decision.addProperty("batch", batch);
        Optional<JsonObject> used = earlierFinal(workspace);
        if (used.isPresent()) {
            // the test rows were used once: a new review keeps that record, so they are never used a second time
            decision.add("final", used.get());
            JsonObject finalBlock = new JsonObject();
            finalBlock.add("winner", scoredForDashboard(used.get().getAsJsonObject("winner")));
            finalBlock.add("baseline", scoredForDashboard(used.get().getAsJsonObject("baseline")));
            dashboard.add("final", finalBlock);
        }
        winner.ifPresent(w -> decision.addProperty("winner", w));
        JsonObject verdicts = new JsonObject();
        words.forEach(verdicts::addProperty);
        decision.add("verdicts", verdicts);
        Map<String, byte[]> attachments = new LinkedHashMap<>();
        String promotion = "";
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
            String tag = Workspace.promotedTag(id);
            workspace.promote(batch, id);
            JsonObject promoted = new JsonObject();
            promoted.addProperty("experiment", id);
            promoted.addProperty("tag", tag);
            promoted.addProperty("branch", Workspace.EXPERIMENTS_BRANCH);
            dashboard.add("promoted", promoted);
            decision.add("promoted", promoted);
            promotion = " " + id + " is promoted: merged into " + Workspace.EXPERIMENTS_BRANCH + ", tagged " + tag
                    + ", and saved with its preprocessing in " + workspace.folder().resolve(PromotedModel.FOLDER)
                    + ", where PromotedModel.load(Path.of(\"" + workspace.folder() + "\")).predict(rows) uses it.";
        }
        Path dashboardFile = Dashboard.write(workspace.folder(), dashboard);
        Path html = HtmlReport.write(workspace.folder().resolve(REPORT_FILE), "Report on batch " + batch, sections);
        try {
            byte[] written = Files.readAllBytes(dashboardFile);
            decision.addProperty("dashboard_sha256", CanonicalJson.sha256(written));
            decision.addProperty("report_sha256", CanonicalJson.sha256(Files.readAllBytes(html)));
            attachments.put(Dashboard.FILE_NAME, written);
            workspace.seal(Stage.REPORT, decision, Instant.now(), attachments);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Could not read back the report files in " + workspace.folder()
                    + " to seal them; check that the folder is readable and run %report again.", e);
        }
        String where = promotion + " The dashboard is " + dashboardFile + " and the report, which opens in any browser with no "
                + "internet, is " + html + ".";
        return winner.isPresent()
                ? new StageOutcome(Status.DONE, recommendation + where)
                : new StageOutcome(Status.DONE_WITH_CONCERNS, recommendation + where);
    }

    /** The test rows' result from an earlier report on the same hypothesis, when there is one. */
    private static Optional<JsonObject> earlierFinal(Workspace workspace) {
        if (!Files.exists(workspace.artifact(Stage.REPORT))) {
            return Optional.empty();
        }
        // read as it is, not verified: a report gone stale because training ran again still records that the test
        // rows were used, and that must carry over
        JsonObject earlier;
        try {
            earlier = JsonParser.parseString(Files.readString(workspace.artifact(Stage.REPORT))).getAsJsonObject()
                    .getAsJsonObject("decision");
        } catch (java.io.IOException | RuntimeException e) {
            throw new IllegalStateException("tamper detected: " + workspace.artifact(Stage.REPORT) + " cannot be read "
                    + "as the sealed report (" + e.getMessage() + "); the sealed version is in the workspace's git "
                    + "history.", e);
        }
        return earlier != null && earlier.has("final") ? Optional.of(earlier.getAsJsonObject("final"))
                : Optional.empty();
    }

    /** The bad batches, one sentence each: nothing is reviewed, written or sealed. */
    private static void refuseWhatCannotBeJudged(List<Ledger.Entry> entries, String batch) {
        if (entries.size() < 2) {
            throw new IllegalStateException("Batch " + batch + " has only the baseline, so there is nothing to compare "
                    + "with it; add experiments with %design_experiments, train them with %train, then run %report.");
        }
        Ledger.Entry baseline = entries.get(0);
        if (baseline.model() == null || baseline.status() != RunStatus.DONE) {
            throw new IllegalStateException("The baseline " + baseline.experiment().id() + " ended "
                    + baseline.status() + " (" + Verdicts.words(baseline.status(), null, null) + "), so no run can be "
                    + "judged against it; run %train --resume to finish it, then %report.");
        }
        boolean anyTrained = entries.stream().skip(1).anyMatch(e -> e.model() != null);
        if (!anyTrained) {
            throw new IllegalStateException("Every experiment of batch " + batch + " after the baseline ended without a "
                    + "model (" + String.join(", ", entries.stream().skip(1).map(e -> e.experiment().id() + " "
                    + Verdicts.words(e.status(), null, null)).toList()) + "), so there is nothing to judge; read why "
                    + "in %train status, change the plan with %design_experiments and train again.");
        }
    }

    private static List<Section> sections(TrainingData data, List<RunEvidence> evidence,
                                          Map<String, MetricReview> reviews, StrategyReport strategy,
                                          Map<String, String> words, Optional<String> winner, Map<String, Model> models,
                                          String recommendation, List<String> nextSteps, Explainer explainer,
                                          String batch) {
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
                + "what the reviewers concluded in words."), List.of(leaderboard(evidence, reviews, words, primary)),
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
        winner.ifPresent(id -> sections.add(winnerSection(data, id, models.get(id))));
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
        advice.add(recommendation);
        for (int i = 0; i < nextSteps.size(); i++) {
            advice.add("Next step " + (i + 1) + ": " + nextSteps.get(i));
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
                                          StrategyReport strategy, List<RunEvidence> evidence) {
        List<String> steps = new ArrayList<>();
        if (winner.isPresent()) {
            String id = winner.get();
            steps.add("Run %report --final once to score " + id + " and the baseline on the locked test rows: that "
                    + "is the honest estimate of how it will do on new data.");
            StrategyReview review = strategy.review(id).orElse(null);
            if (review != null && review.concerns().contains(StrategyReview.Concern.OVERFIT)) {
                steps.add("Try a simpler " + family(evidence, id) + " than " + id + " (fewer or shallower trees, fewer "
                        + "weights, or a penalty) to close the gap between its training and validation scores.");
            }
            if (review != null && (review.concerns().contains(StrategyReview.Concern.STALE_TUNING)
                    || review.concerns().contains(StrategyReview.Concern.DIMINISHING_RETURNS))) {
                steps.add("Stop tuning settings: the last steps gained little; try another model family or better "
                        + "columns in a new plan (%design_experiments).");
            }
        } else {
            steps.add("Look at the data check again: columns that relate to the target matter more than model "
                    + "settings; add or fix columns, then run the stages again.");
        }
        boolean close = reviews.values().stream()
                .anyMatch(r -> r.verdict() == org.sealbook.toolkit.review.MetricVerdict.INCONCLUSIVE);
        if (close && steps.size() < 3) {
            steps.add("Some runs came too close to the baseline to tell apart; more rows, or a larger validation "
                    + "share in %hypothesize, would make such calls clearer.");
        }
        if (steps.size() < 2) {
            steps.add("Read the reasons for doubt above and check each against what you know of the data.");
        }
        return steps.subList(0, Math.min(3, steps.size()));
    }

    private static String family(List<RunEvidence> evidence, String id) {
        return evidence.stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow().experiment().family().label();
    }

    private static JsonObject dashboard(Map<Stage, JsonObject> sealed, String hypothesisHash, Ledger ledger, List<RunEvidence> evidence,
                                        Map<String, MetricReview> reviews, StrategyReport strategy,
                                        Map<String, String> words, Optional<String> winner, String recommendation,
                                        List<String> nextSteps, Metric primary) {
        JsonObject d = new JsonObject();
        d.addProperty("schema_version", 1);
        d.addProperty("plan_id", ledger.batch());
        JsonObject training = sealed.get(Stage.TRAINING);
        d.addProperty("hypothesis_hash", hypothesisHash);
        JsonObject header = new JsonObject();
        JsonObject counts = new JsonObject();
        counts.addProperty("planned", evidence.size());
        counts.addProperty("done", count(evidence, RunStatus.DONE));
        counts.addProperty("stopped", count(evidence, RunStatus.STOPPED));
        counts.addProperty("crashed", count(evidence, RunStatus.CRASHED) + count(evidence, RunStatus.CRASHED_NAN)
                + count(evidence, RunStatus.CRASHED_OOM));
        counts.addProperty("blocked", count(evidence, RunStatus.BLOCKED_TAMPER));
        counts.addProperty("unfinished", evidence.stream().filter(e -> !e.status().isFinal()).count());
        header.add("counts", counts);
        JsonObject clock = new JsonObject();
        Instant started = Instant.parse(training.get("started").getAsString());
        Instant finished = Instant.parse(training.get("finished").getAsString());
        clock.addProperty("started", started.toString());
        clock.addProperty("finished", finished.toString());
        clock.addProperty("seconds", Math.max(0, finished.getEpochSecond() - started.getEpochSecond()));
        header.add("wall_clock", clock);
        JsonObject integrity = new JsonObject();
        integrity.addProperty("code", "INTACT");
        integrity.addProperty("words", "Every sealed decision, split file, result and model file matched its seal "
                + "when this report was made.");
        // each sealed decision, each run's result file, and each model file the reviewers loaded
        integrity.addProperty("artifacts_checked", sealed.size() + evidence.size()
                + evidence.stream().filter(e -> e.validationPredictions() != null).count());
        header.add("integrity", integrity);
        d.add("header", header);
        JsonArray experiments = new JsonArray();
        JsonArray flags = new JsonArray();
        for (RunEvidence run : evidence) {
            JsonObject e = new JsonObject();
            e.addProperty("id", run.id());
            e.add("status", coded(run.status().name(), run.status().words()));
            JsonObject metrics = new JsonObject();
            run.scores().forEach((k, v) -> {
                if (Double.isFinite(v)) {
                    metrics.addProperty(k, v);
                }
            });
            e.add("metrics", metrics);
            e.addProperty("complexity", run.complexity());
            e.addProperty("wall_seconds", Double.isFinite(run.fitSeconds()) ? run.fitSeconds() : 0);
            MetricReview review = reviews.get(run.id());
            Optional<StrategyReview> strategic = strategy.review(run.id());
            if (review != null && review.verdict() != null) {
                JsonObject verdicts = new JsonObject();
                verdicts.add("metric", coded(review.verdict().name(), Verdicts.words(run.status(), review, null)));
                strategic.ifPresent(s -> verdicts.add("strategy", coded(s.decision().name(), words.get(run.id()))));
                e.add("verdicts", verdicts);
            }
            JsonObject config = new JsonObject();
            config.addProperty("family", run.experiment().family().label());
            JsonObject params = new JsonObject();
            run.experiment().params().forEach((k, v) -> {
                if (v instanceof Number n) {
                    params.addProperty(k, n);
                } else {
                    params.addProperty(k, String.valueOf(v));
                }
            });
            config.add("params", params);
            if (run.experiment().parent() != null) {
                config.addProperty("parent", run.experiment().parent());
            }
            config.addProperty("change", run.experiment().change());
            e.add("config", config);
            JsonArray history = new JsonArray();
            for (Map<String, Double> step : run.history()) {
                JsonObject s = new JsonObject();
                step.forEach((k, v) -> {
                    if (k.equals("step") || k.equals("total")) {
                        s.addProperty(k, v.longValue());
                    } else if (Double.isFinite(v)) {
                        s.addProperty(k, v);
                    } else {
                        s.add(k, com.google.gson.JsonNull.INSTANCE);
                    }
                });
                history.add(s);
            }
            e.add("history", history);
            e.addProperty("assessment", words.get(run.id()) + ". " + (review == null || review.findings().isEmpty()
                    ? run.experiment().question() : review.findings().get(0).sentence()));
            experiments.add(e);
            if (review != null && run != evidence.get(0)) {
                for (ReviewFinding finding : review.findings()) {
                    if (finding.code() != ReviewFinding.Code.IMPROVEMENT) {
                        JsonObject flag = new JsonObject();
                        flag.addProperty("code", finding.code().name());
                        flag.addProperty("words", finding.sentence());
                        flag.addProperty("experiment", run.id());
                        flags.add(flag);
                    }
                }
            }
        }
        d.add("experiments", experiments);
        winner.ifPresent(w -> d.addProperty("winner", w));
        List<ParetoPoint> points = strategy.points().stream().filter(p -> Double.isFinite(p.primaryScore())).toList();
        if (points.size() >= 2) {
            JsonObject pareto = new JsonObject();
            pareto.addProperty("metric", primary.label());
            pareto.addProperty("higher_is_better", primary.higherIsBetter());
            JsonArray list = new JsonArray();
            for (ParetoPoint p : points) {
                JsonObject o = new JsonObject();
                o.addProperty("experiment", p.experimentId());
                o.addProperty("complexity", p.complexity());
                o.addProperty("value", p.primaryScore());
                JsonArray by = new JsonArray();
                p.dominatedBy().forEach(by::add);
                o.add("dominated_by", by);
                list.add(o);
            }
            pareto.add("points", list);
            d.add("pareto", pareto);
        }
        d.add("trust_flags", flags);
        d.addProperty("recommendation", recommendation);
        JsonArray steps = new JsonArray();
        nextSteps.forEach(steps::add);
        d.add("next_steps", steps);
        return d;
    }

    private static String sha256(Path file) {
        try {
            return CanonicalJson.sha256(Files.readAllBytes(file));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Could not read " + file + "; check that the workspace is readable.", e);
        }
    }

    private static JsonObject coded(String code, String words) {
        JsonObject o = new JsonObject();
        o.addProperty("code", code);
        o.addProperty("words", words);
        return o;
    }

    private static long count(List<RunEvidence> evidence, RunStatus status) {
        return evidence.stream().filter(e -> e.status() == status).count();
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
