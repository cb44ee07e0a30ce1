package org.sealbook.toolkit.stage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.sealbook.toolkit.data.DataCheckResult;
import org.sealbook.toolkit.data.Finding;
import org.sealbook.toolkit.data.Mitigation.Action;
import org.sealbook.toolkit.data.Severity;
import org.sealbook.toolkit.data.Task;
import org.sealbook.toolkit.data.Threshold;
import org.sealbook.toolkit.explain.Explainer;
import org.sealbook.toolkit.explain.Numbers;
import org.sealbook.toolkit.pipeline.FrontEnd;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.columns.Column;

/** The data check's findings in plain words: every number in a sentence is read from a finding. */
final class DataCheckText {
    /** The checks in the order the report walks through them. */
    static final List<String> CHECKS = List.of("shape", "types", "missing", "target", "duplicates",
            "distributions", "correlations", "outliers", "time");

    /** Findings that only confirm all is well; the report leaves them out so each section has something to say. */
    private static final Set<String> QUIET = Set.of("SHAPE_OK", "MISSING_NONE", "DISTRIBUTION_OK", "OUTLIERS_NONE",
            "ID_UNIQUE", "TIME_REGULAR", "TARGET_SKEW_OK");

    private final DataCheckResult result;
    private final Explainer explainer;
    private final FrontEnd names;

    DataCheckText(DataCheckResult result, Explainer explainer, FrontEnd names) {
        this.names = names;
        this.result = result;
        this.explainer = explainer;
    }

    static boolean worthShowing(Finding f, DataCheckResult result) {
        if (f.code().startsWith("TYPE_") || QUIET.contains(f.code())) {
            return false;
        }
        if (f.code().equals("MOST_CORRELATED_PAIR")) {
            // already said when the strongest pair is also flagged as too high, or as one column in another form
            return result.findings().stream()
                    .filter(h -> h.code().equals("HIGH_CORRELATION") || h.code().equals("SAME_FORM"))
                    .noneMatch(h -> h.columns().equals(f.columns()));
        }
        return !(f.code().equals("DUPLICATE_ROWS_FEW") && f.measure("duplicate_rows") == 0);
    }

    /** Why the task is what it is, from the target's own values. */
    String taskReason(int distinct, Column<?> target) {
        String task = explainer.term(result.task().label());
        if (!result.taskInferred()) {
            return "You chose a " + task + " task with --task.";
        }
        if (result.task() == Task.REGRESSION) {
            return "This is a " + task + " task: the target holds numbers with " + distinct
                    + " different values, too many to be categories.";
        }
        String kind = target instanceof NumericColumn<?> ? "whole numbers with only " + distinct + " different values"
                : distinct + " different text values";
        return "This is a " + task + " task: the target holds " + kind + ", so each value is a "
                + explainer.term("class") + ".";
    }

    /**
     * One sentence per finding of one check; but when more than {@link #GROUP_ABOVE} findings share a kind (many
     * lopsided columns, many correlated pairs, many columns with outliers), one sentence tells them all, the
     * strongest first, since a wall of near-identical sentences is read by nobody.
     */
    String paragraph(List<Finding> findings) {
        Map<String, List<Finding>> byKind = new LinkedHashMap<>();
        for (Finding f : findings) {
            byKind.computeIfAbsent(f.code(), k -> new ArrayList<>()).add(f);
        }
        List<String> sentences = new ArrayList<>();
        for (Map.Entry<String, List<Finding>> kind : byKind.entrySet()) {
            List<Finding> same = kind.getValue();
            if (same.size() > GROUP_ABOVE && GROUPED.contains(kind.getKey())) {
                sentences.add(grouped(kind.getKey(), same));
            } else {
                same.forEach(f -> sentences.add(sentence(f)));
            }
        }
        return String.join(" ", sentences);
    }

