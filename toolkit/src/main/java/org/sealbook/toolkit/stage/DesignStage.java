package org.sealbook.toolkit.stage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sealbook.toolkit.explain.Explainer;
import org.sealbook.toolkit.explain.Numbers;
import org.sealbook.toolkit.hypothesis.Contract;
import org.sealbook.toolkit.hypothesis.Family;
import org.sealbook.toolkit.hypothesis.Hypothesis;
import org.sealbook.toolkit.hypothesis.Splits;
import org.sealbook.toolkit.models.LearningRateSchedule;
import org.sealbook.toolkit.models.MlpModel;
import org.sealbook.toolkit.plan.Budget;
import org.sealbook.toolkit.plan.Criterion;
import org.sealbook.toolkit.plan.Experiment;
import org.sealbook.toolkit.plan.Ladder;
import org.sealbook.toolkit.plan.Plan;
import org.sealbook.toolkit.plan.Reviewer;
import org.sealbook.toolkit.pipeline.Option;
import org.sealbook.toolkit.pipeline.Options;
import org.sealbook.toolkit.pipeline.Result;
import org.sealbook.toolkit.pipeline.Stage;
import org.sealbook.toolkit.pipeline.StageOutcome;
import org.sealbook.toolkit.pipeline.StageRun;
import org.sealbook.toolkit.pipeline.StageSpec;
import org.sealbook.toolkit.pipeline.Status;
import org.sealbook.toolkit.view.View;
import org.sealbook.toolkit.workspace.CanonicalJson;
import org.sealbook.toolkit.workspace.Workspace;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The third stage: proposes a batch of experiments from the sealed hypothesis (the baseline, then a ladder across
 * the allowed families), applies the reader's edits, has the {@link Reviewer} check it, and seals it on the
 * hypothesis seal with a git branch per experiment. Edits are options: {@code max-experiments}, {@code max-minutes},
 * {@code concurrency}, {@code drop} (ids), and {@code exp_NNN} with a definition such as
 * {@code random_forest parent=exp_003 trees=300} to add or replace an experiment.
 * Usage: {@code session.run("design_experiments", List.of("--drop", "exp_006"), null, view)}.
 */
public final class DesignStage implements Stage {
    public static final Option<Long> MAX_EXPERIMENTS = Option.whole("max-experiments",
            Budget.DEFAULT.maxExperiments(), 1, "the most experiments the batch may hold");
    public static final Option<Double> MAX_MINUTES = Option.positive("max-minutes",
            Budget.DEFAULT.maxWallClockMinutes(), "the most minutes the batch may take, as estimated");
    public static final Option<Long> CONCURRENCY = Option.whole("concurrency", Budget.DEFAULT.concurrency(), 1,
            "how many experiments train at a time").defaultText("the cores less one");
    public static final Option<List<String>> DROP = Option.list("drop", "exp_NNN,...",
            "experiments of the proposal to leave out");
    public static final Option<String> EXPERIMENT = Option.text("exp_NNN", "DEFINITION",
            "adds or replaces an experiment: a family, then settings, e.g. random_forest parent=exp_002 trees=150 "
                    + "question=\"...\" success=val_auc>=baseline*1.02").namedLike("exp_\\d{3}");
    private static final Pattern TOKEN = Pattern.compile("\"([^\"]*)\"|(\\S+=\"[^\"]*\")|(\\S+)");
    private static final List<String> EXPERIMENT_KEYS = List.of("parent", "question", "success", "failure", "features");

    private static final StageSpec SPEC = StageSpec.named("design_experiments", "Propose, review and seal a batch "
                    + "of experiments, sealed on the hypothesis").reads(Hypothesis.ARTIFACT).seals(Plan.ARTIFACT)
            .options(MAX_EXPERIMENTS, MAX_MINUTES, CONCURRENCY, DROP, EXPERIMENT).withBody();

    @Override
    public StageSpec spec() {
        return SPEC;
    }

