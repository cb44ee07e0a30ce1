package org.sealbook.toolkit.chart;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.sealbook.toolkit.SharedData;
import org.sealbook.toolkit.data.DataLoader;
import org.sealbook.toolkit.models.Model;
import org.sealbook.toolkit.prepare.Prepared;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;

/**
 * A shared data set as model rows, the way the training tests prepare them: numeric columns as features, a seeded
 * 70/30 split, optionally with a column of pure noise added last; plus a fitted model's step records.
 */
record RealRows(Prepared train, Prepared validation) {
    static final String NOISE = "noise";

    static RealRows diabetes(boolean withNoise) {
        return load("diabetes.csv", "progression", false, withNoise);
    }

    static RealRows wine(boolean withNoise) {
        return load("wine.csv", "cultivar", true, withNoise);
    }

    static RealRows breastCancer() {
        return load("breast_cancer.csv", "diagnosis", true, false);
    }

    /** Fits the model, keeping each step's numbers as a log step record (with its "step"). */
    static List<Map<String, Double>> fitRecordingSteps(Model model, RealRows rows) {
        List<Map<String, Double>> records = new ArrayList<>();
        model.fit(rows.train(), rows.validation(), (done, total, metrics) -> {
            Map<String, Double> record = new LinkedHashMap<>(metrics);
            record.put("step", (double) done);
            records.add(record);
            return true;
        });
        return records;
    }

    /** The class with the highest probability in each row. */
    static int[] argmax(double[][] probabilities) {
        int[] out = new int[probabilities.length];
        for (int i = 0; i < out.length; i++) {
            for (int c = 1; c < probabilities[i].length; c++) {
                out[i] = probabilities[i][c] > probabilities[i][out[i]] ? c : out[i];
            }
        }
        return out;
    }

    static double[] firstColumn(double[][] predictions) {
        double[] out = new double[predictions.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = predictions[i][0];
        }
        return out;
    }

    private static RealRows load(String file, String target, boolean classification, boolean withNoise) {
        Table table = DataLoader.create().load(SharedData.file(file)).table();
        List<String> features = new ArrayList<>(table.columnNames().stream()
                .filter(name -> !name.equals(target) && table.column(name) instanceof NumericColumn<?>).toList());
        int columns = features.size();
        if (withNoise) {
            features.add(NOISE);
        }
        Random noise = new Random(99);
        double[][] x = new double[table.rowCount()][features.size()];
        for (int j = 0; j < columns; j++) {
            NumericColumn<?> column = (NumericColumn<?>) table.column(features.get(j));
            for (int i = 0; i < x.length; i++) {
                x[i][j] = column.getDouble(i);
            }
        }
        if (withNoise) {
            for (double[] row : x) {
                row[columns] = noise.nextGaussian();
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int row = 0; row < x.length; row++) {
            order.add(row);
        }
        Collections.shuffle(order, new Random(2024));
        int trainRows = (int) Math.round(order.size() * 0.7);
        List<String> classes = classification
                ? table.stringColumn(target).unique().asList().stream().sorted().toList() : null;
        return new RealRows(rows(table, x, features, target, classes, order.subList(0, trainRows)),
                rows(table, x, features, target, classes, order.subList(trainRows, order.size())));
    }

    private static Prepared rows(Table table, double[][] all, List<String> features, String target,
                                 List<String> classes, List<Integer> picked) {
        double[][] x = picked.stream().map(row -> all[row].clone()).toArray(double[][]::new);
        if (classes == null) {
            NumericColumn<?> column = (NumericColumn<?>) table.column(target);
            return Prepared.regression(features, x, picked.stream().mapToDouble(column::getDouble).toArray());
        }
        int[] labels = picked.stream().mapToInt(row -> classes.indexOf(table.stringColumn(target).get(row)))
                .toArray();
        return Prepared.classification(features, x, labels, classes);
    }
}
