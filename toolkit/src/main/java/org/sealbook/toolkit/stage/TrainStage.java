package org.sealbook.toolkit.stage;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.sealbook.toolkit.data.DataCheckResult;
import org.sealbook.toolkit.explain.Explainer;
import org.sealbook.toolkit.explain.Numbers;
import org.sealbook.toolkit.hypothesis.Hypothesis;
import org.sealbook.toolkit.hypothesis.Metric;
import org.sealbook.toolkit.models.Models;
import org.sealbook.toolkit.pipeline.FrontEnd;
import org.sealbook.toolkit.pipeline.Option;
import org.sealbook.toolkit.pipeline.Result;
import org.sealbook.toolkit.pipeline.Stage;
import org.sealbook.toolkit.pipeline.StageOutcome;
import org.sealbook.toolkit.pipeline.StageRun;
import org.sealbook.toolkit.pipeline.StageSpec;
import org.sealbook.toolkit.pipeline.Status;
import org.sealbook.toolkit.plan.Experiment;
import org.sealbook.toolkit.plan.Plan;
import org.sealbook.toolkit.prepare.TrainingData;
import org.sealbook.toolkit.runs.Batch;
import org.sealbook.toolkit.runs.BatchListener;
import org.sealbook.toolkit.runs.RunProgress;
import org.sealbook.toolkit.runs.RunStatus;
import org.sealbook.toolkit.runs.TrainingRecord;
import org.sealbook.toolkit.view.Progress;
import org.sealbook.toolkit.view.View;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The fourth stage: trains the sealed plan in the background and returns at once. Each experiment gets a progress
 * display; warnings, the final table and the status arrive on the same view as the batch goes, and the pipeline
 * ends the stage when the batch does. Which batch may start, and who waits for it, is the session's
 * ({@code session.run("train", List.of("--wait"), null, view)}).
 */
public final class TrainStage implements Stage {
    /** What {@code %train} does: start the sealed plan's batch, show where its runs stand, or stop them. */
    public enum Action {
        START, STATUS, STOP;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final Option<Action> ACTION = Option.choice("action", List.of(Action.values()), Action::label,
            Action.START, "start the batch, show where its runs stand (status), or stop them (stop)").positional();
    public static final Option<String> EXPERIMENT = Option.text("experiment", "EXPERIMENT",
            "with stop, the one run to stop").positional();
    public static final Option<Boolean> WAIT = Option.flag("wait",
            "wait for the batch (starting it if none ran in this session); JShell always waits");
    public static final Option<Boolean> RESUME = Option.flag("resume",
            "keep the runs that finished and go on with the others from their last checkpoint");
    /** Progress displays count in thousandths, whatever unit (trees, epochs) the model steps in. */
    static final int PROGRESS_STEPS = 1000;

    private static final StageSpec SPEC = StageSpec.named("train", "Train the sealed plan in the background")
            .reads(Plan.ARTIFACT).seals(TrainingRecord.ARTIFACT).options(ACTION, EXPERIMENT, WAIT, RESUME);

    private final Batch.ModelFactory models;

    /** Training with the model families of {@link Models}. */
    public TrainStage() {
        this(Models::create);
    }

    /** Training with other models, e.g. a test's models that fail on purpose. */
    public TrainStage(Batch.ModelFactory models) {
        this.models = models;
    }

    @Override
    public StageSpec spec() {
        return SPEC;
    }

    /** One training thing at a time: a batch does not start while a sweep runs. */
    @Override
    public void ready(org.sealbook.toolkit.session.Session session) {
        session.sweep().filter(s -> !s.isFinished()).ifPresent(s -> {
            throw org.sealbook.toolkit.pipeline.StageProblem.blocked("Sweep " + s.id() + " is still running, so a "
                    + "batch cannot start; wait for it with " + session.names().call("sweep", "--wait")
                    + " or end it with " + session.names().call("sweep", "stop") + ".");
        });
    }

