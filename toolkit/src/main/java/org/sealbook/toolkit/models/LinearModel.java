package org.sealbook.toolkit.models;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sealbook.toolkit.prepare.Prepared;
import smile.classification.LogisticRegression;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.regression.OLS;
import smile.regression.RidgeRegression;

/**
 * Straight-line models (Smile 3.1.1): logistic regression for classes (binomial for two, multinomial for more),
 * least squares for numbers, or ridge regression when {@code l2} is above 0. Param {@code l2} (default 0): the
 * penalty on the squared weights, Smile's lambda. Smile fits logistic regression with no penalty as well, so 0
 * means none (no tiny stand-in). Nothing is random, so the seed is unused. Reports one step at the end with
 * {@code train_loss}, {@code val_loss} (log loss or mean squared error) and {@code elapsed_seconds}. Complexity:
 * one weight per feature plus the intercept, as the plan counts it (a model of k > 2 classes fits k - 1 such sets).
 * Usage: {@code Model m = new LinearModel(Map.of("l2", 1.0), 42); m.fit(train, validation, TrainingListener.NONE);}
 */
public final class LinearModel implements Model {
    /** The settings this family reads. */
    static final Set<String> SETTINGS = Set.of("l2");
    private static final String FAMILY = "linear";
    /** Smile's defaults for logistic regression's L-BFGS search. */
    private static final double TOLERANCE = 1e-5;
    private static final int MAX_ITERATIONS = 500;
    /** SVD copes with columns that repeat each other (e.g. one-hot columns), where QR would refuse them. */
    private static final String LEAST_SQUARES_METHOD = "svd";

    static {
        // Smile's BLAS and LAPACK each load OpenBLAS, whose loading needs BLAS: two runs that touch them first on two
        // threads at once (an OLS and a ridge preflight of one batch) wait on each other forever. Loading both here,
        // under this class's one-time initialisation, loads them on a single thread before any fit.
        smile.math.blas.BLAS.getInstance();
        smile.math.blas.LAPACK.getInstance();
    }

    private final double l2;
    private LogisticRegression classifier;
    private smile.regression.LinearModel regressor;
    private List<String> features;
    private int classCount;

    public LinearModel(Map<String, Object> params, long seed) {
        ModelChecks.checkParams(params, SETTINGS, FAMILY);
        this.l2 = ModelChecks.numberParam(params, "l2", 0.0, FAMILY);
        if (l2 < 0) {
            throw new IllegalArgumentException("The " + FAMILY + " model's l2 is " + l2 + "; give 0 (no penalty) "
                    + "or more, e.g. l2=1.0.");
        }
    }

    @Override
    public void fit(Prepared train, Prepared validation, TrainingListener listener) {
        long start = System.nanoTime();
        ModelChecks.checkFitInputs(train, validation, listener);
        ModelChecks.checkTwoClasses(train, FAMILY);
        if (classifier != null || regressor != null) {
            return; // fitted in one step: a restored model has nothing left to learn
        }
        features = train.features();
        classCount = train.isClassification() ? train.classes().size() : 1;
        if (train.isClassification()) {
            classifier = LogisticRegression.fit(train.x(), train.labels(), l2, TOLERANCE, MAX_ITERATIONS);
        } else {
            Formula formula = Formula.lhs(SmileFrames.targetName(features));
            DataFrame data = SmileFrames.withTarget(SmileFrames.frame(train.x(), features), train);
            if (l2 > 0) {
                regressor = RidgeRegression.fit(formula, data, l2);
            } else {
                if (train.rows() <= features.size() + 1) {
                    throw new IllegalArgumentException("Least squares needs more training rows than features + 1 "
                            + "(" + train.rows() + " rows, " + features.size() + " features); add rows, drop "
                            + "features, or set l2 above 0 for ridge regression.");
                }
                regressor = OLS.fit(formula, data, LEAST_SQUARES_METHOD, false, false);
            }
        }
        listener.step(1, 1, TrainingLoss.metrics(start, predict(train.x()), train,
                validation == null ? null : predict(validation.x()), validation, false));
    }

    @Override
    public double[][] predict(double[][] x) {
        ModelChecks.checkFitted(classifier != null || regressor != null, FAMILY);
        ModelChecks.checkRows(x, features.size());
        double[][] out = new double[x.length][];
        if (classifier != null) {
            int[] classes = classifier.classes();
            double[] posterior = new double[classes.length];
            for (int i = 0; i < out.length; i++) {
                classifier.predict(x[i], posterior);
                out[i] = SmileFrames.spread(posterior, classes, classCount);
            }
        } else {
            for (int i = 0; i < out.length; i++) {
                out[i] = new double[] {regressor.predict(x[i])};
            }
        }
        return out;
    }

    @Override
    public long complexity() {
        if (classifier == null && regressor == null) {
            return 0;
        }
        // counted as the plan counts it (Experiment.complexity), so the sealed bound and the result agree; a k-class
        // model holds k - 1 such sets of weights
        return features.size() + 1L;
    }

    @Override
    public int stepsDone() {
        return classifier != null || regressor != null ? 1 : 0;
    }

    @Override
    public void save(OutputStream stream) throws IOException {
        ModelChecks.checkFitted(classifier != null || regressor != null, FAMILY);
        DataOutputStream out = SavedModels.data(stream);
        SavedModels.writeHeader(out, FAMILY, "l2=" + l2);
        SavedModels.writeFeatures(out, features);
        out.writeInt(classCount);
        SavedModels.writeObject(out, classifier);
        SavedModels.writeObject(out, regressor);
        out.flush();
    }

    @Override
    public void restore(InputStream stream) throws IOException {
        DataInputStream in = SavedModels.data(stream);
        SavedModels.readHeader(in, FAMILY, "l2=" + l2);
        features = SavedModels.readFeatures(in);
        classCount = in.readInt();
        classifier = SavedModels.readObject(in, LogisticRegression.class);
        regressor = SavedModels.readObject(in, smile.regression.LinearModel.class);
    }
}
