package org.sealbook.toolkit.stage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.sealbook.toolkit.data.DataCheckResult;
import org.sealbook.toolkit.explain.Explainer;
import org.sealbook.toolkit.explain.Names;
import org.sealbook.toolkit.hypothesis.Contract;
import org.sealbook.toolkit.hypothesis.Family;
import org.sealbook.toolkit.hypothesis.Hypothesis;
import org.sealbook.toolkit.models.Models;
import org.sealbook.toolkit.pipeline.FrontEnd;
import org.sealbook.toolkit.pipeline.Option;
import org.sealbook.toolkit.pipeline.Options;
import org.sealbook.toolkit.pipeline.Result;
import org.sealbook.toolkit.pipeline.Stage;
import org.sealbook.toolkit.pipeline.StageProblem;
import org.sealbook.toolkit.pipeline.StageRun;
import org.sealbook.toolkit.pipeline.StageSpec;
import org.sealbook.toolkit.plan.Budget;
import org.sealbook.toolkit.plan.Experiment;
import org.sealbook.toolkit.plan.Plan;
import org.sealbook.toolkit.prepare.TrainingData;
import org.sealbook.toolkit.runs.Batch;
import org.sealbook.toolkit.runs.RunProgress;
import org.sealbook.toolkit.session.Session;
import org.sealbook.toolkit.sweep.Range;
import org.sealbook.toolkit.sweep.Sampler;
import org.sealbook.toolkit.sweep.SearchSpace;
import org.sealbook.toolkit.sweep.Sweep;
import org.sealbook.toolkit.sweep.SweepResult;
import org.sealbook.toolkit.sweep.SweepSpec;
import org.sealbook.toolkit.view.Progress;
import org.sealbook.toolkit.view.View;

/**
 * A stage after the hypothesis: searches one model family's settings by training many short runs (trials) in the
 * background, as {@code %train} trains a plan. {@code %%sweep} with {@code name: value} lines seals what it searches
 * on the hypothesis, then starts; {@code %sweep status}, {@code %sweep stop}, {@code %sweep --wait} are the session's
 * ({@code session.run("sweep", List.of("--wait"), body, view)}). When the sweep ends it shows the best trials, how
 * much each setting mattered and the score against the compute spent, and seals its results.
 */
public final class SweepStage implements Stage {
    /** What {@code %sweep} does: start a sweep, show where its trials stand, or stop it. */
    public enum Action {
        START, STATUS, STOP;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static final List<String> STRATEGIES = List.of("grid", "random", "bayesian");

    public static final Option<Action> ACTION = Option.choice("action", List.of(Action.values()), Action::label,
            Action.START, "start the sweep, show where its trials stand (status), or stop it (stop)").positional();
    public static final Option<String> TRIAL = Option.text("trial", "TRIAL",
            "with stop, the one trial to stop (the sweep goes on)").positional();
    public static final Option<Boolean> WAIT = Option.flag("wait",
            "wait for the sweep (starting it if none ran in this session); JShell always waits");
    public static final Option<Family> FAMILY = Option.choice("family", Arrays.stream(Family.values())
                    .filter(f -> f != Family.BASELINE).toList(), Family::label, null,
            "the model family every trial trains").defaultText("none: name one");
    public static final Option<String> STRATEGY = Option.choice("strategy", STRATEGIES, s -> s, "random",
            "how trials are chosen: every combination (grid), at random, or guided by the trials so far (bayesian)");
    public static final Option<Long> TRIALS = Option.whole("trials", 20, 1, "the most trials to train");
    public static final Option<Double> MAX_MINUTES = Option.positive("max-minutes", 10,
            "the time budget in minutes; no trial starts in its last tenth");
    public static final Option<String> EARLY_STOPPING = Option.choice("early-stopping", List.of("none", "asha"),
            s -> s, "none", "stop weak trials early at rungs (asha: successive halving), or never (none)");
    public static final Option<Long> ETA = Option.whole("eta", 3, 2,
            "with asha, a trial goes on at a rung only when it is in the best 1/eta there");
    public static final Option<Long> MIN_STEPS = Option.whole("min-steps", 1, 1,
            "with asha, the first rung, in the family's steps (trees, epochs)");
    public static final Option<Long> SEED = Option.whole("seed", 0, 0, "the seed of the search")
            .defaultText("the hypothesis's seed");
    public static final Option<Long> CONCURRENCY = Option.whole("concurrency", Budget.DEFAULT.concurrency(), 1,
            "how many trials train at a time");
    public static final Option<Long> PATIENCE = Option.whole("patience", 0, 0,
            "stop after this many trials in a row bring no better score (0: never)");
    public static final Option<String> SETTING = Option.parsed("setting", "VALUE", "a value or a range",
            (w, t) -> t, "a model setting: one value (fixed), or a range to search: a, b, c; range(lo, hi); "
                    + "log(lo, hi); int(lo, hi)").namedLike("[A-Za-z][A-Za-z0-9_]*");

