package org.sealbook.toolkit.stage;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.sealbook.toolkit.data.DataCheckResult;
import org.sealbook.toolkit.data.Finding;
import org.sealbook.toolkit.explain.Explainer;
import org.sealbook.toolkit.explain.Numbers;
import org.sealbook.toolkit.hypothesis.Contract;
import org.sealbook.toolkit.hypothesis.Family;
import org.sealbook.toolkit.hypothesis.Metric;
import org.sealbook.toolkit.hypothesis.SplitBalance;
import org.sealbook.toolkit.hypothesis.SplitStrategy;
import org.sealbook.toolkit.hypothesis.Splits;
import org.sealbook.toolkit.pipeline.FrontEnd;

/** The hypothesis stage's sentences, each about this data and with every number taken from the contract. */
final class HypothesisText {
    private final Contract c;
    private final Explainer explainer;
    private final FrontEnd names;

    HypothesisText(Contract contract, Explainer explainer, FrontEnd names) {
        this.c = contract;
        this.explainer = explainer;
        this.names = names;
    }

    String splitSentence(int rows, Splits splits) {
        return "the " + rows + " rows with a target go into a " + explainer.term("training set") + " of "
                + splits.train().length + ", a " + explainer.term("validation set") + " of " + splits.validation().length
                + " and a " + explainer.term("test set") + " of " + splits.test().length + " rows ("
                + Numbers.percent(c.ratios().train()) + " / " + Numbers.percent(c.ratios().validation()) + " / " + Numbers.percent(c.ratios().test()) + ").";
    }

    String seedSentence() {
        return "Every random choice uses the " + explainer.term("seed") + " " + c.seed()
                + ", so running this again gives the same rows in the same splits.";
    }

    String splitReason(DataCheckResult check, int classes) {
        return switch (c.split()) {
            case TIME -> "Your data has a date column (" + c.timeColumn() + "), so a random split would let the model "
                    + "see the future: it would learn from rows dated after the ones it is tested on, and look better "
                    + "than it will be. I ordered the rows by " + c.timeColumn() + ": the earliest go to training, the "
                    + "next to validation and the latest to test, and rows with the same date stay together.";
            case STRATIFIED -> "The classes of " + c.target() + " are unbalanced (" + classShares(check)
                    + "), so I used a " + explainer.term("stratified split") + ": every split keeps the same share of "
                    + "each class, and the rare class cannot be missing from validation or test by bad luck.";
            case GROUP -> "Rows that share a value of " + c.groupColumn() + " belong together, so a group split keeps "
                    + "each " + c.groupColumn() + " in one split only: the model is then tested on groups it has never "
                    + "seen, as it will be in use.";
            case RANDOM -> (c.task().equals("classification")
                    ? "The " + classes + " classes of " + c.target() + " are close enough in size (" + classShares(check) + ")"
                    : "The target " + c.target() + " is a number") + " and the rows have no order or groups to respect, "
                    + "so a random split, shuffled with the seed, is fair.";
        };
    }

    /**
     * One sentence on a class that has no rows in some split: its numbers, what that means and what to do, e.g. "The
     * class rare has 2 rows in all, but none in the validation or test rows (both are in training), so ...".
     */
    String absentClassSentence(SplitBalance.Absence a) {
        List<String> missing = a.missingFrom();
        String where = a.presentIn().size() == 1 ? (a.total() == 1 ? "its one row is" : a.total() == 2 ? "both are"
                : "all " + a.total() + " are") + " in " + splitName(a.presentIn().get(0))
                : a.presentIn().stream().map(sp -> a.countBySplit().get(sp) + " in " + splitName(sp))
                .collect(Collectors.joining(", "));
        String meaning = missing.contains("train")
                ? "so the model cannot learn " + a.label() + " at all: it will never predict it, and every "
                + a.label() + " row it is scored on counts as a miss"
                : "so the model is never checked on " + a.label() + ": scores on the " + splitList(missing, " and ")
                + " rows say nothing about how it does on " + a.label();
        int needed = Splits.NAMES.size();
        String fix = c.split() != SplitStrategy.STRATIFIED && a.total() >= needed
                ? "run " + names.call("hypothesize", "--split", "stratified") + ", which puts at least one row of "
                + "every class with " + needed + " or more rows in each split" + (c.split() == SplitStrategy.TIME
                ? " (but no longer keeps the future out of training)" : c.split() == SplitStrategy.GROUP
                ? " (but no longer keeps each " + c.groupColumn() + " in one split)" : "") + ", or add more rows of "
                + a.label()
                : "add more rows of " + a.label() + " (with " + a.total() + " it cannot have a row in each of the "
                + needed + " splits)";
        return "The " + explainer.term("class") + " " + a.label() + " of the target " + c.target() + " has "
                + Numbers.count(a.total(), "row") + " in all, but none in the " + splitList(missing, " or ")
                + " rows (" + where + "), " + meaning + ". To fix it, " + fix + ", or merge " + a.label()
                + " into a similar class in the data and run " + names.stage("data_check") + " again.";
    }

