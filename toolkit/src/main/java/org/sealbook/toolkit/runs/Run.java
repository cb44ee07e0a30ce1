package org.sealbook.toolkit.runs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.sealbook.toolkit.plan.Experiment;

/**
 * One experiment's run inside a {@link Batch}: its state, written by its training thread and read by anyone.
 * Usage: {@code run.step(step, total, metrics); RunProgress p = run.progress();}
 */
final class Run {
    /** Where a run's model files live, relative to its folder, as result.json names them. */
    static final String CHECKPOINTS = "checkpoints/";

    final Experiment experiment;
    final RunWatch watch;
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

    Run(Experiment experiment) {
        this.experiment = experiment;
        this.watch = new RunWatch(experiment);
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

    void finish(RunStatus last, String words) {
        sentence = words;
        finalSeconds = seconds();
        status = last; // written last: whoever sees a final status sees its sentence and time too
    }

    /** The result file's contents as the run stands. */
    RunResult result() {
        return new RunResult(experiment.id(), experiment.family().label(), status, sentence, finalSeconds,
                complexity, scores, done, learned, model == null ? null : CHECKPOINTS + model);
    }

    RunProgress progress() {
        double seconds = status.isFinal() ? finalSeconds : seconds();
        double left = done > 0 && total > done && !status.isFinal() ? seconds / done * (total - done) : Double.NaN;
        return new RunProgress(experiment.id(), experiment.family().label(), status, done, total,
                status.isFinal() ? scores : latest, seconds, left, status == RunStatus.QUEUED
                || status == RunStatus.PREFLIGHT || status == RunStatus.RUNNING ? status.words() : sentence);
    }
}
