package org.sealbook.toolkit.stage;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.sealbook.toolkit.chart.DataCheckFigures;
import org.sealbook.toolkit.data.DataCheck;
import org.sealbook.toolkit.data.DataCheckResult;
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
import org.sealbook.toolkit.pipeline.Option;
import org.sealbook.toolkit.pipeline.Result;
import org.sealbook.toolkit.pipeline.SealedStage;
import org.sealbook.toolkit.pipeline.Stage;
import org.sealbook.toolkit.pipeline.StageOutcome;
import org.sealbook.toolkit.pipeline.StageProblem;
import org.sealbook.toolkit.pipeline.StageRun;
import org.sealbook.toolkit.pipeline.StageSpec;
import org.sealbook.toolkit.pipeline.Status;
import org.sealbook.toolkit.view.View;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The {@code %data_check} stage: loads a data file, runs the eight checks, explains them in plain words, and seals
 * the decision unless a check failed. Usage: {@code session.run("data_check", List.of("cars.csv", "--target",
 * "Miles_per_Gallon"), null, view)}.
 */
public final class DataCheckStage implements Stage {
    public static final Option<String> PATH = Option.text("path", "PATH", "the data file to check (CSV or TSV)")
            .positional().required();
    public static final Option<String> TARGET = Option.text("target", "COL", "the column to predict").required();
    public static final Option<String> ID = Option.text("id", "COL",
            "a column that names each row: checked for repeats, never used as a feature");
    public static final Option<String> TIME = Option.text("time", "COL",
            "a column of dates or times, checked for order and gaps");
    public static final Option<Task> TASK = Option.choice("task", List.of(Task.values()), Task::label, null,
            "what to predict, a class or a number").defaultText("from the target's values");
    public static final Option<Mitigate> MITIGATE = Option.choice("mitigate", List.of(Mitigate.values()),
            m -> m.name().toLowerCase(Locale.ROOT), Mitigate.AUTO,
            "auto records every fix the findings call for; none records only the --column ones");
    public static final Option<Map.Entry<String, Action>> COLUMN = Option.parsed("column", "COL=ACTION",
            "column and fix", DataCheckStage::columnFix, "replaces the automatic fix for one column with keep, "
                    + "drop_column, impute_median, impute_most_frequent, impute_model or add_missing_indicator "
                    + "(on the target: log_transform_target, class_weights)").repeatable();

    private static final StageSpec SPEC = StageSpec.named("data_check", "Check a data file before training and "
                    + "seal what it decided").seals(DataCheckResult.ARTIFACT)
            .options(PATH, TARGET, ID, TIME, TASK, MITIGATE, COLUMN);

    @Override
    public StageSpec spec() {
        return SPEC;
    }

