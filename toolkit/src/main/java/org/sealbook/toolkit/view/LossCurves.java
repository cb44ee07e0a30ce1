package org.sealbook.toolkit.view;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sealbook.toolkit.explain.Numbers;

/**
 * A run's loss history as its progress display shows it: named curves (train_loss, val_loss) of (step, value), drawn
 * small beside the bar, as a text sparkline in a console and as an inline SVG in a notebook. SVG needs no script, so
 * it shows the same in JupyterLab, in nbconvert's HTML and in a saved notebook. Not thread-safe: a
 * {@link ThrottledProgress} holds it under its lock and hands its displays copies.
 * Usage: {@code curves.add("val_loss", 3, 0.41); String spark = curves.sparkline(20);}
 */
public final class LossCurves {
    public static final String TRAIN = "train_loss";
    public static final String VALIDATION = "val_loss";
    /** The sparkline's eight levels, lowest first. */
    private static final String LEVELS = "▁▂▃▄▅▆▇█";
    /** A curve is drawn from at most this many points, so the SVG stays a few kilobytes however long the run. */
    static final int MAX_SVG_POINTS = 120;
    static final int SVG_WIDTH = 160;
    static final int SVG_HEIGHT = 44;
    /** Okabe-Ito blue and orange, as the charts' first two lines: training solid blue, validation orange. */
    private static final List<String> COLOURS = List.of("#0072B2", "#E69F00", "#009E73", "#D55E00");

    private record Point(long step, double value) {
    }

    private final Map<String, List<Point>> curves = new LinkedHashMap<>();

    /** Adds a point; a value that is not a finite number is not a loss anyone can draw, so it is left out. */
    public void add(String name, long step, double value) {
        if (Double.isFinite(value)) {
            curves.computeIfAbsent(name, n -> new ArrayList<>()).add(new Point(step, value));
        }
    }

    public boolean isEmpty() {
        return curves.isEmpty();
    }

    /** Whether there is a trend to draw: a curve of two points or more (one point, e.g. a baseline's, is not one). */
    public boolean drawable() {
        return curves.values().stream().anyMatch(points -> points.size() >= 2);
    }

    /** The number of points of all curves. */
    public int points() {
        return curves.values().stream().mapToInt(List::size).sum();
    }

    public LossCurves copy() {
        LossCurves copy = new LossCurves();
        curves.forEach((name, points) -> copy.curves.put(name, List.copyOf(points)));
        return copy;
    }

    /** The curve a sparkline shows: the validation loss when there is one, else the first curve; null when none. */
    public String sparklineCurve() {
        return curves.containsKey(VALIDATION) ? VALIDATION : curves.keySet().stream().findFirst().orElse(null);
    }

