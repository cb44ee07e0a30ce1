package org.sealbook.magics;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sealbook.kernel.magic.MagicArguments;
import org.sealbook.kernel.magic.MagicCall;
import org.sealbook.kernel.magic.MagicProvider;
import org.sealbook.kernel.magic.MagicRegistry;
import org.sealbook.toolkit.explain.Explainer;
import org.sealbook.toolkit.explain.Term;
import org.sealbook.toolkit.runs.Batch;
import org.sealbook.toolkit.stage.DataCheckStage;
import org.sealbook.toolkit.stage.DesignStage;
import org.sealbook.toolkit.stage.HypothesisStage;
import org.sealbook.toolkit.stage.ReportStage;
import org.sealbook.toolkit.stage.TrainStage;
import org.sealbook.toolkit.view.View;
import org.sealbook.toolkit.workspace.Stage;
import org.sealbook.toolkit.workspace.Workspace;

/**
 * The training stages as magics: {@code %workspace}, {@code %glossary}, {@code %data_check}, {@code %hypothesize} and
 * {@code %design_experiments}. The registry keeps
 * one instance per kernel, so its explainer and workspace are the session's: each term is defined once, and every
 * stage seals into the same folder. Relative paths are taken from the working directory (the notebook's folder).
 */
public final class StageMagics implements MagicProvider {
    private static final MagicArguments.Usage WORKSPACE = MagicArguments.usage("%workspace", 0, 1,
            "takes at most one folder, e.g. %workspace my-project (no folder shows the current one)");
    private static final MagicArguments.Usage GLOSSARY = MagicArguments.usage("%glossary", 0, MagicArguments.MANY,
            "takes a term to look up, e.g. %glossary outlier (no term lists them all)");

    static final String TRAIN_USAGE = "%train [--wait] [--resume] | %train status | %train stop [EXPERIMENT]";
    private static final MagicArguments.Usage TRAIN = MagicArguments.usage("%train", 0, 2,
            "takes --wait, --resume, status, or stop [EXPERIMENT], e.g. %train --wait");

    private static final MagicArguments.Usage REPORT = MagicArguments.usage("%report", 0, 1,
            "takes nothing, or --final to score the winner on the locked test rows once, e.g. %report");

    private final Path workingDir;
    private Batch batch;
    /** Set by a kernel interrupt: a cell waiting for the batch then ends as interrupted, not as finished. */
    private volatile boolean interrupted;
    private final Explainer explainer = Explainer.session();
    private Path workspaceFolder;
    private Workspace workspace;

    /** What ServiceLoader uses: the kernel's working directory. */
    public StageMagics() {
        this(Path.of(""));
    }

    public StageMagics(Path workingDir) {
        this.workingDir = workingDir.toAbsolutePath().normalize();
        this.workspaceFolder = this.workingDir.resolve(Workspace.DEFAULT_FOLDER);
    }

    @Override
    public void registerMagics(MagicRegistry r) {
        r.line("workspace", "Show the folder where stages seal their decisions, or switch to another: %workspace [PATH]",
                c -> workspace(c.args()));
        r.line("glossary", "List the glossary's terms, or define one: %glossary [term]", c -> glossary(c.args()));
        r.line("data_check", "Check a data file before training and seal what it decided: " + DataCheckArguments.USAGE,
                this::dataCheck);
        String hypothesize = "Write down how models will be judged and split the rows, sealed on the data check: "
                + "%hypothesize [--NAME VALUE ...] or %%hypothesize with NAME: VALUE lines; names: "
                + String.join(", ", HypothesisStage.OPTIONS);
        r.line("hypothesize", hypothesize, c -> hypothesize(c.args(), null, new NotebookView()));
        r.cell("hypothesize", hypothesize, c -> hypothesize(c.args(), c.body(), new NotebookView()));
        String design = "Propose, review and seal a batch of experiments, sealed on the hypothesis: %design_experiments "
                + "[--NAME VALUE ...] or %%design_experiments with NAME: VALUE lines; names: "
                + String.join(", ", DesignStage.OPTIONS) + ", and exp_NNN: FAMILY [parent=exp_NNN] [setting=value ...]";
        r.line("train", "Train the sealed plan in the background (--resume keeps finished runs and goes on from the "
                + "last checkpoints): " + TRAIN_USAGE, c -> train(c.args(), new NotebookView()));
        r.onInterrupt(this::stopOnInterrupt);
        r.line("report", "Review the trained batch on the validation rows, show the report and seal the verdicts; "
                + "--final scores the winner on the locked test rows, once: %report [--final]",
                c -> report(c.args(), new NotebookView()));
        r.line("design_experiments", design, c -> designExperiments(c.args(), null, new NotebookView()));
        r.cell("design_experiments", design, c -> designExperiments(c.args(), c.body(), new NotebookView()));
    }

