package org.sealbook.toolkit.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sealbook.toolkit.hypothesis.Contract;
import org.sealbook.toolkit.hypothesis.Family;

class LadderTest {

    private static List<Family> families(Plan plan) {
        return plan.experiments().stream().map(Experiment::family).toList();
    }

    @Test
    void breastCancerLadderPassesTheReviewer() {
        Contract contract = PlanContracts.breastCancer();
        int rows = PlanContracts.table("breast_cancer.csv").rowCount();
        Plan plan = Ladder.propose(contract, rows, "batch_1");

        assertEquals(List.of(), Reviewer.review(plan, contract));
        assertEquals(7, plan.experiments().size());
        assertEquals(List.of(Family.BASELINE, Family.LINEAR, Family.RANDOM_FOREST, Family.RANDOM_FOREST,
                Family.GRADIENT_BOOSTING, Family.GRADIENT_BOOSTING, Family.MLP), families(plan));
        Experiment baseline = plan.byId("exp_000");
        assertEquals("most_frequent", baseline.params().get("strategy"));
        assertEquals("val_auc >= baseline * 1.01", plan.byId("exp_001").success().text());
        assertEquals("val_auc < baseline", plan.byId("exp_001").failure().text());
        assertTrue(plan.experiments().stream().allMatch(e -> e.features().equals(contract.features())));
    }

    @Test
    void everyFollowUpChangesOneSettingOfItsParent() {
        Plan plan = Ladder.propose(PlanContracts.breastCancer(), 569, "batch_1");
        Experiment forest = plan.byId("exp_003");
        assertEquals("exp_002", forest.parent());
        assertEquals(Map.of("trees", 200, "max_depth", 8), forest.params());
        assertEquals("Sets trees from 100 to 200.", forest.change());
        Experiment boosting = plan.byId("exp_005");
        assertEquals("exp_004", boosting.parent());
        assertEquals(Map.of("trees", 400, "max_depth", 3, "learning_rate", 0.1), boosting.params());
        assertNull(plan.byId("exp_006").parent(), "a new family starts fresh");
    }

    @Test
    void questionsUsePlainWords() {
        Plan plan = Ladder.propose(PlanContracts.breastCancer(), 569, "batch_1");
        assertEquals("Do straight-line relationships between the columns and the answer already beat guessing the "
                + "most common answer?", plan.byId("exp_001").question());
        plan.experiments().forEach(e -> assertTrue(e.question().endsWith("?"), e.question()));
    }

    @Test
    void diabetesRegressionLadderAddsRidgeAndPassesTheReviewer() {
        Contract contract = PlanContracts.diabetes();
        int rows = PlanContracts.table("diabetes.csv").rowCount();
        Plan plan = Ladder.propose(contract, rows, "batch_1");

        assertEquals(List.of(), Reviewer.review(plan, contract));
        assertEquals(8, plan.experiments().size());
        assertEquals("mean", plan.byId("exp_000").params().get("strategy"));
        Experiment ridge = plan.byId("exp_002");
        assertEquals(Family.LINEAR, ridge.family());
        assertEquals("exp_001", ridge.parent());
        assertEquals(Map.of("l2", 1.0), ridge.params());
        assertEquals("val_rmse <= baseline * 0.99", ridge.success().text());
        assertEquals("val_rmse > baseline", ridge.failure().text());
    }

    @Test
    void tightBoundsShrinkTheLadderInsteadOfBreakingThem() {
        // 1000 trees x depth: the 800 forest fits but neither 1600 nor 1200; boosting's 600 fits, 1200 does not.
        Contract contract = PlanContracts.breastCancer(PlanContracts.ALL_MODELS, 1_000, 1_000);
        Plan plan = Ladder.propose(contract, 569, "batch_1");

        assertEquals(List.of(), Reviewer.review(plan, contract));
        assertEquals(List.of(Family.BASELINE, Family.LINEAR, Family.RANDOM_FOREST, Family.GRADIENT_BOOSTING,
                Family.GRADIENT_BOOSTING), families(plan), "no forest follow-up and no 4097-parameter network");
        assertEquals(Map.of("trees", 200, "max_depth", 3, "learning_rate", 0.05), plan.byId("exp_004").params());
    }

    @Test
    void boundBetweenChoosesDeeperForest() {
        Contract contract = PlanContracts.breastCancer(PlanContracts.ALL_MODELS, 10_000, 1_200);
        Plan plan = Ladder.propose(contract, 569, "batch_1");
        assertEquals(List.of(), Reviewer.review(plan, contract));
        assertEquals(Map.of("trees", 100, "max_depth", 12), plan.byId("exp_003").params());
    }

    @Test
    void onlyAllowedFamiliesAreProposed() {
        Contract contract = PlanContracts.breastCancer(List.of(Family.LINEAR), 10_000, 2_000);
        Plan plan = Ladder.propose(contract, 569, "batch_1");
        assertEquals(List.of(Family.BASELINE, Family.LINEAR), families(plan));
        assertEquals(List.of(), Reviewer.review(plan, contract));
    }

    @Test
    void estimatesGrowWithTheWorkAndFitTheDefaultBudget() {
        Plan plan = Ladder.propose(PlanContracts.breastCancer(), 569, "batch_1");
        double baseline = plan.byId("exp_000").estimatedSeconds();
        double forest = plan.byId("exp_002").estimatedSeconds();
        double biggerForest = plan.byId("exp_003").estimatedSeconds();
        assertTrue(baseline < forest && forest < biggerForest, baseline + " " + forest + " " + biggerForest);
        assertTrue(plan.estimatedWallClockMinutes() < Budget.DEFAULT.maxWallClockMinutes());
    }

    @Test
    void noRowsIsRefused() {
        String m = assertThrows(IllegalArgumentException.class,
                () -> Ladder.propose(PlanContracts.breastCancer(), 0, "batch_1")).getMessage();
        assertEquals("A plan for 0 rows would train on nothing; give the number of rows in the data, 1 or more.", m);
    }
}