    /** More findings of one kind than this are told in one sentence. */
    static final int GROUP_ABOVE = 3;
    private static final List<String> GROUPED = List.of("HIGH_CORRELATION", "SAME_FORM", "SKEWED_LOG", "SKEWED_NO_LOG",
            "OUTLIERS_FEW", "OUTLIERS_INVESTIGATE");

    private String grouped(String code, List<Finding> same) {
        Threshold t = same.get(0).threshold();
        String measure = switch (code) {
            case "HIGH_CORRELATION" -> "r";
            case "SAME_FORM" -> "rank_r";
            case "SKEWED_LOG", "SKEWED_NO_LOG" -> "skew";
            default -> "share";
        };
        List<String> strongest = same.stream()
                .sorted((a, b) -> Double.compare(Math.abs(b.measure(measure)), Math.abs(a.measure(measure))))
                .limit(GROUP_ABOVE)
                .map(f -> String.join(" and ", f.columns()) + " (" + (measure.equals("share")
                        ? Numbers.percent(f.measure("share")) : Numbers.number(f.measure(measure))) + ")")
                .toList();
        String top = String.join(", ", strongest.subList(0, strongest.size() - 1)) + " and "
                + strongest.get(strongest.size() - 1);
        int n = same.size();
        return switch (code) {
            case "HIGH_CORRELATION" -> n + " pairs of columns have a " + explainer.term("correlation") + " beyond "
                    + limit(t) + " (" + source(t) + "), so each pair carries nearly the same information. The strongest "
                    + "are " + top + "; the findings table lists every pair.";
            case "SAME_FORM" -> n + " pairs of columns look like one column in another form, with a "
                    + explainer.term("rank correlation") + " of at least " + limit(t) + " (" + source(t) + "): as one "
                    + "rises the other always rises or always falls, so a model gets nothing new from the second of "
                    + "each pair. Drop one of each, keeping the one known when predictions are made. The closest are "
                    + top + "; the findings table lists every pair.";
            case "SKEWED_LOG" -> n + " columns are lopsided, with a " + explainer.term("skew") + " beyond " + limit(t)
                    + " (" + source(t) + "); a " + explainer.term("log transform") + " would even them out. The most "
                    + "lopsided are " + top + "; the findings table lists every one.";
            case "SKEWED_NO_LOG" -> n + " lopsided columns (skew beyond " + limit(t) + ", " + source(t) + ") have "
                    + "values down to 0 or below, so a log cannot be used on them; a tree model copes with them. The most "
                    + "lopsided are " + top + ".";
            case "OUTLIERS_INVESTIGATE" -> n + " columns have more than " + limit(t) + " of their values flagged as "
                    + explainer.term("outliers") + " (" + source(t) + "), more than errors would explain: look at them, "
                    + "do not delete them. The most are in " + top + ".";
            default -> n + " columns have a few " + explainer.term("outliers") + ", values whose "
                    + explainer.term("modified z-score") + " is above " + limit(zLimit(t)) + "; the most are in " + top
                    + ". A few far values are normal; the findings table lists every column.";
        };
    }

    private Threshold zLimit(Threshold fallback) {
        return result.thresholds().stream().filter(x -> x.key().equals("outliers.z")).findFirst().orElse(fallback);
    }

