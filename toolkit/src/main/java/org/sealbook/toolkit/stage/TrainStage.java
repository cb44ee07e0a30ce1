package org.sealbook.toolkit.stage;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.sealbook.toolkit.data.DataProblem;
import org.sealbook.toolkit.explain.Explainer;
import org.sealbook.toolkit.explain.Numbers;
import org.sealbook.toolkit.hypothesis.Metric;
import org.sealbook.toolkit.models.Models;
import org.sealbook.toolkit.plan.Experiment;
import org.sealbook.toolkit.prepare.TrainingData;
import org.sealbook.toolkit.runs.Batch;
import org.sealbook.toolkit.runs.BatchListener;
import org.sealbook.toolkit.runs.RunProgress;
import org.sealbook.toolkit.runs.RunStatus;
import org.sealbook.toolkit.view.Progress;
import org.sealbook.toolkit.view.View;
import org.sealbook.toolkit.workspace.StageOutcome;
import org.sealbook.toolkit.workspace.StageRefused;
import org.sealbook.toolkit.workspace.Status;
import org.sealbook.toolkit.workspace.Workspace;
import org.sealbook.toolkit.workspace.WorkspaceException;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The fourth stage: trains the sealed plan in the background and returns at once. Each experiment gets a progress
 * display; warnings and the final table and status arrive on the same view as the batch goes.
 * Usage: {@code Batch batch = TrainStage.start(workspace, view, explainer); batch.await(Duration.ofMinutes(5));}
 */
public final class TrainStage {
    /** Progress displays count in thousandths, whatever unit (trees, epochs) the model steps in. */
    private static final int PROGRESS_STEPS = 1000;

    private TrainStage() {
    }

    /**
     * Verifies the chain of seals, prepares the rows and starts the batch, every experiment from its first step; null
     * (with a BLOCKED status on the view) when it cannot start.
     */
    public static Batch start(Workspace workspace, View view, Explainer explainer) {
        return launch(workspace, view, explainer, false);
    }

    /**
     * Like {@link #start}, but keeps the experiments that finished before (in this session or an earlier one) and
     * lets the others go on from their last checkpoint.
     */
    public static Batch resume(Workspace workspace, View view, Explainer explainer) {
        return launch(workspace, view, explainer, true);
    }

    private static Batch launch(Workspace workspace, View view, Explainer explainer, boolean resume) {
        TrainingData data;
        try {
            data = TrainingData.load(workspace);
        } catch (StageRefused e) {
            view.status(e.outcome());
            return null;
        } catch (DataProblem | WorkspaceException | IllegalStateException | IllegalArgumentException e) {
            view.status(new StageOutcome(Status.BLOCKED, e.getMessage()));
            return null;
        }
        Metric primary = data.contract().primary();
        Map<String, RunStatus> earlier = Batch.recorded(workspace, data.plan());
        String batchId = data.plan().batch();
        int size = data.plan().experiments().size();
        String what = "I am training the " + size + " experiments of batch " + batchId + " on " + data.train().rows()
                + " training rows, " + data.plan().budget().concurrency() + " at a time, the "
                + explainer.term("baseline") + " first; each is scored by " + primary.label() + " on the "
                + data.validation().rows() + " " + explainer.term("validation set") + " rows. ";
        if (!resume && !earlier.isEmpty()) {
            what += "This batch already has results here from an earlier run (" + earlier.size() + " of " + size
                    + " experiments); every experiment trains again from its first step, and the earlier results stay "
                    + "in the history of the experiment branches (%train --resume would have kept the finished ones). ";
        }
        if (!resume) {
            view.explain("What I am doing", what + "This cell returns now: you can run other cells while they train. "
                    + "%train status shows where each stands, %train stop ends them, and each saves a "
                    + explainer.term("checkpoint") + " as it goes, which %train --resume goes on from.");
        }
        Map<String, Progress> bars = new ConcurrentHashMap<>();
        for (Experiment e : data.plan().experiments()) {
            bars.put(e.id(), view.progress(e.id() + " " + e.family().label(), PROGRESS_STEPS));
        }
        BatchListener listener = new BatchListener() {
            @Override
            public void progress(RunProgress run) {
                Progress bar = bars.get(run.id());
                long done = run.status().isFinal() ? PROGRESS_STEPS
                        : run.total() > 0 ? (long) PROGRESS_STEPS * run.done() / run.total() : 0;
                bar.update(done, detail(run, primary));
                if (run.status().isFinal()) {
                    bar.close();
                }
            }

            @Override
            public void warning(String experiment, String sentence) {
                view.explain("Warning: " + experiment, sentence);
            }

            @Override
            public void finished(List<RunProgress> runs) {
                summarize(view, data.plan().batch(), runs, primary);
            }
        };
        if (!resume) {
            return Batch.start(workspace, data, Models::create, listener);
        }
        Batch batch = Batch.resume(workspace, data, Models::create, listener);
        view.explain("What I am doing", what + resumeSentence(batch, size));
        batch.status().stream().filter(r -> r.status().isFinal()).forEach(listener::progress);
        return batch;
    }