    /** Prepares the rows and starts the batch, every experiment from its first step or, resuming, its checkpoint. */
    @Override
    public Result run(StageRun run) {
        View view = run.view();
        Explainer explainer = run.explainer();
        FrontEnd names = run.names();
        boolean resume = run.option(RESUME);
        TrainingData data = TrainingData.load(run.workspace(), run.input(DataCheckResult.ARTIFACT),
                run.input(Hypothesis.ARTIFACT), run.input(Plan.ARTIFACT));
        Metric primary = data.contract().primary();
        Map<String, RunStatus> earlier = Batch.recorded(run.workspace(), data.plan());
        String batchId = data.plan().batch();
        int size = data.plan().experiments().size();
        String what = "I am training the " + size + " experiments of batch " + batchId + " on " + data.train().rows()
                + " training rows, " + data.plan().budget().concurrency() + " at a time, the "
                + explainer.term("baseline") + " first; each is scored by " + primary.label() + " on the "
                + data.validation().rows() + " " + explainer.term("validation set") + " rows. ";
        if (!resume && !earlier.isEmpty()) {
            what += "This batch already has results here from an earlier run (" + earlier.size() + " of " + size
                    + " experiments); every experiment trains again from its first step, and the earlier results stay "
                    + "in the history of the experiment branches (" + names.call("train", "--resume")
                    + " would have kept the finished ones). ";
        }
        if (!resume) {
            view.explain("What I am doing", what + (names.isNotebook() ? "This cell returns now: you can run other "
                    + "cells while they train. " : "") + names.call("train", "status") + " shows where each stands, "
                    + names.call("train", "stop") + " ends them, and each saves a " + explainer.term("checkpoint")
                    + " as it goes, which " + names.call("train", "--resume") + " goes on from.");
        }
        Map<String, Progress> bars = new ConcurrentHashMap<>();
        for (Experiment e : data.plan().experiments()) {
            bars.put(e.id(), view.progress(e.id() + " " + e.family().label(), PROGRESS_STEPS));
        }
        Consumer<Result> later = run.later();
        BatchListener listener = new BatchListener() {
            @Override
            public void progress(RunProgress progress) {
                show(bars.get(progress.id()), progress, primary);
                view.progress(progress);
            }

            @Override
            public void warning(String experiment, String sentence) {
                view.explain("Warning: " + experiment, sentence);
                view.warning(experiment, sentence);
            }

            @Override
            public void finished(List<RunProgress> runs, TrainingRecord ledger) {
                view.finished(runs, ledger);
                view.table("Results of batch " + batchId, resultTable(runs, primary));
                StageOutcome outcome = outcome(runs, batchId, names);
                // a blocked batch's chain is broken: it seals nothing, and its status says why
                later.accept(ledger == null ? Result.end(outcome) : Result.seal(ledger)
                        .attach(ledger.resultFiles(run.workspace().folder()))
                        .said(s -> "The batch's results are sealed as the training in " + s.file() + " with SHA-256 "
                                + s.sha256() + ": each run's result and final model by its hash, so "
                                + names.stage("report") + " can tell whether anything changed after training.")
                        .then(s -> outcome));
            }
        };
        if (!resume) {
            run.session().adopt(Batch.start(run.workspace(), data, models, listener, names));
            return Result.pending();
        }
        Batch batch = Batch.resume(run.workspace(), data, models, listener, names);
        run.session().adopt(batch);
        view.explain("What I am doing", what + resumeSentence(batch, size, names));
        batch.status().stream().filter(r -> r.status().isFinal()).forEach(listener::progress);
        return Result.pending();
    }

    /** Which runs finished before and which go on from where, for a resumed batch. */
    private static String resumeSentence(Batch batch, int size, FrontEnd names) {
        List<RunProgress> runs = batch.status();
        List<String> kept = runs.stream().filter(r -> r.status().isFinal()).map(RunProgress::id).toList();
        List<String> goOn = runs.stream().filter(r -> !r.status().isFinal())
                .map(r -> r.done() > 0 ? r.id() + " from step " + r.done() : r.id() + " from its first step").toList();
        if (goOn.isEmpty()) {
            return "All " + size + " of them finished before, so there is nothing to resume; their results are below.";
        }
        return "I am resuming it: " + (kept.isEmpty() ? "no experiment had finished"
                : kept.size() + " of " + size + " experiments finished before and keep their results ("
                + String.join(", ", kept) + ")") + "; " + (goOn.size() == 1 ? "one goes" : goOn.size() + " go")
                + " on from " + (goOn.size() == 1 ? "its" : "their") + " last checkpoint: " + String.join(", ", goOn)
                + ". " + (names.isNotebook() ? "This cell returns now; " : "") + names.call("train", "status")
                + " shows where each stands.";
    }

    /** The results table and the one status, for a finished batch; a waiting cell shows them again in its own output. */
    public static void summarize(View view, Batch batch, FrontEnd names) {
        view.table("Results of batch " + batch.id(), resultTable(batch.status(), batch.primary()));
        view.status(outcome(batch.status(), batch.id(), names));
    }

