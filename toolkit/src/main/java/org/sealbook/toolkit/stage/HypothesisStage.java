package org.sealbook.toolkit.stage;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.sealbook.toolkit.data.DataLoader;
import org.sealbook.toolkit.data.DataProblem;
import org.sealbook.toolkit.data.Dataset;
import org.sealbook.toolkit.explain.Explainer;
import org.sealbook.toolkit.explain.Names;
import org.sealbook.toolkit.explain.Numbers;
import org.sealbook.toolkit.hypothesis.Contract;
import org.sealbook.toolkit.hypothesis.Family;
import org.sealbook.toolkit.hypothesis.Metric;
import org.sealbook.toolkit.hypothesis.Ratios;
import org.sealbook.toolkit.hypothesis.SplitBalance;
import org.sealbook.toolkit.hypothesis.SplitStrategy;
import org.sealbook.toolkit.hypothesis.Splits;
import org.sealbook.toolkit.hypothesis.Splitter;
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

/**
 * The second stage: turns what the data check found into a contract (what would convince us, and how it will be
 * tested fairly), materialises the splits and seals both on the data-check seal. Every choice has a default taken
 * from the data check, and each can be given as an option with the names in {@link #OPTIONS}.
 * Usage: {@code HypothesisStage.create().option("split", "time").run(workspace, view, explainer)}.
 */
public final class HypothesisStage {
    /** The option names, as flags ({@code --max-gap 0.1}) or body lines ({@code max-gap: 0.1}). */
    public static final List<String> OPTIONS = List.of("split", "group", "time", "ratios", "seed", "features",
            "exclude", "families", "max-parameters", "max-trees-times-depth", "max-gap", "metric", "secondary",
            "min-improvement", "target-transform");
    static final long DEFAULT_SEED = 42;
    static final long DEFAULT_MAX_PARAMETERS = 100_000;
    static final long DEFAULT_MAX_TREES_TIMES_DEPTH = 5_000;
    static final double DEFAULT_MAX_GAP = 0.10;
    static final double DEFAULT_MIN_IMPROVEMENT = 0.01;
    /** Fewer validation rows than this make every score noisy: the stage says so. */
    static final int FEW_VALIDATION_ROWS = 30;

    private final Map<String, String> options = new LinkedHashMap<>();
    private Clock clock = Clock.systemUTC();

    private HypothesisStage() {
    }

    public static HypothesisStage create() {
        return new HypothesisStage();
    }

