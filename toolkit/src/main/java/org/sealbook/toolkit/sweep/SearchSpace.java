package org.sealbook.toolkit.sweep;

import java.util.Map;

/**
 * The settings a sweep searches, each with its {@link Range}, in the order the reader wrote them.
 * Usage: {@code SearchSpace.of(Map.of("learning_rate", SearchSpace.parseRange("learning_rate", "log(0.001, 0.3)")))}.
 */
public record SearchSpace(Map<String, Range> ranges) {
    public SearchSpace {
        ranges = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(ranges));
    }

    public static SearchSpace of(Map<String, Range> ranges) {
        return new SearchSpace(ranges);
    }

    /**
     * A range from its text ({@code 0.1, 0.3}; {@code range(0, 1)}; {@code log(1e-4, 1e-1)}; {@code int(2, 8)}), or
     * null when the text is a single fixed value. Bad text (an empty range, lo >= hi, log of a number <= 0, an
     * unreadable number) throws IllegalArgumentException with one sentence naming {@code setting} and the fix.
     */
    public static Range parseRange(String setting, String text) {
        return RangeText.parse(setting, text);
    }
}
