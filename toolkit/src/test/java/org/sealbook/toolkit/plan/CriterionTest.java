package org.sealbook.toolkit.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sealbook.toolkit.hypothesis.Metric;

class CriterionTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "val_auc >= baseline * 1.01    | val_auc >= baseline * 1.01",
            "val_auc>=baseline*1.01        | val_auc >= baseline * 1.01",
            "'  VAL_RMSE <=baseline*0.990 '| val_rmse <= baseline * 0.99",
            "gap <= 0.10                   | gap <= 0.1",
            "val_accuracy < baseline       | val_accuracy < baseline",
            "train_r2 > -0.5               | train_r2 > -0.5",
            "val_mae <= baseline - 1e-2    | val_mae <= baseline - 0.01",
            "val_f1>baseline+2             | val_f1 > baseline + 2",
            "val_log_loss <= 0.300         | val_log_loss <= 0.3"})
    void normalisesAndRoundTrips(String written, String normalised) {
        Criterion parsed = Criterion.parse(written);
        assertEquals(normalised, parsed.text());
        assertEquals(normalised, parsed.toString());
        assertEquals(parsed, Criterion.parse(parsed.text()));
        assertEquals(normalised, Criterion.parse(parsed.text()).text());
    }

    @Test
    void namesItsMetricAndWhetherItReadsTheBaseline() {
        assertEquals(Optional.of(Metric.AUC), Criterion.parse("val_auc >= baseline * 1.01").metric());
        assertEquals(Optional.of(Metric.R2), Criterion.parse("train_r2 > 0").metric());
        assertEquals(Optional.empty(), Criterion.parse("gap <= 0.1").metric());
        assertTrue(Criterion.parse("val_auc >= baseline * 1.01").usesBaseline());
        assertFalse(Criterion.parse("gap <= 0.1").usesBaseline());
    }

    @Test
    void relativeBaselineBar() {
        Criterion rule = Criterion.parse("val_auc >= baseline * 1.01"); // bar 0.5 x 1.01 = 0.505
        Map<String, Double> baseline = Map.of("val_auc", 0.5);
        assertTrue(rule.test(Map.of("val_auc", 0.506), baseline));
        assertFalse(rule.test(Map.of("val_auc", 0.504), baseline));
    }

    @Test
    void lowerIsBetterBar() {
        Criterion rule = Criterion.parse("val_rmse <= baseline * 0.99"); // bar 10 x 0.99 = 9.9
        Map<String, Double> baseline = Map.of("val_rmse", 10.0);
        assertTrue(rule.test(Map.of("val_rmse", 9.8), baseline));
        assertFalse(rule.test(Map.of("val_rmse", 9.95), baseline));
    }

    @Test
    void additiveAndSubtractiveBaselineBars() {
        Map<String, Double> baseline = Map.of("val_r2", 0.0, "val_mae", 50.0);
        assertTrue(Criterion.parse("val_r2 >= baseline + 0.01").test(Map.of("val_r2", 0.02), baseline));
        assertFalse(Criterion.parse("val_r2 >= baseline + 0.01").test(Map.of("val_r2", 0.005), baseline));
        assertTrue(Criterion.parse("val_mae < baseline - 2").test(Map.of("val_mae", 47.0), baseline));
        assertFalse(Criterion.parse("val_mae < baseline - 2").test(Map.of("val_mae", 48.0), baseline));
    }

    @Test
    void plainBaselineAndStrictComparison() {
        Criterion worse = Criterion.parse("val_accuracy < baseline");
        Map<String, Double> baseline = Map.of("val_accuracy", 0.62);
        assertTrue(worse.test(Map.of("val_accuracy", 0.60), baseline));
        assertFalse(worse.test(Map.of("val_accuracy", 0.62), baseline), "equal is not worse");
    }

    @Test
    void numberBoundsIgnoreTheBaseline() {
        Criterion gap = Criterion.parse("gap <= 0.10");
        assertTrue(gap.test(Map.of("gap", 0.10), null), "the bound itself passes <=");
        assertFalse(gap.test(Map.of("gap", 0.11), null));
        assertTrue(Criterion.parse("gap > 0.1").test(Map.of("gap", 0.2), Map.of()));
    }

    @Test
    void missingScoreIsNamed() {
        String m = assertThrows(IllegalArgumentException.class, () -> Criterion.parse("val_auc >= 0.9")
                .test(Map.of("val_accuracy", 0.9), Map.of())).getMessage();
        assertEquals("The experiment has no score val_auc to check val_auc >= 0.9 against; compute val_auc for it "
                + "first.", m);
    }

    @Test
    void missingBaselineScoreIsNamed() {
        String m = assertThrows(IllegalArgumentException.class, () -> Criterion.parse("val_auc >= baseline * 1.01")
                .test(Map.of("val_auc", 0.9), Map.of("val_accuracy", 0.6))).getMessage();
        assertTrue(m.startsWith("The baseline has no score val_auc"), m);
    }

    @Test
    void notANumberScoreIsRefused() {
        String m = assertThrows(IllegalArgumentException.class, () -> Criterion.parse("gap <= 0.1")
                .test(Map.of("gap", Double.NaN), Map.of())).getMessage();
        assertTrue(m.contains("is not a number (NaN)"), m);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''                        | The criterion is empty",
            "val_auc 0.9               | The criterion 'val_auc 0.9' has no comparison",
            "val_auc == 0.9            | compares with '==', which is not one of >=, <=, >, <",
            "val_auc => 0.9            | compares with '=>'",
            "val_auc >=                | has nothing on the right of >=",
            ">= 0.9                    | has nothing on the left of >=",
            "auc >= 0.9                | starts with 'auc', which is not val_<metric>, train_<metric> or gap",
            "val_speed >= 0.9          | names the metric 'speed', which does not exist; use one of auc, accuracy",
            "val_auc >= baseline / 2   | ends with 'baseline / 2', which is neither a number nor baseline",
            "val_auc >= base + 0.01    | ends with 'base + 0.01'",
            "val_auc >= baseline + -1  | ends with 'baseline + -1'",
            "val_auc >= 0.9 or gap < 1 | ends with '0.9 or gap < 1'"})
    void badTextGetsOneSentenceWithAWorkingExample(String text, String expected) {
        String m = assertThrows(IllegalArgumentException.class, () -> Criterion.parse(text)).getMessage();
        assertTrue(m.contains(expected), m);
        assertTrue(m.endsWith("val_auc >= baseline * 1.01."), m);
        assertFalse(m.substring(0, m.length() - 1).contains(". "), "one sentence: " + m);
    }

    @Test
    void nullIsRefusedLikeEmpty() {
        assertThrows(IllegalArgumentException.class, () -> Criterion.parse(null));
    }
}
