package org.sealbook.toolkit.sweep;

/**
 * Asynchronous successive halving: rungs at {@code minSteps * eta^k} steps up to {@code maxSteps}; a trial that
 * reaches a rung goes on only while its score there is in the best {@code 1/eta} of the scores seen at that rung so
 * far (a trial alone at a rung goes on). A NaN score stops it. Scores are higher-is-better. Thread-safe: trials run
 * concurrently. Usage: {@code Asha asha = new Asha(1, 200, 3); if (!asha.goOn("trial_004", step, score)) stop();}
 */
public final class Asha {
    public Asha(int minSteps, int maxSteps, int eta) {
        throw new UnsupportedOperationException("filled in by the sweep engine");
    }

    /** The rung steps, ascending, each <= maxSteps. */
    public java.util.List<Integer> rungs() {
        throw new UnsupportedOperationException("filled in by the sweep engine");
    }

    /**
     * Called after every step of a trial; at a rung step it records the score and answers whether the trial goes on;
     * at any other step it answers true (false for NaN).
     */
    public synchronized boolean goOn(String trial, int step, double score) {
        throw new UnsupportedOperationException("filled in by the sweep engine");
    }

    /** The highest rung step {@code trial} reached, 0 for none. */
    public synchronized int rungReached(String trial) {
        throw new UnsupportedOperationException("filled in by the sweep engine");
    }
}
