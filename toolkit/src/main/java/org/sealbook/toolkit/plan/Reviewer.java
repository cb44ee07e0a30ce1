package org.sealbook.toolkit.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.sealbook.toolkit.explain.Numbers;
import org.sealbook.toolkit.hypothesis.Contract;
import org.sealbook.toolkit.hypothesis.Family;
import org.sealbook.toolkit.hypothesis.Metric;

/**
 * Checks a plan against the sealed contract and its budget, and lists every problem at once, one sentence each,
 * so they can all be fixed in one go. It never changes the plan.
 * Usage: {@code List<String> problems = Reviewer.review(plan, contract); // empty when the plan may run}.
 */
public final class Reviewer {
    private Reviewer() {
    }

    /** Every way {@code plan} breaks {@code contract} or its own budget, one sentence each; empty when none. */
    public static List<String> review(Plan plan, Contract contract) {
        if (plan == null || contract == null) {
            throw new IllegalArgumentException("There is no " + (plan == null ? "plan" : "contract")
                    + " to review; pass both the plan and the sealed contract.");
        }
        List<String> problems = new ArrayList<>();
        List<Experiment> experiments = plan.experiments();
        checkBaseline(experiments, problems);
        checkIds(experiments, problems);
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < experiments.size(); i++) {
            positions.putIfAbsent(experiments.get(i).id(), i);
        }
        for (int i = 0; i < experiments.size(); i++) {
            Experiment e = experiments.get(i);
            checkParent(e, i, positions, experiments, problems);
            checkFeatures(e, contract, problems);
            checkFamilyAndSize(e, contract, problems);
            checkCriterion(e, "success", e.success(), contract, problems);
            checkCriterion(e, "failure", e.failure(), contract, problems);
        }
        checkBudget(plan, problems);
        return problems;
    }

    private static void checkBaseline(List<Experiment> experiments, List<String> problems) {
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < experiments.size(); i++) {
            if (experiments.get(i).family() == Family.BASELINE) {
                at.add(i);
            }
        }
        if (at.isEmpty()) {
            problems.add("The plan has no baseline; add exp_000 with family baseline as its first experiment, "
                    + "the score every model must beat.");
        } else if (at.size() > 1) {
            List<String> ids = at.stream().map(i -> experiments.get(i).id()).toList();
            problems.add("The plan has " + at.size() + " baselines (" + String.join(", ", ids)
                    + "); keep exactly one, first, as exp_000.");
        } else if (at.get(0) != 0 || !experiments.get(0).id().equals("exp_000")) {
            problems.add("The baseline is " + experiments.get(at.get(0)).id() + " at position " + (at.get(0) + 1)
                    + "; make it the first experiment, with id exp_000.");
        }
    }

    private static void checkIds(List<Experiment> experiments, List<String> problems) {
        Map<String, Integer> uses = new HashMap<>();
        experiments.forEach(e -> uses.merge(e.id(), 1, Integer::sum));
        new TreeSet<>(uses.keySet()).forEach(id -> {
            if (!id.matches("exp_\\d{3}")) {
                problems.add("The id " + id + " is not of the form exp_NNN; use three digits, such as exp_002.");
            }
            if (uses.get(id) > 1) {
                problems.add("The id " + id + " is used by " + uses.get(id) + " experiments; give each its own id.");
            }
        });
    }

    private static void checkParent(Experiment e, int position, Map<String, Integer> positions,
                                    List<Experiment> experiments, List<String> problems) {
        if (e.parent() == null) {
            return;
        }
        Integer at = positions.get(e.parent());
        if (at == null) {
            problems.add(e.id() + " names the parent " + e.parent() + ", which is not in the plan; point it at an "
                    + "earlier experiment of the same family, or set it to null for a new family.");
            return;
        }
        if (at >= position) {
            problems.add(e.id() + " names the parent " + e.parent() + ", which does not come before it; list the "
                    + "parent first.");
            return;
        }
        Experiment parent = experiments.get(at);
        if (parent.family() != e.family()) {
            problems.add(e.id() + " uses the family " + e.family().label() + " but its parent " + parent.id()
                    + " uses " + parent.family().label() + "; a new family starts fresh, so set its parent to null.");
            return;
        }
        List<String> changed = changes(parent, e);
        if (changed.size() != 1) {
            problems.add(e.id() + " changes " + (changed.isEmpty() ? "nothing" : changed.size() + " things ("
                    + String.join(", ", changed) + ")") + " from its parent " + parent.id()
                    + "; change exactly one, so the result says what made the difference.");
        }
    }

    /** The parameter names whose values differ (added and removed ones too), and "features" if those differ. */
    private static List<String> changes(Experiment parent, Experiment child) {
        TreeSet<String> keys = new TreeSet<>(parent.params().keySet());
        keys.addAll(child.params().keySet());
        List<String> changed = new ArrayList<>(keys.stream()
                .filter(k -> !Objects.equals(parent.params().get(k), child.params().get(k))).toList());
        if (!new TreeSet<>(parent.features()).equals(new TreeSet<>(child.features()))) {
            changed.add("features");
        }
        return changed;
    }

    private static void checkFeatures(Experiment e, Contract contract, List<String> problems) {
        List<String> unknown = e.features().stream().filter(f -> !contract.features().contains(f)).toList();
        if (!unknown.isEmpty()) {
            problems.add(e.id() + " uses " + (unknown.size() == 1 ? "the column " : "the columns ")
                    + String.join(", ", unknown) + ", not in the contract's features; use only sealed features, "
                    + "or reseal the hypothesis to include them.");
        }
    }

    private static void checkFamilyAndSize(Experiment e, Contract contract, List<String> problems) {
        // The baseline is the reference every contract needs, so it is allowed whether or not it is listed.
        if (e.family() != Family.BASELINE && !contract.families().contains(e.family())) {
            problems.add(e.id() + " uses the family " + e.family().label()
                    + ", which the contract does not allow (it allows "
                    + String.join(", ", contract.families().stream().map(Family::label).toList())
                    + "); drop it, or reseal the hypothesis to allow it.");
            return;
        }
        long size;
        try {
            size = e.complexity();
        } catch (IllegalArgumentException unreadable) {
            problems.add(unreadable.getMessage()); // its sentence already names the experiment and the fix
            return;
        }
        if (e.family().isEnsemble() && size > contract.maxTreesTimesDepth()) {
            problems.add(e.id() + " has trees x depth " + e.params().get("trees") + " x " + e.params().get("max_depth")
                    + " = " + size + ", over the contract's bound of " + contract.maxTreesTimesDepth()
                    + "; use fewer or shallower trees.");
        }
        if (e.family() == Family.MLP && size > contract.maxParameters()) {
            problems.add(e.id() + " has " + size + " trainable parameters, over the contract's bound of "
                    + contract.maxParameters() + "; use smaller hidden layers.");
        }
    }

    private static void checkCriterion(Experiment e, String role, Criterion rule, Contract contract,
                                       List<String> problems) {
        Metric metric = rule.metric().orElse(null);
        if (metric != null && !contract.lockedMetrics().contains(metric)) {
            problems.add(e.id() + "'s " + role + " rule " + rule.text() + " reads " + metric.label()
                    + ", which the contract did not lock (it locked "
                    + String.join(", ", contract.lockedMetrics().stream().map(Metric::label).toList())
                    + "); use a locked metric or gap.");
        }
    }

    private static void checkBudget(Plan plan, List<String> problems) {
        Budget budget = plan.budget();
        int count = plan.experiments().size();
        if (count > budget.maxExperiments()) {
            problems.add("The plan has " + count + " experiments, more than the budget of " + budget.maxExperiments()
                    + "; drop " + (count - budget.maxExperiments()) + " or raise --max-experiments.");
        }
        double minutes = plan.estimatedWallClockMinutes();
        if (minutes > budget.maxWallClockMinutes()) {
            problems.add("The plan needs about " + Numbers.duration(minutes * 60)
                    + ", more than the budget of " + Numbers.duration(budget.maxWallClockMinutes() * 60) + "; drop the slowest experiments or raise --max-minutes.");
        }
        int cores = Runtime.getRuntime().availableProcessors();
        if (budget.concurrency() > cores) {
            problems.add("The budget runs " + budget.concurrency() + " experiments at a time but this machine has "
                    + cores + (cores == 1 ? " core" : " cores") + "; give --concurrency " + cores + " or less.");
        }
    }
}
