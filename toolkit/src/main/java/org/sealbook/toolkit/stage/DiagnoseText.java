package org.sealbook.toolkit.stage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.sealbook.toolkit.diagnose.Cause;
import org.sealbook.toolkit.diagnose.CurveFigures;
import org.sealbook.toolkit.diagnose.CurveReading;
import org.sealbook.toolkit.diagnose.CurveRules;
import org.sealbook.toolkit.diagnose.SplitShift;
import org.sealbook.toolkit.diagnose.Smoothing;
import org.sealbook.toolkit.diagnose.Verdict;
import org.sealbook.toolkit.explain.Explainer;
import org.sealbook.toolkit.explain.Numbers;
import org.sealbook.toolkit.pipeline.StageRun;
import org.sealbook.toolkit.view.View;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What {@code %diagnose} says, in the order a reader needs it: what was read and how, each run's verdict with the
 * rule behind it and its curves, whether the splits look alike, the causes strongest first, and what to try first.
 * Every number comes from the verdicts' and causes' own numbers; every term goes through the explainer.
 */
final class DiagnoseText {
    private DiagnoseText() {
    }

    /** The most learning-curve charts one diagnosis draws. */
    static final int MOST_DRAWN = 8;

    static void show(StageRun run, String what, List<CurveReading> readings, Optional<SplitShift> shift,
                     List<Cause> causes) {
        View view = run.view();
        Explainer words = run.explainer();
        view.explain("What I read", "I read the " + words.term("learning curve") + " of "
                + Numbers.count(readings.size(), "run") + " in " + what + ": the " + words.term("loss")
                + " on the training rows and on the validation rows at each step. Each curve was smoothed ("
                + words.term("smoothing") + ") with the median of up to " + Smoothing.WIDEST + " neighbouring steps, "
                + "so one noisy step decides nothing, and judged by the rules in the table below; each rule says the "
                + "threshold it used and the numbers it measured.");
        view.table("Verdicts", verdictTable(readings));
        // a sweep has dozens of runs: chart the ones with a problem first, up to MOST_DRAWN, so the page stays readable
        List<CurveReading> drawn = readings.stream().filter(r -> r.main() != null)
                .sorted(java.util.Comparator.comparing((CurveReading r) -> r.verdicts().stream()
                        .noneMatch(v -> v.verdict().isProblem()))).limit(MOST_DRAWN).toList();
        for (CurveReading reading : readings) {
            if (reading.main() == null) {
                view.explain(reading.run(), reading.run() + " was not judged: " + reading.unread() + ".");
                continue;
            }
            StringBuilder text = new StringBuilder();
            for (Verdict v : reading.verdicts()) {
                text.append(text.length() == 0 ? "" : " ").append(capital(words.term(v.verdict().words())))
                        .append(". ").append(v.sentence()).append(" (Rule: ").append(v.rule()).append("; threshold: ")
                        .append(v.threshold()).append(".)");
            }
            view.explain(reading.run(), text.toString());
            if (drawn.contains(reading)) {
                CurveFigures.draw(reading).ifPresent(view::figure);
            }
        }
        long undrawn = readings.stream().filter(r -> r.main() != null).count() - drawn.size();
        if (undrawn > 0) {
            view.explain("Curves not drawn", "I drew the curves of " + Numbers.count(drawn.size(), "run")
                    + ", those with a problem first, and not the other " + undrawn + ", whose verdicts are above; "
                    + run.names().call("diagnose", "RUN") + " draws one run's curves.");
        }
        shift.ifPresent(s -> view.explain("Are the validation rows like the training rows?", splitWords(s, words)));
        if (causes.isEmpty()) {
            view.explain("Causes", "No cause was found: every curve that could be read is healthy and nothing in the "
                    + "sealed records points to a problem, so there is nothing to fix before the next stage.");
            return;
        }
        view.table("Causes, strongest first", causeTable(causes));
        Cause first = causes.get(0);
        view.explain("What to try first", capital(first.kind().words()) + (first.run() == null ? "" : " ("
                + first.run() + ")") + ": the glossary calls this " + words.term(first.kind().term()) + ". Try: " + first.attempt() + ". " + first.reason()
                + (causes.size() > 1 ? " The table lists " + Numbers.count(causes.size() - 1, "other cause")
                + ", each with its own try." : ""));
    }

