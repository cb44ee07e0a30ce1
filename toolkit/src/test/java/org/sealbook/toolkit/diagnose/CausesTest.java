package org.sealbook.toolkit.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Causes rank by the strength of their evidence, each saying why it sits where it does; curves give their causes. */
class CausesTest {
    @Test
    void strongestFirstEachWithTheReasonForItsPlace() {
        Cause weak = new Cause(Cause.Kind.TOO_FEW_STEPS, "exp_002", 0.3, Map.of("fall", 0.06), "it still fell 6%",
                "train longer", null);
        Cause strong = new Cause(Cause.Kind.SPLIT_DIFFERS, null, 0.8, Map.of("auc", 0.9), "a forest told them apart",
                "%hypothesize --split stratified", null);
        List<Cause> ranked = Causes.rank(List.of(weak, strong));
        assertEquals(List.of(Cause.Kind.SPLIT_DIFFERS, Cause.Kind.TOO_FEW_STEPS),
                ranked.stream().map(Cause::kind).toList());
        assertEquals("It ranks first: its evidence is the strongest found (strength 0.8 of 1), because a forest told "
                + "them apart.", ranked.get(0).reason());
        assertEquals("It ranks second: strength 0.3, weaker than the one above (0.8), because it still fell 6%.",
                ranked.get(1).reason());
    }

    @Test
    void eachProblemVerdictPointsToItsCauseAndAHealthyCurveToNone() {
        Map<CurveVerdict, Cause.Kind> expected = Map.of(
                CurveVerdict.NOT_A_NUMBER, Cause.Kind.LEARNING_RATE,
                CurveVerdict.DIVERGED, Cause.Kind.LEARNING_RATE,
                CurveVerdict.OSCILLATING, Cause.Kind.LEARNING_RATE,
                CurveVerdict.OVERFITTING, Cause.Kind.TOO_MANY_STEPS,
                CurveVerdict.UNDERFITTING, Cause.Kind.TOO_SIMPLE,
                CurveVerdict.STILL_IMPROVING, Cause.Kind.TOO_FEW_STEPS,
                CurveVerdict.PLATEAU, Cause.Kind.TOO_MANY_STEPS);
        CurveRulesTest.CASES.forEach((verdict, history) -> {
            List<Cause> causes = Causes.fromCurves(List.of(CurveRules.read(history, Double.NaN)), Tries.forLog());
            if (verdict == CurveVerdict.HEALTHY) {
                assertTrue(causes.isEmpty(), causes.toString());
            } else {
                assertEquals(List.of(expected.get(verdict)), causes.stream().map(Cause::kind).toList(), verdict.words());
                assertTrue(causes.get(0).strength() > 0 && causes.get(0).strength() <= 1, causes.toString());
            }
        });
    }
}