    private static final StageSpec SPEC = StageSpec.named("sweep",
                    "Search a model family's settings with many short trials in the background")
            .reads(Hypothesis.ARTIFACT).seals(SweepResult.ARTIFACT)
            .options(ACTION, TRIAL, WAIT, FAMILY, STRATEGY, TRIALS, MAX_MINUTES, EARLY_STOPPING, ETA, MIN_STEPS, SEED,
                    CONCURRENCY, PATIENCE, SETTING).withBody();

    private final Batch.ModelFactory models;

    /** Sweeps with the model families of {@link Models}. */
    public SweepStage() {
        this(Models::create);
    }

    /** Sweeps with other models, e.g. a test's models that fail on purpose. */
    public SweepStage(Batch.ModelFactory models) {
        this.models = models;
    }

    @Override
    public StageSpec spec() {
        return SPEC;
    }

    @Override
    public void ready(Session session) {
        session.batch().filter(b -> !b.isFinished()).ifPresent(b -> {
            throw StageProblem.blocked("Batch " + b.id() + " is still training, so a sweep cannot start; wait for it "
                    + "with " + session.names().call("train", "--wait") + " or stop it with "
                    + session.names().call("train", "stop") + ".");
        });
    }

    /** Checks and seals what the sweep searches, then starts it in the background. */
    @Override
    public Result run(StageRun run) {
        View view = run.view();
        FrontEnd names = run.names();
        Hypothesis hypothesis = run.input(Hypothesis.ARTIFACT);
        SweepSpec spec = spec(run.options(), hypothesis.contract(), names);
        // everything that can refuse is checked before the seal: a refused sweep leaves nothing written
        Sampler.of(spec.strategy(), spec.space(), spec.seed());
        Plan trialsPlan = new Plan(spec.id(), List.of(), new Budget(spec.trials(), spec.maxMinutes(),
                spec.concurrency())); // the rows are prepared as for a plan; a sweep's trials are proposed as it goes
        TrainingData data = TrainingData.load(run.workspace(), run.input(DataCheckResult.ARTIFACT), hypothesis,
                trialsPlan);
        run.workspace().seal(SweepSpec.ARTIFACT, spec, run.now(), Map.of(), names);
        Explainer explainer = run.explainer();
        view.explain("What I am doing", SweepText.plan(spec, data, explainer, names));
        Map<String, Progress> bars = new ConcurrentHashMap<>();
        Consumer<Result> later = run.later();
        Sweep.Listener listener = new Sweep.Listener() {
            @Override
            public void progress(RunProgress progress) {
                Progress bar = bars.computeIfAbsent(progress.id(),
                        id -> view.progress(id + " " + progress.family(), TrainStage.PROGRESS_STEPS));
                TrainStage.show(bar, progress, data.contract().primary());
                view.progress(progress);
            }

            @Override
            public void warning(String trial, String sentence) {
                view.explain("Warning: " + trial, sentence);
                view.warning(trial, sentence);
            }

            @Override
            public void sweepEnded(Sweep sweep, SweepResult result) {
                try {
                    SweepText.summary(view, sweep, explainer, names);
                } catch (RuntimeException failed) {
                    // the summary is words and figures: the results are still sealed, and whoever waits still hears
                    System.getLogger(SweepStage.class.getName()).log(System.Logger.Level.ERROR,
                            "The summary of sweep " + sweep.id() + " failed", failed);
                    view.explain("Warning", "The sweep's summary could not be drawn (" + failed.getMessage()
                            + "); its results are in its ledger and are sealed below.");
                }
                if (result == null) {
                    later.accept(Result.end(SweepText.blocked(sweep, names)));
                    return;
                }
                Map<String, byte[]> files = new LinkedHashMap<>(result.training().resultFiles(run.workspace().folder()));
                files.put(result.ledger(), SweepText.read(sweep.ledgerFile()));
                later.accept(Result.seal(result).attach(files)
                        .said(s -> "The sweep's results are sealed in " + s.file() + " with SHA-256 " + s.sha256()
                                + ": its ledger and each trial's result and final model by their hashes.")
                        .then(s -> SweepText.outcome(sweep, result, names)));
            }
        };
        run.session().adopt(Sweep.start(run.workspace(), spec, data, models, listener, names));
        return Result.pending();
    }

