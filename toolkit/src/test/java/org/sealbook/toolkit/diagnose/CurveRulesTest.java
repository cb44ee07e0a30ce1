package org.sealbook.toolkit.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/** Each verdict fires on a curve built to show it, and on none of the others' curves. */
class CurveRulesTest {
    private static final int STEPS = 60;

    /** A run whose losses at step i (1-based) are train(i) and validation(i). */
    static CurveHistory curve(String name, int steps, IntToDoubleFunction train, IntToDoubleFunction validation) {
        List<Map<String, Double>> records = new ArrayList<>();
        for (int i = 1; i <= steps; i++) {
            Map<String, Double> record = new LinkedHashMap<>();
            record.put("step", (double) i);
            record.put("train_loss", train.applyAsDouble(i));
            record.put("val_loss", validation.applyAsDouble(i));
            records.add(record);
        }
        return new CurveHistory(name, records);
    }

    private static double decay(int i) {
        return Math.exp(-i / 8.0);
    }

    /** A deterministic wobble of about a tenth of a percent, so no curve is unnaturally smooth. */
    private static double noise(int i) {
        return 1 + 0.001 * Math.sin(i * 2.7);
    }

    static final Map<CurveVerdict, CurveHistory> CASES = new LinkedHashMap<>();

    static {
        CASES.put(CurveVerdict.HEALTHY, curve("healthy", STEPS, i -> (0.8 * decay(i) + 0.1) * noise(i),
                i -> (0.8 * decay(i) + 0.2) * noise(i + 1)));
        CASES.put(CurveVerdict.NOT_A_NUMBER, curve("nan", STEPS, i -> i >= 30 ? Double.NaN : 0.8 * decay(i) + 0.1,
                i -> 0.8 * decay(i) + 0.2));
        CASES.put(CurveVerdict.DIVERGED, curve("diverged", STEPS, i -> i < 20 ? 0.8 * decay(i) + 0.2
                : 0.26 * Math.exp((i - 20) / 10.0), i -> i < 20 ? 0.8 * decay(i) + 0.3 : 0.36 * Math.exp((i - 20) / 10.0)));
        CASES.put(CurveVerdict.OVERFITTING, curve("overfitting", STEPS, i -> (0.8 * decay(i) + 0.05) * noise(i),
                i -> (i <= 25 ? 0.8 * decay(i) + 0.35 : 0.8 * decay(25) + 0.35 + 0.006 * (i - 25)) * noise(i + 1)));
        CASES.put(CurveVerdict.UNDERFITTING, curve("underfitting", STEPS, i -> 0.69 - 0.0005 * i * noise(i),
                i -> 0.70 - 0.0004 * i * noise(i + 1)));
        CASES.put(CurveVerdict.OSCILLATING, curve("oscillating", STEPS, i -> (0.8 * decay(i) + 0.1) * noise(i),
                i -> (0.8 * decay(i) + 0.3) * (i % 2 == 0 ? 1.15 : 0.87)));
        CASES.put(CurveVerdict.PLATEAU, curve("plateau", STEPS, i -> Math.max(0.9 - 0.06 * i, 0.3),
                i -> Math.max(1.0 - 0.06 * i, 0.4)));
        CASES.put(CurveVerdict.STILL_IMPROVING, curve("still improving", STEPS, i -> 1.0 - 0.012 * i,
                i -> 1.1 - 0.012 * i));
    }

    @Test
    void eachVerdictFiresOnItsOwnCurveAndNoOther() {
        CASES.forEach((expected, history) -> {
            CurveReading reading = CurveRules.read(history, Double.NaN);
            assertEquals(List.of(expected), reading.verdicts().stream().map(Verdict::verdict).toList(),
                    history.run() + ": " + reading.verdicts());
        });
    }

    @Test
    void theOverfittingVerdictNamesItsNumbersAndTheyAreTheOnesItMeasured() {
        Verdict v = CurveRules.read(CASES.get(CurveVerdict.OVERFITTING), Double.NaN).main();
        assertEquals(25, v.numbers().get("lowest_step"), 3, v.numbers().toString());
        assertTrue(v.numbers().get("rise") > CurveRules.OVERFIT_RISE, v.numbers().toString());
        String lowest = org.sealbook.toolkit.explain.Numbers.number(v.numbers().get("lowest"));
        assertTrue(v.sentence().startsWith("The validation loss rose "
                + org.sealbook.toolkit.explain.Numbers.percent(v.numbers().get("rise")) + " from its lowest, " + lowest
                + " at step "), v.sentence());
        assertTrue(v.sentence().contains("while the training loss fell "), v.sentence());
        assertTrue(v.threshold().contains("10%"), v.threshold());
    }

    @Test
    void aFlatRunThatEndsFarBelowTheBaselineIsNotUnderfitting() {
        CurveHistory flat = CASES.get(CurveVerdict.UNDERFITTING);
        assertTrue(CurveRules.read(flat, 0.70).has(CurveVerdict.UNDERFITTING), "near the baseline's 0.70: high");
        assertTrue(!CurveRules.read(flat, 2.5).has(CurveVerdict.UNDERFITTING), "far below a baseline of 2.5");
    }

    @Test
    void aRunTooShortToReadHasNoVerdictAndSaysWhy() {
        CurveReading reading = CurveRules.read(curve("short", 3, i -> 1.0 / i, i -> 1.0 / i), Double.NaN);
        assertNull(reading.main());
        assertEquals("it logged 3 steps, and a curve needs at least 5 to be read", reading.unread());
    }

    @Test
    void aRunThatLoggedOnlyATrainingLossIsReadOnIt() {
        List<Map<String, Double>> records = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            records.add(Map.of("step", (double) i, "train_loss", 1.0 - 0.02 * i));
        }
        CurveReading reading = CurveRules.read(new CurveHistory("train only", records), Double.NaN);
        assertEquals(CurveVerdict.STILL_IMPROVING, reading.main().verdict());
        assertTrue(reading.main().sentence().contains("training loss"), reading.main().sentence());
    }
}
