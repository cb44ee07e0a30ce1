package org.sealbook.toolkit.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sealbook.toolkit.prepare.Prepared;

/**
 * One fit of a {@link MlpModel}: the epochs of mini-batches, the numbers each epoch reports, early stopping, and the
 * working state. The weights and Adam's moments stay in PyTorch and are copied out only when a checkpoint or the end
 * of fit asks ({@link #snapshot}), so an epoch costs no copying.
 * Usage: {@code MlpTraining t = new MlpTraining(start, linears, adam, settings); t.run(trainer, train, val, l, c);}
 */
final class MlpTraining {
    static final String GRADIENT_CHECK = "every parameter got a finite, non-zero gradient in the first step";
    // DJL's PyTorch gradient collector is one per JVM (a static flag), so concurrent fits take turns per batch.
    private static final Object GRADIENT_COLLECTOR = new Object();
    private static final int VALIDATION_CHUNK = 8192;

    private final MlpSettings settings;
    private final List<String> features;
    private final boolean classification;
    private final int outputs;
    private final List<Linear> linears;
    /** Every weight and bias, in network order: a layer's weights, then its biases. */
    private final List<Parameter> parameters = new ArrayList<>();
    private final ModelScopedAdam adam;
    private volatile int epoch;
    private boolean ended;
    private List<MlpLayer> best;
    private double bestLoss;
    private int epochsSinceBest;

    MlpTraining(MlpProgress start, List<Linear> linears, ModelScopedAdam adam, MlpSettings settings) {
        this.settings = settings;
        this.features = start.features();
        this.classification = start.classification();
        this.outputs = start.outputs();
        this.linears = linears;
        this.adam = adam;
        this.epoch = start.epoch();
        this.best = start.best();
        this.bestLoss = start.bestLoss();
        this.epochsSinceBest = start.epochsSinceBest();
        for (Linear linear : linears) {
            parameters.add(linear.getParameters().get("weight"));
            parameters.add(linear.getParameters().get("bias"));
        }
        adam.resume(parameters, start.adamMeans(), start.adamVariances(), start.adamSteps());
    }

    /** The last epoch finished. */
    int epoch() {
        return epoch;
    }

    MlpProgress snapshot() {
        if (ended) {
            // only predict needs anything now: keep the weights it uses and drop what going on would need
            List<MlpLayer> kept = best != null ? best : MlpNetwork.layers(linears);
            return new MlpProgress(features, classification, outputs, epoch, true, kept, List.of(), List.of(),
                    0, null, bestLoss, epochsSinceBest);
        }
        List<float[]> means = new ArrayList<>();
        List<float[]> variances = new ArrayList<>();
        for (Parameter parameter : parameters) {
            means.add(adam.mean(parameter));
            variances.add(adam.variance(parameter));
        }
        return new MlpProgress(features, classification, outputs, epoch, false, MlpNetwork.layers(linears), means,
                variances, adam.steps(parameters.get(0)), best, bestLoss, epochsSinceBest);
    }

