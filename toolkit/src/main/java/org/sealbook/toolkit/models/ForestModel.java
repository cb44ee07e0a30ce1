package org.sealbook.toolkit.models;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.sealbook.toolkit.prepare.Prepared;

/**
 * A random forest for classes or numbers, on features binned once into at most 255 levels (see
 * {@link BinnedFeatures}). Params: {@code trees} (default 100) and {@code max_depth} (default 8, the most yes/no
 * questions from the root to a leaf). Each tree learns on its own bootstrap sample (as many rows as the training
 * rows, drawn with replacement) and tries sqrt(features) random features per split for classes (gini), a third of
 * them for numbers (variance), at least 1; leaves hold at least 1 drawn row (classes) or 5 (numbers). A class
 * probability is the mean over the trees of the leaf's class shares; a number, the mean of the leaves' means.
 * Tree i is seeded from the model's seed and i alone and trees grow in parallel on all cores, so a forest is the
 * same bit for bit whatever the threads, and however its fit is cut into steps or checkpoints. Trees are grown in
 * steps of at least 10 (more on machines with more cores, to keep them busy); after each step the listener gets
 * {@code train_loss}, {@code val_loss} (log loss or mean squared error) and {@code elapsed_seconds}, and a false
 * answer keeps the trees grown so far. Complexity: trees grown x max_depth, as the plan counts it.
 * Usage: {@code Model m = new ForestModel(Map.of("trees", 200, "max_depth", 8), 42); m.fit(train, val, listener);}
 */
public final class ForestModel implements Model {
    /** The settings this family reads. */
    static final Set<String> SETTINGS = Set.of("trees", "max_depth");
    private static final String FAMILY = "random_forest";
    private static final int MIN_TREES_PER_STEP = 10;
    /** scikit-learn's and Smile's defaults: grow class trees to pure leaves, number leaves of at least 5 rows. */
    private static final int CLASSIFICATION_LEAF_ROWS = 1;
    private static final int REGRESSION_LEAF_ROWS = 5;

    private final int trees;
    private final int maxDepth;
    private final long seed;
    /** What the model learned first: its features, its classes (0 for numbers) and its bins; null before fit. */
    private TreeModels.Head head;
    private final List<FlatTree> grown = new ArrayList<>();
    private boolean ended;

    public ForestModel(Map<String, Object> params, long seed) {
        ModelChecks.checkParams(params, SETTINGS, FAMILY);
        this.trees = ModelChecks.wholeParam(params, "trees", 100, FAMILY);
        this.maxDepth = ModelChecks.wholeParam(params, "max_depth", 8, FAMILY);
        this.seed = seed;
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
        } else {
            head.checkSameRows(train, FAMILY);
        }
        int featureCount = head.features().size();
        ForestTreeGrower grower = new ForestTreeGrower(head.bins().codes(train.x()), head.bins(), train.labels(), head.classCount(),
                train.y(), maxDepth, Math.max(1, train.isClassification() ? (int) Math.sqrt(featureCount)
                : featureCount / 3), train.isClassification() ? CLASSIFICATION_LEAF_ROWS : REGRESSION_LEAF_ROWS);

        // TrainingListener.NONE hears nothing, so the losses (a pass of every tree over all rows) are skipped.
        boolean watched = listener != TrainingListener.NONE;
        Votes trainVotes = watched ? new Votes(train.x()) : null;
        Votes validationVotes = watched && validation != null ? new Votes(validation.x()) : null;
        if (watched) {
            for (FlatTree tree : grown) { // a restored forest's trees so far, in order, as an unbroken fit adds them
                trainVotes.add(tree);
                if (validationVotes != null) {
                    validationVotes.add(tree);
                }
            }
        }
        int perStep = Math.max(MIN_TREES_PER_STEP, Runtime.getRuntime().availableProcessors());
        while (grown.size() < trees) {
            int from = grown.size();
            int to = Math.min(trees, from + perStep);
            List<FlatTree> step = IntStream.range(from, to).parallel().mapToObj(i -> grower.grow(treeSeed(i)))
                    .toList();
            grown.addAll(step);
            ended = grown.size() == trees;
            if (!watched) {
                continue;
            }
            for (FlatTree tree : step) {
                trainVotes.add(tree);
                if (validationVotes != null) {
                    validationVotes.add(tree);
                }
            }
            Map<String, Double> metrics = TrainingLoss.metrics(start, trainVotes.predictions(), train,
                    validationVotes == null ? null : validationVotes.predictions(), validation, false);
            if (!listener.step(grown.size(), trees, metrics)) {
                break;
            }
        }
    }

    /** Tree i's seed depends on the model's seed and i only. */
    private long treeSeed(int tree) {
        return new SplittableRandom(seed).nextLong() + tree;
    }

    @Override
    public double[][] predict(double[][] x) {
        ModelChecks.checkFitted(!grown.isEmpty(), FAMILY);
        ModelChecks.checkRows(x, head.features().size());
        Votes votes = new Votes(x);
        grown.forEach(votes::add);
        return votes.predictions();
    }

    @Override
    public long complexity() {
        return (long) grown.size() * maxDepth;
    }

    /** Every tree's nodes, added up. */
    @Override
    public long size() {
        return grown.stream().mapToLong(FlatTree::nodes).sum();
    }

    /** Each row's sum of leaf values over the trees added so far, added in tree order whichever way it is used. */
    private final class Votes {
        private final double[][] rows;
        private final double[][] sums;
        private int added;

        Votes(double[][] rows) {
            this.rows = rows;
            this.sums = new double[rows.length][Math.max(1, head.classCount())];
        }

        void add(FlatTree tree) {
            double[] values = tree.leafValues();
            int width = tree.width();
            IntStream.range(0, rows.length).parallel().forEach(i -> {
                int at = tree.leaf(rows[i]) * width;
                for (int c = 0; c < width; c++) {
                    sums[i][c] += values[at + c];
                }
            });
            added++;
        }

        double[][] predictions() {
            double[][] out = new double[sums.length][];
            for (int i = 0; i < out.length; i++) {
                out[i] = sums[i].clone();
                for (int c = 0; c < out[i].length; c++) {
                    out[i][c] /= added;
                }
            }
            return out;
        }
    }

    @Override
    public int stepsDone() {
        return grown.size();
    }

    @Override
    public void save(OutputStream stream) throws IOException {
        ModelChecks.checkFitted(!grown.isEmpty(), FAMILY);
        DataOutputStream out = SavedModels.data(stream);
        head.write(out, FAMILY, settings());
        out.writeBoolean(ended);
        out.writeInt(grown.size());
        for (FlatTree tree : grown) {
            tree.write(out);
        }
        out.flush();
    }

    @Override
    public void restore(InputStream stream) throws IOException {
        DataInputStream in = SavedModels.data(stream);
        head = TreeModels.Head.read(in, FAMILY, settings());
        ended = in.readBoolean();
        int count = in.readInt();
        grown.clear();
        for (int t = 0; t < count; t++) {
            grown.add(FlatTree.read(in));
        }
    }

    private String settings() {
        return "trees=" + trees + ", max_depth=" + maxDepth + ", seed=" + seed;
    }
}
