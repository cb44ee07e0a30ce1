package org.sealbook.toolkit.models;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.sealbook.toolkit.prepare.Prepared;

/**
 * Gradient tree boosting for classes or numbers, second order (gradients and hessians) on features binned once into
 * at most 255 levels, as scikit-learn's HistGradientBoosting (see {@link BoostingTreeGrower}). Params:
 * {@code trees} (boosting rounds, default 200), {@code max_depth} (default 3, the most yes/no questions from the
 * root to a leaf) and {@code learning_rate} (shrinkage, default 0.1). Log loss with one tree a round for two
 * classes, softmax with one tree per class a round for more, squared error for numbers; the starting score is the
 * training rows' log odds, log class shares or mean. With class weights on the rows (the recipe's class_weights)
 * each row's gradient and hessian, and its share in the starting score, count its class's weight, as scikit-learn's
 * sample weights do, so the booster optimises the weighted loss. Leaves hold at least min(20, rows / 10) training
 * rows, at least 1: scikit-learn's 20, scaled down so small data sets can still split. Every round learns on all
 * rows, so nothing is random and the seed is unused. The listener gets one step per round with {@code train_loss},
 * {@code val_loss} (log loss or mean squared error; weighted when the rows are, with {@code train_loss_unweighted}
 * and {@code val_loss_unweighted} beside them, see {@link TrainingLoss}) and {@code elapsed_seconds}; a false
 * answer keeps the rounds so far. Complexity: rounds grown x max_depth, whatever the class count, as the plan
 * counts it (trees x max_depth).
 * Usage: {@code Model m = new BoostingModel(Map.of("trees", 200, "max_depth", 3, "learning_rate", 0.1), 42);}
 */
public final class BoostingModel implements Model {
    /** The settings this family reads. */
    static final Set<String> SETTINGS = Set.of("trees", "max_depth", "learning_rate");
    private static final String FAMILY = "gradient_boosting";
    /** HistGradientBoosting's min_samples_leaf, used in full from 200 training rows up. */
    private static final int LEAF_ROWS = 20;
    /** Class shares are kept inside (eps, 1 - eps) before their log is taken, as HistGradientBoosting does. */
    private static final double SMALLEST_SHARE = Math.ulp(1.0);

    private final int trees;
    private final int maxDepth;
    private final double learningRate;
    /** What the model learned first: its features, its classes (0 for numbers) and its bins; null before fit. */
    private TreeModels.Head head;
    /** The score every row starts from, one per tree of a round. */
    private double[] startScores;
    /** Each round's trees, one per score. */
    private final List<FlatTree[]> rounds = new ArrayList<>();
    private boolean ended;

    public BoostingModel(Map<String, Object> params, long seed) {
        ModelChecks.checkParams(params, SETTINGS, FAMILY);
        this.trees = ModelChecks.wholeParam(params, "trees", 200, FAMILY);
        this.maxDepth = ModelChecks.wholeParam(params, "max_depth", 3, FAMILY);
        this.learningRate = ModelChecks.numberParam(params, "learning_rate", 0.1, FAMILY);
        if (learningRate <= 0 || learningRate > 1) {
            throw new IllegalArgumentException("The " + FAMILY + " model's learning_rate is " + learningRate
                    + "; give a share above 0 and at most 1, e.g. learning_rate=0.1.");
        }
    }

    @Override
    public void fit(Prepared train, Prepared validation, TrainingListener listener) {
        long start = System.nanoTime();
        ModelChecks.checkFitInputs(train, validation, listener);
        ModelChecks.checkTwoClasses(train, FAMILY);
        if (ended) {
            return;
        }
        if (head == null) {
            head = TreeModels.Head.learn(train);
            startScores = startScores(train);
        } else {
            head.checkSameRows(train, FAMILY);
        }
        int n = train.rows();
        byte[][] codes = head.bins().codes(train.x());
        BoostingTreeGrower grower = new BoostingTreeGrower(codes, head.bins(), maxDepth,
                Math.max(1, Math.min(LEAF_ROWS, n / 10)), learningRate);
        // The running scores, rebuilt round by round for a restored model as an unbroken fit built them.
        double[][] trainScores = scores(train.x());
        // TrainingListener.NONE hears nothing, so the losses (a pass over all rows each round) are skipped.
        boolean watched = listener != TrainingListener.NONE;
        double[][] validationScores = watched && validation != null ? scores(validation.x()) : null;

        int outputs = startScores.length;
        double[][] gradients = new double[outputs][n];
        double[][] hessians = new double[outputs][n];
        while (rounds.size() < trees) {
            gradientsAndHessians(train, trainScores, gradients, hessians);
            FlatTree[] round = new FlatTree[outputs];
            for (int k = 0; k < outputs; k++) {
                round[k] = grower.grow(gradients[k], hessians[k], trainScores[k]);
            }
            rounds.add(round);
            ended = rounds.size() == trees;
            if (!watched) {
                continue;
            }
            if (validationScores != null) {
                addRound(round, validation.x(), validationScores);
            }
            Map<String, Double> metrics = TrainingLoss.metrics(start, predictions(trainScores), train,
                    validationScores == null ? null : predictions(validationScores), validation, true);
            if (!listener.step(rounds.size(), trees, metrics)) {
                break;
            }
        }
    }

