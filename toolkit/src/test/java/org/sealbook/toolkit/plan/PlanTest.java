package org.sealbook.toolkit.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonParser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sealbook.toolkit.hypothesis.Family;

class PlanTest {
    private static Experiment run(String id, Family family, Map<String, Object> params, double seconds) {
        return new Experiment(id, null, family, params, List.of("a", "b"), "new family", "Q?",
                Criterion.parse("val_auc >= baseline * 1.01"), Criterion.parse("val_auc < baseline"), seconds);
    }

    private static final Plan FOUR = new Plan("batch_1", List.of(
            run("exp_000", Family.BASELINE, Map.of(), 60),
            run("exp_001", Family.LINEAR, Map.of(), 120),
            run("exp_002", Family.RANDOM_FOREST, Map.of("trees", 100, "max_depth", 8), 120),
            run("exp_003", Family.GRADIENT_BOOSTING, Map.of("trees", 200, "max_depth", 3), 120)),
            new Budget(12, 30, 2));

    @Test
    void baselineRunsAloneThenTheRestShareTheWorkers() {
        // 60 s alone, then 360 s over 2 workers = 180 s: 240 s in all.
        assertEquals(4.0, FOUR.estimatedWallClockMinutes(), 1e-9);
    }

    @Test
    void byIdFindsTheExperiment() {
        assertEquals(Family.RANDOM_FOREST, FOUR.byId("exp_002").family());
    }

    @Test
    void byIdOfAnAbsentIdListsTheIdsThereAre() {
        String m = assertThrows(IllegalArgumentException.class, () -> FOUR.byId("exp_009")).getMessage();
        assertEquals("The plan batch_1 has no experiment exp_009; its experiments are exp_000, exp_001, exp_002, "
                + "exp_003.", m);
    }

    @Test
    void jsonRoundTripOfTheDefaultLadder() {
        Plan plan = Ladder.propose(PlanContracts.breastCancer(), 569, "batch_1");
        Plan back = Plan.fromJson(JsonParser.parseString(plan.toJson().toString()).getAsJsonObject());
        assertEquals(plan, back);
    }

    @Test
    void blankBatchIsRefused() {
        String m = assertThrows(IllegalArgumentException.class,
                () -> new Plan(" ", List.of(), Budget.DEFAULT)).getMessage();
        assertEquals("A plan needs a batch name; give one such as batch_1.", m);
    }
}
