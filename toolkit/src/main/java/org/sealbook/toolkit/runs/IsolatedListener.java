package org.sealbook.toolkit.runs;

import java.util.List;

/**
 * A batch's listener with its failures kept out of the batch: each call that throws is logged with its stack trace
 * and goes no further, so a broken display never crashes a run, stops the batch or keeps a waiter waiting.
 */
final class IsolatedListener implements BatchListener {
    private static final System.Logger LOG = System.getLogger(IsolatedListener.class.getName());
    private final BatchListener listener;

    IsolatedListener(BatchListener listener) {
        this.listener = listener;
    }

    @Override
    public void progress(RunProgress run) {
        safely(() -> listener.progress(run), "progress of " + run.id());
    }

    @Override
    public void warning(String experiment, String sentence) {
        safely(() -> listener.warning(experiment, sentence), "a warning of " + experiment);
    }

    @Override
    public void finished(List<RunProgress> runs, TrainingRecord ledger) {
        safely(() -> listener.finished(runs, ledger), "the batch's end");
    }

    private static void safely(Runnable call, String what) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "The batch's listener failed on " + what + "; the batch goes on", e);
        }
    }
}
