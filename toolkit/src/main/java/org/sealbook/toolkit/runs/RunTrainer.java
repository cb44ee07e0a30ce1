package org.sealbook.toolkit.runs;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sealbook.toolkit.hypothesis.Family;
import org.sealbook.toolkit.models.Model;
import org.sealbook.toolkit.plan.Experiment;
import org.sealbook.toolkit.prepare.TrainingData;
import org.sealbook.toolkit.workspace.Artifact;
import org.sealbook.toolkit.workspace.StageNames;
import org.sealbook.toolkit.workspace.StageRefused;
import org.sealbook.toolkit.workspace.Workspace;

/**
 * Trains one run at a time from preflight to its recorded result, the one way a batch's experiments and a sweep's
 * trials are trained: seals checked before and after, every step in the run's append-only log, {@link Checkpoints}
 * as it goes, the result in the workspace and on the run's experiment branch. It holds the runs it trained, so
 * whoever drives it can show, stop and seal them. Usage: {@code RunTrainer t = new RunTrainer(workspace, "b1a2b3c4",
 * data, Models::create, listener, names, Plan.ARTIFACT, "train"); t.add(e); t.train(e.id(), StepRule.ALWAYS);}
 */
public final class RunTrainer {
    /** A driver's own say, after each step, in whether a run goes on (a sweep's early stopping). */
    @FunctionalInterface
    public interface StepRule {
        StepRule ALWAYS = (run, step, total, metrics) -> true;

        boolean goOn(String run, int step, int total, Map<String, Double> metrics);
    }

    private final Workspace workspace;
    private final String batch;
    private final StageNames names;
    private final TrainingData data;
    private final Batch.ModelFactory factory;
    private final BatchListener listener;
    private final Artifact<?> gate;
    private final String gateStage;
    private final RunJudge judge;
    private final Map<String, Run> runs = new LinkedHashMap<>();
    private volatile String blocked; // set when a sealed file changed: every run not yet trained ends BLOCKED_TAMPER
    private volatile Map<String, Double> baselineScores = Map.of();

    /**
     * Runs of {@code batch} (a batch's or a sweep's id), trained from {@code data}; {@code gate} is the sealed record
     * checked before and after each run, as {@code gateStage} reads it. The listener should already be isolated.
     */
    public RunTrainer(Workspace workspace, String batch, TrainingData data, Batch.ModelFactory factory,
                      BatchListener listener, StageNames names, Artifact<?> gate, String gateStage) {
        this.workspace = workspace;
        this.batch = batch;
        this.data = data;
        this.factory = factory;
        this.listener = listener;
        this.names = names;
        this.gate = gate;
        this.gateStage = gateStage;
        this.judge = new RunJudge(data);
    }

    /** Registers a run of {@code e}, queued; its status is shown from now on. */
    public synchronized void add(Experiment e) {
        runs.put(e.id(), new Run(e));
    }

    synchronized Run run(String id) {
        return runs.get(id);
    }

    synchronized List<Run> runs() {
        return new ArrayList<>(runs.values());
    }

    /** Every run as it stands, in the order added. */
    public List<RunProgress> status() {
        return runs().stream().map(Run::progress).toList();
    }

    /** Asks one run to stop after its current step (a queued run never starts); false for an unknown id. */
    public boolean stop(String id) {
        Run run = run(id);
        if (run == null) {
            return false;
        }
        run.stopRequested = true;
        return true;
    }

    public void stopAll() {
        runs().forEach(r -> r.stopRequested = true);
    }

    /** Why every run was stopped (a sealed file changed), or null. */
    public String blocked() {
        return blocked;
    }

    void baselineScores(Map<String, Double> scores) {
        baselineScores = scores;
    }

    /** The run's folder, {@code runs/BATCH/RUN} in the workspace. */
    public Path folder(String run) {
        return workspace.folder().resolve("runs").resolve(batch).resolve(run);
    }

