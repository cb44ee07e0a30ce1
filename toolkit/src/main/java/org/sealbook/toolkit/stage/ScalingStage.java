package org.sealbook.toolkit.stage;

import java.util.ArrayList;
import java.util.List;
import org.sealbook.toolkit.data.DataCheckResult;
import org.sealbook.toolkit.explain.Numbers;
import org.sealbook.toolkit.hypothesis.Hypothesis;
import org.sealbook.toolkit.hypothesis.Metric;
import org.sealbook.toolkit.models.Metrics;
import org.sealbook.toolkit.models.Model;
import org.sealbook.toolkit.models.Models;
import org.sealbook.toolkit.models.TrainingListener;
import org.sealbook.toolkit.pipeline.FrontEnd;
import org.sealbook.toolkit.pipeline.Option;
import org.sealbook.toolkit.pipeline.Result;
import org.sealbook.toolkit.pipeline.Stage;
import org.sealbook.toolkit.pipeline.StageOutcome;
import org.sealbook.toolkit.pipeline.StageProblem;
import org.sealbook.toolkit.pipeline.StageRun;
import org.sealbook.toolkit.pipeline.StageSpec;
import org.sealbook.toolkit.pipeline.Status;
import org.sealbook.toolkit.plan.Experiment;
import org.sealbook.toolkit.plan.Plan;
import org.sealbook.toolkit.prepare.Prepared;
import org.sealbook.toolkit.prepare.TrainingData;
import org.sealbook.toolkit.report.ReportDecision;
import org.sealbook.toolkit.runs.Ledger;
import org.sealbook.toolkit.runs.TrainingRecord;
import org.sealbook.toolkit.scaling.Curve;
import org.sealbook.toolkit.scaling.CurveBootstrap;
import org.sealbook.toolkit.scaling.CurveFit;
import org.sealbook.toolkit.scaling.Sizes;
import org.sealbook.toolkit.scaling.ScalingRecord;
import org.sealbook.toolkit.scaling.Subsample;
import org.sealbook.toolkit.view.Progress;
import org.sealbook.toolkit.view.View;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * {@code %scaling}: trains the report winner's family at several sizes (more and more training rows, or a larger and
 * larger model), scores each on the validation rows, fits a scaling curve with bootstrap intervals, draws it on
 * log-log axes and says what doubling would buy. Seals {@code scaling.json} on the report's seal.
 * Usage: {@code session.run("scaling", List.of("--points", "6"), null, view)}.
 */
public final class ScalingStage implements Stage {
    public static final Option<String> OVER = Option.choice("over", List.of("rows", "size"), s -> s, "rows",
            "what to vary: the training rows, or the model's size setting (trees, or hidden widths) at all the rows");
    public static final Option<Long> POINTS = Option.whole("points", 5, 1,
            "how many sizes to train at, from a sixteenth of the full size to all of it (4 to 12)");
    public static final Option<Long> PREDICT = Option.whole("predict", 0, 1,
            "also predict the error at this size (at most 10 times the largest size trained)").defaultText("none");
    /** A curve with 3 numbers needs one more point than numbers to say anything about its fit. */
    static final int MIN_POINTS = 4;
    /** Each point trains a model: a dozen keeps the stage to minutes, and more points add little to a curve. */
    static final int MAX_POINTS = 12;
    /** Beyond a decade past the data a fitted curve is a guess, not a measurement. */
    static final int MAX_REACH = 10;
    static final int RESAMPLES = 200;
    /** Below this share of the points' variation explained, the curve is too rough to lean on. */
    static final double ROUGH_FIT = 0.5;
    /** The fewest rows a point learns from: fewer say more about luck than about the family. */
    private static final int FEWEST_ROWS = 10;

    private static final StageSpec SPEC = StageSpec.named("scaling", "Measure how the winner's error falls with "
                    + "more rows or a bigger model, and what doubling would buy").reads(ReportDecision.ARTIFACT)
            .seals(ScalingRecord.ARTIFACT).options(OVER, POINTS, PREDICT);

    @Override
    public StageSpec spec() {
        return SPEC;
    }