    @Override
    public Result run(StageRun run) {
        View view = run.view();
        Explainer explainer = run.explainer();
        Options options = run.options();
        Contract contract = run.input(Hypothesis.ARTIFACT).contract();
        Splits splits = Splits.read(run.workspace().folder(), contract.splits()); // the row lists are part of the seal
        int trainingRows = splits.train().length;

        Plan proposed = Ladder.propose(contract, trainingRows, "draft");
        // a number past int's range asks for no limit at all: it is held at the largest one
        Budget budget = new Budget((int) Math.min(Integer.MAX_VALUE, options.get(MAX_EXPERIMENTS)),
                options.get(MAX_MINUTES), (int) Math.min(Integer.MAX_VALUE, options.get(CONCURRENCY)));
        Map<String, String> definitions = options.named(EXPERIMENT);
        List<Experiment> experiments = edit(proposed, contract, trainingRows, options.has(DROP) ? options.get(DROP)
                : List.of(), definitions);
        Plan draft = new Plan("draft", experiments, budget);
        String batch = "b" + CanonicalJson.sha256(CanonicalJson.bytes(draft.toJson())).substring(0, 8);
        Plan plan = new Plan(batch, experiments, budget);

        List<String> violations = Reviewer.review(plan, contract);
        if (!violations.isEmpty()) {
            view.table("Proposed experiments", planTable(plan));
            view.explain("The reviewer refused the plan", "The reviewer (code that checks every plan, never its author) "
                    + "found " + Numbers.count(violations.size(), "problem") + ":\n- " + String.join("\n- ", violations));
            return Result.end(Status.BLOCKED, "The reviewer refused the plan for " + Numbers.count(violations.size(),
                    "reason") + " (listed above), so nothing was sealed; fix " + (violations.size() == 1 ? "it" : "them")
                    + " and run " + run.names().stage("design_experiments") + " again.");
        }
        view.explain("What I did", "I read the sealed hypothesis and its " + trainingRows + " training rows, proposed a "
                + "ladder of " + plan.experiments().size() + " runs, each an " + explainer.term("experiment") + ", from the "
                + explainer.term("baseline") + " up" + (definitions.isEmpty() && !options.has(DROP) ? ""
                : ", applied your edits") + ", and had the reviewer check it: every experiment stays within the "
                + "allowed features, families and sizes, changes exactly one " + explainer.term("hyperparameter")
                + " from its parent (or starts a new family), and judges itself by the locked " + contract.primary().label()
                + ". Together they should take about " + Numbers.duration(plan.estimatedWallClockMinutes() * 60) + " with "
                + plan.budget().concurrency() + " running at a time, within your budget of "
                + Numbers.duration(plan.budget().maxWallClockMinutes() * 60) + " and " + plan.budget().maxExperiments() + " experiments.");
        view.table("Proposed experiments", planTable(plan));
        view.explain("Why several models side by side", "One clever model gives one number, and no way to tell whether "
                + "it comes from the data or from luck. A ladder does: each rung changes one thing, so the difference "
                + "between a rung and its parent is what that one change bought on the same validation rows. If the "
                + "simple models come close to the complex ones, the simple one wins, because it is easier to trust "
                + "and to explain. Times are rough guesses, often off by a factor of ten.");
        plan.experiments().stream().filter(e -> e.family() == Family.MLP).findFirst()
                .ifPresent(network -> view.explain("How the neural network learns", howNetworkLearns(network, explainer)));

        List<String> ids = plan.experiments().stream().map(Experiment::id).toList();
        return Result.seal(plan)
                .said(s -> "The plan is sealed in " + s.file() + " with SHA-256 " + s.sha256() + ". In the workspace's "
                        + "git history it is on branch " + Workspace.EXPERIMENTS_BRANCH + ", and each experiment has its "
                        + "own branch, " + Workspace.experimentBranch(batch, ids.get(0)) + " to "
                        + Workspace.experimentBranch(batch, ids.get(ids.size() - 1)) + ", where "
                        + run.names().stage("train") + " will record its results.")
                .then(s -> {
                    // the branches start at the commit that sealed the plan, so they are made once it exists
                    run.workspace().branchExperiments(batch, ids, run.names());
                    return new StageOutcome(Status.DONE, "The plan is sealed (" + s.shortHash() + "): "
                            + Numbers.count(ids.size(), "experiment") + " in batch " + batch + ", about "
                            + Numbers.duration(plan.estimatedWallClockMinutes() * 60) + "; run " + s.next("train") + " next.");
                });
    }

