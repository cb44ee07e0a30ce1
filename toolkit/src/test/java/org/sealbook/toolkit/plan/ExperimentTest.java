package org.sealbook.toolkit.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sealbook.toolkit.hypothesis.Family;

class ExperimentTest {
    // The 30 measurement columns of breast_cancer.csv, the size the complexity counts use.
    private static final List<String> FEATURES = PlanContracts.breastCancer().features();

    private static Experiment experiment(Family family, Map<String, Object> params) {
        return new Experiment("exp_001", null, family, params, FEATURES, "new family", "Does it help?",
                Criterion.parse("val_auc >= baseline * 1.01"), Criterion.parse("val_auc < baseline"), 2.5);
    }

    @Test
    void complexityCountsEachFamilyInItsOwnUnit() {
        assertEquals(30, FEATURES.size());
        assertEquals(0, experiment(Family.BASELINE, Map.of()).complexity());
        assertEquals(31, experiment(Family.LINEAR, Map.of()).complexity());
        assertEquals(800, experiment(Family.RANDOM_FOREST, Map.of("trees", 100, "max_depth", 8)).complexity());
        assertEquals(600, experiment(Family.GRADIENT_BOOSTING,
                Map.of("trees", 200, "max_depth", 3, "learning_rate", 0.1)).complexity());
    }

    @Test
    void mlpCountsWeightsAndBiasesOfEveryLayer() {
        // 30 -> 64 -> 32 -> 1: (30x64 + 64) + (64x32 + 32) + (32x1 + 1)
        assertEquals(1984 + 2080 + 33, experiment(Family.MLP, Map.of("hidden", "64,32")).complexity());
        // three outputs (three classes): the last layer is 32x3 + 3
        assertEquals(1984 + 2080 + 99, experiment(Family.MLP, Map.of("hidden", "64, 32", "outputs", 3)).complexity());
        // one hidden layer typed as a bare number (hidden=16 in a plan edit) is read as an Integer: 30x16 + 16 + 16 + 1
        assertEquals(480 + 16 + 17, experiment(Family.MLP, Map.of("hidden", 16)).complexity());
    }

    @Test
    void ensembleWithoutDepthSaysWhatToGive() {
        String m = assertThrows(IllegalArgumentException.class,
                () -> experiment(Family.RANDOM_FOREST, Map.of("trees", 100)).complexity()).getMessage();
        assertEquals("Experiment exp_001 (random_forest) has no max_depth; give max_depth as a whole "
                + "number above 0.", m);
    }

    @Test
    void mlpWithUnreadableLayersSaysHowToWriteThem() {
        String m = assertThrows(IllegalArgumentException.class,
                () -> experiment(Family.MLP, Map.of("hidden", "64;32")).complexity()).getMessage();
        assertTrue(m.contains("has the hidden layer sizes '64;32'") && m.contains("such as \"64,32\""), m);
    }

    @Test
    void parameterOfAnotherTypeIsRefused() {
        String m = assertThrows(IllegalArgumentException.class,
                () -> experiment(Family.RANDOM_FOREST, Map.of("trees", 100L, "max_depth", 8))).getMessage();
        assertEquals("Experiment exp_001 gives its parameter trees the value 100 (Long); give each parameter an "
                + "Integer, Double or String value.", m);
    }

    @Test
    void negativeTimeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Experiment("exp_001", null, Family.LINEAR, Map.of(),
                FEATURES, "new family", "Q?", Criterion.parse("gap < 1"), Criterion.parse("gap > 1"), -1));
    }

    @Test
    void paramsAreSortedAndCannotBeChangedAfterwards() {
        Map<String, Object> params = new HashMap<>(Map.of("trees", 200, "learning_rate", 0.1, "max_depth", 3));
        Experiment e = experiment(Family.GRADIENT_BOOSTING, params);
        params.put("trees", 9999);
        assertEquals(List.of("learning_rate", "max_depth", "trees"), List.copyOf(e.params().keySet()));
        assertEquals(200, e.params().get("trees"));
        assertThrows(UnsupportedOperationException.class, () -> e.params().put("trees", 1));
    }

    @Test
    void jsonRoundTripKeepsNumberKindsAndNullParent() {
        Experiment e = new Experiment("exp_004", null, Family.MLP,
                Map.of("hidden", "64,32", "epochs", 50, "learning_rate", 1.0), FEATURES, "new family",
                "Does a small network help?", Criterion.parse("val_auc >= baseline * 1.01"),
                Criterion.parse("gap > 0.1"), 12.3);
        JsonObject json = JsonParser.parseString(e.toJson().toString()).getAsJsonObject();
        Experiment back = Experiment.fromJson(json);
        assertEquals(e, back);
        assertNull(back.parent());
        assertInstanceOf(Integer.class, back.params().get("epochs"));
        assertInstanceOf(Double.class, back.params().get("learning_rate"), "1.0 stays a Double");
        assertEquals("val_auc >= baseline * 1.01", json.get("success").getAsString());
    }

    @Test
    void jsonWithoutAFieldNamesIt() {
        JsonObject json = experiment(Family.LINEAR, Map.of()).toJson();
        json.remove("question");
        String m = assertThrows(IllegalArgumentException.class, () -> Experiment.fromJson(json)).getMessage();
        assertEquals("The JSON of experiment exp_001 has no 'question' field; write it back with toJson, which "
                + "always includes it.", m);
    }
}
