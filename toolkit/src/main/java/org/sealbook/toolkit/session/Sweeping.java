package org.sealbook.toolkit.session;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.sealbook.toolkit.pipeline.Arguments;
import org.sealbook.toolkit.pipeline.Options;
import org.sealbook.toolkit.pipeline.StageOutcome;
import org.sealbook.toolkit.pipeline.StageProblem;
import org.sealbook.toolkit.pipeline.Status;
import org.sealbook.toolkit.stage.SweepStage;
import org.sealbook.toolkit.sweep.Sweep;
import org.sealbook.toolkit.view.View;

/**
 * The session's sweep and its lifecycle, as {@link Training} is the batch's: one sweep at a time; start, status,
 * stop, wait, and what an interrupt does. Sealing the sweep's plan, starting it and sealing its results run through
 * the pipeline like every stage; this decides whether it may start and who waits for it.
 */
final class Sweeping {
    private final Session session;
    private Sweep sweep;
    private CompletableFuture<StageOutcome> ending = CompletableFuture.completedFuture(null);
    private volatile boolean interrupted;

    Sweeping(Session session) {
        this.session = session;
    }

    synchronized Optional<Sweep> sweep() {
        return Optional.ofNullable(sweep);
    }

    StageOutcome run(SweepStage stage, List<String> words, String body, View view) throws InterruptedException {
        Options options;
        try {
            options = Arguments.parse(stage.spec(), words, body, session.names());
        } catch (StageProblem e) {
            return refuse(view, e.outcome());
        }
        return act(stage, options, options.get(SweepStage.WAIT), body, view);
    }

    /** In JShell the call waits for the sweep. */
    StageOutcome runMethod(SweepStage stage, List<String> values, View view) throws InterruptedException {
        Options options;
        try {
            options = Arguments.jshell(stage.spec(), values, session.names());
        } catch (StageProblem e) {
            return refuse(view, e.outcome());
        }
        return act(stage, options, true, null, view);
    }

    private StageOutcome act(SweepStage stage, Options options, boolean wait, String body, View view)
            throws InterruptedException {
        SweepStage.Action action = options.get(SweepStage.ACTION);
        if (options.has(SweepStage.TRIAL) && action != SweepStage.Action.STOP
                || action != SweepStage.Action.START && options.has(SweepStage.WAIT)) {
            return refuse(view, session.names().call("sweep", action.label()) + " was also given "
                    + (options.has(SweepStage.WAIT) ? session.names().option("wait") : options.get(SweepStage.TRIAL))
                    + ", which it does not take; use " + session.names().call("sweep", "--wait") + ", "
                    + session.names().call("sweep", "status") + " or " + session.names().call("sweep", "stop", "TRIAL")
                    + ".");
        }
        switch (action) {
            case STATUS -> {
                Optional<Sweep> current = sweep();
                if (current.isEmpty()) {
                    return none(view, "show where its trials stand");
                }
                view.table("Sweep " + current.get().id(), org.sealbook.toolkit.stage.TrainStage.statusTable(
                        current.get().status(), "trial"));
                return null;
            }
            case STOP -> {
                Optional<Sweep> current = sweep();
                if (current.isEmpty()) {
                    return none(view, "stop");
                }
                String trial = options.get(SweepStage.TRIAL);
                if (trial == null) {
                    current.get().stopAll();
                    view.explain("Stopping", "Sweep " + current.get().id() + " starts no more trials, and every "
                            + "running trial stops after its current step.");
                } else if (current.get().stop(trial)) {
                    view.explain("Stopping", trial + " will stop after its current step; the sweep goes on.");
                } else {
                    return refuse(view, "Sweep " + current.get().id() + " has no trial " + trial + "; "
                            + session.names().call("sweep", "status") + " lists them.");
                }
                return null;
            }
            default -> {
                return start(stage, options, wait, body, view);
            }
        }
    }

    private StageOutcome start(SweepStage stage, Options options, boolean wait, String body, View view)
            throws InterruptedException {
        boolean startedHere = false;
        Sweep waitingFor;
        CompletableFuture<StageOutcome> end;
        boolean onlyWait = wait && body == null && !options.has(SweepStage.FAMILY)
                && options.named(SweepStage.SETTING).isEmpty();
        synchronized (this) {
            if (sweep != null && !sweep.isFinished()) {
                if (!onlyWait) {
                    return refuse(view, "Sweep " + sweep.id() + " is still running, so another cannot start; see "
                            + session.names().call("sweep", "status") + ", wait for it with "
                            + session.names().call("sweep", "--wait") + ", or end it with "
                            + session.names().call("sweep", "stop") + ".");
                }
            } else if (!(onlyWait && sweep != null)) {
                // --wait alone shows a sweep this session ran again; it never starts one without a plan
                ending = session.run(stage, options, view);
                startedHere = true;
            }
            waitingFor = sweep;
            end = ending;
        }
        if (!wait || waitingFor == null) {
            return end.getNow(null);
        }
        interrupted = false;
        waitingFor.awaitStoppingOnInterrupt();
        if (interrupted) {
            throw new InterruptedException("the kernel was interrupted: sweep " + waitingFor.id() + " started no more "
                    + "trials, and every running trial stopped after its current step with a checkpoint.");
        }
        if (!startedHere) {
            view.table("Sweep " + waitingFor.id(), org.sealbook.toolkit.stage.TrainStage.statusTable(
                    waitingFor.status(), "trial"));
        }
        return end.join();
    }

    synchronized void adopt(Sweep started) {
        sweep = started;
    }

    synchronized void interrupt() {
        if (sweep != null && !sweep.isFinished()) {
            interrupted = true;
            sweep.stopAll();
        }
    }

    private StageOutcome none(View view, String what) {
        return refuse(view, "No sweep has started in this session, so there is nothing to " + what + "; start one "
                + "with " + session.names().stage("sweep") + " and its settings in the cell.");
    }

    private static StageOutcome refuse(View view, String sentence) {
        return refuse(view, new StageOutcome(Status.BLOCKED, sentence));
    }

    private static StageOutcome refuse(View view, StageOutcome refused) {
        view.status(refused);
        return refused;
    }
}
