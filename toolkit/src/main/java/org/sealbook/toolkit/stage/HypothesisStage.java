package org.sealbook.toolkit.stage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.sealbook.toolkit.data.DataCheckResult;
import org.sealbook.toolkit.data.DataLoader;
import org.sealbook.toolkit.data.DataProblem;
import org.sealbook.toolkit.data.Dataset;
import org.sealbook.toolkit.explain.Explainer;
import org.sealbook.toolkit.hypothesis.Contract;
import org.sealbook.toolkit.hypothesis.Family;
import org.sealbook.toolkit.hypothesis.Hypothesis;
import org.sealbook.toolkit.hypothesis.Metric;
import org.sealbook.toolkit.hypothesis.Ratios;
import org.sealbook.toolkit.hypothesis.SplitBalance;
import org.sealbook.toolkit.hypothesis.SplitStrategy;
import org.sealbook.toolkit.hypothesis.Splits;
import org.sealbook.toolkit.hypothesis.Splitter;
import org.sealbook.toolkit.pipeline.FrontEnd;
import org.sealbook.toolkit.pipeline.Option;
import org.sealbook.toolkit.pipeline.Options;
import org.sealbook.toolkit.pipeline.Result;
import org.sealbook.toolkit.pipeline.Stage;
import org.sealbook.toolkit.pipeline.StageOutcome;
import org.sealbook.toolkit.pipeline.StageProblem;
import org.sealbook.toolkit.pipeline.StageRun;
import org.sealbook.toolkit.pipeline.StageSpec;
import org.sealbook.toolkit.pipeline.Status;
import org.sealbook.toolkit.view.View;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The second stage: turns what the data check found into a contract (what would convince us, and how it will be
 * tested fairly), materialises the splits and seals both on the data-check seal. Every choice has a default taken
 * from the data check, and each can be given as an option.
 * Usage: {@code session.run("hypothesize", List.of("--split", "time"), null, view)}.
 */
public final class HypothesisStage implements Stage {
    public static final Option<SplitStrategy> SPLIT = Option.choice("split", List.of(SplitStrategy.values()),
            SplitStrategy::label, null, "how rows are dealt into training, validation and test")
            .defaultText("stratified for unbalanced classes, time when the data check has --time, else random");
    public static final Option<String> GROUP = Option.text("group", "COL",
            "with a group split, the column whose rows stay together in one split");
    public static final Option<String> TIME = Option.text("time", "COL",
            "with a time split, the column that orders the rows").defaultText("the data check's --time");
    public static final Option<Ratios> RATIOS = Option.parsed("ratios", "T/V/T", "three shares",
            (w, t) -> Ratios.parse(t), "the training, validation and test shares").withDefault(Ratios.DEFAULT,
            Ratios.DEFAULT.toString());
    public static final Option<Long> SEED = Option.whole("seed", 42, Long.MIN_VALUE,
            "the seed of every random choice, so a rerun gives the same splits");
    public static final Option<List<String>> FEATURES = Option.list("features", "A,B,C",
            "exactly the columns a model may use").defaultText("the data check's features, less identifiers and leaks");
    public static final Option<List<String>> EXCLUDE = Option.list("exclude", "A,B", "columns to leave out");
    public static final Option<List<String>> FAMILIES = Option.list("families", "F,G",
            "the model families allowed (the baseline always is)").defaultText("all");
    public static final Option<Long> MAX_PARAMETERS = Option.whole("max-parameters", 100_000, 1,
            "the most weights a neural network may have");
    public static final Option<Long> MAX_TREES_TIMES_DEPTH = Option.whole("max-trees-times-depth", 5_000, 1,
            "the most trees times depth a forest or boosted model may have");
    public static final Option<Double> MAX_GAP = Option.share("max-gap", 0.10, false,
            "the largest gap allowed between training and validation score");
    public static final Option<Metric> METRIC = Option.choice("metric", List.of(Metric.values()), Metric::label, null,
            "the metric that judges every model").defaultText("auc for two classes, accuracy for more, rmse for a number");
    public static final Option<List<String>> SECONDARY = Option.list("secondary", "M,N",
            "metrics reported beside the main one").defaultText("the usual ones for the task");
    public static final Option<Double> MIN_IMPROVEMENT = Option.share("min-improvement", 0.01, true,
            "the smallest gain over the baseline that counts");
    public static final Option<String> TARGET_TRANSFORM = Option.choice("target-transform", List.of("none", "log"),
            s -> s, null, "the target's transform; it must match the one the data check locked")
            .defaultText("the data check's");

