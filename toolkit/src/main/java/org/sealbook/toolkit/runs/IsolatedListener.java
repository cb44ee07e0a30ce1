package org.sealbook.toolkit.runs;

import java.util.List;

/**
 * A batch's listener with its failures kept out of the batch: each call that throws is logged with its stack trace
 * and goes no further, so a broken display never crashes a run, stops the batch or keeps a waiter waiting.
 */
final class IsolatedListener implements BatchListener {
    private final BatchListener listener;
    private final ListenerGuard guard = new ListenerGuard("the batch goes on");

    IsolatedListener(BatchListener listener) {
        this.listener = listener;
    }

    @Override
    public void progress(RunProgress run) {
        guard.run(() -> listener.progress(run), "a run's progress");
    }

    @Override
    public void warning(String experiment, String sentence) {
        guard.run(() -> listener.warning(experiment, sentence), "a warning");
    }

    @Override
    public void finished(List<RunProgress> runs, TrainingRecord ledger) {
        guard.run(() -> listener.finished(runs, ledger), "the batch's end");
    }
}