    /**
     * Log odds of the second class, log class shares (both weighted by class when the rows are), or the mean target:
     * the best constant for each loss.
     */
    private double[] startScores(Prepared train) {
        if (!train.isClassification()) {
            double sum = 0;
            for (double y : train.y()) {
                sum += y;
            }
            return new double[] {sum / train.rows()};
        }
        double[] shares = new double[head.classCount()];
        double total = 0;
        for (int i = 0; i < train.rows(); i++) {
            shares[train.labels()[i]] += train.weight(i);
            total += train.weight(i);
        }
        for (int c = 0; c < head.classCount(); c++) {
            shares[c] = Math.min(1 - SMALLEST_SHARE, Math.max(SMALLEST_SHARE, shares[c] / total));
        }
        if (head.classCount() == 2) {
            return new double[] {Math.log(shares[1] / (1 - shares[1]))};
        }
        double[] out = new double[head.classCount()];
        for (int c = 0; c < head.classCount(); c++) {
            out[c] = Math.log(shares[c]);
        }
        return out;
    }

    /** Scores[k][row] of the rows after the rounds so far: the start plus every round's leaf, in round order. */
    private double[][] scores(double[][] x) {
        double[][] scores = new double[startScores.length][x.length];
        for (int k = 0; k < scores.length; k++) {
            Arrays.fill(scores[k], startScores[k]);
        }
        for (FlatTree[] round : rounds) {
            addRound(round, x, scores);
        }
        return scores;
    }

    private static void addRound(FlatTree[] round, double[][] x, double[][] scores) {
        for (int k = 0; k < round.length; k++) {
            FlatTree tree = round[k];
            double[] values = tree.leafValues();
            double[] score = scores[k];
            IntStream.range(0, x.length).parallel().forEach(i -> score[i] += values[tree.leaf(x[i])]);
        }
    }

    /** The loss's first and second derivatives by each score, per row, times the row's class weight. */
    private void gradientsAndHessians(Prepared train, double[][] scores, double[][] gradients, double[][] hessians) {
        int n = train.rows();
        if (head.classCount() == 0) {
            double[] y = train.y();
            for (int i = 0; i < n; i++) {
                gradients[0][i] = scores[0][i] - y[i];
                hessians[0][i] = 1;
            }
            return;
        }
        int[] labels = train.labels();
        double[] score = new double[scores.length];
        double[] p = new double[head.classCount()];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < score.length; k++) {
                score[k] = scores[k][i];
            }
            probabilities(score, p);
            double weight = train.weight(i);
            for (int k = 0; k < score.length; k++) {
                // Two classes: one score, the second class's log odds. More: one score per class.
                double share = p[score.length == 1 ? 1 : k];
                double truth = labels[i] == (score.length == 1 ? 1 : k) ? 1 : 0;
                gradients[k][i] = weight * (share - truth);
                hessians[k][i] = weight * share * (1 - share);
            }
        }
    }

    /** A row's class probabilities from its scores (a logistic for two classes, a softmax for more), into out. */
    private static void probabilities(double[] score, double[] out) {
        if (score.length == 1) {
            double second = 1 / (1 + Math.exp(-score[0]));
            out[0] = 1 - second;
            out[1] = second;
            return;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double s : score) {
            max = Math.max(max, s);
        }
        double sum = 0;
        for (int k = 0; k < out.length; k++) {
            out[k] = Math.exp(score[k] - max);
            sum += out[k];
        }
        for (int k = 0; k < out.length; k++) {
            out[k] /= sum;
        }
    }

    /** What predict returns for rows with these scores. */
    private double[][] predictions(double[][] scores) {
        int rows = scores[0].length;
        double[][] out = new double[rows][];
        double[] score = new double[scores.length];
        for (int i = 0; i < rows; i++) {
            for (int k = 0; k < score.length; k++) {
                score[k] = scores[k][i];
            }
            out[i] = new double[Math.max(1, head.classCount())];
            if (head.classCount() == 0) {
                out[i][0] = score[0];
            } else {
                probabilities(score, out[i]);
            }
        }
        return out;
    }

    /** It learns with the rows' class weights: its train_loss is the weighted loss. */
    @Override
    public boolean learnsClassWeights() {
        return true;
    }

    @Override
    public double[][] predict(double[][] x) {
        ModelChecks.checkFitted(!rounds.isEmpty(), FAMILY);
        ModelChecks.checkRows(x, head.features().size());
        return predictions(scores(x));
    }

    @Override
    public long complexity() {
        return (long) rounds.size() * maxDepth;
    }

    /** Every tree's nodes, added up (k trees a round for k > 2 classes). */
    @Override
    public long size() {
        return rounds.stream().flatMap(java.util.Arrays::stream).mapToLong(FlatTree::nodes).sum();
    }

    @Override
    public int stepsDone() {
        return rounds.size();
    }

    @Override
    public void save(OutputStream stream) throws IOException {
        ModelChecks.checkFitted(!rounds.isEmpty(), FAMILY);
        DataOutputStream out = SavedModels.data(stream);
        head.write(out, FAMILY, settings());
        SavedModels.writeDoubles(out, startScores);
        out.writeBoolean(ended);
        out.writeInt(rounds.size());
        for (FlatTree[] round : rounds) {
            for (FlatTree tree : round) {
                tree.write(out);
            }
        }
        out.flush();
    }

    @Override
    public void restore(InputStream stream) throws IOException {
        DataInputStream in = SavedModels.data(stream);
        head = TreeModels.Head.read(in, FAMILY, settings());
        startScores = SavedModels.readDoubles(in);
        ended = in.readBoolean();
        int count = in.readInt();
        rounds.clear();
        for (int r = 0; r < count; r++) {
            FlatTree[] round = new FlatTree[startScores.length];
            for (int k = 0; k < round.length; k++) {
                round[k] = FlatTree.read(in);
            }
            rounds.add(round);
        }
    }

    private String settings() {
        return "trees=" + trees + ", max_depth=" + maxDepth + ", learning_rate=" + learningRate;
    }
}
