package org.sealbook.toolkit.data;

/**
 * One step of the recipe: what a later stage does to a column, fitted on the training split only.
 *
 * @param column the column it applies to (the target for LOG_TRANSFORM_TARGET and CLASS_WEIGHTS)
 * @param action what to do
 * @param reason the finding code that called for it, or "requested" for a per-column flag
 */
public record Mitigation(String column, Action action, String reason) {

    /** What can be done to a column; KEEP is a per-column flag that overrides any automatic step. */
    public enum Action {
        IMPUTE_MEDIAN, IMPUTE_MOST_FREQUENT, IMPUTE_MODEL, ADD_MISSING_INDICATOR, DROP_COLUMN,
        LOG_TRANSFORM_TARGET, CLASS_WEIGHTS, KEEP
    }
}
