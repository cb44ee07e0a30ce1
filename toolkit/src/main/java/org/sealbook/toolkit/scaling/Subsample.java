package org.sealbook.toolkit.scaling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.sealbook.toolkit.prepare.Prepared;

/**
 * Nested, seeded samples of training rows: the first k rows of one fixed order, so every smaller sample lies inside
 * every larger one and the curve measures rows added, not a new draw each time. For a classification the order is
 * stratified (each class spread evenly through it) and starts with one row of every class, so even the smallest
 * sample has them all. Usage: {@code Prepared some = Subsample.of(train, seed).first(40);}
 */
public final class Subsample {
    private final Prepared rows;
    private final int[] order;

    private Subsample(Prepared rows, int[] order) {
        this.rows = rows;
        this.order = order;
    }

    public static Subsample of(Prepared rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = rows.rows();
        Integer[] shuffled = new Integer[n];
        for (int i = 0; i < n; i++) {
            shuffled[i] = i;
        }
        for (int i = n - 1; i > 0; i--) { // Fisher-Yates
            int j = random.nextInt(i + 1);
            Integer t = shuffled[i];
            shuffled[i] = shuffled[j];
            shuffled[j] = t;
        }
        if (!rows.isClassification()) {
            return new Subsample(rows, Arrays.stream(shuffled).mapToInt(Integer::intValue).toArray());
        }
        // a row's place is its rank within its class over the class's size: classes interleave in proportion
        int[] size = new int[rows.classes().size()];
        for (int label : rows.labels()) {
            size[label]++;
        }
        int[] seen = new int[size.length];
        double[] key = new double[n];
        for (Integer row : shuffled) {
            int label = rows.labels()[row];
            int rank = seen[label]++;
            key[row] = rank == 0 ? -1 + label * 1e-9 : (rank + 0.5) / size[label];
        }
        List<Integer> ordered = new ArrayList<>(Arrays.asList(shuffled));
        ordered.sort(Comparator.comparingDouble(r -> key[r]));
        return new Subsample(rows, ordered.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The first {@code count} rows of the order, with the class weights the rows carry. */
    public Prepared first(int count) {
        int k = Math.min(count, order.length);
        double[][] x = new double[k][];
        for (int i = 0; i < k; i++) {
            x[i] = rows.x()[order[i]];
        }
        if (!rows.isClassification()) {
            double[] y = new double[k];
            for (int i = 0; i < k; i++) {
                y[i] = rows.y()[order[i]];
            }
            return Prepared.regression(rows.features(), x, y);
        }
        int[] labels = new int[k];
        for (int i = 0; i < k; i++) {
            labels[i] = rows.labels()[order[i]];
        }
        Prepared some = Prepared.classification(rows.features(), x, labels, rows.classes());
        return rows.isWeighted() ? some.withClassWeights(rows.classWeights()) : some;
    }
}
