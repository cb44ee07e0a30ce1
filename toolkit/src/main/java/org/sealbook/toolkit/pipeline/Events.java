package org.sealbook.toolkit.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.sealbook.toolkit.runs.RunProgress;
import org.sealbook.toolkit.runs.TrainingRecord;
import org.sealbook.toolkit.view.Figure;
import org.sealbook.toolkit.view.Progress;
import org.sealbook.toolkit.view.View;
import tech.tablesaw.api.Table;

/**
 * Hands each thing a stage or a batch says to every listener (the notebook's or the console's view, a log, ...).
 * A listener that throws is logged with its stack trace and skipped: it never changes what the stage or a run
 * does, and never keeps anyone waiting.
 */
public final class Events implements View {
    private static final System.Logger LOG = System.getLogger(Events.class.getName());
    private final List<View> listeners;
    /** The calls that failed before: a listener broken at every step is logged in full once, then at debug level. */
    private final Set<String> failed = ConcurrentHashMap.newKeySet();

    public Events(List<View> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public void stageStarted(String stage) {
        each(l -> l.stageStarted(stage), "stageStarted");
    }

    @Override
    public void explain(String heading, String text) {
        each(l -> l.explain(heading, text), "explain");
    }

    @Override
    public void table(String title, Table table) {
        each(l -> l.table(title, table), "table");
    }

    @Override
    public void figure(Figure figure) {
        each(l -> l.figure(figure), "figure");
    }

    @Override
    public Progress progress(String label, long total) {
        List<Progress> handles = new ArrayList<>();
        each(l -> handles.add(l.progress(label, total)), "progress");
        return new Progress() {
            @Override
            public void update(long done, String detail) {
                handles.forEach(h -> safely(() -> h.update(done, detail), "progress update"));
            }

            @Override
            public void close() {
                handles.forEach(h -> safely(h::close, "progress close"));
            }
        };
    }

    @Override
    public void status(StageOutcome outcome) {
        each(l -> l.status(outcome), "status");
    }

    @Override
    public void progress(RunProgress run) {
        each(l -> l.progress(run), "run progress");
    }

    @Override
    public void warning(String experiment, String sentence) {
        each(l -> l.warning(experiment, sentence), "run warning");
    }

    @Override
    public void finished(List<RunProgress> runs, TrainingRecord ledger) {
        each(l -> l.finished(runs, ledger), "batch finished");
    }

    private void each(java.util.function.Consumer<View> call, String what) {
        for (View listener : listeners) {
            safely(() -> call.accept(listener), what + " on " + listener.getClass().getName());
        }
    }

    /** Runs one listener's call; a failure is logged with its stack trace and goes no further. */
    private void safely(Runnable call, String what) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.log(failed.add(what) ? System.Logger.Level.ERROR : System.Logger.Level.DEBUG,
                    "A listener failed in " + what + "; the others and the work go on", e);
        }
    }
}
