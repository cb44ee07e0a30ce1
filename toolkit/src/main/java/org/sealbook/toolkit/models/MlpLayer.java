package org.sealbook.toolkit.models;

/**
 * One dense layer of a {@link MlpModel}, as trained values in Java arrays: {@code weights[o * inputs + i]} joins
 * input i to output o. Usage: {@code double[] out = layer.apply(row, true);}
 */
record MlpLayer(int inputs, int outputs, float[] weights, float[] biases) {
    /** Its trainable parameters: every weight and bias. */
    long size() {
        return (long) weights.length + biases.length;
    }

    /** The layer's outputs for one row of inputs, with ReLU after it when {@code relu}. */
    double[] apply(double[] input, boolean relu) {
        double[] output = new double[outputs];
        for (int o = 0; o < output.length; o++) {
            double sum = biases[o];
            int offset = o * inputs;
            for (int i = 0; i < input.length; i++) {
                sum += weights[offset + i] * input[i];
            }
            output[o] = relu ? Math.max(0, sum) : sum;
        }
        return output;
    }
}
