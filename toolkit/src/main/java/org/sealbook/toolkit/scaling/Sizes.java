package org.sealbook.toolkit.scaling;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sealbook.toolkit.hypothesis.Family;
import org.sealbook.toolkit.plan.Experiment;

/**
 * The sizes a scaling curve is measured at: {@code count} steps spaced evenly on a log scale from a sixteenth of the
 * full size to all of it, rounded to whole numbers; steps that round to the same number are kept once.
 * Usage: {@code List<Sizes.Step> steps = Sizes.overRows(winner, 455, 10, 5);}
 */
public final class Sizes {
    /** The smallest step is the full size divided by this (a little over one decade below it). */
    public static final int SPAN = 16;

    /**
     * One point to train: its size N (rows, or the model's size), the setting in words, the experiment to train
     * (the winner's, or the winner's with a smaller size setting) and how many training rows it learns from.
     */
    public record Step(long n, String setting, Experiment experiment, int rows) {
    }

    private Sizes() {
    }

    /** The winner's settings on more and more rows, from {@code max(total / 16, smallest)} rows to {@code total}. */
    public static List<Step> overRows(Experiment winner, int total, int smallest, int count) {
        List<Step> steps = new ArrayList<>();
        for (long rows : spaced(Math.max(smallest, total / (double) SPAN), total, count)) {
            steps.add(new Step(rows, rows + " rows", winner, (int) rows));
        }
        return steps;
    }

    /** Whether the family has a size setting that {@link #overSize} can vary. */
    public static boolean hasSizeSetting(Family family) {
        return family.isEnsemble() || family == Family.MLP;
    }

    /**
     * The winner at smaller sizes, all on {@code rows} rows: fewer trees for an ensemble (depth kept), narrower
     * hidden layers for a network (each layer scaled alike); N is the size as the report counts it.
     */
    public static List<Step> overSize(Experiment winner, int rows, int count) {
        if (!hasSizeSetting(winner.family())) {
            throw new IllegalArgumentException("A " + winner.family().label() + " model has no size setting to vary.");
        }
        Map<Long, Step> bySize = new LinkedHashMap<>();
        if (winner.family().isEnsemble()) {
            int trees = ((Number) winner.params().get("trees")).intValue();
            for (long t : spaced(Math.max(1, trees / (double) SPAN), trees, count)) {
                Experiment smaller = with(winner, "trees", (int) t);
                bySize.putIfAbsent(smaller.complexity(), new Step(smaller.complexity(), "trees=" + t, smaller, rows));
            }
        } else {
            String[] widths = ((String) winner.params().get("hidden")).trim().split("\\s*,\\s*");
            int widest = 0;
            for (String w : widths) {
                widest = Math.max(widest, Integer.parseInt(w));
            }
            for (long top : spaced(Math.max(1, widest / (double) SPAN), widest, count)) {
                List<String> scaled = new ArrayList<>();
                for (String w : widths) {
                    scaled.add(String.valueOf(Math.max(1, Math.round(Integer.parseInt(w) * (double) top / widest))));
                }
                String hidden = String.join(",", scaled);
                Experiment smaller = with(winner, "hidden", hidden);
                bySize.putIfAbsent(smaller.complexity(), new Step(smaller.complexity(), "hidden=" + hidden, smaller,
                        rows));
            }
        }
        return List.copyOf(bySize.values());
    }

    /** {@code count} whole numbers from {@code low} to {@code high}, evenly spaced on a log scale, each once. */
    static List<Long> spaced(double low, long high, int count) {
        List<Long> out = new ArrayList<>();
        double from = Math.log(Math.max(1, Math.min(low, high)));
        double to = Math.log(high);
        for (int i = 0; i < count; i++) {
            long v = count == 1 ? high : Math.round(Math.exp(from + (to - from) * i / (count - 1)));
            if (!out.contains(v)) {
                out.add(v);
            }
        }
        return out;
    }

    private static Experiment with(Experiment e, String key, Object value) {
        Map<String, Object> params = new LinkedHashMap<>(e.params());
        params.put(key, value);
        return new Experiment(e.id(), e.parent(), e.family(), params, e.features(), e.change(), e.question(),
                e.success(), e.failure(), e.estimatedSeconds());
    }
}
