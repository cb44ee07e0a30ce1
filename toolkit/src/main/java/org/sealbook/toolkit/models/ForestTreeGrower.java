package org.sealbook.toolkit.models;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Grows one random-forest tree on binned training rows: a bootstrap sample (as many draws as rows, with
 * replacement; a row drawn k times weighs k), depth first, at each node a few features drawn at random and the
 * best cut of each found from the node's histogram over bins. Classes split by gini, numbers by variance
 * reduction. Features constant in a node do not count towards the features tried (as scikit-learn), so a node is
 * only left unsplit when it is pure, too small, at the depth limit, or constant in every feature.
 * Safe to share between threads: every tree's working arrays are its own, and a tree depends only on its seed.
 * Usage: {@code FlatTree tree = new ForestTreeGrower(codes, bins, labels, 3, null, 8, 5, 1).grow(seed);}
 */
final class ForestTreeGrower {
    private final byte[][] codes;
    private final BinnedFeatures bins;
    /** Class index per row, or null for numbers. */
    private final int[] labels;
    private final int classCount;
    /** Target per row, or null for classes. */
    private final double[] targets;
    private final int maxDepth;
    private final int featuresPerSplit;
    /** The least bootstrap weight (draws) a leaf may hold. */
    private final int minLeafWeight;
    /**
     * Numbers summed per row, per histogram bin and per node: [0] the weight, then the weight in each class
     * (classes), or the weighted target (numbers). Gini and variance reduction then pick the same way: the best
     * cut maximises, over both sides, the sum of slot[s]^2 / slot[0] for s >= 1.
     */
    private final int slots;

    ForestTreeGrower(byte[][] codes, BinnedFeatures bins, int[] labels, int classCount, double[] targets,
                     int maxDepth, int featuresPerSplit, int minLeafWeight) {
        this.codes = codes;
        this.bins = bins;
        this.labels = labels;
        this.classCount = classCount;
        this.targets = targets;
        this.maxDepth = maxDepth;
        this.featuresPerSplit = featuresPerSplit;
        this.minLeafWeight = minLeafWeight;
        this.slots = labels != null ? 1 + classCount : 2;
    }

    /** The numbers a leaf holds: class shares, or the mean target. */
    int leafWidth() {
        return labels != null ? classCount : 1;
    }

    FlatTree grow(long seed) {
        return new Growth(new SplittableRandom(seed)).run();
    }

    /** One tree's working state. */
    private final class Growth {
        private final SplittableRandom random;
        private final int[] drawn;
        private final int[] rows;
        private final int[] scratch;
        /** Per position in {@code rows} of the node being split: weight, slot and the number it adds there. */
        private final double[] nodeWeight;
        private final int[] nodeSlot;
        private final double[] nodeValue;
        private final double[] histogram = new double[BinnedFeatures.MAX_BINS * slots];
        private final long[] touched = new long[(BinnedFeatures.MAX_BINS + 63) / 64];
        private final double[] totals = new double[slots];
        private final double[] left = new double[slots];
        private final double[] leafValues = new double[leafWidth()];
        private final int[] featureOrder;
        private final FlatTree.Builder tree = new FlatTree.Builder(leafWidth());
        private int bestFeature;
        private int bestBin;
        private double bestScore;

        Growth(SplittableRandom random) {
            this.random = random;
            int n = codes[0].length;
            drawn = new int[n];
            for (int i = 0; i < n; i++) {
                drawn[random.nextInt(n)]++;
            }
            int sampled = 0;
            for (int count : drawn) {
                sampled += count > 0 ? 1 : 0;
            }
            rows = new int[sampled];
            for (int r = 0, k = 0; r < n; r++) {
                if (drawn[r] > 0) {
                    rows[k++] = r;
                }
            }
            scratch = new int[sampled];
            nodeWeight = new double[sampled];
            nodeSlot = new int[sampled];
            nodeValue = new double[sampled];
            featureOrder = new int[codes.length];
            for (int f = 0; f < featureOrder.length; f++) {
                featureOrder[f] = f;
            }
        }

        FlatTree run() {
            // Depth first with an explicit stack (deep trees would overflow the call stack): start, end, depth, node.
            int[] stack = new int[4 * 64];
            int top = 0;
            stack[top++] = 0;
            stack[top++] = rows.length;
            stack[top++] = 0;
            stack[top++] = tree.reserve();
            while (top > 0) {
                int node = stack[--top];
                int depth = stack[--top];
                int end = stack[--top];
                int start = stack[--top];
                if (!findSplit(start, end, depth)) {
                    tree.leaf(node, leafValues(), 0);
                    continue;
                }
                int middle = partition(start, end, bestFeature, bestBin);
                int leftChild = tree.reserve();
                int rightChild = tree.reserve();
                tree.split(node, bestFeature, bins.cut(bestFeature, bestBin), leftChild, rightChild);
                if (top + 8 > stack.length) {
                    stack = Arrays.copyOf(stack, stack.length * 2);
                }
                // Right first, so the left child is grown next.
                stack[top++] = middle;
                stack[top++] = end;
                stack[top++] = depth + 1;
                stack[top++] = rightChild;
                stack[top++] = start;
                stack[top++] = middle;
                stack[top++] = depth + 1;
                stack[top++] = leftChild;
            }
            return tree.build();
        }

