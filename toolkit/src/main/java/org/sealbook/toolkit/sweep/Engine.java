package org.sealbook.toolkit.sweep;

import java.util.List;
import java.util.Map;

/**
 * The search engine's parts a sweep calls, each behind one small interface: how a line's range is read, which
 * sampler proposes trials, how early stopping judges a trial at a rung, and how much each setting mattered.
 * {@link #STANDARD} is this package's engine; a test may pass its own parts.
 */
public record Engine(RangeParser ranges, SamplerFactory samplers, StopperFactory stoppers,
                     ImportanceMeasure importance) {
    /** {@link SearchSpace#parseRange}: a range, or null for a fixed value; bad text throws one sentence. */
    @FunctionalInterface
    public interface RangeParser {
        Range parse(String setting, String text);
    }

    /** {@link Sampler#of}. */
    @FunctionalInterface
    public interface SamplerFactory {
        Sampler of(String strategy, SearchSpace space, long seed);
    }

    /** Early stopping as {@link Asha} does it: whether a trial goes on at a step, and the rung it reached. */
    public interface Stopper {
        boolean goOn(String trial, int step, double score);

        int rungReached(String trial);
    }

    @FunctionalInterface
    public interface StopperFactory {
        Stopper asha(int minSteps, int maxSteps, int eta);
    }

    /** {@link Importance#of}. */
    @FunctionalInterface
    public interface ImportanceMeasure {
        Map<String, Double> of(SearchSpace space, List<Observation> trials, long seed);
    }

    public static final Engine STANDARD = new Engine(SearchSpace::parseRange, Sampler::of, (min, max, eta) -> {
        Asha asha = new Asha(min, max, eta);
        return new Stopper() {
            @Override
            public boolean goOn(String trial, int step, double score) {
                return asha.goOn(trial, step, score);
            }

            @Override
            public int rungReached(String trial) {
                return asha.rungReached(trial);
            }
        };
    }, Importance::of);
}