    /**
     * Trains epoch after epoch until the last, early stopping, or a false answer from the listener;
     * {@code gradientsChecked} runs once the first step's gradients passed their check.
     */
    void run(Trainer trainer, Prepared train, Prepared validation, TrainingListener listener,
             Runnable gradientsChecked) {
        int inputs = train.features().size();
        float[] trainX = MlpNetwork.flatten(train.x(), inputs);
        float[] validationX = MlpNetwork.flatten(validation.x(), inputs);
        boolean weighted = classification && train.isWeighted();
        boolean firstStep = true;
        while (epoch < settings.epochs) {
            int next = epoch + 1;
            long started = System.nanoTime();
            int[] order = settings.batchOrder(train.rows(), next);
            double lossSum = 0;
            double unweightedSum = 0;
            double gradNormSum = 0;
            int batches = 0;
            for (int from = 0; from < order.length; from += settings.batchSize) {
                int rows = Math.min(settings.batchSize, order.length - from);
                try (NDManager batch = trainer.getManager().newSubManager()) {
                    float[] x = new float[rows * inputs];
                    for (int r = 0; r < rows; r++) {
                        System.arraycopy(trainX, order[from + r] * inputs, x, r * inputs, inputs);
                    }
                    NDList data = new NDList(batch.create(x, new Shape(rows, inputs)));
                    NDList labels = new NDList(targets(batch, train, order, from, rows));
                    float loss;
                    float unweightedLoss;
                    synchronized (GRADIENT_COLLECTOR) {
                        try (GradientCollector collector = trainer.newGradientCollector()) {
                            NDList predictions = trainer.forward(data, labels);
                            NDArray plain = trainer.getLoss().evaluate(labels, predictions);
                            NDArray w = weighted ? weights(batch, train, order, from, rows) : null;
                            // weighted: the batch's mean loss with each row counted its class's weight
                            NDArray lossValue = weighted ? weightedLoss(labels, predictions, w).div(w.sum()) : plain;
                            collector.backward(lossValue);
                            loss = lossValue.getFloat();
                            unweightedLoss = plain.getFloat();
                        }
                    }
                    checkFinite(loss, next);
                    double[] norms = gradientNorms(parameters, batch);
                    if (firstStep) {
                        checkGradients(norms);
                        gradientsChecked.run();
                        firstStep = false;
                    }
                    lossSum += loss;
                    unweightedSum += unweightedLoss;
                    gradNormSum += globalNorm(norms);
                    batches++;
                    trainer.step();
                }
            }
            double[] validationLosses = validationLoss(trainer, validation, validationX, weighted);
            double validationLoss = validationLosses[0];
            checkFinite(validationLoss, next);
            double seconds = (System.nanoTime() - started) / 1e9;
            epoch = next;
            if (validationLoss < bestLoss) {
                bestLoss = validationLoss;
                epochsSinceBest = 0;
                if (settings.patience != null) {
                    best = MlpNetwork.layers(linears);
                }
            } else {
                epochsSinceBest++;
            }
            ended = next == settings.epochs || (settings.patience != null && epochsSinceBest >= settings.patience);
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("train_loss", lossSum / batches);
            if (weighted) {
                metrics.put(TrainingLoss.TRAIN_UNWEIGHTED, unweightedSum / batches);
            }
            metrics.put("val_loss", validationLoss);
            if (weighted) {
                metrics.put(TrainingLoss.VALIDATION_UNWEIGHTED, validationLosses[1]);
            }
            metrics.put("learning_rate", (double) adam.rate(adam.steps(parameters.get(0))));
            metrics.put("grad_norm", gradNormSum / batches);
            metrics.put("rows_per_second", order.length / seconds);
            metrics.put("seconds", seconds);
            if (!listener.step(next, settings.epochs, metrics) || ended) {
                return;
            }
        }
    }

    private static NDArray targets(NDManager manager, Prepared data, int[] order, int from, int rows) {
        if (data.isClassification()) {
            long[] labels = new long[rows];
            for (int r = 0; r < rows; r++) {
                labels[r] = data.labels()[order[from + r]];
            }
            return manager.create(labels);
        }
        float[] y = new float[rows];
        for (int r = 0; r < rows; r++) {
            y[r] = (float) data.y()[order[from + r]];
        }
        return manager.create(y, new Shape(rows, 1));
    }

    /**
     * The loss over all validation rows, a chunk at a time so big data sets do not need one huge tensor: the one
     * trained on (weighted by class when {@code weighted}), then the unweighted one.
     */
    private static double[] validationLoss(Trainer trainer, Prepared validation, float[] x, boolean weighted) {
        int rows = validation.rows();
        int inputs = validation.features().size();
        int[] all = new int[rows];
        for (int i = 0; i < rows; i++) {
            all[i] = i;
        }
        double plainSum = 0;
        double weightedSum = 0;
        double weightSum = 0;
        for (int from = 0; from < rows; from += VALIDATION_CHUNK) {
            int chunk = Math.min(VALIDATION_CHUNK, rows - from);
            try (NDManager manager = trainer.getManager().newSubManager()) {
                float[] part = new float[chunk * inputs];
                System.arraycopy(x, from * inputs, part, 0, part.length);
                NDList predictions = trainer.evaluate(new NDList(manager.create(part, new Shape(chunk, inputs))));
                NDList labels = new NDList(targets(manager, validation, all, from, chunk));
                plainSum += (double) trainer.getLoss().evaluate(labels, predictions).getFloat() * chunk;
                if (weighted) {
                    NDArray w = weights(manager, validation, all, from, chunk);
                    weightedSum += weightedLoss(labels, predictions, w).getFloat();
                    weightSum += w.sum().getFloat();
                }
            }
        }
        double plain = plainSum / rows;
        return new double[] {weighted ? weightedSum / weightSum : plain, plain};
    }

