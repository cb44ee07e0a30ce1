package org.sealbook.toolkit.sweep;

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
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.sealbook.toolkit.hypothesis.Metric;
import org.sealbook.toolkit.models.Models;
import org.sealbook.toolkit.plan.Criterion;
import org.sealbook.toolkit.plan.Experiment;
import org.sealbook.toolkit.prepare.TrainingData;
import org.sealbook.toolkit.runs.Batch;
import org.sealbook.toolkit.runs.BatchListener;
import org.sealbook.toolkit.runs.Ending;
import org.sealbook.toolkit.runs.RunProgress;
import org.sealbook.toolkit.runs.RunStatus;
import org.sealbook.toolkit.runs.RunTrainer;
import org.sealbook.toolkit.runs.TrainingRecord;
import org.sealbook.toolkit.workspace.CanonicalJson;
import org.sealbook.toolkit.workspace.StageNames;
import org.sealbook.toolkit.workspace.Workspace;

/**
 * A sealed sweep running in the background: the sampler proposes each trial's settings from the trials that ended,
 * each trial is an experiment ({@code trial_000}, ...) trained by the same {@link RunTrainer} as a batch (log,
 * checkpoints, seals checked, its own branch), at most {@code concurrency} at a time. Time spent is measured: no
 * trial starts in the last tenth of the budget, and running trials stop at its end. The sweep also stops when its
 * trials are used, the sampler has none left, {@code patience} trials in a row brought no better score, or the
 * reader stops it; the rule that fired is sealed with the results.
 * Usage: {@code Sweep s = Sweep.start(workspace, spec, data, Models::create, listener, names);}
 */
public final class Sweep {
    /** What a sweep tells whoever shows it, besides each run's progress and warnings. */
    public interface Listener extends BatchListener {
        /** A trial ended and its ledger line was written. */
        default void trialEnded(Trial trial) {
        }

        /** The sweep ended; {@code result} is what to seal, null when it was blocked or its files cannot be read. */
        default void sweepEnded(Sweep sweep, SweepResult result) {
        }
    }

    private static final String RESUME = "a new sweep";

    private final Workspace workspace;
    private final SweepSpec spec;
    private final TrainingData data;
    private final Listener listener;
    private final StageNames names;
    private final RunTrainer trainer;
    private final Sampler sampler;
    private final Asha stopper;
    private final SweepLedger ledger;
    private final List<Observation> history = new ArrayList<>();
    private final Map<String, Map<String, Object>> proposed = new LinkedHashMap<>();
    private final Map<String, Boolean> pruned = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicReference<String> stopRule = new AtomicReference<>();
    private final Ending ending = new Ending();
    private final Instant startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final long startedNanos = System.nanoTime();
    private volatile double secondsAtEnd = Double.NaN;
    private final AtomicInteger sinceBetter = new AtomicInteger();
    private volatile double bestScore = Double.NEGATIVE_INFINITY;

    private Sweep(Workspace workspace, SweepSpec spec, TrainingData data, Batch.ModelFactory models,
                  Listener listener, StageNames names) {
        this.workspace = workspace;
        this.spec = spec;
        this.data = data;
        this.listener = listener;
        this.names = names;
        this.trainer = new RunTrainer(workspace, spec.id(), data, models, listener, names, SweepSpec.ARTIFACT,
                "sweep");
        this.sampler = Sampler.of(spec.strategy(), spec.space(), spec.seed());
        this.stopper = spec.asha() ? new Asha(spec.minSteps(), spec.maxSteps(), spec.eta()) : null;
        this.ledger = SweepLedger.create(workspace.folder().resolve("runs").resolve(spec.id()));
    }

    /** Starts the sweep on a background thread and returns at once. */
    public static Sweep start(Workspace workspace, SweepSpec spec, TrainingData data, Batch.ModelFactory models,
                              Listener listener, StageNames names) {
        Sweep sweep = new Sweep(workspace, spec, data, models, listener, names);
        Thread coordinator = new Thread(sweep::coordinate, "sealbook-sweep-" + spec.id());
        coordinator.setDaemon(true); // a sweep never keeps the kernel or jshell from exiting
        coordinator.start();
        return sweep;
    }

    public String id() {
        return spec.id();
    }

    public SweepSpec spec() {
        return spec;
    }

    public Metric primary() {
        return data.contract().primary();
    }

    /** Every trial proposed so far, as it stands. */
    public List<RunProgress> status() {
        return trainer.status();
    }

    /** The ledger's lines so far, in the order the trials ended. */
    public List<Trial> trials() {
        return ledger.trials();
    }

    public Path ledgerFile() {
        return ledger.file();
    }

    /** Seconds spent since the sweep started (all of them, once it ended). */
    public double seconds() {
        return Double.isNaN(secondsAtEnd) ? (System.nanoTime() - startedNanos) / 1e9 : secondsAtEnd;
    }