    @Override
    public Result run(StageRun run) {
        FrontEnd names = run.names();
        int count = (int) (long) run.option(POINTS);
        if (count < MIN_POINTS || count > MAX_POINTS) {
            throw StageProblem.blocked("--points " + count + " is " + (count < MIN_POINTS ? "too few: a curve "
                    + "with 3 numbers needs at least " + MIN_POINTS + " points to be judged" : "too many: each point "
                    + "trains a model, and past " + MAX_POINTS + " they add little to the curve") + "; give --points "
                    + "from " + MIN_POINTS + " to " + MAX_POINTS + ".");
        }
        ReportDecision report = run.input(ReportDecision.ARTIFACT);
        if (report.winnerId().isEmpty()) {
            throw StageProblem.blocked("The sealed report recommended no winner, so there is no model family to "
                    + "measure; plan other experiments with " + names.stage("design_experiments") + ", train them "
                    + "and run " + names.stage("report") + " until one wins.");
        }
        TrainingData data = TrainingData.load(run.workspace(), run.input(DataCheckResult.ARTIFACT),
                run.input(Hypothesis.ARTIFACT), run.input(Plan.ARTIFACT));
        Ledger ledger = Ledger.read(run.workspace(), run.input(TrainingRecord.ARTIFACT), data.plan(), names);
        Experiment winner = ledger.entries().stream().map(Ledger.Entry::experiment)
                .filter(e -> e.id().equals(report.winner())).findFirst()
                .orElseThrow(() -> new IllegalStateException("The report's winner " + report.winner() + " is not "
                        + "in the sealed training; run " + names.stage("report") + " again."));
        boolean overRows = run.option(OVER).equals("rows");
        List<Sizes.Step> steps = steps(data, winner, overRows, count, names);
        long largest = steps.get(steps.size() - 1).n();
        double asked = run.options().has(PREDICT) ? run.option(PREDICT) : Double.NaN;
        if (asked > MAX_REACH * (double) largest) {
            throw StageProblem.blocked("--predict " + (long) asked + " is more than " + MAX_REACH + " times the "
                    + "largest size trained (" + largest + "): a curve measured from " + steps.get(0).n() + " to "
                    + largest + " says nothing trustworthy that far out; ask for at most " + MAX_REACH * largest
                    + ".");
        }
        Metric primary = data.contract().primary();
        List<ScalingRecord.Point> points = train(run.view(), data, steps, primary, overRows, names);
        double[] n = points.stream().mapToDouble(ScalingRecord.Point::n).toArray();
        double[] error = points.stream().mapToDouble(ScalingRecord.Point::error).toArray();
        Curve saturating = CurveFit.fit(n, error, Curve.Form.SATURATING);
        Curve power = CurveFit.fit(n, error, Curve.Form.POWER_LAW);
        Curve chosen = CurveFit.better(n, error);
        Curve other = chosen.form() == Curve.Form.SATURATING ? power : saturating;
        long seed = data.contract().seed();
        CurveBootstrap.Intervals intervals = CurveBootstrap.run(n, error, chosen.form(), RESAMPLES, seed, largest,
                asked);
        ScalingRecord record = new ScalingRecord(ledger.batch(), winner.id(), winner.family().label(),
                overRows ? "rows" : "size", primary.label(), errorWords(primary), seed, points, chosen, other,
                intervals, largest, asked);
        ScalingText text = new ScalingText(record, run.explainer(), names,
                overRows ? "training rows" : winner.family().sizeUnit(), data.validation().rows(),
                data.contract().practicalThreshold());
        View view = run.view();
        view.explain("What I did", text.whatIDid(data.train().rows()));
        view.table("Error at each size", table(points, overRows));
        view.explain("The curve", text.curve());
        view.explain("What doubling would buy", text.doubling());
        if (!Double.isNaN(asked)) {
            view.explain("The error at " + (long) asked, text.asked());
        }
        view.figure(ScalingFigure.draw(record, overRows ? "training rows" : "size (" + text.unit() + ")"));
        view.explain("What to do next", text.next());
        boolean rough = chosen.explained() < ROUGH_FIT;
        boolean unsure = intervals.used() < CurveBootstrap.MIN_USABLE;
        boolean perfect = text.perfectPoints() >= 2;
        return Result.seal(record)
                .said(s -> "The scaling curve is sealed in " + s.file() + " (SHA-256 " + s.shortHash() + "), built "
                        + "on the report's seal.")
                .then(s -> rough || unsure || perfect
                        ? new StageOutcome(Status.DONE_WITH_CONCERNS, text.concern(rough))
                        : new StageOutcome(Status.DONE, text.summary()));
    }