    /** "tree 40 of 100 · val_loss 0.213 · 3 s left", or the final sentence. */
    /** One run's step on its progress display: the bar, its text and its loss curves; closed when the run ends. */
    static void show(Progress bar, RunProgress progress, Metric primary) {
        if (progress.status() == RunStatus.RUNNING && progress.done() > 0) {
            bar.losses(progress.done(), progress.metrics()); // drawn beside the bar, as the throttle allows
        }
        long done = progress.status().isFinal() ? PROGRESS_STEPS
                : progress.total() > 0 ? (long) PROGRESS_STEPS * progress.done() / progress.total() : 0;
        bar.update(done, detail(progress, primary));
        if (progress.status().isFinal()) {
            bar.close();
        }
    }

    static String detail(RunProgress run, Metric primary) {
        if (run.status().isFinal()) {
            return run.status().name() + ": " + run.sentence();
        }
        if (run.status() != RunStatus.RUNNING) {
            return run.status().words();
        }
        StringBuilder s = new StringBuilder("step " + run.done() + " of " + run.total());
        // a run that learns with class weights logs the weighted loss it optimises, and says so
        boolean weighted = run.metrics().containsKey("train_loss_unweighted");
        for (String key : List.of("train_loss", "val_loss", "val_" + primary.label())) {
            Double v = run.metrics().get(key);
            if (v != null) {
                s.append(" · ").append(key).append(weighted && key.endsWith("_loss") ? " (weighted) " : " ")
                        .append(Numbers.number(v));
            }
        }
        if (Double.isFinite(run.secondsLeft())) {
            s.append(" · about ").append(Numbers.duration(run.secondsLeft())).append(" left");
        }
        return s.toString();
    }

    /** Where each run stands, for %train status. */
    public static Table statusTable(List<RunProgress> runs) {
        return statusTable(runs, "experiment");
    }

    /** The same table, its first column named for what the runs are ({@code trial} for a sweep's). */
    public static Table statusTable(List<RunProgress> runs, String noun) {
        StringColumn id = StringColumn.create(noun);
        StringColumn family = StringColumn.create("family");
        StringColumn status = StringColumn.create("status");
        StringColumn progress = StringColumn.create("progress");
        StringColumn time = StringColumn.create("time");
        StringColumn words = StringColumn.create("what it means");
        for (RunProgress r : runs) {
            id.append(r.id());
            family.append(r.family());
            status.append(r.status().name());
            progress.append(r.total() > 0 ? r.done() + " of " + r.total() : "-");
            time.append(Numbers.duration(r.seconds()));
            words.append(r.sentence());
        }
        return Table.create("Status", id, family, status, progress, time, words);
    }

    static Table resultTable(List<RunProgress> runs, Metric primary) {
        StringColumn id = StringColumn.create("experiment");
        StringColumn family = StringColumn.create("family");
        StringColumn status = StringColumn.create("status");
        StringColumn val = StringColumn.create("validation " + primary.label());
        StringColumn train = StringColumn.create("training " + primary.label());
        StringColumn time = StringColumn.create("time");
        StringColumn verdict = StringColumn.create("what it means");
        for (RunProgress r : runs) {
            id.append(r.id());
            family.append(r.family());
            status.append(r.status().name());
            val.append(Numbers.cell(r.metrics().get("val_" + primary.label())));
            train.append(Numbers.cell(r.metrics().get("train_" + primary.label())));
            time.append(Numbers.duration(r.seconds()));
            verdict.append(r.sentence());
        }
        return Table.create("Results", id, family, status, val, train, time, verdict);
    }

    static StageOutcome outcome(List<RunProgress> runs, String batch, FrontEnd names) {
        long done = runs.stream().filter(r -> r.status() == RunStatus.DONE).count();
        List<RunProgress> tampered = runs.stream().filter(r -> r.status() == RunStatus.BLOCKED_TAMPER).toList();
        if (!tampered.isEmpty()) {
            return new StageOutcome(Status.BLOCKED, "Batch " + batch + " stopped because a sealed file changed while it "
                    + "trained (tamper detected), so its results do not count; " + tampered.get(0).sentence());
        }
        if (done == runs.size()) {
            return new StageOutcome(Status.DONE, "All " + runs.size() + " experiments of batch " + batch + " trained; "
                    + "the table above compares them, and " + names.stage("report") + " will judge them.");
        }
        String others = runs.stream().filter(r -> r.status() != RunStatus.DONE)
                .map(r -> r.id() + " " + r.status().name()).reduce((a, b) -> a + ", " + b).orElse("");
        return new StageOutcome(Status.DONE_WITH_CONCERNS, done + " of " + runs.size() + " experiments of batch " + batch
                + " trained; the others ended early (" + others + "): read their sentences in the table above.");
    }
}
