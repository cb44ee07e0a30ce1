package org.sealbook.toolkit.stage;

import com.google.gson.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sealbook.toolkit.explain.Explainer;
import org.sealbook.toolkit.explain.Names;
import org.sealbook.toolkit.explain.Numbers;
import org.sealbook.toolkit.hypothesis.Contract;
import org.sealbook.toolkit.hypothesis.Family;
import org.sealbook.toolkit.hypothesis.Splits;
import org.sealbook.toolkit.plan.Budget;
import org.sealbook.toolkit.plan.Criterion;
import org.sealbook.toolkit.plan.Experiment;
import org.sealbook.toolkit.plan.Ladder;
import org.sealbook.toolkit.plan.Plan;
import org.sealbook.toolkit.plan.Reviewer;
import org.sealbook.toolkit.view.View;
import org.sealbook.toolkit.workspace.CanonicalJson;
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
 * The third stage: proposes a batch of experiments from the sealed hypothesis (the baseline, then a ladder across
 * the allowed families), applies the user's edits, has the {@link Reviewer} check it, and seals it on the hypothesis
 * seal with a git branch per experiment. Edits are options: {@code max-experiments}, {@code max-minutes},
 * {@code concurrency}, {@code drop} (ids), and {@code exp_NNN} with a definition such as
 * {@code random_forest parent=exp_003 trees=300} to add or replace an experiment.
 * Usage: {@code DesignStage.create().option("drop", "exp_006").run(workspace, view, explainer)}.
 */
public final class DesignStage {
    public static final List<String> OPTIONS = List.of("max-experiments", "max-minutes", "concurrency", "drop");
    private static final Pattern EXPERIMENT_ID = Pattern.compile("exp_\\d{3}");
    private static final Pattern TOKEN = Pattern.compile("\"([^\"]*)\"|(\\S+=\"[^\"]*\")|(\\S+)");
    private static final List<String> EXPERIMENT_KEYS = List.of("parent", "question", "success", "failure", "features");

    private final Map<String, String> options = new LinkedHashMap<>();
    private final Map<String, String> definitions = new LinkedHashMap<>();
    private Clock clock = Clock.systemUTC();

    private DesignStage() {
    }

    public static DesignStage create() {
        return new DesignStage();
    }