    /** With no folder, says which folder is in use; with one, opens it (making it if needed) and uses it from now on. */
    public synchronized String workspace(String args) {
        List<String> words = WORKSPACE.parse(args);
        if (words.isEmpty()) {
            return "The workspace is " + workspaceFolder
                    + (workspace == null ? " (it is made when the first stage runs)" : "")
                    + "; switch with %workspace PATH.";
        }
        // Open first: a folder that cannot be used leaves the current workspace in place.
        Workspace opened = Workspace.open(workingDir.resolve(words.get(0)));
        workspace = opened;
        workspaceFolder = opened.folder();
        return "The workspace is now " + workspaceFolder + "; later stages seal their decisions there.";
    }

    /** With no term, every term and its short gloss; with one, its definition or the nearest terms. */
    public String glossary(String args) {
        List<String> words = GLOSSARY.parse(args);
        if (words.isEmpty()) {
            List<Term> terms = explainer.glossary().terms();
            int width = terms.stream().mapToInt(t -> t.name().length()).max().orElse(0);
            StringBuilder text = new StringBuilder("The glossary has " + terms.size()
                    + " terms; look one up with %glossary TERM.\n");
            for (Term t : terms) {
                text.append(String.format(Locale.ROOT, "  %-" + width + "s  %s%n", t.name(), t.gloss()));
            }
            return text.toString().stripTrailing();
        }
        return explainer.glossary().lookup(String.join(" ", words));
    }

    private Object dataCheck(MagicCall call) {
        dataCheck(call.args(), new NotebookView());
        return null;
    }

    /** Runs the stage with the session's workspace and explainer; the view shows everything, the status included. */
    public void dataCheck(String args, View view) {
        DataCheckArguments a = DataCheckArguments.parse(args);
        DataCheckStage stage = DataCheckStage.of(workingDir.resolve(a.path()), a.target())
                .id(a.id()).time(a.time()).mitigate(a.mitigate());
        a.columns().forEach(stage::override);
        if (a.task() != null) {
            stage.task(a.task());
        }
        stage.run(currentWorkspace(), view, explainer);
    }

    /** Runs %hypothesize with the choices from its flags and body; a refused choice is the stage's BLOCKED status. */
    public Object hypothesize(String args, String body, View view) {
        List<Map.Entry<String, String>> choices = StageOptions.parse("%hypothesize", args, body);
        HypothesisStage stage = HypothesisStage.create();
        for (Map.Entry<String, String> choice : choices) {
            stage.option(choice.getKey(), choice.getValue());
        }
        stage.run(currentWorkspace(), view, explainer);
        return null;
    }

    /** Runs %design_experiments with the edits from its flags and body. */
    public Object designExperiments(String args, String body, View view) {
        DesignStage stage = DesignStage.create();
        for (Map.Entry<String, String> edit : StageOptions.parse("%design_experiments", args, body)) {
            stage.option(edit.getKey(), edit.getValue());
        }
        stage.run(currentWorkspace(), view, explainer);
        return null;
    }

