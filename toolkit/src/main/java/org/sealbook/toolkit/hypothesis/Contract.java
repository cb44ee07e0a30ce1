package org.sealbook.toolkit.hypothesis;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the hypothesis stage seals: what would convince us, and how it will be tested fairly. Later stages read it
 * back with {@link #fromJson} and may not go beyond it.
 *
 * @param task               "classification" or "regression", from the data check
 * @param target             the column to predict
 * @param targetTransform    "none" or "log", locked by the data check
 * @param split              how rows are dealt into the splits
 * @param groupColumn        the column whose groups stay together (GROUP), else null
 * @param timeColumn         the column that orders rows (TIME), else null
 * @param ratios             train/validation/test shares
 * @param seed               the seed of every random choice
 * @param features           the columns a model may use
 * @param excluded           columns left out, each with the reason in words
 * @param families           the model families allowed
 * @param maxParameters      the most trainable parameters a neural network may have
 * @param maxTreesTimesDepth the most trees x depth an ensemble may have
 * @param maxGap             the largest relative gap allowed between training and validation score (0.10 = 10%)
 * @param primary            the locked primary metric
 * @param secondary          the locked secondary metrics
 * @param practicalThreshold the smallest relative improvement over the baseline that counts (0.01 = 1%)
 * @param splits             each split's row-index file: name -> file, sha256, rows
 */
public record Contract(String task, String target, String targetTransform, SplitStrategy split, String groupColumn,
                       String timeColumn, Ratios ratios, long seed, List<String> features,
                       Map<String, String> excluded, List<Family> families, long maxParameters,
                       long maxTreesTimesDepth, double maxGap, Metric primary, List<Metric> secondary,
                       double practicalThreshold, Map<String, SplitFile> splits) {

    /** One materialised split: the file of row indices (into the rows that have a target), its hash and size. */
    public record SplitFile(String file, String sha256, int rows) {
    }

    /** Every metric name a criterion may use: the primary and the secondaries. */
    public List<Metric> lockedMetrics() {
        List<Metric> all = new ArrayList<>();
        all.add(primary);
        all.addAll(secondary);
        return all;
    }

    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("task", task);
        o.addProperty("target", target);
        o.addProperty("target_transform", targetTransform);
        JsonObject s = new JsonObject();
        s.addProperty("strategy", split.label());
        if (groupColumn != null) {
            s.addProperty("group_column", groupColumn);
        }
        if (timeColumn != null) {
            s.addProperty("time_column", timeColumn);
        }
        s.addProperty("train", ratios.train());
        s.addProperty("validation", ratios.validation());
        s.addProperty("test", ratios.test());
        s.addProperty("seed", seed);
        JsonObject files = new JsonObject();
        splits.forEach((name, f) -> {
            JsonObject one = new JsonObject();
            one.addProperty("file", f.file());
            one.addProperty("sha256", f.sha256());
            one.addProperty("rows", f.rows());
            files.add(name, one);
        });
        s.add("files", files);
        s.addProperty("test_locked", true); // only %report's final evaluation reads the test rows, once
        o.add("split", s);
        o.add("features", strings(features));
        JsonObject ex = new JsonObject();
        excluded.forEach(ex::addProperty);
        o.add("excluded", ex);
        o.add("families", strings(families.stream().map(Family::label).toList()));
        JsonObject bounds = new JsonObject();
        bounds.addProperty("max_parameters", maxParameters);
        bounds.addProperty("max_trees_times_depth", maxTreesTimesDepth);
        bounds.addProperty("max_generalisation_gap", maxGap);
        o.add("bounds", bounds);
        JsonObject metrics = new JsonObject();
        metrics.addProperty("primary", primary.label());
        metrics.addProperty("direction", primary.direction());
        metrics.add("secondary", strings(secondary.stream().map(Metric::label).toList()));
        metrics.addProperty("practical_threshold", practicalThreshold);
        o.add("metrics", metrics);
        return o;
    }

    public static Contract fromJson(JsonObject o) {
        JsonObject s = o.getAsJsonObject("split");
        JsonObject bounds = o.getAsJsonObject("bounds");
        JsonObject metrics = o.getAsJsonObject("metrics");
        Map<String, String> excluded = new LinkedHashMap<>();
        o.getAsJsonObject("excluded").entrySet().forEach(e -> excluded.put(e.getKey(), e.getValue().getAsString()));
        Map<String, SplitFile> files = new LinkedHashMap<>();
        s.getAsJsonObject("files").entrySet().forEach(e -> {
            JsonObject f = e.getValue().getAsJsonObject();
            files.put(e.getKey(), new SplitFile(f.get("file").getAsString(), f.get("sha256").getAsString(),
                    f.get("rows").getAsInt()));
        });
        return new Contract(o.get("task").getAsString(), o.get("target").getAsString(),
                o.get("target_transform").getAsString(), SplitStrategy.byLabel(s.get("strategy").getAsString()),
                s.has("group_column") ? s.get("group_column").getAsString() : null,
                s.has("time_column") ? s.get("time_column").getAsString() : null,
                new Ratios(s.get("train").getAsDouble(), s.get("validation").getAsDouble(), s.get("test").getAsDouble()),
                s.get("seed").getAsLong(), texts(o.getAsJsonArray("features")), excluded,
                texts(o.getAsJsonArray("families")).stream().map(Family::byLabel).toList(),
                bounds.get("max_parameters").getAsLong(), bounds.get("max_trees_times_depth").getAsLong(),
                bounds.get("max_generalisation_gap").getAsDouble(), Metric.byLabel(metrics.get("primary").getAsString()),
                texts(metrics.getAsJsonArray("secondary")).stream().map(Metric::byLabel).toList(),
                metrics.get("practical_threshold").getAsDouble(), files);
    }

    private static JsonArray strings(List<String> values) {
        JsonArray a = new JsonArray();
        values.forEach(a::add);
        return a;
    }

    private static List<String> texts(JsonArray a) {
        List<String> out = new ArrayList<>();
        a.forEach(e -> out.add(e.getAsString()));
        return out;
    }
}
