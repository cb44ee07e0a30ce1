package org.sealbook.toolkit.models;

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
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.sealbook.toolkit.prepare.Prepared;

/**
 * A multilayer perceptron (ReLU hidden layers, Adam, mini-batches) trained with DJL on PyTorch, on the GPU when
 * PyTorch sees one ({@link #device()} says which). After {@link #fit} the trained weights live in Java arrays and
 * {@link #predict} is plain Java maths, so nothing native stays open between fits.
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
 *
 * <p>Checkpoints hold the weights, Adam's moments and step count, the epoch reached and the early-stopping state;
 * each epoch's batch order comes from (seed, epoch), so no random state is saved. A model stopped by its listener
 * (or restored) goes on from the next epoch when fit again; one whose fit ended ignores further fits. In its first
 * optimiser step every fit checks that each weight and bias got a finite, non-zero gradient ({@link #selfChecks()}).
 */
public final class MlpModel implements Model {
    static {
        // The product promises no download: PyTorch comes from the bundled pytorch-native-cpu jar, and offline mode
        // makes DJL fail instead of fetching anything and skips its telemetry call when its Engine class first loads.
        // A caller who set the property keeps their choice: the CUDA build (-Pcuda, see the README) has no bundled
        // PyTorch and runs with -Dai.djl.offline=false so DJL downloads the CUDA one on first use.
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        // Tabular batches are small, so PyTorch's per-operation threads cost more than they give (measured: 2-6x
        // slower on 2 busy cores) and fight concurrent fits for cores; one thread also makes results independent of
        // the core count. A caller who set the property keeps their choice. Read once, when PyTorch loads.
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", "1");
        }
    }

    private static final String ENGINE_NAME = "PyTorch";
    private static final String FAMILY = "multilayer perceptron";
    private static final String GRADIENT_CHECK = "every parameter got a finite, non-zero gradient in the first step";
    private static final Set<String> PARAMETERS = Set.of("hidden", "epochs", "learning_rate", "batch_size",
            "early_stopping");
    // DJL's PyTorch gradient collector is one per JVM (a static flag), so concurrent fits take turns per batch.
    private static final Object GRADIENT_COLLECTOR = new Object();
    private static final int VALIDATION_CHUNK = 8192;
    // SplittableRandom's golden gamma: spreads (seed, epoch) pairs far apart, so no two epochs share a stream.
    private static final long SEED_SPREAD = 0x9E3779B97F4A7C15L;

    private final int[] hidden;
    private final int epochs;
    private final double learningRate;
    private final int batchSize;
    private final Integer patience;
    private final long seed;
    /** What predict uses and what the next fit goes on from; null before fit, and while a fit runs. */
    private volatile Progress progress;
    /** The running fit, only while its listener hears an epoch: save and stepsDone read it there. */
    private volatile Training listening;
    private volatile String trainedOn;
    private volatile List<String> selfChecks = List.of();

    /** One dense layer's trained values: {@code weights[o * inputs + i]} joins input i to output o. */
    private record Layer(int inputs, int outputs, float[] weights, float[] biases) {
        long size() {
            return (long) weights.length + biases.length;
        }
    }

    /**
     * Everything a checkpoint holds. Adam's moments are per parameter in network order (first layer's weights,
     * its biases, the next layer's ...), empty before the first step and once fit ended (nothing is left to learn).
     */
    private record Progress(List<String> features, boolean classification, int outputs, int epoch, boolean ended,
            List<Layer> layers, List<float[]> adamMeans, List<float[]> adamVariances, int adamSteps,
            List<Layer> best, double bestLoss, int epochsSinceBest) {
        /** The weights predict uses: the best ones when early stopping kept some, else the latest. */
        List<Layer> predicting() {
            return best != null ? best : layers;
        }
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

    /** Where training runs (or ran), e.g. "PyTorch 2.7.1 on cpu" or "... on gpu 0"; loads PyTorch if nothing has. */
    public String device() {
        String ran = trainedOn;
        return ran != null ? ran : describe(pytorch(), trainingDevice(pytorch()));
    }

    @Override
    public void fit(Prepared train, Prepared validation, TrainingListener listener) {
        checkData(train, validation);
        if (listener == null) {
            throw new IllegalArgumentException("The MLP got no training listener; pass TrainingListener.NONE to "
                    + "train without one.");
        }
        Progress start = progress;
        if (start != null) {
            checkSameShape(start, train);
            if (start.ended()) {
                return; // every epoch, or its own early stopping, is behind it: nothing is left to learn
            }
        } else {
            int outputs = train.isClassification() ? train.classes().size() : 1;
            start = new Progress(train.features(), train.isClassification(), outputs, 0, false,
                    firstLayers(train.features().size(), outputs), List.of(), List.of(), 0, null,
                    Double.POSITIVE_INFINITY, 0);
        }
        progress = null; // a fit that fails part-way must not leave older weights answering predict

        Engine engine = pytorch();
        Device device = trainingDevice(engine);
        Loss loss = start.classification() ? Loss.softmaxCrossEntropyLoss() : Loss.l2Loss("mse", 1f);
        ModelScopedAdam adam = new ModelScopedAdam((float) learningRate);
        DefaultTrainingConfig config = new DefaultTrainingConfig(loss)
                .optOptimizer(adam)
                .optDevices(new Device[] {device});
        try (ai.djl.Model net = ai.djl.Model.newInstance("mlp", device, engine.getEngineName())) {
            List<Linear> linears = new ArrayList<>();
            net.setBlock(network(start.layers(), linears));
            try (Trainer trainer = net.newTrainer(config)) {
                trainer.initialize(new Shape(1, train.features().size()));
                Training training = new Training(start, linears, adam);
                train(trainer, training, train, validation, listener);
                progress = training.snapshot();
                trainedOn = describe(engine, device);
            }
        }
    }

    @Override
    public double[][] predict(double[][] x) {
        Progress model = requireFitted();
        List<Layer> layers = model.predicting();
        int inputs = layers.get(0).inputs();
        double[][] predictions = new double[x.length][];
        for (int row = 0; row < x.length; row++) {
            if (x[row].length != inputs) {
                throw new IllegalArgumentException("Row " + row + " has " + x[row].length + " values but the MLP "
                        + "was trained on " + inputs + " features; prepare the rows the same way as for fit.");
            }
            double[] values = x[row];
            for (int layer = 0; layer < layers.size(); layer++) {
                values = apply(layers.get(layer), values, layer < layers.size() - 1);
            }
            predictions[row] = model.classification() ? softmax(values) : values;
        }
        return predictions;
    }

    /** Trainable parameters: every weight and bias of every layer. */
    @Override
    public long complexity() {
        return requireFitted().predicting().stream().mapToLong(Layer::size).sum();
    }

    /** "every parameter got a finite, non-zero gradient in the first step" once a fit has trained; empty before. */
    @Override
    public List<String> selfChecks() {
        return selfChecks;
    }

    @Override
    public int stepsDone() {
        Training running = listening;
        if (running != null) {
            return running.epoch;
        }
        Progress saved = progress;
        return saved == null ? 0 : saved.epoch();
    }

    @Override
    public void save(OutputStream stream) throws IOException {
        Training running = listening;
        Progress state = running != null ? running.snapshot() : requireFitted();
        DataOutputStream out = SavedModels.data(stream);
        SavedModels.writeHeader(out, FAMILY, settings());
        SavedModels.writeFeatures(out, state.features());
        out.writeBoolean(state.classification());
        out.writeInt(state.outputs());
        out.writeInt(state.epoch());
        out.writeBoolean(state.ended());
        writeLayers(out, state.layers());
        writeArrays(out, state.adamMeans());
        writeArrays(out, state.adamVariances());
        out.writeInt(state.adamSteps());
        out.writeBoolean(state.best() != null);
        if (state.best() != null) {
            writeLayers(out, state.best());
        }
        out.writeDouble(state.bestLoss());
        out.writeInt(state.epochsSinceBest());
        out.flush();
    }

    @Override
    public void restore(InputStream stream) throws IOException {
        DataInputStream in = SavedModels.data(stream);
        SavedModels.readHeader(in, FAMILY, settings());
        List<String> features = SavedModels.readFeatures(in);
        boolean classification = in.readBoolean();
        int outputs = in.readInt();
        int epoch = in.readInt();
        boolean ended = in.readBoolean();
        List<Layer> layers = readLayers(in);
        List<float[]> means = readArrays(in);
        List<float[]> variances = readArrays(in);
        int adamSteps = in.readInt();
        List<Layer> best = in.readBoolean() ? readLayers(in) : null;
        double bestLoss = in.readDouble();
        int epochsSinceBest = in.readInt();
        if (layers.isEmpty() || layers.get(0).inputs() != features.size()
                || layers.get(layers.size() - 1).outputs() != outputs || !momentsFit(layers, means, variances)) {
            throw new IOException("The saved MLP's layers and optimiser state do not fit its " + features.size()
                    + " features and " + outputs + " outputs, so the file is damaged; train the experiment again.");
        }
        progress = new Progress(features, classification, outputs, epoch, ended, layers, means, variances,
                adamSteps, best, bestLoss, epochsSinceBest);
    }

    /** The same predictions through DJL's own forward pass on the trained weights, to check the Java maths. */
    double[][] predictWithDjl(double[][] x) {
        Progress model = requireFitted();
        int inputs = model.predicting().get(0).inputs();
        Engine engine = pytorch();
        try (NDManager manager = engine.newBaseManager(Device.cpu())) {
            SequentialBlock block = network(model.predicting(), new ArrayList<>());
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

    /**
     * A fit's working state: the weights and Adam's moments stay in PyTorch and are copied out only when a
     * checkpoint or the end of fit asks, so an epoch costs no copying.
     */
    private static final class Training {
        final List<String> features;
        final boolean classification;
        final int outputs;
        final List<Linear> linears;
        /** Every weight and bias, in network order: a layer's weights, then its biases. */
        final List<Parameter> parameters = new ArrayList<>();
        final ModelScopedAdam adam;
        int epoch;
        boolean ended;
        List<Layer> best;
        double bestLoss;
        int epochsSinceBest;

        Training(Progress start, List<Linear> linears, ModelScopedAdam adam) {
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

        Progress snapshot() {
            if (ended) {
                // only predict needs anything now: keep the weights it uses and drop what going on would need
                List<Layer> kept = best != null ? best : layers(linears);
                return new Progress(features, classification, outputs, epoch, true, kept, List.of(), List.of(),
                        0, null, bestLoss, epochsSinceBest);
            }
            List<float[]> means = new ArrayList<>();
            List<float[]> variances = new ArrayList<>();
            for (Parameter parameter : parameters) {
                means.add(adam.mean(parameter));
                variances.add(adam.variance(parameter));
            }
            return new Progress(features, classification, outputs, epoch, false, layers(linears), means, variances,
                    adam.steps(parameters.get(0)), best, bestLoss, epochsSinceBest);
        }
    }

    private void train(Trainer trainer, Training training, Prepared train, Prepared validation,
            TrainingListener listener) {
        int inputs = train.features().size();
        float[] trainX = flatten(train.x(), inputs);
        float[] validationX = flatten(validation.x(), inputs);
        boolean firstStep = true;
        while (training.epoch < epochs) {
            int epoch = training.epoch + 1;
            long started = System.nanoTime();
            int[] order = batchOrder(train.rows(), epoch);
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
                    double[] norms = gradientNorms(training.parameters, batch);
                    if (firstStep) {
                        checkGradients(norms);
                        firstStep = false;
                    }
                    lossSum += loss;
                    gradNormSum += globalNorm(norms);
                    batches++;
                    trainer.step();
                }
            }
            double validationLoss = validationLoss(trainer, validation, validationX);
            checkFinite(validationLoss, epoch);
            double seconds = (System.nanoTime() - started) / 1e9;
            training.epoch = epoch;
            if (validationLoss < training.bestLoss) {
                training.bestLoss = validationLoss;
                training.epochsSinceBest = 0;
                if (patience != null) {
                    training.best = layers(training.linears);
                }
            } else {
                training.epochsSinceBest++;
            }
            training.ended = epoch == epochs || (patience != null && training.epochsSinceBest >= patience);
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("train_loss", lossSum / batches);
            metrics.put("val_loss", validationLoss);
            metrics.put("learning_rate", learningRate);
            metrics.put("grad_norm", gradNormSum / batches);
            metrics.put("rows_per_second", order.length / seconds);
            metrics.put("seconds", seconds);
            boolean goOn;
            listening = training;
            try {
                goOn = listener.step(epoch, epochs, metrics);
            } finally {
                listening = null;
            }
            if (!goOn || training.ended) {
                return;
            }
        }
    }

    /**
     * Epoch e's batch order depends only on (seed, e), so a restored fit shuffles exactly as an unbroken one would
     * without any saved random state. Epoch 0's numbers are the first weights.
     */
    private SplittableRandom random(int epoch) {
        return new SplittableRandom(seed * SEED_SPREAD + epoch);
    }

    private int[] batchOrder(int rows, int epoch) {
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
    private void checkGradients(double[] norms) {
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
        selfChecks = List.of(GRADIENT_CHECK);
    }

    /** A parameter in a learner's words, e.g. "The first layer's weights" or "The output layer's biases". */
    private static String parameterName(int layer, int layers, boolean weights) {
        String[] ordinals = {"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
                "tenth"};
        String which = layer == layers - 1 ? "output layer"
                : layer < ordinals.length ? ordinals[layer] + " layer" : "layer " + (layer + 1);
        return "The " + which + "'s " + (weights ? "weights" : "biases");
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
    private List<Layer> firstLayers(int inputs, int outputs) {
        SplittableRandom random = random(0);
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
     * belong to the weights' manager and go when the model closes. It also counts its own steps and can resume
     * moments and counts from a checkpoint, where DJL's would start again at step 1.
     */
    private static final class ModelScopedAdam extends Optimizer {
        private static final float BETA1 = 0.9f;
        private static final float BETA2 = 0.999f;
        private static final float EPSILON = 1e-8f;

        private final float learningRate;
        private final Map<String, NDArray[]> moments = new ConcurrentHashMap<>();
        private final Map<String, Integer> steps = new ConcurrentHashMap<>();

        ModelScopedAdam(float learningRate) {
            super(new Defaults());
            this.learningRate = learningRate;
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

    private static float[] flatten(double[][] x, int inputs) {
        float[] flat = new float[x.length * inputs];
        for (int row = 0; row < x.length; row++) {
            for (int i = 0; i < inputs; i++) {
                flat[row * inputs + i] = (float) x[row][i];
            }
        }
        return flat;
    }

    private Progress requireFitted() {
        Progress model = progress;
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
                    + "PYTORCH_LIBRARY_PATH (a build with -Pcuda has no such jar: start Java with "
                    + "-Dai.djl.offline=false so DJL can download its CUDA PyTorch).", e);
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

    /** A fit that goes on must see the rows the model learnt from so far, prepared the same way. */
    private static void checkSameShape(Progress learnt, Prepared train) {
        if (!learnt.features().equals(train.features())) {
            throw new IllegalArgumentException("The MLP learnt from the features " + learnt.features()
                    + " but fit got " + train.features() + "; go on training with rows prepared the same way.");
        }
        int outputs = train.isClassification() ? train.classes().size() : 1;
        if (learnt.classification() != train.isClassification() || learnt.outputs() != outputs) {
            throw new IllegalArgumentException("The MLP learnt " + (learnt.classification()
                    ? learnt.outputs() + " classes" : "a numeric target") + " but fit got rows for "
                    + (train.isClassification() ? outputs + " classes" : "a numeric target")
                    + "; go on training with rows prepared the same way.");
        }
    }

    /** The params and seed a checkpoint must match: another value would train (or shuffle) differently. */
    private String settings() {
        StringBuilder sizes = new StringBuilder();
        for (int size : hidden) {
            sizes.append(sizes.length() == 0 ? "" : ",").append(size);
        }
        return "hidden=" + sizes + " epochs=" + epochs + " learning_rate=" + learningRate + " batch_size="
                + batchSize + " early_stopping=" + (patience == null ? "off" : patience) + " seed=" + seed;
    }

    /** None (nothing trained, or nothing left to train), or one mean and one variance the size of each parameter. */
    private static boolean momentsFit(List<Layer> layers, List<float[]> means, List<float[]> variances) {
        if (means.isEmpty() && variances.isEmpty()) {
            return true;
        }
        if (means.size() != 2 * layers.size() || variances.size() != means.size()) {
            return false;
        }
        for (int i = 0; i < means.size(); i++) {
            Layer layer = layers.get(i / 2);
            int size = i % 2 == 0 ? layer.weights().length : layer.biases().length;
            if (means.get(i).length != size || variances.get(i).length != size) {
                return false;
            }
        }
        return true;
    }

    private static void writeLayers(DataOutputStream out, List<Layer> layers) throws IOException {
        out.writeInt(layers.size());
        for (Layer layer : layers) {
            out.writeInt(layer.inputs());
            out.writeInt(layer.outputs());
            writeFloats(out, layer.weights());
            writeFloats(out, layer.biases());
        }
    }

    private static List<Layer> readLayers(DataInputStream in) throws IOException {
        int count = in.readInt();
        List<Layer> layers = new ArrayList<>();
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
            layers.add(new Layer(inputs, outputs, weights, biases));
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