    /**
     * The MLP's optimiser and learning-rate schedule in plain words, with the experiment's own rate and decay (or the
     * model's defaults), so the plan says what training will do before it runs.
     */
    static String howNetworkLearns(Experiment network, Explainer explainer) {
        double rate = network.params().get("learning_rate") instanceof Number n ? n.doubleValue()
                : MlpModel.DEFAULT_LEARNING_RATE;
        double decay = network.params().get("weight_decay") instanceof Number n ? n.doubleValue()
                : MlpModel.DEFAULT_WEIGHT_DECAY;
        return network.id() + " is a " + explainer.term("neural network") + ". It learns with AdamW: at each step it "
                + "moves its weights to make fewer mistakes on a batch of training rows, " + (decay > 0
                ? "and its " + explainer.term("weight decay") + " is " + Numbers.number(decay) + ", which keeps it "
                + "from leaning on weights that only memorise the training rows. "
                : "with no " + explainer.term("weight decay") + ", since this experiment sets weight_decay to 0. ")
                + "Its " + explainer.term("learning rate") + " changes as it goes: a " + explainer.term("warm-up")
                + " raises it from near 0 to " + Numbers.number(rate) + " over the first "
                + Numbers.percent(LearningRateSchedule.WARMUP_SHARE) + " of its steps, then a "
                + explainer.term("cosine decay") + " lowers it to " + Numbers.number(rate * LearningRateSchedule.FLOOR_SHARE)
                + " (" + Numbers.percent(LearningRateSchedule.FLOOR_SHARE) + " of it) by the last step. Each epoch's "
                + "rate is written to the run's log as learning_rate, so you can check it afterwards.";
    }

    /** The proposed experiments with the drops and definitions applied, in id order. */
    private static List<Experiment> edit(Plan proposed, Contract contract, int rows, List<String> drop,
                                         Map<String, String> definitions) {
        Map<String, Experiment> byId = new LinkedHashMap<>();
        proposed.experiments().forEach(e -> byId.put(e.id(), e));
        for (String id : drop) {
            if (byId.remove(id) == null) {
                throw new IllegalArgumentException("drop names " + id + ", which is not in the proposed plan; use one of "
                        + String.join(", ", byId.keySet()) + ".");
            }
        }
        Experiment template = proposed.experiments().size() > 1 ? proposed.experiments().get(1) : proposed.experiments().get(0);
        definitions.forEach((id, text) -> byId.put(id, define(id, text, byId, contract, template, rows)));
        return byId.values().stream().sorted(java.util.Comparator.comparing(Experiment::id)).toList();
    }

