package org.sealbook.toolkit.models;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.Set;
import org.sealbook.toolkit.prepare.Prepared;

/**
 * The bar every model must clear: it ignores the features and predicts, for every row, the training rows' class
 * shares (classification, param {@code strategy=most_frequent}) or their mean (regression, {@code strategy=mean}).
 * Reports one step with {@code train_loss}, {@code val_loss} (log loss for classes, mean squared error for numbers)
 * and {@code elapsed_seconds}.
 * Usage: {@code Model m = new BaselineModel(Map.of(), 42); m.fit(train, validation, TrainingListener.NONE);}
 */
public final class BaselineModel implements Model {
    private static final String MOST_FREQUENT = "most_frequent";
    private static final String MEAN = "mean";

    private final String strategy;
    private int featureCount;
    private double[] prediction;

    /** {@code seed} is unused: the baseline has nothing random, but takes one like every family. */
    public BaselineModel(Map<String, Object> params, long seed) {
        ModelChecks.checkParams(params, Set.of("strategy"), "baseline");
        Object chosen = params.get("strategy");
        if (chosen != null && !MOST_FREQUENT.equals(chosen) && !MEAN.equals(chosen)) {
            throw new IllegalArgumentException("The baseline's strategy is '" + chosen + "'; use " + MOST_FREQUENT
                    + " for classes or " + MEAN + " for numbers.");
        }
        this.strategy = (String) chosen;
    }

    @Override
    public void fit(Prepared train, Prepared validation, TrainingListener listener) {
        long start = System.nanoTime();
        ModelChecks.checkFitInputs(train, validation, listener);
        if (prediction != null) {
            return; // its one step is done: a restored baseline has nothing left to learn
        }
        String fitting = train.isClassification() ? MOST_FREQUENT : MEAN;
        if (strategy != null && !strategy.equals(fitting)) {
            throw new IllegalArgumentException("The baseline's strategy " + strategy + " does not fit a "
                    + (train.isClassification() ? "class" : "numeric") + " target; use strategy=" + fitting + ".");
        }
        if (train.isClassification()) {
            double[] shares = new double[train.classes().size()];
            for (int label : train.labels()) {
                shares[label]++;
            }
            for (int c = 0; c < shares.length; c++) {
                shares[c] /= train.rows();
            }
            prediction = shares;
        } else {
            double sum = 0;
            for (double value : train.y()) {
                sum += value;
            }
            prediction = new double[] {sum / train.rows()};
        }
        featureCount = train.features().size();
        listener.step(1, 1, TrainingLoss.metrics(start, predict(train.x()), train,
                validation == null ? null : predict(validation.x()), validation, false));
    }

    @Override
    public double[][] predict(double[][] x) {
        ModelChecks.checkFitted(prediction != null, "baseline");
        ModelChecks.checkRows(x, featureCount);
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = prediction.clone(); // callers may change their rows without touching the others
        }
        return out;
    }

    @Override
    public long complexity() {
        return 0;
    }

    @Override
    public int stepsDone() {
        return prediction == null ? 0 : 1;
    }

    @Override
    public void save(OutputStream stream) throws IOException {
        ModelChecks.checkFitted(prediction != null, "baseline");
        DataOutputStream out = SavedModels.data(stream);
        SavedModels.writeHeader(out, "baseline", settings());
        out.writeInt(featureCount);
        SavedModels.writeDoubles(out, prediction);
        out.flush();
    }

    @Override
    public void restore(InputStream stream) throws IOException {
        DataInputStream in = SavedModels.data(stream);
        SavedModels.readHeader(in, "baseline", settings());
        featureCount = in.readInt();
        prediction = SavedModels.readDoubles(in);
    }

    private String settings() {
        return "strategy=" + (strategy == null ? "auto" : strategy);
    }
}
