package org.sealbook.toolkit.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sealbook.toolkit.hypothesis.Contract;
import org.sealbook.toolkit.hypothesis.Family;

/** Plans built by hand against the breast_cancer contract (30 features, AUC locked with accuracy and F1). */
class ReviewerTest {
    private static final Contract CONTRACT = PlanContracts.breastCancer(); // trees x depth <= 2000, parameters <= 10000
    private static final Budget ROOMY = new Budget(12, 30, 1);

    private static Experiment exp(String id, String parent, Family family, Map<String, Object> params) {
        return exp(id, parent, family, params, CONTRACT.features(), "val_auc >= baseline * 1.01");
    }

    private static Experiment exp(String id, String parent, Family family, Map<String, Object> params,
                                  List<String> features, String success) {
        return new Experiment(id, parent, family, params, features, parent == null ? "new family" : "one change",
                "Does it beat guessing?", Criterion.parse(success), Criterion.parse("val_auc < baseline"), 10);
    }

    private static final Experiment BASELINE = exp("exp_000", null, Family.BASELINE, Map.of());
    private static final Experiment LINEAR = exp("exp_001", null, Family.LINEAR, Map.of());
    private static final Experiment FOREST = exp("exp_002", null, Family.RANDOM_FOREST,
            Map.of("trees", 100, "max_depth", 8));

    private static List<String> review(Experiment... experiments) {
        return review(ROOMY, experiments);
    }

    private static List<String> review(Budget budget, Experiment... experiments) {
        return Reviewer.review(new Plan("batch_1", List.of(experiments), budget), CONTRACT);
    }

    @Test
    void soundPlanHasNoProblems() {
        Experiment moreTrees = exp("exp_003", "exp_002", Family.RANDOM_FOREST, Map.of("trees", 200, "max_depth", 8));
        assertEquals(List.of(), review(BASELINE, LINEAR, FOREST, moreTrees));
    }

    @Test
    void unknownFeaturesAreNamed() {
        List<String> extra = new ArrayList<>(CONTRACT.features());
        extra.add("zip code");
        extra.add("diagnosis");
        Experiment leaky = exp("exp_001", null, Family.LINEAR, Map.of(), extra, "val_auc >= baseline * 1.01");
        assertEquals(List.of("exp_001 uses the columns zip code, diagnosis, not in the contract's features; use only "
                + "sealed features, or reseal the hypothesis to include them."), review(BASELINE, leaky));
    }

    @Test
    void familyTheContractDoesNotAllow() {
        Contract narrow = PlanContracts.breastCancer(List.of(Family.LINEAR, Family.RANDOM_FOREST), 10_000, 2_000);
        Experiment network = exp("exp_002", null, Family.MLP, Map.of("hidden", "8"));
        assertEquals(List.of("exp_002 uses the family mlp, which the contract does not allow (it allows linear, "
                        + "random_forest); drop it, or reseal the hypothesis to allow it."),
                Reviewer.review(new Plan("batch_1", List.of(BASELINE, LINEAR, network), ROOMY), narrow));
    }

    @Test
    void ensembleOverItsBoundNamesTheNumberAndTheBound() {
        Experiment big = exp("exp_002", null, Family.RANDOM_FOREST, Map.of("trees", 300, "max_depth", 10));
        assertEquals(List.of("exp_002 has trees x depth 300 x 10 = 3000, over the contract's bound of 2000; use "
                + "fewer or shallower trees."), review(BASELINE, big));
    }

    @Test
    void networkOverItsBoundNamesTheNumberAndTheBound() {
        // 30 -> 256 -> 128 -> 1: 7936 + 32896 + 129 weights and biases
        Experiment big = exp("exp_001", null, Family.MLP, Map.of("hidden", "256,128"));
        assertEquals(List.of("exp_001 has 40961 trainable parameters, over the contract's bound of 10000; use smaller "
                + "hidden layers."), review(BASELINE, big));
    }

    @Test
    void unreadableSizeIsReportedNotThrown() {
        Experiment noDepth = exp("exp_001", null, Family.GRADIENT_BOOSTING, Map.of("trees", 200));
        assertEquals(List.of("Experiment exp_001 (gradient_boosting) has no max_depth; give max_depth as a whole "
                + "number above 0."), review(BASELINE, noDepth));
    }

    @Test
    void twoChangesFromTheParent() {
        Experiment boosting = exp("exp_001", null, Family.GRADIENT_BOOSTING,
                Map.of("trees", 200, "max_depth", 3, "learning_rate", 0.1));
        Experiment both = exp("exp_002", "exp_001", Family.GRADIENT_BOOSTING,
                Map.of("trees", 400, "max_depth", 3, "learning_rate", 0.05));
        assertEquals(List.of("exp_002 changes 2 things (learning_rate, trees) from its parent exp_001; change exactly "
                + "one, so the result says what made the difference."), review(BASELINE, boosting, both));
    }

