package org.sealbook.toolkit.pipeline;

import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Consumer;
import org.sealbook.toolkit.explain.Explainer;
import org.sealbook.toolkit.session.Session;
import org.sealbook.toolkit.view.View;
import org.sealbook.toolkit.workspace.Artifact;
import org.sealbook.toolkit.workspace.Records;
import org.sealbook.toolkit.workspace.Workspace;

/**
 * What a stage works with while it runs: its parsed options, the sealed records it reads (already verified), the
 * view its words go to (every listener of the session, each isolated), the session's explainer and workspace, and
 * how to name other stages for the reader's front end.
 */
public final class StageRun {
    private final Session session;
    private final Options options;
    private final Records inputs;
    private final View view;
    private final Consumer<Result> finishLater;

    StageRun(Session session, Options options, Records inputs, View view,
             Consumer<Result> finishLater) {
        this.session = session;
        this.options = options;
        this.inputs = inputs;
        this.view = view;
        this.finishLater = finishLater;
    }

    public Options options() {
        return options;
    }

    /** The option's value, or its default. */
    public <T> T option(Option<T> option) {
        return options.get(option);
    }

    /** A sealed record the stage declared it reads, or one it is built on. */
    public <R> R input(Artifact<R> artifact) {
        return inputs.get(artifact);
    }

    /** Where the stage's words, tables, figures and progress go. */
    public View view() {
        return view;
    }

    public Explainer explainer() {
        return session.explainer();
    }

    public Workspace workspace() {
        return session.workspace();
    }

    /** How sentences write stage calls for this reader. */
    public FrontEnd names() {
        return session.names();
    }

    /** Now, by the session's clock (tests pin it). */
    public Instant now() {
        return session.clock().instant();
    }

    /** A path the reader gave, taken from the working folder (the notebook's) when it is relative. */
    public Path resolve(String path) {
        return session.workingDir().resolve(path);
    }

    public Session session() {
        return session;
    }

    /**
     * For a stage that returns {@link Result#pending()}: what ends it later, from the thread that finishes its work.
     * The pipeline then seals what the result holds and shows the status, as it does for a stage that ends at once.
     */
    public Consumer<Result> later() {
        return finishLater;
    }
}
