package org.sealbook.toolkit.sweep;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Each setting drawn evenly over its range, independently of the others and of the trials so far: evenly over the
 * powers of ten for a log range, every whole number alike (both ends included) for an int range. One seeded stream,
 * so the same seed proposes the same trials in the same order.
 */
final class RandomSampler implements Sampler {
    private final List<Dimension> dimensions;
    private final SplittableRandom random;

    RandomSampler(SearchSpace space, long seed) {
        this.dimensions = Dimension.of(space);
        this.random = new SplittableRandom(seed);
    }

    @Override
    public synchronized Optional<Map<String, Object>> next(List<Observation> history) {
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
