package org.sealbook.toolkit.runs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sealbook.toolkit.hypothesis.Family;
import org.sealbook.toolkit.plan.Experiment;

/**
 * Watches one run's steps as they come and says, once per run each, when its training loss spikes, its gradients
 * explode or its validation loss rises while its training loss falls (overfitting).
 * Usage: {@code for (String warning : watch.step(step, total, metrics)) listener.warning(id, warning);}
 */
final class RunWatch {
    private final Experiment experiment;
    private final List<Double> trainLosses = new ArrayList<>();
    private final List<Double> gradNorms = new ArrayList<>();
    private boolean spikeSaid;
    private boolean gradientSaid;
    private boolean divergenceSaid;
    private int risingSteps;
    private double lastTrain = Double.NaN;
    private double lastVal = Double.NaN;

    RunWatch(Experiment experiment) {
        this.experiment = experiment;
    }

    /** The plain-language warnings step {@code done} of {@code total} calls for, each said once per run. */
    synchronized List<String> step(int done, int total, Map<String, Double> m) {
        List<String> said = new ArrayList<>();
        Double train = m.get("train_loss");
        Double val = m.get("val_loss");
        if (train != null && Double.isFinite(train)) {
            double average = trainLosses.stream().skip(Math.max(0, trainLosses.size() - 5))
                    .mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            if (!spikeSaid && trainLosses.size() >= 3 && train > 3 * average) {
                spikeSaid = true;
                said.add(experiment.id() + "'s training loss jumped to " + Batch.round(train) + " at step " + done
                        + ", more than 3 times its recent average of " + Batch.round(average) + "; a lower learning "
                        + "rate usually calms it.");
            }
            trainLosses.add(train);
        }
        Double grad = m.get("grad_norm");
        if (grad != null && Double.isFinite(grad)) {
            double average = gradNorms.stream().skip(Math.max(0, gradNorms.size() - 5))
                    .mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            if (!gradientSaid && gradNorms.size() >= 3 && grad > 10 * average) {
                gradientSaid = true;
                said.add(experiment.id() + "'s gradients grew to " + Batch.round(grad) + " at step " + done
                        + ", 10 times their recent average of " + Batch.round(average) + " (exploding gradients); "
                        + "lower the learning rate or scale the features.");
            }
            gradNorms.add(grad);
        }
        if (train != null && val != null && Double.isFinite(lastTrain) && Double.isFinite(lastVal)) {
            risingSteps = train < lastTrain && val > lastVal ? risingSteps + 1 : 0;
            // a few noisy steps prove nothing: a long run must rise for 5% of its steps before it is named
            int enough = Math.max(3, total / 20);
            if (!divergenceSaid && risingSteps >= enough) {
                divergenceSaid = true;
                boolean net = experiment.family() == Family.MLP;
                said.add(experiment.id() + "'s validation loss has risen for " + enough + " steps in a row while its "
                        + "training loss fell: it is starting to learn its training rows by heart (overfitting)"
                        + (experiment.params().containsKey("early_stopping") ? "; early stopping will end it."
                        : net ? "; setting early_stopping in the plan would stop it at its best."
                        : "; fewer trees, or a smaller learning rate, would stop nearer its best."));
            }
        }
        if (train != null) {
            lastTrain = train;
        }
        if (val != null) {
            lastVal = val;
        }
        return said;
    }
}