    /** The sizes to train; a ladder with fewer than 4 different sizes is refused before anything trains. */
    private static List<Sizes.Step> steps(TrainingData data, Experiment winner, boolean overRows, int count,
                                           FrontEnd names) {
        int total = data.train().rows();
        List<Sizes.Step> steps;
        if (overRows) {
            int classes = data.train().isClassification() ? data.train().classes().size() : 0;
            int smallest = Math.max(FEWEST_ROWS, 2 * classes);
            steps = Sizes.overRows(winner, total, smallest, count);
            if (steps.size() < MIN_POINTS) {
                throw StageProblem.blocked("The training split has only " + total + " rows, so " + count + " sizes "
                        + "from " + smallest + " rows up give only " + steps.size() + " different ones, and a curve "
                        + "needs " + MIN_POINTS + "; use a larger training share in " + names.stage("hypothesize")
                        + " or more labelled rows.");
            }
            return steps;
        }
        if (!Sizes.hasSizeSetting(winner.family())) {
            throw StageProblem.blocked("The winner " + winner.id() + " is a " + winner.family().label() + " model, "
                    + "which has no size setting to vary (its size is fixed by the columns); measure it with "
                    + names.call("scaling", "--over rows") + " instead.");
        }
        steps = Sizes.overSize(winner, total, count);
        if (steps.size() < MIN_POINTS) {
            throw StageProblem.blocked("The winner " + winner.id() + "'s size setting ("
                    + steps.get(steps.size() - 1).setting() + ") is too small to give " + MIN_POINTS + " different "
                    + "sizes below it; measure it with " + names.call("scaling", "--over rows") + " instead.");
        }
        return steps;
    }

    /** Trains each step on its nested sample and scores it on the validation rows, with progress. */
    private static List<ScalingRecord.Point> train(View view, TrainingData data, List<Sizes.Step> steps,
                                                   Metric primary, boolean overRows, FrontEnd names) {
        long seed = data.contract().seed();
        Subsample sample = Subsample.of(data.train(), seed);
        Prepared validation = data.validation();
        List<ScalingRecord.Point> points = new ArrayList<>();
        try (Progress progress = view.progress("Training at each size", steps.size())) {
            for (int i = 0; i < steps.size(); i++) {
                Sizes.Step step = steps.get(i);
                progress.update(i, step.setting());
                Model model = Models.create(step.experiment(), seed);
                // an interrupt (the kernel's, or Ctrl-C in JShell) stops the model after its step and the stage here
                TrainingListener untilInterrupted = (done, total, metrics) -> !Thread.currentThread().isInterrupted();
                model.fit(sample.first(step.rows()), validation, untilInterrupted);
                if (Thread.currentThread().isInterrupted()) {
                    throw StageProblem.blocked("Stopped by an interrupt while training at " + step.setting() + " ("
                            + i + " of " + steps.size() + " sizes done), so nothing was sealed; run "
                            + names.stage("scaling") + " again to measure the curve.");
                }
                double score = Metrics.score(primary, validation, model.predict(validation.x()), data.preprocessor());
                double error = error(primary, score);
                if (!Double.isFinite(error)) {
                    throw StageProblem.blocked("At " + step.setting() + " the model's " + primary.label() + " on the "
                            + "validation rows is not a number (its training broke down), so no curve can go "
                            + "through it; check the winner's settings in the report, or measure "
                            + (overRows ? "--over size" : "--over rows") + ".");
                }
                points.add(new ScalingRecord.Point(step.n(), step.setting(), error));
            }
            progress.update(steps.size(), "done");
        }
        return points;
    }

    /** The primary metric as an error, lower is better: 1 - score for a score whose best is 1, else the score. */
    static double error(Metric metric, double score) {
        return metric.higherIsBetter() ? metric.highest() - score : score;
    }

    static String errorWords(Metric metric) {
        return metric.higherIsBetter() ? Numbers.number(metric.highest()) + " - " + metric.label() : metric.label();
    }

    private static Table table(List<ScalingRecord.Point> points, boolean overRows) {
        StringColumn size = StringColumn.create(overRows ? "training rows" : "size");
        StringColumn setting = StringColumn.create("setting");
        StringColumn error = StringColumn.create("error on the validation rows");
        for (ScalingRecord.Point p : points) {
            size.append(String.valueOf(p.n()));
            setting.append(p.setting());
            error.append(Numbers.number(p.error()));
        }
        return Table.create("Error at each size", size, setting, error);
    }

}
