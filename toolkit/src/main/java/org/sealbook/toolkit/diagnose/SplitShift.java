package org.sealbook.toolkit.diagnose;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.sealbook.toolkit.data.Stats;
import org.sealbook.toolkit.models.ForestModel;
import org.sealbook.toolkit.models.Model;
import org.sealbook.toolkit.models.TrainingListener;
import org.sealbook.toolkit.prepare.Prepared;

/**
 * Adversarial validation: how well a quick model tells the training rows from the validation rows on the prepared
 * features. It is cross-validated ({@link #FOLDS} folds, each row scored by a forest that never saw it), so the AUC
 * is honest: near 0.5 the two splits look alike and a gap between them is the model's doing; high, the rows differ
 * and the split explains the gap. Each column's own AUC at telling them apart names the columns that differ most.
 * Big data is sampled to {@link #MOST_ROWS} rows (with the seed), which is plenty to see a difference.
 * Usage: {@code SplitShift shift = SplitShift.measure(train, validation, seed);}
 *
 * @param auc     the cross-validated AUC of the forest (0.5: no difference, 1: told apart every time)
 * @param columns each feature's own AUC at telling the splits apart (folded, so 0.5 to 1), highest first
 * @param rows    how many rows were compared
 */
public record SplitShift(double auc, List<Map.Entry<String, Double>> columns, int rows) {
    static final int FOLDS = 5;
    static final int MOST_ROWS = 4000;
    /** A small, shallow forest: enough to find a difference, quick on a laptop. */
    private static final Map<String, Object> FOREST = Map.of("trees", 40, "max_depth", 6);

    public SplitShift {
        columns = List.copyOf(columns);
    }

    /** Measures the difference between the training and validation rows (prepared by the same recipe). */
    public static SplitShift measure(Prepared train, Prepared validation, long seed) {
        List<double[]> x = new ArrayList<>();
        List<Boolean> isValidation = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(seed);
        int total = train.rows() + validation.rows();
        double keep = Math.min(1, MOST_ROWS / (double) total);
        for (int i = 0; i < total; i++) {
            if (keep < 1 && random.nextDouble() >= keep) {
                continue;
            }
            boolean v = i >= train.rows();
            x.add(v ? validation.x()[i - train.rows()] : train.x()[i]);
            isValidation.add(v);
        }
        int n = x.size();
        double[][] rows = x.toArray(double[][]::new);
        boolean[] positive = new boolean[n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            positive[i] = isValidation.get(i);
            labels[i] = positive[i] ? 1 : 0;
        }
        double[] scores = outOfFold(train.features(), rows, labels, seed);
        List<Map.Entry<String, Double>> columns = new ArrayList<>();
        for (int c = 0; c < train.features().size(); c++) {
            double[] column = new double[n];
            for (int i = 0; i < n; i++) {
                column[i] = rows[i][c];
            }
            double auc = Stats.auc(column, positive);
            columns.add(Map.entry(train.features().get(c), Double.isNaN(auc) ? 0.5 : auc));
        }
        columns.sort(Comparator.comparingDouble((Map.Entry<String, Double> e) -> e.getValue()).reversed());
        return new SplitShift(Stats.rocAuc(scores, positive), columns, n);
    }

    /** Each row's probability of being a validation row, from a forest trained on the other folds. */
    private static double[] outOfFold(List<String> features, double[][] x, int[] labels, long seed) {
        int n = x.length;
        int[] fold = new int[n];
        // dealt in turn within each class, so every fold holds both kinds of row
        int[] seen = new int[2];
        int[] order = shuffled(n, seed);
        for (int i : order) {
            fold[i] = seen[labels[i]]++ % FOLDS;
        }
        double[] scores = new double[n];
        List<String> classes = List.of("training", "validation");
        for (int f = 0; f < FOLDS; f++) {
            List<Integer> in = new ArrayList<>();
            List<Integer> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                (fold[i] == f ? out : in).add(i);
            }
            Prepared learn = Prepared.classification(features, pick(x, in), pickLabels(labels, in), classes);
            Prepared held = Prepared.classification(features, pick(x, out), pickLabels(labels, out), classes);
            if (distinct(learn.labels()) < 2 || out.isEmpty()) {
                continue;
            }
            Model forest = new ForestModel(FOREST, seed + f);
            forest.fit(learn, held, TrainingListener.NONE);
            double[][] p = forest.predict(held.x());
            for (int k = 0; k < out.size(); k++) {
                scores[out.get(k)] = p[k][1];
            }
        }
        return scores;
    }

    private static int[] shuffled(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static double[][] pick(double[][] x, List<Integer> rows) {
        return rows.stream().map(i -> x[i]).toArray(double[][]::new);
    }

    private static int[] pickLabels(int[] labels, List<Integer> rows) {
        return rows.stream().mapToInt(i -> labels[i]).toArray();
    }

    private static int distinct(int[] labels) {
        return (int) java.util.Arrays.stream(labels).distinct().count();
    }
}
