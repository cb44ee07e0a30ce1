package org.sealbook.toolkit.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.sealbook.toolkit.data.Mitigation.Action;

/**
 * The mitigations derived from the findings. It records what to do; it never changes the data, so a later
 * stage can fit each step (a median, a model) on the training split alone.
 */
public record Recipe(List<Mitigation> steps) {
    private static final Set<String> DROP_CODES = Set.of("MISSING_DROP", "LIKELY_IDENTIFIER", "TEXT_MANY_VALUES",
            "ZERO_VARIANCE", "DOMINANT_VALUE");

    public Recipe {
        steps = List.copyOf(steps);
    }

    /**
     * @param findings  what the checks found
     * @param mode      AUTO takes every step the findings call for; NONE takes only the overrides
     * @param overrides per-column flags that replace the automatic steps for that column; each fits its column
     * @param kindOf    each column's kind, which decides the fixes that apply to it ({@link Action#fits})
     */
    static Recipe derive(List<Finding> findings, String target, Mitigate mode, Map<String, Action> overrides,
                         Function<String, ColumnKind> kindOf) {
        Map<String, List<Mitigation>> byColumn = new LinkedHashMap<>();
        if (mode == Mitigate.AUTO) {
            for (Finding f : findings) {
                String c = f.column();
                if (c != null && f.columns().size() == 1) {
                    autoSteps(f, c, target, kindOf.apply(c), byColumn.computeIfAbsent(c, k -> new ArrayList<>()));
                }
            }
        }
        overrides.forEach((column, action) -> byColumn.put(column, action == Action.KEEP ? List.of()
                : List.of(new Mitigation(column, action, "requested"))));
        List<Mitigation> steps = new ArrayList<>();
        byColumn.values().forEach(steps::addAll);
        for (Mitigation step : steps) {
            if (!step.action().fits(kindOf.apply(step.column()))) {
                throw new IllegalStateException("The recipe chose " + step.action().flag() + " for " + step.column()
                        + ", " + kindOf.apply(step.column()).words() + ", which it does not fit; this is a bug in the "
                        + "data check's recipe, so report it with the data set.");
            }
        }
        return new Recipe(steps);
    }

    private static void autoSteps(Finding f, String c, String target, ColumnKind kind, List<Mitigation> out) {
        boolean dropped = out.stream().anyMatch(m -> m.action() == Action.DROP_COLUMN);
        if (dropped) {
            return;
        }
        String code = f.code();
        Action impute = kind.simpleImpute();
        if (DROP_CODES.contains(code) && !c.equals(target)) {
            out.clear(); // dropping the column makes any imputation of it moot
            out.add(new Mitigation(c, Action.DROP_COLUMN, code));
        } else if (code.equals("MISSING_SIMPLE_IMPUTE")) {
            out.add(new Mitigation(c, impute, code));
        } else if (code.equals("MISSING_MODEL_IMPUTE")) {
            // a model's fill only where the trainer can fit one (numbers); categories take the most common value
            out.add(new Mitigation(c, Action.IMPUTE_MODEL.fits(kind) ? Action.IMPUTE_MODEL : impute, code));
        } else if (code.equals("MISSING_INDICATOR")) {
            out.add(new Mitigation(c, Action.ADD_MISSING_INDICATOR, code));
            out.add(new Mitigation(c, impute, code));
        } else if (code.equals("TARGET_SKEW_LOG")) {
            out.add(new Mitigation(c, Action.LOG_TRANSFORM_TARGET, code));
        } else if (code.equals("TARGET_IMBALANCE_CLASS_WEIGHTS") || code.equals("TARGET_IMBALANCE_STRONG")) {
            out.add(new Mitigation(c, Action.CLASS_WEIGHTS, code));
        }
    }

    public boolean drops(String column) {
        return has(column, Action.DROP_COLUMN);
    }

    public boolean has(String column, Action action) {
        return steps.stream().anyMatch(m -> m.column().equals(column) && m.action() == action);
    }
}
