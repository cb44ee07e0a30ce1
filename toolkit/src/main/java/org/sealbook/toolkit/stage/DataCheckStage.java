package org.sealbook.toolkit.stage;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.sealbook.toolkit.data.DataCheck;
import org.sealbook.toolkit.data.DataCheckResult;
import org.sealbook.toolkit.chart.DataCheckFigures;
import org.sealbook.toolkit.data.DataLoader;
import org.sealbook.toolkit.data.DataProblem;
import org.sealbook.toolkit.data.Dataset;
import org.sealbook.toolkit.data.Finding;
import org.sealbook.toolkit.data.Mitigate;
import org.sealbook.toolkit.data.Mitigation;
import org.sealbook.toolkit.data.Mitigation.Action;
import org.sealbook.toolkit.data.Severity;
import org.sealbook.toolkit.data.Task;
import org.sealbook.toolkit.data.Thresholds;
import org.sealbook.toolkit.explain.Explainer;
import org.sealbook.toolkit.explain.Numbers;
import org.sealbook.toolkit.view.View;
import org.sealbook.toolkit.workspace.Sealed;
import org.sealbook.toolkit.workspace.Stage;
import org.sealbook.toolkit.workspace.StageOutcome;
import org.sealbook.toolkit.workspace.StageRefused;
import org.sealbook.toolkit.workspace.Status;
import org.sealbook.toolkit.workspace.Workspace;
import org.sealbook.toolkit.workspace.WorkspaceException;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The {@code %data_check} stage: loads a data file, runs the eight checks, explains them through a
 * {@link View} in plain words, and seals the decision unless a check failed. Usage:
 * {@code DataCheckStage.of(Path.of("cars.csv"), "Miles_per_Gallon").run(workspace, view, explainer)}.
 */
public final class DataCheckStage {
    private final Path path;
    private final String target;
    private String id;
    private String time;
    private Task task;
    private Mitigate mitigate = Mitigate.AUTO;
    private Clock clock = Clock.systemUTC();
    private final Map<String, Action> overrides = new LinkedHashMap<>();

    private DataCheckStage(Path path, String target) {
        this.path = path;
        this.target = target;
    }

    /** The stage for the data file at {@code path}, predicting the column {@code target}. */
    public static DataCheckStage of(Path path, String target) {
        return new DataCheckStage(path, target);
    }

    /** A column that names each row (checked for repeats, never used as a feature). */
    public DataCheckStage id(String column) {
        this.id = column;
        return this;
    }

    /** A column of dates or times, checked for order and gaps. */
    public DataCheckStage time(String column) {
        this.time = column;
        return this;
    }

    /** The task, instead of inferring it from the target. */
    public DataCheckStage task(Task given) {
        this.task = given;
        return this;
    }

    /** AUTO records every mitigation the findings call for; NONE records none. */
    public DataCheckStage mitigate(Mitigate mode) {
        this.mitigate = mode;
        return this;
    }

    /** A per-column flag: this action replaces whatever the findings call for on that column. */
    public DataCheckStage override(String column, Action action) {
        overrides.put(column, action);
        return this;
    }

    /** The clock that stamps the seal (tests pin it). */
    public DataCheckStage clock(Clock given) {
        this.clock = given;
        return this;
    }

    /**
     * Runs the stage and ends with exactly one status on {@code view}. A failed check, bad input or an
     * unusable workspace ends BLOCKED or NEEDS_CONTEXT and seals nothing.
     */
    public StageOutcome run(Workspace workspace, View view, Explainer explainer) {
        StageOutcome outcome;
        try {
            outcome = check(workspace, view, explainer);
        } catch (NeedsContext e) {
            outcome = new StageOutcome(Status.NEEDS_CONTEXT, e.getMessage());
        } catch (DataProblem | WorkspaceException e) {
            outcome = new StageOutcome(Status.BLOCKED, e.getMessage());
        } catch (StageRefused e) {
            outcome = e.outcome();
        }
        view.status(outcome);
        return outcome;
    }

