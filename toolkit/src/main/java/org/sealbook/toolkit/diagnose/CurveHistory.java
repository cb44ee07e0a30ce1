package org.sealbook.toolkit.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One named run's curve history, the one input the diagnosis reads: step records in step order, each the numbers a
 * run logged at that step ({@code step}, {@code train_loss}, {@code val_loss}, {@code val_auc}, {@code learning_rate}
 * ...), as the ledger reads a batch's {@code log.jsonl}. A batch's runs, a sweep's trials and a log file from
 * elsewhere all become a list of these, so the rules never know where a curve came from.
 *
 * @param run   the run's name as the reader knows it, e.g. {@code exp_004} or the log file's name
 * @param steps the step records, first step first
 */
public record CurveHistory(String run, List<Map<String, Double>> steps) {
    public static final String STEP = "step";
    public static final String TRAIN_LOSS = "train_loss";
    public static final String VAL_LOSS = "val_loss";

    public CurveHistory {
        if (run == null || run.isBlank()) {
            throw new IllegalArgumentException("A curve history needs the run's name; pass one such as exp_004.");
        }
        steps = steps.stream().map(Map::copyOf).toList();
    }

    /** Whether at least one step logged {@code key}. */
    public boolean has(String key) {
        return steps.stream().anyMatch(s -> s.containsKey(key));
    }

    /** The step records that logged {@code key}, as (step, value) pairs; the value may be NaN or infinite. */
    public Series series(String key) {
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Double value = steps.get(i).get(key);
            if (value != null) {
                Double step = steps.get(i).get(STEP);
                points.add(new double[] {step == null || !Double.isFinite(step) ? i + 1 : step, value});
            }
        }
        double[] x = new double[points.size()];
        double[] y = new double[points.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = points.get(i)[0];
            y[i] = points.get(i)[1];
        }
        return new Series(key, x, y);
    }

    /** One logged number over the steps: {@code x} the step numbers, {@code y} the values, in step order. */
    public record Series(String key, double[] x, double[] y) {
        public int size() {
            return x.length;
        }

        /** The index of the first value that is not a finite number, or -1. */
        public int firstNotFinite() {
            for (int i = 0; i < y.length; i++) {
                if (!Double.isFinite(y[i])) {
                    return i;
                }
            }
            return -1;
        }
    }
}