    /** An experiment from its definition, e.g. {@code random_forest parent=exp_003 trees=300}. */
    private static Experiment define(String id, String text, Map<String, Experiment> byId, Contract contract,
                                     Experiment template, int rows) {
        Family family = null;
        Map<String, String> fields = new LinkedHashMap<>();
        Map<String, Object> params = new LinkedHashMap<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            String token = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            int eq = token.indexOf('=');
            if (eq < 0) {
                if (family != null) {
                    throw new IllegalArgumentException(id + " names two families (" + family.label() + " and " + token
                            + "); give one family, then name=value settings.");
                }
                family = Family.byLabel(token);
                continue;
            }
            String key = token.substring(0, eq);
            String value = unquote(token.substring(eq + 1));
            if (EXPERIMENT_KEYS.contains(key)) {
                fields.put(key, value);
            } else {
                params.put(key, parameter(value));
            }
        }
        Experiment parent = null;
        if (fields.containsKey("parent")) {
            parent = byId.get(fields.get("parent"));
            if (parent == null) {
                throw new IllegalArgumentException(id + " names the parent " + fields.get("parent") + ", which is not in "
                        + "the plan; use one of " + String.join(", ", byId.keySet()) + ".");
            }
        }
        if (family == null) {
            if (parent == null) {
                throw new IllegalArgumentException(id + " names no model family; start its definition with one, such as "
                        + id + ": random_forest trees=300.");
            }
            family = parent.family();
        }
        Map<String, Object> all = new LinkedHashMap<>(parent != null && parent.family() == family ? parent.params() : Map.of());
        all.putAll(params);
        List<String> features = fields.containsKey("features")
                ? List.of(fields.get("features").split("\\s*,\\s*")) : contract.features();
        String change = parent == null ? "new family" : changeFrom(parent, all);
        String question = fields.getOrDefault("question", parent == null
                ? "Does " + family.label().replace('_', ' ') + " beat the baseline?"
                : "Does " + change.toLowerCase(Locale.ROOT).replaceAll("\\.$", "") + " do better than " + parent.id() + "?");
        Criterion success = fields.containsKey("success") ? Criterion.parse(fields.get("success")) : template.success();
        Criterion failure = fields.containsKey("failure") ? Criterion.parse(fields.get("failure")) : template.failure();
        Experiment sized = new Experiment(id, parent == null ? null : parent.id(), family, all, features, change,
                question, success, failure, 0);
        return new Experiment(id, sized.parent(), family, sized.params(), features, change, question, success, failure,
                Ladder.estimateSeconds(sized, rows));
    }

    /** "Changes trees from 100 to 300." for each setting that differs from the parent. */
    private static String changeFrom(Experiment parent, Map<String, Object> params) {
        List<String> changes = new ArrayList<>();
        for (Map.Entry<String, Object> e : params.entrySet()) {
            Object before = parent.params().get(e.getKey());
            if (!Objects.equals(before, e.getValue())) {
                changes.add(before == null ? "adds " + e.getKey() + " = " + e.getValue()
                        : "changes " + e.getKey() + " from " + before + " to " + e.getValue());
            }
        }
        if (changes.isEmpty()) {
            return "Changes nothing from " + parent.id() + ".";
        }
        String text = String.join(" and ", changes);
        return Character.toUpperCase(text.charAt(0)) + text.substring(1) + ".";
    }

    private static Object parameter(String value) {
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException notWhole) {
            try {
                return Double.valueOf(value);
            } catch (NumberFormatException notNumber) {
                return value; // a setting such as hidden=64,32 stays text
            }
        }
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
    }

    private static Table planTable(Plan plan) {
        StringColumn id = StringColumn.create("id");
        StringColumn family = StringColumn.create("family");
        StringColumn parent = StringColumn.create("parent");
        StringColumn settings = StringColumn.create("settings");
        StringColumn question = StringColumn.create("question it asks");
        StringColumn success = StringColumn.create("success if");
        StringColumn failure = StringColumn.create("failure if");
        StringColumn time = StringColumn.create("about");
        for (Experiment e : plan.experiments()) {
            id.append(e.id());
            family.append(e.family().label());
            parent.append(e.parent() == null ? "-" : e.parent());
            settings.append(e.params().entrySet().stream().map(p -> p.getKey() + "=" + p.getValue())
                    .reduce((a, b) -> a + " " + b).orElse("-"));
            question.append(e.question());
            success.append(e.success().text());
            failure.append(e.failure().text());
            time.append(Numbers.duration(e.estimatedSeconds()));
        }
        return Table.create("Proposed experiments", id, family, parent, settings, question, success, failure, time);
    }
}