    private StageOutcome check(Workspace workspace, View view, Explainer explainer) {
        if (path == null) {
            throw new NeedsContext("No data file was given; pass its path, for example %data_check cars.csv --target COL.");
        }
        if (target == null || target.isBlank()) {
            throw new NeedsContext("No target column was given; name the column to predict with --target COL.");
        }
        workspace.verifyBefore(Stage.DATA_CHECK);
        Dataset data = DataLoader.create().load(path);
        requireColumn(data, target, "target", "--target");
        requireColumn(data, id, "--id", "--id");
        requireColumn(data, time, "--time", "--time");
        Thresholds thresholds = Thresholds.in(workspace.folder());
        DataCheck check = DataCheck.of(target).id(id).time(time).mitigate(mitigate).thresholds(thresholds);
        if (task != null) {
            check.task(task);
        }
        overrides.forEach(check::override);
        DataCheckResult result = check.run(data);
        DataCheckText text = new DataCheckText(result, explainer);

        view.explain("What I did", whatIDid(data, result, text, explainer));
        List<Finding> shown = result.findings().stream().filter(f -> DataCheckText.worthShowing(f, result)).toList();
        showFindings(view, result, shown, text);
        showRecipe(view, result, explainer);
        // Missing values per column, the target's distribution, the correlation heatmap and box plots of
        // flagged columns: each only when it has something to show.
        DataCheckFigures.draw(result, data).forEach(view::figure);

        List<Finding> fails = result.findings().stream().filter(f -> f.severity() == Severity.FAIL).toList();
        List<Finding> warns = result.findings().stream().filter(f -> f.severity() == Severity.WARN).toList();
        if (!fails.isEmpty()) {
            String blocking = DataCheckText.list(fails);
            // A limit is a question, not a verdict: someone who knows the data may answer it by moving the limit.
            List<String> limits = fails.stream().map(Finding::threshold).filter(Objects::nonNull)
                    .map(t -> t.key() + " (now " + Numbers.number(t.value()) + ", " + t.source() + ")")
                    .distinct().toList();
            String override = limits.isEmpty() ? "" : " If you know the data and the finding is not a real problem, "
                    + "you can change the limit instead: set " + String.join(" and ", limits) + " in "
                    + workspace.folder().resolve("data_check.properties") + ", with a # comment saying why.";
            view.explain("What to do next", "Fix " + Numbers.count(fails.size(), "blocking problem")
                    + " (" + blocking + ") in the data file, or choose another target, then run %data_check again."
                    + override + " Nothing was sealed, so no later stage can start from this data.");
            return new StageOutcome(Status.BLOCKED, "The data check found " + Numbers.count(fails.size(),
                    "problem") + " that block training (" + blocking + "), so nothing was sealed; fix "
                    + (fails.size() == 1 ? "it" : "them") + " and run %data_check again.");
        }
        Sealed sealed = workspace.seal(Stage.DATA_CHECK, result.toJson(), clock.instant());
        String hash = sealed.sha256().substring(0, 12);
        view.explain("Sealed", "The decision (target, task, features and recipe) is sealed in "
                + workspace.artifact(Stage.DATA_CHECK) + " with SHA-256 " + sealed.sha256()
                + ". Later stages start from it and refuse to run if it changes.");
        sealed.staleNotice().ifPresent(notice -> view.explain("Later stages are stale", notice));
        String next = sealed.stale().isEmpty() ? "%hypothesize" : sealed.stale().get(0).magic();
        if (!warns.isEmpty()) {
            view.explain("What to do next", "Read the " + Numbers.count(warns.size(), "concern")
                    + " above; the recipe already handles the ones it can. Then run " + next + " to write down "
                    + "what you expect the model to learn.");
            return new StageOutcome(Status.DONE_WITH_CONCERNS, "The data check is sealed (" + hash + ") with "
                    + Numbers.count(warns.size(), "concern") + " (" + DataCheckText.list(warns)
                    + "); read " + (warns.size() == 1 ? "it" : "them") + " above, then run " + next + ".");
        }
        view.explain("What to do next", "Nothing needs fixing. Run " + next
                + " to write down what you expect the model to learn.");
        return new StageOutcome(Status.DONE, "The data check is sealed (" + hash + ") and found nothing to worry "
                + "about; run " + next + " next.");
    }

