package org.sealbook.toolkit.runs;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.sealbook.toolkit.explain.Numbers;
import org.sealbook.toolkit.hypothesis.Family;
import org.sealbook.toolkit.hypothesis.Metric;
import org.sealbook.toolkit.models.Model;
import org.sealbook.toolkit.plan.Experiment;
import org.sealbook.toolkit.plan.Plan;
import org.sealbook.toolkit.prepare.TrainingData;
import org.sealbook.toolkit.workspace.StageNames;
import org.sealbook.toolkit.workspace.StageRefused;
import org.sealbook.toolkit.workspace.Workspace;

/**
 * The sealed plan's experiments trained on a bounded pool of background threads: the baseline first and alone
 * (every other run is judged against it), then the rest, at most the plan's concurrency at a time. Each run
 * checks the seals before and after it trains, passes a preflight, logs every step to its own append-only log,
 * writes {@link Checkpoints} as it goes, and records its result in the workspace and on its experiment branch.
 * {@link #resume} starts the same batch again after a restart: finished runs keep their results, the others go on
 * from their last checkpoint.
 * Usage: {@code Batch batch = Batch.start(workspace, TrainingData.load(workspace), Models::create, listener);}
 */
public final class Batch {
    /** Makes a fresh, untrained model for an experiment. */
    @FunctionalInterface
    public interface ModelFactory {
        Model create(Experiment experiment, long seed);
    }

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final Workspace workspace;
    private final StageNames names;
    private final TrainingData data;
    private final ModelFactory factory;
    private final BatchListener listener;
    private volatile String blocked; // set when a sealed file changed: every run not yet trained ends BLOCKED_TAMPER
    private final Map<String, Run> runs = new LinkedHashMap<>();
    private final ExecutorService pool;
    private final CountDownLatch done = new CountDownLatch(1);
    private final Instant startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private volatile Map<String, Double> baselineScores = Map.of();
    private final RunJudge judge;

