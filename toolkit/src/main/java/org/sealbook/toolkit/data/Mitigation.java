package org.sealbook.toolkit.data;

import static org.sealbook.toolkit.data.ColumnKind.CATEGORY_FEATURE;
import static org.sealbook.toolkit.data.ColumnKind.CLASS_TARGET;
import static org.sealbook.toolkit.data.ColumnKind.NUMERIC_FEATURE;
import static org.sealbook.toolkit.data.ColumnKind.NUMERIC_TARGET;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One step of the recipe: what a later stage does to a column, fitted on the training split only.
 *
 * @param column the column it applies to (the target for LOG_TRANSFORM_TARGET and CLASS_WEIGHTS)
 * @param action what to do
 * @param reason the finding code that called for it, or "requested" for a per-column flag
 */
public record Mitigation(String column, Action action, String reason) {

    /**
     * What can be done to a column, and the one table of which kinds of column each applies to: the data check
     * records, and the trainer applies, an action only on a column of a kind it fits. KEEP is a per-column flag that
     * overrides any automatic step.
     */
    public enum Action {
        IMPUTE_MEDIAN(NUMERIC_FEATURE),
        IMPUTE_MOST_FREQUENT(NUMERIC_FEATURE, CATEGORY_FEATURE),
        IMPUTE_MODEL(NUMERIC_FEATURE),
        ADD_MISSING_INDICATOR(NUMERIC_FEATURE, CATEGORY_FEATURE),
        DROP_COLUMN(NUMERIC_FEATURE, CATEGORY_FEATURE),
        LOG_TRANSFORM_TARGET(NUMERIC_TARGET),
        CLASS_WEIGHTS(CLASS_TARGET),
        KEEP(NUMERIC_FEATURE, CATEGORY_FEATURE, NUMERIC_TARGET, CLASS_TARGET);

        private final Set<ColumnKind> fits;

        Action(ColumnKind first, ColumnKind... more) {
            this.fits = EnumSet.of(first, more);
        }

        /** Whether this action applies to a column of that kind. */
        public boolean fits(ColumnKind kind) {
            return fits.contains(kind);
        }

        /** Whether it applies only to a target (and so to no feature). */
        public boolean targetOnly() {
            return !fits(NUMERIC_FEATURE) && !fits(CATEGORY_FEATURE);
        }

        /** The actions that apply to a column of that kind, in declaration order. */
        public static List<Action> fitting(ColumnKind kind) {
            return Arrays.stream(values()).filter(a -> a.fits(kind)).toList();
        }

        /** The actions that apply to that kind as a learner types them: "impute_most_frequent, ... or keep". */
        public static String fittingWords(ColumnKind kind) {
            List<String> names = fitting(kind).stream().map(Action::flag).toList();
            return names.size() == 1 ? names.get(0)
                    : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
        }

        /** Its name as --column COL=ACTION takes it, e.g. "impute_model". */
        public String flag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