    /** The stop rule that fired, once one did. */
    public Optional<String> stopRule() {
        return Optional.ofNullable(stopRule.get());
    }

    public boolean isFinished() {
        return ending.isReached();
    }

    public boolean await(Duration limit) throws InterruptedException {
        return ending.await(limit);
    }

    /** Waits for the end; an interrupt of the waiting thread stops every trial (each with a checkpoint), passed on. */
    public void awaitStoppingOnInterrupt() throws InterruptedException {
        ending.awaitStoppingOnInterrupt(this::stopAll);
    }

    /** Stops one trial after its current step; false for an unknown id. The sweep goes on with the next. */
    public boolean stop(String trial) {
        return trainer.stop(trial);
    }

    /** Stops the sweep: no trial starts any more, and running ones stop after their current step. */
    public void stopAll() {
        stopRule.compareAndSet(null, "stopped");
        trainer.stopAll();
    }

    private double limitSeconds() {
        return spec.maxMinutes() * 60;
    }

    private void coordinate() {
        int concurrency = Math.max(1, spec.concurrency());
        AtomicInteger thread = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "sealbook-sweep-" + spec.id() + "-" + thread.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        Semaphore slots = new Semaphore(concurrency);
        String ended = null;
        try {
            for (int n = 0; ended == null; ) {
                slots.acquire();
                ended = reasonToStop(n);
                if (ended == null) {
                    Optional<Map<String, Object>> next = propose();
                    if (next.isEmpty()) {
                        ended = "exhausted";
                    } else {
                        Experiment trial = experiment(String.format("trial_%03d", n++), next.get());
                        synchronized (history) {
                            // a trial still training is seen with no score yet, so no sampler proposes it twice
                            history.add(new Observation(next.get(), Double.NaN, false));
                        }
                        workspace.branchExperiment(spec.id(), trial.id(), names);
                        trainer.add(trial);
                        pool.submit(() -> {
                            try {
                                train(trial);
                            } finally {
                                slots.release();
                            }
                        });
                        continue;
                    }
                }
                slots.release();
            }
            pool.shutdown();
            while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
                // the trials still running end at their own pace, or at the budget's end
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopAll();
        } catch (RuntimeException e) {
            // a sampler or a branch that failed: the trials that ended keep their results
            listener.warning(spec.id(), "The sweep stopped proposing trials: " + e.getMessage());
            stopAll();
        } finally {
            pool.shutdownNow();
            stopRule.compareAndSet(null, ended == null ? "stopped" : ended);
            secondsAtEnd = (System.nanoTime() - startedNanos) / 1e9;
            try {
                listener.sweepEnded(this, result());
            } finally {
                ending.reached();
            }
        }
    }

    /** Which stop rule holds before trial {@code n} would start, or null to start it. */
    private String reasonToStop(int n) {
        if (stopRule.get() != null) {
            return stopRule.get();
        }
        if (n >= spec.trials()) {
            return "trials";
        }
        if (seconds() >= 0.9 * limitSeconds()) {
            stopRule.compareAndSet(null, "budget"); // the last tenth is kept for the trials running to finish
            return stopRule.get();
        }
        if (spec.patience() > 0 && sinceBetter.get() >= spec.patience()) {
            return "patience";
        }
        return null;
    }

    private Optional<Map<String, Object>> propose() {
        List<Observation> seen;
        synchronized (history) {
            seen = List.copyOf(history);
        }
        return sampler.next(seen);
    }

    private Experiment experiment(String id, Map<String, Object> searched) {
        Map<String, Object> settings = new LinkedHashMap<>(spec.fixed());
        settings.putAll(searched);
        synchronized (proposed) {
            proposed.put(id, settings);
        }
        Metric primary = primary();
        String score = "val_" + primary.label();
        Criterion success = Criterion.parse(score + (primary.higherIsBetter() ? " >= " : " <= ") + "baseline");
        Criterion failure = Criterion.parse(score + (primary.higherIsBetter() ? " < " : " > ") + "baseline");
        List<String> described = new ArrayList<>();
        searched.forEach((k, v) -> described.add(k + " " + v));
        return new Experiment(id, null, spec.family(), settings, data.contract().features(),
                "sweep " + spec.id() + ": " + String.join(", ", described),
                "How well does " + spec.family().label() + " score with " + String.join(", ", described) + "?",
                success, failure, 0);
    }

