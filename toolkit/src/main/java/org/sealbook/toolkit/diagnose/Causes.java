package org.sealbook.toolkit.diagnose;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sealbook.toolkit.explain.Numbers;

/**
 * The causes the curves themselves point to, and the ranking of every cause, the data's included. A curve verdict
 * names what happened; its cause is the usual reason for it, with a strength read from the verdict's own numbers:
 * a loss that broke down or swung points to a learning rate too high, a validation loss that rose after its best to
 * training for too long, a flat start to a model too simple, a loss still falling to a run stopped too soon.
 * Usage: {@code List<Cause> ranked = Causes.rank(all);}
 */
public final class Causes {
    /** A broken-down loss points to the learning rate about as surely as anything a curve shows. */
    static final double BROKEN_STRENGTH = 0.9;
    /** A plateau wastes steps but rarely explains a bad score: its strength never passes this. */
    static final double PLATEAU_CEILING = 0.5;

    private Causes() {
    }

    /** The causes each run's verdicts point to, one per run and kind. */
    static List<Cause> fromCurves(List<CurveReading> readings, Tries tries) {
        List<Cause> causes = new ArrayList<>();
        for (CurveReading reading : readings) {
            String run = reading.run();
            for (Verdict v : reading.verdicts()) {
                Map<String, Double> n = v.numbers();
                switch (v.verdict()) {
                    case NOT_A_NUMBER -> causes.add(new Cause(Cause.Kind.LEARNING_RATE, run, BROKEN_STRENGTH,
                            evidence(n, "learning_rate", lastLearningRate(reading)), run + "'s loss became not a "
                            + "number at step " + Numbers.number(n.get("step")), tries.lowerLearningRate(run,
                            lastLearningRate(reading)), null));
                    case DIVERGED -> causes.add(new Cause(Cause.Kind.LEARNING_RATE, run, BROKEN_STRENGTH,
                            evidence(n, "learning_rate", lastLearningRate(reading)), run + "'s loss ended at "
                            + Numbers.number(n.get("end")) + ", above its start (" + Numbers.number(n.get("start"))
                            + ") and " + Numbers.percent(n.get("rise")) + " above its lowest", tries.lowerLearningRate(
                            run, lastLearningRate(reading)), null));
                    case OSCILLATING -> causes.add(new Cause(Cause.Kind.LEARNING_RATE, run,
                            Math.min(1, n.get("swing") / (2 * CurveRules.SWING)), evidence(n, "learning_rate",
                            lastLearningRate(reading)), run + "'s loss swung by " + Numbers.percent(n.get("swing"))
                            + " of its value and changed direction on " + Numbers.percent(n.get("flips"))
                            + " of its steps", tries.lowerLearningRate(run, lastLearningRate(reading)), null));
                    case OVERFITTING -> causes.add(new Cause(Cause.Kind.TOO_MANY_STEPS, run,
                            Math.min(1, n.get("rise") / 0.5), n, run + "'s validation loss was lowest at step "
                            + Numbers.number(n.get("lowest_step")) + " and rose " + Numbers.percent(n.get("rise"))
                            + " after it while its training loss fell " + Numbers.percent(n.get("train_fall")),
                            stopAtBest(tries, run, n.get("lowest_step")), null));
                    case UNDERFITTING -> causes.add(new Cause(Cause.Kind.TOO_SIMPLE, run,
                            Math.max(0.3, 1 - n.get("train_fall") / CurveRules.FLAT_FALL), n, run
                            + "'s training loss fell only " + Numbers.percent(n.get("train_fall"))
                            + " over the whole run", tries.bigger(run), null));
                    case STILL_IMPROVING -> causes.add(new Cause(Cause.Kind.TOO_FEW_STEPS, run,
                            Math.min(1, n.get("fall") / (5 * CurveRules.STILL_FALLING)), n, run + "'s loss still fell "
                            + Numbers.percent(n.get("fall")) + " over its last steps, up to step "
                            + Numbers.number(n.get("end_step")), tries.steps(run, 2 * Math.round(n.get("end_step"))),
                            null));
                    case PLATEAU -> causes.add(new Cause(Cause.Kind.TOO_MANY_STEPS, run,
                            Math.min(PLATEAU_CEILING, n.get("stalled_steps") / Math.max(1, reading.history().steps()
                                    .size())), n, run + "'s loss did not improve in its last "
                            + Numbers.count(Math.round(n.get("stalled_steps")), "step"),
                            tries.steps(run, Math.round(n.get("stop_step"))), null));
                    case HEALTHY -> {
                    }
                }
            }
        }
        return causes;
    }

    /**
     * The causes strongest first, each with the reason for its place: its strength, the evidence that gave it, and
     * how it compares with the cause just above it. Equal strengths keep the order they were found in.
     */
    public static List<Cause> rank(List<Cause> causes) {
        List<Cause> sorted = new ArrayList<>(causes);
        sorted.sort(Comparator.comparingDouble(Cause::strength).reversed());
        List<Cause> ranked = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            Cause c = sorted.get(i);
            String place = i == 0 ? "It ranks first: its evidence is the strongest found (strength "
                    + Numbers.number(c.strength()) + " of 1)"
                    : "It ranks " + ordinal(i + 1) + ": strength " + Numbers.number(c.strength()) + ", "
                    + (c.strength() == sorted.get(i - 1).strength() ? "as strong as" : "weaker than")
                    + " the one above (" + Numbers.number(sorted.get(i - 1).strength()) + ")";
            ranked.add(c.because(place + ", because " + c.finding() + "."));
        }
        return ranked;
    }

    private static String stopAtBest(Tries tries, String run, double bestStep) {
        return tries.experiment(run) != null && !Tries.learnsWithSteps(tries.experiment(run).family())
                ? tries.smaller(run) : tries.steps(run, Math.round(bestStep));
    }

    /** The last learning rate the run logged, NaN when it logged none. */
    private static double lastLearningRate(CurveReading reading) {
        CurveHistory.Series rates = reading.history().series("learning_rate");
        return rates.size() == 0 ? Double.NaN : rates.y()[rates.size() - 1];
    }

    private static Map<String, Double> evidence(Map<String, Double> numbers, String key, double value) {
        Map<String, Double> out = new LinkedHashMap<>(numbers);
        out.put(key, value);
        return out;
    }

    private static String ordinal(int n) {
        return switch (n) {
            case 2 -> "second";
            case 3 -> "third";
            case 4 -> "fourth";
            case 5 -> "fifth";
            default -> n + (n % 10 == 1 && n % 100 != 11 ? "st" : n % 10 == 2 && n % 100 != 12 ? "nd"
                    : n % 10 == 3 && n % 100 != 13 ? "rd" : "th");
        };
    }
}