    @Test
    void noChangeAndAChangedFeatureListAreCountedToo() {
        Experiment same = exp("exp_003", "exp_002", Family.RANDOM_FOREST, Map.of("trees", 100, "max_depth", 8));
        Experiment fewerColumns = exp("exp_004", "exp_002", Family.RANDOM_FOREST, Map.of("trees", 200, "max_depth", 8),
                CONTRACT.features().subList(0, 10), "val_auc >= baseline * 1.01");
        List<String> problems = review(BASELINE, LINEAR, FOREST, same, fewerColumns);
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("exp_003 changes nothing from its parent exp_002"), problems.get(0));
        assertTrue(problems.get(1).startsWith("exp_004 changes 2 things (trees, features)"), problems.get(1));
    }

    @Test
    void childOfAnotherFamilyMustStartFresh() {
        Experiment boosting = exp("exp_003", "exp_002", Family.GRADIENT_BOOSTING,
                Map.of("trees", 200, "max_depth", 3));
        assertEquals(List.of("exp_003 uses the family gradient_boosting but its parent exp_002 uses random_forest; a "
                + "new family starts fresh, so set its parent to null."), review(BASELINE, LINEAR, FOREST, boosting));
    }

    @Test
    void unlockedMetricInACriterion() {
        Experiment rmse = exp("exp_001", null, Family.LINEAR, Map.of(), CONTRACT.features(),
                "val_rmse <= baseline * 0.99");
        Experiment gap = exp("exp_002", null, Family.LINEAR, Map.of(), CONTRACT.features(), "gap <= 0.1");
        Experiment accuracy = exp("exp_003", null, Family.LINEAR, Map.of(), CONTRACT.features(),
                "val_accuracy >= baseline + 0.01");
        assertEquals(List.of("exp_001's success rule val_rmse <= baseline * 0.99 reads rmse, which the contract did "
                + "not lock (it locked auc, accuracy, f1); use a locked metric or gap."),
                review(BASELINE, rmse, gap, accuracy), "gap and secondary metrics are fine");
    }

    @Test
    void moreExperimentsThanTheBudget() {
        assertEquals(List.of("The plan has 3 experiments, more than the budget of 2; drop 1 or raise "
                + "--max-experiments."), review(new Budget(2, 30, 1), BASELINE, LINEAR, FOREST));
    }

    @Test
    void longerThanTheBudget() {
        // 3 runs of 10 s one at a time: 30 s, against 0.4 minutes
        assertEquals(List.of("The plan needs about 30 s, more than the budget of 24 s; drop the "
                + "slowest experiments or raise --max-minutes."), review(new Budget(12, 0.4, 1), BASELINE, LINEAR,
                FOREST));
    }

    @Test
    void moreWorkersThanCores() {
        int cores = Runtime.getRuntime().availableProcessors();
        List<String> problems = review(new Budget(12, 30, cores + 1), BASELINE, LINEAR);
        assertEquals(List.of("The budget runs " + (cores + 1) + " experiments at a time but this machine has "
                + cores + (cores == 1 ? " core" : " cores") + "; give --concurrency " + cores + " or less."), problems);
    }

    @Test
    void missingBaseline() {
        assertEquals(List.of("The plan has no baseline; add exp_000 with family baseline as its first experiment, "
                + "the score every model must beat."), review(LINEAR, FOREST));
    }

    @Test
    void baselineNotFirstAndTwoBaselines() {
        Experiment late = exp("exp_002", null, Family.BASELINE, Map.of());
        assertEquals(List.of("The baseline is exp_002 at position 2; make it the first experiment, with id exp_000."),
                review(LINEAR, late));
        assertEquals(List.of("The plan has 2 baselines (exp_000, exp_002); keep exactly one, first, as exp_000."),
                review(BASELINE, LINEAR, late));
    }

    @Test
    void badAndRepeatedIds() {
        Experiment shortId = exp("exp_1", null, Family.LINEAR, Map.of());
        Experiment twin = exp("exp_000", null, Family.LINEAR, Map.of());
        assertEquals(List.of("The id exp_000 is used by 2 experiments; give each its own id.",
                "The id exp_1 is not of the form exp_NNN; use three digits, such as exp_002."),
                review(BASELINE, shortId, twin));
    }

    @Test
    void parentMissingOrLater() {
        Experiment orphan = exp("exp_002", "exp_009", Family.RANDOM_FOREST, Map.of("trees", 200, "max_depth", 8));
        Experiment early = exp("exp_003", "exp_004", Family.RANDOM_FOREST, Map.of("trees", 200, "max_depth", 8));
        Experiment later = exp("exp_004", null, Family.RANDOM_FOREST, Map.of("trees", 100, "max_depth", 8));
        assertEquals(List.of(
                "exp_002 names the parent exp_009, which is not in the plan; point it at an earlier experiment of the "
                        + "same family, or set it to null for a new family.",
                "exp_003 names the parent exp_004, which does not come before it; list the parent first."),
                review(BASELINE, orphan, early, later));
    }

    @Test
    void listsEveryProblemAtOnce() {
        Experiment big = exp("exp_001", null, Family.RANDOM_FOREST, Map.of("trees", 500, "max_depth", 8));
        Experiment unlocked = exp("exp_002", null, Family.LINEAR, Map.of(), CONTRACT.features(), "val_r2 > 0.5");
        Plan plan = new Plan("batch_1", List.of(big, unlocked), ROOMY);
        String before = plan.toJson().toString();
        List<String> problems = Reviewer.review(plan, CONTRACT);
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("The plan has no baseline"), problems.get(0));
        assertTrue(problems.get(1).startsWith("exp_001 has trees x depth 500 x 8 = 4000"), problems.get(1));
        assertTrue(problems.get(2).startsWith("exp_002's success rule val_r2 > 0.5 reads r2"), problems.get(2));
        problems.forEach(p -> assertTrue(p.endsWith(".") && !p.substring(0, p.length() - 1).contains(". "), p));
        assertEquals(before, plan.toJson().toString(), "the reviewer never edits the plan");
    }
}
