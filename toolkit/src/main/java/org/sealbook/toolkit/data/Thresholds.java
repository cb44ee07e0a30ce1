package org.sealbook.toolkit.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sealbook.toolkit.explain.Names;

/**
 * The thresholds of the eight checks: the defaults from issue 3, each overridable in
 * {@code data_check.properties} ({@code key = value}, {@code #} comments), each remembering its source.
 */
public final class Thresholds {
    public static final String FILE_NAME = "data_check.properties";
    static final String DEFAULT = "default";

    private static final Map<String, Double> DEFAULTS = defaults();
    private final Map<String, Threshold> values;

    private Thresholds(Map<String, Threshold> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    private static Map<String, Double> defaults() {
        Map<String, Double> d = new LinkedHashMap<>();
        d.put("shape.min_rows", 30.0);
        d.put("shape.min_rows_per_feature", 10.0);
        d.put("types.text_distinct_share", 0.5);   // text with a distinct value in over half the rows
        d.put("types.number_text_share", 0.9);     // text whose values are mostly numbers
        d.put("missing.simple_max", 0.05);
        d.put("missing.model_max", 0.15);
        d.put("missing.indicator_max", 0.40);
        d.put("missing.target_fail", 0.40);
        d.put("target.watch_ratio", 4.0);
        d.put("target.weights_ratio", 9.0);
        d.put("target.strong_ratio", 19.0);
        d.put("target.skew", 1.0);
        d.put("task.max_classes", 20.0);
        d.put("task.max_class_share", 0.05);
        d.put("duplicates.row_share", 0.01);
        d.put("distribution.skew", 1.0);
        d.put("distribution.dominant_share", 0.99);
        d.put("correlation.feature_pair", 0.90);
        d.put("correlation.target_leak", 0.98);
        d.put("correlation.auc_leak", 0.95);
        d.put("correlation.same_form", 0.99);      // |rank correlation| of a pair: one column is the other in another form
        d.put("outliers.z", 3.5);
        d.put("outliers.column_share", 0.05);
        d.put("time.gap_factor", 3.0);             // a step over 3x the median step is a gap
        return Collections.unmodifiableMap(d);
    }

    /** The defaults, each with source "default". */
    public static Thresholds defaultValues() {
        Map<String, Threshold> v = new LinkedHashMap<>();
        DEFAULTS.forEach((k, x) -> v.put(k, new Threshold(k, x, DEFAULT)));
        return new Thresholds(v);
    }

    /** The defaults overridden by {@code folder/data_check.properties} when that file exists. */
    public static Thresholds in(Path folder) {
        Path file = folder.resolve(FILE_NAME);
        return Files.isRegularFile(file) ? from(file) : defaultValues();
    }

    /** The defaults overridden by the given properties file. */
    public static Thresholds from(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read thresholds from " + file + ": " + e.getMessage(), e);
        }
        String name = file.getFileName().toString();
        Map<String, Threshold> v = new LinkedHashMap<>(defaultValues().values);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int lineNo = i + 1;
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw new DataProblem(name + " line " + lineNo + " reads '" + line
                        + "', which has no '='; write it as key = number, e.g. outliers.z = 3.5.");
            }
            String key = line.substring(0, eq).strip();
            String text = line.substring(eq + 1).strip();
            if (!DEFAULTS.containsKey(key)) {
                throw new DataProblem(name + " line " + lineNo + " names an unknown threshold '" + key
                        + "'; did you mean " + Names.closest(key, DEFAULTS.keySet(), 1).get(0) + "?");
            }
            double x;
            try {
                x = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new DataProblem(name + " line " + lineNo + " gives " + key + " the value '" + text
                        + "', which is not a number; write a plain number such as " + DEFAULTS.get(key) + ".", e);
            }
            if (!Double.isFinite(x) || x < 0) {
                throw new DataProblem(name + " line " + lineNo + " gives " + key + " the value " + text
                        + ", but thresholds must be finite and not negative; the default is " + DEFAULTS.get(key) + ".");
            }
            v.put(key, new Threshold(key, x, name + " line " + lineNo));
        }
        return new Thresholds(v);
    }

    /** The threshold with this key; a typo in code fails loudly. */
    public Threshold get(String key) {
        Threshold t = values.get(key);
        if (t == null) {
            throw new IllegalArgumentException("No threshold '" + key + "'; known ones are " + values.keySet() + ".");
        }
        return t;
    }

    public double value(String key) {
        return get(key).value();
    }

    /** Every threshold, in a stable order. */
    public List<Threshold> all() {
        return List.copyOf(values.values());
    }
}
