package org.sealbook.toolkit.sweep;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Each setting drawn evenly over its range, independently of the others and of the trials so far: evenly over the
 * powers of ten for a log range, every whole number alike (both ends included) for an int range. Deterministic for the
 * seed and the history's size (see {@link Draws}).
 */
final class RandomSampler implements Sampler {
    private final List<Dimension> dimensions;
    private final Draws draws;

    RandomSampler(SearchSpace space, long seed) {
        this.dimensions = Dimension.of(space);
        this.draws = new Draws(seed);
    }

    @Override
    public Optional<Map<String, Object>> next(List<Observation> history) {
        SplittableRandom random = draws.next(history.size());
        return Optional.of(draw(dimensions, random));
    }

    static Map<String, Object> draw(List<Dimension> dimensions, SplittableRandom random) {
        Map<String, Object> settings = new LinkedHashMap<>();
        for (Dimension dimension : dimensions) {
            settings.put(dimension.name(), dimension.draw(random));
        }
        return settings;
    }
}
