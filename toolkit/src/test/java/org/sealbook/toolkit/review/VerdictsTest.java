package org.sealbook.toolkit.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.sealbook.toolkit.review.StrategyReview.Concern;
import org.sealbook.toolkit.runs.RunStatus;

/** The one mapping from raw codes to words: every combination has words, and none of them shows a code. */
class VerdictsTest {
    private static final String ID = "exp_004";

    private static MetricReview metric(MetricVerdict verdict, boolean overfit, boolean converged, double high) {
        return new MetricReview(ID, verdict, overfit, converged, 0.05, high / 2, high - 0.1, high, List.of());
    }

    private static StrategyReview strategy(StrategyDecision decision, List<Concern> concerns) {
        return new StrategyReview(ID, decision, concerns, decision == StrategyDecision.DISCARD ? List.of("exp_002")
                : List.of(), "exp_000", 0.001, List.of());
    }

    private static final MetricReview ACCEPTED = metric(MetricVerdict.ACCEPT, false, true, 0.3);

    @Test
    void theIssuesWordsForEachOutcome() {
        assertEquals("honest winner", Verdicts.words(RunStatus.DONE, ACCEPTED, strategy(StrategyDecision.KEEP,
                List.of())));
        assertEquals("kept, with concerns: slow to predict; its last change gained too little (diminishing returns)",
                Verdicts.words(RunStatus.DONE, ACCEPTED, strategy(StrategyDecision.KEEP_WITH_CONCERNS,
                        List.of(Concern.SLOW_PREDICTIONS, Concern.DIMINISHING_RETURNS))));
        assertEquals("dominated", Verdicts.words(RunStatus.DONE, ACCEPTED, strategy(StrategyDecision.DISCARD,
                List.of())));
        assertEquals("overfit · flagged", Verdicts.words(RunStatus.DONE,
                metric(MetricVerdict.INCONCLUSIVE, true, true, 0.3), null));
        assertEquals("too close to baseline", Verdicts.words(RunStatus.DONE,
                metric(MetricVerdict.INCONCLUSIVE, false, true, 0.3), null));
        assertEquals("undecided: it could not be compared with the baseline row by row", Verdicts.words(
                RunStatus.DONE, new MetricReview(ID, MetricVerdict.INCONCLUSIVE, false, true, 0.05, 0.2, Double.NaN,
                        Double.NaN, List.of()), null));
        assertEquals("worse than the baseline", Verdicts.words(RunStatus.DONE,
                metric(MetricVerdict.REJECT, false, true, -0.02), null));
        assertEquals("not better than the baseline", Verdicts.words(RunStatus.DONE,
                metric(MetricVerdict.REJECT, false, true, 0.0), null));
        assertEquals("failed to converge: it learned nothing beyond the baseline", Verdicts.words(RunStatus.DONE,
                metric(MetricVerdict.REJECT, false, false, 0.0), null));
        assertEquals("the bar", Verdicts.words(RunStatus.DONE, metric(MetricVerdict.BASELINE, false, true, 0), null));
        assertEquals("tamper detected", Verdicts.words(RunStatus.BLOCKED_TAMPER, null, null));
        assertEquals("out of memory", Verdicts.words(RunStatus.CRASHED_OOM, null, null));
        assertEquals("training diverged", Verdicts.words(RunStatus.CRASHED_NAN, null, null));
        assertEquals("stopped before the end", Verdicts.words(RunStatus.STOPPED, null, null));
        assertEquals("crashed", Verdicts.words(RunStatus.CRASHED, null, null));
    }

    @Test
    void everyStatusVerdictAndDecisionHasWordsWithoutARawCode() {
        List<MetricReview> metrics = new ArrayList<>();
        metrics.add(null);
        for (MetricVerdict verdict : Stream.concat(Stream.of((MetricVerdict) null),
                Arrays.stream(MetricVerdict.values())).toList()) {
            for (boolean overfit : new boolean[] {false, true}) {
                for (boolean converged : new boolean[] {false, true}) {
                    for (double high : new double[] {-0.1, 0.0, 0.3, Double.NaN}) {
                        metrics.add(metric(verdict, overfit, converged, high));
                    }
                }
            }
        }
        List<StrategyReview> strategies = new ArrayList<>();
        strategies.add(null);
        for (StrategyDecision decision : StrategyDecision.values()) {
            strategies.add(strategy(decision, List.of()));
            strategies.add(strategy(decision, Arrays.asList(Concern.values())));
        }
        List<String> codes = Stream.of(RunStatus.values(), MetricVerdict.values(), StrategyDecision.values(),
                Concern.values(), ReviewFinding.Code.values()).flatMap(Arrays::stream).map(Enum::name).toList();
        int combinations = 0;
        for (RunStatus status : RunStatus.values()) {
            for (MetricReview metric : metrics) {
                for (StrategyReview strategy : strategies) {
                    String words = Verdicts.words(status, metric, strategy);
                    String where = status + " / " + metric + " / " + strategy + ": " + words;
                    assertFalse(words.isBlank(), where);
                    assertFalse(words.contains("_"), where);
                    for (String code : codes) {
                        assertFalse(words.contains(code), where + " shows the code " + code);
                    }
                    combinations++;
                }
            }
        }
        assertEquals(RunStatus.values().length * metrics.size() * strategies.size(), combinations);
        assertTrue(combinations > 1000, combinations + " combinations");
    }

    @Test
    void reviewsOfTwoDifferentRunsAreRefused() {
        StrategyReview other = new StrategyReview("exp_009", StrategyDecision.KEEP, List.of(), List.of(), "exp_000",
                0.1, List.of());
        assertEquals("The metric review of exp_004 is paired with the strategy review of exp_009; pass the two reviews "
                + "of the same run.", assertThrows(IllegalArgumentException.class,
                () -> Verdicts.words(RunStatus.DONE, ACCEPTED, other)).getMessage());
        assertEquals("A verdict needs the run's status; pass the status its result records.",
                assertThrows(IllegalArgumentException.class, () -> Verdicts.words(null, ACCEPTED, null)).getMessage());
    }
}
