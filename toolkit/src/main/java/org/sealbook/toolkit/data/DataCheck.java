package org.sealbook.toolkit.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sealbook.toolkit.data.Mitigation.Action;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The eight data checks as one computation. Usage:
 * {@code DataCheck.of("Miles_per_Gallon").id("Name").mitigate(Mitigate.AUTO).run(dataset)}.
 * Returns values only; it prints nothing and writes nothing.
 */
public final class DataCheck {
    private final String target;
    private String id;
    private String time;
    private Task task;
    private Mitigate mitigate = Mitigate.AUTO;
    private Thresholds thresholds = Thresholds.defaultValues();
    private final Map<String, Action> overrides = new LinkedHashMap<>();

    private DataCheck(String target) {
        this.target = target;
    }

    public static DataCheck of(String target) {
        return new DataCheck(target);
    }

    public DataCheck id(String column) {
        this.id = column;
        return this;
    }

    public DataCheck time(String column) {
        this.time = column;
        return this;
    }

    /** Overrides the inferred task. */
    public DataCheck task(Task given) {
        this.task = given;
        return this;
    }

    public DataCheck mitigate(Mitigate mode) {
        this.mitigate = mode;
        return this;
    }

    public DataCheck thresholds(Thresholds values) {
        this.thresholds = values;
        return this;
    }

    /** A per-column flag: this action replaces whatever the findings call for on that column. */
    public DataCheck override(String column, Action action) {
        overrides.put(column, action);
        return this;
    }

    public DataCheckResult run(Dataset data) {
        Table read = data.table();
        Column<?> y = data.column(target, "target");
        if (id != null) {
            data.column(id, "--id");
        }
        if (time != null) {
            TimeCheck.instants(data.column(time, "--time")); // refuses a text time column before any check runs
        }
        for (String column : overrides.keySet()) {
            data.column(column, "per-column mitigation flag");
        }
        int missing = y.countMissing();
        if (missing == read.rowCount()) {
            throw new DataProblem("The target '" + target + "' is empty in all " + read.rowCount() + " rows of "
                    + data.name() + " (FAIL); choose a target column that holds the values to predict.");
        }
        Table kept = missing == 0 ? read : read.where(y.isNotMissing());
        Column<?> keptTarget = kept.column(target);
        Map<String, Integer> distinct = TargetCheck.classCounts(keptTarget);
        if (distinct.size() < 2) {
            throw new DataProblem("The target '" + target + "' has the same value (" + distinct.keySet().iterator().next()
                    + ") in all " + kept.rowCount() + " rows, so there is nothing to predict; choose a target that varies.");
        }
        Task chosen = task != null ? checked(task, keptTarget) : infer(keptTarget, distinct.size(), thresholds);
        overrides.forEach((column, action) -> checkOverride(column, action, kind(column, kept, chosen), keptTarget));
        CheckInput in = new CheckInput(read, kept, target, id, time, chosen, thresholds);
        List<Finding> findings = new ArrayList<>();
        findings.addAll(ShapeCheck.run(in));
        findings.addAll(TypeCheck.run(in));
        findings.addAll(MissingCheck.run(in));
        findings.addAll(TargetCheck.run(in));
        findings.addAll(DuplicateCheck.run(in));
        findings.addAll(DistributionCheck.run(in));
        findings.addAll(CorrelationCheck.run(in));
        findings.addAll(OutlierCheck.run(in));
        if (time != null) {
            findings.addAll(TimeCheck.run(in));
        }
        Recipe recipe = Recipe.derive(findings, target, mitigate, overrides, column -> kind(column, read, chosen));
        List<String> features = in.features.stream().filter(f -> !recipe.drops(f)).toList();
        String transform = recipe.has(target, Action.LOG_TRANSFORM_TARGET) ? "log" : "none";
        return new DataCheckResult(data.source().toString(), data.sha256(), id, time, chosen, task == null, target, transform, features,
                findings, recipe, mitigate, read.rowCount(), missing, thresholds.all());
    }

    /**
     * A per-column flag that cannot work on its column is refused before any check runs: its action must fit the
     * column's kind ({@link Action#fits}), and a log target needs values above zero.
     */
    private void checkOverride(String column, Action action, ColumnKind kind, Column<?> y) {
        String flag = "--column " + column + "=" + action.flag();
        if (action.targetOnly() && !column.equals(target)) {
            throw new DataProblem(flag + " applies only to the target; use --column " + target + "="
                    + action.flag() + " or choose another action for " + column + ".");
        }
        if (!action.fits(kind)) {
            throw new DataProblem(flag + " does not fit " + column + ", " + kind.words() + "; use one of the actions "
                    + "that do: " + Action.fittingWords(kind) + ".");
        }
        if (action == Action.LOG_TRANSFORM_TARGET) {
            double smallest = y instanceof NumericColumn<?> n ? n.min() : Double.NaN;
            if (!(smallest > 0)) {
                throw new DataProblem(flag + " needs a numeric target above zero in a regression (the smallest value is "
                        + (Double.isNaN(smallest) ? "not a number" : smallest) + "); remove the flag.");
            }
        }
    }

    /** What a column is to the recipe: the target's kind follows the task, a feature's its values. */
    private ColumnKind kind(String column, Table rows, Task chosen) {
        return column.equals(target) ? ColumnKind.ofTarget(chosen) : ColumnKind.ofFeature(rows.column(column));
    }

    private Task checked(Task given, Column<?> y) {
        if (given == Task.REGRESSION && !(y instanceof NumericColumn<?>)) {
            throw new DataProblem("The target '" + target + "' holds " + TypeCheck.kind(y).toLowerCase()
                    + ", not numbers, so it cannot be a regression target; use --task classification or pick a numeric target.");
        }
        return given;
    }

    /**
     * Text or yes/no targets are classes; numbers are classes only when they are whole and few (at most
     * task.max_classes distinct values, and at most task.max_class_share of the rows); otherwise regression.
     */
    static Task infer(Column<?> y, int distinct, Thresholds t) {
        if (!(y instanceof NumericColumn<?> n)) {
            return Task.CLASSIFICATION;
        }
        for (int i = 0; i < n.size(); i++) {
            if (!n.isMissing(i)) {
                double v = n.getDouble(i);
                if (v != Math.rint(v)) {
                    return Task.REGRESSION;
                }
            }
        }
        boolean few = distinct <= t.value("task.max_classes") && distinct <= t.value("task.max_class_share") * n.size();
        return few ? Task.CLASSIFICATION : Task.REGRESSION;
    }
}
