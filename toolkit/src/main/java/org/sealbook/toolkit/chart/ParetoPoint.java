package org.sealbook.toolkit.chart;

/**
 * One run on the score-against-complexity chart.
 * Usage: {@code new ParetoPoint("exp_002", 54.8, 11, true)}.
 *
 * @param score      the run's locked metric on the validation rows
 * @param complexity the model's size in its family's unit (weights, or trees x depth); 0 for the baseline
 * @param onFront    whether no other run is at least as good on both score and complexity and better on one
 */
public record ParetoPoint(String id, double score, long complexity, boolean onFront) {
    public ParetoPoint {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("A point on the Pareto chart needs its run's id; pass one such as "
                    + "\"exp_002\".");
        }
        if (!Double.isFinite(score)) {
            throw new IllegalArgumentException("The run " + id + " has no finite score (" + score + "); leave runs "
                    + "without a score out of the Pareto chart.");
        }
        if (complexity < 0) {
            throw new IllegalArgumentException("The run " + id + " has complexity " + complexity + "; give the "
                    + "model's size, 0 or more.");
        }
    }
}