    private Batch(Workspace workspace, TrainingData data, ModelFactory factory, BatchListener listener, StageNames names,
                  boolean resume) {
        this.workspace = workspace;
        this.names = names;
        this.data = data;
        this.factory = factory;
        this.listener = new IsolatedListener(listener);
        this.judge = new RunJudge(data);
        for (Experiment e : data.plan().experiments()) {
            Run run = new Run(e);
            runs.put(e.id(), run);
            if (resume) {
                run.pickUp(folder(e.id()));
                if (e.family() == Family.BASELINE && run.status == RunStatus.DONE) {
                    baselineScores = run.scores;
                }
            }
        }
        int concurrency = Math.max(1, data.plan().budget().concurrency());
        int pool = POOLS.incrementAndGet();
        AtomicInteger thread = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "sealbook-train-" + pool + "-" + thread.incrementAndGet());
            t.setDaemon(true); // a batch never keeps the kernel or jshell from exiting
            return t;
        });
    }

    /**
     * Starts the batch and returns at once; the listener hears every step and the end, with the ledger to seal.
     * {@code names} writes the stages its refusals name. A listener that throws is logged and never changes a run.
     */
    public static Batch start(Workspace workspace, TrainingData data, ModelFactory factory, BatchListener listener,
                              StageNames names) {
        return launch(new Batch(workspace, data, factory, listener, names, false));
    }

    /**
     * Starts the batch again where an earlier one (in this or an earlier session) left it, and returns at once. Runs
     * that finished (DONE, or crashed: they would crash again) keep their recorded results and are not trained;
     * the others (stopped, blocked, or cut off by a restart) go on from their last checkpoint, or from the start
     * when they have none.
     */
    public static Batch resume(Workspace workspace, TrainingData data, ModelFactory factory, BatchListener listener,
                               StageNames names) {
        return launch(new Batch(workspace, data, factory, listener, names, true));
    }

    /** Each experiment's recorded status in the workspace, for the experiments that have a result there. */
    public static Map<String, RunStatus> recorded(Workspace workspace, Plan plan) {
        Map<String, RunStatus> found = new LinkedHashMap<>();
        for (Experiment e : plan.experiments()) {
            Path result = runFolder(workspace, plan.batch(), e.id()).resolve("result.json");
            if (Files.exists(result)) {
                found.put(e.id(), RunResult.read(result).status());
            }
        }
        return found;
    }

    private static Batch launch(Batch batch) {
        Thread coordinator = new Thread(batch::coordinate, "sealbook-train-" + batch.id());
        coordinator.setDaemon(true);
        coordinator.start();
        return batch;
    }

    public String id() {
        return data.plan().batch();
    }

    /** The metric that judges the batch. */
    public Metric primary() {
        return data.contract().primary();
    }

    /** Every run as it stands, in plan order. */
    public List<RunProgress> status() {
        return runs.values().stream().map(Run::progress).toList();
    }

    public boolean isFinished() {
        return done.getCount() == 0;
    }

    /** Waits until every run has a final status, or the time is up; true when finished. */
    public boolean await(Duration limit) throws InterruptedException {
        return done.await(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Waits until every run has a final status. An interrupt of the waiting thread (a kernel interrupt, Ctrl-C in
     * JShell) stops every run after its current step, each with a checkpoint, and is passed on.
     */
    public void awaitStoppingOnInterrupt() throws InterruptedException {
        try {
            while (!await(Duration.ofSeconds(1))) {
                // waiting in short steps keeps the caller interruptible, also by Thread.stop
            }
        } catch (InterruptedException | ThreadDeath stopped) {
            stopAll();
            throw stopped;
        }
    }

    /** Asks one run to stop after its current step (a queued run never starts); false for an unknown id. */
    public boolean stop(String experiment) {
        Run run = runs.get(experiment);
        if (run == null) {
            return false;
        }
        run.stopRequested = true;
        return true;
    }

    /** Asks every run to stop. */
    public void stopAll() {
        runs.values().forEach(r -> r.stopRequested = true);
    }

    private void coordinate() {
        try {
            List<Run> all = new ArrayList<>(runs.values());
            Run baseline = all.get(0); // the reviewer makes sure the baseline is exp_000 and first
            if (!baseline.status.isFinal()) {
                pool.submit(() -> train(baseline)).get();
            }
            List<Future<?>> rest = new ArrayList<>();
            for (Run run : all.subList(1, all.size())) {
                if (!run.status.isFinal()) { // a resumed batch keeps what finished before
                    rest.add(pool.submit(() -> train(run)));
                }
            }
            for (Future<?> f : rest) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopAll();
        } catch (ExecutionException e) {
            // train() records every failure in its run; reaching here means a bug in the runner itself
            runs.values().stream().filter(r -> !r.status.isFinal())
                    .forEach(r -> r.finish(RunStatus.CRASHED, "The runner failed: " + e.getCause()));
        } finally {
            try {
                pool.shutdown();
                // before the latch: whoever waits sees the batch's last words and its sealed ledger
                listener.finished(status(), ledger());
            } finally {
                done.countDown();
            }
        }
    }

    /**
     * The ledger for the training stage to seal ({@link BatchRecords#ledger}); null for a blocked batch (its chain is
     * broken) or when the run files cannot be read back, which the listener hears as a warning.
     */
    private TrainingRecord ledger() {
        if (blocked != null) {
            return null;
        }
        try {
            return BatchRecords.ledger(id(), startedAt, runs.values(), this::folder);
        } catch (IOException | RuntimeException e) {
            listener.warning(id(), "The results of batch " + id() + " could not be read back to seal them ("
                    + e.getMessage() + "), so " + names.stage("report") + " will not judge them yet; run "
                    + names.call("train", "--resume") + " to seal them again.");
            return null;
        }
    }

    /** One run from preflight to its recorded result; never throws. */
    private void train(Run run) {
        Experiment e = run.experiment;
        Path folder = folder(e.id());
        if (blocked != null || run.stopRequested) {
            // never started, but the ledger still says why, so every experiment of the plan has a result
            run.finish(blocked != null ? RunStatus.BLOCKED_TAMPER : RunStatus.STOPPED, blocked != null
                    ? e.id() + " was not trained: " + blocked : e.id() + " was stopped before it started.");
            record(run, folder);
            listener.progress(run.progress());
            return;
        }
        try (RunLog log = RunLog.open(folder.resolve("log.jsonl"))) {
            run.start();
            run.status = RunStatus.PREFLIGHT;
            listener.progress(run.progress());
            if (sealsIntact(run, "before")) {
                Preflight.check(e, data, factory, log, names);
                if (run.stopRequested) {
                    run.finish(RunStatus.STOPPED, e.id() + " was stopped during its preflight, before it trained; "
                            + names.call("train", "--resume") + " trains it from its first step.");
                } else {
                    run.status = RunStatus.RUNNING;
                    listener.progress(run.progress());
                    fitAndScore(run, log, folder);
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
    }

    private void fitAndScore(Run run, RunLog log, Path folder) {
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
            boolean goOn = onStep(run, log, step, total, metrics);
            if (!run.nonFinite) {
                checkpoint(run, () -> saving.afterStep(fitting, step, metrics, run.seconds(), !goOn || step == total));
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
        checkpoint(run, () -> run.model = saving.finish(fitting, run.latest, run.seconds()).file());
        if (sealsIntact(run, "after")) {
            run.finish(run.stopRequested ? RunStatus.STOPPED : RunStatus.DONE, judge.verdict(e, scores, baselineScores)
                    + (run.learned ? "" : " It did not learn beyond the baseline's guess (it failed to converge)."));
        }
    }

    private interface CheckpointWrite {
        void write() throws IOException;
    }

    /** A checkpoint that cannot be written is a warning, said once per run: the training itself is sound. */
    private void checkpoint(Run run, CheckpointWrite write) {
        try {
            write.write();
        } catch (IOException | RuntimeException failed) {
            if (!run.checkpointSaid) {
                run.checkpointSaid = true;
                listener.warning(run.experiment.id(), run.experiment.id() + " could not write a checkpoint ("
                        + failed.getMessage() + "); it goes on training, but " + names.call("train", "--resume")
                        + " would start it again "
                        + "from the beginning. Make the workspace writable, or free some disk space.");
            }
        }
    }

    /** False (and the whole batch blocked) when a sealed file changed since the batch started. */
    private boolean sealsIntact(Run run, String when) {
        try {
            workspace.verify("train", Plan.ARTIFACT, names);
            return true;
        } catch (StageRefused tampered) {
            blocked = "a sealed file changed " + when + " " + run.experiment.id() + " trained, so the batch stopped: "
                    + tampered.getMessage();
            runs.values().forEach(other -> other.stopRequested = true);
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

    /** Writes the run's result file and commits it on the experiment's branch; a failure is a warning. */
    private void record(Run run, Path folder) {
        try {
            BatchRecords.record(workspace, id(), run, folder, data.preprocessor());
        } catch (IOException | RuntimeException e) {
            listener.warning(run.experiment.id(), "Could not record the result of " + run.experiment.id() + ": "
                    + e.getMessage());
        }
    }

    private Path folder(String experiment) {
        return runFolder(workspace, id(), experiment);
    }

    private static Path runFolder(Workspace workspace, String batch, String experiment) {
        return workspace.folder().resolve("runs").resolve(batch).resolve(experiment);
    }

    /** A number in a run's sentence, in the one format every stage shows; "(none)" when the run has none. */
    static String round(Double v) {
        return v == null ? "(none)" : Numbers.number(v);
    }
}
