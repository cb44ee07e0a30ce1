package org.sealbook.toolkit.runs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.sealbook.toolkit.explain.Numbers;
import org.sealbook.toolkit.hypothesis.Family;
import org.sealbook.toolkit.hypothesis.Metric;
import org.sealbook.toolkit.models.Model;
import org.sealbook.toolkit.plan.Experiment;
import org.sealbook.toolkit.plan.Plan;
import org.sealbook.toolkit.prepare.TrainingData;
import org.sealbook.toolkit.workspace.StageNames;
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
    private final RunTrainer trainer;
    private final ExecutorService pool;
    private final Ending ending = new Ending();
    private final Instant startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private Batch(Workspace workspace, TrainingData data, ModelFactory factory, BatchListener listener, StageNames names,
                  boolean resume) {
        this.workspace = workspace;
        this.names = names;
        this.data = data;
        this.factory = factory;
        this.listener = new IsolatedListener(listener);
        this.trainer = new RunTrainer(workspace, data.plan().batch(), data, factory, this.listener, names,
                Plan.ARTIFACT, "train");
        for (Experiment e : data.plan().experiments()) {
            trainer.add(e);
            Run run = trainer.run(e.id());
            if (resume) {
                run.pickUp(folder(e.id()));
                if (e.family() == Family.BASELINE && run.status == RunStatus.DONE) {
                    trainer.baselineScores(run.scores);
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
        return trainer.status();
    }

    public boolean isFinished() {
        return ending.isReached();
    }

    /** Waits until every run has a final status, or the time is up; true when finished. */
    public boolean await(Duration limit) throws InterruptedException {
        return ending.await(limit);
    }

    /**
     * Waits until every run has a final status. An interrupt of the waiting thread (a kernel interrupt, Ctrl-C in
     * JShell) stops every run after its current step, each with a checkpoint, and is passed on.
     */
    public void awaitStoppingOnInterrupt() throws InterruptedException {
        ending.awaitStoppingOnInterrupt(this::stopAll);
    }

    /** Asks one run to stop after its current step (a queued run never starts); false for an unknown id. */
    public boolean stop(String experiment) {
        return trainer.stop(experiment);
    }

    /** Asks every run to stop. */
    public void stopAll() {
        trainer.stopAll();
    }

    private void coordinate() {
        try {
            List<Run> all = trainer.runs();
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
            trainer.runs().stream().filter(r -> !r.status.isFinal())
                    .forEach(r -> r.finish(RunStatus.CRASHED, "The runner failed: " + e.getCause()));
        } finally {
            try {
                pool.shutdown();
                // before the latch: whoever waits sees the batch's last words and its sealed ledger
                listener.finished(status(), ledger());
            } finally {
                ending.reached();
            }
        }
    }

    /**
     * The ledger for the training stage to seal ({@link BatchRecords#ledger}); null for a blocked batch (its chain is
     * broken) or when the run files cannot be read back, which the listener hears as a warning.
     */
    private TrainingRecord ledger() {
        return trainer.ledger(startedAt, names.call("train", "--resume"));
    }

    private void train(Run run) {
        trainer.train(run.experiment.id(), RunTrainer.StepRule.ALWAYS, names.call("train", "--resume"));
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
