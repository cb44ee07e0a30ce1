package org.sealbook.toolkit.sweep;

import java.util.Map;

/**
 * What a sampler or the importance analysis learns from one trial: the settings it tried and its score on the
 * validation rows, oriented so that higher is better (a loss is negated by the caller); NaN for a trial that failed
 * or has no score yet. {@code complete} is false for a trial stopped early by ASHA (its score is from a lower rung).
 */
public record Observation(Map<String, Object> params, double score, boolean complete) {
    public Observation {
        params = Map.copyOf(params);
    }
}
