package org.sealbook.toolkit.runs;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs a listener's call so that its failure goes no further: it is logged with its stack trace, in full the first
 * time a call of that kind fails and at debug level after, so a listener broken at every step does not flood the log.
 * The batch and the stages' events both guard their listeners with it.
 */
public final class ListenerGuard {
    private static final System.Logger LOG = System.getLogger(ListenerGuard.class.getName());
    private final String consequence;
    private final Set<String> failed = ConcurrentHashMap.newKeySet();

    /** @param consequence what goes on regardless, for the log line, e.g. "the batch goes on" */
    public ListenerGuard(String consequence) {
        this.consequence = consequence;
    }

    /** Runs {@code call}; a failure is logged, naming {@code what} failed, and not thrown. */
    public void run(Runnable call, String what) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.log(failed.add(what) ? System.Logger.Level.ERROR : System.Logger.Level.DEBUG,
                    "A listener failed on " + what + "; " + consequence, e);
        }
    }
}