    /** Each row's class weight, as the rows carry them (1 each when they carry none). */
    private static NDArray weights(NDManager manager, Prepared data, int[] order, int from, int rows) {
        float[] w = new float[rows];
        for (int r = 0; r < rows; r++) {
            w[r] = (float) data.weight(order[from + r]);
        }
        return manager.create(w);
    }

    /**
     * The softmax cross-entropy of the rows as DJL's gives it (minus the log-softmax of the logits at the true
     * class), each row's times its class weight, summed; divided by the weights' sum it is the weighted mean loss.
     */
    private static NDArray weightedLoss(NDList labels, NDList predictions, NDArray weights) {
        NDArray logits = predictions.singletonOrThrow();
        NDArray truth = labels.singletonOrThrow().oneHot((int) logits.getShape().get(1));
        return logits.logSoftmax(1).mul(truth).sum(new int[] {1}).mul(weights).sum().neg();
    }

    /** Each weight's and bias's gradient L2 norm for the batch just back-propagated, in network order. */
    private static double[] gradientNorms(List<Parameter> parameters, NDManager batch) {
        double[] norms = new double[parameters.size()];
        for (int i = 0; i < norms.length; i++) {
            NDArray gradient = parameters.get(i).getArray().getGradient();
            gradient.attach(batch); // a fresh handle on the gradient: closed with the batch
            // in doubles: a diverging model's gradients can be finite floats whose squares are not
            norms[i] = gradient.toType(DataType.FLOAT64, false).norm().getDouble();
        }
        return norms;
    }

    private static double globalNorm(double[] norms) {
        double squares = 0;
        for (double norm : norms) {
            squares += norm * norm;
        }
        return Math.sqrt(squares);
    }

    /**
     * Every weight and bias must get a finite, non-zero gradient in the first step, or it cannot learn: the
     * norms are computed for grad_norm anyway, so the check costs nothing.
     */
    private static void checkGradients(double[] norms) {
        int layers = norms.length / 2;
        for (int i = 0; i < norms.length; i++) {
            String name = parameterName(i / 2, layers, i % 2 == 0);
            if (!Double.isFinite(norms[i])) {
                throw new IllegalStateException(name + " got a gradient that is not a finite number in the MLP's "
                        + "first training step, so the features or the target hold values too large for PyTorch's "
                        + "floats; scale them (e.g. standardise them) before training.");
            }
            if (norms[i] == 0) {
                throw new IllegalStateException(name + " got an all-zero gradient in the MLP's first training "
                        + "step, so they would never learn; " + (i == 0
                        ? "every feature of the first batch of rows is 0, so check that the prepared features are "
                        + "not blank (e.g. a recipe that zeroed every column)."
                        : "every ReLU unit between them and the output was inactive for the first batch, so scale "
                        + "the features (e.g. standardise them) or try other hidden sizes."));
            }
        }
    }

    /** A parameter in a learner's words, e.g. "The first layer's weights" or "The output layer's biases". */
    private static String parameterName(int layer, int layers, boolean weights) {
        String[] ordinals = {"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
                "tenth"};
        String which = layer == layers - 1 ? "output layer"
                : layer < ordinals.length ? ordinals[layer] + " layer" : "layer " + (layer + 1);
        return "The " + which + "'s " + (weights ? "weights" : "biases");
    }

    private void checkFinite(double loss, int atEpoch) {
        if (!Double.isFinite(loss)) {
            throw new ArithmeticException("The loss became " + (Double.isNaN(loss) ? "NaN" : "infinite")
                    + " at epoch " + atEpoch + " with learning_rate " + readable(settings.learningRate)
                    + "; train again with a smaller learning_rate (e.g. " + readable(settings.learningRate / 10)
                    + ") or with features on a smaller scale.");
        }
    }

    /** At most three significant digits, without an exponent for everyday sizes: 0.0001, 100000, 1E+20. */
    private static String readable(double value) {
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(3)).stripTrailingZeros();
        return value >= 1e-6 && value < 1e9 ? rounded.toPlainString() : rounded.toString();
    }
}