    private String sentence(Finding f) {
        String c = f.column();
        Threshold t = f.threshold();
        switch (f.code()) {
            case "SHAPE_TOO_FEW_ROWS":
                return "The data has only " + Numbers.number(f.measure("rows")) + " rows, fewer than " + limit(t) + " ("
                        + source(t) + "); no model can be judged fairly on so few, so collect more rows.";
            case "SHAPE_FEW_ROWS_PER_FEATURE":
                return "There are " + Numbers.number(f.measure("rows_per_feature")) + " rows per " + explainer.term("feature")
                        + ", fewer than " + limit(t) + " (" + source(t) + "), which invites "
                        + explainer.term("overfitting") + "; fewer features or more rows would help.";
            case "NUMBER_AS_TEXT":
                return c + " holds numbers written as text (" + Numbers.percent(f.measure("number_share")) + " of its "
                        + Numbers.number(f.measure("distinct")) + " different values read as numbers, at least " + limit(t)
                        + ", " + source(t) + "); remove the commas, currency or percent signs in the file.";
            case "LIKELY_IDENTIFIER":
                return c + " has a different value in each of its " + Numbers.number(f.measure("rows")) + " rows, so it is an "
                        + explainer.term("identifier") + " and is dropped.";
            case "TEXT_MANY_VALUES":
                return c + " is text with " + Numbers.number(f.measure("distinct")) + " different values in "
                        + Numbers.number(f.measure("present")) + " rows (" + Numbers.percent(f.measure("distinct_share")) + ", above "
                        + limit(t) + ", " + source(t) + "), too many for a model to learn from, so it is dropped.";
            case "TARGET_MISSING":
                return "The target is missing in " + missing(f) + ", more than " + limit(t) + " (" + source(t)
                        + "); fill it in or choose another target.";
            case "TARGET_MISSING_ROWS_DROPPED":
                return "The target is missing in " + missing(f) + "; those rows are left out, since a row "
                        + "without an answer teaches the model nothing.";
            case "MISSING_MARKER":
                return markers(c, f);
            case "MISSING_SIMPLE_IMPUTE":
                return c + " has a " + explainer.term("missing value") + " in " + missing(f) + ", at most " + limit(t)
                        + " (" + source(t) + "), so a simple " + explainer.term("imputation") + " by "
                        + (result.recipe().has(c, Action.IMPUTE_MEDIAN) ? "the " + explainer.term("median")
                        : "the most common value") + " fills the gaps.";
            case "MISSING_MODEL_IMPUTE":
                // a category column's gaps get its most common value: a model's fill applies to numbers only
                return c + " is missing in " + missing(f) + ", at most " + limit(t) + " (" + source(t) + "), so "
                        + (result.recipe().has(c, Action.IMPUTE_MODEL)
                        ? "a small model predicts the missing values from the other columns."
                        : "its most common value fills the gaps (a model's fill works on numbers, and " + c
                        + " holds categories).");
            case "MISSING_INDICATOR":
                return c + " is missing in " + missing(f) + ", at most " + limit(t) + " (" + source(t) + "), so a "
                        + explainer.term("missing indicator") + " column is added before filling the gaps.";
            case "MISSING_DROP":
                return c + " is missing in " + missing(f) + ", more than " + limit(t) + " (" + source(t)
                        + "), too empty to trust, so it is dropped.";
            case "TARGET_CONSTANT":
                return "The target has the same value in every row, so there is nothing to predict; choose another target.";
            case "TARGET_BALANCED":
                return "The target's " + Numbers.number(f.measure("classes")) + " classes are balanced enough: the largest has "
                        + Numbers.number(f.measure("largest")) + " rows and the smallest " + Numbers.number(f.measure("smallest"))
                        + ", a ratio of " + Numbers.number(f.measure("ratio")) + " to 1, below " + limit(t) + " to 1 ("
                        + source(t) + ").";
            case "TARGET_IMBALANCE_WATCH":
            case "TARGET_IMBALANCE_CLASS_WEIGHTS":
            case "TARGET_IMBALANCE_STRONG":
                return "The target shows " + explainer.term("class imbalance") + ": the largest class has "
                        + Numbers.number(f.measure("largest")) + " rows and the smallest " + Numbers.number(f.measure("smallest"))
                        + ", a ratio of " + Numbers.number(f.measure("ratio")) + " to 1, at least " + limit(t) + " to 1 ("
                        + source(t) + ")" + (f.code().endsWith("WATCH") ? "; keep an eye on the rare class."
                        : ", so " + explainer.term("class weights") + " are recorded in the recipe.");
            case "TARGET_SKEW_LOG":
            case "TARGET_SKEW_NO_LOG":
                return "The target has a " + explainer.term("skew") + " of " + Numbers.number(f.measure("skew")) + ", beyond "
                        + limit(t) + " (" + source(t) + ")" + (f.code().endsWith("NO_LOG")
                        ? "; its values go down to " + Numbers.number(f.measure("min")) + ", so a log is impossible and a "
                        + "model that copes with long tails is the safer choice."
                        : ", so a " + explainer.term("log transform") + " of the target is recorded in the recipe.");
            case "DUPLICATE_ROWS":
            case "DUPLICATE_ROWS_FEW":
                return Numbers.number(f.measure("duplicate_rows")) + " of " + Numbers.number(f.measure("rows")) + " rows "
                        + (f.measure("duplicate_rows") == 1 ? "is a copy" : "are copies") + " of another row, each a "
                        + explainer.term("duplicate row") + " (" + Numbers.percent(f.measure("share")) + (f.severity().name()
                        .equals("WARN") ? ", above " : ", within ") + limit(t) + ", " + source(t) + ")"
                        + (f.severity().name().equals("WARN") ? "; check whether they are real repeats or copies." : ".");
            case "DUPLICATE_ID":
                return "The ID column " + c + " repeats " + Numbers.number(f.measure("repeated_ids")) + " times, so some rows "
                        + "are recorded twice; remove the repeated rows and run " + names.stage("data_check") + " again.";
            case "ZERO_VARIANCE":
                return c + " has the same value in every row, so it says nothing and is dropped.";
            case "DOMINANT_VALUE":
                return c + " has one value in " + Numbers.percent(f.measure("top_share")) + " of rows, above " + limit(t) + " ("
                        + source(t) + "), so it says almost nothing and is dropped.";
            case "SKEWED_LOG":
            case "SKEWED_NO_LOG":
                return c + " has a " + explainer.term("skew") + " of " + Numbers.number(f.measure("skew")) + ", beyond "
                        + limit(t) + " (" + source(t) + "); " + (f.code().equals("SKEWED_LOG") ? "a "
                        + explainer.term("log transform") + " would even it out." : "its values go down to "
                        + Numbers.number(f.measure("min")) + ", so a log cannot be used; a tree model copes with it.");
            case "HIGH_CORRELATION":
            case "MOST_CORRELATED_PAIR":
                return f.columns().get(0) + " and " + f.columns().get(1) + " have a " + explainer.term("correlation")
                        + " of " + Numbers.number(f.measure("r")) + (t == null ? ", the strongest pair." : ", beyond " + limit(t)
                        + " (" + source(t) + "), so they carry nearly the same information.");
            case "SAME_FORM":
                return sameForm(f);
            case "LEAKAGE_CORRELATION":
                return c + " has a correlation of " + Numbers.number(f.measure("r")) + " with the target, beyond " + limit(t)
                        + " (" + source(t) + "): that is " + explainer.term("leakage")
                        + "; remove the column or explain why it is known before the target.";
            case "LEAKAGE_AUC":
                return c + " alone separates the classes with an " + explainer.term("AUC") + " of "
                        + Numbers.number(f.measure("auc")) + ", above " + limit(t) + " (" + source(t) + "): suspect "
                        + explainer.term("leakage") + "; remove the column, or raise correlation.auc_leak in "
                        + "data_check.properties if it is truly known before the target.";
            case "OUTLIERS_INVESTIGATE":
            case "OUTLIERS_FEW":
                return c + " has " + Numbers.number(f.measure("outliers")) + " " + explainer.term("outliers") + " ("
                        + Numbers.percent(f.measure("share")) + " of its values, by a " + explainer.term("modified z-score")
                        + " above " + limit(zLimit(t)) + ")" + (f.code().equals("OUTLIERS_FEW") ? "."
                        : ", more than " + limit(t) + " (" + source(t) + "); look at them, do not delete them.");
            case "TIME_UNORDERED":
                return c + " goes backwards " + Numbers.number(f.measure("steps_back")) + " times; sort the rows by time.";
            case "TIME_GAPS":
                return c + " has " + Numbers.number(f.measure("gaps")) + " gaps longer than " + limit(t) + " times the usual step "
                        + "(" + source(t) + "); check whether rows are missing there.";
            default:
                return f.check() + " found " + f.code() + " on " + f.columns() + ": " + measured(f) + ".";
        }
    }