    private void train(Experiment trial) {
        RunProgress end = trainer.train(trial.id(), this::goOn, RESUME);
        Double score = end.metrics().get("val_" + primary().label()); // a stopped trial keeps the score it had
        boolean cut = pruned.containsKey(trial.id());
        Trial line = new Trial(trial.id(), trial.params(), cut && end.status() == RunStatus.DONE ? Trial.PRUNED
                : end.status().name(), stopper == null ? 0 : stopper.rungReached(trial.id()), score, end.seconds(),
                end.done());
        double oriented = score == null ? Double.NaN : primary().higherIsBetter() ? score : -score;
        synchronized (history) {
            history.set(Integer.parseInt(trial.id().substring("trial_".length())),
                    new Observation(searchedOnly(trial.params()), oriented, !cut));
            if (line.scored() && oriented > bestScore) {
                bestScore = oriented;
                sinceBetter.set(0);
            } else {
                sinceBetter.incrementAndGet();
            }
        }
        try {
            ledger.append(line);
        } catch (IOException e) {
            listener.warning(trial.id(), "Could not write " + trial.id() + "'s line in the sweep's ledger ("
                    + e.getMessage() + "); its result is still in its own folder.");
        }
        listener.trialEnded(line);
    }

    private Map<String, Object> searchedOnly(Map<String, Object> settings) {
        Map<String, Object> out = new LinkedHashMap<>();
        spec.space().ranges().keySet().forEach(k -> out.put(k, settings.get(k)));
        return out;
    }

    /** After each step: stop at the budget's end, and let early stopping judge the trial at its rungs. */
    private boolean goOn(String trial, int step, int total, Map<String, Double> metrics) {
        if (seconds() >= limitSeconds()) {
            stopRule.compareAndSet(null, "budget");
            trainer.stop(trial);
            return false;
        }
        if (stopper == null) {
            return true;
        }
        Double val = metrics.get("val_" + primary().label());
        double score = val != null ? (primary().higherIsBetter() ? val : -val)
                : metrics.containsKey("val_loss") ? -metrics.get("val_loss") : Double.NaN;
        if (val == null && !metrics.containsKey("val_loss")) {
            return true; // nothing to judge this step by
        }
        if (!stopper.goOn(trial, step, score)) {
            pruned.put(trial, true);
            return false;
        }
        return true;
    }

    /** The record to seal, or null when the trials' files cannot be read back (the listener heard why). */
    private SweepResult result() {
        TrainingRecord training = trainer.ledger(startedAt, RESUME);
        if (training == null) {
            return null;
        }
        String rule = stopRule.get();
        String best = ledger.trials().stream().filter(Trial::scored)
                .max((a, b) -> Double.compare(oriented(a), oriented(b))).map(Trial::trial).orElse(null);
        try {
            byte[] bytes = Files.readAllBytes(ledger.file());
            return new SweepResult(rule, stopSentence(rule), Math.round(seconds() * 10) / 10.0,
                    "runs/" + spec.id() + "/" + SweepLedger.FILE, CanonicalJson.sha256(bytes), best, training);
        } catch (IOException e) {
            listener.warning(spec.id(), "Could not read the sweep's ledger back to seal it (" + e.getMessage() + ").");
            return null;
        }
    }

    double oriented(Trial t) {
        return primary().higherIsBetter() ? t.score() : -t.score();
    }

    /** Why the sweep ended, with the numbers behind the rule. */
    private String stopSentence(String rule) {
        int count = ledger.trials().size();
        String minutes = org.sealbook.toolkit.explain.Numbers.duration(seconds());
        return switch (rule) {
            case "trials" -> "it ran all " + spec.trials() + " trials it was given, in " + minutes;
            case "budget" -> "its time budget of " + org.sealbook.toolkit.explain.Numbers.number(spec.maxMinutes())
                    + " minutes ran out after " + count + " trials (" + minutes + " spent; no trial starts in the "
                    + "last tenth of the budget, and trials still running stop at its end)";
            case "patience" -> "the last " + spec.patience() + " trials brought no better score, so more were unlikely "
                    + "to help (" + count + " trials in " + minutes + ")";
            case "exhausted" -> "the " + spec.strategy() + " search had no untried settings left after " + count
                    + " trials";
            default -> "it was stopped by request after " + count + " trials (" + minutes + ")";
        };
    }

    /** The most steps (trees, epochs) a trial of {@code spec} trains, read from its step setting; 0 when unknown. */
    public static int maxSteps(Map<String, Object> fixed, SearchSpace space, org.sealbook.toolkit.hypothesis.Family family) {
        String setting = Models.stepSetting(family);
        if (setting == null) {
            return 0;
        }
        Range range = space.ranges().get(setting);
        if (range instanceof Range.IntUniform i) {
            return i.hi();
        }
        if (range instanceof Range.Choice c) {
            return c.values().stream().filter(v -> v instanceof Integer).mapToInt(v -> (Integer) v).max().orElse(0);
        }
        return fixed.get(setting) instanceof Integer whole ? whole : 0;
    }
}