    /** Fewer validation rows than this make every score noisy: the stage says so. */
    static final int FEW_VALIDATION_ROWS = 30;

    private static final StageSpec SPEC = StageSpec.named("hypothesize", "Write down how models will be judged and "
                    + "split the rows, sealed on the data check").reads(DataCheckResult.ARTIFACT).seals(Hypothesis.ARTIFACT)
            .options(SPLIT, GROUP, TIME, RATIOS, SEED, FEATURES, EXCLUDE, FAMILIES, MAX_PARAMETERS,
                    MAX_TREES_TIMES_DEPTH, MAX_GAP, METRIC, SECONDARY, MIN_IMPROVEMENT, TARGET_TRANSFORM)
            .withBody();

    @Override
    public StageSpec spec() {
        return SPEC;
    }

    @Override
    public Result run(StageRun run) {
        Options options = run.options();
        FrontEnd names = run.names();
        View view = run.view();
        Explainer explainer = run.explainer();
        DataCheckResult check = run.input(DataCheckResult.ARTIFACT);
        String task = check.task().label();
        String target = check.target();
        Dataset data = sameData(check, names);
        Table rows = data.table().where(data.table().column(target).isNotMissing());
        Set<String> classes = new LinkedHashSet<>(rows.column(target).asStringColumn().asList());

        SplitStrategy split = split(options, check, names);
        String group = groupColumn(options, split, data, names);
        String time = timeColumn(options, split, check, data, names);
        FeatureChoice chosen = FeatureChoice.of(check, data, group, time, options.has(FEATURES)
                ? options.get(FEATURES) : null, options.has(EXCLUDE) ? options.get(EXCLUDE) : null, names);
        Metric primary = primary(options, task, classes.size());
        Splits splits = Splitter.split(rows, target, task, split, group, time, options.get(RATIOS), options.get(SEED));
        splits.requireDisjointAndComplete(rows.rowCount());
        Contract contract = new Contract(task, target, transform(options, check, names), split, group, time,
                options.get(RATIOS), options.get(SEED), chosen.features(), chosen.excluded(), families(options),
                options.get(MAX_PARAMETERS), options.get(MAX_TREES_TIMES_DEPTH), options.get(MAX_GAP), primary,
                secondary(options, task, classes.size(), primary), options.get(MIN_IMPROVEMENT), splits.describe());

        HypothesisText text = new HypothesisText(contract, explainer, names);
        view.explain("What I did", "I read the sealed data check (" + target + ", a " + task + ") and " + data.source()
                + " again, and checked it is the file the data check read (same SHA-256). Then I wrote down how "
                + "models will be compared: " + text.splitSentence(rows.rowCount(), splits) + " " + text.seedSentence());
        view.explain("Why this split", text.splitReason(check, classes.size()));
        SplitBalance balance = SplitBalance.of(rows, target, task, splits);
        List<SplitBalance.Absence> absent = balance.absentClasses();
        view.table("Splits", balanceTable(balance, absent));
        if (!absent.isEmpty()) {
            view.explain("A class is missing from a split", absent.stream().map(text::absentClassSentence)
                    .collect(Collectors.joining(" ")));
        }
        view.explain("What the model may use", text.featuresSentence());
        if (!chosen.excluded().isEmpty()) {
            view.table("Left out", excludedTable(chosen));
        }
        view.explain("Which models, and how big", text.familiesSentence(!options.has(FAMILIES)
                || options.get(FAMILIES).stream().anyMatch(f -> f.equalsIgnoreCase("baseline"))));
        view.explain("What counts as better", text.metricsSentence() + " " + text.gapSentence() + " "
                + text.transformSentence());
        view.explain("The test set is locked", text.testLockSentence(splits.test().length));

        Hypothesis hypothesis = new Hypothesis(contract, data.source().toString(), data.sha256(), rows.rowCount());
        return Result.seal(hypothesis).attach(splits.files())
                .said(s -> "The contract is sealed in " + s.file() + " with SHA-256 " + s.sha256()
                        + ", and the three row lists in " + run.workspace().folder().resolve("splits")
                        + "; later stages refuse to run if any of them changes.")
                .then(s -> {
                    String next = s.next("design_experiments");
                    List<String> concerns = new ArrayList<>();
                    if (splits.validation().length < FEW_VALIDATION_ROWS) {
                        concerns.add("the validation split has only " + splits.validation().length
                                + " rows, so scores will move a lot by chance (treat small differences with care)");
                    }
                    absent.forEach(a -> concerns.add("the class " + a.label() + " has no rows in the "
                            + String.join(" or ", a.missingFrom()) + " split, so "
                            + (a.missingFrom().contains("train") ? "the model cannot learn it"
                            : "no score there says how the model does on it")));
                    if (!concerns.isEmpty()) {
                        return new StageOutcome(Status.DONE_WITH_CONCERNS, "The hypothesis is sealed ("
                                + s.shortHash() + "), but " + (concerns.size() == 1 ? "" : "with "
                                + concerns.size() + " concerns: ") + String.join("; ", concerns) + "; read "
                                + (concerns.size() == 1 ? "it" : "them") + " above, then run " + next + ".");
                    }
                    return new StageOutcome(Status.DONE, "The hypothesis is sealed (" + s.shortHash() + "): a "
                            + split.label() + " split of " + rows.rowCount() + " rows, judged by " + primary.label()
                            + " (" + primary.direction() + " is better); run " + next + " next.");
                });
    }

