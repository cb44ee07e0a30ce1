package org.sealbook.toolkit.runs;

import java.util.Map;

/**
 * One run as it stands: its status, how far it is (steps are epochs, trees or rounds), the latest numbers it
 * reported, and the time so far and left.
 *
 * @param secondsLeft estimated from the pace so far; NaN before the first step
 * @param sentence    the status or the latest warning, in plain words
 */
public record RunProgress(String id, String family, RunStatus status, int done, int total, Map<String, Double> metrics,
                          double seconds, double secondsLeft, String sentence) {

    public RunProgress {
        metrics = Map.copyOf(metrics);
    }
}
