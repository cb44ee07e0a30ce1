package org.sealbook.toolkit.session;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.sealbook.toolkit.pipeline.Arguments;
import org.sealbook.toolkit.pipeline.Options;
import org.sealbook.toolkit.pipeline.StageOutcome;
import org.sealbook.toolkit.pipeline.StageProblem;
import org.sealbook.toolkit.pipeline.StageSpec;
import org.sealbook.toolkit.pipeline.Status;
import org.sealbook.toolkit.plan.Plan;
import org.sealbook.toolkit.runs.Batch;
import org.sealbook.toolkit.stage.TrainStage;
import org.sealbook.toolkit.view.View;

/**
 * The session's batch and its lifecycle: one batch at a time; start, resume, status, stop, wait, and what an
 * interrupt does. The training stage itself (verify, start, seal the ledger, end with a status) runs through the
 * pipeline like every stage; this decides whether it may start and who waits for it.
 */
final class Training {
    private final Session session;
    private Batch batch;
    private CompletableFuture<StageOutcome> ending = CompletableFuture.completedFuture(null);
    /** Set by an interrupt: a reader waiting for the batch then ends as interrupted, not as finished. */
    private volatile boolean interrupted;

    Training(Session session) {
        this.session = session;
    }

    synchronized Optional<Batch> batch() {
        return Optional.ofNullable(batch);
    }

    StageOutcome run(TrainStage stage, List<String> words, String body, View view) throws InterruptedException {
        Optional<Options> options = parse(stage.spec(), view, s -> Arguments.parse(s, words, body, session.names()));
        return options.isEmpty() ? null : act(stage, options.get(), options.get().get(TrainStage.WAIT), view);
    }

    /** In JShell the call waits for the batch: a reader there has no other cell to watch it from. */
    StageOutcome runMethod(TrainStage stage, List<String> values, View view) throws InterruptedException {
        Optional<Options> options = parse(stage.spec(), view, s -> Arguments.jshell(s, values, session.names()));
        return options.isEmpty() ? null : act(stage, options.get(), true, view);
    }

    private StageOutcome act(TrainStage stage, Options options, boolean wait, View view) throws InterruptedException {
        TrainStage.Action action = options.get(TrainStage.ACTION);
        if (options.has(TrainStage.EXPERIMENT) && action != TrainStage.Action.STOP
                || action != TrainStage.Action.START && (options.has(TrainStage.WAIT) || options.has(TrainStage.RESUME))) {
            StageOutcome refused = new StageOutcome(Status.BLOCKED, session.names().call("train", action.label())
                    + " was also given " + (options.has(TrainStage.EXPERIMENT) && action != TrainStage.Action.STOP
                    ? options.get(TrainStage.EXPERIMENT) : options.has(TrainStage.WAIT) ? session.names().option("wait")
                    : session.names().option("resume")) + ", which it does not take; use "
                    + session.names().call("train", "--wait") + ", " + session.names().call("train", "--resume") + ", "
                    + session.names().call("train", "status") + " or " + session.names().call("train", "stop",
                    "EXPERIMENT") + ".");
            view.status(refused);
            return refused;
        }
        switch (action) {
            case STATUS -> {
                if (batch().isEmpty()) {
                    return refuse(view, "show where its runs stand");
                }
                Batch current = batch().get();
                view.table("Batch " + current.id(), TrainStage.statusTable(current.status()));
                return null;
            }
            case STOP -> {
                if (batch().isEmpty()) {
                    return refuse(view, "stop");
                }
                Batch current = batch().get();
                String experiment = options.get(TrainStage.EXPERIMENT);
                if (experiment == null) {
                    current.stopAll();
                    view.explain("Stopping", "Every run of batch " + current.id() + " will stop after its current step.");
                } else if (current.stop(experiment)) {
                    view.explain("Stopping", experiment + " will stop after its current step.");
                } else {
                    StageOutcome unknown = new StageOutcome(Status.BLOCKED, "Batch " + current.id() + " has no "
                            + "experiment " + experiment + "; " + session.names().call("train", "status")
                            + " lists them.");
                    view.status(unknown);
                    return unknown;
                }
                return null;
            }
            default -> {
                return start(stage, options, wait, view);
            }
        }
    }

    private StageOutcome start(TrainStage stage, Options options, boolean wait, View view) throws InterruptedException {
        boolean resume = options.get(TrainStage.RESUME);
        boolean startedHere = false;
        Batch waitingFor;
        CompletableFuture<StageOutcome> end;
        synchronized (this) {
            if (batch != null && !batch.isFinished()) {
                if (!wait || resume) {
                    StageOutcome refused = new StageOutcome(Status.BLOCKED, "Batch " + batch.id() + " is still "
                            + "training, so another cannot start; see " + session.names().call("train", "status")
                            + ", or wait for it with " + session.names().call("train", "--wait") + ".");
                    view.status(refused);
                    return refused;
                }
            } else if (!(wait && !resume && batch != null && batch.id().equals(sealedBatch()))) {
                // a finished batch of the sealed plan is only shown again by --wait, not trained twice
                ending = session.run(stage, options, view);
                startedHere = true;
            }
            waitingFor = batch;
            end = ending;
        }
        if (!wait || waitingFor == null) {
            return end.getNow(null);
        }
        interrupted = false;
        waitingFor.awaitStoppingOnInterrupt();
        if (interrupted) {
            // an interrupt while a magic waits reaches the batch, not this thread
            throw new InterruptedException("the kernel was interrupted: every run of batch " + waitingFor.id()
                    + " stopped after its current step with a checkpoint; " + session.names().call("train", "--resume")
                    + " goes on from there.");
        }
        if (!startedHere) {
            TrainStage.summarize(view, waitingFor, session.names()); // the cell that started it may have finished long ago
        }
        return end.getNow(null);
    }

    /** The training stage hands over the batch it started. */
    synchronized void adopt(Batch started) {
        batch = started;
    }

    synchronized void interrupt() {
        if (batch != null && !batch.isFinished()) {
            interrupted = true;
            batch.stopAll();
        }
    }

    private StageOutcome refuse(View view, String what) {
        StageOutcome none = new StageOutcome(Status.BLOCKED, "No batch has started in this session, so there is "
                + "nothing to " + what + "; start one with " + session.names().stage("train") + ".");
        view.status(none);
        return none;
    }

    /** The sealed plan's batch id, or null when no intact plan is sealed (starting then says why). */
    private String sealedBatch() {
        try {
            return session.workspace().read("train", Plan.ARTIFACT, session.names()).batch();
        } catch (RuntimeException noIntactPlan) {
            return null; // the training stage refuses with the reason when it runs
        }
    }

    private static Optional<Options> parse(StageSpec spec, View view, java.util.function.Function<StageSpec, Options> how) {
        try {
            return Optional.of(how.apply(spec));
        } catch (StageProblem e) {
            view.status(e.outcome());
            return Optional.empty();
        }
    }
}