    /** The data file as the data check read it, or a refusal when it moved or changed since. */
    private static Dataset sameData(DataCheckResult check, FrontEnd names) {
        Path file = Path.of(check.source());
        Dataset data;
        try {
            data = DataLoader.create().load(file);
        } catch (DataProblem e) {
            throw StageProblem.blocked("The data file the data check read can no longer be read (" + e.getMessage()
                    + "); put it back or run " + names.stage("data_check") + " again on the data you have now.", e);
        }
        if (!data.sha256().equals(check.sourceSha256())) {
            throw StageProblem.blocked("The data file " + file + " has changed since the data check sealed it (SHA-256 "
                    + "was " + check.sourceSha256() + ", now " + data.sha256() + "); run " + names.stage("data_check")
                    + " again on the file as it is now.");
        }
        return data;
    }

    private static SplitStrategy split(Options options, DataCheckResult check, FrontEnd names) {
        boolean classification = check.task() == org.sealbook.toolkit.data.Task.CLASSIFICATION;
        if (options.has(SPLIT)) {
            SplitStrategy s = options.get(SPLIT);
            if (s == SplitStrategy.STRATIFIED && !classification) {
                throw StageProblem.blocked("A stratified split keeps each class's share, but this target is a number "
                        + "(regression); use " + names.option("split") + " random, group or time.");
            }
            return s;
        }
        if (check.time() != null) {
            return SplitStrategy.TIME;
        }
        return classification && imbalanced(check) ? SplitStrategy.STRATIFIED : SplitStrategy.RANDOM;
    }

    static boolean imbalanced(DataCheckResult check) {
        return check.findings().stream().anyMatch(f -> f.code().startsWith("TARGET_IMBALANCE"));
    }

    private static String groupColumn(Options options, SplitStrategy split, Dataset data, FrontEnd names) {
        String group = options.get(GROUP);
        if (split != SplitStrategy.GROUP) {
            if (group != null) {
                throw StageProblem.blocked(names.option("group", group) + " only applies to a group split, but the "
                        + "split is " + split.label() + "; add " + names.option("split", "group") + " or remove "
                        + names.option("group") + ".");
            }
            return null;
        }
        if (group == null) {
            throw StageProblem.needsContext("A group split needs the column whose rows belong together; name it with "
                    + names.option("group", "COL") + " (for example " + names.option("group", "patient_id") + ").");
        }
        data.column(group, "--group");
        return group;
    }

    private static String timeColumn(Options options, SplitStrategy split, DataCheckResult check, Dataset data,
                                     FrontEnd names) {
        String time = options.get(TIME);
        if (split != SplitStrategy.TIME) {
            if (time != null) {
                throw StageProblem.blocked(names.option("time", time) + " only applies to a time split, but the split "
                        + "is " + split.label() + "; add " + names.option("split", "time") + " or remove "
                        + names.option("time") + ".");
            }
            return null;
        }
        if (time == null) {
            time = check.time();
        }
        if (time == null) {
            throw StageProblem.needsContext("A time split needs the column that orders the rows; name a date column "
                    + "with " + names.option("time", "COL") + ", or use another split.");
        }
        data.column(time, "--time");
        return time;
    }

