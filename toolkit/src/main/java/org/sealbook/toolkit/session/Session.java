package org.sealbook.toolkit.session;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.sealbook.toolkit.explain.Explainer;
import org.sealbook.toolkit.pipeline.Arguments;
import org.sealbook.toolkit.pipeline.FrontEnd;
import org.sealbook.toolkit.pipeline.Options;
import org.sealbook.toolkit.pipeline.Pipeline;
import org.sealbook.toolkit.pipeline.Stage;
import org.sealbook.toolkit.pipeline.StageOutcome;
import org.sealbook.toolkit.pipeline.Stages;
import org.sealbook.toolkit.runs.Batch;
import org.sealbook.toolkit.stage.DataCheckStage;
import org.sealbook.toolkit.stage.DesignStage;
import org.sealbook.toolkit.stage.DiagnoseStage;
import org.sealbook.toolkit.stage.EvalStage;
import org.sealbook.toolkit.stage.HypothesisStage;
import org.sealbook.toolkit.stage.ReportStage;
import org.sealbook.toolkit.stage.ScalingStage;
import org.sealbook.toolkit.stage.SweepStage;
import org.sealbook.toolkit.stage.TrainStage;
import org.sealbook.toolkit.sweep.Sweep;
import org.sealbook.toolkit.view.View;
import org.sealbook.toolkit.workspace.Workspace;

/**
 * One reader's session with the toolkit: the workspace its stages seal into, the explainer that defines each term
 * once, the stages it knows, how they are written for its front end (a notebook's magics or JShell's methods), and
 * the batch that is training. The notebook's magics and the JShell startup script are thin adapters over it.
 * Usage: {@code Session s = Session.jshell(Path.of("")); s.run("hypothesize", List.of("--seed", "7"), null, view);}
 */
public final class Session {
    private final Path workingDir;
    private final Stages stages;
    private final FrontEnd names;
    private final Clock clock;
    private final Explainer explainer = Explainer.session();
    private final List<View> listeners = new ArrayList<>();
    private final Training training = new Training(this);
    private final Sweeping sweeping = new Sweeping(this);
    private Path workspaceFolder;
    private Workspace workspace;

    private Session(Path workingDir, boolean notebook, Stages stages, Clock clock) {
        this.workingDir = workingDir.toAbsolutePath().normalize();
        this.stages = stages;
        this.names = notebook ? FrontEnd.notebook(n -> stages.find(n).map(Stage::spec))
                : FrontEnd.jshell(n -> stages.find(n).map(Stage::spec));
        this.clock = clock;
        this.workspaceFolder = this.workingDir.resolve(Workspace.DEFAULT_FOLDER);
    }

    /** A notebook's session: stages are magics ({@code %hypothesize}); relative paths start at {@code workingDir}. */
    public static Session notebook(Path workingDir) {
        return new Session(workingDir, true, standardStages(), Clock.systemUTC());
    }

    /** A JShell session: stages are methods ({@code hypothesize()}); {@code more} stages after the standard ones. */
    public static Session jshell(Path workingDir, Stage... more) {
        return new Session(workingDir, false, standardStages().with(more), Clock.systemUTC());
    }

    /** A session with other stages or a pinned clock, e.g. for a test; {@code notebook} picks the front end. */
    public static Session of(Path workingDir, boolean notebook, Stages stages, Clock clock) {
        return new Session(workingDir, notebook, stages, clock);
    }

    /** The five stages from a data file to a verdict, then those that build on the report, in the order a reader runs them. */
    public static Stages standardStages() {
        return Stages.of(List.of(new DataCheckStage(), new HypothesisStage(), new DesignStage(), new TrainStage(),
                new ReportStage(), new DiagnoseStage(), new SweepStage(), new ScalingStage(), new EvalStage()));
    }

    /**
     * Runs a stage from what the reader typed after its magic ({@code words}) and, for a cell magic, its body (null
     * for none). Every outcome, a bad option included, ends with one status on {@code view}; the status is returned.
     * Training starts in the background; {@code --wait} waits for it (an interrupt stops it, with checkpoints).
     */
    public StageOutcome run(String stage, List<String> words, String body, View view) throws InterruptedException {
        Stage found = stages.get(stage);
        if (found instanceof TrainStage train) {
            return training.run(train, words, body, view);
        }
        if (found instanceof SweepStage sweep) {
            return sweeping.run(sweep, words, body, view);
        }
        return Pipeline.run(this, found, spec -> Arguments.parse(spec, words, body, names), view).getNow(null);
    }

    /** Runs a stage from a JShell method's arguments: required values first, then name/value pairs. */
    public StageOutcome runMethod(String stage, List<String> values, View view) throws InterruptedException {
        Stage found = stages.get(stage);
        if (found instanceof TrainStage train) {
            return training.runMethod(train, values, view);
        }
        if (found instanceof SweepStage sweep) {
            return sweeping.runMethod(sweep, values, view);
        }
        return Pipeline.run(this, found, spec -> Arguments.jshell(spec, values, names), view).getNow(null);
    }

    /** Runs a stage with options already parsed (no reader typed them). */
    public CompletableFuture<StageOutcome> run(Stage stage, Options options, View view) {
        return Pipeline.run(this, stage, spec -> options, view);
    }

    /** The batch this session started last, if any. */
    public Optional<Batch> batch() {
        return training.batch();
    }

    /** The training stage hands the batch it started to the session, which owns its lifecycle from then on. */
    public void adopt(Batch started) {
        training.adopt(started);
    }

    /** The sweep this session started last, if any. */
    public Optional<Sweep> sweep() {
        return sweeping.sweep();
    }

    /** The sweep stage hands the sweep it started to the session, which owns its lifecycle from then on. */
    public void adopt(Sweep started) {
        sweeping.adopt(started);
    }

    /** What a kernel interrupt or Ctrl-C does besides stopping the cell: a training batch's or sweep's runs stop. */
    public void interrupt() {
        training.interrupt();
        sweeping.interrupt();
    }

    /** With no folder, which workspace is in use; with one, opens it (making it if needed) and uses it from now on. */
    public synchronized String useWorkspace(String folder) {
        if (folder == null) {
            return "The workspace is " + workspaceFolder + (workspace == null ? " (it is made when the first stage runs)"
                    : "") + "; switch with " + (names.isNotebook() ? "%workspace PATH" : "useWorkspace(\"PATH\")") + ".";
        }
        // Open first: a folder that cannot be used leaves the current workspace in place.
        Workspace opened = Workspace.open(workingDir.resolve(folder));
        workspace = opened;
        workspaceFolder = opened.folder();
        return "The workspace is now " + workspaceFolder + "; later stages seal their decisions there.";
    }

    /** The workspace, opened (and made) the first time a stage needs it. */
    public synchronized Workspace workspace() {
        if (workspace == null) {
            workspace = Workspace.open(workspaceFolder);
        }
        return workspace;
    }

    public Explainer explainer() {
        return explainer;
    }

    public FrontEnd names() {
        return names;
    }

    public Stages stages() {
        return stages;
    }

    public Clock clock() {
        return clock;
    }

    public Path workingDir() {
        return workingDir;
    }

    /** Adds a listener that hears every stage this session runs from now on, besides the view each run is given. */
    public synchronized void listen(View listener) {
        listeners.add(listener);
    }

    /** The view a run was given, then the session's own listeners. */
    public synchronized List<View> listeners(View view) {
        List<View> all = new ArrayList<>();
        if (view != null) {
            all.add(view);
        }
        all.addAll(listeners);
        return all;
    }
}
