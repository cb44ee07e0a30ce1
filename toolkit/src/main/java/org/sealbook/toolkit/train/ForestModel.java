package org.sealbook.toolkit.train;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import smile.base.cart.SplitRule;
import smile.classification.RandomForest;
import smile.data.DataFrame;
import smile.data.Tuple;
import smile.data.formula.Formula;

/**
 * A random forest (Smile 3.1.1) for classes or numbers. Params: {@code trees} (default 100) and {@code max_depth}
 * (default 8, the most yes/no questions from the root to a leaf). Trees are grown in steps of at least 10 (more on
 * machines with more cores, to keep them busy); after each step the listener gets {@code train_loss},
 * {@code val_loss} (log loss or mean squared error) and {@code elapsed_seconds}, and a false answer keeps the trees
 * grown so far. Complexity: trees grown x max_depth.
 * Usage: {@code Model m = new ForestModel(Map.of("trees", 200, "max_depth", 8), 42); m.fit(train, val, listener);}
 */
public final class ForestModel implements Model {
    private static final String FAMILY = "random_forest";
    private static final int MIN_TREES_PER_STEP = 10;
    /** Smile's defaults: grow classification trees to pure leaves, regression leaves of at least 5 rows. */
    private static final int CLASSIFICATION_LEAF_ROWS = 1;
    private static final int REGRESSION_LEAF_ROWS = 5;
    /** Each tree draws a bootstrap sample as large as the training rows (sampling with replacement). */
    private static final double BOOTSTRAP = 1.0;
    /** 0 asks Smile for its default features per split: sqrt(p) for classes, p/3 for numbers. */
    private static final int DEFAULT_FEATURES_PER_SPLIT = 0;

    private final int trees;
    private final int maxDepth;
    private final long seed;
    private RandomForest classifier;
    private smile.regression.RandomForest regressor;
    private List<String> features;
    private int classCount;

    public ForestModel(Map<String, Object> params, long seed) {
        ModelChecks.checkParams(params, Set.of("trees", "max_depth"), FAMILY);
        this.trees = ModelChecks.wholeParam(params, "trees", 100, FAMILY);
        this.maxDepth = ModelChecks.wholeParam(params, "max_depth", 8, FAMILY);
        this.seed = seed;
    }

    @Override
    public void fit(Prepared train, Prepared validation, TrainingListener listener) {
        long start = System.nanoTime();
        ModelChecks.checkFitInputs(train, validation, listener);
        ModelChecks.checkTwoClasses(train, FAMILY);
        classifier = null;
        regressor = null;
        features = train.features();
        classCount = train.isClassification() ? train.classes().size() : 1;
        DataFrame trainFeatures = SmileFrames.frame(train.x(), features);
        DataFrame data = SmileFrames.withTarget(trainFeatures, train);
        Formula formula = Formula.lhs(SmileFrames.targetName(features));
        Votes trainVotes = new Votes(trainFeatures, classCount);
        Votes validationVotes = validation == null ? null : new Votes(SmileFrames.frame(validation.x(), features), classCount);

        // Determinism: Smile seeds each tree from its own entry in the seed stream (MathEx.setSeed on the thread
        // that grows it, a thread-local generator) and grows the whole tree on that thread. So a tree depends only
        // on its seed, never on threads or on other fits running at the same time. Tree i always gets seeds[i],
        // so a forest is the same however it is cut into steps.
        long[] seeds = SmileFrames.treeSeeds(seed, trees);
        int perStep = Math.max(MIN_TREES_PER_STEP, Runtime.getRuntime().availableProcessors());
        int maxLeaves = Math.max(2, train.rows());
        for (int grown = 0; grown < trees; ) {
            int next = Math.min(trees, grown + perStep);
            // Each step is a Smile fit of its own (columns sorted again, a small cost next to growing the trees),
            // merged into the forest so far.
            // Smile counts the root as depth 1, so a tree of max_depth questions is Smile's depth max_depth + 1.
            if (train.isClassification()) {
                RandomForest part = RandomForest.fit(formula, data, next - grown, DEFAULT_FEATURES_PER_SPLIT,
                        SplitRule.GINI, maxDepth + 1, maxLeaves, CLASSIFICATION_LEAF_ROWS, BOOTSTRAP, null,
                        Arrays.stream(seeds, grown, next));
                classifier = classifier == null ? part : classifier.merge(part);
                trainVotes.add(part);
                if (validationVotes != null) {
                    validationVotes.add(part);
                }
            } else {
                smile.regression.RandomForest part = smile.regression.RandomForest.fit(formula, data,
                        next - grown, DEFAULT_FEATURES_PER_SPLIT, maxDepth + 1, maxLeaves, REGRESSION_LEAF_ROWS,
                        BOOTSTRAP, Arrays.stream(seeds, grown, next));
                regressor = regressor == null ? part : regressor.merge(part);
                trainVotes.add(part);
                if (validationVotes != null) {
                    validationVotes.add(part);
                }
            }
            grown = next;
            Map<String, Double> metrics = ModelChecks.metrics(start, trainVotes.predictions(), train,
                    validationVotes == null ? null : validationVotes.predictions(), validation);
            if (!listener.step(grown, trees, metrics)) {
                break;
            }
        }
    }

