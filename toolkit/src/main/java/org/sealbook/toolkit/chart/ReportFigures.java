package org.sealbook.toolkit.chart;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.sealbook.toolkit.explain.Numbers;
import org.sealbook.toolkit.hypothesis.Metric;
import org.sealbook.toolkit.review.ParetoPoint;
import org.sealbook.toolkit.view.Figure;

/**
 * The report's figures, each with alt text that states what it shows in the numbers it was drawn from.
 * Usage: {@code Figure f = ReportFigures.confusionMatrix(classes, validation.labels(), predictedLabels);}
 */
public final class ReportFigures {
    /** The feature-importance chart shows this many of the largest; more bars would be too thin to label. */
    public static final int TOP_FEATURES = 15;
    /** Losses whose largest is this many times their smallest go on a log scale, where late changes stay visible. */
    static final double LOG_SPAN = 100;
    static final String STEP = "step";
    static final String TRAIN_LOSS = "train_loss";
    static final String VAL_LOSS = "val_loss";
    /** Logged beside train_loss when that one is weighted by class (see models.TrainingLoss). */
    static final String TRAIN_LOSS_UNWEIGHTED = "train_loss_unweighted";

    private ReportFigures() {
    }

    /**
     * Training (dashed) and validation (solid) loss per step, one colour per run, for each run with more than one
     * step record, in the map's order; empty when no run has. A record's missing loss leaves a gap. A run that
     * learned with class weights logs weighted losses, on another scale than the others': its lines and sentence say
     * "weighted by class".
     *
     * @param historyById each run's step records from its log: keys "step", "train_loss", "val_loss" (others are
     *                    ignored)
     */
    public static Optional<Figure> learningCurves(Map<String, List<Map<String, Double>>> historyById) {
        LineChart chart = LineChart.of("Learning curves").axes(STEP, "loss");
        List<String> sentences = new ArrayList<>();
        List<Double> losses = new ArrayList<>();
        int drawn = 0;
        for (Map.Entry<String, List<Map<String, Double>>> run : historyById.entrySet()) {
            String id = run.getKey();
            List<Map<String, Double>> records = run.getValue();
            if (records.size() < 2) {
                continue;
            }
            double[] steps = new double[records.size()];
            double[] train = new double[records.size()];
            double[] validation = new double[records.size()];
            for (int i = 0; i < records.size(); i++) {
                Double step = records.get(i).get(STEP);
                if (step == null || !Double.isFinite(step)) {
                    throw new IllegalArgumentException("Record " + i + " of run " + id + "'s history has no \"step\"; "
                            + "pass the log's step records, each with its step number.");
                }
                steps[i] = step;
                train[i] = valueOrNaN(records.get(i).get(TRAIN_LOSS));
                validation[i] = valueOrNaN(records.get(i).get(VAL_LOSS));
            }
            boolean hasTrain = anyFinite(train);
            boolean hasValidation = anyFinite(validation);
            boolean weighted = records.stream().anyMatch(r -> r.containsKey(TRAIN_LOSS_UNWEIGHTED));
            String name = weighted ? id + " (weighted by class)" : id;
            String loss = weighted ? " loss, weighted by class," : " loss";
            if (hasValidation) {
                chart.line(name + " validation", steps, validation, drawn, false);
                sentences.add(trend(id + "'s validation" + loss, steps, validation, train));
            }
            if (hasTrain) {
                chart.line(name + " training", steps, train, drawn, true);
                if (!hasValidation) {
                    sentences.add(trend(id + "'s training" + loss, steps, train, null));
                }
            }
            if (hasTrain || hasValidation) {
                drawn++;
                for (double v : train) {
                    losses.add(v);
                }
                for (double v : validation) {
                    losses.add(v);
                }
            }
        }
        if (drawn == 0) {
            return Optional.empty();
        }
        double[] finite = losses.stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).toArray();
        double smallest = Arrays.stream(finite).min().orElseThrow();
        double largest = Arrays.stream(finite).max().orElseThrow();
        boolean log = smallest > 0 && largest / smallest >= LOG_SPAN;
        if (log) {
            chart.logY();
        }
        int left = historyById.size() - drawn;
        String alt = "Training (dashed) and validation (solid) loss per step for " + Numbers.count(drawn, "run")
                + (log ? " on a log scale" : "") + ": " + String.join("; ", sentences) + "."
                + (left > 0 ? " " + Numbers.count(left, "run") + " with a single step or no losses " + (left == 1 ? "is" : "are")
                + " not drawn." : "");
        return Optional.of(chart.draw(alt));
    }

    /**
     * Each run's score against its complexity, the Pareto front joined by a line and the other runs faded, each
     * point labelled with its run's id.
     *
     * @param metric the locked metric the scores are in, named on the axis with the direction that is better
     */
    public static Figure pareto(List<ParetoPoint> points, Metric metric) {
        if (points.isEmpty()) {
            throw new IllegalArgumentException("The Pareto chart needs at least one run; pass the runs that have a "
                    + "score.");
        }
        for (ParetoPoint p : points) {
            if (!Double.isFinite(p.primaryScore())) {
                throw new IllegalArgumentException("The run " + p.experimentId() + " has no finite score ("
                        + p.primaryScore() + "); leave runs without a score out of the Pareto chart.");
            }
        }
        double[] complexity = points.stream().mapToDouble(ParetoPoint::complexity).toArray();
        double[] score = points.stream().mapToDouble(ParetoPoint::primaryScore).toArray();
        boolean[] front = new boolean[points.size()];
        for (int i = 0; i < front.length; i++) {
            front[i] = points.get(i).onFront();
        }
        Comparator<ParetoPoint> byScore = Comparator.comparingDouble(ParetoPoint::primaryScore);
        ParetoPoint best = metric.higherIsBetter() ? points.stream().max(byScore).orElseThrow()
                : points.stream().min(byScore).orElseThrow();
        List<ParetoPoint> onFront = points.stream().filter(ParetoPoint::onFront)
                .sorted(Comparator.comparingLong(ParetoPoint::complexity)).toList();
        String name = metric.label();
        String alt = name + " (" + metric.direction() + " is better) against size for " + Numbers.count(points.size(),
                "run") + "; " + onFront.size() + " on the Pareto front, where no other run is both better and simpler"
                + (onFront.isEmpty() ? "" : ": " + onFront.stream().map(p -> p.experimentId() + " (" + name + " "
                + Numbers.number(p.primaryScore()) + ", size " + p.complexity() + ")").collect(Collectors.joining(", ")))
                + ". The best " + name + ", " + Numbers.number(best.primaryScore()) + ", is " + best.experimentId() + "'s at size "
                + best.complexity() + ".";
        return ScatterChart.of("Score against size", complexity, score)
                .axes("size (weights, or tree nodes)", name + " (" + metric.direction() + " is better)")
                .yWithin(metric.lowest(), metric.highest())
                .labels(points.stream().map(ParetoPoint::experimentId).toList())
                .highlight(front, "Pareto front", "other runs")
                .draw(alt);
    }

    /**
     * Rows counted by true class (down) and predicted class (across); the diagonal holds the rows predicted right.
     *
     * @param truth     each row's true class, as an index into {@code classes}
     * @param predicted each row's predicted class, as an index into {@code classes}
     */
    public static Figure confusionMatrix(List<String> classes, int[] truth, int[] predicted) {
        int k = classes.size();
        if (k < 2) {
            throw new IllegalArgumentException("A confusion matrix needs at least 2 classes, got " + k + "; pass "
                    + "every class name in index order.");
        }
        if (truth.length == 0 || truth.length != predicted.length) {
            throw new IllegalArgumentException("A confusion matrix needs one prediction per row and at least one row; "
                    + "got " + truth.length + " true classes and " + predicted.length + " predictions.");
        }
        long[][] counts = new long[k][k];
        for (int i = 0; i < truth.length; i++) {
            for (int index : new int[] {truth[i], predicted[i]}) {
                if (index < 0 || index >= k) {
                    throw new IllegalArgumentException("Row " + i + " has the class index " + index + ", outside the "
                            + k + " classes; give indexes from 0 to " + (k - 1) + ".");
                }
            }
            counts[truth[i]][predicted[i]]++;
        }
        long right = 0;
        int mistakeTrue = -1;
        int mistakePredicted = -1;
        int weakest = -1;
        double weakestShare = 2;
        for (int t = 0; t < k; t++) {
            long rowTotal = 0;
            for (int p = 0; p < k; p++) {
                rowTotal += counts[t][p];
                boolean worse = mistakeTrue < 0 || counts[t][p] > counts[mistakeTrue][mistakePredicted];
                if (p != t && counts[t][p] > 0 && worse) {
                    mistakeTrue = t;
                    mistakePredicted = p;
                }
            }
            right += counts[t][t];
            if (rowTotal > 0 && counts[t][t] / (double) rowTotal < weakestShare) {
                weakest = t;
                weakestShare = counts[t][t] / (double) rowTotal;
            }
        }
        long weakestTotal = Arrays.stream(counts[weakest]).sum();
        String alt = "Confusion matrix of " + Numbers.count(truth.length, "row") + " over " + k + " classes, true class down "
                + "and predicted class across: " + right + " of " + truth.length + " ("
                + Numbers.percent(right / (double) truth.length) + ") on the diagonal, predicted correctly; "
                + (mistakeTrue < 0 ? "there are no mistakes."
                : "the most common mistake is " + classes.get(mistakeTrue) + " predicted as "
                + classes.get(mistakePredicted) + " (" + Numbers.count(counts[mistakeTrue][mistakePredicted], "row")
                + "), and the class recognised least often is " + classes.get(weakest) + ", " + counts[weakest][weakest]
                + " of " + weakestTotal + " (" + Numbers.percent(weakestShare) + ").");
        return CountGrid.draw("Confusion matrix", classes, counts, alt);
    }

    /** Predicted against actual values with the line y = x, where a perfect prediction would lie. */
    public static Figure residuals(double[] truth, double[] predicted, String targetName) {
        if (truth.length == 0 || truth.length != predicted.length) {
            throw new IllegalArgumentException("A residual plot needs one prediction per row and at least one row; "
                    + "got " + truth.length + " actual values and " + predicted.length + " predictions.");
        }
        double squares = 0;
        double absolute = 0;
        double bias = 0;
        int worst = 0;
        for (int i = 0; i < truth.length; i++) {
            if (!Double.isFinite(truth[i]) || !Double.isFinite(predicted[i])) {
                throw new IllegalArgumentException("Row " + i + " has actual " + truth[i] + " and prediction "
                        + predicted[i] + "; leave out rows without both values before plotting residuals.");
            }
            double error = predicted[i] - truth[i];
            squares += error * error;
            absolute += Math.abs(error);
            bias += error;
            if (Math.abs(error) > Math.abs(predicted[worst] - truth[worst])) {
                worst = i;
            }
        }
        int n = truth.length;
        double meanBias = bias / n;
        String alt = "Predicted against actual " + targetName + " for " + Numbers.count(n, "row") + ", with the line y = x "
                + "where perfect predictions would lie: the typical error (root mean squared error) is "
                + Numbers.number(Math.sqrt(squares / n)) + " and the mean absolute error " + Numbers.number(absolute / n)
                + "; predictions are on average " + Numbers.number(Math.abs(meanBias)) + (meanBias >= 0 ? " too high"
                : " too low") + "; the largest miss is " + Numbers.number(Math.abs(predicted[worst] - truth[worst]))
                + " (actual " + Numbers.number(truth[worst]) + ", predicted " + Numbers.number(predicted[worst]) + ").";
        return ScatterChart.of("Predicted against actual " + targetName, truth, predicted)
                .axes("actual " + targetName, "predicted " + targetName)
                .identityLine()
                .draw(alt);
    }

    /** Horizontal bars of each feature's importance, largest first, the top {@value #TOP_FEATURES} at most. */
    public static Figure featureImportance(List<String> features, double[] importance) {
        if (features.isEmpty() || features.size() != importance.length) {
            throw new IllegalArgumentException("Feature importance needs one value per feature and at least one "
                    + "feature; got " + features.size() + " features and " + importance.length + " values.");
        }
        for (int j = 0; j < importance.length; j++) {
            if (!Double.isFinite(importance[j])) {
                throw new IllegalArgumentException("The feature " + features.get(j) + " has importance "
                        + importance[j] + "; give every feature a finite importance.");
            }
        }
        int[] order = IntStream.range(0, importance.length).boxed()
                .sorted(Comparator.comparingDouble((Integer j) -> importance[j]).reversed())
                .limit(TOP_FEATURES).mapToInt(Integer::intValue).toArray();
        List<String> names = IntStream.of(order).mapToObj(features::get).toList();
        double[] values = IntStream.of(order).mapToDouble(j -> importance[j]).toArray();
        String alt = "Importance of " + Numbers.count(features.size(), "feature") + ", largest first"
                + (order.length < features.size() ? " (the top " + order.length + " shown)" : "") + ": "
                + IntStream.range(0, order.length).mapToObj(i -> names.get(i) + " " + Numbers.number(values[i]))
                .collect(Collectors.joining(", ")) + ".";
        return HorizontalBars.draw("Feature importance", names, values, "importance", alt);
    }

    /** How a loss moved over a run, in one clause: from where to where, its lowest, and the gap to training. */
    private static String trend(String what, double[] steps, double[] loss, double[] train) {
        int first = -1;
        int last = -1;
        int lowest = -1;
        int seen = 0;
        for (int i = 0; i < loss.length; i++) {
            if (Double.isFinite(loss[i])) {
                first = first < 0 ? i : first;
                last = i;
                lowest = lowest < 0 || loss[i] < loss[lowest] ? i : lowest;
                seen++;
            }
        }
        String from = Numbers.number(loss[first]);
        String to = Numbers.number(loss[last]);
        StringBuilder s = new StringBuilder(what);
        if (from.equals(to)) {
            s.append(" stayed at ").append(to);
        } else {
            s.append(loss[last] < loss[first] ? " fell from " : " rose from ").append(from).append(" to ").append(to);
        }
        s.append(" over ").append(Numbers.count(seen, STEP));
        s.append(lowest == last ? ", its lowest at the end"
                : ", its lowest, " + Numbers.number(loss[lowest]) + ", at step " + Numbers.number(steps[lowest]));
        if (train != null && Double.isFinite(train[last])) {
            double gap = loss[last] - train[last];
            s.append(", ending ").append(Numbers.number(Math.abs(gap)))
                    .append(gap >= 0 ? " above" : " below").append(" its training loss");
        }
        return s.toString();
    }

    private static double valueOrNaN(Double value) {
        return value == null ? Double.NaN : value;
    }

    private static boolean anyFinite(double[] values) {
        for (double v : values) {
            if (Double.isFinite(v)) {
                return true;
            }
        }
        return false;
    }
}