        /** Gathers the node's rows and totals; true with bestFeature/bestBin set when the node should split. */
        private boolean findSplit(int start, int end, int depth) {
            Arrays.fill(totals, 0);
            double lowest = Double.POSITIVE_INFINITY;
            double highest = Double.NEGATIVE_INFINITY;
            for (int i = start; i < end; i++) {
                int r = rows[i];
                double weight = drawn[r];
                nodeWeight[i] = weight;
                if (labels != null) {
                    nodeSlot[i] = 1 + labels[r];
                    nodeValue[i] = weight;
                } else {
                    nodeSlot[i] = 1;
                    nodeValue[i] = weight * targets[r];
                    lowest = Math.min(lowest, targets[r]);
                    highest = Math.max(highest, targets[r]);
                }
                totals[0] += weight;
                totals[nodeSlot[i]] += nodeValue[i];
            }
            boolean pure = labels != null ? isOneClass() : lowest == highest;
            if (depth >= maxDepth || pure || end - start < 2 || totals[0] < 2.0 * minLeafWeight) {
                return false;
            }
            bestFeature = -1;
            bestScore = Double.NEGATIVE_INFINITY;
            int tried = 0;
            for (int j = 0; j < featureOrder.length && tried < featuresPerSplit; j++) {
                int pick = j + random.nextInt(featureOrder.length - j);
                int feature = featureOrder[pick];
                featureOrder[pick] = featureOrder[j];
                featureOrder[j] = feature;
                tried += searchFeature(feature, start, end) ? 1 : 0;
            }
            return bestFeature >= 0;
        }

        private boolean isOneClass() {
            for (int s = 1; s < slots; s++) {
                if (totals[s] == totals[0]) {
                    return true;
                }
            }
            return false;
        }

        /**
         * The feature's histogram over the node's rows, then every cut between two occupied bins; updates the best
         * split. Only the occupied bins are visited (a bit mask in ascending order), as most nodes are small.
         * Returns false when the feature is constant in the node (it then does not count as tried).
         */
        private boolean searchFeature(int feature, int start, int end) {
            byte[] column = codes[feature];
            for (int i = start; i < end; i++) {
                int bin = column[rows[i]] & 0xFF;
                touched[bin >>> 6] |= 1L << bin;
                int base = bin * slots;
                histogram[base] += nodeWeight[i];
                histogram[base + nodeSlot[i]] += nodeValue[i];
            }
            int occupied = 0;
            for (long word : touched) {
                occupied += Long.bitCount(word);
            }
            Arrays.fill(left, 0);
            int seen = 0;
            for (int w = 0; w < touched.length; w++) {
                long word = touched[w];
                touched[w] = 0;
                while (word != 0) {
                    int bin = (w << 6) + Long.numberOfTrailingZeros(word);
                    word &= word - 1;
                    int base = bin * slots;
                    for (int s = 0; s < slots; s++) {
                        left[s] += histogram[base + s];
                        histogram[base + s] = 0;
                    }
                    if (++seen < occupied) {
                        consider(feature, bin);
                    }
                }
            }
            return occupied > 1;
        }

        private void consider(int feature, int bin) {
            double leftWeight = left[0];
            double rightWeight = totals[0] - leftWeight;
            if (leftWeight < minLeafWeight || rightWeight < minLeafWeight) {
                return;
            }
            double leftSquares = 0;
            double rightSquares = 0;
            for (int s = 1; s < slots; s++) {
                double right = totals[s] - left[s];
                leftSquares += left[s] * left[s];
                rightSquares += right * right;
            }
            double score = leftSquares / leftWeight + rightSquares / rightWeight;
            if (score > bestScore) {
                bestScore = score;
                bestFeature = feature;
                bestBin = bin;
            }
        }

        private double[] leafValues() {
            for (int c = 0; c < leafValues.length; c++) {
                leafValues[c] = totals[1 + c] / totals[0];
            }
            return leafValues;
        }

        /** Rows in bins up to {@code bin} first, then the others, each part keeping its order; returns the border. */
        private int partition(int start, int end, int feature, int bin) {
            byte[] column = codes[feature];
            int kept = start;
            int moved = 0;
            for (int i = start; i < end; i++) {
                int r = rows[i];
                if ((column[r] & 0xFF) <= bin) {
                    rows[kept++] = r;
                } else {
                    scratch[moved++] = r;
                }
            }
            System.arraycopy(scratch, 0, rows, kept, moved);
            return kept;
        }
    }
}