    @Override
    public double[][] predict(double[][] x) {
        ModelChecks.checkFitted(classifier != null || regressor != null, FAMILY);
        ModelChecks.checkRows(x, features.size());
        DataFrame rows = SmileFrames.frame(x, features);
        double[][] out = new double[x.length][];
        if (classifier != null) {
            int[] classes = classifier.classes();
            double[] posterior = new double[classes.length];
            for (int i = 0; i < out.length; i++) {
                classifier.predict(rows.get(i), posterior);
                out[i] = SmileFrames.spread(posterior, classes, classCount);
            }
        } else {
            for (int i = 0; i < out.length; i++) {
                out[i] = new double[] {regressor.predict(rows.get(i))};
            }
        }
        return out;
    }

    @Override
    public long complexity() {
        int grown = classifier != null ? classifier.size() : regressor != null ? regressor.size() : 0;
        return (long) grown * maxDepth;
    }

    /**
     * Each row's forest prediction so far, kept as running sums so a step costs one pass of its new trees only.
     * Sums the same way Smile's forest predicts: class probabilities weighted by each tree's out-of-bag accuracy
     * then scaled to sum to 1; numbers averaged over the trees.
     */
    private static final class Votes {
        private final Tuple[] rows;
        private final double[][] sums;
        private int regressionTrees;

        Votes(DataFrame rows, int outputs) {
            this.rows = SmileFrames.tuples(rows);
            this.sums = new double[this.rows.length][outputs];
        }

        void add(RandomForest part) {
            int[] classes = part.classes();
            double[] posterior = new double[classes.length];
            for (RandomForest.Model model : part.models()) {
                for (int i = 0; i < sums.length; i++) {
                    model.tree.predict(rows[i], posterior);
                    for (int c = 0; c < classes.length; c++) {
                        sums[i][classes[c]] += model.weight * posterior[c];
                    }
                }
            }
        }

        void add(smile.regression.RandomForest part) {
            for (smile.regression.RandomForest.Model model : part.models()) {
                for (int i = 0; i < sums.length; i++) {
                    sums[i][0] += model.tree.predict(rows[i]);
                }
            }
            regressionTrees += part.size();
        }

        double[][] predictions() {
            double[][] out = new double[sums.length][];
            for (int i = 0; i < sums.length; i++) {
                out[i] = sums[i].clone();
                double total = regressionTrees > 0 ? regressionTrees : Arrays.stream(out[i]).sum();
                for (int c = 0; c < out[i].length; c++) {
                    out[i][c] /= total;
                }
            }
            return out;
        }
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
