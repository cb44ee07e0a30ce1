package org.sealbook.toolkit.models;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Grows one second-order boosting tree on binned training rows, as scikit-learn's HistGradientBoosting does: level
 * by level to the depth limit, each node's split the one with the largest gain
 * G_left^2 / H_left + G_right^2 / H_right - G^2 / H (G, H: the sums of the rows' gradients and hessians) among
 * cuts leaving both sides at least {@code minLeafRows} rows and a hessian of {@value #MIN_CHILD_HESSIAN}; a node
 * without a cut of positive gain is a leaf worth -learning rate x G / H. Histograms are built for the smaller
 * child of each split only; the larger one's is its parent's minus the smaller's. The features are spread over
 * the common fork-join pool, each worker writing only its own features' numbers, so the tree is the same
 * whatever the threads. One grower serves a whole fit (its working arrays are reused); not for two threads.
 * Usage: {@code FlatTree tree = grower.grow(gradients, hessians, scores);}
 */
final class BoostingTreeGrower {
    /** HistGradientBoosting's min_hessian_to_split: no side may rest on (almost) certain rows only. */
    private static final double MIN_CHILD_HESSIAN = 1e-3;
    /** Per bin: the sum of gradients, of hessians, and the row count. */
    private static final int SLOTS = 3;

    private final byte[][] codes;
    private final BinnedFeatures bins;
    private final int maxDepth;
    private final int minLeafRows;
    private final double learningRate;
    private final int[] rows;
    private final int[] scratch;
    /** Gradients and hessians by position in {@code rows}, gathered once per node for all features. */
    private final double[] orderedGradients;
    private final double[] orderedHessians;
    private final ArrayDeque<double[][]> spareHistograms = new ArrayDeque<>();

    BoostingTreeGrower(byte[][] codes, BinnedFeatures bins, int maxDepth, int minLeafRows, double learningRate) {
        this.codes = codes;
        this.bins = bins;
        this.maxDepth = maxDepth;
        this.minLeafRows = minLeafRows;
        this.learningRate = learningRate;
        int n = codes[0].length;
        this.rows = new int[n];
        this.scratch = new int[n];
        this.orderedGradients = new double[n];
        this.orderedHessians = new double[n];
    }

    /** A node of the tree being grown: its rows are {@code rows[start..end)}. */
    private static final class Node {
        final int id;
        final int start;
        final int end;
        final double gradient;
        final double hessian;
        double[][] histogram;
        int splitFeature = -1;
        int splitBin;
        double leftGradient;
        double leftHessian;

        Node(int id, int start, int end, double gradient, double hessian) {
            this.id = id;
            this.start = start;
            this.end = end;
            this.gradient = gradient;
            this.hessian = hessian;
        }

        int rows() {
            return end - start;
        }
    }

    /** Grows a tree on all rows and adds each row's leaf value to {@code scores}. */
    FlatTree grow(double[] gradients, double[] hessians, double[] scores) {
        FlatTree.Builder tree = new FlatTree.Builder(1);
        int n = rows.length;
        double gradient = 0;
        double hessian = 0;
        for (int r = 0; r < n; r++) {
            rows[r] = r;
            gradient += gradients[r];
            hessian += hessians[r];
        }
        Node root = new Node(tree.reserve(), 0, n, gradient, hessian);
        List<Node> level = new ArrayList<>(List.of(root));
        if (maxDepth > 0 && splittable(root)) {
            root.histogram = spare();
            buildHistograms(List.of(root), List.of(), gradients, hessians);
        }
        for (int depth = 0; !level.isEmpty(); depth++) {
            findSplits(level);
            List<Node> next = new ArrayList<>();
            List<Node> smaller = new ArrayList<>();
            List<Node> larger = new ArrayList<>();
            for (Node node : level) {
                if (node.splitFeature < 0) {
                    makeLeaf(tree, node, scores);
                    continue;
                }
                int middle = partition(node);
                Node left = new Node(tree.reserve(), node.start, middle, node.leftGradient, node.leftHessian);
                Node right = new Node(tree.reserve(), middle, node.end, node.gradient - node.leftGradient,
                        node.hessian - node.leftHessian);
                tree.split(node.id, node.splitFeature, bins.cut(node.splitFeature, node.splitBin), left.id, right.id);
                next.add(left);
                next.add(right);
                if (depth + 1 < maxDepth && (splittable(left) || splittable(right))) {
                    Node small = left.rows() <= right.rows() ? left : right;
                    Node large = small == left ? right : left;
                    small.histogram = spare();
                    large.histogram = node.histogram; // becomes the larger child's by subtracting the smaller's
                    smaller.add(small);
                    larger.add(large);
                } else {
                    spareHistograms.push(node.histogram);
                }
                node.histogram = null;
            }
            buildHistograms(smaller, larger, gradients, hessians);
            level = next;
        }
        return tree.build();
    }

    private boolean splittable(Node node) {
        return node.rows() >= 2 * minLeafRows;
    }

    private void makeLeaf(FlatTree.Builder tree, Node node, double[] scores) {
        double value = node.hessian > 0 ? -learningRate * node.gradient / node.hessian : 0;
        tree.leaf(node.id, new double[] {value}, 0);
        for (int i = node.start; i < node.end; i++) {
            scores[rows[i]] += value;
        }
        if (node.histogram != null) {
            spareHistograms.push(node.histogram);
            node.histogram = null;
        }
    }

    /** A zeroed histogram per feature, reused from earlier nodes when one is free. */
    private double[][] spare() {
        double[][] histogram = spareHistograms.poll();
        if (histogram == null) {
            histogram = new double[codes.length][];
            for (int f = 0; f < histogram.length; f++) {
                histogram[f] = new double[bins.bins(f) * SLOTS];
            }
            return histogram;
        }
        for (double[] feature : histogram) {
            Arrays.fill(feature, 0);
        }
        return histogram;
    }

    /**
     * Fills each {@code built} node's histogram from its rows and turns each {@code subtracted[k]} (holding its
     * parent's histogram) into its own by subtracting {@code built[k]}'s; the root comes with no partner.
     */
    private void buildHistograms(List<Node> built, List<Node> subtracted, double[] gradients, double[] hessians) {
        for (Node node : built) {
            for (int i = node.start; i < node.end; i++) {
                orderedGradients[i] = gradients[rows[i]];
                orderedHessians[i] = hessians[rows[i]];
            }
        }
        IntStream.range(0, codes.length).parallel().forEach(f -> {
            byte[] column = codes[f];
            for (int k = 0; k < built.size(); k++) {
                Node node = built.get(k);
                double[] histogram = node.histogram[f];
                for (int i = node.start; i < node.end; i++) {
                    int base = (column[rows[i]] & 0xFF) * SLOTS;
                    histogram[base] += orderedGradients[i];
                    histogram[base + 1] += orderedHessians[i];
                    histogram[base + 2] += 1;
                }
                if (k < subtracted.size()) {
                    double[] parent = subtracted.get(k).histogram[f];
                    for (int j = 0; j < parent.length; j++) {
                        parent[j] -= histogram[j];
                    }
                }
            }
        });
    }

    /** Each node's best cut: features searched in parallel, then the best taken in feature order (ties: first). */
    private void findSplits(List<Node> level) {
        List<Node> searched = level.stream().filter(node -> node.histogram != null && splittable(node)).toList();
        if (searched.isEmpty()) {
            return;
        }
        int features = codes.length;
        double[] gains = new double[searched.size() * features];
        int[] cutBins = new int[gains.length];
        IntStream.range(0, features).parallel().forEach(f -> {
            for (int k = 0; k < searched.size(); k++) {
                bestCut(searched.get(k), f, gains, cutBins, k * features + f);
            }
        });
        for (int k = 0; k < searched.size(); k++) {
            Node node = searched.get(k);
            double best = 0; // a split must gain something
            for (int f = 0; f < features; f++) {
                if (gains[k * features + f] > best) {
                    best = gains[k * features + f];
                    node.splitFeature = f;
                    node.splitBin = cutBins[k * features + f];
                }
            }
            if (node.splitFeature >= 0) {
                double[] histogram = node.histogram[node.splitFeature];
                double gradient = 0;
                double hessian = 0;
                for (int b = 0; b <= node.splitBin; b++) {
                    gradient += histogram[b * SLOTS];
                    hessian += histogram[b * SLOTS + 1];
                }
                node.leftGradient = gradient;
                node.leftHessian = hessian;
            }
        }
    }

    private void bestCut(Node node, int feature, double[] gains, int[] cutBins, int at) {
        double[] histogram = node.histogram[feature];
        double parentScore = node.gradient * node.gradient / node.hessian;
        double gradient = 0;
        double hessian = 0;
        double count = 0;
        double total = node.rows();
        double best = 0;
        int bestBin = -1;
        int lastCut = histogram.length / SLOTS - 1;
        for (int b = 0; b < lastCut; b++) {
            gradient += histogram[b * SLOTS];
            hessian += histogram[b * SLOTS + 1];
            count += histogram[b * SLOTS + 2];
            if (count < minLeafRows) {
                continue;
            }
            if (total - count < minLeafRows) {
                break;
            }
            double rightHessian = node.hessian - hessian;
            if (hessian < MIN_CHILD_HESSIAN || rightHessian < MIN_CHILD_HESSIAN) {
                continue;
            }
            double rightGradient = node.gradient - gradient;
            double gain = gradient * gradient / hessian + rightGradient * rightGradient / rightHessian - parentScore;
            if (gain > best) {
                best = gain;
                bestBin = b;
            }
        }
        gains[at] = best;
        cutBins[at] = bestBin;
    }

    /** The node's rows with the split feature in bins up to the split bin first, each part keeping its order. */
    private int partition(Node node) {
        byte[] column = codes[node.splitFeature];
        int kept = node.start;
        int moved = 0;
        for (int i = node.start; i < node.end; i++) {
            int r = rows[i];
            if ((column[r] & 0xFF) <= node.splitBin) {
                rows[kept++] = r;
            } else {
                scratch[moved++] = r;
            }
        }
        System.arraycopy(scratch, 0, rows, kept, moved);
        return kept;
    }
}
