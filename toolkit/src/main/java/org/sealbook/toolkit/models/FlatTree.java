package org.sealbook.toolkit.models;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * One grown decision tree as flat arrays (no node objects, so a forest of deep trees predicts from a few arrays
 * and saves compactly). An inner node sends a row left when its feature's value is at most the node's cut; a leaf
 * holds {@code width} numbers (class shares, or one value). The tree growers fill it through {@link Builder}.
 * Usage: {@code double share = tree.leafValues()[tree.leaf(row) * tree.width() + classIndex];}
 */
final class FlatTree {
    /** Marks a leaf in {@code feature}. */
    private static final int LEAF = -1;

    private final int[] feature;
    private final double[] cut;
    /** For an inner node its two children; for a leaf, {@code left} holds the leaf's number. */
    private final int[] left;
    private final int[] right;
    private final int width;
    private final double[] leafValues;

    private FlatTree(int[] feature, double[] cut, int[] left, int[] right, int width, double[] leafValues) {
        this.feature = feature;
        this.cut = cut;
        this.left = left;
        this.right = right;
        this.width = width;
        this.leafValues = leafValues;
    }

    /** The number of the leaf the row (raw feature values) falls in. */
    int leaf(double[] row) {
        int node = 0;
        while (feature[node] != LEAF) {
            node = row[feature[node]] <= cut[node] ? left[node] : right[node];
        }
        return left[node];
    }

    /** Leaf l's numbers are {@code leafValues()[l * width() ... l * width() + width() - 1]} (shared, not copied). */
    double[] leafValues() {
        return leafValues;
    }

    int width() {
        return width;
    }

    /** Questions and leaves together: the tree's size. */
    int nodes() {
        return feature.length;
    }

    void write(DataOutputStream out) throws IOException {
        out.writeInt(feature.length);
        for (int node = 0; node < feature.length; node++) {
            out.writeInt(feature[node]);
            out.writeDouble(cut[node]);
            out.writeInt(left[node]);
            out.writeInt(right[node]);
        }
        out.writeInt(width);
        SavedModels.writeDoubles(out, leafValues);
    }

    static FlatTree read(DataInputStream in) throws IOException {
        int nodes = in.readInt();
        int[] feature = new int[nodes];
        double[] cut = new double[nodes];
        int[] left = new int[nodes];
        int[] right = new int[nodes];
        for (int node = 0; node < nodes; node++) {
            feature[node] = in.readInt();
            cut[node] = in.readDouble();
            left[node] = in.readInt();
            right[node] = in.readInt();
        }
        int width = in.readInt();
        return new FlatTree(feature, cut, left, right, width, SavedModels.readDoubles(in));
    }

    /** Grows a tree node by node: reserve a node, then make it a split or a leaf. */
    static final class Builder {
        private final int width;
        private int[] feature = new int[64];
        private double[] cut = new double[64];
        private int[] left = new int[64];
        private int[] right = new int[64];
        private int nodes;
        private double[] leafValues;
        private int leaves;

        Builder(int width) {
            this.width = width;
            this.leafValues = new double[16 * width];
        }

        /** A new node, to be made a split or a leaf; the first is the root. */
        int reserve() {
            if (nodes == feature.length) {
                int size = nodes * 2;
                feature = Arrays.copyOf(feature, size);
                cut = Arrays.copyOf(cut, size);
                left = Arrays.copyOf(left, size);
                right = Arrays.copyOf(right, size);
            }
            return nodes++;
        }

        void split(int node, int splitFeature, double splitCut, int leftChild, int rightChild) {
            feature[node] = splitFeature;
            cut[node] = splitCut;
            left[node] = leftChild;
            right[node] = rightChild;
        }

        /** Makes the node a leaf holding {@code width} numbers from {@code values[from...]}; returns its number. */
        int leaf(int node, double[] values, int from) {
            if ((leaves + 1) * width > leafValues.length) {
                leafValues = Arrays.copyOf(leafValues, leafValues.length * 2);
            }
            System.arraycopy(values, from, leafValues, leaves * width, width);
            feature[node] = LEAF;
            left[node] = leaves;
            right[node] = LEAF;
            return leaves++;
        }

        FlatTree build() {
            return new FlatTree(Arrays.copyOf(feature, nodes), Arrays.copyOf(cut, nodes), Arrays.copyOf(left, nodes),
                    Arrays.copyOf(right, nodes), width, Arrays.copyOf(leafValues, leaves * width));
        }
    }
}