    /** Sets one choice; an unknown name or the same name twice is refused with one sentence. */
    public HypothesisStage option(String name, String value) {
        String key = name.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        if (!OPTIONS.contains(key)) {
            throw new IllegalArgumentException("%hypothesize has no choice called " + name + "; the closest are "
                    + String.join(", ", Names.closest(key, OPTIONS, 3)) + " (all: " + String.join(", ", OPTIONS) + ").");
        }
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("%hypothesize needs a value for " + key + "; write it as --" + key
                    + " VALUE or, in a %%hypothesize body, " + key + ": VALUE.");
        }
        if (options.putIfAbsent(key, value.strip()) != null) {
            throw new IllegalArgumentException("%hypothesize was given " + key + " twice (" + options.get(key) + " and "
                    + value.strip() + "), which contradict each other; keep one.");
        }
        return this;
    }

    /** The clock that stamps the seal (tests pin it). */
    public HypothesisStage clock(Clock given) {
        this.clock = given;
        return this;
    }

    /** Runs the stage and ends with exactly one status on {@code view}; a refusal seals nothing. */
    public StageOutcome run(Workspace workspace, View view, Explainer explainer) {
        StageOutcome outcome;
        try {
            outcome = decide(workspace, view, explainer);
        } catch (StageRefused e) {
            outcome = e.outcome();
        } catch (DataProblem | WorkspaceException | IllegalArgumentException | IllegalStateException e) {
            outcome = new StageOutcome(Status.BLOCKED, e.getMessage());
        }
        view.status(outcome);
        return outcome;
    }

    private StageOutcome decide(Workspace workspace, View view, Explainer explainer) {
        JsonObject check = workspace.verifyBefore(Stage.HYPOTHESIS).get(Stage.DATA_CHECK);
        String task = check.get("task").getAsString();
        String target = check.get("target").getAsString();
        Dataset data = sameData(check);
        Table rows = data.table().where(data.table().column(target).isNotMissing());
        Set<String> classes = new LinkedHashSet<>(rows.column(target).asStringColumn().asList());

        SplitStrategy split = split(check, task);
        String group = groupColumn(split, data);
        String time = timeColumn(split, check, data);
        Ratios ratios = options.containsKey("ratios") ? Ratios.parse(options.get("ratios")) : Ratios.DEFAULT;
        long seed = whole("seed", DEFAULT_SEED, Long.MIN_VALUE);
        Map<String, String> excluded = new LinkedHashMap<>();
        List<String> features = features(check, data, target, group, time, excluded);
        String transform = transform(check);
        List<Family> families = families();
        long maxParameters = whole("max-parameters", DEFAULT_MAX_PARAMETERS, 1);
        long maxTreesTimesDepth = whole("max-trees-times-depth", DEFAULT_MAX_TREES_TIMES_DEPTH, 1);
        double maxGap = share("max-gap", DEFAULT_MAX_GAP, false);
        double minImprovement = share("min-improvement", DEFAULT_MIN_IMPROVEMENT, true);
        Metric primary = primary(task, classes.size());
        List<Metric> secondary = secondary(task, classes.size(), primary);

        Splits splits = Splitter.split(rows, target, task, split, group, time, ratios, seed);
        splits.requireDisjointAndComplete(rows.rowCount());
        Contract contract = new Contract(task, target, transform, split, group, time, ratios, seed, features, excluded,
                families, maxParameters, maxTreesTimesDepth, maxGap, primary, secondary, minImprovement,
                splits.describe());

        HypothesisText text = new HypothesisText(contract, explainer);
        view.explain("What I did", "I read the sealed data check (" + target + ", a " + task + ") and " + data.source()
                + " again, and checked it is the file the data check read (same SHA-256). Then I wrote down how "
                + "models will be compared: " + text.splitSentence(rows.rowCount(), splits) + " " + text.seedSentence());
        view.explain("Why this split", text.splitReason(check, classes.size()));
        view.table("Splits", balanceTable(SplitBalance.of(rows, target, task, splits)));
        view.explain("What the model may use", text.featuresSentence());
        if (!excluded.isEmpty()) {
            view.table("Left out", excludedTable(excluded));
        }
        view.explain("Which models, and how big", text.familiesSentence(!options.containsKey("families")
                || options.get("families").toLowerCase(Locale.ROOT).contains("baseline")));
        view.explain("What counts as better", text.metricsSentence() + " " + text.gapSentence() + " "
                + text.transformSentence());
        view.explain("The test set is locked", text.testLockSentence(splits.test().length));

        JsonObject decision = contract.toJson();
        JsonObject source = new JsonObject();
        source.addProperty("file", data.source().toString());
        source.addProperty("sha256", data.sha256());
        source.addProperty("rows_with_target", rows.rowCount());
        decision.add("data", source);
        Sealed sealed = workspace.seal(Stage.HYPOTHESIS, decision, clock.instant(), splits.files());
        String hash = sealed.sha256().substring(0, 12);
        view.explain("Sealed", "The contract is sealed in " + workspace.artifact(Stage.HYPOTHESIS) + " with SHA-256 "
                + sealed.sha256() + ", and the three row lists in " + workspace.folder().resolve("splits")
                + "; later stages refuse to run if any of them changes.");
        sealed.staleNotice().ifPresent(notice -> view.explain("Later stages are stale", notice));
        String next = sealed.stale().isEmpty() ? "%design_experiments" : sealed.stale().get(0).magic();
        if (splits.validation().length < FEW_VALIDATION_ROWS) {
            return new StageOutcome(Status.DONE_WITH_CONCERNS, "The hypothesis is sealed (" + hash + "), but the "
                    + "validation split has only " + splits.validation().length + " rows, so scores will move a lot by "
                    + "chance; treat small differences with care and run " + next + " next.");
        }
        return new StageOutcome(Status.DONE, "The hypothesis is sealed (" + hash + "): a " + split.label() + " split of "
                + rows.rowCount() + " rows, judged by " + primary.label() + " (" + primary.direction()
                + " is better); run " + next + " next.");
    }

    /** The data file as the data check read it, or a refusal when it moved or changed since. */
    private static Dataset sameData(JsonObject check) {
        Path file = Path.of(check.get("source").getAsString());
        String sealed = check.get("source_sha256").getAsString();
        Dataset data;
        try {
            data = DataLoader.create().load(file);
        } catch (DataProblem e) {
            throw new DataProblem("The data file the data check read can no longer be read (" + e.getMessage()
                    + "); put it back or run %data_check again on the data you have now.");
        }
        if (!data.sha256().equals(sealed)) {
            throw new DataProblem("The data file " + file + " has changed since the data check sealed it (SHA-256 was "
                    + sealed + ", now " + data.sha256() + "); run %data_check again on the file as it is now.");
        }
        return data;
    }

    private SplitStrategy split(JsonObject check, String task) {
        if (options.containsKey("split")) {
            SplitStrategy s = SplitStrategy.byLabel(options.get("split"));
            if (s == SplitStrategy.STRATIFIED && !task.equals("classification")) {
                throw new IllegalArgumentException("A stratified split keeps each class's share, but this target is a "
                        + "number (regression); use --split random, group or time.");
            }
            return s;
        }
        if (check.has("time")) {
            return SplitStrategy.TIME;
        }
        return task.equals("classification") && imbalanced(check) ? SplitStrategy.STRATIFIED : SplitStrategy.RANDOM;
    }

    static boolean imbalanced(JsonObject check) {
        for (JsonElement f : check.getAsJsonArray("findings")) {
            if (f.getAsJsonObject().get("code").getAsString().startsWith("TARGET_IMBALANCE")) {
                return true;
            }
        }
        return false;
    }

    private String groupColumn(SplitStrategy split, Dataset data) {
        String group = options.get("group");
        if (split != SplitStrategy.GROUP) {
            if (group != null) {
                throw new IllegalArgumentException("--group " + group + " only applies to a group split, but the split is "
                        + split.label() + "; add --split group or remove --group.");
            }
            return null;
        }
        if (group == null) {
            throw new IllegalArgumentException("A group split needs the column whose rows belong together; name it with "
                    + "--group COL (for example --group patient_id).");
        }
        data.column(group, "--group");
        return group;
    }

    private String timeColumn(SplitStrategy split, JsonObject check, Dataset data) {
        String time = options.get("time");
        if (split != SplitStrategy.TIME) {
            if (time != null) {
                throw new IllegalArgumentException("--time " + time + " only applies to a time split, but the split is "
                        + split.label() + "; add --split time or remove --time.");
            }
            return null;
        }
        if (time == null) {
            time = check.has("time") ? check.get("time").getAsString() : null;
        }
        if (time == null) {
            throw new IllegalArgumentException("A time split needs the column that orders the rows; name a date column "
                    + "with --time COL, or use another split.");
        }
        data.column(time, "--time");
        return time;
    }

    /**
     * The whitelist: the data check's features without identifiers, leaky columns and the columns the split uses,
     * or exactly the columns given; {@code excluded} receives every column left out and why.
     */
    private List<String> features(JsonObject check, Dataset data, String target, String group, String time,
                                  Map<String, String> excluded) {
        if (options.containsKey("features") && options.containsKey("exclude")) {
            throw new IllegalArgumentException("%hypothesize was given both features (the whole list) and exclude "
                    + "(columns to leave out), which contradict each other; give one of them.");
        }
        List<String> checked = texts(check, "features");
        Map<String, String> reasons = new LinkedHashMap<>();
        for (String column : data.table().columnNames()) {
            if (column.equals(target)) {
                continue;
            }
            if (!checked.contains(column)) {
                reasons.put(column, check.has("id") && check.get("id").getAsString().equals(column)
                        ? "it is the --id column: it names rows and predicts nothing"
                        : "the data check's recipe drops it");
            }
        }
        for (JsonElement e : check.getAsJsonArray("findings")) {
            JsonObject f = e.getAsJsonObject();
            String code = f.get("code").getAsString();
            for (JsonElement c : f.getAsJsonArray("columns")) {
                String column = c.getAsString();
                if (!checked.contains(column) || column.equals(target)) {
                    continue;
                }
                if (code.equals("LIKELY_IDENTIFIER")) {
                    reasons.putIfAbsent(column, "it has a different value in every row, like a name or number tag, "
                            + "so a model would memorise rows instead of learning");
                } else if (code.startsWith("LEAKAGE")) {
                    reasons.putIfAbsent(column, "it gives the answer away (leakage), so a model using it would "
                            + "look far better than it is");
                }
            }
        }
        if (time != null) {
            reasons.putIfAbsent(time, "it orders the split; a model reading it would learn the calendar, not the pattern");
        }
        if (group != null) {
            reasons.putIfAbsent(group, "it keeps groups apart in the split; as a feature the model could memorise groups");
        }
        List<String> features;
        if (options.containsKey("features")) {
            features = columnList("features", data);
            for (String f : features) {
                if (f.equals(target)) {
                    throw new IllegalArgumentException("features lists the target " + target + " itself; a model may not "
                            + "read the answer it predicts, so remove it from the list.");
                }
                if (!checked.contains(f)) {
                    throw new IllegalArgumentException("features lists " + f + ", which the sealed data check does not "
                            + "keep (" + reasons.getOrDefault(f, "it is not among its features")
                            + "); remove it, or change the recipe with %data_check --column " + f + "=keep.");
                }
            }
            for (String c : data.table().columnNames()) {
                if (!c.equals(target) && !features.contains(c)) {
                    excluded.put(c, reasons.getOrDefault(c, "you left it out of features"));
                }
            }
        } else {
            List<String> leftOut = options.containsKey("exclude") ? columnList("exclude", data) : List.of();
            features = new ArrayList<>();
            for (String c : checked) {
                if (leftOut.contains(c)) {
                    reasons.putIfAbsent(c, "you excluded it");
                } else if (!reasons.containsKey(c)) {
                    features.add(c);
                }
            }
            for (String c : data.table().columnNames()) {
                if (reasons.containsKey(c)) {
                    excluded.put(c, leftOut.contains(c) ? "you excluded it" : reasons.get(c));
                }
            }
        }
        if (features.isEmpty()) {
            throw new IllegalArgumentException("No feature is left for a model to learn from; list some with --features "
                    + "or exclude fewer columns.");
        }
        return List.copyOf(features);
    }

    /** A comma-separated option of column names; unknown names are refused with the closest ones. */
    private List<String> columnList(String key, Dataset data) {
        List<String> names = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String part : options.get(key).split(",")) {
            String name = part.strip();
            if (name.isEmpty()) {
                continue;
            }
            if (!data.table().columnNames().contains(name)) {
                unknown.add(name);
            } else if (!names.contains(name)) {
                names.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            String first = unknown.get(0);
            throw new IllegalArgumentException(key + " names " + String.join(", ", unknown) + ", which "
                    + (unknown.size() == 1 ? "is not a column" : "are not columns") + " of " + data.name()
                    + "; the closest to " + first + " are " + String.join(", ", Names.closest(first, data.table().columnNames(), 3))
                    + " (check spelling and case).");
        }
        return names;
    }

    private String transform(JsonObject check) {
        String locked = check.get("target_transform").getAsString();
        String asked = options.getOrDefault("target-transform", locked).toLowerCase(Locale.ROOT);
        if (!asked.equals("none") && !asked.equals("log")) {
            throw new IllegalArgumentException("target-transform " + asked + " is not a transform; use none or log.");
        }
        if (!asked.equals(locked)) {
            throw new IllegalArgumentException(locked.equals("log")
                    ? "The data check locked a log transform of the target because it is lopsided, so a hypothesis on "
                    + "the raw target is refused: scores on the raw scale would be dominated by a few large values; "
                    + "remove target-transform, or run %data_check again with --column " + check.get("target").getAsString()
                    + "=keep to lock the raw target."
                    : "The data check locked the target as it is (no transform), so a log transform cannot be added here; "
                    + "run %data_check again with --column " + check.get("target").getAsString()
                    + "=log_transform_target to lock it there.");
        }
        return locked;
    }

    private List<Family> families() {
        if (!options.containsKey("families")) {
            return List.of(Family.values());
        }
        Set<Family> chosen = new LinkedHashSet<>();
        chosen.add(Family.BASELINE); // every plan starts from the baseline, so it is always allowed
        for (String part : options.get("families").split(",")) {
            if (!part.isBlank()) {
                chosen.add(Family.byLabel(part.strip()));
            }
        }
        if (chosen.size() == 1) {
            throw new IllegalArgumentException("families allows only the baseline, which learns nothing from the features; "
                    + "add at least one model family, such as linear or random_forest.");
        }
        return List.copyOf(chosen);
    }

    private Metric primary(String task, int classes) {
        if (!options.containsKey("metric")) {
            return task.equals("regression") ? Metric.RMSE : classes == 2 ? Metric.AUC : Metric.ACCURACY;
        }
        Metric m = Metric.byLabel(options.get("metric"));
        requireFits(m, task, classes);
        return m;
    }

    private List<Metric> secondary(String task, int classes, Metric primary) {
        List<Metric> chosen = new ArrayList<>();
        if (options.containsKey("secondary")) {
            for (String part : options.get("secondary").split(",")) {
                if (!part.isBlank()) {
                    Metric m = Metric.byLabel(part.strip());
                    requireFits(m, task, classes);
                    if (m != primary && !chosen.contains(m)) {
                        chosen.add(m);
                    }
                }
            }
            return List.copyOf(chosen);
        }
        List<Metric> defaults = task.equals("regression") ? List.of(Metric.RMSE, Metric.MAE, Metric.R2)
                : List.of(Metric.AUC, Metric.ACCURACY, Metric.F1, Metric.LOG_LOSS);
        for (Metric m : defaults) {
            if (m != primary && (m != Metric.AUC || classes == 2)) {
                chosen.add(m);
            }
        }
        return List.copyOf(chosen);
    }

    private static void requireFits(Metric m, String task, int classes) {
        if (!m.fits(task)) {
            throw new IllegalArgumentException("The metric " + m.label() + " does not fit a " + task + "; use one of "
                    + String.join(", ", java.util.Arrays.stream(Metric.values()).filter(x -> x.fits(task))
                    .map(Metric::label).toList()) + ".");
        }
        if (m == Metric.AUC && classes != 2) {
            throw new IllegalArgumentException("AUC compares two classes, but this target has " + classes
                    + "; use accuracy or f1.");
        }
    }

    private long whole(String key, long fallback, long minimum) {
        if (!options.containsKey(key)) {
            return fallback;
        }
        try {
            long v = Long.parseLong(options.get(key).replace("_", ""));
            if (v < minimum) {
                throw new IllegalArgumentException(key + " " + v + " is too small; give a whole number of at least "
                        + minimum + ".");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " " + options.get(key) + " is not a whole number; give one such as "
                    + fallback + ".", e);
        }
    }

    /** A share such as 0.1 (10%); zero allowed only where {@code zeroAllowed}. */
    private double share(String key, double fallback, boolean zeroAllowed) {
        if (!options.containsKey(key)) {
            return fallback;
        }
        double v;
        try {
            v = Double.parseDouble(options.get(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " " + options.get(key) + " is not a number; give a share such as "
                    + fallback + " (" + Numbers.percent(fallback) + ").", e);
        }
        if (!(v < 1) || v < 0 || (v == 0 && !zeroAllowed)) {
            throw new IllegalArgumentException(key + " " + options.get(key) + " is not a share between 0 and 1; give one "
                    + "such as " + fallback + " (" + Numbers.percent(fallback) + ").");
        }
        return v;
    }

    private static List<String> texts(JsonObject o, String key) {
        List<String> out = new ArrayList<>();
        o.getAsJsonArray(key).forEach(e -> out.add(e.getAsString()));
        return out;
    }

    private static Table balanceTable(SplitBalance balance) {
        StringColumn split = StringColumn.create("split");
        StringColumn rows = StringColumn.create("rows");
        StringColumn summary = StringColumn.create("what is in it");
        for (SplitBalance.Row r : balance.rows()) {
            split.append(r.split());
            rows.append(String.valueOf(r.rows()));
            summary.append(r.summary());
        }
        return Table.create("Splits", split, rows, summary);
    }

    private static Table excludedTable(Map<String, String> excluded) {
        StringColumn column = StringColumn.create("column");
        StringColumn why = StringColumn.create("why it is left out");
        excluded.forEach((c, reason) -> {
            column.append(c);
            why.append(reason);
        });
        return Table.create("Left out", column, why);
    }
}
