package org.sealbook.toolkit.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SamplerTest {
    private static SearchSpace space(String... settingsAndRanges) {
        Map<String, Range> ranges = new LinkedHashMap<>();
        for (int i = 0; i < settingsAndRanges.length; i += 2) {
            ranges.put(settingsAndRanges[i], SearchSpace.parseRange(settingsAndRanges[i], settingsAndRanges[i + 1]));
        }
        return SearchSpace.of(ranges);
    }

    @Test
    void gridTriesEveryCombinationInOrderThenStops() {
        Sampler grid = Sampler.of("grid", space("max_depth", "2, 4", "loss", "gini, entropy", "trees", "int(1, 2)"), 1);
        assertEquals(Optional.of(8), grid.size());
        List<Map<String, Object>> seen = new ArrayList<>();
        Optional<Map<String, Object>> next;
        while ((next = grid.next(List.of())).isPresent()) {
            seen.add(next.get());
        }
        assertEquals(8, seen.size());
        assertEquals(Map.of("max_depth", 2, "loss", "gini", "trees", 1), seen.get(0));
        assertEquals(Map.of("max_depth", 2, "loss", "gini", "trees", 2), seen.get(1));
        assertEquals(Map.of("max_depth", 2, "loss", "entropy", "trees", 1), seen.get(2));
        assertEquals(Map.of("max_depth", 4, "loss", "entropy", "trees", 2), seen.get(7));
        assertEquals(List.of("max_depth", "loss", "trees"), List.copyOf(seen.get(0).keySet()));
    }

    @Test
    void gridPickedUpAgainSkipsWhatAlreadyRan() {
        Sampler grid = Sampler.of("grid", space("max_depth", "2, 4, 6"), 1);
        List<Observation> done = List.of(new Observation(Map.of("max_depth", 2), 0.5, true),
                new Observation(Map.of("max_depth", 6.0), 0.7, true));
        assertEquals(Optional.of(Map.of("max_depth", 4)), grid.next(done));
        assertEquals(Optional.empty(), grid.next(done));
    }

    @Test
    void gridRefusesAContinuousRangeSayingToGiveChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Sampler.of("grid", space("max_depth", "2, 4", "learning_rate", "log(0.001, 0.1)"), 1));
        assertTrue(e.getMessage().contains("learning_rate is the range log(0.001, 0.1)"), e.getMessage());
        assertTrue(e.getMessage().contains("give it choices such as 0.001, 0.01, 0.1, or search it with random or "
                + "bayesian"), e.getMessage());
    }

    @Test
    void unknownStrategyAndEmptySpaceAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Sampler.of("hyperband", space("max_depth", "2, 4"), 1));
        assertEquals("The search strategy 'hyperband' is not known; use grid, random or bayesian.", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Sampler.of("random", space(), 1));
        assertTrue(e.getMessage().startsWith("The sweep searches no setting"), e.getMessage());
    }

    @Test
    void randomStaysInsideEachRangeReachesIntEndsAndSpreadsLogRangesOverPowersOfTen() {
        Sampler random = Sampler.of("random", space("lr", "log(0.0001, 1)", "depth", "int(2, 4)",
                "dropout", "range(0.1, 0.5)", "act", "relu, tanh"), 3);
        Set<Object> depths = new HashSet<>();
        Set<Object> acts = new HashSet<>();
        int belowHundredth = 0;
        int draws = 2000;
        for (int i = 0; i < draws; i++) {
            Map<String, Object> s = random.next(List.of()).orElseThrow();
            double lr = (Double) s.get("lr");
            double dropout = (Double) s.get("dropout");
            assertTrue(lr >= 1e-4 && lr <= 1 && dropout >= 0.1 && dropout <= 0.5, s.toString());
            depths.add(s.get("depth"));
            acts.add(s.get("act"));
            belowHundredth += lr < 0.01 ? 1 : 0;
        }
        assertEquals(Set.of(2, 3, 4), depths);
        assertEquals(Set.of("relu", "tanh"), acts);
        // Half of the four powers of ten lie below 0.01; an even spread on the plain scale would put 1% there.
        assertEquals(0.5, belowHundredth / (double) draws, 0.05);
    }

    @Test
    void theSameSeedAndHistoryGiveTheSameProposals() {
        for (String strategy : List.of("random", "bayesian")) {
            List<Map<String, Object>> first = run(strategy, 7, 25);
            assertEquals(first, run(strategy, 7, 25), strategy);
            assertTrue(!first.equals(run(strategy, 8, 25)), strategy);
        }
    }

    @Test
    void aFreshSamplerGivenTheHistoryGoesOnAsTheFirstWouldAndTwinRequestsDiffer() {
        for (String strategy : List.of("random", "bayesian")) {
            List<Map<String, Object>> proposals = run(strategy, 7, 14);
            List<Observation> history = new ArrayList<>();
            for (Map<String, Object> s : proposals.subList(0, 12)) {
                history.add(new Observation(s, score(s), true));
            }
            // A sweep picked up again: a new sampler with the same seed and the ledger's 12 trials.
            Sampler fresh = Sampler.of(strategy, space("learning_rate", "log(0.00001, 1)", "max_depth", "int(1, 20)",
                    "kind", "a, b, c"), 7);
            Map<String, Object> again = fresh.next(history).orElseThrow();
            assertEquals(proposals.get(12), again, strategy);
            // Two trials started side by side from the same history must not be the same trial.
            assertTrue(!again.equals(fresh.next(history).orElseThrow()), strategy);
        }
    }

    @Test
    void failedTrialsRankAsTheWorstAndStoppedOnesAfterFinishedOnes() {
        List<Observation> history = List.of(new Observation(Map.of(), Double.NaN, false),
                new Observation(Map.of(), 0.9, false), new Observation(Map.of(), 0.5, true),
                new Observation(Map.of(), 0.7, true));
        assertEquals(List.of(3, 2, 1, 0), ParzenSampler.rank(history));
    }

    /** A score with one best point: learning rate 0.01, depth 7, the choice "b"; each miss costs. */
    private static double score(Map<String, Object> s) {
        double lr = Math.log10((Double) s.get("learning_rate")) + 2;
        double depth = ((Integer) s.get("max_depth") - 7) / 5.0;
        double kind = s.get("kind").equals("b") ? 0 : 0.3;
        return -(lr * lr) - depth * depth - kind;
    }

    private static List<Map<String, Object>> run(String strategy, long seed, int trials) {
        Sampler sampler = Sampler.of(strategy, space("learning_rate", "log(0.00001, 1)", "max_depth", "int(1, 20)",
                "kind", "a, b, c"), seed);
        List<Observation> history = new ArrayList<>();
        List<Map<String, Object>> proposals = new ArrayList<>();
        for (int t = 0; t < trials; t++) {
            Map<String, Object> s = sampler.next(history).orElseThrow();
            proposals.add(s);
            history.add(new Observation(s, score(s), true));
        }
        return proposals;
    }

    @Test
    void bayesianFindsABetterOptimumThanRandomWithTheSameBudget() {
        int seeds = 20;
        int budget = 40;
        double randomBest = 0;
        double bayesianBest = 0;
        for (long seed = 1; seed <= seeds; seed++) {
            randomBest += run("random", seed, budget).stream().mapToDouble(SamplerTest::score).max().orElseThrow();
            bayesianBest += run("bayesian", seed, budget).stream().mapToDouble(SamplerTest::score).max()
                    .orElseThrow();
        }
        randomBest /= seeds;
        bayesianBest /= seeds;
        // The best possible score is 0; the Parzen search must land clearly closer to it.
        assertTrue(bayesianBest > randomBest + 0.05, "bayesian " + bayesianBest + ", random " + randomBest);
    }
}
