package org.sealbook.toolkit.pipeline;

import java.util.ArrayList;
import java.util.List;
import org.sealbook.toolkit.runs.ListenerGuard;
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
    private final List<View> listeners;
    private final ListenerGuard guard = new ListenerGuard("the others and the work go on");

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
                handles.forEach(h -> guard.run(() -> h.update(done, detail), "progress update"));
            }

            @Override
            public void curve(String name, long step, double value) {
                handles.forEach(h -> guard.run(() -> h.curve(name, step, value), "progress curve"));
            }

            @Override
            public void close() {
                handles.forEach(h -> guard.run(h::close, "progress close"));
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
            guard.run(() -> call.accept(listener), what + " on " + listener.getClass().getName());
        }
    }
}