    /**
     * Starts the sealed plan's batch and returns at once; {@code --wait} also waits for it (a running batch is waited
     * for, not started twice); {@code status} and {@code stop} act on the session's batch. An interrupt while waiting
     * stops the batch.
     */
    public Object train(String args, View view) throws InterruptedException {
        List<String> words = TRAIN.parse(args);
        String first = words.isEmpty() ? "" : words.get(0);
        switch (first) {
            case "status" -> {
                requireBatch("status");
                view.table("Batch " + batch.id(), TrainStage.statusTable(batch.status()));
                return null;
            }
            case "stop" -> {
                requireBatch("stop");
                if (words.size() == 2) {
                    if (!batch.stop(words.get(1))) {
                        throw new IllegalArgumentException("Batch " + batch.id() + " has no experiment " + words.get(1)
                                + "; %train status lists them.");
                    }
                    return words.get(1) + " will stop after its current step.";
                }
                batch.stopAll();
                return "Every run of batch " + batch.id() + " will stop after its current step.";
            }
            case "", "--wait", "--resume" -> {
                boolean wait = words.contains("--wait");
                boolean resume = words.contains("--resume");
                if (words.size() > (wait ? 1 : 0) + (resume ? 1 : 0)) {
                    throw new IllegalArgumentException("%train takes --wait, --resume, status, or stop [EXPERIMENT], not "
                            + String.join(" ", words) + "; use " + TRAIN_USAGE + ".");
                }
                boolean startedHere = false;
                synchronized (this) {
                    if (batch != null && !batch.isFinished()) {
                        if (!wait || resume) {
                            throw new IllegalStateException("Batch " + batch.id() + " is still training, so another "
                                    + "cannot start; see %train status, or wait for it with %train --wait.");
                        }
                    } else if (!(wait && !resume && batch != null && batch.id().equals(sealedBatch()))) {
                        // (a finished batch of the sealed plan is only shown again by --wait, not trained twice)
                        batch = resume ? TrainStage.resume(currentWorkspace(), view, explainer)
                                : TrainStage.start(currentWorkspace(), view, explainer);
                        startedHere = true;
                    }
                }
                if (wait && batch != null) {
                    interrupted = false;
                    batch.awaitStoppingOnInterrupt();
                    if (interrupted) {
                        // magics run outside JShell, so the interrupt reached the batch, not this thread
                        throw new InterruptedException("the kernel was interrupted: every run of batch " + batch.id()
                                + " stopped after its current step with a checkpoint; %train --resume goes on from there.");
                    }
                    if (!startedHere) {
                        TrainStage.summarize(view, batch); // the cell that started it may have finished long ago
                    }
                }
                return null;
            }
            default -> throw new IllegalArgumentException("%train takes --wait, --resume, status, or stop [EXPERIMENT], "
                    + "not " + first + "; use " + TRAIN_USAGE + ".");
        }
    }

    /** Runs %report, or %report --final; refused while this session's batch still trains, naming its runs. */
    public Object report(String args, View view) {
        List<String> words = REPORT.parse(args);
        if (!words.isEmpty() && !words.get(0).equals("--final")) {
            throw new IllegalArgumentException("%report takes nothing or --final, not " + words.get(0)
                    + "; use %report, then %report --final once.");
        }
        synchronized (this) {
            if (batch != null && !batch.isFinished()) {
                List<String> going = batch.status().stream().filter(r -> !r.status().isFinal())
                        .map(r -> r.id() + " " + r.status().words()).toList();
                view.status(new org.sealbook.toolkit.workspace.StageOutcome(org.sealbook.toolkit.workspace.Status.BLOCKED,
                        "Batch " + batch.id() + " is still training (" + String.join(", ", going) + "), so it cannot "
                        + "be judged yet; wait for it with %train --wait, then run %report."));
                return null;
            }
        }
        if (words.isEmpty()) {
            ReportStage.run(currentWorkspace(), view, explainer);
        } else {
            ReportStage.runFinal(currentWorkspace(), view);
        }
        return null;
    }

    /** The sealed plan's batch id, or null when no intact plan is sealed (starting then says why). */
    private String sealedBatch() {
        try {
            return currentWorkspace().decision(Stage.PLAN).get("batch").getAsString();
        } catch (RuntimeException noIntactPlan) {
            return null; // TrainStage.start refuses with the reason when it runs
        }
    }

    /** A kernel interrupt stops the batch too, though no cell waits for it: each run stops with a checkpoint. */
    private synchronized void stopOnInterrupt() {
        if (batch != null && !batch.isFinished()) {
            interrupted = true;
            batch.stopAll();
        }
    }

    private void requireBatch(String what) {
        if (batch == null) {
            throw new IllegalStateException("No batch has started in this session, so there is nothing to " + what
                    + "; start one with %train.");
        }
    }

    private synchronized Workspace currentWorkspace() {
        if (workspace == null) {
            workspace = Workspace.open(workspaceFolder);
        }
        return workspace;
    }
}
