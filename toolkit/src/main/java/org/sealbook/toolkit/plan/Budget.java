package org.sealbook.toolkit.plan;

import com.google.gson.JsonObject;

/**
 * How much a batch of experiments may spend: how many runs, how many minutes in all, and how many at a time.
 * Usage: {@code new Budget(12, 30, 3)} or {@link #DEFAULT}.
 *
 * @param maxExperiments      the most experiments a plan may hold
 * @param maxWallClockMinutes the most minutes the plan's estimate may reach
 * @param concurrency         how many experiments run side by side
 */
public record Budget(int maxExperiments, double maxWallClockMinutes, int concurrency) {
    /** 12 experiments, 30 minutes, and all cores but one (so the notebook stays responsive), at least one. */
    public static final Budget DEFAULT = new Budget(12, 30,
            Math.max(1, Runtime.getRuntime().availableProcessors() - 1));

    public Budget {
        if (maxExperiments <= 0) {
            throw new IllegalArgumentException("A budget of " + maxExperiments + " experiments runs nothing; "
                    + "give --max-experiments 1 or more.");
        }
        if (!(maxWallClockMinutes > 0) || Double.isInfinite(maxWallClockMinutes)) {
            throw new IllegalArgumentException("A budget of " + maxWallClockMinutes + " minutes leaves no time to "
                    + "train; give --max-minutes a finite number above 0.");
        }
        if (concurrency <= 0) {
            throw new IllegalArgumentException("A concurrency of " + concurrency + " runs no experiment at a time; "
                    + "give --concurrency 1 or more.");
        }
    }

    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("max_experiments", maxExperiments);
        o.addProperty("max_wall_clock_minutes", maxWallClockMinutes);
        o.addProperty("concurrency", concurrency);
        return o;
    }

    /** Reads back {@link #toJson}; a missing field is refused with one sentence naming it. */
    public static Budget fromJson(JsonObject o) {
        return new Budget(Experiment.field(o, "max_experiments", "the budget").getAsInt(),
                Experiment.field(o, "max_wall_clock_minutes", "the budget").getAsDouble(),
                Experiment.field(o, "concurrency", "the budget").getAsInt());
    }
}
