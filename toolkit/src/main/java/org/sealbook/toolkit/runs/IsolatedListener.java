package org.sealbook.toolkit.runs;

import java.util.List;

/**
 * A batch's listener with its failures kept out of the batch: each call that throws is logged with its stack trace
 * and goes no further, so a broken display never crashes a run, stops the batch or keeps a waiter waiting.
 */
final class IsolatedListener implements BatchListener {
    private static final System.Logger LOG = System.getLogger(IsolatedListener.class.getName());
    private final BatchListener listener;
    /** The calls that failed before: a listener broken at every step is logged in full once, then at debug level. */
    private final java.util.Set<String> failed = java.util.concurrent.ConcurrentHashMap.newKeySet();

    IsolatedListener(BatchListener listener) {
        this.listener = listener;
    }

    @Override
    public void progress(RunProgress run) {
        safely(() -> listener.progress(run), "progress");
    }

    @Override
    public void warning(String experiment, String sentence) {
        safely(() -> listener.warning(experiment, sentence), "a warning");
    }

    @Override
    public void finished(List<RunProgress> runs, TrainingRecord ledger) {
        safely(() -> listener.finished(runs, ledger), "the batch's end");
    }

    private void safely(Runnable call, String what) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.log(failed.add(what) ? System.Logger.Level.ERROR : System.Logger.Level.DEBUG,
                    "The batch's listener failed on " + what + "; the batch goes on", e);
        }
    }
}