    private static String transform(Options options, DataCheckResult check, FrontEnd names) {
        String locked = check.targetTransform();
        String asked = options.has(TARGET_TRANSFORM) ? options.get(TARGET_TRANSFORM) : locked;
        if (!asked.equals(locked)) {
            throw StageProblem.blocked(locked.equals("log")
                    ? "The data check locked a log transform of the target because it is lopsided, so a hypothesis on "
                    + "the raw target is refused: scores on the raw scale would be dominated by a few large values; "
                    + "remove " + names.option("target-transform") + ", or run " + names.call("data_check", "PATH",
                    "--target", check.target(), "--column", check.target() + "=keep") + " to lock the raw target."
                    : "The data check locked the target as it is (no transform), so a log transform cannot be added "
                    + "here; run " + names.call("data_check", "PATH", "--target", check.target(), "--column",
                    check.target() + "=log_transform_target") + " to lock it there.");
        }
        return locked;
    }

    private static List<Family> families(Options options) {
        if (!options.has(FAMILIES)) {
            return List.of(Family.values());
        }
        Set<Family> chosen = new LinkedHashSet<>();
        chosen.add(Family.BASELINE); // every plan starts from the baseline, so it is always allowed
        options.get(FAMILIES).forEach(f -> chosen.add(Family.byLabel(f)));
        if (chosen.size() == 1) {
            throw StageProblem.blocked("families allows only the baseline, which learns nothing from the features; "
                    + "add at least one model family, such as linear or random_forest.");
        }
        return List.copyOf(chosen);
    }

    private static Metric primary(Options options, String task, int classes) {
        if (!options.has(METRIC)) {
            return task.equals("regression") ? Metric.RMSE : classes == 2 ? Metric.AUC : Metric.ACCURACY;
        }
        Metric m = options.get(METRIC);
        requireFits(m, task, classes);
        return m;
    }

    private static List<Metric> secondary(Options options, String task, int classes, Metric primary) {
        List<Metric> chosen = new ArrayList<>();
        if (options.has(SECONDARY)) {
            for (String part : options.get(SECONDARY)) {
                Metric m = Metric.byLabel(part);
                requireFits(m, task, classes);
                if (m != primary && !chosen.contains(m)) {
                    chosen.add(m);
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
            throw StageProblem.blocked("The metric " + m.label() + " does not fit a " + task + "; use one of "
                    + String.join(", ", java.util.Arrays.stream(Metric.values()).filter(x -> x.fits(task))
                    .map(Metric::label).toList()) + ".");
        }
        if (m == Metric.AUC && classes != 2) {
            throw StageProblem.blocked("AUC compares two classes, but this target has " + classes
                    + "; use accuracy or f1.");
        }
    }

    private static Table balanceTable(SplitBalance balance, List<SplitBalance.Absence> absentClasses) {
        StringColumn split = StringColumn.create("split");
        StringColumn rows = StringColumn.create("rows");
        StringColumn summary = StringColumn.create("what is in it");
        StringColumn missing = StringColumn.create("classes with no rows here");
        for (SplitBalance.Row r : balance.rows()) {
            split.append(r.split());
            rows.append(String.valueOf(r.rows()));
            summary.append(r.summary());
            List<String> absent = absentClasses.stream().filter(a -> a.missingFrom().contains(r.split()))
                    .map(SplitBalance.Absence::label).toList();
            missing.append(absent.isEmpty() ? "-" : "MISSING: " + String.join(", ", absent));
        }
        // the marker column appears only when a class is missing somewhere, so it stands out when it does
        return absentClasses.isEmpty() ? Table.create("Splits", split, rows, summary)
                : Table.create("Splits", split, rows, summary, missing);
    }

    private static Table excludedTable(FeatureChoice chosen) {
        StringColumn column = StringColumn.create("column");
        StringColumn why = StringColumn.create("why it is left out");
        chosen.excluded().forEach((c, reason) -> {
            column.append(c);
            why.append(reason);
        });
        return Table.create("Left out", column, why);
    }
}