    /** Sets one edit; an unknown name or the same name twice is refused with one sentence. */
    public DesignStage option(String name, String value) {
        String key = name.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("%design_experiments needs a value for " + name.strip() + "; write it as --"
                    + name.strip() + " VALUE or, in a %%design_experiments body, " + name.strip() + ": VALUE.");
        }
        if (EXPERIMENT_ID.matcher(name.strip()).matches()) {
            if (definitions.putIfAbsent(name.strip(), value.strip()) != null) {
                throw new IllegalArgumentException("%design_experiments was given " + name.strip() + " twice; keep one definition.");
            }
            return this;
        }
        if (!OPTIONS.contains(key)) {
            List<String> known = new ArrayList<>(OPTIONS);
            known.add("exp_NNN");
            throw new IllegalArgumentException("%design_experiments has no edit called " + name + "; the closest are "
                    + String.join(", ", Names.closest(key, known, 3)) + " (all: " + String.join(", ", known) + ").");
        }
        if (options.putIfAbsent(key, value.strip()) != null) {
            throw new IllegalArgumentException("%design_experiments was given " + key + " twice (" + options.get(key)
                    + " and " + value.strip() + "), which contradict each other; keep one.");
        }
        return this;
    }

    public DesignStage clock(Clock given) {
        this.clock = given;
        return this;
    }

    /** Runs the stage and ends with exactly one status on {@code view}; a refused plan seals nothing. */
    public StageOutcome run(Workspace workspace, View view, Explainer explainer) {
        StageOutcome outcome;
        try {
            outcome = design(workspace, view, explainer);
        } catch (StageRefused e) {
            outcome = e.outcome();
        } catch (WorkspaceException | IllegalArgumentException | IllegalStateException e) {
            outcome = new StageOutcome(Status.BLOCKED, e.getMessage());
        }
        view.status(outcome);
        return outcome;
    }

    private StageOutcome design(Workspace workspace, View view, Explainer explainer) {
        JsonObject hypothesis = workspace.verifyBefore(Stage.PLAN).get(Stage.HYPOTHESIS);
        Contract contract = Contract.fromJson(hypothesis);
        Splits splits = Splits.read(workspace.folder(), contract.splits()); // the row lists are part of the seal
        int trainingRows = splits.train().length;

        Plan proposed = Ladder.propose(contract, trainingRows, "draft");
        Budget budget = budget(proposed.budget());
        List<Experiment> experiments = edit(proposed, contract, trainingRows);
        Plan draft = new Plan("draft", experiments, budget);
        String batch = "b" + CanonicalJson.sha256(CanonicalJson.bytes(draft.toJson())).substring(0, 8);
        Plan plan = new Plan(batch, experiments, budget);

        List<String> violations = Reviewer.review(plan, contract);
        if (!violations.isEmpty()) {
            view.table("Proposed experiments", planTable(plan));
            view.explain("The reviewer refused the plan", "The reviewer (code that checks every plan, never its author) "
                    + "found " + Numbers.count(violations.size(), "problem") + ":\n- " + String.join("\n- ", violations));
            return new StageOutcome(Status.BLOCKED, "The reviewer refused the plan for " + Numbers.count(violations.size(),
                    "reason") + " (listed above), so nothing was sealed; fix " + (violations.size() == 1 ? "it" : "them")
                    + " and run %design_experiments again.");
        }
        view.explain("What I did", "I read the sealed hypothesis and its " + trainingRows + " training rows, proposed a "
                + "ladder of " + plan.experiments().size() + " runs, each an " + explainer.term("experiment") + ", from the "
                + explainer.term("baseline") + " up" + (definitions.isEmpty() && !options.containsKey("drop") ? ""
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

        Sealed sealed = workspace.seal(Stage.PLAN, plan.toJson(), clock.instant());
        List<String> ids = plan.experiments().stream().map(Experiment::id).toList();
        workspace.branchExperiments(batch, ids);
        view.explain("Sealed", "The plan is sealed in " + workspace.artifact(Stage.PLAN) + " with SHA-256 "
                + sealed.sha256() + ". In the workspace's git history it is on branch " + Workspace.EXPERIMENTS_BRANCH
                + ", and each experiment has its own branch, " + Workspace.experimentBranch(batch, ids.get(0))
                + " to " + Workspace.experimentBranch(batch, ids.get(ids.size() - 1)) + ", where %train will record "
                + "its results.");
        sealed.staleNotice().ifPresent(notice -> view.explain("Later stages are stale", notice));
        return new StageOutcome(Status.DONE, "The plan is sealed (" + sealed.sha256().substring(0, 12) + "): "
                + Numbers.count(ids.size(), "experiment") + " in batch " + batch + ", about "
                + Numbers.duration(plan.estimatedWallClockMinutes() * 60) + "; run %train next.");
    }

    private Budget budget(Budget defaults) {
        return new Budget((int) number("max-experiments", defaults.maxExperiments()),
                number("max-minutes", defaults.maxWallClockMinutes()), (int) number("concurrency", defaults.concurrency()));
    }

    private double number(String key, double fallback) {
        if (!options.containsKey(key)) {
            return fallback;
        }
        try {
            return Double.parseDouble(options.get(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " " + options.get(key) + " is not a number; give one such as "
                    + (fallback == Math.rint(fallback) ? String.valueOf((long) fallback) : String.valueOf(fallback)) + ".", e);
        }
    }

    /** The proposed experiments with the drops and definitions applied, in id order. */
    private List<Experiment> edit(Plan proposed, Contract contract, int rows) {
        Map<String, Experiment> byId = new LinkedHashMap<>();
        proposed.experiments().forEach(e -> byId.put(e.id(), e));
        if (options.containsKey("drop")) {
            for (String part : options.get("drop").split(",")) {
                String id = part.strip();
                if (id.isEmpty()) {
                    continue;
                }
                if (byId.remove(id) == null) {
                    throw new IllegalArgumentException("drop names " + id + ", which is not in the proposed plan; use one of "
                            + String.join(", ", byId.keySet()) + ".");
                }
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