    /**
     * The ledger to seal ({@link BatchRecords#ledger}) of the runs added; null for a blocked batch (its chain is
     * broken) or when the run files cannot be read back, which the listener hears as a warning.
     */
    public TrainingRecord ledger(Instant startedAt, String resumeCall) {
        if (blocked != null) {
            return null;
        }
        try {
            return BatchRecords.ledger(batch, startedAt, runs(), this::folder);
        } catch (IOException | RuntimeException e) {
            listener.warning(batch, "The results of " + batch + " could not be read back to seal them ("
                    + e.getMessage() + "), so " + names.stage("report") + " will not judge them yet; run "
                    + resumeCall + " to seal them again.");
            return null;
        }
    }

    /** The run's final progress once it has a final status. */
    public RunProgress progress(String id) {
        return run(id).progress();
    }

    /** Trains the run {@code id} (added before) from preflight to its recorded result; never throws. */
    public RunProgress train(String id, StepRule rule, String resumeCall) {
        Run run = run(id);
        Experiment e = run.experiment;
        Path folder = folder(e.id());
        if (blocked != null || run.stopRequested) {
            // never started, but the ledger still says why, so every run has a result
            run.finish(blocked != null ? RunStatus.BLOCKED_TAMPER : RunStatus.STOPPED, blocked != null
                    ? e.id() + " was not trained: " + blocked : e.id() + " was stopped before it started.");
            record(run, folder);
            listener.progress(run.progress());
            return run.progress();
        }
        try (RunLog log = RunLog.open(folder.resolve("log.jsonl"))) {
            run.start();
            run.status = RunStatus.PREFLIGHT;
            listener.progress(run.progress());
            if (sealsIntact(run, "before")) {
                Preflight.check(e, data, factory, log, names);
                if (run.stopRequested) {
                    run.finish(RunStatus.STOPPED, e.id() + " was stopped during its preflight, before it trained; "
                            + resumeCall + " trains it from its first step.");
                } else {
                    run.status = RunStatus.RUNNING;
                    listener.progress(run.progress());
                    fitAndScore(run, log, folder, rule, resumeCall);
                }
            }
            JsonObject last = new JsonObject();
            last.addProperty("event", "end");
            last.addProperty("status", run.status.name());
            last.addProperty("seconds", run.seconds());
            log.append(last);
        } catch (OutOfMemoryError oom) {
            run.finish(RunStatus.CRASHED_OOM, e.id() + " ran out of memory and was stopped; the other runs go on. "
                    + "Give the kernel more memory (SEALBOOK_JVM_OPTS=-Xmx...) or plan a smaller model.");
        } catch (ArithmeticException nan) {
            run.finish(RunStatus.CRASHED_NAN, nan.getMessage());
        } catch (RuntimeException failure) {
            run.finish(RunStatus.CRASHED, e.id() + " stopped with an error: " + failure.getMessage());
        }
        record(run, folder);
        listener.progress(run.progress());
        return run.progress();
    }