    /**
     * The {@link #sparklineCurve()} as at most {@code width} block characters from ▁ (its lowest value) to █ (its
     * highest), on a log scale when it falls tenfold or more, a long history averaged into {@code width} equal parts; "" when nothing is {@link #drawable()}.
     */
    public String sparkline(int width) {
        String name = sparklineCurve();
        if (!drawable() || width < 1) {
            return "";
        }
        double[] values = buckets(curves.get(name), width);
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            low = Math.min(low, v);
            high = Math.max(high, v);
        }
        if (logScale(low, high)) { // the same scale as the SVG's
            for (int i = 0; i < values.length; i++) {
                values[i] = Math.log10(values[i]);
            }
            low = Math.log10(low);
            high = Math.log10(high);
        }
        StringBuilder s = new StringBuilder();
        for (double v : values) {
            int level = high > low ? (int) Math.round((v - low) / (high - low) * (LEVELS.length() - 1)) : 0;
            s.append(LEVELS.charAt(level));
        }
        return s.toString();
    }

    /**
     * A small SVG line chart of every curve on one scale, steps across and loss up, with a one-line key under it;
     * "" when nothing is {@link #drawable()}. The text of the key and the title are the curves' names and last values.
     */
    public String svg() {
        if (!drawable()) {
            return "";
        }
        long firstStep = Long.MAX_VALUE;
        long lastStep = Long.MIN_VALUE;
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (List<Point> points : curves.values()) {
            for (Point p : points) {
                firstStep = Math.min(firstStep, p.step());
                lastStep = Math.max(lastStep, p.step());
                low = Math.min(low, p.value());
                high = Math.max(high, p.value());
            }
        }
        boolean log = logScale(low, high);
        if (log) {
            low = Math.log10(low);
            high = Math.log10(high);
        }
        double plotHeight = SVG_HEIGHT - 14.0; // the key takes the bottom row
        StringBuilder key = new StringBuilder();
        StringBuilder lines = new StringBuilder();
        StringBuilder title = new StringBuilder("loss by step:");
        int index = 0;
        for (Map.Entry<String, List<Point>> curve : curves.entrySet()) {
            String colour = COLOURS.get(index % COLOURS.size());
            List<Point> points = thinned(curve.getValue(), MAX_SVG_POINTS);
            StringBuilder path = new StringBuilder();
            for (Point p : points) {
                double x = lastStep > firstStep ? 2 + (SVG_WIDTH - 4.0) * (p.step() - firstStep) / (lastStep - firstStep)
                        : SVG_WIDTH / 2.0;
                double v = log ? Math.log10(p.value()) : p.value();
                double y = high > low ? 2 + (plotHeight - 4) * (high - v) / (high - low) : plotHeight / 2;
                path.append(path.length() == 0 ? "" : " ").append(coordinate(x)).append(',').append(coordinate(y));
            }
            lines.append(points.size() == 1
                    ? "<circle cx=\"" + path.toString().split(",")[0] + "\" cy=\"" + path.toString().split(",")[1]
                    + "\" r=\"2\" fill=\"" + colour + "\"/>"
                    : "<polyline fill=\"none\" stroke=\"" + colour + "\" stroke-width=\"1.5\" points=\"" + path + "\"/>");
            double last = curve.getValue().get(curve.getValue().size() - 1).value();
            String name = Html.escape(curve.getKey());
            key.append("<tspan fill=\"").append(colour).append("\">").append(name).append("</tspan> ");
            title.append(' ').append(name).append(' ').append(Numbers.number(last))
                    .append(index < curves.size() - 1 ? "," : "");
            index++;
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"sealbook-curves\" width=\"" + SVG_WIDTH
                + "\" height=\"" + SVG_HEIGHT + "\" viewBox=\"0 0 " + SVG_WIDTH + " " + SVG_HEIGHT + "\" role=\"img\" "
                + "style=\"vertical-align:middle;background:#fafafa;border:1px solid #e0e0e0;border-radius:3px\">"
                + "<title>" + title + " (steps " + firstStep + " to " + lastStep + (log ? ", loss on a log scale" : "")
                + ")</title>" + lines
                + "<text x=\"2\" y=\"" + (SVG_HEIGHT - 3) + "\" font-size=\"10\" font-family=\"sans-serif\">"
                + key.toString().strip() + "</text></svg>";
    }

    /**
     * Losses that fall by ten times or more (as a network's do in its first epochs) are drawn on a log scale, or the
     * first steps would squash the rest of the curve into a flat line along the bottom.
     */
    static boolean logScale(double low, double high) {
        return low > 0 && high / low >= 10;
    }

    private static String coordinate(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** At most {@code most} of the points, evenly spread, the first and last always among them. */
    private static List<Point> thinned(List<Point> points, int most) {
        if (points.size() <= most) {
            return points;
        }
        List<Point> kept = new ArrayList<>();
        for (int i = 0; i < most; i++) {
            kept.add(points.get((int) Math.round((double) i * (points.size() - 1) / (most - 1))));
        }
        return kept;
    }

    /** The values averaged into at most {@code width} consecutive, nearly equal parts. */
    private static double[] buckets(List<Point> points, int width) {
        int n = points.size();
        int parts = Math.min(width, n);
        double[] out = new double[parts];
        for (int b = 0; b < parts; b++) {
            int from = (int) ((long) b * n / parts);
            int to = (int) ((long) (b + 1) * n / parts);
            double sum = 0;
            for (int i = from; i < to; i++) {
                sum += points.get(i).value();
            }
            out[b] = sum / (to - from);
        }
        return out;
    }
}
