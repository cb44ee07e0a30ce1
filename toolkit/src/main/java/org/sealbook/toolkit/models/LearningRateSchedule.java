package org.sealbook.toolkit.models;

/**
 * The neural network's learning rate at each optimiser step: a linear warm-up from near zero to the chosen rate over
 * the first {@link #WARMUP_SHARE} of the steps (big first steps from random weights can throw training off course),
 * then a cosine decay down to {@link #FLOOR_SHARE} of the rate at the last step (small last steps settle the weights).
 * It depends only on the step number, so a run resumed from a checkpoint goes on with the same rates.
 * Usage: {@code double rate = new LearningRateSchedule(0.001, 50 * 32).rate(step);}
 */
public record LearningRateSchedule(double peak, long totalSteps) {
    /** The share of all steps spent warming up. */
    public static final double WARMUP_SHARE = 0.05;
    /** The rate at the last step, as a share of the peak. */
    public static final double FLOOR_SHARE = 0.01;

    public LearningRateSchedule {
        if (!(peak > 0) || totalSteps < 1) {
            throw new IllegalArgumentException("A learning-rate schedule needs a positive peak rate and at least one "
                    + "step; got a rate of " + peak + " over " + totalSteps + " steps.");
        }
    }

    /** The warm-up's length in steps: at least one, so the first step is never taken at the full rate blindly. */
    public long warmupSteps() {
        return Math.max(1, Math.round(WARMUP_SHARE * totalSteps));
    }

    /** The rate of step {@code step} (1 for the first); steps past the last keep the floor. */
    public double rate(long step) {
        long warmup = warmupSteps();
        if (step <= warmup) {
            return peak * Math.max(1, step) / warmup;
        }
        long decaySteps = Math.max(1, totalSteps - warmup);
        double progress = Math.min(1.0, (double) (step - warmup) / decaySteps);
        double floor = peak * FLOOR_SHARE;
        return floor + (peak - floor) * 0.5 * (1 + Math.cos(Math.PI * progress));
    }
}
