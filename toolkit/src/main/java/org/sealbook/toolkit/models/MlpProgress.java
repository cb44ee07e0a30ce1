package org.sealbook.toolkit.models;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a {@link MlpModel} checkpoint holds, and its file format after the header. Adam's moments are per
 * parameter in network order (first layer's weights, its biases, the next layer's ...), empty before the first step
 * and once fit ended (nothing is left to learn).
 * Usage: {@code progress.write(out); MlpProgress same = MlpProgress.read(in);}
 */
record MlpProgress(List<String> features, boolean classification, int outputs, int epoch, boolean ended,
        List<MlpLayer> layers, List<float[]> adamMeans, List<float[]> adamVariances, int adamSteps,
        List<MlpLayer> best, double bestLoss, int epochsSinceBest) {

    /** A fit that has not trained yet: the first weights, no optimiser state, no best loss. */
    static MlpProgress start(List<String> features, boolean classification, int outputs, List<MlpLayer> first) {
        return new MlpProgress(features, classification, outputs, 0, false, first, List.of(), List.of(), 0, null,
                Double.POSITIVE_INFINITY, 0);
    }

    /** The weights predict uses: the best ones when early stopping kept some, else the latest. */
    List<MlpLayer> predicting() {
        return best != null ? best : layers;
    }

    void write(DataOutputStream out) throws IOException {
        SavedModels.writeFeatures(out, features);
        out.writeBoolean(classification);
        out.writeInt(outputs);
        out.writeInt(epoch);
        out.writeBoolean(ended);
        writeLayers(out, layers);
        writeArrays(out, adamMeans);
        writeArrays(out, adamVariances);
        out.writeInt(adamSteps);
        out.writeBoolean(best != null);
        if (best != null) {
            writeLayers(out, best);
        }
        out.writeDouble(bestLoss);
        out.writeInt(epochsSinceBest);
    }

    static MlpProgress read(DataInputStream in) throws IOException {
        List<String> features = SavedModels.readFeatures(in);
        boolean classification = in.readBoolean();
        int outputs = in.readInt();
        int epoch = in.readInt();
        boolean ended = in.readBoolean();
        List<MlpLayer> layers = readLayers(in);
        List<float[]> means = readArrays(in);
        List<float[]> variances = readArrays(in);
        int adamSteps = in.readInt();
        List<MlpLayer> best = in.readBoolean() ? readLayers(in) : null;
        double bestLoss = in.readDouble();
        int epochsSinceBest = in.readInt();
        if (layers.isEmpty() || layers.get(0).inputs() != features.size()
                || layers.get(layers.size() - 1).outputs() != outputs || !momentsFit(layers, means, variances)) {
            throw new IOException("The saved MLP's layers and optimiser state do not fit its " + features.size()
                    + " features and " + outputs + " outputs, so the file is damaged; train the experiment again.");
        }
        return new MlpProgress(features, classification, outputs, epoch, ended, layers, means, variances,
                adamSteps, best, bestLoss, epochsSinceBest);
    }

    /** None (nothing trained, or nothing left to train), or one mean and one variance the size of each parameter. */
    private static boolean momentsFit(List<MlpLayer> layers, List<float[]> means, List<float[]> variances) {
        if (means.isEmpty() && variances.isEmpty()) {
            return true;
        }
        if (means.size() != 2 * layers.size() || variances.size() != means.size()) {
            return false;
        }
        for (int i = 0; i < means.size(); i++) {
            MlpLayer layer = layers.get(i / 2);
            int size = i % 2 == 0 ? layer.weights().length : layer.biases().length;
            if (means.get(i).length != size || variances.get(i).length != size) {
                return false;
            }
        }
        return true;
    }

    private static void writeLayers(DataOutputStream out, List<MlpLayer> layers) throws IOException {
        out.writeInt(layers.size());
        for (MlpLayer layer : layers) {
            out.writeInt(layer.inputs());
            out.writeInt(layer.outputs());
            writeFloats(out, layer.weights());
            writeFloats(out, layer.biases());
        }
    }

    private static List<MlpLayer> readLayers(DataInputStream in) throws IOException {
        int count = in.readInt();
        List<MlpLayer> layers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int inputs = in.readInt();
            int outputs = in.readInt();
            float[] weights = readFloats(in);
            float[] biases = readFloats(in);
            if ((long) inputs * outputs != weights.length || biases.length != outputs
                    || (i > 0 && layers.get(i - 1).outputs() != inputs)) {
                throw new IOException("The saved MLP's layer " + (i + 1) + " has sizes that do not fit together, "
                        + "so the file is damaged; train the experiment again.");
            }
            layers.add(new MlpLayer(inputs, outputs, weights, biases));
        }
        return List.copyOf(layers);
    }

    private static void writeArrays(DataOutputStream out, List<float[]> arrays) throws IOException {
        out.writeInt(arrays.size());
        for (float[] values : arrays) {
            writeFloats(out, values);
        }
    }

    private static List<float[]> readArrays(DataInputStream in) throws IOException {
        int count = in.readInt();
        List<float[]> arrays = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            arrays.add(readFloats(in));
        }
        return List.copyOf(arrays);
    }

    private static void writeFloats(DataOutputStream out, float[] values) throws IOException {
        out.writeInt(values.length);
        for (float value : values) {
            out.writeFloat(value);
        }
    }

    private static float[] readFloats(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            throw new IOException("The saved MLP holds an array of length " + length + ", so the file is damaged; "
                    + "train the experiment again.");
        }
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = in.readFloat();
        }
        return values;
    }
}
