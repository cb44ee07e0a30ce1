package org.sealbook.toolkit.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class ImportanceTest {
    private static final SearchSpace SPACE = space();

    private static SearchSpace space() {
        Map<String, Range> ranges = new LinkedHashMap<>();
        ranges.put("learning_rate", SearchSpace.parseRange("learning_rate", "log(0.0001, 1)"));
        ranges.put("max_depth", SearchSpace.parseRange("max_depth", "int(1, 10)"));
        ranges.put("loss", SearchSpace.parseRange("loss", "gini, entropy, log_loss"));
        ranges.put("dropout", SearchSpace.parseRange("dropout", "range(0, 0.5)"));
        return SearchSpace.of(ranges);
    }

    private static List<Observation> trials(int n, ToDoubleFunction<Map<String, Object>> score) {
        Sampler random = Sampler.of("random", SPACE, 11);
        List<Observation> trials = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> s = random.next(trials).orElseThrow();
            trials.add(new Observation(s, score.applyAsDouble(s), true));
        }
        return trials;
    }

    @Test
    void theOneSettingThatMattersComesFirstWithNearlyAllTheSpread() {
        // Only the learning rate moves the score: best at 0.01, worse by the square of each power of ten away.
        Map<String, Double> shares = Importance.of(SPACE, trials(60, s -> {
            double powers = Math.log10((Double) s.get("learning_rate")) + 2;
            return -powers * powers;
        }), 5);
        assertEquals(List.of("learning_rate", "max_depth", "loss", "dropout").size(), shares.size());
        assertEquals("learning_rate", shares.keySet().iterator().next(), shares.toString());
        assertTrue(shares.get("learning_rate") > 0.8, shares.toString());
        for (String other : List.of("max_depth", "loss", "dropout")) {
            assertTrue(shares.get(other) < 0.05, shares.toString());
        }
        assertTrue(shares.values().stream().mapToDouble(Double::doubleValue).sum() <= 1 + 1e-9, shares.toString());
    }

    @Test
    void aChoiceThatMattersIsFoundToo() {
        Map<String, Double> shares = Importance.of(SPACE, trials(40, s -> switch ((String) s.get("loss")) {
            case "gini" -> 0.9;
            case "entropy" -> 0.7;
            default -> 0.2;
        } + 0.01 * (Double) s.get("dropout")), 5);
        assertEquals("loss", shares.keySet().iterator().next(), shares.toString());
        assertTrue(shares.get("loss") > 0.9, shares.toString());
    }

    @Test
    void twoSettingsThatMatterAreRankedByHowMuch() {
        Map<String, Double> shares = Importance.of(SPACE, trials(80, s -> 3.0 * (Double) s.get("dropout")
                + 0.05 * (Integer) s.get("max_depth")), 5);
        List<String> order = List.copyOf(shares.keySet());
        assertEquals(List.of("dropout", "max_depth"), order.subList(0, 2), shares.toString());
    }

    @Test
    void fewerThanTenFinishedTrialsGiveNothing() {
        List<Observation> trials = new ArrayList<>(trials(9, s -> (Double) s.get("dropout")));
        // Stopped early or failed trials do not count as finished.
        trials.add(new Observation(trials.get(0).params(), 0.3, false));
        trials.add(new Observation(trials.get(1).params(), Double.NaN, true));
        assertEquals(Map.of(), Importance.of(SPACE, trials, 5));
        trials.add(new Observation(trials.get(2).params(), 0.4, true));
        assertEquals(4, Importance.of(SPACE, trials, 5).size());
    }

    @Test
    void equalScoresLeaveEverySettingAtZero() {
        Map<String, Double> shares = Importance.of(SPACE, trials(20, s -> 0.5), 5);
        assertEquals(4, shares.size());
        assertTrue(shares.values().stream().allMatch(share -> share == 0.0), shares.toString());
    }
}
