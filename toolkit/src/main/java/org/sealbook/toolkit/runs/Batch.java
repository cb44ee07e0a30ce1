package org.sealbook.toolkit.runs;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.sealbook.toolkit.hypothesis.Metric;
import org.sealbook.toolkit.models.BaselineModel;
import org.sealbook.toolkit.models.Metrics;
import org.sealbook.toolkit.models.Model;
import org.sealbook.toolkit.plan.Experiment;
import org.sealbook.toolkit.prepare.Prepared;
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

    static final int PREFLIGHT_ROWS = 64;
    /** Where a run's model files live, relative to its folder, as result.json names them. */
    private static final String CHECKPOINTS = "checkpoints/";
    /** A training loss within 1% of the baseline's counts as not learned. */
    private static final double LEARNED_MARGIN = 0.01;
    private static final AtomicInteger POOLS = new AtomicInteger();
    /** How the batch's own refusals name stages (the notebook's way until the pipeline seals the ledger). */
    private static final StageNames NAMES = new StageNames() {
        @Override
        public String stage(String name) {
            return "%" + name;
        }

        @Override
        public String usage(String name) {
            return "%" + name;
        }
    };

    private final Workspace workspace;
    private final TrainingData data;
    private final ModelFactory factory;
    private final BatchListener listener;
    private volatile String blocked; // set when a sealed file changed: every run not yet trained ends BLOCKED_TAMPER
    private final Map<String, Run> runs = new LinkedHashMap<>();
    private final ExecutorService pool;
    private final CountDownLatch done = new CountDownLatch(1);
    private final java.time.Instant startedAt = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    private volatile Map<String, Double> baselineScores = Map.of();
    private Double baselineTrainLoss;

    private Batch(Workspace workspace, TrainingData data, ModelFactory factory, BatchListener listener, boolean resume) {
        this.workspace = workspace;
        this.data = data;
        this.factory = factory;
        this.listener = listener;
        for (Experiment e : data.plan().experiments()) {
            Run run = new Run(e);
            runs.put(e.id(), run);
            if (resume) {
                run.pickUp(folder(e.id()));
                if (e.family() == org.sealbook.toolkit.hypothesis.Family.BASELINE && run.status == RunStatus.DONE) {
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

    /** Starts the batch and returns at once; the listener hears every step and the end. */
    public static Batch start(Workspace workspace, TrainingData data, ModelFactory factory, BatchListener listener) {
        return launch(new Batch(workspace, data, factory, listener, false));
    }

    /**
     * Starts the batch again where an earlier one (in this or an earlier session) left it, and returns at once. Runs
     * that finished (DONE, or crashed: they would crash again) keep their recorded results and are not trained;
     * the others (stopped, blocked, or cut off by a restart) go on from their last checkpoint, or from the start
     * when they have none.
     */
    public static Batch resume(Workspace workspace, TrainingData data, ModelFactory factory, BatchListener listener) {
        return launch(new Batch(workspace, data, factory, listener, true));
    }

    /** Each experiment's recorded status in the workspace, for the experiments that have a result there. */
    public static Map<String, RunStatus> recorded(Workspace workspace, org.sealbook.toolkit.plan.Plan plan) {
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
            List<java.util.concurrent.Future<?>> rest = new ArrayList<>();
            for (Run run : all.subList(1, all.size())) {
                if (!run.status.isFinal()) { // a resumed batch keeps what finished before
                    rest.add(pool.submit(() -> train(run)));
                }
            }
            for (java.util.concurrent.Future<?> f : rest) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopAll();
        } catch (java.util.concurrent.ExecutionException e) {
            // train() records every failure in its run; reaching here means a bug in the runner itself
            runs.values().stream().filter(r -> !r.status.isFinal())
                    .forEach(r -> r.finish(RunStatus.CRASHED, "The runner failed: " + e.getCause()));
        } finally {
            pool.shutdown();
            sealLedger();
            listener.finished(status()); // before the latch: whoever waits sees the batch's last words
            done.countDown();
        }
    }

    /**
     * Seals the batch's ledger as the training stage: each run's status and the SHA-256 of its result file and of
     * its final model, so %report can tell whether anything changed after training. A blocked batch seals nothing
     * (its chain is broken); a seal that fails is a warning, and %report refuses until one is made.
     */
    private void sealLedger() {
        if (blocked != null) {
            return;
        }
        try {
            JsonObject decision = new JsonObject();
            decision.addProperty("batch", id());
            decision.addProperty("started", startedAt.toString());
            decision.addProperty("finished", java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                    .toString());
            com.google.gson.JsonArray ledger = new com.google.gson.JsonArray();
            Map<String, byte[]> attachments = new LinkedHashMap<>();
            for (Run run : runs.values()) {
                Path folder = folder(run.experiment.id());
                byte[] result = Files.readAllBytes(folder.resolve("result.json"));
                String base = "runs/" + id() + "/" + run.experiment.id() + "/";
                attachments.put(base + "result.json", result);
                JsonObject entry = new JsonObject();
                entry.addProperty("experiment", run.experiment.id());
                entry.addProperty("status", run.status.name());
                entry.addProperty("result", base + "result.json");
                entry.addProperty("result_sha256", org.sealbook.toolkit.workspace.CanonicalJson.sha256(result));
                if (run.model != null) {
                    Path model = folder.resolve(CHECKPOINTS + run.model);
                    entry.addProperty("model", base + CHECKPOINTS + run.model);
                    entry.addProperty("model_sha256",
                            org.sealbook.toolkit.workspace.CanonicalJson.sha256(Files.readAllBytes(model)));
                }
                ledger.add(entry);
            }
            decision.add("runs", ledger);
            workspace.seal(TrainingRecord.ARTIFACT, TrainingRecord.fromJson(decision), java.time.Instant.now(),
                    attachments, NAMES);
        } catch (java.io.IOException | RuntimeException e) {
            listener.warning(id(), "The results of batch " + id() + " could not be sealed (" + e.getMessage()
                    + "), so %report will not judge them yet; run %train --resume to seal them again.");
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
                preflight(e, log);
                if (run.stopRequested) {
                    run.finish(RunStatus.STOPPED, e.id() + " was stopped during its preflight, before it trained; "
                            + "%train --resume trains it from its first step.");
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
            } catch (java.io.IOException unusable) {
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
        Map<String, Double> scores = score(model);
        if (e.family() == org.sealbook.toolkit.hypothesis.Family.BASELINE) {
            baselineScores = scores;
        }
        run.scores = scores;
        run.complexity = model.complexity();
        if (e.family() != org.sealbook.toolkit.hypothesis.Family.BASELINE) {
            run.learned = learnedBeyondBaseline(run);
        }
        checkpoint(run, () -> run.model = saving.finish(fitting, run.latest, run.seconds()).file());
        if (sealsIntact(run, "after")) {
            run.finish(run.stopRequested ? RunStatus.STOPPED : RunStatus.DONE, verdict(e, scores)
                    + (run.learned ? "" : " It did not learn beyond the baseline's guess (it failed to converge)."));
        }
    }

    /**
     * Whether a run's training loss ended clearly below the baseline's (which only guesses the class shares or the
     * mean): a model that cannot beat it on the very rows it learns from failed to converge. Warns when not.
     */
    private boolean learnedBeyondBaseline(Run run) {
        Double last = run.latest.get("train_loss");
        double bar = baselineTrainLoss();
        if (last == null || !Double.isFinite(bar) || last < bar * (1 - LEARNED_MARGIN)) {
            return true;
        }
        String id = run.experiment.id();
        listener.warning(id, id + "'s training loss ended at " + round(last) + ", no lower than the baseline's "
                + round(bar) + ": it learned nothing the baseline's guess does not already know (it failed to "
                + "converge). " + switch (run.experiment.family()) {
                    case MLP -> "Try a larger learning_rate or more epochs.";
                    case GRADIENT_BOOSTING -> "Try more trees or a larger learning_rate.";
                    case RANDOM_FOREST -> "Try deeper trees (max_depth).";
                    default -> "Check that the features relate to the target at all.";
                });
        return false;
    }

    /** The baseline's training loss, computed once: it is cheap and needs no run. */
    private synchronized double baselineTrainLoss() {
        if (baselineTrainLoss == null) {
            double[] loss = {Double.NaN};
            new BaselineModel(java.util.Map.of(), data.contract().seed()).fit(data.train(), null, (step, total, m) -> {
                loss[0] = m.getOrDefault("train_loss", Double.NaN);
                return true;
            });
            baselineTrainLoss = loss[0];
        }
        return baselineTrainLoss;
    }

    private interface CheckpointWrite {
        void write() throws java.io.IOException;
    }

    /** A checkpoint that cannot be written is a warning, said once per run: the training itself is sound. */
    private void checkpoint(Run run, CheckpointWrite write) {
        try {
            write.write();
        } catch (java.io.IOException | RuntimeException failed) {
            if (!run.checkpointSaid) {
                run.checkpointSaid = true;
                listener.warning(run.experiment.id(), run.experiment.id() + " could not write a checkpoint ("
                        + failed.getMessage() + "); it goes on training, but %train --resume would start it again "
                        + "from the beginning. Make the workspace writable, or free some disk space.");
            }
        }
    }

    /** False (and the whole batch blocked) when a sealed file changed since the batch started. */
    private boolean sealsIntact(Run run, String when) {
        try {
            workspace.verify("train", org.sealbook.toolkit.plan.Plan.ARTIFACT, NAMES);
            return true;
        } catch (StageRefused tampered) {
            blocked = "a sealed file changed " + when + " " + run.experiment.id() + " trained, so the batch stopped: "
                    + tampered.getMessage();
            runs.values().forEach(other -> other.stopRequested = true);
            run.finish(RunStatus.BLOCKED_TAMPER, run.experiment.id() + " was not counted: " + blocked);
            return false;
        }
    }

    /**
     * Before the real fit: the rows are finite, a fresh model trains one step on a few rows, its predictions are
     * finite (probabilities summing to 1), and the locked metric can be computed from them.
     */
    private void preflight(Experiment e, RunLog log) {
        requireFinite(data.train(), "training");
        requireFinite(data.validation(), "validation");
        int n = Math.min(PREFLIGHT_ROWS, data.train().rows());
        Prepared sample = head(data.train(), n);
        Model probe = factory.create(e, data.contract().seed());
        probe.fit(sample, sample, (step, total, metrics) -> false);
        double[][] predicted = probe.predict(sample.x());
        for (double[] row : predicted) {
            double sum = 0;
            for (double v : row) {
                if (!Double.isFinite(v)) {
                    throw new ArithmeticException(e.id() + " failed its preflight: a prediction after one training "
                            + "step is not a finite number; check the data for extreme values or lower the learning rate.");
                }
                sum += v;
            }
            if (sample.isClassification() && Math.abs(sum - 1) > 1e-6) {
                throw new IllegalStateException(e.id() + " failed its preflight: its class probabilities add up to "
                        + sum + ", not 1.");
            }
        }
        Map<String, Double> probeScores = Metrics.compute(List.of(data.contract().primary()), sample, predicted,
                data.preprocessor());
        JsonObject record = new JsonObject();
        record.addProperty("event", "preflight");
        record.addProperty("rows", n);
        record.addProperty("seed", data.contract().seed());
        record.addProperty("metric_emitted", probeScores.containsKey(data.contract().primary().label()));
        com.google.gson.JsonArray checks = new com.google.gson.JsonArray();
        probe.selfChecks().forEach(checks::add);
        record.add("model_checks", checks);
        log.append(record);
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
        for (String warning : run.watch(metrics)) {
            listener.warning(run.experiment.id(), warning);
        }
        listener.progress(run.progress());
        return !run.stopRequested && !run.nonFinite;
    }

    /** Train and validation scores of the locked metrics, and the generalisation gap of the primary. */
    private Map<String, Double> score(Model model) {
        List<Metric> metrics = data.contract().lockedMetrics();
        Map<String, Double> scores = new LinkedHashMap<>();
        Metrics.compute(metrics, data.train(), model.predict(data.train().x()), data.preprocessor())
                .forEach((k, v) -> scores.put("train_" + k, v));
        Metrics.compute(metrics, data.validation(), model.predict(data.validation().x()), data.preprocessor())
                .forEach((k, v) -> scores.put("val_" + k, v));
        Metric primary = data.contract().primary();
        double train = scores.getOrDefault("train_" + primary.label(), Double.NaN);
        double val = scores.getOrDefault("val_" + primary.label(), Double.NaN);
        double better = primary.higherIsBetter() ? train - val : val - train;
        scores.put("gap", val == 0 ? Double.NaN : Math.max(0, better) / Math.abs(val));
        return scores;
    }

    /** The run's verdict against its criteria and the contract's gap bound, in one sentence. */
    private String verdict(Experiment e, Map<String, Double> scores) {
        Metric primary = data.contract().primary();
        String score = primary.label() + " " + round(scores.get("val_" + primary.label()));
        if (e.family() == org.sealbook.toolkit.hypothesis.Family.BASELINE) {
            return e.id() + " (the baseline) scored " + score + " on the validation rows: the bar for the others.";
        }
        double gap = scores.getOrDefault("gap", Double.NaN);
        boolean overfits = gap > data.contract().maxGap();
        boolean success = e.success().test(scores, baselineScores);
        boolean failure = e.failure().test(scores, baselineScores);
        String outcome = failure ? "failed (" + e.failure().text() + ")"
                : success && !overfits ? "succeeded (" + e.success().text() + ")"
                : success ? "met its success rule, but its training score is " + Math.round(gap * 100)
                + "% better than its validation score, more than the " + Math.round(data.contract().maxGap() * 100)
                + "% allowed, so it does not count"
                : "did not clear the bar (" + e.success().text() + ")";
        return e.id() + " scored " + score + " on the validation rows and " + outcome + ".";
    }

    /** Writes the run's result file and commits it with the log on the experiment's branch. */
    private void record(Run run, Path folder) {
        RunResult result = new RunResult(run.experiment.id(), run.experiment.family().label(), run.status,
                run.sentence, run.finalSeconds, run.complexity, run.scores, run.done, run.learned,
                run.model == null ? null : CHECKPOINTS + run.model);
        try {
            byte[] bytes = result.bytes();
            Files.createDirectories(folder);
            Files.write(folder.resolve("result.json"), bytes);
            String base = "runs/" + id() + "/" + run.experiment.id() + "/";
            Map<String, byte[]> files = new LinkedHashMap<>();
            files.put(base + "result.json", bytes);
            Path log = folder.resolve("log.jsonl");
            if (Files.exists(log)) {
                files.put(base + "log.jsonl", Files.readAllBytes(log));
            }
            if (run.model != null) {
                // the recipe fitted on the training rows goes with the model: together they predict raw rows
                byte[] recipe = org.sealbook.toolkit.workspace.CanonicalJson.bytes(data.preprocessor().toJson());
                Files.write(folder.resolve("preprocessor.json"), recipe);
                files.put(base + "preprocessor.json", recipe);
            }
            workspace.commitOnExperimentBranch(id(), run.experiment.id(), files,
                    "Result of " + run.experiment.id() + ": " + run.status.name());
        } catch (java.io.IOException | RuntimeException e) {
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

    private static void requireFinite(Prepared rows, String which) {
        if (rows.rows() == 0) {
            throw new IllegalStateException("The " + which + " split has no rows; run %hypothesize again with other ratios.");
        }
        for (double[] row : rows.x()) {
            for (double v : row) {
                if (!Double.isFinite(v)) {
                    throw new IllegalStateException("The prepared " + which + " rows hold a value that is not a finite "
                            + "number; the data check's recipe should have filled it, so run %data_check again.");
                }
            }
        }
    }

    private static Prepared head(Prepared p, int n) {
        double[][] x = java.util.Arrays.copyOf(p.x(), n);
        return p.isClassification()
                ? Prepared.classification(p.features(), x, java.util.Arrays.copyOf(p.labels(), n), p.classes())
                : Prepared.regression(p.features(), x, java.util.Arrays.copyOf(p.y(), n));
    }

    private static String round(Double v) {
        if (v == null || !Double.isFinite(v)) {
            return "(none)";
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }

    /** One experiment's run: its state, written by its training thread and read by anyone. */
    private static final class Run {
        final Experiment experiment;
        volatile RunStatus status = RunStatus.QUEUED;
        volatile boolean stopRequested;
        volatile boolean nonFinite;
        volatile int done;
        volatile int total;
        volatile Map<String, Double> latest = Map.of();
        volatile Map<String, Double> scores = Map.of();
        volatile long complexity;
        volatile String sentence = "waiting for a free slot";
        volatile double finalSeconds = Double.NaN;
        volatile String model; // the final model's checkpoint file, once written
        volatile boolean checkpointSaid;
        volatile boolean learned = true; // false: its training loss ended no lower than the baseline's
        /** Where a resumed run goes on from; null to start from the first step. */
        Checkpoints.Entry resumeFrom;
        private volatile double earlierSeconds; // training time before a resume
        private volatile long startedAt = -1;
        private final List<Double> trainLosses = new ArrayList<>();
        private final List<Double> gradNorms = new ArrayList<>();
        private boolean spikeSaid;
        private boolean gradientSaid;
        private boolean divergenceSaid;
        private int risingSteps;
        private double lastTrain = Double.NaN;
        private double lastVal = Double.NaN;

        Run(Experiment experiment) {
            this.experiment = experiment;
        }

        void start() {
            startedAt = System.currentTimeMillis();
            earlierSeconds = 0;
        }

        double seconds() {
            return earlierSeconds + (startedAt < 0 ? 0 : (System.currentTimeMillis() - startedAt) / 1000.0);
        }

        /**
         * For a resumed batch: takes a finished run's recorded result as it is, or finds an unfinished run's last
         * checkpoint.
         */
        void pickUp(Path folder) {
            Path file = folder.resolve("result.json");
            RunResult result = Files.exists(file) ? RunResult.read(file) : null;
            if (result != null && result.status() != RunStatus.STOPPED && result.status() != RunStatus.BLOCKED_TAMPER) {
                scores = result.scores();
                complexity = result.complexity();
                done = result.steps();
                total = done;
                model = result.model() == null ? null : result.model().substring(CHECKPOINTS.length());
                sentence = result.sentence();
                finalSeconds = result.seconds();
                learned = result.converged();
                status = result.status();
                return;
            }
            resumeFrom = Checkpoints.in(folder).latest(Checkpoints.LAST).orElse(null);
            done = resumeFrom == null ? 0 : resumeFrom.step();
        }

        /** The run goes on from a checkpoint: its steps and time so far count. */
        void resumed(Checkpoints.Entry from) {
            done = from.step();
            earlierSeconds = from.seconds();
        }

        void step(int step, int of, Map<String, Double> metrics) {
            done = step;
            total = of;
            latest = Map.copyOf(metrics);
            Double train = metrics.get("train_loss");
            Double val = metrics.get("val_loss");
            nonFinite |= (train != null && !Double.isFinite(train)) || (val != null && !Double.isFinite(val));
        }

        /** The plain-language warnings this step calls for, each said once per run. */
        synchronized List<String> watch(Map<String, Double> m) {
            List<String> said = new ArrayList<>();
            Double train = m.get("train_loss");
            Double val = m.get("val_loss");
            if (train != null && Double.isFinite(train)) {
                double average = trainLosses.stream().skip(Math.max(0, trainLosses.size() - 5))
                        .mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
                if (!spikeSaid && trainLosses.size() >= 3 && train > 3 * average) {
                    spikeSaid = true;
                    said.add(experiment.id() + "'s training loss jumped to " + round(train) + " at step " + done
                            + ", more than 3 times its recent average of " + round(average) + "; a lower learning rate "
                            + "usually calms it.");
                }
                trainLosses.add(train);
            }
            Double grad = m.get("grad_norm");
            if (grad != null && Double.isFinite(grad)) {
                double average = gradNorms.stream().skip(Math.max(0, gradNorms.size() - 5))
                        .mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
                if (!gradientSaid && gradNorms.size() >= 3 && grad > 10 * average) {
                    gradientSaid = true;
                    said.add(experiment.id() + "'s gradients grew to " + round(grad) + " at step " + done + ", 10 times "
                            + "their recent average of " + round(average) + " (exploding gradients); lower the "
                            + "learning rate or scale the features.");
                }
                gradNorms.add(grad);
            }
            if (train != null && val != null && Double.isFinite(lastTrain) && Double.isFinite(lastVal)) {
                risingSteps = train < lastTrain && val > lastVal ? risingSteps + 1 : 0;
                // a few noisy steps prove nothing: a long run must rise for 5% of its steps before it is named
                int enough = Math.max(3, total / 20);
                if (!divergenceSaid && risingSteps >= enough) {
                    divergenceSaid = true;
                    boolean net = experiment.family() == org.sealbook.toolkit.hypothesis.Family.MLP;
                    said.add(experiment.id() + "'s validation loss has risen for " + enough + " steps in a row while its "
                            + "training loss fell: it is starting to learn its training rows by heart (overfitting)"
                            + (experiment.params().containsKey("early_stopping") ? "; early stopping will end it."
                            : net ? "; setting early_stopping in the plan would stop it at its best."
                            : "; fewer trees, or a smaller learning rate, would stop nearer its best."));
                }
            }
            if (train != null) {
                lastTrain = train;
            }
            if (val != null) {
                lastVal = val;
            }
            return said;
        }

        void finish(RunStatus last, String words) {
            sentence = words;
            finalSeconds = seconds();
            status = last; // written last: whoever sees a final status sees its sentence and time too
        }

        RunProgress progress() {
            double seconds = status.isFinal() ? finalSeconds : seconds();
            double left = done > 0 && total > done && !status.isFinal() ? seconds / done * (total - done) : Double.NaN;
            return new RunProgress(experiment.id(), experiment.family().label(), status, done, total,
                    status.isFinal() ? scores : latest, seconds, left, status == RunStatus.QUEUED
                    || status == RunStatus.PREFLIGHT || status == RunStatus.RUNNING ? status.words() : sentence);
        }
    }
}