    private String whatIDid(Dataset data, DataCheckResult result, DataCheckText text, Explainer explainer) {
        Table table = data.table();
        StringBuilder s = new StringBuilder("I read ").append(data.source()).append(": ")
                .append(Numbers.count(result.rowsRead(), "row")).append(" and ")
                .append(Numbers.count(table.columnCount(), "column")).append(". The ")
                .append(explainer.term("target")).append(" is ").append(result.target()).append(". ");
        s.append(text.taskReason(distinctValues(table.column(result.target())), table.column(result.target())));
        if (result.rowsDroppedMissingTarget() > 0) {
            s.append(" ").append(Numbers.count(result.rowsDroppedMissingTarget(), "row"))
                    .append(" had no value for the target and were left out, which leaves ")
                    .append(result.rowsKept()).append(".");
        }
        s.append(" I ran eight checks: shape, types, missing values, the target, duplicates, distributions, "
                + "correlations and outliers").append(time == null ? "" : ", plus the order of " + time).append('.');
        // a limit someone moved stays visible even when nothing reaches it any more
        Thresholds defaults = Thresholds.defaultValues();
        List<String> changed = result.thresholds().stream().filter(t -> !t.source().equals("default"))
                .map(t -> t.key() + " is " + Numbers.number(t.value()) + " instead of "
                        + Numbers.number(defaults.value(t.key())) + " (" + t.source() + ")")
                .toList();
        if (!changed.isEmpty()) {
            s.append(changed.size() == 1 ? " One limit differs from the default: " : " Some limits differ from the defaults: ")
                    .append(String.join("; ", changed)).append('.');
        }
        return s.toString();
    }

    private void showFindings(View view, DataCheckResult result, List<Finding> shown, DataCheckText text) {
        List<String> quiet = new ArrayList<>();
        for (String check : DataCheckText.CHECKS) {
            List<Finding> mine = shown.stream().filter(f -> f.check().equals(check)).toList();
            if (mine.isEmpty()) {
                if (result.findings().stream().anyMatch(f -> f.check().equals(check))) {
                    quiet.add(check);
                }
                continue;
            }
            view.explain("What I found: " + check, text.paragraph(mine));
        }
        if (!shown.isEmpty()) {
            view.table("Findings", findingsTable(shown));
        }
        if (!quiet.isEmpty()) {
            view.explain("Nothing to flag", "These checks found nothing to act on: " + String.join(", ", quiet) + ".");
        }
    }

    private static Table findingsTable(List<Finding> shown) {
        StringColumn check = StringColumn.create("check");
        StringColumn columns = StringColumn.create("columns");
        StringColumn result = StringColumn.create("result");
        StringColumn measured = StringColumn.create("measured");
        StringColumn limit = StringColumn.create("threshold");
        StringColumn source = StringColumn.create("threshold from");
        for (Finding f : shown) {
            check.append(f.check());
            columns.append(f.columns().isEmpty() ? "(whole table)" : String.join(", ", f.columns()));
            result.append(f.severity().name());
            measured.append(DataCheckText.measured(f));
            limit.append(f.threshold() == null ? "-" : f.threshold().key() + " = " + DataCheckText.limit(f.threshold()));
            source.append(f.threshold() == null ? "-" : f.threshold().source());
        }
        return Table.create("Findings", check, columns, result, measured, limit, source);
    }

    private void showRecipe(View view, DataCheckResult result, Explainer explainer) {
        List<Mitigation> steps = result.recipe().steps();
        if (!steps.isEmpty()) {
            StringColumn column = StringColumn.create("column");
            StringColumn action = StringColumn.create("what a later stage does");
            StringColumn reason = StringColumn.create("because of");
            for (Mitigation m : steps) {
                column.append(m.column());
                action.append(DataCheckText.action(m.action()));
                reason.append(DataCheckText.reason(m.reason()));
            }
            view.table("Recipe", Table.create("Recipe", column, action, reason));
        }
        String recipe = steps.isEmpty() ? "No fixes were recorded (--mitigate " + result.mitigate().name()
                .toLowerCase() + "). " : "The recipe above is recorded, not applied: the data file is unchanged, and "
                + "later stages work out each fill-in value on the " + explainer.term("training set") + " only. ";
        view.explain("What it means", recipe + "The model will use " + result.features().size() + " "
                + explainer.term("features") + ": " + String.join(", ", result.features()) + ".");
    }

    private static int distinctValues(Column<?> column) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < column.size(); i++) {
            if (!column.isMissing(i)) {
                seen.add(column.getString(i));
            }
        }
        return seen.size();
    }

    private static void requireColumn(Dataset data, String name, String role, String flag) {
        if (name != null && !data.table().columnNames().contains(name)) {
            try {
                data.column(name, role);
            } catch (DataProblem e) {
                throw new NeedsContext(e.getMessage() + " Give the right name with " + flag + ".", e);
            }
        }
    }

    /** Bad input only the user can settle (a column name, a path): ends NEEDS_CONTEXT. */
    private static final class NeedsContext extends RuntimeException {
        NeedsContext(String sentence) {
            super(sentence);
        }

        NeedsContext(String sentence, Throwable cause) {
            super(sentence, cause);
        }
    }
}