    /** Runs the eight checks; a failed check, bad input or an unusable workspace seals nothing. */
    @Override
    public Result run(StageRun run) {
        Explainer explainer = run.explainer();
        View view = run.view();
        String target = run.option(TARGET);
        String id = run.option(ID);
        String time = run.option(TIME);
        Dataset data = DataLoader.create().load(run.resolve(run.option(PATH)));
        requireColumn(data, target, "target", run.names().option("target", "COL"));
        requireColumn(data, id, "--id", run.names().option("id", "COL"));
        requireColumn(data, time, "--time", run.names().option("time", "COL"));
        Thresholds thresholds = Thresholds.in(run.workspace().folder());
        DataCheck check = DataCheck.of(target).id(id).time(time).mitigate(run.option(MITIGATE)).thresholds(thresholds);
        if (run.option(TASK) != null) {
            check.task(run.option(TASK));
        }
        Map<String, Action> overrides = new LinkedHashMap<>();
        for (Map.Entry<String, Action> fix : run.options().all(COLUMN)) {
            if (overrides.put(fix.getKey(), fix.getValue()) != null) {
                throw StageProblem.blocked(run.names().stage("data_check") + " was given "
                        + run.names().option("column") + " for " + fix.getKey() + " twice; keep one fix per column.");
            }
        }
        overrides.forEach(check::override);
        DataCheckResult result = check.run(data);
        DataCheckText text = new DataCheckText(result, explainer, run.names());

        view.explain("What I did", whatIDid(data, result, text, explainer, time));
        List<Finding> shown = result.findings().stream().filter(f -> DataCheckText.worthShowing(f, result)).toList();
        showFindings(view, result, shown, text);
        showRecipe(view, result, explainer);
        // Missing values per column, the target's distribution, the correlation heatmap and box plots of
        // flagged columns: each only when it has something to show.
        DataCheckFigures.draw(result, data).forEach(view::figure);

        List<Finding> fails = result.findings().stream().filter(f -> f.severity() == Severity.FAIL).toList();
        List<Finding> warns = result.findings().stream().filter(f -> f.severity() == Severity.WARN).toList();
        String again = run.names().stage("data_check");
        if (!fails.isEmpty()) {
            String blocking = DataCheckText.list(fails);
            // A limit is a question, not a verdict: someone who knows the data may answer it by moving the limit.
            List<String> limits = fails.stream().map(Finding::threshold).filter(Objects::nonNull)
                    .map(t -> t.key() + " (now " + Numbers.number(t.value()) + ", " + t.source() + ")")
                    .distinct().toList();
            String override = limits.isEmpty() ? "" : " If you know the data and the finding is not a real problem, "
                    + "you can change the limit instead: set " + String.join(" and ", limits) + " in "
                    + run.workspace().folder().resolve("data_check.properties") + ", with a # comment saying why.";
            view.explain("What to do next", "Fix " + Numbers.count(fails.size(), "blocking problem")
                    + " (" + blocking + ") in the data file, or choose another target, then run " + again + " again."
                    + override + " Nothing was sealed, so no later stage can start from this data.");
            return Result.end(Status.BLOCKED, "The data check found " + Numbers.count(fails.size(), "problem")
                    + " that block training (" + blocking + "), so nothing was sealed; fix "
                    + (fails.size() == 1 ? "it" : "them") + " and run " + again + " again.");
        }
        return Result.seal(result)
                .said(s -> "The decision (target, task, features and recipe) is sealed in " + s.file()
                        + " with SHA-256 " + s.sha256() + ". Later stages start from it and refuse to run if it changes.")
                .then(s -> ending(view, s, warns));
    }

    private static StageOutcome ending(View view, SealedStage sealed, List<Finding> warns) {
        String next = sealed.next("hypothesize");
        if (!warns.isEmpty()) {
            view.explain("What to do next", "Read the " + Numbers.count(warns.size(), "concern")
                    + " above; the recipe already handles the ones it can. Then run " + next + " to write down "
                    + "what you expect the model to learn.");
            return new StageOutcome(Status.DONE_WITH_CONCERNS, "The data check is sealed (" + sealed.shortHash()
                    + ") with " + Numbers.count(warns.size(), "concern") + " (" + DataCheckText.list(warns)
                    + "); read " + (warns.size() == 1 ? "it" : "them") + " above, then run " + next + ".");
        }
        view.explain("What to do next", "Nothing needs fixing. Run " + next
                + " to write down what you expect the model to learn.");
        return new StageOutcome(Status.DONE, "The data check is sealed (" + sealed.shortHash() + ") and found nothing "
                + "to worry about; run " + next + " next.");
    }

    /** One {@code --column COL=ACTION}: the action named as the flag writes it. */
    private static Map.Entry<String, Action> columnFix(String written, String value) {
        int eq = value.lastIndexOf('=');
        if (eq <= 0 || eq == value.length() - 1) {
            throw StageProblem.blocked(written + " takes COL=ACTION, not " + value + "; for example "
                    + "Horsepower=impute_median.");
        }
        String action = value.substring(eq + 1).strip().toLowerCase(Locale.ROOT);
        for (Action a : Action.values()) {
            if (a.name().toLowerCase(Locale.ROOT).equals(action)) {
                return Map.entry(value.substring(0, eq).strip(), a);
            }
        }
        throw StageProblem.blocked(written + " " + value + " names no fix called " + value.substring(eq + 1)
                + "; use one of " + String.join(", ", java.util.Arrays.stream(Action.values())
                .map(a -> a.name().toLowerCase(Locale.ROOT)).toList()) + ".");
    }

    private static String whatIDid(Dataset data, DataCheckResult result, DataCheckText text, Explainer explainer,
                                   String time) {
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

    private static void showFindings(View view, DataCheckResult result, List<Finding> shown, DataCheckText text) {
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

    private static void showRecipe(View view, DataCheckResult result, Explainer explainer) {
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
                throw StageProblem.needsContext(e.getMessage() + " Give the right name with " + flag + ".", e);
            }
        }
    }
}
