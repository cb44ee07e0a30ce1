package org.sealbook.toolkit.sweep;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses the next trial's settings from the search space and what the earlier trials scored. Implementations:
 * grid (every combination of choices, in order; ranges are refused there), random (uniform, seeded) and a
 * tree-structured Parzen estimator with Optuna's defaults (10 random start-up trials, 24 candidates). Each is
 * deterministic for its seed and history. Usage: {@code Sampler s = Sampler.of("bayesian", space, 7);
 * Map<String, Object> next = s.next(history).orElseThrow();}
 */
public interface Sampler {
    /** The next trial's settings (each an Integer, Double or String), or empty when the sampler has none left. */
    Optional<Map<String, Object>> next(List<Observation> history);

    /** How many trials this sampler can propose at most: the grid's size, or empty for no limit. */
    default Optional<Integer> size() {
        return Optional.empty();
    }

    /** {@code strategy} is grid, random or bayesian; any other is refused with one sentence naming the three. */
    static Sampler of(String strategy, SearchSpace space, long seed) {
        if (space.ranges().isEmpty()) {
            throw new IllegalArgumentException("The sweep searches no setting; give at least one setting choices "
                    + "such as 0.1, 0.3 or a range such as log(0.001, 0.1).");
        }
        String name = strategy == null ? "" : strategy.strip();
        return switch (name) {
            case "grid" -> new GridSampler(space);
            case "random" -> new RandomSampler(space, seed);
            case "bayesian" -> new ParzenSampler(space, seed);
            default -> throw new IllegalArgumentException("The search strategy '" + name + "' is not known; use "
                    + "grid, random or bayesian.");
        };
    }
}
