package org.sealbook.toolkit.stage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.sealbook.toolkit.chart.BarChart;
import org.sealbook.toolkit.chart.LineChart;
import org.sealbook.toolkit.explain.Explainer;
import org.sealbook.toolkit.explain.Numbers;
import org.sealbook.toolkit.hypothesis.Metric;
import org.sealbook.toolkit.pipeline.FrontEnd;
import org.sealbook.toolkit.pipeline.StageOutcome;
import org.sealbook.toolkit.pipeline.Status;
import org.sealbook.toolkit.prepare.TrainingData;
import org.sealbook.toolkit.sweep.Importance;
import org.sealbook.toolkit.sweep.Observation;
import org.sealbook.toolkit.sweep.Range;
import org.sealbook.toolkit.sweep.Sweep;
import org.sealbook.toolkit.sweep.SweepResult;
import org.sealbook.toolkit.sweep.SweepSpec;
import org.sealbook.toolkit.sweep.Trial;
import org.sealbook.toolkit.view.View;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** What the sweep stage says: its plan before it starts, and its summary, figures and status when it ends. */
final class SweepText {
    /** How many of the best trials the summary lists. */
    static final int BEST_SHOWN = 5;

    private SweepText() {
    }

    static String plan(SweepSpec spec, TrainingData data, Explainer explainer, FrontEnd names) {
        String searched = spec.space().ranges().entrySet().stream()
                .map(e -> e.getKey() + " in " + e.getValue().describe()).collect(Collectors.joining("; "));
        String fixed = spec.fixed().isEmpty() ? "" : " Every trial keeps " + spec.fixed().entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")) + ".";
        String how = switch (spec.strategy()) {
            case "grid" -> "trying every combination of the listed values in order, a " + explainer.term("grid search");
            case "random" -> "choosing each " + explainer.term("trial") + "'s settings at random, a "
                    + explainer.term("random search");
            default -> "choosing each " + explainer.term("trial") + "'s settings from how the earlier ones scored, a "
                    + explainer.term("Bayesian search");
        };
        String early = spec.asha() ? " Weak trials stop early (" + explainer.term("successive halving")
                + "): at " + spec.minSteps() + " steps and every " + spec.eta() + " times that, a trial goes on only "
                + "when its score is in the best 1 in " + spec.eta() + " seen at that point." : "";
        String patience = spec.patience() > 0 ? " It also stops once " + spec.patience() + " trials in a row bring no "
                + "better score." : "";
        return "I am searching the " + explainer.term("search space") + " of " + spec.family().label() + ": " + searched
                + "." + fixed + " I train up to " + spec.trials() + " trials, " + spec.concurrency() + " at a time, "
                + how + "; each trains on " + data.train().rows() + " training rows and is scored by "
                + data.contract().primary().label() + " on the " + data.validation().rows() + " "
                + explainer.term("validation set") + " rows." + early + " The time budget is "
                + Numbers.number(spec.maxMinutes()) + " minutes: no trial starts in its last tenth, and running trials "
                + "stop at its end." + patience + " The sweep's plan is sealed in sweep.json with seed " + spec.seed()
                + ". " + (names.isNotebook() ? "This cell returns now. " : "") + names.call("sweep", "status")
                + " shows where each trial stands and " + names.call("sweep", "stop") + " ends the sweep; each trial "
                + "saves a " + explainer.term("checkpoint") + " as it trains.";
    }

