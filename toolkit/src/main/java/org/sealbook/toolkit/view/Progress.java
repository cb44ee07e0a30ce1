package org.sealbook.toolkit.view;

import java.util.List;
import java.util.Map;

/** A handle on a running piece of work, updated as it goes and closed when it ends. */
public interface Progress extends AutoCloseable {
    /** Says that {@code done} of the total steps are finished, with a short detail. */
    void update(long done, String detail);

    /**
     * Adds a point to one of the work's curves, e.g. {@link LossCurves#VALIDATION} at a training step; the display
     * draws the curves small beside the bar with its next update. A display that draws no curves ignores it.
     */
    default void curve(String name, long step, double value) {
    }

    /**
     * Adds a training step's losses to the curves: its {@link LossCurves#TRAIN} and {@link LossCurves#VALIDATION}
     * metrics, whichever it reported. What %train and %sweep call with each step of a run.
     */
    default void losses(long step, Map<String, Double> metrics) {
        for (String loss : List.of(LossCurves.TRAIN, LossCurves.VALIDATION)) {
            Double value = metrics.get(loss);
            if (value != null) {
                curve(loss, step, value);
            }
        }
    }

    /** Ends the progress display; later updates are ignored. */
    @Override
    void close();
}