    private void fitAndScore(Run run, RunLog log, Path folder, StepRule rule, String resumeCall) {
        Experiment e = run.experiment;
        Model model = factory.create(e, data.contract().seed());
        if (data.train().isWeighted() && !model.learnsClassWeights() && e.family() != Family.BASELINE) {
            listener.warning(e.id(), e.id() + " (" + e.family().label() + ") learns from every row alike: this "
                    + "family cannot weight the rare classes more as the recipe asks, so its training loss is the "
                    + "unweighted one and it may predict the rare classes less often than a family that can.");
        }
        Checkpoints checkpoints = Checkpoints.in(folder);
        if (run.resumeFrom != null) {
            try {
                checkpoints.restore(run.resumeFrom, model);
                run.resumed(run.resumeFrom);
                JsonObject record = new JsonObject();
                record.addProperty("event", "resume");
                record.addProperty("step", run.resumeFrom.step());
                record.addProperty("checkpoint", run.resumeFrom.file());
                log.append(record);
            } catch (IOException unusable) {
                listener.warning(e.id(), e.id() + " could not go on from its checkpoint (" + unusable.getMessage()
                        + "), so it trains again from its first step.");
                model = factory.create(e, data.contract().seed());
                checkpoints = Checkpoints.in(folder);
            }
        }
        Model fitting = model;
        Checkpoints saving = checkpoints;
        model.fit(data.train(), data.validation(), (step, total, metrics) -> {
            boolean goOn = onStep(run, log, step, total, metrics) && rule.goOn(e.id(), step, total, metrics);
            if (!run.nonFinite) {
                checkpoint(run, resumeCall,
                        () -> saving.afterStep(fitting, step, metrics, run.seconds(), !goOn || step == total));
            }
            return goOn;
        });
        if (run.nonFinite) {
            run.finish(RunStatus.CRASHED_NAN, e.id() + "'s loss became NaN or infinite, so it was stopped; try a "
                    + "smaller learning rate or check the data for extreme values.");
            return;
        }
        Map<String, Double> scores = judge.scores(model);
        if (e.family() == Family.BASELINE) {
            baselineScores = scores;
        }
        run.scores = scores;
        run.complexity = model.complexity();
        if (e.family() != Family.BASELINE) {
            String notLearned = judge.notLearned(run);
            run.learned = notLearned == null;
            if (notLearned != null) {
                listener.warning(e.id(), notLearned);
            }
        }
        checkpoint(run, resumeCall, () -> run.model = saving.finish(fitting, run.latest, run.seconds()).file());
        if (sealsIntact(run, "after")) {
            run.finish(run.stopRequested ? RunStatus.STOPPED : RunStatus.DONE, judge.verdict(e, scores, baselineScores)
                    + (run.learned ? "" : " It did not learn beyond the baseline's guess (it failed to converge)."));
        }
    }

    private interface CheckpointWrite {
        void write() throws IOException;
    }

    /** A checkpoint that cannot be written is a warning, said once per run: the training itself is sound. */
    private void checkpoint(Run run, String resumeCall, CheckpointWrite write) {
        try {
            write.write();
        } catch (IOException | RuntimeException failed) {
            if (!run.checkpointSaid) {
                run.checkpointSaid = true;
                listener.warning(run.experiment.id(), run.experiment.id() + " could not write a checkpoint ("
                        + failed.getMessage() + "); it goes on training, but " + resumeCall
                        + " would start it again "
                        + "from the beginning. Make the workspace writable, or free some disk space.");
            }
        }
    }

    /** False (and every run blocked) when a sealed file changed since training started. */
    private boolean sealsIntact(Run run, String when) {
        try {
            workspace.verify(gateStage, gate, names);
            return true;
        } catch (StageRefused tampered) {
            blocked = "a sealed file changed " + when + " " + run.experiment.id() + " trained, so every run of " + batch
                    + " stopped: " + tampered.getMessage();
            runs().forEach(other -> other.stopRequested = true);
            run.finish(RunStatus.BLOCKED_TAMPER, run.experiment.id() + " was not counted: " + blocked);
            return false;
        }
    }

    private boolean onStep(Run run, RunLog log, int step, int total, Map<String, Double> metrics) {
        JsonObject record = new JsonObject();
        record.addProperty("event", "step");
        record.addProperty("step", step);
        record.addProperty("total", total);
        record.addProperty("seconds", run.seconds());
        Runtime rt = Runtime.getRuntime();
        record.addProperty("heap_mb", (rt.totalMemory() - rt.freeMemory()) >> 20);
        metrics.forEach((k, v) -> {
            if (Double.isFinite(v)) {
                record.addProperty(k, v);
            } else {
                record.addProperty(k, String.valueOf(v)); // NaN is not JSON: kept as text so the log shows it
            }
        });
        log.append(record);
        run.step(step, total, metrics);
        for (String warning : run.watch.step(step, total, metrics)) {
            listener.warning(run.experiment.id(), warning);
        }
        listener.progress(run.progress());
        return !run.stopRequested && !run.nonFinite;
    }

    /** Writes the run's result file and commits it on its experiment branch; a failure is a warning. */
    void record(Run run, Path folder) {
        try {
            BatchRecords.record(workspace, batch, run, folder, data.preprocessor());
        } catch (IOException | RuntimeException e) {
            listener.warning(run.experiment.id(), "Could not record the result of " + run.experiment.id() + ": "
                    + e.getMessage());
        }
    }
}