    /** The best trials, how much each setting mattered, and the score against the time spent. */
    static void summary(View view, Sweep sweep, Explainer explainer, FrontEnd names) {
        Metric primary = sweep.primary();
        List<Trial> trials = sweep.trials();
        List<Trial> scored = trials.stream().filter(Trial::scored).toList();
        Comparator<Trial> best = Comparator.comparingDouble(t -> primary.higherIsBetter() ? -t.score() : t.score());
        List<Trial> ranked = scored.stream().sorted(best).toList();
        view.table("Best trials of sweep " + sweep.id(), bestTable(ranked.subList(0, Math.min(BEST_SHOWN,
                ranked.size())), primary));
        importance(view, sweep, scored, explainer);
        if (!scored.isEmpty()) { // a chart with no finite score has nothing to draw
            view.figure(scoreAgainstTime(sweep, trials, primary));
        }
        if (!ranked.isEmpty()) {
            Trial top = ranked.get(0);
            Trial worst = ranked.get(ranked.size() - 1);
            view.explain("What it means", "The best trial, " + top.trial() + " (" + settings(top.settings())
                    + "), scored " + primary.label() + " " + Numbers.number(top.score()) + " on the validation rows"
                    + (ranked.size() > 1 ? "; the weakest of the " + ranked.size() + " scored trials scored "
                    + Numbers.number(worst.score()) + ", so the settings moved the score by "
                    + Numbers.number(Math.abs(top.score() - worst.score())) + "." : ".")
                    + " These are validation scores: the more trials a sweep tries, the more the best one's score is "
                    + "flattered by luck, so judge it against a plan's runs before trusting it.");
            view.explain("What to do next", "Carry the best settings into a plan: run "
                    + names.stage("design_experiments") + " with an experiment such as exp_010: "
                    + sweep.spec().family().label() + " " + settings(top.settings()).replace(" ", "=")
                    .replace(",=", " ") + ", then " + names.stage("train") + " and " + names.stage("report") + ".");
        }
    }

    private static void importance(View view, Sweep sweep, List<Trial> scored, Explainer explainer) {
        String term = explainer.term("parameter importance");
        long complete = scored.stream().filter(t -> !t.stoppedEarly()).count();
        if (complete < Importance.MIN_TRIALS) {
            long cut = scored.size() - complete;
            view.explain("How much each setting mattered", "I do not show the " + term + ": it needs at least "
                    + Importance.MIN_TRIALS + " trials that trained to the end to tell a setting's effect from chance, "
                    + "and this sweep has " + complete + (cut > 0 ? " (" + cut + " more were stopped early, and a "
                    + "score from an early checkpoint is not comparable with a finished one)" : "") + ". Give the "
                    + "sweep more trials to see it.");
            return;
        }
        List<Observation> observations = new ArrayList<>();
        for (Trial t : scored) {
            Map<String, Object> searched = new java.util.LinkedHashMap<>();
            sweep.spec().space().ranges().keySet().forEach(k -> searched.put(k, t.settings().get(k)));
            observations.add(new Observation(searched, sweep.primary().higherIsBetter() ? t.score() : -t.score(),
                    !t.stoppedEarly()));
        }
        Map<String, Double> shares = Importance.of(sweep.spec().space(), observations, sweep.spec().seed());
        if (shares.isEmpty()) {
            view.explain("How much each setting mattered", "The " + term + " could not be computed from these "
                    + scored.size() + " trials.");
            return;
        }
        List<String> names = new ArrayList<>(shares.keySet());
        double[] percent = names.stream().mapToDouble(n -> 100 * shares.get(n)).toArray();
        view.figure(BarChart.of("How much each setting mattered", names, percent).axes("setting",
                "share of the spread in scores").percent().draw("Bars: the share of the spread in trial scores each "
                + "setting explains; the largest is " + names.get(0) + " at " + Numbers.percent(shares.get(names.get(0)))
                + "."));
        double rest = 1 - shares.values().stream().mapToDouble(Double::doubleValue).sum();
        view.explain("How much each setting mattered", names.get(0) + " explains " + Numbers.percent(shares.get(
                names.get(0))) + " of the spread in the " + scored.size() + " trials' scores" + (names.size() > 1
                ? ", " + names.get(names.size() - 1) + " " + Numbers.percent(shares.get(names.get(names.size() - 1)))
                : "") + "; the other " + Numbers.percent(Math.max(0, rest)) + " comes from settings acting together "
                + "and from chance. Search the settings that matter more finely, and fix the others.");
    }

