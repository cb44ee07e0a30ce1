package org.sealbook.toolkit.diagnose;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One verdict on one run's curve, with the rule that fired, its threshold and the numbers it measured, so the
 * sentence can be checked against them.
 *
 * @param rule      the rule in words, e.g. "the smoothed validation loss rose from its lowest to the end while the
 *                  smoothed training loss fell"
 * @param threshold the threshold in words, e.g. "a rise of more than 10%"
 * @param numbers   what the rule measured, by name (finite numbers only), in a stable order
 * @param sentence  what it found, in plain words, every number in it from {@code numbers}
 * @param at        the step the verdict points at (where the validation loss was lowest, the first broken number),
 *                  for the chart's mark
 */
public record Verdict(CurveVerdict verdict, String rule, String threshold, Map<String, Double> numbers,
                      String sentence, double at) {
    public Verdict {
        Map<String, Double> finite = new LinkedHashMap<>();
        numbers.forEach((k, v) -> {
            if (v != null && Double.isFinite(v)) {
                finite.put(k, v);
            }
        });
        numbers = java.util.Collections.unmodifiableMap(finite);
    }
}
