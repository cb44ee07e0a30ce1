package org.sealbook.toolkit.review;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sealbook.toolkit.plan.Experiment;
import org.sealbook.toolkit.runs.RunStatus;

/**
 * Everything the reviewers read about one run, gathered by the caller from the workspace: the reviewers never read
 * files. Usage: {@code new RunEvidence(experiment, RunStatus.DONE, scores, history, 31, 0.4, 2e-6, predictions, true)}.
 *
 * @param experiment            the planned experiment the run trained
 * @param status                where the run ended
 * @param scores                what result.json records: {@code train_<metric>}, {@code val_<metric>} (and more)
 * @param history               the step records of log.jsonl in order, e.g. {@code train_loss}, {@code val_loss},
 *                              {@code grad_norm}, {@code step}, {@code total}; NaN where the log says NaN
 * @param complexity            the model's size in its own unit (weights, trees x depth, or tree nodes), 0 or more
 * @param fitSeconds            the training time in seconds; NaN when unknown
 * @param predictSecondsPerRow  the time to predict one row in seconds; NaN when unknown
 * @param validationPredictions the model's predictions for the validation rows, as {@code Model.predict} gives
 *                              them (shared, not copied); null when the run left no model
 * @param converged             false when its training loss ended no lower than the baseline's (it learned nothing)
 */
public record RunEvidence(Experiment experiment, RunStatus status, Map<String, Double> scores,
                          List<Map<String, Double>> history, long complexity, double fitSeconds,
                          double predictSecondsPerRow, double[][] validationPredictions, boolean converged) {

    public RunEvidence {
        if (experiment == null) {
            throw new IllegalArgumentException("Run evidence needs the experiment it ran; give the plan's experiment.");
        }
        String id = experiment.id();
        if (status == null || scores == null || history == null) {
            throw new IllegalArgumentException("The evidence of " + id + " has no "
                    + (status == null ? "status" : scores == null ? "scores" : "history")
                    + "; give an empty map or list when the run recorded none, and its status always.");
        }
        if (complexity < 0) {
            throw new IllegalArgumentException("The evidence of " + id + " gives a size of " + complexity
                    + "; give the model's size as 0 or more.");
        }
        checkTime(fitSeconds, "training time", id);
        checkTime(predictSecondsPerRow, "prediction time per row", id);
        scores = Collections.unmodifiableMap(new LinkedHashMap<>(noNulls(scores, id + "'s scores")));
        List<Map<String, Double>> steps = new ArrayList<>();
        for (int i = 0; i < history.size(); i++) {
            Map<String, Double> step = history.get(i);
            if (step == null) {
                throw new IllegalArgumentException("Step record " + (i + 1) + " of " + id + "'s history is empty "
                        + "(null); give one map of numbers per logged step.");
            }
            steps.add(Collections.unmodifiableMap(new LinkedHashMap<>(noNulls(step,
                    "step record " + (i + 1) + " of " + id + "'s history"))));
        }
        history = List.copyOf(steps);
    }

    /** The experiment's id, e.g. exp_003. */
    public String id() {
        return experiment.id();
    }

    private static void checkTime(double seconds, String what, String id) {
        if (seconds < 0 || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("The evidence of " + id + " gives a " + what + " of " + seconds
                    + " seconds; give a finite number of seconds, 0 or more, or NaN when it is unknown.");
        }
    }

    private static Map<String, Double> noNulls(Map<String, Double> values, String where) {
        values.forEach((key, value) -> {
            if (key == null || value == null) {
                throw new IllegalArgumentException("In " + where + ", " + (key == null ? "a number has no name"
                        : "'" + key + "' has no number (null)") + "; leave an unknown value out, or give NaN.");
            }
        });
        return values;
    }
}