    private static org.sealbook.toolkit.view.Figure scoreAgainstTime(Sweep sweep, List<Trial> trials, Metric primary) {
        double[] x = new double[trials.size()];
        double[] each = new double[trials.size()];
        double[] bestSoFar = new double[trials.size()];
        double spent = 0;
        double best = Double.NaN;
        for (int i = 0; i < trials.size(); i++) {
            Trial t = trials.get(i);
            spent += t.seconds();
            x[i] = spent;
            each[i] = t.scored() ? t.score() : Double.NaN;
            if (t.scored() && (Double.isNaN(best) || (primary.higherIsBetter() ? t.score() > best : t.score() < best))) {
                best = t.score();
            }
            bestSoFar[i] = best;
        }
        return LineChart.of("Score against compute spent").axes("training seconds spent, all trials",
                        "validation " + primary.label())
                .line("each trial", x, each, 1, true).line("best so far", x, bestSoFar, 0, false)
                .draw("Lines: each trial's validation " + primary.label() + " and the best so far, against the "
                        + "training seconds all trials had spent when it ended (" + Numbers.duration(spent) + " in all).");
    }

    private static Table bestTable(List<Trial> trials, Metric primary) {
        StringColumn id = StringColumn.create("trial");
        StringColumn settings = StringColumn.create("settings");
        StringColumn status = StringColumn.create("status");
        StringColumn score = StringColumn.create("validation " + primary.label());
        StringColumn steps = StringColumn.create("steps");
        StringColumn time = StringColumn.create("time");
        for (Trial t : trials) {
            id.append(t.trial());
            settings.append(settings(t.settings()));
            status.append(t.stoppedEarly() ? "stopped early at step " + t.rung() : t.status());
            score.append(Numbers.cell(t.score()));
            steps.append(String.valueOf(t.steps()));
            time.append(Numbers.duration(t.seconds()));
        }
        return Table.create("Best trials", id, settings, status, score, steps, time);
    }


    /** Settings as a reader writes them: a searched number to 4 significant digits (0.03289, not 0.03288600079966011). */
    static String settings(Map<String, Object> settings) {
        return settings.entrySet().stream().map(e -> e.getKey() + " " + (e.getValue() instanceof Double d
                ? Numbers.number(d) : e.getValue())).collect(Collectors.joining(", "));
    }

    static StageOutcome outcome(Sweep sweep, SweepResult result, FrontEnd names) {
        List<Trial> trials = sweep.trials();
        long scored = trials.stream().filter(Trial::scored).count();
        long cutEarly = trials.stream().filter(t -> t.stoppedEarly()).count();
        String ended = "Sweep " + sweep.id() + " ended because " + result.stopSentence() + "; " + scored + " of "
                + trials.size() + " trials have a score" + (cutEarly > 0 ? " (" + cutEarly + " of them stopped early "
                + "at a checkpoint, using " + Numbers.percent(compute(trials, sweep.spec())) + " of the steps that "
                + "training every trial to the end takes)" : "");
        if (scored == 0) {
            return new StageOutcome(Status.DONE_WITH_CONCERNS, ended + ", so there is no best setting to carry on; "
                    + "read the trials' sentences with " + names.call("sweep", "status") + ".");
        }
        boolean cut = result.stopRule().equals("budget") || result.stopRule().equals("stopped");
        return new StageOutcome(cut || scored < trials.size() ? Status.DONE_WITH_CONCERNS : Status.DONE, ended
                + ", and the best is " + result.best() + (cut ? "; the sweep did not run to its end, so a better "
                + "setting may be untried." : "."));
    }

    /** The steps the trials took, as a share of the steps they would have taken had none stopped early. */
    static double compute(List<Trial> trials, SweepSpec spec) {
        double taken = trials.stream().mapToDouble(Trial::steps).sum();
        double full = trials.stream().mapToDouble(t -> t.stoppedEarly() ? spec.maxSteps() : t.steps())
                .sum();
        return full > 0 ? taken / full : 1;
    }

    static StageOutcome blocked(Sweep sweep, FrontEnd names) {
        return new StageOutcome(Status.BLOCKED, "Sweep " + sweep.id() + " ended but its results could not be sealed "
                + "(a sealed file changed while it ran, or its files could not be read back; the warnings above say "
                + "which), so they do not count; run " + names.stage("sweep") + " again.");
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file + " to seal it; check the folder's permissions "
                    + "and run the sweep again.", e);
        }
    }

    /** A range's first value: the first choice, or the low end. */
    static Object firstValue(Range range) {
        if (range instanceof Range.Choice c) {
            return c.values().get(0);
        }
        if (range instanceof Range.IntUniform i) {
            return i.lo();
        }
        return range instanceof Range.Uniform u ? u.lo() : ((Range.LogUniform) range).lo();
    }
}