    /** The status sentence: how many runs got which main verdict, and the strongest cause with its try. */
    static String summary(List<CurveReading> readings, List<Cause> causes) {
        Map<String, Long> counts = new LinkedHashMap<>();
        long unread = 0;
        for (CurveReading r : readings) {
            if (r.main() == null) {
                unread++;
            } else {
                counts.merge(r.main().verdict().words(), 1L, Long::sum);
            }
        }
        String verdicts = counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", "));
        String read = "I diagnosed " + Numbers.count(readings.size(), "run") + (verdicts.isEmpty() ? "" : ": "
                + verdicts) + (unread > 0 ? (verdicts.isEmpty() ? ": " : ", ") + unread + " too short to read" : "")
                + ".";
        if (causes.isEmpty()) {
            return read + (unread == readings.size() ? " No run logged the " + CurveRules.FEWEST_STEPS + " steps a curve "
                    + "needs, so there was nothing to judge; train one that learns step by step (a network or a "
                    + "boosted model) to read its curve." : " No cause to act on was found.");
        }
        Cause first = causes.get(0);
        return read + " The strongest cause is that " + first.kind().words() + (first.run() == null ? "" : " ("
                + first.run() + ")") + "; try " + first.attempt() + ".";
    }

    private static String splitWords(SplitShift s, Explainer words) {
        String columns = s.columns().stream().limit(3).map(c -> c.getKey() + " (" + Numbers.number(c.getValue()) + ")")
                .collect(Collectors.joining(", "));
        String meaning = s.auc() >= 0.65
                ? "the two splits differ, so part of any gap between training and validation scores is the split's doing"
                + ", not the model's"
                : "the validation rows look like the training rows, so the split does not explain a gap between "
                + "their scores; the model does";
        return "I trained a quick forest to tell training rows from validation rows (" + words.term("adversarial "
                + "validation") + "), cross-validated on " + Numbers.count(s.rows(), "row") + ". Its " + words.term("AUC")
                + " is " + Numbers.number(s.auc()) + " (0.5 means it could not tell them apart" + (s.auc() < 0.5
                ? "; on few rows a model that cannot tell them apart often lands a little below 0.5, since each row "
                + "it scores is missing from the rows it learned from" : "") + "): " + meaning + ". "
                + "The columns that tell them apart most on their own: " + columns + ".";
    }

    private static Table verdictTable(List<CurveReading> readings) {
        StringColumn run = StringColumn.create("run");
        DoubleColumn steps = DoubleColumn.create("steps");
        StringColumn verdict = StringColumn.create("verdict");
        StringColumn threshold = StringColumn.create("threshold");
        for (CurveReading r : readings) {
            run.append(r.run());
            steps.append(r.history().steps().size());
            verdict.append(r.main() == null ? "not judged" : r.verdicts().stream().map(v -> v.verdict().words())
                    .collect(Collectors.joining(", ")));
            threshold.append(r.main() == null ? r.unread() : r.main().threshold());
        }
        return Table.create("Verdicts", run, steps, verdict, threshold);
    }

    private static Table causeTable(List<Cause> causes) {
        StringColumn rank = StringColumn.create("rank");
        StringColumn cause = StringColumn.create("cause");
        StringColumn run = StringColumn.create("run");
        StringColumn strength = StringColumn.create("strength");
        StringColumn attempt = StringColumn.create("try");
        for (int i = 0; i < causes.size(); i++) {
            Cause c = causes.get(i);
            rank.append(String.valueOf(i + 1));
            cause.append(c.kind().words());
            run.append(c.run() == null ? "all" : c.run());
            strength.append(Numbers.number(c.strength()));
            attempt.append(c.attempt());
        }
        return Table.create("Causes", rank, cause, run, strength, attempt);
    }

    private static String capital(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
