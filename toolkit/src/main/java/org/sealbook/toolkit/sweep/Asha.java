package org.sealbook.toolkit.sweep;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Asynchronous successive halving: rungs at {@code minSteps * eta^k} steps up to {@code maxSteps}; a trial that
 * reaches a rung goes on only while its score there is in the best {@code 1/eta} of the scores seen at that rung so
 * far (a trial alone at a rung goes on). A NaN score stops it. Scores are higher-is-better. Thread-safe: trials run
 * concurrently. Usage: {@code Asha asha = new Asha(1, 200, 3); if (!asha.goOn("trial_004", step, score)) stop();}
 *
 * <p>The rule at a rung: with n scores recorded there (the trial's own included), the trial goes on when fewer than
 * {@code floor(n / eta)} of the others scored strictly better; when {@code floor(n / eta)} is 0 it goes on. That is
 * the promotion rule of Li et al. (2018, "A system for massively parallel hyperparameter tuning"): a trial is
 * promoted when it is in the top 1/eta of its rung. There a trial that cannot be promoted yet waits and may be
 * promoted later, when more trials have filled the rung; here a trial cannot wait (its model is in memory and its
 * thread is busy), so it must be decided at once. Stopping the first eta - 1 trials at every rung because nothing
 * has been seen yet would end the sweep's first trials on no evidence at all, so they go on; the cost is only that
 * those few early trials may run further than a later, fuller rung would have let them. (Optuna's pruner instead
 * lets only the best of a rung of fewer than eta go on; with ours the first trials set the bar rather than race it.)
 * Ties go on: a trial is stopped only by scores strictly better than its own.
 */
public final class Asha {
    private final int maxSteps;
    private final List<Integer> rungs;
    /** For each rung step, the score each trial had there, in the order they arrived. */
    private final Map<Integer, Map<String, Double>> scores = new HashMap<>();
    private final Map<String, Integer> reached = new HashMap<>();
    private final int eta;

    public Asha(int minSteps, int maxSteps, int eta) {
        if (minSteps < 1 || maxSteps < minSteps || eta < 2) {
            throw new IllegalArgumentException("Successive halving needs at least 1 step before the first check, "
                    + "a last step no earlier than that and a reduction factor of at least 2, but got min_steps "
                    + minSteps + ", max_steps " + maxSteps + " and eta " + eta + "; give e.g. 1, 200 and 3.");
        }
        this.maxSteps = maxSteps;
        this.eta = eta;
        List<Integer> steps = new ArrayList<>();
        for (long step = minSteps; step <= maxSteps; step *= eta) {
            steps.add((int) step);
            scores.put((int) step, new LinkedHashMap<>());
        }
        this.rungs = List.copyOf(steps);
    }

    /** The rung steps, ascending, each <= maxSteps. */
    public List<Integer> rungs() {
        return rungs;
    }

    /**
     * Called after every step of a trial; at a rung step it records the score and answers whether the trial goes on;
     * at any other step it answers true (false for NaN).
     */
    public synchronized boolean goOn(String trial, int step, double score) {
        Map<String, Double> rung = scores.get(step);
        if (rung != null) {
            // NaN is recorded as the worst score, so it counts in the rung's n without standing above anyone.
            rung.putIfAbsent(trial, Double.isNaN(score) ? Double.NEGATIVE_INFINITY : score);
            reached.merge(trial, step, Math::max);
        }
        if (Double.isNaN(score)) {
            return false;
        }
        if (rung == null || step >= maxSteps) {
            return true;
        }
        int promoted = rung.size() / eta;
        if (promoted == 0) {
            return true;
        }
        double own = rung.get(trial);
        long better = rung.values().stream().filter(other -> other > own).count();
        return better < promoted;
    }

    /** The highest rung step {@code trial} reached, 0 for none. */
    public synchronized int rungReached(String trial) {
        return reached.getOrDefault(trial, 0);
    }
}