    /**
     * "b looks like a in another form ...": the rank correlation that flagged the pair, and Pearson's r beside it,
     * since r below the pair limit is why the pair was not already reported as moving together.
     */
    private String sameForm(Finding f) {
        String a = f.columns().get(0);
        String b = f.columns().get(1);
        Threshold t = f.threshold();
        double rho = f.measure("rank_r");
        double r = f.measure("r");
        String always = Math.abs(rho) >= 0.9995 ? "always " : "almost always ";
        String straight = Double.isNaN(r) ? "" : ", though their " + explainer.term("correlation") + " along a "
                + "straight line is only " + Numbers.number(r) + pairLimit().map(p -> ", within " + limit(p)).orElse("");
        return b + " looks like " + a + " in another form, such as a logarithm, a square or a change of units: their "
                + explainer.term("rank correlation") + " is " + Numbers.number(rho) + ", at least " + limit(t) + " ("
                + source(t) + "), so as " + a + " rises " + b + " " + always + (rho < 0 ? "falls" : "rises") + straight
                + ". A model gets nothing new from the second of them; drop one, keeping the one known when "
                + "predictions are made.";
    }

    private Optional<Threshold> pairLimit() {
        return result.thresholds().stream().filter(x -> x.key().equals("correlation.feature_pair")).findFirst();
    }

