package org.sealbook.toolkit.pipeline;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.sealbook.toolkit.data.DataProblem;
import org.sealbook.toolkit.session.Session;
import org.sealbook.toolkit.view.View;
import org.sealbook.toolkit.workspace.Artifact;
import org.sealbook.toolkit.workspace.Records;
import org.sealbook.toolkit.workspace.Sealed;
import org.sealbook.toolkit.workspace.StageRefused;
import org.sealbook.toolkit.workspace.WorkspaceException;

/**
 * Runs one stage the one way every stage runs: parse its options, ask whether the session is ready for it, verify the
 * chain of seals it reads, run it, seal
 * and commit its record, and end with one status and its sentence. Every expected failure, at any step, ends
 * BLOCKED or NEEDS_CONTEXT with one sentence and nothing written; an unexpected one is logged with its stack
 * trace and ends BLOCKED too, so a stage always ends with exactly one status.
 */
public final class Pipeline {
    private static final System.Logger LOG = System.getLogger(Pipeline.class.getName());

    private Pipeline() {
    }

    /**
     * Runs {@code stage} with the options {@code parse} reads from what the reader typed. Returns the status it
     * ended with: already complete, or for a stage still working in the background, complete when it ends (its
     * status is shown on the view then, from the thread that finished it).
     */
    public static CompletableFuture<StageOutcome> run(Session session, Stage stage, Function<StageSpec, Options> parse,
                                                      View view) {
        StageSpec spec = stage.spec();
        Events events = new Events(session.listeners(view));
        CompletableFuture<StageOutcome> ended = new CompletableFuture<>();
        StageOutcome outcome = attempt(spec, () -> {
            Options options = parse.apply(spec);
            events.stageStarted(spec.name());
            stage.ready(session);
            Records inputs = session.workspace().verify(spec.name(), spec.reads().orElse(null), session.names());
            StageRun run = new StageRun(session, options, inputs, events, later -> {
                StageOutcome last = attempt(spec, () -> conclude(session, spec, events, later));
                events.status(last);
                ended.complete(last);
            });
            Result result = stage.run(run);
            return result.isPending() ? null : conclude(session, spec, events, result);
        });
        if (outcome != null) {
            events.status(outcome);
            ended.complete(outcome);
        }
        return ended;
    }

    private static StageOutcome conclude(Session session, StageSpec spec, View view, Result result) {
        if (!result.seals()) {
            return result.outcome();
        }
        Artifact<?> artifact = spec.seals().orElseThrow(() -> new IllegalStateException("The stage " + spec.name()
                + " returned a record to seal but declares none; add .seals(...) to its spec."));
        Sealed sealed = seal(session, artifact, result);
        List<String> stale = sealed.stale().stream()
                .map(id -> session.stages().sealing(id).map(s -> s.spec().name()).orElse(id)).toList();
        SealedStage done = new SealedStage(sealed, session.workspace().file(artifact), stale, session.names());
        view.explain("Sealed", result.said(done));
        if (!sealed.stale().isEmpty()) {
            view.explain("Later stages are stale", staleNotice(session, artifact, sealed.stale(), done));
        }
        return result.then(done);
    }

    @SuppressWarnings("unchecked")
    private static <R> Sealed seal(Session session, Artifact<R> artifact, Result result) {
        return session.workspace().seal(artifact, (R) result.record(), session.clock().instant(), result.attachments(),
                session.names());
    }

    /** "Sealing the data check again made 2 later stages stale: ...; run %hypothesize again next." */
    private static String staleNotice(Session session, Artifact<?> sealed, List<String> ids, SealedStage done) {
        String names = ids.stream().map(id -> session.stages().sealing(id)
                .flatMap(s -> s.spec().seals()).map(a -> a.title() + " (" + a.fileName() + ")").orElse(id + ".json"))
                .collect(Collectors.joining(", "));
        String count = ids.size() == 1 ? "1 later stage" : ids.size() + " later stages";
        return "Sealing " + sealed.title() + " again made " + count + " stale: " + names + "; run "
                + done.next(done.stale().get(0)) + " again next.";
    }

    /** The body's outcome, or the one sentence its expected failure gives; an unexpected failure is logged. */
    private static StageOutcome attempt(StageSpec spec, Supplier<StageOutcome> body) {
        try {
            return body.get();
        } catch (StageProblem e) {
            LOG.log(System.Logger.Level.DEBUG, "The stage " + spec.name() + " stopped: " + e.getMessage(), e);
            return e.outcome();
        } catch (StageRefused | DataProblem | WorkspaceException | IllegalArgumentException | IllegalStateException
                 | UncheckedIOException e) {
            // expected: its sentence is the status; its stack trace is in the log for whoever debugs
            LOG.log(System.Logger.Level.DEBUG, "The stage " + spec.name() + " was refused: " + e.getMessage(), e);
            return new StageOutcome(Status.BLOCKED, e.getMessage());
        } catch (RuntimeException bug) {
            LOG.log(System.Logger.Level.ERROR, "The stage " + spec.name() + " failed unexpectedly", bug);
            return new StageOutcome(Status.BLOCKED, "The stage " + spec.name() + " stopped on an unexpected error ("
                    + bug.getClass().getSimpleName() + (bug.getMessage() == null ? "" : ": " + bug.getMessage())
                    + "), so nothing was sealed; this is a fault in Sealbook, and its log holds the details.");
        }
    }
}
