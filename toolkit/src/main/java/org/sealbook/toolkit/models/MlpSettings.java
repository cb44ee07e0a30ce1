package org.sealbook.toolkit.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * A {@link MlpModel}'s parameters, read and checked once, with the seed and what is drawn from it: the first
 * weights and each epoch's batch order. Usage: {@code MlpSettings s = MlpSettings.of(Map.of("hidden", "64,32"), 42);}
 */
final class MlpSettings {
    static final Set<String> PARAMETERS = Set.of("hidden", "epochs", "learning_rate", "batch_size",
            "early_stopping", "weight_decay");
    private static final double WEIGHT_DECAY = MlpModel.DEFAULT_WEIGHT_DECAY;
    // SplittableRandom's golden gamma: spreads (seed, epoch) pairs far apart, so no two epochs share a stream.
    private static final long SEED_SPREAD = 0x9E3779B97F4A7C15L;

    final int[] hidden;
    final int epochs;
    final double learningRate;
    final double weightDecay;
    final int batchSize;
    /** Early stopping's patience in epochs; null when it is off. */
    final Integer patience;
    final long seed;

    private MlpSettings(int[] hidden, int epochs, double learningRate, double weightDecay, int batchSize,
                        Integer patience, long seed) {
        this.hidden = hidden;
        this.epochs = epochs;
        this.learningRate = learningRate;
        this.weightDecay = weightDecay;
        this.batchSize = batchSize;
        this.patience = patience;
        this.seed = seed;
    }

    static MlpSettings of(Map<String, Object> params, long seed) {
        if (params == null) {
            throw new IllegalArgumentException("The MLP got no parameters; pass a map with at least \"hidden\", "
                    + "e.g. Map.of(\"hidden\", \"64,32\").");
        }
        Set<String> unknown = new TreeSet<>(params.keySet());
        unknown.removeAll(PARAMETERS);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("The MLP does not know the parameter(s) " + unknown
                    + "; use only " + new TreeSet<>(PARAMETERS) + ".");
        }
        return new MlpSettings(hiddenSizes(params.get("hidden")), wholeNumber(params, "epochs", 50),
                learningRate(params), weightDecay(params), wholeNumber(params, "batch_size", 32),
                params.containsKey("early_stopping") ? wholeNumber(params, "early_stopping", 5) : null, seed);
    }

    /** The params and seed a checkpoint must match: another value would train (or shuffle) differently. */
    String text() {
        StringBuilder sizes = new StringBuilder();
        for (int size : hidden) {
            sizes.append(sizes.length() == 0 ? "" : ",").append(size);
        }
        return "hidden=" + sizes + " epochs=" + epochs + " learning_rate=" + learningRate + " weight_decay="
                + weightDecay + " schedule=warmup-cosine batch_size=" + batchSize + " early_stopping=" + (patience == null ? "off" : patience) + " seed=" + seed;
    }

    /** The rate of every optimiser step of a fit on {@code rows} training rows: all epochs' batches, warm-up first. */
    LearningRateSchedule schedule(int rows) {
        long batches = (rows + (long) batchSize - 1) / batchSize;
        return new LearningRateSchedule(learningRate, Math.max(1, batches * epochs));
    }

    /**
     * Epoch e's batch order depends only on (seed, e), so a restored fit shuffles exactly as an unbroken one would
     * without any saved random state. Epoch 0's numbers are the first weights.
     */
    private SplittableRandom random(int epoch) {
        return new SplittableRandom(seed * SEED_SPREAD + epoch);
    }

    int[] batchOrder(int rows, int epoch) {
        SplittableRandom random = random(epoch);
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        for (int i = rows - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    /** Glorot-uniform weights from the seed and zero biases, so the first weights are the same for every run. */
    List<MlpLayer> firstLayers(int inputs, int outputs) {
        SplittableRandom random = random(0);
        List<MlpLayer> layers = new ArrayList<>();
        int in = inputs;
        for (int layer = 0; layer <= hidden.length; layer++) {
            int out = layer < hidden.length ? hidden[layer] : outputs;
            double bound = Math.sqrt(6.0 / (in + out));
            float[] weights = new float[in * out];
            for (int i = 0; i < weights.length; i++) {
                weights[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
            }
            layers.add(new MlpLayer(in, out, weights, new float[out]));
            in = out;
        }
        return layers;
    }

    private static int[] hiddenSizes(Object value) {
        String problem = "The MLP parameter hidden is " + describeValue(value)
                + "; give the hidden layer sizes as text of whole numbers of at least 1, like \"64,32\".";
        // one hidden layer may be written as a bare number (hidden=16), which a plan or a sweep reads as an Integer
        Object written = value instanceof Integer one ? one.toString() : value;
        if (!(written instanceof String text) || text.isBlank()) {
            throw new IllegalArgumentException(problem);
        }
        String[] parts = text.split(",", -1);
        int[] sizes = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                sizes[i] = Integer.parseInt(parts[i].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(problem, e);
            }
            if (sizes[i] < 1) {
                throw new IllegalArgumentException(problem);
            }
        }
        return sizes;
    }

    /**
     * A whole number of at least 1, or {@code usual} when absent (also the example in the error); Gson hands JSON
     * numbers over as doubles, so 50.0 counts as 50.
     */
    private static int wholeNumber(Map<String, Object> params, String name, int usual) {
        Object value = params.get(name);
        if (value == null && !params.containsKey(name)) {
            return usual;
        }
        if (value instanceof Number number) {
            double whole = number.doubleValue();
            if (whole == Math.rint(whole) && whole >= 1 && whole <= Integer.MAX_VALUE) {
                return (int) whole;
            }
        }
        throw new IllegalArgumentException("The MLP parameter " + name + " is " + describeValue(value)
                + "; give a whole number of at least 1, like " + usual + ".");
    }

    private static double learningRate(Map<String, Object> params) {
        if (!params.containsKey("learning_rate")) {
            return MlpModel.DEFAULT_LEARNING_RATE;
        }
        Object value = params.get("learning_rate");
        // PyTorch learns in floats: the rate must stay a positive float
        if (value instanceof Number number && number.doubleValue() > 0 && number.doubleValue() <= Float.MAX_VALUE
                && (float) number.doubleValue() > 0) {
            return number.doubleValue();
        }
        throw new IllegalArgumentException("The MLP parameter learning_rate is " + describeValue(value)
                + "; give a positive number that fits a float, like 0.001.");
    }

    private static double weightDecay(Map<String, Object> params) {
        if (!params.containsKey("weight_decay")) {
            return WEIGHT_DECAY;
        }
        Object value = params.get("weight_decay");
        if (value instanceof Number number && number.doubleValue() >= 0 && number.doubleValue() < 1) {
            return number.doubleValue();
        }
        throw new IllegalArgumentException("The MLP parameter weight_decay is " + describeValue(value)
                + "; give a number from 0 (no decay) up to but not including 1, like " + WEIGHT_DECAY + ".");
    }

    private static String describeValue(Object value) {
        if (value == null) {
            return "missing";
        }
        return (value instanceof String ? "\"" + value + "\"" : value.toString()) + " ("
                + value.getClass().getSimpleName() + ")";
    }
}
