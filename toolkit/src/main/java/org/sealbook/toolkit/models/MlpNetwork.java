package org.sealbook.toolkit.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link MlpModel}'s layers both ways: as a DJL block to train (linear layers with ReLU between them) and as plain
 * Java maths to predict with, plus the copy from one to the other.
 * Usage: {@code double[][] p = MlpNetwork.predict(layers, true, rows);}
 */
final class MlpNetwork {
    private MlpNetwork() {
    }

    /** Linear layers (collected into {@code linears}) starting from the given values, with ReLU between them. */
    static SequentialBlock block(List<MlpLayer> layers, List<Linear> linears) {
        SequentialBlock block = new SequentialBlock();
        for (int i = 0; i < layers.size(); i++) {
            MlpLayer layer = layers.get(i);
            Linear linear = Linear.builder().setUnits(layer.outputs()).build();
            linear.setInitializer(values(layer.weights()), Parameter.Type.WEIGHT);
            linear.setInitializer(values(layer.biases()), Parameter.Type.BIAS);
            block.add(linear);
            linears.add(linear);
            if (i < layers.size() - 1) {
                block.add(Activation.reluBlock());
            }
        }
        return block;
    }

    /** The trained values of DJL's linear layers, copied into Java arrays. */
    static List<MlpLayer> layers(List<Linear> linears) {
        List<MlpLayer> layers = new ArrayList<>();
        for (Linear linear : linears) {
            NDArray weight = linear.getParameters().get("weight").getArray();
            float[] biases = linear.getParameters().get("bias").getArray().toFloatArray();
            int inputs = (int) weight.getShape().get(1);
            layers.add(new MlpLayer(inputs, biases.length, weight.toFloatArray(), biases));
        }
        return layers;
    }

    /** Each row through the layers in plain Java: class probabilities (softmax) or the one number. */
    static double[][] predict(List<MlpLayer> layers, boolean classification, double[][] x) {
        int inputs = layers.get(0).inputs();
        double[][] predictions = new double[x.length][];
        for (int row = 0; row < x.length; row++) {
            if (x[row].length != inputs) {
                throw new IllegalArgumentException("Row " + row + " has " + x[row].length + " values but the MLP "
                        + "was trained on " + inputs + " features; prepare the rows the same way as for fit.");
            }
            double[] values = x[row];
            for (int layer = 0; layer < layers.size(); layer++) {
                values = layers.get(layer).apply(values, layer < layers.size() - 1);
            }
            predictions[row] = classification ? softmax(values) : values;
        }
        return predictions;
    }

    /** The same predictions through DJL's own forward pass on the given weights, to check the Java maths. */
    static double[][] predictWithDjl(NDManager manager, List<MlpLayer> layers, boolean classification,
                                     double[][] x) {
        int inputs = layers.get(0).inputs();
        SequentialBlock block = block(layers, new ArrayList<>());
        block.initialize(manager, DataType.FLOAT32, new Shape(1, inputs));
        NDArray output = block.forward(new ParameterStore(manager, false),
                new NDList(manager.create(flatten(x, inputs), new Shape(x.length, inputs))), false)
                .singletonOrThrow();
        if (classification) {
            output = output.softmax(1);
        }
        int columns = (int) output.getShape().get(1);
        float[] values = output.toFloatArray();
        double[][] predictions = new double[x.length][columns];
        for (int i = 0; i < values.length; i++) {
            predictions[i / columns][i % columns] = values[i];
        }
        return predictions;
    }

    /** Rows as one float array, row after row, as PyTorch takes them. */
    static float[] flatten(double[][] x, int inputs) {
        float[] flat = new float[x.length * inputs];
        for (int row = 0; row < x.length; row++) {
            for (int i = 0; i < inputs; i++) {
                flat[row * inputs + i] = (float) x[row][i];
            }
        }
        return flat;
    }

    private static double[] softmax(double[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (double logit : logits) {
            max = Math.max(max, logit);
        }
        double[] probabilities = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            probabilities[i] = Math.exp(logits[i] - max); // shifted by the largest logit so exp cannot overflow
            sum += probabilities[i];
        }
        for (int i = 0; i < probabilities.length; i++) {
            probabilities[i] /= sum;
        }
        return probabilities;
    }

    private static Initializer values(float[] values) {
        return (manager, shape, dataType) -> {
            if (shape.size() != values.length) {
                throw new IllegalStateException("A layer of shape " + shape + " got " + values.length
                        + " starting values; this is a bug in MlpModel.");
            }
            return manager.create(values, shape).toType(dataType, false);
        };
    }
}
