package org.sealbook.toolkit.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * AdamW: Adam with decoupled weight decay (each step shrinks the weights, not the biases, by rate x decay before the
 * Adam update, as PyTorch's AdamW does), at the rate a {@link LearningRateSchedule} gives each step. Otherwise Adam
 * exactly as DJL's (the same native update, which also zeroes the gradients), except for where its moment
 * arrays live: DJL's Adam detaches them from every manager and PyTorch arrays have no finaliser, so each fit
 * would leak twice its weights' memory (measured: RSS grew 3.5 MB per fit of a 512x512 network). Here they
 * belong to the weights' manager and go when the model closes. It also counts its own steps and can resume
 * moments and counts from a checkpoint, where DJL's would start again at step 1.
 */
final class ModelScopedAdam extends Optimizer {
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;

    private final LearningRateSchedule schedule;
    private final float weightDecay;
    /** The parameters that decay: the weights. Biases only move the outputs and are left free, as is usual. */
    private final Set<String> decaying;
    private final Map<String, NDArray[]> moments = new ConcurrentHashMap<>();
    private final Map<String, Integer> steps = new ConcurrentHashMap<>();

    ModelScopedAdam(LearningRateSchedule schedule, double weightDecay, Set<String> decaying) {
        super(new Defaults());
        this.schedule = schedule;
        this.weightDecay = (float) weightDecay;
        this.decaying = Set.copyOf(decaying);
    }

    /** The rate of step {@code step} as the update uses it (a float, as PyTorch learns in floats). */
    float rate(int step) {
        return (float) schedule.rate(step);
    }

    /** Goes on from saved moments (one per parameter, in the same order), or from zero when there are none. */
    void resume(List<Parameter> parameters, List<float[]> means, List<float[]> variances, int stepsTaken) {
        if (means.isEmpty()) {
            return;
        }
        for (int i = 0; i < parameters.size(); i++) {
            NDArray weight = parameters.get(i).getArray();
            NDManager owner = weight.getManager();
            moments.put(parameters.get(i).getId(), new NDArray[] {owner.create(means.get(i), weight.getShape()),
                    owner.create(variances.get(i), weight.getShape())});
            steps.put(parameters.get(i).getId(), stepsTaken);
        }
    }

    float[] mean(Parameter parameter) {
        return moments.get(parameter.getId())[0].toFloatArray();
    }

    float[] variance(Parameter parameter) {
        return moments.get(parameter.getId())[1].toFloatArray();
    }

    int steps(Parameter parameter) {
        return steps.getOrDefault(parameter.getId(), 0);
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray gradient) {
        int step = steps.merge(parameterId, 1, Integer::sum);
        float learningRate = rate(step);
        float biasCorrected = (float) (learningRate * Math.sqrt(1 - Math.pow(BETA2, step))
                / (1 - Math.pow(BETA1, step)));
        NDArray[] meanAndVariance = moments.computeIfAbsent(parameterId,
                id -> new NDArray[] {weight.zerosLike(), weight.zerosLike()});
        weight.getNDArrayInternal().adamUpdate(
                new NDList(weight, gradient, meanAndVariance[0], meanAndVariance[1]), new NDList(weight),
                learningRate, biasCorrected, decaying.contains(parameterId) ? weightDecay : 0f, rescaleGrad, clipGrad,
                BETA1, BETA2, EPSILON, true, true);
    }

    /** DJL's optimizer defaults: no gradient rescaling or clipping (weight decay is this class's own). */
    private static final class Defaults extends Optimizer.OptimizerBuilder<Defaults> {
        @Override
        protected Defaults self() {
            return this;
        }
    }
}