    /** Which runs finished before and which go on from where, for a resumed batch. */
    private static String resumeSentence(Batch batch, int size) {
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
                + ". This cell returns now; %train status shows where each stands.";
    }

    /** The results table and the one status, for a finished batch; a waiting cell shows them again in its own output. */
    public static void summarize(View view, Batch batch) {
        summarize(view, batch.id(), batch.status(), batch.primary());
    }

    private static void summarize(View view, String batch, List<RunProgress> runs, Metric primary) {
        view.table("Results of batch " + batch, resultTable(runs, primary));
        view.status(outcome(runs, batch));
    }

    /** "tree 40 of 100 · val_loss 0.213 · 3 s left", or the final sentence. */
    static String detail(RunProgress run, Metric primary) {
        if (run.status().isFinal()) {
            return run.status().name() + ": " + run.sentence();
        }
        if (run.status() != RunStatus.RUNNING) {
            return run.status().words();
        }
        StringBuilder s = new StringBuilder("step " + run.done() + " of " + run.total());
        for (String key : List.of("train_loss", "val_loss", "val_" + primary.label())) {
            Double v = run.metrics().get(key);
            if (v != null) {
                s.append(" · ").append(key).append(' ').append(Numbers.number(v));
            }
        }
        if (Double.isFinite(run.secondsLeft())) {
            s.append(" · about ").append(Numbers.duration(run.secondsLeft())).append(" left");
        }
        return s.toString();
    }

    /** Where each run stands, for %train status. */
    public static Table statusTable(List<RunProgress> runs) {
        StringColumn id = StringColumn.create("experiment");
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

    static StageOutcome outcome(List<RunProgress> runs, String batch) {
        long done = runs.stream().filter(r -> r.status() == RunStatus.DONE).count();
        List<RunProgress> tampered = runs.stream().filter(r -> r.status() == RunStatus.BLOCKED_TAMPER).toList();
        if (!tampered.isEmpty()) {
            return new StageOutcome(Status.BLOCKED, "Batch " + batch + " stopped because a sealed file changed while it "
                    + "trained (tamper detected), so its results do not count; " + tampered.get(0).sentence());
        }
        if (done == runs.size()) {
            return new StageOutcome(Status.DONE, "All " + runs.size() + " experiments of batch " + batch + " trained; "
                    + "the table above compares them, and %report will judge them.");
        }
        String others = runs.stream().filter(r -> r.status() != RunStatus.DONE)
                .map(r -> r.id() + " " + r.status().name()).reduce((a, b) -> a + ", " + b).orElse("");
        return new StageOutcome(Status.DONE_WITH_CONCERNS, done + " of " + runs.size() + " experiments of batch " + batch
                + " trained; the others ended early (" + others + "): read their sentences in the table above.");
    }
}