    /** The sweep's plan from what the reader gave, or one sentence naming what is wrong and how to fix it. */
    SweepSpec spec(Options options, Contract contract, FrontEnd names) {
        Family family = options.get(FAMILY);
        if (family == null) {
            throw StageProblem.needsContext(names.stage("sweep") + " needs the model family to search, such as "
                    + names.option("family", "random_forest") + "; the hypothesis allows "
                    + String.join(", ", contract.families().stream().filter(f -> f != Family.BASELINE)
                    .map(Family::label).toList()) + ".");
        }
        if (!contract.families().contains(family)) {
            throw StageProblem.blocked("The hypothesis does not allow the family " + family.label() + "; sweep one it "
                    + "allows (" + String.join(", ", contract.families().stream().map(Family::label).toList())
                    + ") or run " + names.stage("hypothesize") + " again with it.");
        }
        Map<String, Object> fixed = new LinkedHashMap<>();
        Map<String, Range> ranges = new LinkedHashMap<>();
        for (Map.Entry<String, String> given : options.named(SETTING).entrySet()) {
            String name = given.getKey();
            if (!Models.settings(family).contains(name)) {
                List<String> known = new ArrayList<>(new TreeSet<>(Models.settings(family)));
                List<String> near = Names.closest(name, known, 2);
                throw StageProblem.blocked(names.stage("sweep") + " has no option " + name + ", and " + family.label()
                        + " has no setting of that name; " + (near.isEmpty() ? "" : "did you mean " + String.join(" or ",
                        near) + "? ") + family.label() + " takes " + String.join(", ", known) + ".");
            }
            Range range;
            try {
                range = SearchSpace.parseRange(name, given.getValue());
            } catch (IllegalArgumentException bad) {
                throw StageProblem.blocked(bad.getMessage(), bad);
            }
            if (range == null) {
                fixed.put(name, fixedValue(given.getValue()));
            } else {
                ranges.put(name, range);
            }
        }
        if (ranges.isEmpty()) {
            throw StageProblem.blocked("The sweep has nothing to search: give at least one setting a range, such as "
                    + "max_depth: int(2, 12) or learning_rate: log(0.01, 0.3).");
        }
        String strategy = options.get(STRATEGY);
        if (strategy.equals("grid")) {
            ranges.forEach((name, range) -> {
                if (!(range instanceof Range.Choice)) {
                    throw StageProblem.blocked("A grid tries every combination of listed values, but " + name + " is "
                            + range.describe() + "; list its values (such as 2, 4, 8) or use strategy: random.");
                }
            });
        }
        SearchSpace space = SearchSpace.of(ranges);
        int maxSteps = Sweep.maxSteps(fixed, space, family);
        String early = options.get(EARLY_STOPPING);
        if (early.equals("asha") && maxSteps <= 0) {
            String step = Models.stepSetting(family);
            throw StageProblem.blocked(step == null ? family.label() + " trains in one step, so early stopping has no "
                    + "rungs to judge it at; use early-stopping: none." : "Early stopping needs to know the longest "
                    + "trial: give " + step + " a whole number or a whole-number range, such as " + step
                    + ": int(50, 400).");
        }
        long minSteps = options.get(MIN_STEPS);
        if (early.equals("asha") && minSteps >= maxSteps) {
            throw StageProblem.blocked("The first rung (min-steps " + minSteps + ") is not below the longest trial ("
                    + maxSteps + " " + Models.stepSetting(family) + "), so early stopping could never judge a trial; "
                    + "give min-steps below " + maxSteps + ".");
        }
        SweepSpec spec = new SweepSpec(family, fixed, space, strategy, (int) (long) options.get(TRIALS),
                options.get(MAX_MINUTES), early, (int) (long) options.get(ETA), (int) minSteps,
                early.equals("asha") ? maxSteps : 0, options.has(SEED) ? options.get(SEED) : contract.seed(),
                (int) (long) options.get(CONCURRENCY), (int) (long) options.get(PATIENCE));
        tryOnce(spec, contract);
        return spec;
    }

    /** Makes one model with the fixed settings and each range's first value, so a bad value is refused now. */
    private static void tryOnce(SweepSpec spec, Contract contract) {
        Map<String, Object> settings = new LinkedHashMap<>(spec.fixed());
        spec.space().ranges().forEach((name, range) -> settings.put(name, SweepText.firstValue(range)));
        try {
            Models.create(new Experiment("trial_000", null, spec.family(), settings, contract.features(), "sweep",
                    "sweep", org.sealbook.toolkit.plan.Criterion.parse("val_" + contract.primary().label() + " >= 0"),
                    org.sealbook.toolkit.plan.Criterion.parse("val_" + contract.primary().label() + " < 0"), 0),
                    spec.seed());
        } catch (IllegalArgumentException bad) {
            throw StageProblem.blocked(bad.getMessage(), bad);
        }
    }

    /** A fixed setting's value: a whole number, a number, else the text (e.g. hidden: 64,32). */
    private static Object fixedValue(String text) {
        String t = text.strip();
        if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
            return t.substring(1, t.length() - 1); // "64,32" is quoted so its comma does not list choices
        }
        if (t.matches("-?\\d{1,9}")) {
            return Integer.parseInt(t);
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException words) {
            return t;
        }
    }
}
