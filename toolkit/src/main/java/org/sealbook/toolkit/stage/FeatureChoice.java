package org.sealbook.toolkit.stage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sealbook.toolkit.data.DataCheckResult;
import org.sealbook.toolkit.data.Dataset;
import org.sealbook.toolkit.data.Finding;
import org.sealbook.toolkit.explain.Names;
import org.sealbook.toolkit.pipeline.FrontEnd;
import org.sealbook.toolkit.pipeline.StageProblem;

/**
 * The hypothesis's whitelist of columns a model may use: the data check's features without identifiers, leaky
 * columns and the columns the split uses, or exactly the columns the reader lists; every column left out is kept
 * with the reason in words.
 */
final class FeatureChoice {
    private final List<String> features;
    private final Map<String, String> excluded;

    private FeatureChoice(List<String> features, Map<String, String> excluded) {
        this.features = List.copyOf(features);
        this.excluded = excluded;
    }

    /**
     * @param listed  the {@code features} option, or null
     * @param leftOutGiven the {@code exclude} option, or null
     */
    static FeatureChoice of(DataCheckResult check, Dataset data, String group, String time, List<String> listed,
                            List<String> leftOutGiven, FrontEnd names) {
        String target = check.target();
        if (listed != null && leftOutGiven != null) {
            throw StageProblem.blocked(names.stage("hypothesize") + " was given both " + names.option("features")
                    + " (the whole list) and " + names.option("exclude") + " (columns to leave out), which contradict "
                    + "each other; give one of them.");
        }
        List<String> checked = check.features();
        Map<String, String> reasons = new LinkedHashMap<>();
        for (String column : data.table().columnNames()) {
            if (!column.equals(target) && !checked.contains(column)) {
                reasons.put(column, column.equals(check.id())
                        ? "it is the --id column: it names rows and predicts nothing"
                        : "the data check's recipe drops it");
            }
        }
        for (Finding f : check.findings()) {
            for (String column : f.columns()) {
                if (!checked.contains(column) || column.equals(target)) {
                    continue;
                }
                if (f.code().equals("LIKELY_IDENTIFIER")) {
                    reasons.putIfAbsent(column, "it has a different value in every row, like a name or number tag, "
                            + "so a model would memorise rows instead of learning");
                } else if (f.code().startsWith("LEAKAGE")) {
                    reasons.putIfAbsent(column, "it gives the answer away (leakage), so a model using it would "
                            + "look far better than it is");
                }
            }
        }
        if (time != null) {
            reasons.putIfAbsent(time, "it orders the split; a model reading it would learn the calendar, not the pattern");
        }
        if (group != null) {
            reasons.putIfAbsent(group, "it keeps groups apart in the split; as a feature the model could memorise groups");
        }
        Map<String, String> excluded = new LinkedHashMap<>();
        List<String> features;
        if (listed != null) {
            features = columns("features", listed, data, names);
            for (String f : features) {
                if (f.equals(target)) {
                    throw StageProblem.blocked(names.option("features") + " lists the target " + target + " itself; a "
                            + "model may not read the answer it predicts, so remove it from the list.");
                }
                if (!checked.contains(f)) {
                    throw StageProblem.blocked(names.option("features") + " lists " + f + ", which the sealed data "
                            + "check does not keep (" + reasons.getOrDefault(f, "it is not among its features")
                            + "); remove it, or change the recipe with " + names.call("data_check", "PATH", "--target",
                            target, "--column", f + "=keep") + ".");
                }
            }
            for (String c : data.table().columnNames()) {
                if (!c.equals(target) && !features.contains(c)) {
                    excluded.put(c, reasons.getOrDefault(c, "you left it out of features"));
                }
            }
        } else {
            List<String> leftOut = leftOutGiven == null ? List.of() : columns("exclude", leftOutGiven, data, names);
            features = new ArrayList<>();
            for (String c : checked) {
                if (leftOut.contains(c)) {
                    reasons.putIfAbsent(c, "you excluded it");
                } else if (!reasons.containsKey(c)) {
                    features.add(c);
                }
            }
            for (String c : data.table().columnNames()) {
                if (reasons.containsKey(c)) {
                    excluded.put(c, leftOut.contains(c) ? "you excluded it" : reasons.get(c));
                }
            }
        }
        if (features.isEmpty()) {
            throw StageProblem.blocked("No feature is left for a model to learn from; list some with "
                    + names.option("features") + " or exclude fewer columns.");
        }
        return new FeatureChoice(features, excluded);
    }

    List<String> features() {
        return features;
    }

    /** Every column left out, with why. */
    Map<String, String> excluded() {
        return excluded;
    }

    /** Column names the reader listed; unknown names are refused with the closest ones. */
    private static List<String> columns(String option, List<String> given, Dataset data, FrontEnd names) {
        List<String> found = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String name : given) {
            if (!data.table().columnNames().contains(name)) {
                unknown.add(name);
            } else if (!found.contains(name)) {
                found.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            String first = unknown.get(0);
            throw StageProblem.blocked(names.option(option) + " names " + String.join(", ", unknown) + ", which "
                    + (unknown.size() == 1 ? "is not a column" : "are not columns") + " of " + data.name()
                    + "; the closest to " + first + " are " + String.join(", ",
                    Names.closest(first, data.table().columnNames(), 3)) + " (check spelling and case).");
        }
        return found;
    }
}
