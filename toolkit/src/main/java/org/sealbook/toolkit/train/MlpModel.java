package org.sealbook.toolkit.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A multilayer perceptron (ReLU hidden layers, Adam, mini-batches) trained with DJL on PyTorch, on the GPU when
 * PyTorch sees one. After {@link #fit} the trained weights live in Java arrays and {@link #predict} is plain Java
 * maths, so nothing native stays open between fits.
 * Usage: {@code Model mlp = new MlpModel(Map.of("hidden", "64,32", "epochs", 20), 42L); mlp.fit(train, validation, TrainingListener.NONE);}
 *
 * <p>Parameters: {@code hidden} (layer sizes as text, e.g. "64,32"; required), {@code epochs} (default 50),
 * {@code learning_rate} (Adam's, default 0.001), {@code batch_size} (default 32) and {@code early_stopping}
 * (patience in epochs: stop once the validation loss has not improved for that many epochs and keep the best
 * weights; off when absent). Classification learns softmax cross-entropy; regression learns the mean squared error.
 *
 * <p>Per epoch the listener gets {@code train_loss} (mean over the epoch's batches), {@code val_loss},
 * {@code learning_rate}, {@code grad_norm} (the global L2 norm of all gradients, averaged over the epoch's batches),
 * {@code rows_per_second} and {@code seconds}. On CPU the same data, parameters and seed give the same predictions.
 */
public final class MlpModel implements Model {
    static {
        // The product promises no download: PyTorch comes from the bundled pytorch-native-cpu jar, and offline mode
        // makes DJL fail instead of fetching anything and skips its telemetry call when its Engine class first loads.
        System.setProperty("ai.djl.offline", "true");
        // Tabular batches are small, so PyTorch's per-operation threads cost more than they give (measured: 2-6x
        // slower on 2 busy cores) and fight concurrent fits for cores; one thread also makes results independent of
        // the core count. A caller who set the property keeps their choice. Read once, when PyTorch loads.
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", "1");
        }
    }

    private static final String ENGINE_NAME = "PyTorch";
    private static final Set<String> PARAMETERS = Set.of("hidden", "epochs", "learning_rate", "batch_size",
            "early_stopping");
    // DJL's PyTorch gradient collector is one per JVM (a static flag), so concurrent fits take turns per batch.
    private static final Object GRADIENT_COLLECTOR = new Object();
    private static final int VALIDATION_CHUNK = 8192;

    private final int[] hidden;
    private final int epochs;
    private final double learningRate;
    private final int batchSize;
    private final Integer patience;
    private final long seed;
    private volatile Fitted fitted;

    /** One dense layer's trained values: {@code weights[o * inputs + i]} joins input i to output o. */
    private record Layer(int inputs, int outputs, float[] weights, float[] biases) {
        long size() {
            return (long) weights.length + biases.length;
        }
    }

    private record Fitted(List<Layer> layers, boolean classification, String device) {
    }

    public MlpModel(Map<String, Object> params, long seed) {
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
        this.hidden = hiddenSizes(params.get("hidden"));
        this.epochs = wholeNumber(params, "epochs", 50);
        this.learningRate = learningRate(params);
        this.batchSize = wholeNumber(params, "batch_size", 32);
        this.patience = params.containsKey("early_stopping") ? wholeNumber(params, "early_stopping", 5) : null;
        this.seed = seed;
    }

    /** Where training runs (or ran), e.g. "PyTorch 2.7.1 on cpu"; loads PyTorch if nothing has yet. */
    public String device() {
        Fitted model = fitted;
        return model != null ? model.device() : describe(pytorch(), trainingDevice(pytorch()));
    }

    @Override
    public void fit(Prepared train, Prepared validation, TrainingListener listener) {
        fitted = null; // a failed fit must not leave an older model answering predict
        checkData(train, validation);
        if (listener == null) {
            throw new IllegalArgumentException("The MLP got no training listener; pass TrainingListener.NONE to "
                    + "train without one.");
        }
        int inputs = train.features().size();
        boolean classification = train.isClassification();
        int outputs = classification ? train.classes().size() : 1;
        Random random = new Random(seed); // the only randomness: first weights, then each epoch's batch order
        List<Layer> start = firstLayers(inputs, outputs, random);

        Engine engine = pytorch();
        Device device = trainingDevice(engine);
        Loss loss = classification ? Loss.softmaxCrossEntropyLoss() : Loss.l2Loss("mse", 1f);
        DefaultTrainingConfig config = new DefaultTrainingConfig(loss)
                .optOptimizer(new ModelScopedAdam((float) learningRate))
                .optDevices(new Device[] {device});
        try (ai.djl.Model net = ai.djl.Model.newInstance("mlp", device, engine.getEngineName())) {
            List<Linear> linears = new ArrayList<>();
            net.setBlock(network(start, linears));
            try (Trainer trainer = net.newTrainer(config)) {
                trainer.initialize(new Shape(1, inputs));
                List<Layer> trained = train(trainer, linears, train, validation, listener, random);
                fitted = new Fitted(trained, classification, describe(engine, device));
            }
        }
    }

    @Override
    public double[][] predict(double[][] x) {
        Fitted model = requireFitted();
        int inputs = model.layers().get(0).inputs();
        double[][] predictions = new double[x.length][];
        for (int row = 0; row < x.length; row++) {
            if (x[row].length != inputs) {
                throw new IllegalArgumentException("Row " + row + " has " + x[row].length + " values but the MLP "
                        + "was trained on " + inputs + " features; prepare the rows the same way as for fit.");
            }
            double[] values = x[row];
            for (int layer = 0; layer < model.layers().size(); layer++) {
                values = apply(model.layers().get(layer), values, layer < model.layers().size() - 1);
            }
            predictions[row] = model.classification() ? softmax(values) : values;
        }
        return predictions;
    }

    /** Trainable parameters: every weight and bias of every layer. */
    @Override
    public long complexity() {
        return requireFitted().layers().stream().mapToLong(Layer::size).sum();
    }

    /** The same predictions through DJL's own forward pass on the trained weights, to check the Java maths. */
    double[][] predictWithDjl(double[][] x) {
        Fitted model = requireFitted();
        int inputs = model.layers().get(0).inputs();
        Engine engine = pytorch();
        try (NDManager manager = engine.newBaseManager(Device.cpu())) {
            SequentialBlock block = network(model.layers(), new ArrayList<>());
            block.initialize(manager, DataType.FLOAT32, new Shape(1, inputs));
            NDArray output = block.forward(new ParameterStore(manager, false),
                    new NDList(manager.create(flatten(x, inputs), new Shape(x.length, inputs))), false)
                    .singletonOrThrow();
            if (model.classification()) {
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
    }

    private List<Layer> train(Trainer trainer, List<Linear> linears, Prepared train, Prepared validation,
            TrainingListener listener, Random random) {
        int inputs = train.features().size();
        float[] trainX = flatten(train.x(), inputs);
        float[] validationX = flatten(validation.x(), inputs);
        int[] order = new int[train.rows()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        List<Layer> best = null;
        double bestLoss = Double.POSITIVE_INFINITY;
        int epochsSinceBest = 0;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            long started = System.nanoTime();
            shuffle(order, random);
            double lossSum = 0;
            double gradNormSum = 0;
            int batches = 0;
            for (int from = 0; from < order.length; from += batchSize) {
                int rows = Math.min(batchSize, order.length - from);
                try (NDManager batch = trainer.getManager().newSubManager()) {
                    float[] x = new float[rows * inputs];
                    for (int r = 0; r < rows; r++) {
                        System.arraycopy(trainX, order[from + r] * inputs, x, r * inputs, inputs);
                    }
                    NDList data = new NDList(batch.create(x, new Shape(rows, inputs)));
                    NDList labels = new NDList(targets(batch, train, order, from, rows));
                    float loss;
                    synchronized (GRADIENT_COLLECTOR) {
                        try (GradientCollector collector = trainer.newGradientCollector()) {
                            NDArray lossValue = trainer.getLoss().evaluate(labels, trainer.forward(data, labels));
                            collector.backward(lossValue);
                            loss = lossValue.getFloat();
                        }
                    }
                    checkFinite(loss, epoch);
                    lossSum += loss;
                    gradNormSum += gradientNorm(linears, batch);
                    batches++;
                    trainer.step();
                }
            }
            double validationLoss = validationLoss(trainer, validation, validationX);
            checkFinite(validationLoss, epoch);
            double seconds = (System.nanoTime() - started) / 1e9;
            if (validationLoss < bestLoss) {
                bestLoss = validationLoss;
                epochsSinceBest = 0;
                if (patience != null) {
                    best = layers(linears);
                }
            } else {
                epochsSinceBest++;
            }
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("train_loss", lossSum / batches);
            metrics.put("val_loss", validationLoss);
            metrics.put("learning_rate", learningRate);
            metrics.put("grad_norm", gradNormSum / batches);
            metrics.put("rows_per_second", order.length / seconds);
            metrics.put("seconds", seconds);
            boolean goOn = listener.step(epoch, epochs, metrics);
            if (!goOn || (patience != null && epochsSinceBest >= patience)) {
                break;
            }
        }
        return best != null ? best : layers(linears);
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

    /** The loss over all validation rows, a chunk at a time so big data sets do not need one huge tensor. */
    private static double validationLoss(Trainer trainer, Prepared validation, float[] x) {
        int rows = validation.rows();
        int inputs = validation.features().size();
        int[] all = new int[rows];
        for (int i = 0; i < rows; i++) {
            all[i] = i;
        }
        double weightedSum = 0;
        for (int from = 0; from < rows; from += VALIDATION_CHUNK) {
            int chunk = Math.min(VALIDATION_CHUNK, rows - from);
            try (NDManager manager = trainer.getManager().newSubManager()) {
                float[] part = new float[chunk * inputs];
                System.arraycopy(x, from * inputs, part, 0, part.length);
                NDList predictions = trainer.evaluate(new NDList(manager.create(part, new Shape(chunk, inputs))));
                NDList labels = new NDList(targets(manager, validation, all, from, chunk));
                weightedSum += (double) trainer.getLoss().evaluate(labels, predictions).getFloat() * chunk;
            }
        }
        return weightedSum / rows;
    }

    /** The global L2 norm over every weight's and bias's gradient of the batch just back-propagated. */
    private static double gradientNorm(List<Linear> linears, NDManager batch) {
        double squares = 0;
        for (Linear linear : linears) {
            for (Parameter parameter : linear.getParameters().values()) {
                NDArray gradient = parameter.getArray().getGradient();
                gradient.attach(batch); // a fresh handle on the gradient: closed with the batch
                // in doubles: a diverging model's gradients can be finite floats whose squares are not
                double norm = gradient.toType(DataType.FLOAT64, false).norm().getDouble();
                squares += norm * norm;
            }
        }
        return Math.sqrt(squares);
    }

    private void checkFinite(double loss, int epoch) {
        if (!Double.isFinite(loss)) {
            throw new ArithmeticException("The loss became " + (Double.isNaN(loss) ? "NaN" : "infinite")
                    + " at epoch " + epoch + " with learning_rate " + readable(learningRate) + "; train again with "
                    + "a smaller learning_rate (e.g. " + readable(learningRate / 10) + ") or with features on a "
                    + "smaller scale.");
        }
    }

    /** At most three significant digits, without an exponent for everyday sizes: 0.0001, 100000, 1E+20. */
    private static String readable(double value) {
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(3)).stripTrailingZeros();
        return value >= 1e-6 && value < 1e9 ? rounded.toPlainString() : rounded.toString();
    }

    /** Glorot-uniform weights from the seed and zero biases, so the first weights are the same for every run. */
    private List<Layer> firstLayers(int inputs, int outputs, Random random) {
        List<Layer> layers = new ArrayList<>();
        int in = inputs;
        for (int layer = 0; layer <= hidden.length; layer++) {
            int out = layer < hidden.length ? hidden[layer] : outputs;
            double bound = Math.sqrt(6.0 / (in + out));
            float[] weights = new float[in * out];
            for (int i = 0; i < weights.length; i++) {
                weights[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
            }
            layers.add(new Layer(in, out, weights, new float[out]));
            in = out;
        }
        return layers;
    }

    /** Linear layers (collected into {@code linears}) starting from the given values, with ReLU between them. */
    private static SequentialBlock network(List<Layer> layers, List<Linear> linears) {
        SequentialBlock block = new SequentialBlock();
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
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

    private static Initializer values(float[] values) {
        return (manager, shape, dataType) -> {
            if (shape.size() != values.length) {
                throw new IllegalStateException("A layer of shape " + shape + " got " + values.length
                        + " starting values; this is a bug in MlpModel.");
            }
            return manager.create(values, shape).toType(dataType, false);
        };
    }

    /**
     * Adam exactly as DJL's (the same native update, which also zeroes the gradients), except for where its moment
     * arrays live: DJL's Adam detaches them from every manager and PyTorch arrays have no finaliser, so each fit
     * would leak twice its weights' memory (measured: RSS grew 3.5 MB per fit of a 512x512 network). Here they
     * belong to the weights' manager and go when the model closes.
     */
    private static final class ModelScopedAdam extends Optimizer {
        private static final float BETA1 = 0.9f;
        private static final float BETA2 = 0.999f;
        private static final float EPSILON = 1e-8f;

        private final float learningRate;
        private final Map<String, NDArray[]> moments = new ConcurrentHashMap<>();

        ModelScopedAdam(float learningRate) {
            super(new Defaults());
            this.learningRate = learningRate;
        }

        @Override
        public void update(String parameterId, NDArray weight, NDArray gradient) {
            int step = updateCount(parameterId);
            float biasCorrected = (float) (learningRate * Math.sqrt(1 - Math.pow(BETA2, step))
                    / (1 - Math.pow(BETA1, step)));
            NDArray[] meanAndVariance = moments.computeIfAbsent(parameterId,
                    id -> new NDArray[] {weight.zerosLike(), weight.zerosLike()});
            weight.getNDArrayInternal().adamUpdate(
                    new NDList(weight, gradient, meanAndVariance[0], meanAndVariance[1]), new NDList(weight),
                    learningRate, biasCorrected, getWeightDecay(), rescaleGrad, clipGrad, BETA1, BETA2, EPSILON,
                    true, false);
        }

        /** DJL's optimizer defaults: no gradient rescaling or clipping, no weight decay. */
        private static final class Defaults extends Optimizer.OptimizerBuilder<Defaults> {
            @Override
            protected Defaults self() {
                return this;
            }
        }
    }

    private static List<Layer> layers(List<Linear> linears) {
        List<Layer> layers = new ArrayList<>();
        for (Linear linear : linears) {
            NDArray weight = linear.getParameters().get("weight").getArray();
            float[] biases = linear.getParameters().get("bias").getArray().toFloatArray();
            int inputs = (int) weight.getShape().get(1);
            layers.add(new Layer(inputs, biases.length, weight.toFloatArray(), biases));
        }
        return layers;
    }

    private static double[] apply(Layer layer, double[] input, boolean relu) {
        double[] output = new double[layer.outputs()];
        for (int o = 0; o < output.length; o++) {
            double sum = layer.biases()[o];
            int offset = o * layer.inputs();
            for (int i = 0; i < input.length; i++) {
                sum += layer.weights()[offset + i] * input[i];
            }
            output[o] = relu ? Math.max(0, sum) : sum;
        }
        return output;
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

    private static void shuffle(int[] order, Random random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
    }

    private static float[] flatten(double[][] x, int inputs) {
        float[] flat = new float[x.length * inputs];
        for (int row = 0; row < x.length; row++) {
            for (int i = 0; i < inputs; i++) {
                flat[row * inputs + i] = (float) x[row][i];
            }
        }
        return flat;
    }

    private Fitted requireFitted() {
        Fitted model = fitted;
        if (model == null) {
            throw new IllegalStateException("The MLP has not been trained yet; call fit(train, validation, "
                    + "listener) first.");
        }
        return model;
    }

    private static synchronized Engine pytorch() {
        try {
            return Engine.getEngine(ENGINE_NAME);
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalStateException("PyTorch could not be loaded (" + e.getMessage() + "); the MLP uses "
                    + "the PyTorch inside the pytorch-native-cpu jar and never downloads one, so keep that jar, "
                    + "pytorch-jni and pytorch-engine on the class path and unset PYTORCH_VERSION and "
                    + "PYTORCH_LIBRARY_PATH.", e);
        }
    }

    private static Device trainingDevice(Engine engine) {
        return engine.getGpuCount() > 0 ? Device.gpu() : Device.cpu();
    }

    private static String describe(Engine engine, Device device) {
        String where = device.isGpu() ? "gpu " + device.getDeviceId() : "cpu";
        return engine.getEngineName() + " " + engine.getVersion() + " on " + where;
    }

    private static void checkData(Prepared train, Prepared validation) {
        if (train == null || validation == null) {
            throw new IllegalArgumentException("The MLP needs both training and validation rows; split off "
                    + "validation rows and pass both to fit.");
        }
        if (train.rows() == 0 || validation.rows() == 0) {
            throw new IllegalArgumentException("The " + (train.rows() == 0 ? "training" : "validation")
                    + " data has no rows; give the MLP at least one row of each.");
        }
        if (train.features().isEmpty()) {
            throw new IllegalArgumentException("The data has no features; give the MLP at least one feature "
                    + "column.");
        }
        if (train.isClassification() != validation.isClassification()) {
            throw new IllegalArgumentException("The training rows are for " + task(train)
                    + " but the validation rows are for " + task(validation) + "; prepare both for the same task.");
        }
        if (!train.features().equals(validation.features())) {
            throw new IllegalArgumentException("The validation rows have the features " + validation.features()
                    + " but the training rows have " + train.features()
                    + "; prepare both with the same features in the same order.");
        }
        if (train.isClassification()) {
            if (!train.classes().equals(validation.classes())) {
                throw new IllegalArgumentException("The validation rows have the classes " + validation.classes()
                        + " but the training rows have " + train.classes()
                        + "; prepare both with the same classes in the same order.");
            }
            if (train.classes().size() < 2) {
                throw new IllegalArgumentException("The target has only " + train.classes().size()
                        + " class; an MLP classifier needs at least two classes to tell apart.");
            }
        }
        checkNumbers(train, "Training");
        checkNumbers(validation, "Validation");
    }

    private static void checkNumbers(Prepared data, String name) {
        for (int row = 0; row < data.rows(); row++) {
            for (int i = 0; i < data.x()[row].length; i++) {
                if (!Double.isFinite(data.x()[row][i])) {
                    throw new IllegalArgumentException(name + " row " + row + " has a missing or infinite value "
                            + "in the feature \"" + data.features().get(i) + "\"; impute or drop such values "
                            + "before training the MLP.");
                }
            }
            if (!data.isClassification() && !Double.isFinite(data.y()[row])) {
                throw new IllegalArgumentException(name + " row " + row + " has a missing or infinite target; "
                        + "drop rows without a target before training the MLP.");
            }
        }
    }

    private static String task(Prepared data) {
        return data.isClassification() ? "classification" : "regression";
    }

    private static int[] hiddenSizes(Object value) {
        String problem = "The MLP parameter hidden is " + describeValue(value)
                + "; give the hidden layer sizes as text of whole numbers of at least 1, like \"64,32\".";
        if (!(value instanceof String text) || text.isBlank()) {
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
            return 0.001;
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

    private static String describeValue(Object value) {
        if (value == null) {
            return "missing";
        }
        return (value instanceof String ? "\"" + value + "\"" : value.toString()) + " ("
                + value.getClass().getSimpleName() + ")";
    }

    // Checkpoints for this family are being written (issue 5); until then it cannot be saved.
    @Override
    public int stepsDone() {
        throw new UnsupportedOperationException("checkpoints are not written yet for this family");
    }

    @Override
    public void save(java.io.OutputStream out) {
        throw new UnsupportedOperationException("checkpoints are not written yet for this family");
    }

    @Override
    public void restore(java.io.InputStream in) {
        throw new UnsupportedOperationException("checkpoints are not written yet for this family");
    }
}