    /** "x holds the text NA in 4 rows and None in 1 row (of 406), which pandas ... read as missing; ..." */
    private String markers(String c, Finding f) {
        List<String> each = f.measures().entrySet().stream().filter(e -> e.getKey().startsWith("marker:"))
                .map(e -> e.getKey().substring("marker:".length()) + " in " + Numbers.count(e.getValue().longValue(),
                        "row")).toList();
        String said = each.size() == 1 ? each.get(0)
                : String.join(", ", each.subList(0, each.size() - 1)) + " and " + each.get(each.size() - 1);
        return c + " holds the text " + said + " (of " + Numbers.number(f.measure("rows")) + "), which pandas and "
                + "other tools read as missing; Sealbook reads only an empty cell as missing, so it keeps "
                + (each.size() == 1 ? "it" : "them") + " as text" + (f.severity() == Severity.WARN ? " and reads " + c
                + " as text rather than numbers" : "") + ". If " + (each.size() == 1 ? "it means" : "they mean")
                + " missing, empty those cells in the file and run " + names.stage("data_check") + " again.";
    }

    private static String missing(Finding f) {
        return Numbers.number(f.measure("missing")) + " of " + Numbers.number(f.measure("rows")) + " rows (" + Numbers.percent(f.measure("share")) + ")";
    }

    private static String source(Threshold t) {
        return t == null ? "no threshold" : t.key() + ", " + t.source();
    }

    /** A threshold's value, as a percentage where it is a share. */
    static String limit(Threshold t) {
        boolean share = t.key().startsWith("missing.") || t.key().endsWith("share");
        return share ? Numbers.percent(t.value()) : Numbers.number(t.value());
    }

    /** The measures of a finding as name = value pairs, for the findings table. */
    static String measured(Finding f) {
        return f.measures().entrySet().stream().filter(e -> !e.getKey().startsWith("count:"))
                .map(e -> e.getKey() + " = " + Numbers.number(e.getValue())).collect(Collectors.joining(", "));
    }

