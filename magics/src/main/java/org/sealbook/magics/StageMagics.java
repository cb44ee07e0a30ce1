package org.sealbook.magics;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sealbook.kernel.magic.MagicArguments;
import org.sealbook.kernel.magic.MagicProvider;
import org.sealbook.kernel.magic.MagicRegistry;
import org.sealbook.toolkit.explain.Term;
import org.sealbook.toolkit.pipeline.Stage;
import org.sealbook.toolkit.pipeline.StageOutcome;
import org.sealbook.toolkit.pipeline.StageSpec;
import org.sealbook.toolkit.session.Session;
import org.sealbook.toolkit.view.View;

/**
 * The toolkit's session as magics: one magic per stage, made from the stage's declaration (its help, usage line and
 * completed option names), plus {@code %workspace} and {@code %glossary}. The registry keeps one instance per kernel,
 * so the session is the kernel's: each term is defined once, every stage seals into the same workspace, and one
 * batch trains at a time. Relative paths are taken from the working directory (the notebook's folder).
 */
public final class StageMagics implements MagicProvider {
    private static final MagicArguments.Usage WORKSPACE = MagicArguments.usage("%workspace", 0, 1,
            "takes at most one folder, e.g. %workspace my-project (no folder shows the current one)");
    private static final MagicArguments.Usage GLOSSARY = MagicArguments.usage("%glossary", 0, MagicArguments.MANY,
            "takes a term to look up, e.g. %glossary outlier (no term lists them all)");

    private final Session session;

    /** What ServiceLoader uses: a notebook session in the kernel's working directory. */
    public StageMagics() {
        this(Path.of(""));
    }

    public StageMagics(Path workingDir) {
        this(Session.notebook(workingDir));
    }

    public StageMagics(Session session) {
        this.session = session;
    }

    @Override
    public void registerMagics(MagicRegistry r) {
        r.line("workspace", "Show the folder where stages seal their decisions, or switch to another: %workspace [PATH]",
                c -> workspace(c.args()));
        r.line("glossary", "List the glossary's terms, or define one: %glossary [term]", c -> glossary(c.args()));
        for (Stage stage : session.stages().all()) {
            StageSpec spec = stage.spec();
            List<String> options = new ArrayList<>();
            spec.options().stream().filter(o -> !o.isPositional()).forEach(o -> options.add("--" + o.name()));
            r.line(spec.name(), help(spec), options, c -> {
                run(spec.name(), c.args(), null, new NotebookView());
                return null; // the status is shown; the cell has no result
            });
            if (spec.takesBody()) {
                r.cell(spec.name(), help(spec), options, c -> {
                    run(spec.name(), c.args(), c.body(), new NotebookView());
                    return null;
                });
            }
        }
        r.onInterrupt(session::interrupt);
    }

    /** {@code %lsmagic}'s line for a stage: what it does, its usage, and for a cell magic the body's form. */
    static String help(StageSpec spec) {
        return spec.help() + ": " + spec.usage() + (spec.takesBody() ? ", or %%" + spec.name()
                + " with NAME: VALUE lines" : "");
    }

    /**
     * Runs a stage from a magic's line ({@code args}) and body (null for a line magic) with the session's workspace
     * and explainer; the view shows everything, the status included.
     */
    public StageOutcome run(String stage, String args, String body, View view) throws InterruptedException {
        return session.run(stage, MagicArguments.split(args == null ? "" : args), body, view);
    }

    /** With no folder, says which folder is in use; with one, opens it (making it if needed) and uses it from now on. */
    public String workspace(String args) {
        List<String> words = WORKSPACE.parse(args);
        return session.useWorkspace(words.isEmpty() ? null : words.get(0));
    }

    /** With no term, every term and its short gloss; with one, its definition or the nearest terms. */
    public String glossary(String args) {
        List<String> words = GLOSSARY.parse(args);
        if (words.isEmpty()) {
            List<Term> terms = session.explainer().glossary().terms();
            int width = terms.stream().mapToInt(t -> t.name().length()).max().orElse(0);
            StringBuilder text = new StringBuilder("The glossary has " + terms.size()
                    + " terms; look one up with %glossary TERM.\n");
            for (Term t : terms) {
                text.append(String.format(Locale.ROOT, "  %-" + width + "s  %s%n", t.name(), t.gloss()));
            }
            return text.toString().stripTrailing();
        }
        return session.explainer().glossary().lookup(String.join(" ", words));
    }

    /** The session these magics run in. */
    public Session session() {
        return session;
    }
}