    private static String splitName(String split) {
        return split.equals("train") ? "training" : split;
    }

    private static String splitList(List<String> splits, String joiner) {
        return splits.stream().map(HypothesisText::splitName).collect(Collectors.joining(joiner));
    }

    String featuresSentence() {
        return "A model may use " + c.features().size() + " " + explainer.term("feature") + (c.features().size() == 1 ? "" : "s")
                + ": " + String.join(", ", c.features()) + "."
                + (c.excluded().isEmpty() ? "" : " " + c.excluded().size() + " column"
                + (c.excluded().size() == 1 ? " is" : "s are") + " left out, each for the reason in the table below.");
    }

    String familiesSentence(boolean baselineAsked) {
        String list = c.families().stream().map(HypothesisText::family).collect(Collectors.joining(", "));
        return "Each " + explainer.term("experiment") + " may use one of these model families, simplest first: " + list + "."
                + (baselineAsked ? "" : " (The baseline is always included: it is what every model must beat.)")
                + " To keep each model's " + explainer.term("complexity") + " in bounds, a "
                + explainer.term("neural network") + " may have at most " + c.maxParameters() + " weights, and a forest "
                + "or boosted model at most " + c.maxTreesTimesDepth() + " trees times depth (for example "
                + (c.maxTreesTimesDepth() / 10) + " trees of depth 10).";
    }

    String metricsSentence() {
        Metric p = c.primary();
        String others = c.secondary().stream().map(Metric::label).collect(Collectors.joining(", "));
        return "Experiments are compared by one locked " + explainer.term("metric") + ", " + p.label() + " ("
                + p.meaning() + "; " + p.direction() + " is better)" + (others.isEmpty() ? "" : ", and also report "
                + others) + ". A model counts as better than the " + explainer.term("baseline") + " only if it improves "
                + p.label() + " by at least " + Numbers.percent(c.practicalThreshold()) + " of the baseline's score; smaller gains "
                + "are too small to matter or to trust.";
    }

    String gapSentence() {
        return "A model whose training score is more than " + Numbers.percent(c.maxGap()) + " better than its validation score has "
                + "learned its training rows by heart, which is called " + explainer.term("overfitting")
                + "; such a result will not count as a success.";
    }

    String transformSentence() {
        return c.targetTransform().equals("log")
                ? "The data check locked a log transform of " + c.target() + ", so models predict its log and scores are "
                + "computed back on the original scale."
                : "The target " + c.target() + " is used as it is, as the data check locked it.";
    }

    String testLockSentence(int testRows) {
        return "The " + testRows + " test rows are locked: no experiment reads them; only the report's final evaluation ("
                + names.call("report", "--final") + ") reads them, once, so the final score is a fair surprise rather "
                + "than something tuned for.";
    }

    /** "benign 357 (63%), malignant 212 (37%)" from the class counts the data check recorded. */
    private static String classShares(DataCheckResult check) {
        for (Finding f : check.findings()) {
            if (!f.check().equals("target")) {
                continue;
            }
            Map<String, Double> m = f.measures();
            double total = m.keySet().stream().filter(k -> k.startsWith("count:")).mapToDouble(m::get).sum();
            String shares = m.keySet().stream().filter(k -> k.startsWith("count:"))
                    .map(k -> k.substring(6) + " " + m.get(k).longValue() + " (" + Numbers.percent(m.get(k) / total) + ")")
                    .collect(Collectors.joining(", "));
            if (!shares.isEmpty()) {
                return shares;
            }
        }
        return "see the table below";
    }

    private static String family(Family f) {
        return switch (f) {
            case BASELINE -> "baseline (a guess that ignores the features)";
            case LINEAR -> "linear (a weighted sum of the features)";
            case RANDOM_FOREST -> "random forest";
            case GRADIENT_BOOSTING -> "gradient boosting";
            case MLP -> "a small neural network";
        };
    }
}