    /** What a recipe step does, in plain words. */
    static String action(Action a) {
        switch (a) {
            case IMPUTE_MEDIAN: return "fill gaps with the median of the training rows";
            case IMPUTE_MOST_FREQUENT: return "fill gaps with the most common value of the training rows";
            case IMPUTE_MODEL: return "fill gaps with a small model fitted on the training rows";
            case ADD_MISSING_INDICATOR: return "add a yes/no column saying the value was missing";
            case DROP_COLUMN: return "drop the column";
            case LOG_TRANSFORM_TARGET: return "predict the log of the target";
            case CLASS_WEIGHTS: return "weight the rare classes more";
            default: return "keep as is";
        }
    }

    /**
     * The findings in a few plain words for a status line, grouped by what they are, e.g. "missing values in
     * Horsepower; columns that move together in Cylinders, Displacement and Weight_in_lbs". No raw codes.
     */
    static String list(List<Finding> findings) {
        Map<String, Set<String>> columnsByWhat = new LinkedHashMap<>();
        for (Finding f : findings) {
            columnsByWhat.computeIfAbsent(words(f.code(), f.check()), w -> new LinkedHashSet<>()).addAll(f.columns());
        }
        List<String> parts = new ArrayList<>();
        columnsByWhat.forEach((what, columns) -> parts.add(what + (columns.isEmpty() ? "" : " in " + names(columns))));
        return String.join("; ", parts);
    }

    /** Why a recipe step is there, in words: the finding that called for it, or the user's own flag. */
    static String reason(String code) {
        return code.equals("requested") ? "you asked for it (--column)" : words(code, code.toLowerCase().replace('_', ' '));
    }

    /** What a finding is about, in words a learner knows; {@code fallback} for a code with no words yet. */
    private static String words(String code, String fallback) {
        if (code.equals("MISSING_MARKER")) {
            return "text that other tools read as missing";
        }
        if (code.startsWith("MISSING_")) {
            return "missing values";
        }
        if (code.startsWith("TARGET_IMBALANCE")) {
            return "unbalanced classes";
        }
        if (code.startsWith("TARGET_SKEW")) {
            return "a lopsided target";
        }
        if (code.startsWith("SKEWED")) {
            return "lopsided columns";
        }
        if (code.startsWith("OUTLIERS")) {
            return "many outliers";
        }
        return switch (code) {
            case "SHAPE_TOO_FEW_ROWS" -> "too few rows to learn from";
            case "SHAPE_FEW_ROWS_PER_FEATURE" -> "few rows for the number of columns";
            case "LIKELY_IDENTIFIER" -> "a column that looks like an identifier";
            case "TEXT_MANY_VALUES" -> "text with too many different values";
            case "NUMBER_AS_TEXT" -> "numbers stored as text";
            case "TARGET_MISSING", "TARGET_MISSING_ROWS_DROPPED" -> "rows with no target";
            case "TARGET_CONSTANT" -> "a target with one value";
            case "DUPLICATE_ROWS", "DUPLICATE_ROWS_FEW" -> "duplicate rows";
            case "DUPLICATE_ID" -> "repeated identifiers";
            case "ZERO_VARIANCE" -> "constant columns";
            case "DOMINANT_VALUE" -> "columns with one value in almost every row";
            case "HIGH_CORRELATION", "MOST_CORRELATED_PAIR" -> "columns that move together";
            case "SAME_FORM" -> "columns that repeat another column in another form";
            case "LEAKAGE_AUC" -> "possible leakage (one column alone sorts the classes with an AUC above the limit)";
            case "LEAKAGE_CORRELATION" -> "possible leakage (a column follows the target almost exactly)";
            case "TIME_GAPS" -> "gaps in the time column";
            case "TIME_UNORDERED" -> "rows out of time order";
            default -> fallback;
        };
    }

    /** Up to five names, then how many more. */
    private static String names(Set<String> columns) {
        List<String> all = new ArrayList<>(columns);
        if (all.size() > 5) {
            return String.join(", ", all.subList(0, 5)) + " and " + (all.size() - 5) + " more";
        }
        return all.size() == 1 ? all.get(0)
                : String.join(", ", all.subList(0, all.size() - 1)) + " and " + all.get(all.size() - 1);
    }
}
