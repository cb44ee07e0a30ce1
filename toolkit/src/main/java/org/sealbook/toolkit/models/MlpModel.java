package org.sealbook.toolkit.models;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sealbook.toolkit.prepare.Prepared;

/**
 * A multilayer perceptron (ReLU hidden layers, AdamW, mini-batches) trained with DJL on PyTorch, on the GPU when
 * PyTorch sees one ({@link #device()} says which). After {@link #fit} the trained weights live in Java arrays and
 * {@link #predict} is plain Java maths, so nothing native stays open between fits.
 * Usage: {@code Model mlp = new MlpModel(Map.of("hidden", "64,32", "epochs", 20), 42L); mlp.fit(train, validation, TrainingListener.NONE);}
 *
 * <p>Parameters: {@code hidden} (layer sizes as text, e.g. "64,32"; required), {@code epochs} (default 50),
 * {@code learning_rate} (the peak rate, default 0.001), {@code weight_decay} (AdamW's, default 0.01, on the weights and
 * not the biases), {@code batch_size} (default 32) and {@code early_stopping}
 * (patience in epochs: stop once the validation loss has not improved for that many epochs and keep the best
 * weights; off when absent). The learning rate warms up over the first 5% of the optimiser steps of all epochs, then
 * decays along a cosine to 1% of the peak ({@link LearningRateSchedule}). Classification learns softmax cross-entropy; regression learns the mean squared error.
 *
 * <p>With class weights on the rows (the recipe's class_weights) a classifier learns the weighted cross-entropy: each
 * batch's loss is the mean with every row counted its class's weight, and early stopping watches the weighted
 * validation loss.
 *
 * <p>Per epoch the listener gets {@code train_loss} (mean over the epoch's batches), {@code val_loss} (both the
 * weighted ones when the rows are, with {@code train_loss_unweighted} and {@code val_loss_unweighted} beside them),
 * {@code learning_rate} (the rate of the epoch's last step), {@code grad_norm} (the global L2 norm of all gradients, averaged over the epoch's batches),
 * {@code rows_per_second} and {@code seconds}. On CPU the same data, parameters and seed give the same predictions.
 *
 * <p>Checkpoints hold the weights, Adam's moments and step count (which the schedule's rate follows), the epoch reached and the early-stopping state;
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

    /** The peak learning rate when the params name none. */
    public static final double DEFAULT_LEARNING_RATE = 0.001;
    /** AdamW's weight decay when the params name none: each step shrinks the weights by rate x 0.01. */
    public static final double DEFAULT_WEIGHT_DECAY = 0.01;

    private static final String ENGINE_NAME = "PyTorch";
    private static final String FAMILY = "multilayer perceptron";

    private final MlpSettings settings;
    /** What predict uses and what the next fit goes on from; null before fit, and while a fit runs. */
    private volatile MlpProgress progress;
    /** The running fit, only while its listener hears an epoch: save and stepsDone read it there. */
    private volatile MlpTraining listening;
    private volatile String trainedOn;
    private volatile List<String> selfChecks = List.of();

    public MlpModel(Map<String, Object> params, long seed) {
        this.settings = MlpSettings.of(params, seed);
    }

    /** Where training runs (or ran), e.g. "PyTorch 2.7.1 on cpu" or "... on gpu 0"; loads PyTorch if nothing has. */
    public String device() {
        String ran = trainedOn;
        return ran != null ? ran : describe(pytorch(), trainingDevice(pytorch()));
    }

    @Override
    public void fit(Prepared train, Prepared validation, TrainingListener listener) {
        MlpChecks.checkData(train, validation);
        if (listener == null) {
            throw new IllegalArgumentException("The MLP got no training listener; pass TrainingListener.NONE to "
                    + "train without one.");
        }
        MlpProgress start = progress;
        if (start != null) {
            MlpChecks.checkSameShape(start, train);
            if (start.ended()) {
                return; // every epoch, or its own early stopping, is behind it: nothing is left to learn
            }
        } else {
            int outputs = train.isClassification() ? train.classes().size() : 1;
            start = MlpProgress.start(train.features(), train.isClassification(), outputs,
                    settings.firstLayers(train.features().size(), outputs));
        }
        progress = null; // a fit that fails part-way must not leave older weights answering predict

        Engine engine = pytorch();
        Device device = trainingDevice(engine);
        Loss loss = start.classification() ? Loss.softmaxCrossEntropyLoss() : Loss.l2Loss("mse", 1f);
        try (ai.djl.Model net = ai.djl.Model.newInstance("mlp", device, engine.getEngineName())) {
            List<Linear> linears = new ArrayList<>();
            net.setBlock(MlpNetwork.block(start.layers(), linears));
            Set<String> weights = new HashSet<>();
            linears.forEach(l -> weights.add(l.getParameters().get("weight").getId()));
            ModelScopedAdam adam = new ModelScopedAdam(settings.schedule(train.rows()), settings.weightDecay, weights);
            DefaultTrainingConfig config = new DefaultTrainingConfig(loss)
                    .optOptimizer(adam)
                    .optDevices(new Device[] {device});
            try (Trainer trainer = net.newTrainer(config)) {
                trainer.initialize(new Shape(1, train.features().size()));
                MlpTraining training = new MlpTraining(start, linears, adam, settings);
                training.run(trainer, train, validation, (epoch, total, metrics) -> {
                    listening = training;
                    try {
                        return listener.step(epoch, total, metrics);
                    } finally {
                        listening = null;
                    }
                }, () -> selfChecks = List.of(MlpTraining.GRADIENT_CHECK));
                progress = training.snapshot();
                trainedOn = describe(engine, device);
            }
        }
    }

    @Override
    public double[][] predict(double[][] x) {
        MlpProgress model = requireFitted();
        return MlpNetwork.predict(model.predicting(), model.classification(), x);
    }

    /** Trainable parameters: every weight and bias of every layer. */
    @Override
    public long complexity() {
        return requireFitted().predicting().stream().mapToLong(MlpLayer::size).sum();
    }

    /** It learns classes with the rows' class weights: its train_loss and val_loss are then weighted. */
    @Override
    public boolean learnsClassWeights() {
        return true;
    }

    /** "every parameter got a finite, non-zero gradient in the first step" once a fit has trained; empty before. */
    @Override
    public List<String> selfChecks() {
        return selfChecks;
    }

    @Override
    public int stepsDone() {
        MlpTraining running = listening;
        if (running != null) {
            return running.epoch();
        }
        MlpProgress saved = progress;
        return saved == null ? 0 : saved.epoch();
    }

    @Override
    public void save(OutputStream stream) throws IOException {
        MlpTraining running = listening;
        MlpProgress state = running != null ? running.snapshot() : requireFitted();
        DataOutputStream out = SavedModels.data(stream);
        SavedModels.writeHeader(out, FAMILY, settings.text());
        state.write(out);
        out.flush();
    }

    @Override
    public void restore(InputStream stream) throws IOException {
        DataInputStream in = SavedModels.data(stream);
        SavedModels.readHeader(in, FAMILY, settings.text());
        progress = MlpProgress.read(in);
    }

    /** The same predictions through DJL's own forward pass on the trained weights, to check the Java maths. */
    double[][] predictWithDjl(double[][] x) {
        MlpProgress model = requireFitted();
        try (NDManager manager = pytorch().newBaseManager(Device.cpu())) {
            return MlpNetwork.predictWithDjl(manager, model.predicting(), model.classification(), x);
        }
    }

    private MlpProgress requireFitted() {
        MlpProgress model = progress;
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
}
